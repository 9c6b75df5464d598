"""Answers + rule base -> Assessment. Pure: no I/O, the same input gives the same result."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from llm_adapt.approaches import APPROACHES, Approach
from llm_adapt.engine import Evaluation, applicable_answers, evaluate, rank, score
from llm_adapt.errors import UserError
from llm_adapt.i18n import Lang
from llm_adapt.plan import build_plan
from llm_adapt.project import ProjectFile
from llm_adapt.result import CONFIDENCE_LEVELS, Assessment, Confidence, Reason
from llm_adapt.rulebase import RuleBase
from llm_adapt.whatif import what_if


class InfeasibleError(UserError):
    """Every approach is blocked (only a rule pack can do that): there is nothing to advise."""


# Margins (score points) at which the advice is called clear; see `confidence`.
HIGH_MARGIN = 15.0
MEDIUM_MARGIN = 7.0


def confidence(margin: float, unanswered: int) -> Confidence:
    """Clear margins give high confidence; each few unanswered questions lower it a step."""
    level = 2 if margin >= HIGH_MARGIN else 1 if margin >= MEDIUM_MARGIN else 0
    level -= 0 if unanswered == 0 else 1 if unanswered <= 2 else 2
    return CONFIDENCE_LEVELS[max(level, 0)]


def unanswered_questions(rulebase: RuleBase, answers: Mapping[str, Any]) -> list[str]:
    return [
        qid
        for qid in rulebase.questions
        if qid not in answers and rulebase.applicable(qid, answers)
    ]


def _reasons(
    rulebase: RuleBase, ev: Evaluation, answers: Mapping[str, Any], lang: Lang
) -> list[Reason]:
    reasons = []
    for compiled, hit in zip(rulebase.rules, ev.fired, strict=True):
        if not hit:
            continue
        rule = compiled.rule
        reasons.append(
            Reason(
                rule=rule.id,
                question=compiled.primary,
                answer=answers.get(compiled.primary) if compiled.primary else None,
                effects={a.value: rule.effects[a] for a in APPROACHES if a in rule.effects},
                blocks=[a.value for a in rule.blocks],
                rationale=rule.rationale(lang),
                sources=list(rule.sources),
            )
        )
    # Heaviest first: blocking rules, then by the size of their effects; ids break ties.
    reasons.sort(key=lambda r: (not r.blocks, -sum(abs(v) for v in r.effects.values()), r.rule))
    return reasons


def _next_steps(rulebase: RuleBase, ev: Evaluation, top: Approach, lang: Lang) -> list[str]:
    ranked = []
    for index, (compiled, hit) in enumerate(zip(rulebase.rules, ev.fired, strict=True)):
        rule = compiled.rule
        if hit and rule.next_step is not None and (not rule.step_for or top in rule.step_for):
            ranked.append((rule.step_priority, index, rule.next_step(lang)))
    steps = [text for _, _, text in sorted(ranked)]
    playbook = rulebase.playbooks.get(top)
    if playbook is not None:
        steps.extend(step(lang) for step in playbook.steps)
    return list(dict.fromkeys(steps))


def assess(
    rulebase: RuleBase,
    answers: Mapping[str, Any],
    *,
    source: str,
    project: str,
    lang: Lang = "en",
    planned_approach: str | None = None,
    with_what_if: bool = True,
) -> Assessment:
    """Score one project's answers against the rule base.

    `with_what_if=False` leaves `what_if` empty, for callers that never show it (the gate):
    it is most of the cost of an assessment."""
    raw = answers
    answers = applicable_answers(rulebase, raw)
    ev = evaluate(rulebase, answers)
    blocked = ev.blocked
    ranking = rank(ev.points, blocked)
    top = ranking[0]
    blocked_why: dict[str, list[str]] = {a.value: [] for a in APPROACHES}
    blockers: list[str] = []
    for compiled, hit in zip(rulebase.rules, ev.fired, strict=True):
        if hit and compiled.rule.blocks:
            blockers.append(compiled.rule.id)
            for approach in compiled.rule.blocks:
                blocked_why[approach.value].append(compiled.rule.rationale(lang))
    if top in blocked:
        raise InfeasibleError(
            f"no approach can be carried out: the rules {', '.join(blockers)} block all four"
        )
    scores = {a.value: 0.0 if a in blocked else score(ev.points[a]) for a in APPROACHES}
    margin = round(scores[top.value] - scores[ranking[1].value], 1)
    unanswered = unanswered_questions(rulebase, raw)
    return Assessment(
        source=source,
        project=project,
        recommendation=top.value,
        scores=scores,
        points={a.value: round(ev.points[a], 2) for a in APPROACHES},
        ranking=[a.value for a in ranking],
        margin=margin,
        confidence=confidence(margin, len(unanswered)),
        blocked=blocked_why,
        reasons=_reasons(rulebase, ev, answers, lang),
        unanswered=unanswered,
        fine_tuning_plan=build_plan(answers, ranking, lang),
        what_if=what_if(rulebase, raw, answers, ev, top) if with_what_if else [],
        next_steps=_next_steps(rulebase, ev, top, lang),
        planned_approach=planned_approach,
        lang=lang,
    )


def assess_project(
    rulebase: RuleBase,
    project: ProjectFile,
    *,
    lang: Lang = "en",
    answers: Mapping[str, Any] | None = None,
    with_what_if: bool = True,
) -> Assessment:
    """Assess a loaded project (with `answers`, when given, in place of its own)."""
    return assess(
        rulebase,
        project.answers if answers is None else answers,
        source=project.source,
        project=project.project,
        lang=lang,
        planned_approach=project.planned_approach.value if project.planned_approach else None,
        with_what_if=with_what_if,
    )
