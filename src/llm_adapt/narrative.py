"""The plain-language parts of the advice: the opening paragraph and the stages' texts.

They are built from the rules' own rationales (their first sentence), never from rule or
question ids, so a reader who knows nothing of the rule base can follow them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from llm_adapt.approaches import APPROACHES, Approach
from llm_adapt.i18n import Lang, has_message, message
from llm_adapt.result import Confidence, Reason, Stage

_FIRST_SENTENCE = {
    "en": re.compile(r"^(.+?[.!?])(?:\s|$)"),
    "zh": re.compile(r"^(.+?[。！？])"),
}


def name(approach: str | Approach, lang: Lang) -> str:
    return message(f"narrative.name.{approach}", lang)


def first_sentence(text: str, lang: Lang) -> str:
    match = _FIRST_SENTENCE[lang].match(text.strip())
    return match[1] if match else text.strip()


def answer_text(value: Any, lang: Lang = "en") -> str:
    """An answer as a condition quotes it: accuracies with two decimals, counts with commas."""
    if value is None:
        return message("narrative.unknown", lang)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and 0 <= value <= 1:
        return f"{value:.2f}"
    if isinstance(value, int | float):
        return f"{value:,g}" if isinstance(value, float) else f"{value:,}"
    return str(value)


def join_conditions(conditions: Sequence[str], lang: Lang) -> str:
    return message("narrative.and", lang).join(conditions)


def _for(approach: Approach, reason: Reason) -> float:
    return reason.counted_effects.get(approach.value, 0.0)


# What each family of rules is about, by the first part of the rule id (`narrative.topic.*`
# in the catalogue): the opening paragraph and the stages name topics, never rule or question
# ids, and never repeat a rationale.


def topic(reason: Reason, lang: Lang) -> str:
    """What a reason is about, in words (a rule pack's own family: its first sentence)."""
    key = "narrative.topic." + reason.rule.split(".", 1)[0]
    return message(key, lang) if has_message(key) else first_sentence(reason.rationale, lang)


def _join(items: Sequence[str], lang: Lang) -> str:
    if lang == "zh":
        return "、".join(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _topics(reasons: Sequence[Reason], lang: Lang, limit: int = 3) -> str:
    found: list[str] = []
    for reason in reasons:
        text = topic(reason, lang)
        if text not in found:
            found.append(text)
        if len(found) == limit:
            break
    return _join(found, lang)


def why_now(
    top: Approach, reasons: Sequence[Reason], lang: Lang, blocked: frozenset[Approach]
) -> str:
    """The topics, in the order of the report, that speak for building `top` now."""
    out = {a.value for a in blocked} | {top.value}

    def against_others(reason: Reason) -> bool:
        return any(v < 0 for k, v in reason.counted_effects.items() if k not in out)

    deciding = [
        r for r in reasons
        if not r.blocks
        and ((r.defers and top.value not in r.defers) or _for(top, r) > 0 or against_others(r))
    ]
    if not deciding:
        return message("narrative.fallback_now", lang)
    return message("narrative.decides", lang, topics=_topics(deciding, lang))


def why_later(approach: Approach, reasons: Sequence[Reason], lang: Lang) -> str:
    """The strongest needs that the later stage's approach meets."""
    needs = sorted(
        (r for r in reasons if r.kind == "need" and _for(approach, r) > 0),
        key=lambda r: -_for(approach, r),
    )
    if not needs:
        return message("narrative.fallback_later", lang)
    return message("narrative.later_why", lang, topics=_topics(needs, lang, limit=2))


def summary(
    top: Approach,
    stages: Sequence[Stage],
    reasons: Sequence[Reason],
    blocked: frozenset[Approach],
    level: Confidence,
    lang: Lang,
) -> str:
    """One paragraph: what to build now and why, what comes later and when, what is out."""
    parts = [
        message("narrative.now", lang, name=name(top, lang),
                confidence=message(f"narrative.{level}", lang)),
        stages[0].why,
    ]
    for stage in stages[1:]:
        parts.append(
            message("narrative.later", lang, name=name(stage.approach, lang),
                    condition=stage.condition)
        )
        if stage.why != stages[0].why:
            parts.append(stage.why)
    if blocked:
        names = [name(a, lang) for a in APPROACHES if a in blocked]
        parts.append(message("narrative.ruled_out", lang, names=_join(names, lang)))
    joiner = "" if lang == "zh" else " "
    return joiner.join(parts)
