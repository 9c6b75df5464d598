"""Condition semantics: what each operator means, and what an unanswered question does."""

from __future__ import annotations

from typing import Any

import pytest

from llm_adapt.conditions import (
    ConditionError,
    Ref,
    compile_condition,
    parse,
    questions_of,
)
from llm_adapt.rulebase import load_rulebase
from llm_adapt.scoring import assess


def holds(raw: dict[str, Any], answers: dict[str, Any]) -> bool:
    return compile_condition(parse(raw))(answers)


# Every operator on an answered question, at and around its operand.
ANSWERED: list[tuple[dict[str, Any], dict[str, Any], bool]] = [
    ({"q": "budget", "eq": "low"}, {"budget": "low"}, True),
    ({"q": "budget", "eq": "low"}, {"budget": "high"}, False),
    ({"q": "budget", "ne": "low"}, {"budget": "high"}, True),
    ({"q": "budget", "ne": "low"}, {"budget": "low"}, False),
    ({"q": "budget", "in": ["low", "medium"]}, {"budget": "medium"}, True),
    ({"q": "budget", "in": ["low", "medium"]}, {"budget": "high"}, False),
    ({"q": "budget", "not_in": ["low", "medium"]}, {"budget": "high"}, True),
    ({"q": "budget", "not_in": ["low", "medium"]}, {"budget": "low"}, False),
    ({"q": "preserve_general_skills", "eq": False}, {"preserve_general_skills": False}, True),
    ({"q": "preserve_general_skills", "eq": False}, {"preserve_general_skills": True}, False),
    ({"q": "labeled_examples", "gte": 100}, {"labeled_examples": 100}, True),
    ({"q": "labeled_examples", "gte": 100}, {"labeled_examples": 99}, False),
    ({"q": "labeled_examples", "gt": 100}, {"labeled_examples": 100}, False),
    ({"q": "labeled_examples", "gt": 100}, {"labeled_examples": 101}, True),
    ({"q": "labeled_examples", "lte": 100}, {"labeled_examples": 100}, True),
    ({"q": "labeled_examples", "lte": 100}, {"labeled_examples": 101}, False),
    ({"q": "labeled_examples", "lt": 100}, {"labeled_examples": 100}, False),
    ({"q": "labeled_examples", "lt": 100}, {"labeled_examples": 0}, True),
    ({"q": "baseline_accuracy", "lt": 0.5}, {"baseline_accuracy": 0.49}, True),
    ({"q": "baseline_accuracy", "lt": 0.5}, {"baseline_accuracy": 0.5}, False),
]


@pytest.mark.parametrize(("raw", "answers", "expected"), ANSWERED,
                         ids=[f"{r}-{a}" for r, a, _ in ANSWERED])
def test_operators_on_an_answered_question(
    raw: dict[str, Any], answers: dict[str, Any], expected: bool
) -> None:
    assert holds(raw, answers) is expected


@pytest.mark.parametrize("raw", [r for r, _, _ in ANSWERED], ids=[str(r) for r, _, _ in ANSWERED])
@pytest.mark.parametrize("missing", ["left out", "null"])
def test_every_comparison_on_an_unanswered_question_is_false(
    raw: dict[str, Any], missing: str
) -> None:
    """Even `ne` and `not_in`, which an absent value would otherwise satisfy: a rule never
    fires on an answer nobody gave. `null` (a number not measured) is unanswered too."""
    answers: dict[str, Any] = {"other": 1} if missing == "left out" else {raw["q"]: None}
    assert holds(raw, answers) is False


@pytest.mark.parametrize(("answers", "qid", "is_answered"), [
    ({"budget": "low"}, "budget", True),
    ({}, "budget", False),
    ({"budget": None}, "budget", False),
    ({"preserve_general_skills": False}, "preserve_general_skills", True),  # false is an answer
    ({"labeled_examples": 0}, "labeled_examples", True),  # and so is zero
])
def test_answered_tests_for_an_answer(answers: dict[str, Any], qid: str, is_answered: bool) -> None:
    assert holds({"q": qid, "answered": True}, answers) is is_answered
    assert holds({"q": qid, "answered": False}, answers) is (not is_answered)


def test_not_negates_the_whole_comparison_so_it_holds_when_unanswered() -> None:
    """`not` is logical negation: `not eq` is not `ne`; it is also true when unanswered."""
    assert holds({"not": {"q": "budget", "eq": "low"}}, {}) is True
    assert holds({"q": "budget", "ne": "low"}, {}) is False
    assert holds({"not": {"q": "budget", "eq": "low"}}, {"budget": "high"}) is True
    assert holds({"not": {"q": "budget", "eq": "low"}}, {"budget": "low"}) is False
    assert holds({"not": {"not": {"q": "budget", "eq": "low"}}}, {}) is False


