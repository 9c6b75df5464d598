"""What-if finds every single-answer change that flips the advice, and nothing else.

The reference is brute force: for each question, each value worth trying is put into the
answers and the whole assessment is recomputed (`assess(..., with_what_if=False)`), with none
of what-if's incremental shortcuts. For numbers a dense grid of values, chosen without
looking at the rules' thresholds, checks that the candidates what-if tries miss no outcome.
"""

from __future__ import annotations

import itertools
import json
import math
import random
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli, write

from llm_adapt import rulebase as rulebase_module
from llm_adapt.conditions import Ref
from llm_adapt.engine import applicable_answers, could_change, evaluate, rank
from llm_adapt.rulebase import Question, RuleBase, load_rulebase
from llm_adapt.scoring import assess
from llm_adapt.whatif import candidates, relative_candidates

Flip = tuple[str, Any, str]  # (question, answer, new recommendation)


@pytest.fixture(scope="module")
def rulebase() -> RuleBase:
    return load_rulebase()


def in_range(question: Question, value: float) -> bool:
    return ((question.minimum is None or value >= question.minimum)
            and (question.maximum is None or value <= question.maximum)
            and (question.exclusive_minimum is None or value > question.exclusive_minimum))


def random_number(question: Question, rng: random.Random) -> float | int:
    """Any value the question accepts, spread over orders of magnitude."""
    if question.maximum is not None and question.maximum <= 1:
        return round(rng.uniform(0, question.maximum), 2)
    if question.type == "integer":
        return rng.choice([0, 1, int(10 ** rng.uniform(0, 7))])
    return round(10 ** rng.uniform(-1, 3), 1) or 0.1


def random_project(rulebase: RuleBase, rng: random.Random) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in rulebase.questions.values():
        if rng.random() < 0.2:
            continue  # left unanswered
        if question.type == "choice":
            answers[question.id] = rng.choice(question.values)
        elif question.type == "boolean":
            answers[question.id] = rng.random() < 0.5
        else:
            answers[question.id] = random_number(question, rng)
    return answers


def dense_grid(question: Question) -> list[float | int]:
    """Values a number question may take, close together at every scale."""
    if question.maximum is not None and question.maximum <= 1:
        values: set[float] = {i / 100 for i in range(101)}
    else:
        values = set(range(21)) | {round(1.25 ** k) for k in range(75)}
        if question.type == "number":
            values |= {round(0.1 * 1.25 ** k, 2) for k in range(32)}
    grid = [v for v in sorted(values) if in_range(question, v)]
    return [int(v) for v in grid] if question.type == "integer" else grid


def advice(rulebase: RuleBase, answers: Mapping[str, Any]) -> str:
    return assess(rulebase, answers, source="x", project="x",
                  with_what_if=False).recommendation


def brute_force(rulebase: RuleBase, answers: dict[str, Any], qid: str,
                values: list[Any]) -> dict[Any, str]:
    """The recommendation after each one change of `qid` that changes it."""
    base = advice(rulebase, answers)
    found = {}
    for value in values:
        if value == answers.get(qid):
            continue
        after = advice(rulebase, {**answers, qid: value})
        if after != base:
            found[value] = after
    return found


def expected_flips(rulebase: RuleBase, answers: dict[str, Any]) -> set[Flip]:
    """What what-if must list, by its contract: for a choice or yes/no question every other
    value that changes the advice; for a number, for each new advice, the candidate value
    nearest to the current answer (the smaller on a tie; the smallest when unanswered)."""
    expected: set[Flip] = set()
    applying = {q: v for q, v in answers.items() if rulebase.applicable(q, answers)}
    for qid, question in rulebase.questions.items():
        values = candidates(rulebase, question)
        if question.type in ("integer", "number"):
            # A threshold that is another answer ({q: OTHER}) is tried around that answer.
            values = [*values, *relative_candidates(rulebase, question, applying)]
        found = brute_force(rulebase, answers, qid, values)
        if not rulebase.applicable(qid, answers):
            assert not found, f"{qid} cannot apply, yet changing it changes the advice"
            continue
        if question.type in ("choice", "boolean"):
            expected |= {(qid, value, after) for value, after in found.items()}
            continue
        current = answers.get(qid)
        nearest: dict[str, Any] = {}
        for value, after in found.items():
            distance = (0.0 if current is None else abs(value - current), value)
            held = nearest.get(after)
            if held is None or distance < (0.0 if current is None else abs(held - current),
                                           held):
                nearest[after] = value
        expected |= {(qid, value, after) for after, value in nearest.items()}
    return expected


