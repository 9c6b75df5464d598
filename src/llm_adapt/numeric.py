"""Numbers as text: the forms of the YAML 1.2 core schema, read the same in every input.

YAML 1.1 (what most YAML libraries read) gives some forms a surprising value: `017` is octal
15, `1:30` is 90 (base 60), `1_000` is 1000. A table cell has no such rules. So every input
(YAML plain scalars, CSV cells, `--set`, the interview) reads numbers by one grammar, and the
ambiguous forms are left as text, which a number question then refuses with a hint.
"""

from __future__ import annotations

import re


def score_text(value: float) -> str:
    """A score, a margin or a gap as every output prints it: one decimal (86.4, 5.0, 0.0)."""
    return f"{value:.1f}"


MAX_NUMBER_CHARS = 1000  # longer "numbers" are refused before Python converts them

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")
_LEADING_ZERO = re.compile(r"([-+]?)0+([0-9]+)")
_HEX = re.compile(r"([-+]?)0x([0-9a-fA-F]+)")
_OCTAL = re.compile(r"([-+]?)0o([0-7]+)")
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")
_SEPARATED = re.compile(r"[-+]?[0-9][0-9_,]*[_,][0-9_,]*(?:\.[0-9_]*)?")


class NumberTooLong(ValueError):
    """A number with more characters than anybody writes (and Python converts slowly)."""


def parse(text: str) -> int | float | None:
    """The number `text` is by the YAML 1.2 core schema, or None for text.

    Leading zeros (`017`) and hexadecimal or octal forms are text here: they mean different
    numbers to different readers. Raises NumberTooLong for a number of more than
    MAX_NUMBER_CHARS characters."""
    if not text or text[0] not in "+-.0123456789":
        return None
    if _LEADING_ZERO.fullmatch(text):
        return None  # 017: octal 15 to YAML 1.1, 17 to YAML 1.2 and to a spreadsheet
    is_int = _INT.fullmatch(text) is not None
    if is_int or _FLOAT.fullmatch(text):
        if len(text) > MAX_NUMBER_CHARS:
            raise NumberTooLong(f"a number of {len(text)} characters is too long")
        return int(text) if is_int else float(text)
    if _INF.fullmatch(text):
        return float("-inf") if text.startswith("-") else float("inf")
    if _NAN.fullmatch(text):
        return float("nan")
    return None


def too_long(text: str) -> bool:
    """Whether `text` is a number by the grammar, but longer than MAX_NUMBER_CHARS."""
    typed = text.strip()
    return len(typed) > MAX_NUMBER_CHARS and bool(_INT.fullmatch(typed) or
                                                  _FLOAT.fullmatch(typed))


def hint(text: str) -> str:
    """Why a text that looks like a number is not read as one, and what to write instead."""
    typed = text.strip()
    if match := _LEADING_ZERO.fullmatch(typed):
        sign, digits = match[1], match[2]
        decimal = f"{'-' if sign == '-' else ''}{int(digits)}"
        if set(digits) <= set("01234567"):
            octal = f"{'-' if sign == '-' else ''}{int(digits, 8)}"
            return (f" (YAML 1.1 reads {typed} as the octal number {octal}, YAML 1.2 as "
                    f"{decimal}: write {decimal} without the leading zero)")
        return f" (write {decimal} without the leading zero)"
    if match := _HEX.fullmatch(typed):
        return f" (write it in decimal: {int(match[1] + match[2], 16)})"
    if match := _OCTAL.fullmatch(typed):
        return f" (write it in decimal: {int(match[1] + match[2], 8)})"
    if _SEXAGESIMAL.fullmatch(typed) and len(typed) <= MAX_NUMBER_CHARS:
        value = 0.0
        for part in typed.lstrip("+-").replace("_", "").split(":"):
            value = value * 60 + float(part or 0)
        shown = f"{'-' if typed.startswith('-') else ''}{value:g}"
        return (f" (YAML 1.1 reads {typed} as {shown}, in base 60: write the number you "
                "mean)")
    if _SEPARATED.fullmatch(typed):
        return f" (write it as plain digits, such as {re.sub('[_,]', '', typed)})"
    return " (write it as plain digits, such as 1000 or 0.5)"
