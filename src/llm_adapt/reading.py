"""Reading inputs with a size limit: no input can make llm-adapt read (or hold) more than it.

A project file is a few KiB, so one input (a project file, a configuration, a rule file,
standard input, or one row of a JSONL or CSV table) may be at most `max_input_size()` bytes,
4 MiB unless LLM_ADAPT_MAX_INPUT_SIZE says otherwise. Reading stops one byte past the limit:
`assess /dev/zero` reads 4 MiB and says so, it does not fill the memory.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from llm_adapt.errors import InputError, Location, Problem, UserError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no named pipes to guard against
    fcntl = None  # type: ignore[assignment]

LIMIT_VARIABLE = "LLM_ADAPT_MAX_INPUT_SIZE"
DEFAULT_LIMIT = 4 * 1024 * 1024
_CHUNK = 64 * 1024
_SIZE = re.compile(r"^\s*(\d{1,15})\s*([KMG]?)i?B?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}


def max_input_size() -> int:
    """The limit in bytes: LLM_ADAPT_MAX_INPUT_SIZE (such as 16M, 500K or 1048576) or 4 MiB."""
    raw = os.environ.get(LIMIT_VARIABLE, "")
    if not raw.strip():
        return DEFAULT_LIMIT
    match = _SIZE.match(raw)
    if not match or int(match[1]) == 0:
        raise UserError(
            f"{LIMIT_VARIABLE}={raw!r}: give a size in bytes, optionally with K, M or G "
            "(such as 16M)"
        )
    return int(match[1]) * _UNITS[match[2].upper()]


def size_text(size: int) -> str:
    for unit, factor in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"


def too_large(what: str, limit: int) -> str:
    """The message for an input over the limit: what the limit is and how to raise it."""
    return (
        f"{what} is larger than the {size_text(limit)} limit for one input; "
        f"set {LIMIT_VARIABLE} (such as {LIMIT_VARIABLE}=64M) to raise it"
    )


def _nonblocking_open(path: Path, name: str) -> int:
    # O_NONBLOCK: opening a named pipe with no writer would otherwise wait forever. It is
    # cleared at once, so reading from a pipe that has a writer waits for its data.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError([Problem(Location(name), "no such file")]) from None
    except IsADirectoryError:
        raise InputError([Problem(Location(name), "is a directory")]) from None
    except OSError as exc:
        raise InputError([Problem(Location(name), f"cannot read: {exc.strerror}")]) from None
    if fcntl is None:  # pragma: no cover - Windows
        return fd
    with contextlib.suppress(OSError):
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
    return fd


def open_input(path: Path, name: str) -> BinaryIO:
    """A binary file for reading an input; never waits on a named pipe nobody writes to."""
    fd = _nonblocking_open(path, name)
    try:
        mode = os.fstat(fd).st_mode
    except OSError as exc:  # pragma: no cover - fstat of an open descriptor hardly fails
        os.close(fd)
        raise InputError([Problem(Location(name), f"cannot read: {exc.strerror}")]) from None
    if stat.S_ISDIR(mode):
        os.close(fd)
        raise InputError([Problem(Location(name), "is a directory")])
    return os.fdopen(fd, "rb")


def read_limited(read: Callable[[int], bytes], name: str, limit: int) -> bytes:
    """Read to the end, but never more than `limit` bytes (one more shows it was too large)."""
    parts: list[bytes] = []
    total = 0
    while total <= limit:
        try:
            chunk = read(min(_CHUNK, limit + 1 - total))
        except OSError as exc:
            raise InputError([Problem(Location(name), f"cannot read: {exc.strerror}")]) from None
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    if total > limit:
        raise InputError([Problem(Location(name), too_large("the file", limit))])
    return b"".join(parts)


def read_file(path: Path, name: str, limit: int | None = None) -> bytes:
    """The bytes of one input file, within the size limit."""
    limit = max_input_size() if limit is None else limit
    with open_input(path, name) as handle:
        data = read_limited(handle.read, name, limit)
        if not data and stat.S_ISFIFO(os.fstat(handle.fileno()).st_mode):
            raise InputError([Problem(Location(name), "a named pipe with nothing written to it")])
        return data


# --- decoding ----------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def _position(data: bytes, offset: int, first_line: int = 1) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", "replace")) + 1
    return first_line + data.count(b"\n", 0, offset), column


def _looks_utf16(data: bytes) -> bool:
    head = data[:200]
    return len(head) >= 4 and (head[1::2].count(0) > len(head) // 4
                               or head[0::2].count(0) > len(head) // 4)


def decode(data: bytes, name: str, *, first_line: int = 1) -> str:
    """UTF-8 text (a leading BOM is dropped); anything else is an error with its position."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            raise InputError([Problem(Location(name, first_line, 1),
                                      f"{encoding} text: save it as UTF-8")])
    try:
        # utf-8-sig: spreadsheet tools and some editors start UTF-8 files with a BOM.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if _looks_utf16(data):
            raise InputError([Problem(Location(name, first_line, 1),
                                      "UTF-16 text: save it as UTF-8")]) from None
        line, column = _position(data, exc.start, first_line)
        raise InputError([Problem(Location(name, line, column),
                                  f"not UTF-8 text (byte 0x{data[exc.start]:02x})")]) from None
    nul = text.find("\0")
    if nul >= 0:
        if _looks_utf16(data):
            raise InputError([Problem(Location(name, first_line, 1),
                                      "UTF-16 text: save it as UTF-8")])
        line = first_line + text.count("\n", 0, nul)
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        raise InputError([Problem(Location(name, line, column),
                                  "a NUL character (is this a binary file?)")])
    return text


def read_text(path: Path, name: str) -> str:
    """An input file's text: within the size limit, UTF-8, no NUL."""
    return decode(read_file(path, name), name)


# --- tables, a row at a time ---------------------------------------------------------------


class RowTooLarge(Exception):
    """A line of a table longer than the limit (the rest of it has been skipped)."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | RowTooLarge]]:
    """(line number, bytes) for each line of a table, each read within the limit; a line
    over the limit yields a RowTooLarge instead, and reading goes on after it."""
    number = 0
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # skip the rest of the line, a chunk at a time
                rest = handle.readline(_CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, RowTooLarge(number)
            continue
        yield number, line