PROJECTS = 24


def test_what_if_lists_exactly_the_flips_brute_force_finds(rulebase: RuleBase) -> None:
    rng = random.Random(20240607)
    flipped_projects = 0
    for _ in range(PROJECTS):
        answers = random_project(rulebase, rng)
        result = assess(rulebase, answers, source="x", project="x")
        listed = {(w.question, w.answer, w.recommendation) for w in result.what_if}
        assert len(listed) == len(result.what_if), "a change is listed twice"
        for change in result.what_if:  # a count stays a whole number in the report
            kind = rulebase.questions[change.question].type
            assert kind != "integer" or type(change.answer) is int, change
        assert listed == expected_flips(rulebase, answers), answers
        flipped_projects += bool(listed)
    # The projects are varied enough for the comparison to mean something.
    assert flipped_projects > PROJECTS // 2


def test_numbers_are_listed_nearest_first(rulebase: RuleBase) -> None:
    rng = random.Random(11)
    for _ in range(60):
        answers = random_project(rulebase, rng)
        result = assess(rulebase, answers, source="x", project="x")
        for qid in {w.question for w in result.what_if}:
            question = rulebase.questions[qid]
            current = answers.get(qid)
            if question.type in ("choice", "boolean") or current is None:
                continue
            distances = [abs(w.answer - current) for w in result.what_if if w.question == qid]
            assert distances == sorted(distances), (qid, answers)


def compared_with_answers(rulebase: RuleBase) -> set[str]:
    """Questions some rule compares with another answer (`{q: OTHER}` operands)."""
    return {qid for compiled in rulebase.rules for comp in compiled.comparisons
            if isinstance(comp.value, Ref) for qid in (comp.question, comp.value.question)}


def first_grid_miss(rulebase: RuleBase, questions: list[Question], projects: int,
                    seed: int) -> tuple[str, Any, str, dict[str, Any]] | None:
    """The first (question, grid value, advice, answers) where a value of the grid leads to
    an advice that what-if does not list for that question, or lists only with a value
    farther from the current answer than that grid value (by more than one step: what-if
    tries each threshold and the values one step on either side of it)."""
    rng = random.Random(seed)
    for _ in range(projects):
        answers = random_project(rulebase, rng)
        listed = {(w.question, w.recommendation): w.answer
                  for w in assess(rulebase, answers, source="x", project="x").what_if}
        for question in questions:
            if not rulebase.applicable(question.id, answers):
                continue
            current = answers.get(question.id)
            step = 1 if question.type == "integer" else 0.01
            found = brute_force(rulebase, answers, question.id, dense_grid(question))
            for value, after in found.items():
                given = listed.get((question.id, after))
                if given is None:
                    return question.id, value, after, answers
                if current is not None and \
                        abs(given - current) > abs(value - current) + step + 1e-9:
                    return question.id, value, after, answers
    return None


def number_questions(rulebase: RuleBase, *, compared_with_answers_: bool) -> list[Question]:
    refs = compared_with_answers(rulebase)
    return [q for q in rulebase.questions.values()
            if q.type in ("integer", "number") and (q.id in refs) is compared_with_answers_]


def test_the_candidates_miss_no_outcome_of_a_dense_grid(rulebase: RuleBase) -> None:
    """Every advice a number question can lead to (on a grid of values at every scale) is
    reached by some value what-if tries, so what-if lists it."""
    questions = number_questions(rulebase, compared_with_answers_=False)
    assert len(questions) >= 3
    assert first_grid_miss(rulebase, questions, projects=8, seed=5) is None


