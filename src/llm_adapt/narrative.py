"""The plain-language parts of the advice: the opening paragraph and the stages' texts.

They are built from the rules' own rationales (their first sentence), never from rule or
question ids, so a reader who knows nothing of the rule base can follow them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from llm_adapt.approaches import APPROACHES, Approach
from llm_adapt.result import Confidence, Reason, Stage
from llm_adapt.rulebase import Lang

NAMES: dict[str, dict[Lang, str]] = {
    "prompting": {"en": "prompting", "zh": "提示工程"},
    "rag": {"en": "RAG", "zh": "检索增强生成（RAG）"},
    "fine_tuning": {"en": "fine-tuning", "zh": "微调"},
    "hybrid": {"en": "the hybrid (RAG + fine-tuning)", "zh": "混合方案（RAG + 微调）"},
}

_TEXT: dict[str, dict[Lang, str]] = {
    "now": {
        "en": "Build {name} now (confidence {confidence}).",
        "zh": "现在先做{name}（置信度：{confidence}）。",
    },
    "later": {"en": "Move to {name} {condition}.", "zh": "{condition}，再转向{name}。"},
    "ruled_out": {"en": "Ruled out here: {names}.", "zh": "此处不可行：{names}。"},
    "and": {"en": " and ", "zh": "并且"},
    "list_and": {"en": " and ", "zh": "和"},
    "unknown": {"en": "the target", "zh": "目标值"},
    "fallback_now": {
        "en": "It is the simplest approach that meets what the project needs.",
        "zh": "这是满足项目需要的最简单方案。",
    },
    "fallback_later": {
        "en": "It scores highest on what the project needs, but cannot be the advice yet.",
        "zh": "它最符合项目的需要，但目前还不能作为建议。",
    },
    "high": {"en": "high", "zh": "高"},
    "medium": {"en": "medium", "zh": "中"},
    "low": {"en": "low", "zh": "低"},
}

_FIRST_SENTENCE = {
    "en": re.compile(r"^(.+?[.!?])(?:\s|$)"),
    "zh": re.compile(r"^(.+?[。！？])"),
}


def name(approach: str | Approach, lang: Lang) -> str:
    return NAMES[str(approach)][lang]


def first_sentence(text: str, lang: Lang) -> str:
    match = _FIRST_SENTENCE[lang].match(text.strip())
    return match[1] if match else text.strip()


def answer_text(value: Any, lang: Lang = "en") -> str:
    """An answer as a condition quotes it: accuracies with two decimals, counts with commas."""
    if value is None:
        return _TEXT["unknown"][lang]
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and 0 <= value <= 1:
        return f"{value:.2f}"
    if isinstance(value, int | float):
        return f"{value:,g}" if isinstance(value, float) else f"{value:,}"
    return str(value)


def join_conditions(conditions: Sequence[str], lang: Lang) -> str:
    return _TEXT["and"][lang].join(conditions)


def _for(approach: Approach, reason: Reason) -> float:
    return reason.effects.get(approach.value, 0.0)


def why_now(top: Approach, reasons: Sequence[Reason], lang: Lang) -> str:
    """The first reason, in the order of the report, that speaks for building `top` now."""
    for reason in reasons:
        if reason.blocks:
            continue  # listed with the blocked approaches
        if (reason.defers and top.value not in reason.defers) or _for(top, reason) > 0:
            return first_sentence(reason.rationale, lang)
    return _TEXT["fallback_now"][lang]


def why_later(approach: Approach, reasons: Sequence[Reason], lang: Lang) -> str:
    """The strongest need that the later stage's approach meets."""
    needs = [r for r in reasons if r.kind == "need" and _for(approach, r) > 0]
    if not needs:
        return _TEXT["fallback_later"][lang]
    best = max(needs, key=lambda r: _for(approach, r))
    return first_sentence(best.rationale, lang)


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
        _TEXT["now"][lang].format(name=name(top, lang), confidence=_TEXT[level][lang]),
        stages[0].why,
    ]
    for stage in stages[1:]:
        parts.append(
            _TEXT["later"][lang].format(name=name(stage.approach, lang), condition=stage.condition)
        )
        if stage.why != stages[0].why:
            parts.append(stage.why)
    if blocked:
        names = [name(a, lang) for a in APPROACHES if a in blocked]
        parts.append(_TEXT["ruled_out"][lang].format(names=_TEXT["list_and"][lang].join(names)))
    joiner = "" if lang == "zh" else " "
    return joiner.join(parts)
