"""One `ask` session per project file: a lock that says who holds it.

The project file itself is replaced at every save (a rename), so the lock is a separate hidden
file next to it, `.NAME.lock`, locked with flock(2). The kernel drops the lock when its
process ends, even on kill -9, so a lock file left behind never blocks anyone; it holds the
holder's pid, host and start time, for the message a second session gets.
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
from pathlib import Path

from llm_adapt.errors import UserError
from llm_adapt.escape import display_name, printable

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no locking, as before
    fcntl = None  # type: ignore[assignment]


class Locked(UserError):
    """Another session holds the file."""


def lock_path(path: Path) -> Path:
    return path.parent / f".{path.name}.lock"


class FileLock:
    """An exclusive lock on `path`, held from acquire() to release()."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = lock_path(path)
        self.fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise Locked naming the session that has it."""
        if fcntl is None:  # pragma: no cover - Windows
            return
        for _ in range(5):  # the holder may remove the file between our open and our lock
            try:
                self.lock.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(self.lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0),
                             0o644)
            except OSError:
                return  # a directory we cannot write to: saving will say so itself
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                holder = _read_holder(fd)
                os.close(fd)
                raise Locked(
                    f"{display_name(str(self.path))} is being edited by another llm-adapt ask"
                    f"{holder}; finish that session first (or work on a copy)"
                ) from None
            try:
                same = os.fstat(fd).st_ino == os.stat(self.lock).st_ino
            except OSError:
                same = False
            if not same:  # removed by its last holder meanwhile: lock the new one instead
                os.close(fd)
                continue
            os.ftruncate(fd, 0)
            started = time.strftime("%Y-%m-%d %H:%M:%S")
            os.write(fd, f"{os.getpid()} {socket.gethostname()} {started}\n".encode())
            self.fd = fd
            return

    def release(self) -> None:
        if self.fd is None:
            return
        with contextlib.suppress(OSError):
            os.unlink(self.lock)
        with contextlib.suppress(OSError):
            os.close(self.fd)
        self.fd = None

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(self, *_: object) -> None:
        self.release()


def _read_holder(fd: int) -> str:
    try:
        text = os.pread(fd, 200, 0).decode("utf-8", "replace").split()
    except OSError:
        return ""
    if len(text) >= 4 and text[0].isdigit():
        pid, host, day, clock = text[:4]
        return printable(f" (process {pid} on {host}, since {day} {clock})")
    return ""