REF = {"q": "baseline_accuracy", "gte": {"q": "target_accuracy"}}


def test_an_operand_may_be_another_answer() -> None:
    assert parse(REF).value == Ref("target_accuracy")  # type: ignore[union-attr]
    assert questions_of(parse(REF)) == {"baseline_accuracy", "target_accuracy"}
    both = {"baseline_accuracy": 0.8, "target_accuracy": 0.8}
    assert holds(REF, both) is True
    assert holds(REF, {**both, "baseline_accuracy": 0.79}) is False
    strictly = {"q": "baseline_accuracy", "gt": {"q": "target_accuracy"}}
    assert holds(strictly, both) is False
    assert holds(strictly, {**both, "baseline_accuracy": 0.81}) is True
    below = {"q": "baseline_accuracy", "lt": {"q": "target_accuracy"}}
    assert holds(below, {**both, "baseline_accuracy": 0.5}) is True
    at_most = {"q": "baseline_accuracy", "lte": {"q": "target_accuracy"}}
    assert holds(at_most, both) is True


@pytest.mark.parametrize("answers", [
    {"baseline_accuracy": 0.8},
    {"target_accuracy": 0.8},
    {"baseline_accuracy": 0.8, "target_accuracy": None},
    {},
])
def test_a_comparison_with_an_unanswered_side_is_false(answers: dict[str, Any]) -> None:
    for op in ("gte", "gt", "lte", "lt"):
        assert holds({"q": "baseline_accuracy", op: {"q": "target_accuracy"}}, answers) is False


def test_all_any_and_always() -> None:
    low = {"q": "budget", "eq": "low"}
    days = {"q": "timeline", "eq": "days"}
    answers = {"budget": "low", "timeline": "weeks"}
    assert holds({"all": [low]}, answers) is True
    assert holds({"all": [low, days]}, answers) is False
    assert holds({"any": [low, days]}, answers) is True
    assert holds({"any": [days]}, answers) is False
    assert holds({"any": [days, {"q": "ml_expertise", "ne": "none"}]}, answers) is False
    assert holds({"all": [low, {"not": days}]}, answers) is True
    assert holds({"always": True}, {}) is True
    nested = {"all": [{"any": [low, days]}, {"not": {"q": "budget", "answered": False}}]}
    assert holds(nested, answers) is True
    assert holds(nested, {"timeline": "days"}) is False
    assert questions_of(parse(nested)) == {"budget", "timeline"}


@pytest.mark.parametrize(("raw", "message"), [
    (["q", "budget"], "must be a mapping"),
    ({"always": False}, "'always' must be true"),
    ({"q": "budget", "in": []}, "'in' needs a non-empty list"),
    ({"q": "budget", "not_in": "low"}, "'not_in' needs a non-empty list"),
    ({"q": "budget", "answered": "yes"}, "'answered' needs true or false"),
    ({"q": "labeled_examples", "gte": True}, "'gte' needs a number"),
    ({"q": "labeled_examples", "gte": {"q": "a", "eq": 1}}, "'gte' needs a number"),
    ({"not": [{"always": True}]}, "must be a mapping"),
    ({"q": "budget"}, "needs exactly one of"),
])
def test_malformed_conditions_are_refused(raw: Any, message: str) -> None:
    with pytest.raises(ConditionError, match=message):
        parse(raw)


def test_through_the_rule_base_an_unanswered_question_fires_no_comparison() -> None:
    """Fewer than 100 labeled examples defers fine-tuning (`labeled_examples lt 100`); left
    out or null, the count is unknown and defers nothing. A rule written with `not` does
    fire then (data.scarce's `not teacher_model eq true` holds while teacher_model is open)."""
    rulebase = load_rulebase()

    def fired(answers: dict[str, Any]) -> set[str]:
        return {r.rule for r in assess(rulebase, answers, source="x", project="x").reasons}

    assert "labeled_examples" in assess(rulebase, {}, source="x", project="x").unanswered
    none = assess(rulebase, {"labeled_examples": 0}, source="x", project="x")
    assert "fine_tuning" in none.deferred and "data.scarce" in fired({"labeled_examples": 0})
    for unknown in ({}, {"labeled_examples": None}):
        result = assess(rulebase, unknown, source="x", project="x")
        assert "labeled_examples" in result.unanswered, unknown  # null is "not measured"
        assert not {"data.scarce", "data.below_plan"} & fired(unknown), unknown
    # A teacher model answered `true` makes the `not` false: the scarce rule no longer fires.
    assert "data.scarce" not in fired({"labeled_examples": 0, "teacher_model": True})
