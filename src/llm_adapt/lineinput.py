"""Reading one answer at the terminal: line editing, long lines, and pastes kept together.

Without `readline`, the terminal's own line editing applies: a line stops at 4,095 characters
without a word, and arrow keys type escape sequences into the answer. With it, lines have no
length limit and the arrow keys edit. Bracketed paste (which readline turns on) hands over a
pasted block as one answer, newlines included; a terminal without it sends the lines one by
one, so what is still waiting right after a line is read is taken as part of the same paste.
Either way, a multi-line paste is one answer, and never answers the questions after it.
"""

from __future__ import annotations

import contextlib
import os
import select
import sys

try:
    import termios
except ImportError:  # pragma: no cover - Windows
    termios = None  # type: ignore[assignment]

_PASTE_SETTLE = 0.03  # seconds: a paste's next line arrives well within this


def enable_line_editing() -> None:
    """Line editing for input(): arrow keys, no line length limit, whole pastes."""
    try:
        import readline
    except ImportError:  # pragma: no cover - Python built without readline
        return
    with contextlib.suppress(Exception):  # libedit or an old readline may not know these
        readline.parse_and_bind("set enable-bracketed-paste on")
        readline.parse_and_bind("tab: tab-insert")  # no file-name completion in answers


def _pending_input(fd: int) -> str:
    """Whatever is already waiting on the terminal (the rest of a paste), read at once."""
    if termios is None or not os.isatty(fd):
        return ""
    try:
        saved = termios.tcgetattr(fd)
    except termios.error:
        return ""
    changed = list(saved)
    changed[3] &= ~termios.ICANON  # lflag: take bytes as they are, not whole lines
    changed[6] = list(saved[6])
    changed[6][termios.VMIN] = 0
    changed[6][termios.VTIME] = 0
    chunks: list[bytes] = []
    try:
        termios.tcsetattr(fd, termios.TCSANOW, changed)
        while select.select([fd], [], [], _PASTE_SETTLE)[0]:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            chunks.append(chunk)
    except (OSError, termios.error):
        pass
    finally:
        with contextlib.suppress(termios.error):
            termios.tcsetattr(fd, termios.TCSANOW, saved)
    text = b"".join(chunks).decode("utf-8", "replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_answer(prompt: str) -> str:
    """One answer typed (or pasted) at the prompt; a pasted block keeps its newlines."""
    line = input(prompt)
    rest = _pending_input(sys.stdin.fileno()) if sys.stdin.isatty() else ""
    if rest.strip():
        line = line + "\n" + rest.rstrip("\n")
    return line
