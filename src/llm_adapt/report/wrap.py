"""Wrapping text by terminal cells, with a hanging indent; CJK text breaks between characters."""

from __future__ import annotations

import re

from rich.cells import cell_len

# Tokens: one CJK character (or full-width punctuation), a run of other non-space
# characters, or a run of spaces.
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
# Closing punctuation stays with the character before it (no line starts with "。").
_CLOSING = "。，、；：！？）」』】,.;:!?)"
_TOKENS = re.compile(rf"[{_CJK}][{_CLOSING}]*|[^\s{_CJK}]+[{_CLOSING}]*|\s+")


def wrap(text: str, width: int, indent: int, start: int | None = None) -> str:
    """Wrap `text` to `width` cells; every line after the first is indented by `indent`, and
    the first starts at column `start` (by default `indent` too: the caller indents it)."""
    room = max(width - (indent if start is None else start), 20)
    lines: list[str] = []
    line = ""
    for token in _TOKENS.findall(" ".join(text.split())):
        if token.isspace():
            if line:
                line += " "
            continue
        if line.strip() and cell_len(line + token) > room:
            lines.append(line.rstrip())
            line = ""
            room = max(width - indent, 20)
        line += token
    if line.strip():
        lines.append(line.rstrip())
    return ("\n" + " " * indent).join(lines)