def test_the_candidates_miss_no_outcome_of_a_comparison_between_answers(
    rulebase: RuleBase,
) -> None:
    questions = number_questions(rulebase, compared_with_answers_=True)
    assert {q.id for q in questions} >= {"baseline_accuracy", "target_accuracy"}
    assert first_grid_miss(rulebase, questions, projects=8, seed=5) is None


def test_the_grid_is_dense(rulebase: RuleBase) -> None:
    """The grid above is a fair judge: steps of at most 25% (a hundredth for fractions), and
    values on both sides of every threshold the rule base compares a number with."""
    for question in rulebase.questions.values():
        if question.type not in ("integer", "number"):
            continue
        grid = dense_grid(question)
        for low, high in itertools.pairwise(grid):
            assert high - low <= max(1, 0.25 * high) + 1e-9 or math.isclose(high - low, 0.01)
    thresholds = [comp for compiled in rulebase.rules for comp in compiled.comparisons
                  if not isinstance(comp.value, Ref) and comp.op in ("gte", "gt", "lte", "lt")]
    assert thresholds
    for comp in thresholds:
        grid = dense_grid(rulebase.questions[comp.question])
        if comp.op in ("gte", "lt"):
            assert any(v < comp.value for v in grid) and any(v >= comp.value for v in grid)
        else:
            assert any(v <= comp.value for v in grid) and any(v > comp.value for v in grid)


def test_what_if_tries_both_sides_of_every_threshold(rulebase: RuleBase) -> None:
    """For each number a rule compares an answer with, what-if tries a value that passes the
    comparison and one that fails it, as close to the threshold as the question's type allows
    (a whole number, or a hundredth)."""
    thresholds = [(comp.question, comp.op, comp.value)
                  for compiled in rulebase.rules for comp in compiled.comparisons
                  if not isinstance(comp.value, Ref) and comp.op in ("gte", "gt", "lte", "lt")]
    assert thresholds
    for qid, op, threshold in thresholds:
        question = rulebase.questions[qid]
        step = 1 if question.type == "integer" else 0.01
        tried = candidates(rulebase, question)
        # The nearest values on each side: the threshold itself is on one side of it.
        below, above = (threshold - step, threshold) if op in ("gte", "lt") else (
            threshold, threshold + step)
        for value in (below, above):
            if in_range(question, value):
                assert any(math.isclose(value, v) for v in tried), (qid, op, threshold, tried)


def test_a_question_skipped_as_unable_to_change_the_advice_cannot(rulebase: RuleBase) -> None:
    """What-if skips a question when a bound on the points and the blocks its rules can move
    says no answer to it changes the recommendation (`engine.could_change`). Every skip is
    checked here against recomputing the whole assessment for each value worth trying; and
    the bound must skip often, or it saves nothing."""
    rng = random.Random(77)
    skipped = tried = 0
    for _ in range(40):
        answers = random_project(rulebase, rng)
        raw = {q: v for q, v in answers.items() if v is not None}
        applying = applicable_answers(rulebase, raw)
        base = evaluate(rulebase, applying)
        top = rank(base.points, base.blocked, base.deferred)[0]
        for qid, question in rulebase.questions.items():
            if qid not in rulebase.rules_reading or not rulebase.applicable(qid, raw):
                continue
            tried += 1
            if could_change(rulebase, base, top, qid):
                continue
            skipped += 1
            values = [*candidates(rulebase, question),
                      *relative_candidates(rulebase, question, applying)]
            assert not brute_force(rulebase, answers, qid, values), (qid, answers)
    assert skipped > tried // 3


