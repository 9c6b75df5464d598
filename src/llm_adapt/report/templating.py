"""What every per-project report template sees: the assessment, labels, question texts."""

from __future__ import annotations

from typing import Any

from llm_adapt.report.interface import RenderOptions
from llm_adapt.report.labels import label
from llm_adapt.result import Assessment


def effects_text(effects: dict[str, float]) -> str:
    return ", ".join(f"{name} {points:+g}" for name, points in effects.items())


def context(assessment: Assessment, options: RenderOptions) -> dict[str, Any]:
    """What every per-project template sees."""
    lang = options.lang
    rulebase = options.rulebase

    def question_text(qid: str) -> str:
        question = rulebase.questions.get(qid)
        return question.text(lang) if question else qid

    return {
        "a": assessment,
        "t": lambda key: label(key, lang),
        "question_text": question_text,
        "effects": effects_text,
        "lang": lang,
    }
