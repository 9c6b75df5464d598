"""Making text from inputs safe to show: in a terminal, a CI log, Markdown, JSON or XML.

Input data (file names, project text, rule packs) is never trusted to be shown raw:
- control characters, lone surrogates and bidirectional overrides are shown as escapes;
- no line of output may start with `::` or hold `##[` from input data, since GitHub's runner
  reads both as workflow commands in a job's log (`::stop-commands::`, `::error ...`,
  `##[error]`), wherever the line came from;
- Markdown gets backslash escapes, so HTML, links and images in data are shown as text.
"""

from __future__ import annotations

import contextlib
import os
import re
from typing import Literal

# C0 and C1 controls, DEL, line and paragraph separators, lone surrogates (file names that are
# not UTF-8 reach Python as U+DC80..U+DCFF), and the bidirectional embeddings, overrides and
# isolates that can make a line read differently from what it holds ("Trojan Source").
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape_char(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return repr(char)[1:-1]


def printable(text: str) -> str:
    """Every character that could act on a terminal or split a line, shown as an escape."""
    return _UNPRINTABLE.sub(lambda m: _escape_char(m.group()), text)


def display_name(name: str) -> str:
    """How a file name given by the user is shown everywhere: printable, and never starting
    with `:` or blank (`./` is put in front, which names the same file).

    The name's bytes are read as UTF-8 whatever the locale says (in an ASCII locale `é`
    would otherwise be shown as `\\xc3\\xa9`), so output bytes do not depend on LC_ALL."""
    with contextlib.suppress(UnicodeError):  # else not a file system name: show it as is
        name = os.fsencode(name).decode("utf-8", "surrogateescape")
    shown = printable(name)
    if shown[:1] == ":" or (shown[:1].isspace()):
        shown = "./" + shown
    return shown


Syntax = Literal["text", "markdown", "json", "xml"]

# What a leading ":" and the "[" of "##[" become in each syntax: the reader of that format sees
# the same character, the GitHub runner does not see a command.
_COLON = {"text": "\\:", "markdown": "\\:", "json": ":", "xml": "&#58;"}
_BRACKET = {"text": "\\[", "markdown": "\\[", "json": "\\u005b", "xml": "&#91;"}
_LEADING_COMMAND = re.compile(r"^(\s*):(?=:)", re.MULTILINE)


def defuse(document: str, syntax: Syntax) -> str:
    """A rendered document with no line that GitHub's runner would take for a command.

    For JSON, a line cannot start with `::` (strings escape their newlines), and `##[` can
    only be inside a string, where `\\u005b` is the same `[`."""
    if syntax != "json" and "::" in document:
        document = _LEADING_COMMAND.sub(lambda m: m.group(1) + _COLON[syntax], document)
    if "##[" in document:
        document = document.replace("##[", "##" + _BRACKET[syntax])
    return document


# --- Markdown ---------------------------------------------------------------------------

# Backslash-escaping any ASCII punctuation is valid CommonMark: `\<script>` is shown as text,
# `!\[x\](url)` is no image and `\[x\](url)` no link, `\|` stays inside a table cell, `\$` is
# no math, `\*` no emphasis; `&` only where it would start an entity (`\&amp;`). Characters
# that only matter at the start of a line (`#`, `>`, `-`) are left: data never starts one.
_MD_SPECIAL = re.compile(r"([\\`*\[\]<|$]|&(?=#?[0-9A-Za-z]+;))")


def md_text(value: object) -> str:
    """Data shown in Markdown prose or a table cell: one line, with every character that could
    make markup (HTML, a link, an image, a code span, a table cell) escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(printable(str(value)).split()))


def md_code(value: object, *, cell: bool = False) -> str:
    """Data shown as inline code: a fence longer than any run of backticks inside. In a table
    `cell`, `|` is escaped too (GFM splits cells before it reads code spans, and undoes `\\|`)."""
    text = " ".join(printable(str(value)).split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text[:1] == "`" or text[-1:] == "`" else ""
    if cell:
        text = text.replace("|", "\\|")
    return f"{fence}{pad}{text}{pad}{fence}"