# Two approaches left (a pack forbids training), and points that are not whole numbers:
# switching `pack_switch` on adds 0.2 then 0.3 to prompting's 15.9 (plus the built-in
# rules' points), which lands exactly on rag's points, and the cheaper approach wins the
# tie; 15.9 + (0.2 + 0.3) would fall just short of it.
FRACTIONAL_PACK = """\
questions:
  - id: pack_switch
    section: knowledge
    type: boolean
    text: {en: "Switch?", zh: "开关？"}
    hint: {en: "yes or no", zh: "是或否"}
    help: {en: "A switch.", zh: "一个开关。"}
    sources: ["meta-finetune-or-not §2.2 q1"]
rules:
  - id: pack.no_training
    when: {always: true}
    blocks: [fine_tuning, hybrid]
    rationale: {en: "No training here.", zh: "这里不训练。"}
    heuristic: true
  - id: pack.base
    when: {always: true}
    effects: {prompting: 15.9, rag: 26.400000000000002}
    rationale: {en: "Base.", zh: "基础。"}
    heuristic: true
  - id: pack.one
    when: {q: pack_switch, eq: true}
    effects: {prompting: 0.2}
    rationale: {en: "One.", zh: "一。"}
    heuristic: true
  - id: pack.two
    when: {q: pack_switch, eq: true}
    effects: {prompting: 0.3}
    rationale: {en: "Two.", zh: "二。"}
    heuristic: true
"""


def test_a_tie_reached_through_rounded_points_is_not_skipped(tmp_path: Path) -> None:
    """The bound that lets what-if skip a question allows for float rounding: a change
    whose points tie the recommendation's only after rounding still flips the advice."""
    pack = write(tmp_path / "pack" / "fractional.yaml", FRACTIONAL_PACK).parent
    project = write(tmp_path / "p.yaml", "format: 1\nproject: p\nanswers: {pack_switch: no}\n")
    switched = run_cli("assess", str(project), "--rules", str(pack), "--format", "json",
                       "--set", "pack_switch=yes")
    assert json.loads(switched.stdout)["recommendation"] == "prompting", switched.stderr
    result = run_cli("assess", str(project), "--rules", str(pack), "--format", "json")
    data = json.loads(result.stdout)
    assert data["recommendation"] == "rag"
    assert {"question": "pack_switch", "answer": True, "recommendation": "prompting"} \
        in data["what_if"]


TENTHS_PACK = """\
rules:
  - id: pack.only_retrieval
    when: {always: true}
    blocks: [prompting, fine_tuning]
    rationale: {en: "Retrieval only.", zh: "仅检索。"}
    heuristic: true
  - id: pack.lift
    when: {q: structured_output, eq: true}
    effects: {hybrid: 3}
    rationale: {en: "Lift.", zh: "提升。"}
    heuristic: true
  - id: pack.tenth
    group: tenth
    when: {always: true}
    effects: {rag: 0.1, hybrid: 0.1}
    rationale: {en: "A tenth.", zh: "十分之一。"}
    heuristic: true
"""


def test_what_if_sees_a_tie_that_adding_and_removing_an_effect_leaves() -> None:
    """What-if takes a rule's effect away from the sums it has (3.1 - 3 is not 0.1 in
    floating point); the ranking compares rounded points, so the tie a full recompute finds
    (rag and hybrid both at 0.1, the cheaper wins) is the one what-if finds. The pack is
    alone with the built-in questions, so its tenths are the only points."""
    builder = rulebase_module._Builder()
    for entry in rulebase_module._rule_files(rulebase_module._builtin_dir()):
        if entry.name in ("00-sources.yaml", "10-questions.yaml"):
            builder.add(*rulebase_module._read(entry, entry.name), entry.name)
    builder.add(*rulebase_module._parse(TENTHS_PACK, "pack.yaml"), "pack.yaml")
    tenths = builder.build()
    answers = {"structured_output": True}
    before = assess(tenths, answers, source="x", project="x")
    assert before.recommendation == "hybrid"
    assert advice(tenths, {"structured_output": False}) == "rag"
    assert ("structured_output", False, "rag") in {
        (w.question, w.answer, w.recommendation) for w in before.what_if}
