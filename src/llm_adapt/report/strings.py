"""Labels of the reports in English and Chinese; rule texts come from the rule base."""

from __future__ import annotations

from llm_adapt.rulebase import Lang

_LABELS: dict[str, dict[Lang, str]] = {
    "recommendation": {"en": "Recommendation", "zh": "建议"},
    "confidence": {"en": "confidence", "zh": "置信度"},
    "margin": {"en": "margin", "zh": "领先"},
    "scores": {"en": "Scores (0-100)", "zh": "得分（0-100）"},
    "why": {"en": "Why", "zh": "理由"},
    "sources": {"en": "sources", "zh": "来源"},
    "blocked": {"en": "Blocked", "zh": "不可行"},
    "blocked_short": {"en": "blocked", "zh": "不可行"},
    "plan": {"en": "Fine-tuning plan", "zh": "微调计划"},
    "method": {"en": "method", "zh": "方法"},
    "kind": {"en": "kind", "zh": "类型"},
    "memory": {"en": "estimated peak memory", "zh": "估计峰值显存"},
    "fits": {"en": "fits the GPU", "zh": "GPU 放得下"},
    "does_not_fit": {"en": "does NOT fit the GPU", "zh": "GPU 放不下"},
    "by_method": {"en": "by method", "zh": "各方法"},
    "examples": {"en": "examples", "zh": "示例数"},
    "suggested": {"en": "suggested", "zh": "建议"},
    "available": {"en": "available", "zh": "现有"},
    "unanswered": {"en": "Unanswered (each lowers confidence)", "zh": "未回答（会降低置信度）"},
    "what_if": {"en": "What would change the advice", "zh": "什么会改变建议"},
    "no_what_if": {
        "en": "No single answer change would change it.",
        "zh": "改变任何单个回答都不会改变建议。",
    },
    "next_steps": {"en": "Next steps", "zh": "下一步"},
    "planned": {"en": "planned", "zh": "计划"},
    "project": {"en": "project", "zh": "项目"},
    "source": {"en": "source", "zh": "来源文件"},
    "summary": {"en": "Summary", "zh": "汇总"},
    "low": {"en": "low", "zh": "低"},
    "medium": {"en": "medium", "zh": "中"},
    "high": {"en": "high", "zh": "高"},
    "prompting": {"en": "Prompting", "zh": "提示工程"},
    "rag": {"en": "RAG", "zh": "检索增强生成（RAG）"},
    "fine_tuning": {"en": "Fine-tuning", "zh": "微调"},
    "hybrid": {"en": "Hybrid (RAG + fine-tuning)", "zh": "混合（RAG + 微调）"},
    "later": {"en": "later stage", "zh": "后续阶段"},
    "unblock": {"en": "what would unblock it", "zh": "怎样才能解除"},
    "rather_than": {"en": "rather than", "zh": "而不是"},
    "heuristic": {"en": "heuristic (this tool's own reasoning, no source)", "zh": "经验规则（本工具自己的推理，无出处）"},
    "heuristic_short": {"en": "heuristic", "zh": "经验规则"},
    "worth_asking": {"en": "Worth answering (optional questions that could change the advice)", "zh": "值得回答（可能改变建议的可选问题）"},
    "sources_cited": {"en": "Sources cited", "zh": "引用的来源"},
    "start_with": {"en": "Start with", "zh": "先做"},
    "move_to": {"en": "Move to", "zh": "再转向"},
    "group": {"en": "counted once with the other {group} rules", "zh": "与其他 {group} 规则合计只算一次"},
    "defers": {"en": "not now", "zh": "暂缓"},
    "stages": {"en": "Stages", "zh": "阶段"},
    "summary_heading": {"en": "In short", "zh": "概要"},
    "stage_now": {"en": "now", "zh": "现在"},
}


def label(key: str, lang: Lang) -> str:
    """A report label in the given language (the key itself when none is defined)."""
    entry = _LABELS.get(key)
    return entry[lang] if entry else key
