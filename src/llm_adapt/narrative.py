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
    return reason.counted_effects.get(approach.value, 0.0)


# What each family of rules is about, by the first part of the rule id: the opening paragraph
# and the stages name topics, never rule or question ids, and never repeat a rationale.
TOPICS: dict[str, dict[Lang, str]] = {
    "knowledge": {"en": "the outside knowledge the answers depend on", "zh": "回答所依赖的外部知识"},
    "dynamism": {"en": "how fast that knowledge changes", "zh": "知识变化的速度"},
    "transparency": {"en": "the need to cite sources", "zh": "引用来源的需要"},
    "hallucination": {"en": "the cost of a made-up answer", "zh": "编造回答的代价"},
    "style": {"en": "the tone and voice", "zh": "语气和声音"},
    "format": {"en": "the output format", "zh": "输出格式"},
    "domain": {"en": "the domain's language", "zh": "领域语言"},
    "tasks": {"en": "the number of tasks", "zh": "任务的数量"},
    "forgetting": {"en": "keeping the model's general skills", "zh": "保持模型的通用能力"},
    "instructions": {"en": "how often the instructions change", "zh": "说明变化的频率"},
    "data": {"en": "the amount of labeled data", "zh": "标注数据的数量"},
    "labels": {"en": "the quality of the labels", "zh": "标注的质量"},
    "icl": {"en": "what prompting measures", "zh": "提示的实测效果"},
    "accuracy": {"en": "the accuracy prompting reaches", "zh": "提示能达到的准确率"},
    "volume": {"en": "cost at the request volume", "zh": "请求量下的成本"},
    "latency": {"en": "response time", "zh": "响应时间"},
    "deploy": {"en": "where the model runs", "zh": "模型运行的位置"},
    "privacy": {"en": "regulated data", "zh": "受监管的数据"},
    "access": {"en": "access to the model's weights", "zh": "对模型权重的访问"},
    "hardware": {"en": "the training hardware", "zh": "训练硬件"},
    "timeline": {"en": "the time available", "zh": "可用的时间"},
    "budget": {"en": "the budget", "zh": "预算"},
    "skills": {"en": "the team's skills", "zh": "团队的技能"},
    "cost": {"en": "the extra cost of going beyond a prompt", "zh": "超出提示之外的额外成本"},
    "hybrid": {"en": "the cost of building both", "zh": "两者都建的成本"},
}

_MORE: dict[str, dict[Lang, str]] = {
    "decides": {"en": "What decides it: {topics}.", "zh": "起决定作用的是：{topics}。"},
    "later_why": {"en": "It meets {topics} best.", "zh": "它最能满足：{topics}。"},
    "fallback_now": _TEXT["fallback_now"],
    "fallback_later": _TEXT["fallback_later"],
}


def topic(reason: Reason, lang: Lang) -> str:
    """What a reason is about, in words (a rule pack's own family: its first sentence)."""
    entry = TOPICS.get(reason.rule.split(".", 1)[0])
    return entry[lang] if entry else first_sentence(reason.rationale, lang)


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
        return _MORE["fallback_now"][lang]
    return _MORE["decides"][lang].format(topics=_topics(deciding, lang))


def why_later(approach: Approach, reasons: Sequence[Reason], lang: Lang) -> str:
    """The strongest needs that the later stage's approach meets."""
    needs = sorted(
        (r for r in reasons if r.kind == "need" and _for(approach, r) > 0),
        key=lambda r: -_for(approach, r),
    )
    if not needs:
        return _MORE["fallback_later"][lang]
    return _MORE["later_why"][lang].format(topics=_topics(needs, lang, limit=2))


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
        parts.append(_TEXT["ruled_out"][lang].format(names=_join(names, lang)))
    joiner = "" if lang == "zh" else " "
    return joiner.join(parts)
