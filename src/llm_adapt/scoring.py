"""Answers + rule base -> Assessment. Pure: no I/O, the same input gives the same result."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from llm_adapt import narrative
from llm_adapt._version import __version__
from llm_adapt.approaches import APPROACHES, Approach
from llm_adapt.engine import (
    Evaluation,
    applicable_answers,
    could_change,
    evaluate,
    level,
    rank,
    score,
    top_after_change,
)
from llm_adapt.errors import UserError
from llm_adapt.i18n import Lang
from llm_adapt.plan import build_plan
from llm_adapt.project import ProjectFile
from llm_adapt.result import (
    CONFIDENCE_LEVELS,
    Assessment,
    Citation,
    Confidence,
    Reason,
    Stage,
)
from llm_adapt.rulebase import PLACEHOLDER, RuleBase
from llm_adapt.whatif import candidates, what_if


class InfeasibleError(UserError):
    """Every approach is blocked (only a rule pack can do that): there is nothing to advise."""


# Margins (score points) at which the advice is called clear; see `confidence`.
HIGH_MARGIN = 15.0
MEDIUM_MARGIN = 7.0


def confidence(margin: float, unanswered: int, capped: bool = False) -> Confidence:
    """Clear margins give high confidence; each few unanswered questions lower it a step.

    `capped`: a decisive question is unanswered or the baseline is unmeasured, so the advice
    rests on an assumption and is never called high."""
    level = 2 if margin >= HIGH_MARGIN else 1 if margin >= MEDIUM_MARGIN else 0
    level -= 0 if unanswered == 0 else 1 if unanswered <= 2 else 2
    if capped:
        level = min(level, 1)
    return CONFIDENCE_LEVELS[max(level, 0)]


def unanswered_questions(rulebase: RuleBase, answers: Mapping[str, Any]) -> list[str]:
    """Every question that applies and has no answer (refinements included)."""
    return [
        qid
        for qid in rulebase.questions
        if qid not in answers and rulebase.applicable(qid, answers)
    ]


def decisive_questions(
    rulebase: RuleBase,
    raw: Mapping[str, Any],
    answers: Mapping[str, Any],
    ev: Evaluation,
    top: Approach,
    unanswered: list[str],
) -> list[str]:
    """The unanswered questions some answer to which would change the recommendation."""
    found = []
    for qid in unanswered:
        if qid not in rulebase.rules_reading or not could_change(rulebase, ev, top, qid):
            continue
        for value in candidates(rulebase, rulebase.questions[qid]):
            if top_after_change(rulebase, ev, top, raw, answers, qid, value) != top:
                found.append(qid)
                break
    return found


def _fill(text: str, answers: Mapping[str, Any], lang: Lang) -> str:
    """A deferral's condition with {question_id} replaced by the answer."""
    return PLACEHOLDER.sub(lambda m: narrative.answer_text(answers.get(m[1]), lang), text)


@lru_cache(maxsize=8192)
def _reason(
    rulebase: RuleBase,
    index: int,
    lang: Lang,
    answer: Any,
    shown: str,
    counted: tuple[tuple[Approach, float], ...],
    condition: str | None,
) -> Reason:
    """One fired rule's reason. Reasons are immutable and a batch repeats most of them (the
    same rule, answer and counted effects), so they are built once: `shown`, the answer's
    repr, keeps True, 1, 1.0 and -0.0 apart, which compare equal."""
    compiled = rulebase.rules[index]
    rule = compiled.rule
    defers = rule.defers
    return Reason(
        rule=rule.id,
        kind=rule.rule_kind,
        group=rule.group,
        question=compiled.primary,
        answer=answer,
        effects={a.value: rule.effects[a] for a in APPROACHES if a in rule.effects},
        counted_effects={a.value: delta for a, delta in counted},
        blocks=[a.value for a in rule.blocks],
        defers=[a.value for a in defers.approaches] if defers else [],
        condition=condition,
        unblock=rule.unblock(lang) if rule.unblock else None,
        rationale=rule.rationale(lang),
        sources=list(rule.sources),
        citations=[rulebase.citation(s, lang) for s in rule.sources],
        heuristic=rule.heuristic,
    )


