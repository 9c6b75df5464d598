"""The interview in docs/interview-transcript.md, replayed in a real terminal.

`python tests/transcript.py` runs the documented sessions (two `ask` runs with Ctrl-C between
them) in a temporary directory and rewrites the console block of the document with what the
screen showed; test_docs.py replays them and compares, so the transcript stays true.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pexpect
from conftest import ROOT, clean_env, console_script

DOC = ROOT / "docs" / "interview-transcript.md"
CTRL_C = None

# What is typed at each prompt of each session (None: Ctrl-C).
FIRST = [
    "Internal wiki Q&A", "Answers staff questions from the company wiki, with links",
    "3", "?", "2", "yes", "<", "", "-", "2,000,000", "doc", "some", "1", "some", CTRL_C,
]
SECOND = [
    "required", "few", "rarely", "low", "internal", "public", "y", "0", "-", "-", "-",
    "90%", "5k", "medium", "api", "low", "weeks", "none", "some",
]
SESSIONS: list[tuple[list[str], list[str | None]]] = [
    (["ask"], list(FIRST)),
    (["ask", "--resume", "internal-wiki-q-a.yaml", "--ask-skipped"], list(SECOND)),
]


def _session(args: list[str], typed: list[str | None], cwd: Path) -> str:
    log = io.StringIO()
    child = pexpect.spawn(console_script(), args, cwd=str(cwd), env=clean_env({"NO_COLOR": "1"}),
                          dimensions=(50, 100), encoding="utf-8", timeout=10)
    child.delaybeforesend = None
    child.logfile_read = log
    for text in typed:
        child.expect_exact("> ")
        if text is CTRL_C:
            child.sendintr()
        else:
            child.sendline(text)
    child.expect(pexpect.EOF)
    child.wait()
    child.ptyproc.delayafterclose = 0
    child.close()
    screen = re.sub(r"\x1b\[\?2004[hl]", "", log.getvalue())
    # A carriage return only moves the cursor to the start of the line; the screen shows none.
    screen = screen.replace("\r", "")
    # The terminal shows ^C where Ctrl-C was pressed (the line editor does not echo it).
    screen = screen.replace("> \nInterrupted.", "> ^C\nInterrupted.")
    shown = f"$ llm-adapt {' '.join(args)}\n{screen}"
    if child.exitstatus == 0:
        shown += "$ echo $?\n0\n"
    return shown


def console() -> str:
    """The console block: both sessions, the file between them, and the files at the end."""
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        (first_args, first), (second_args, second) = SESSIONS
        parts = [_session(first_args, first, cwd)]
        saved = (cwd / "internal-wiki-q-a.yaml").read_text(encoding="utf-8")
        parts.append(f"$ cat internal-wiki-q-a.yaml\n{saved}")
        parts.append(_session(second_args, second, cwd))
        listing = subprocess.run(["ls"], cwd=cwd, capture_output=True, text=True, check=True)
        parts.append(f"$ ls\n{listing.stdout}")
    return "".join(parts)


def documented() -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index("```console\n") + len("```console\n")
    return text[start : text.index("```\n", start)]


def main() -> int:
    text = DOC.read_text(encoding="utf-8")
    DOC.write_text(text.replace(documented(), console(), 1), encoding="utf-8")
    print(f"{DOC.relative_to(ROOT)}: console block rewritten from a real session")
    return 0


if __name__ == "__main__":
    sys.exit(main())
