"""'Did you mean ...' hints for misspelt names."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Literal


def did_you_mean(word: str, known: Iterable[str], lang: Literal["en", "zh"] = "en") -> str:
    """A hint naming the closest known name, or nothing when none is close."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    if not close:
        return ""
    return f"（是不是 “{close[0]}”？）" if lang == "zh" else f" (did you mean '{close[0]}'?)"