@lru_cache(maxsize=8)
def _facts(rulebase: RuleBase) -> tuple[tuple[frozenset[Approach], float], ...]:
    """Per rule, what it blocks or defers and the size of its effects: the reasons' order."""
    return tuple(
        (frozenset(c.rule.blocks) | frozenset(c.rule.defers.approaches if c.rule.defers else ()),
         sum(abs(v) for v in c.rule.effects.values()))
        for c in rulebase.rules
    )


def _reasons(
    rulebase: RuleBase,
    ev: Evaluation,
    answers: Mapping[str, Any],
    lang: Lang,
    ranking: list[Approach],
) -> list[Reason]:
    top = ranking[0]
    # "Why not the runner-up": the best other approach that is not ruled out for good.
    runner = next((a for a in ranking[1:] if a not in ev.blocked), ranking[1])
    # Approaches that score above the recommendation and lose only to a block or a deferral:
    # the rules that hold them back decide the advice.
    held_back = {a for a in APPROACHES if level(ev.points[a]) > level(ev.points[top])}
    # Within a group only the strongest effect on each approach counts: the first rule that
    # carries it is the one that counted.
    claimed: set[tuple[int, Approach]] = set()
    keyed = []
    facts = _facts(rulebase)
    for index in (i for i, hit in enumerate(ev.fired) if hit):
        compiled = rulebase.rules[index]
        rule = compiled.rule
        defers = rule.defers
        group = compiled.group
        if group >= 0:
            counted = {}
            strongest = ev.group_points[group]
            for approach, delta in rule.effects.items():
                if (group, approach) not in claimed and strongest.get(approach) == delta:
                    claimed.add((group, approach))
                    counted[approach] = delta
        else:
            counted = rule.effects
        answer = answers.get(compiled.primary) if compiled.primary else None
        condition = _fill(defers.condition(lang), answers, lang) if defers else None
        reason = _reason(rulebase, index, lang, answer, repr(answer),
                         tuple((a, counted[a]) for a in APPROACHES if a in counted), condition)
        stopped, size = facts[index]
        # What separates the winner from the runner-up leads ("why not <runner-up>").
        separation = counted.get(top, 0.0) - counted.get(runner, 0.0)
        decides = not stopped.isdisjoint(held_back)
        # Order: what holds a stronger approach back; then what puts the winner ahead of the
        # runner-up, most first; then the rest, those that favour the winner first.
        favours = separation > 0
        keyed.append(
            ((not decides, not favours, -separation if favours else -counted.get(top, 0.0),
              -size, rule.id), reason)
        )
    keyed.sort(key=lambda item: item[0])
    return [reason for _, reason in keyed]


def _next_steps(
    rulebase: RuleBase, ev: Evaluation, answers: Mapping[str, Any], top: Approach, lang: Lang
) -> list[str]:
    ranked = []
    for index, (compiled, hit) in enumerate(zip(rulebase.rules, ev.fired, strict=True)):
        rule = compiled.rule
        if hit and rule.next_step is not None and (not rule.step_for or top in rule.step_for):
            ranked.append((rule.step_priority, index, rule.next_step(lang)))
    steps = [text for _, _, text in sorted(ranked)]
    steps.extend(rulebase.steps_for(top, answers, lang))
    return list(dict.fromkeys(steps))


def _stages(
    ev: Evaluation, ranking: list[Approach], reasons: list[Reason], lang: Lang, explain: bool
) -> tuple[list[Stage], dict[str, list[str]]]:
    """Build now the recommendation; later, the deferred approach that would otherwise lead
    (with why, when `explain`)."""
    top = ranking[0]
    conditions: dict[str, list[str]] = {}
    for reason in reasons:
        for name in reason.defers:
            if reason.condition and reason.condition not in conditions.setdefault(name, []):
                conditions[name].append(reason.condition)
    stages = [
        Stage(approach=top.value, condition=None,
              why=narrative.why_now(top, reasons, lang, ev.blocked) if explain else "")
    ]
    later = [
        a for a in ranking[1:]
        if a in ev.deferred and level(ev.points[a]) > level(ev.points[top])
        and conditions.get(a.value)
    ]
    if later:
        best = later[0]
        stages.append(
            Stage(
                approach=best.value,
                condition=narrative.join_conditions(conditions[best.value], lang),
                why=narrative.why_later(best, reasons, lang) if explain else "",
            )
        )
    return stages, {a.value: conditions.get(a.value, []) for a in APPROACHES if a in ev.deferred}


