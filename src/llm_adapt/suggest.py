"""'Did you mean ...' hints for misspelt names."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from llm_adapt.i18n import DEFAULT_LANG, Lang, message


def did_you_mean(word: str, known: Iterable[str], lang: Lang = DEFAULT_LANG) -> str:
    """A hint naming the closest known name, or nothing when none is close."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return message("did_you_mean", lang, word=close[0]) if close else ""
