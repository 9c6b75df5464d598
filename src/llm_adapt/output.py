"""Writing files: atomically (temporary file in the same directory, then rename)."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

from llm_adapt.errors import UserError


def atomic_write(path: Path, text: str) -> None:
    """Write `text` to `path` so that a reader sees the old file or the new one, never half."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise UserError(f"{path}: cannot write: {exc.strerror}") from exc
    try:
        with os.fdopen(
            fd, "w", encoding="utf-8", errors="backslashreplace", newline="\n"
        ) as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise UserError(f"{path}: cannot write: {exc.strerror}") from exc
        raise


def report_name(source: str, taken: set[str], extension: str) -> str:
    """A file name for one project's report, unique within a batch."""
    stem = source.replace("\\", "/").rsplit("/", 1)[-1]
    stem = re.sub(r"\.(ya?ml|jsonl|csv)(?=$|:)", "", stem)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.") or "project"
    name, n = stem, 2
    while name in taken:
        name, n = f"{stem}-{n}", n + 1
    taken.add(name)
    return name + extension
