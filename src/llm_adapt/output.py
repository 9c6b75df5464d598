"""Writing files: atomically where that is safe, in place where it is not, never onto an input.

- A regular file (or a new path) is written to a temporary file in the same directory and
  renamed over it, so a reader sees the old file or the new one, never half. The new file gets
  the old one's mode, or 0666 less the umask (0644 under umask 022), as any program's would.
- A symbolic link is followed: its target is written, the link stays.
- A character device (/dev/null, /dev/stdout) or a named pipe is written in place: renaming a
  file over it would replace the device. A write error there (/dev/full) is an error.
- `-` is standard output.
- The temporary files of a write killed half-way (`.NAME.PID.*.tmp`) are removed by the next
  write of NAME once their process is gone.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from llm_adapt import reading
from llm_adapt.errors import UserError
from llm_adapt.escape import display_name

STDOUT = "-"
STALE_AFTER = 3600.0  # seconds: a temporary file this old is stale even if its pid is reused


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fail(path: Path | str, exc: OSError) -> UserError:
    return UserError(f"{display_name(str(path))}: cannot write: {exc.strerror or exc}")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _encode(text: str) -> bytes:
    return text.encode("utf-8", errors="backslashreplace")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, and belongs to someone else
        return True
    return True


def clean_stale_temporaries(path: Path, also: Iterable[str] = ()) -> None:
    """Remove `.NAME.PID.*.tmp` files left next to `path` by a write that was killed (for the
    file names in `also` too, in the same directory: one listing for a whole batch)."""
    directory = path.parent if str(path.parent) else Path(".")
    names = "|".join(re.escape(name) for name in {path.name, *also})
    pattern = re.compile(rf"^\.(?:{names})\.(\d+)\.[^/]*\.tmp$")
    try:
        entries = os.listdir(directory)
    except OSError:
        return
    now = time.time()
    for entry in entries:
        match = pattern.match(entry)
        if not match:
            continue
        candidate = directory / entry
        try:
            info = candidate.lstat()
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        pid = int(match[1])
        mine = pid == os.getpid()
        if (not mine and not _pid_alive(pid)) or now - info.st_mtime > STALE_AFTER:
            with contextlib.suppress(OSError):
                candidate.unlink()


def _write_in_place(path: Path, data: bytes, mode: int) -> None:
    """Write to a character device or a named pipe as it is (never replace it)."""
    flags = os.O_WRONLY | getattr(os, "O_CLOEXEC", 0)
    if stat.S_ISFIFO(mode):
        flags |= os.O_NONBLOCK  # no reader: fail at once rather than wait forever
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise UserError(f"{display_name(str(path))}: a named pipe with no reader") from None
        raise _fail(path, exc) from None
    try:
        if stat.S_ISFIFO(mode):
            os.set_blocking(fd, True)
        _write_all(fd, data)
    except OSError as exc:
        raise _fail(path, exc) from None
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)


def _replace(path: Path, data: bytes, existing: os.stat_result | None, clean: bool) -> None:
    """Write a regular file atomically: a temporary file, then a rename over the old one."""
    directory = path.parent if str(path.parent) else Path(".")
    if clean:
        clean_stale_temporaries(path)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp",
                                   dir=directory)
    except OSError as exc:
        raise _fail(path, exc) from None
    try:
        if existing is not None:
            os.fchmod(fd, stat.S_IMODE(existing.st_mode))
            if (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
                with contextlib.suppress(OSError):  # only root may give a file away
                    os.fchown(fd, existing.st_uid, existing.st_gid)
        else:
            os.fchmod(fd, 0o666 & ~_umask())
        _write_all(fd, data)
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(tmp, path)
    except BaseException as exc:
        if fd >= 0:
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _fail(path, exc) from None
        raise


def atomic_write(path: Path, text: str, *, clean: bool = True) -> None:
    """Write `text` to `path` (see the module's docstring for what kind of path gets what).

    `clean=False` leaves stale temporary files to the caller (a batch cleans them once)."""
    if str(path) == STDOUT:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        existing: os.stat_result | None = path.stat()  # through links: what gets written
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise _fail(path, exc) from None
    data = _encode(text)
    if existing is None or stat.S_ISREG(existing.st_mode):
        # A link to a file: replace the file it points to, in that file's directory.
        target = Path(os.path.realpath(path)) if path.is_symlink() else path
        _replace(target, data, existing, clean)
    elif stat.S_ISDIR(existing.st_mode):
        raise UserError(f"{display_name(str(path))}: is a directory; give a file name")
    elif stat.S_ISCHR(existing.st_mode) or stat.S_ISFIFO(existing.st_mode):
        # Opened by its own name: /dev/stdout -> /proc/self/fd/1 -> a pipe has no other one.
        _write_in_place(path, data, existing.st_mode)
    else:
        raise UserError(f"{display_name(str(path))}: not a regular file, a character device "
                        "or a named pipe; refusing to write to it")


def is_stdout(path: Path | None) -> bool:
    """Whether an --output names standard output (`-`)."""
    return path is not None and str(path) == STDOUT


def check_output_path(path: Path, option: str = "--output") -> None:
    """An --output value that cannot name a file is refused before any work is done."""
    if str(path) in ("", "."):
        raise UserError(f"{option}: give a file name (an empty name is the current directory)")
    if path.is_dir():
        raise UserError(f"{option} {display_name(str(path))}: is a directory; give a file name")


def refuse_inputs(target: Path, inputs: Iterable[Path], option: str = "--output") -> None:
    """Refuse to write over an input: the report would replace what it reports on."""
    try:
        out = target.stat()
    except OSError:
        return  # nothing there yet, so it is no input
    if not stat.S_ISREG(out.st_mode):
        return
    for source in inputs:
        try:
            info = source.stat()
        except OSError:
            continue
        if (info.st_dev, info.st_ino) == (out.st_dev, out.st_ino):
            raise UserError(
                f"{option} {display_name(str(target))} is one of the inputs "
                f"({display_name(str(source))}); it would be replaced by the report. "
                "Choose another file."
            )


def report_name(source: str, taken: set[str], extension: str) -> str:
    """A file name for one project's report, unique within a batch, also on file systems that
    ignore case (`taken` holds the case-folded names given so far)."""
    stem = source.replace("\\", "/").rsplit("/", 1)[-1]
    stem = re.sub(r"\.(ya?ml|jsonl|csv)(?=$|:)", "", stem)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.") or "project"
    name, n = stem, 2
    while (name + extension).casefold() in taken or name.casefold() in taken:
        name, n = f"{stem}-{n}", n + 1
    taken.add((name + extension).casefold())
    taken.add(name.casefold())
    return name + extension


# --- --output-dir --------------------------------------------------------------------------

MANIFEST = ".llm-adapt-reports.json"


class ReportDirectory:
    """The reports of one `assess --output-dir` run.

    Policy: llm-adapt overwrites only the files it wrote there itself (listed in the hidden
    manifest `.llm-adapt-reports.json`), and removes those of an earlier run that this run
    does not write again, so no stale report is left behind. Any other file in the way is an
    error, before anything is written: remove it, or choose another directory."""

    def __init__(self, directory: Path, inputs: Iterable[Path]) -> None:
        self.directory = directory
        self.inputs = list(inputs)
        self.previous = self._read_manifest()
        self.written: list[str] = []

    def _read_manifest(self) -> set[str]:
        path = self.directory / MANIFEST
        if not path.is_file():
            return set()
        try:
            data = json.loads(reading.read_file(path, str(path), 1024 * 1024))
            files = data.get("files", []) if isinstance(data, dict) else []
        except (ValueError, OSError, UserError):
            return set()
        # Plain names only: a manifest must not make llm-adapt delete anything elsewhere.
        return {n for n in files if isinstance(n, str) and n == Path(n).name
                and not n.startswith(".") and n not in ("", ".", "..")}

    def check(self, names: Iterable[str]) -> None:
        """Refuse the run if a report would replace a file llm-adapt did not write."""
        if self.directory.exists() and not self.directory.is_dir():
            raise UserError(f"--output-dir {display_name(str(self.directory))}: not a directory")
        ours = {n.casefold() for n in self.previous}
        names = list(names)
        clean_stale_temporaries(self.directory / MANIFEST, [*names, *self.previous])
        for name in names:
            path = self.directory / name
            refuse_inputs(path, self.inputs, "--output-dir")
            if (path.exists() or path.is_symlink()) and name.casefold() not in ours:
                raise UserError(
                    f"--output-dir: {display_name(str(path))} exists and was not written by "
                    "llm-adapt; remove it or choose another directory (llm-adapt overwrites "
                    "only its own reports)"
                )

    def write(self, name: str, text: str) -> None:
        atomic_write(self.directory / name, text, clean=False)  # cleaned once, in check()
        self.written.append(name)

    def keep(self) -> None:
        """A run that stopped part way: record its reports beside the earlier ones, remove
        nothing (the next run then overwrites them as its own)."""
        manifest = {"tool": "llm-adapt", "files": sorted({*self.previous, *self.written})}
        with contextlib.suppress(OSError, UserError):
            atomic_write(self.directory / MANIFEST, json.dumps(manifest, indent=2) + "\n")

    def finish(self) -> None:
        """Record what was written, and remove the reports of an earlier run not written now."""
        now = {n.casefold() for n in self.written}
        for name in sorted(self.previous):
            if name.casefold() in now:
                continue
            stale = self.directory / name
            with contextlib.suppress(OSError):
                if stat.S_ISREG(stale.lstat().st_mode):
                    stale.unlink()
        manifest = {"tool": "llm-adapt", "files": sorted(self.written)}
        atomic_write(self.directory / MANIFEST, json.dumps(manifest, indent=2) + "\n")
