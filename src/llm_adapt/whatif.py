"""What-if: every single-answer change that would change the recommendation.

For choice and yes/no questions every other value is tried; for numbers, the values on
both sides of each threshold the rules compare that question with. Only the rules that read
the changed question are re-evaluated, and the need groups they belong to recomputed (see
engine.top_after_change). Changes a team can make or measure are listed first.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from llm_adapt import conditions
from llm_adapt.answers import in_range
from llm_adapt.approaches import Approach
from llm_adapt.engine import Evaluation, could_change, top_after_change
from llm_adapt.result import WhatIf
from llm_adapt.rulebase import Question, RuleBase


def _step(question: Question) -> float:
    return 1 if question.type == "integer" else 0.01


def _numeric_candidates(rulebase: RuleBase, question: Question) -> list[float]:
    values: set[float] = set()
    step = _step(question)
    for index in rulebase.rules_reading.get(question.id, ()):
        for comp in rulebase.rules[index].comparisons:
            if comp.question != question.id or isinstance(comp.value, conditions.Ref):
                continue
            if comp.op in conditions.NUMERIC or comp.op in ("eq", "ne"):
                threshold = float(comp.value)
                values.update({threshold - step, threshold, threshold + step})
    found = []
    for value in sorted(values):
        value = round(value, 4)
        if in_range(question, value):
            found.append(int(value) if question.type == "integer" else value)
    return found


def candidates(rulebase: RuleBase, question: Question) -> list[Any]:
    """The answers worth trying for one question (computed once per rule base)."""
    return list(_candidates(rulebase, question.id))


@lru_cache(maxsize=256)
def partners(rulebase: RuleBase, qid: str) -> tuple[str, ...]:
    """The questions a rule compares `qid` with (`{q: A, gte: {q: B}}`, either side): the
    threshold that matters is then the other answer, so it depends on the project."""
    found: set[str] = set()
    for compiled in rulebase.rules:
        for comp in compiled.comparisons:
            if not isinstance(comp.value, conditions.Ref):
                continue
            if comp.question == qid:
                found.add(comp.value.question)
            elif comp.value.question == qid:
                found.add(comp.question)
    return tuple(sorted(found - {qid}))


def relative_candidates(
    rulebase: RuleBase, question: Question, answers: Mapping[str, Any]
) -> list[Any]:
    """Values on both sides of, and at, each answer this question is compared with."""
    step = _step(question)
    found: list[Any] = []
    for other in partners(rulebase, question.id):
        value = answers.get(other)
        if not isinstance(value, int | float) or isinstance(value, bool):
            continue
        for candidate in (value - step, value, value + step):
            candidate = round(float(candidate), 4)
            if in_range(question, candidate):
                found.append(int(candidate) if question.type == "integer" else candidate)
    return found


@lru_cache(maxsize=256)
def _candidates(rulebase: RuleBase, qid: str) -> tuple[Any, ...]:
    question = rulebase.questions[qid]
    if question.type == "choice":
        return question.values
    if question.type == "boolean":
        return (False, True)
    return tuple(_numeric_candidates(rulebase, question))


def what_if(
    rulebase: RuleBase,
    raw: Mapping[str, Any],
    answers: Mapping[str, Any],
    base: Evaluation,
    top: Approach,
) -> list[WhatIf]:
    """Single-answer changes (including answering an unanswered question) that flip the advice.

    `raw` are the answers as given, `answers` those that apply, `base` their evaluation."""
    flips: list[WhatIf] = []
    for qid, question in rulebase.questions.items():
        if not rulebase.applicable(qid, raw) or qid not in rulebase.rules_reading:
            continue
        if not could_change(rulebase, base, top, qid):
            continue
        current = answers.get(qid)
        tried = candidates(rulebase, question)
        if question.type in ("integer", "number"):
            tried = list(dict.fromkeys([*tried, *relative_candidates(rulebase, question, answers)]))
        options = [v for v in tried if v != current]
        if question.type in ("integer", "number"):
            # Nearest thresholds first: the smallest change that flips the advice leads
            # (unanswered: the smallest value).
            base_value = 0.0 if current is None else float(current)
            options.sort(key=lambda v: (abs(float(v) - base_value) if current is not None
                                        else 0.0, float(v)))
        numeric = question.type in ("integer", "number")
        seen: set[Approach] = set()
        for value in options:
            new_top = top_after_change(rulebase, base, top, raw, answers, qid, value)
            if new_top == top or (numeric and new_top in seen):
                continue  # for numbers, the nearest value that leads to an outcome is enough
            seen.add(new_top)
            flips.append(WhatIf(question=qid, answer=value, recommendation=new_top.value))
    # What a team can change or measure (a baseline, more or cleaner labels) leads; the
    # questionnaire order breaks ties, so the list stays deterministic.
    order = {qid: i for i, qid in enumerate(rulebase.questions)}
    flips.sort(key=lambda w: (not rulebase.questions[w.question].actionable, order[w.question]))
    return flips
