"""The scoring engine: which rules fire, the points they add up to, and the ranking.

Each approach's points are the sum of the effects of the rules that fired. A score is the
logistic of the points, 100 / (1 + exp(-points / 40)), so every approach on every project is
on the same 0-100 scale (0 points = 50). A blocked approach scores 0 and ranks last.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from llm_adapt.approaches import APPROACHES, Approach
from llm_adapt.rulebase import RuleBase

SCALE = 40.0


@dataclass(frozen=True)
class Evaluation:
    """Which rules fired, and their sums; what-if derives variants of this cheaply."""

    fired: tuple[bool, ...]
    points: Mapping[Approach, float]
    blocking: Mapping[Approach, int]  # how many fired rules block each approach

    @property
    def blocked(self) -> frozenset[Approach]:
        return frozenset(a for a, n in self.blocking.items() if n > 0)


def applicable_answers(rulebase: RuleBase, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers to questions that can apply; others (say GPU size for an API) are ignored."""
    return {q: v for q, v in answers.items() if rulebase.applicable(q, answers)}


def evaluate(rulebase: RuleBase, answers: Mapping[str, Any]) -> Evaluation:
    points = dict.fromkeys(APPROACHES, 0.0)
    blocking = dict.fromkeys(APPROACHES, 0)
    fired = []
    for compiled in rulebase.rules:
        hit = compiled.predicate(answers)
        fired.append(hit)
        if hit:
            for approach, delta in compiled.rule.effects.items():
                points[approach] += delta
            for approach in compiled.rule.blocks:
                blocking[approach] += 1
    return Evaluation(tuple(fired), points, blocking)


def score(points: float) -> float:
    return round(100.0 / (1.0 + math.exp(-points / SCALE)), 1)


def rank(points: Mapping[Approach, float], blocked: frozenset[Approach]) -> list[Approach]:
    """Unblocked approaches by points, then blocked ones; a tie goes to the cheaper approach."""
    return sorted(APPROACHES, key=lambda a: (a in blocked, -points[a], APPROACHES.index(a)))


def top_after_change(
    rulebase: RuleBase,
    base: Evaluation,
    raw: Mapping[str, Any],
    before: Mapping[str, Any],
    question: str,
    value: Any,
) -> Approach:
    """The recommendation after one answer of `raw` changes, re-running only the rules that
    read that question or a question whose applicability the change switched on or off.

    `before` is `applicable_answers(rulebase, raw)`, computed once by the caller. This is the
    hot loop of what-if, hence plain dict arithmetic and no intermediate Evaluation."""
    after = dict(before)
    after[question] = value
    touched = [question]
    dependents = rulebase.applies_reading.get(question, ())
    if dependents:
        changed = {**raw, question: value}
        for qid in dependents:
            if qid in changed and rulebase.applicable(qid, changed):
                after[qid] = changed[qid]
            else:
                after.pop(qid, None)
            if (qid in before) != (qid in after):
                touched.append(qid)
    indexes = (
        rulebase.rules_reading.get(question, ())
        if len(touched) == 1
        else sorted({i for q in touched for i in rulebase.rules_reading.get(q, ())})
    )
    points = dict(base.points)
    blocking = dict(base.blocking)
    for index in indexes:
        compiled = rulebase.rules[index]
        hit = compiled.predicate(after)
        if hit == base.fired[index]:
            continue
        sign = 1 if hit else -1
        for approach, delta in compiled.rule.effects.items():
            points[approach] += sign * delta
        for approach in compiled.rule.blocks:
            blocking[approach] += sign
    blocked = frozenset(a for a, n in blocking.items() if n > 0)
    return rank(points, blocked)[0]
