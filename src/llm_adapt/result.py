"""The Assessment: what the scorer returns and every renderer reads (the JSON contract)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

Confidence = Literal["low", "medium", "high"]
CONFIDENCE_LEVELS: tuple[Confidence, ...] = ("low", "medium", "high")


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class Reason(_Model):
    """A rule that fired, with what it did to the scores."""

    rule: str
    question: str | None
    answer: Any
    effects: dict[str, float]
    blocks: list[str] = []
    rationale: str
    sources: list[str]


class ExampleRange(_Model):
    min: int
    max: int


class FineTuningPlan(_Model):
    """How to fine-tune, when fine-tuning or the hybrid is first or second."""

    method: Literal["full", "lora", "qlora", "hosted"]
    kind: Literal["instruction", "task_specific", "multi_task", "sequential"]
    estimated_peak_memory_gb: float | None
    fits_gpu: bool | None
    memory_by_method_gb: dict[str, float] | None
    suggested_examples: ExampleRange
    examples_available: int | None
    enough_examples: bool | None
    notes: list[str]


class WhatIf(_Model):
    """A single-answer change that would change the recommendation."""

    question: str
    answer: Any
    recommendation: str


class Assessment(_Model):
    """The advice for one project."""

    source: str
    project: str
    recommendation: str
    scores: dict[str, float]
    points: dict[str, float]
    ranking: list[str]
    margin: float
    confidence: Confidence
    blocked: dict[str, list[str]]
    reasons: list[Reason]
    unanswered: list[str]
    fine_tuning_plan: FineTuningPlan | None
    what_if: list[WhatIf]
    next_steps: list[str]
    planned_approach: str | None = None
    lang: Literal["en", "zh"] = "en"