def assess(
    rulebase: RuleBase,
    answers: Mapping[str, Any],
    *,
    source: str,
    project: str,
    lang: Lang = "en",
    planned_approach: str | None = None,
    with_what_if: bool = True,
    overrides: Mapping[str, Any] | None = None,
    explain: bool = True,
) -> Assessment:
    """Score one project's answers against the rule base.

    `overrides` are only recorded: `answers` already hold them.
    `with_what_if=False` leaves `what_if` empty, for callers that never show it (the gate):
    it is most of the cost of an assessment. `explain=False` leaves out what only a report
    shows (the summary, why each stage, the plan, next steps, the sources cited): the gate
    reads the verdict's fields alone."""
    # null means "not measured": the same as leaving the question out, for every caller.
    raw = {qid: value for qid, value in answers.items() if value is not None}
    answers = applicable_answers(rulebase, raw)
    ev = evaluate(rulebase, answers)
    blocked = ev.blocked
    deferred = ev.deferred
    ranking = rank(ev.points, blocked, deferred)
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
    # The lead over the next approach that could be built now (a deferred one cannot); when
    # the recommendation itself must wait, over the next one that is not ruled out.
    waits = deferred if top not in deferred else frozenset()
    others = [scores[a.value] for a in APPROACHES
              if a != top and a not in waits and a not in blocked]
    margin = round(max(scores[top.value] - max(others, default=0.0), 0.0), 1)
    every_unanswered = unanswered_questions(rulebase, raw)
    decisive = decisive_questions(rulebase, raw, answers, ev, top, every_unanswered)
    # Format 1's questions left open are `unanswered` (the gate's require-complete reads it);
    # a refinement left open is only worth asking when it could change the advice.
    unanswered = [q for q in every_unanswered if not rulebase.questions[q].refinement]
    worth_asking = [q for q in decisive if rulebase.questions[q].refinement]
    capped = bool(decisive) or "baseline_accuracy" in every_unanswered
    # A recommendation that must itself wait (a rule pack can defer all four) is the best of
    # what cannot start yet: its lead over nothing says nothing, so confidence is low.
    level = "low" if top in deferred else confidence(margin, len(unanswered), capped)
    reasons = _reasons(rulebase, ev, answers, lang, ranking)
    stages, deferred_why = _stages(ev, ranking, reasons, lang, explain)
    cited: dict[str, Citation] = {}
    for reason in reasons if explain else ():
        for citation in reason.citations:
            if citation.id not in cited:
                cited[citation.id] = rulebase.citation(citation.id, lang)  # the whole source
    return Assessment(
        source=source,
        project=project,
        recommendation=top.value,
        scores=scores,
        points={a.value: round(ev.points[a], 2) for a in APPROACHES},
        ranking=[a.value for a in ranking],
        margin=margin,
        confidence=level,
        blocked=blocked_why,
        reasons=reasons,
        unanswered=unanswered,
        worth_asking=worth_asking,
        fine_tuning_plan=build_plan(answers, ranking, lang) if explain else None,
        what_if=what_if(rulebase, raw, answers, ev, top) if with_what_if else [],
        next_steps=_next_steps(rulebase, ev, answers, top, lang) if explain else [],
        stages=stages,
        summary=narrative.summary(top, stages, reasons, blocked, level, lang) if explain else "",
        deferred=deferred_why,
        sources_cited=list(cited.values()),
        planned_approach=planned_approach,
        lang=lang,
        overrides=dict(overrides or {}),
        tool_version=__version__,
        rulebase_fingerprint=rulebase.fingerprint,
    )


def assess_project(
    rulebase: RuleBase,
    project: ProjectFile,
    *,
    lang: Lang = "en",
    answers: Mapping[str, Any] | None = None,
    with_what_if: bool = True,
    overrides: Mapping[str, Any] | None = None,
    explain: bool = True,
) -> Assessment:
    """Assess a loaded project (with `answers`, when given, in place of its own; `overrides`
    are the `--set` answers among them, recorded in the assessment)."""
    return assess(
        rulebase,
        project.answers if answers is None else answers,
        source=project.source,
        project=project.project,
        lang=lang,
        planned_approach=project.planned_approach.value if project.planned_approach else None,
        with_what_if=with_what_if,
        overrides=overrides,
        explain=explain,
    )
