"""Properties of the advice over random projects (hypothesis; derandomized and bounded for CI).

The sources' stop signs hold for every project, not only for the calibration cases: no
fine-tuning without enough clean labels, time or a measured need, no retrieval with nothing to
retrieve, never a blocked approach; and the advice moves the right way when a team gets more or
cleaner labels, when knowledge changes faster, or when prompting measures better.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llm_adapt.approaches import Approach
from llm_adapt.engine import applicable_answers, evaluate, score
from llm_adapt.rulebase import Question, RuleBase, load_rulebase
from llm_adapt.scoring import assess

RULEBASE: RuleBase = load_rulebase()
TUNED = {"fine_tuning", "hybrid"}
PROFILE = settings(
    max_examples=100,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Numbers around the thresholds the rules use, and some in between.
_NUMBERS: dict[str, list[Any]] = {
    "labeled_examples": [0, 5, 60, 99, 100, 150, 199, 200, 500, 4000, 49_999, 50_000, 140_000],
    "requests_per_day": [0, 100, 1000, 1001, 5000, 99_999, 100_000, 999_999, 1_000_000],
    "baseline_accuracy": [0.0, 0.3, 0.49, 0.5, 0.6, 0.69, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0],
    "target_accuracy": [0.5, 0.7, 0.8, 0.85, 0.9, 0.95],
    "model_size_b": [1, 2.7, 7, 13, 70],
    "gpu_memory_gb": [0, 8, 16, 24, 48, 80],
    "knowledge_tokens": [1000, 75_000, 100_000, 100_001, 5_000_000],
    "raw_domain_text_tokens": [0, 1_000_000, 9_999_999, 10_000_000, 10**9],
}


def _values(question: Question) -> st.SearchStrategy[Any]:
    if question.type == "choice":
        return st.sampled_from(question.values)
    if question.type == "boolean":
        return st.booleans()
    return st.sampled_from(_NUMBERS[question.id])


# Each question answered or left out (None), independently.
PROJECTS = st.fixed_dictionaries(
    {qid: st.one_of(st.none(), _values(q)) for qid, q in RULEBASE.questions.items()}
).map(lambda d: {k: v for k, v in d.items() if v is not None})


def _advice(answers: dict[str, Any]) -> Any:
    return assess(RULEBASE, answers, source="gen", project="gen", with_what_if=False)


def _points(answers: dict[str, Any]) -> dict[Approach, float]:
    return dict(evaluate(RULEBASE, applicable_answers(RULEBASE, answers)).points)


@PROFILE
@given(PROJECTS)
def test_the_sources_stop_signs_always_hold(answers: dict[str, Any]) -> None:
    advice = _advice(answers)
    top = advice.recommendation
    applying = applicable_answers(RULEBASE, answers)
    # The contract: the first stage is what to build now, and it is the recommendation.
    assert advice.stages[0].approach == top == advice.ranking[0]
    assert not advice.blocked[top], "a blocked approach is never advised"
    if applying.get("external_knowledge") == "none":
        assert top not in ("rag", "hybrid"), "nothing to retrieve"
    if top not in TUNED:
        return
    labeled = applying.get("labeled_examples")
    if labeled is not None and labeled < 100:
        # Only another source of training signal makes it feasible, and the plan names it.
        plan = advice.fine_tuning_plan
        assert plan is not None and plan.data_source in ("distillation", "continued_pretraining")
        if plan.data_source == "distillation":
            assert applying.get("teacher_model") is True
        else:
            assert applying.get("raw_domain_text_tokens", 0) >= 10_000_000
    assert applying.get("label_quality") != "low", "not on labels that are not examples"
    assert applying.get("timeline") != "days", "no time to train"
    baseline, target = applying.get("baseline_accuracy"), applying.get("target_accuracy")
    assert baseline is not None, "never before prompting has been measured"
    if target is not None and baseline >= target:
        # Prompting meets the target: tuning can only be a distillation for cost or latency.
        driver = (
            applying.get("requests_per_day", 0) >= 100_000
            or applying.get("latency_sensitivity") == "high"
            or applying.get("deployment") == "on_device"
            or applying.get("baseline_model") == "larger"
        )
        assert driver


@PROFILE
@given(PROJECTS, st.data())
def test_more_or_cleaner_labels_never_lower_fine_tuning(answers: dict[str, Any], data: Any) -> None:
    counts = _NUMBERS["labeled_examples"]
    low, high = sorted(data.draw(st.lists(st.sampled_from(counts), min_size=2, max_size=2)))
    fewer = _points({**answers, "labeled_examples": low})[Approach.FINE_TUNING]
    more = _points({**answers, "labeled_examples": high})[Approach.FINE_TUNING]
    assert more >= fewer
    qualities = ["low", "medium", "high"]
    by_quality = [
        _points({**answers, "label_quality": q})[Approach.FINE_TUNING] for q in qualities
    ]
    assert by_quality == sorted(by_quality)


@PROFILE
@given(PROJECTS, st.sampled_from(["some", "essential"]))
def test_faster_changing_knowledge_never_favours_fine_tuning_over_rag(
    answers: dict[str, Any], need: str
) -> None:
    gaps = []
    for change in ("static", "periodic", "continuous"):
        points = _points({**answers, "external_knowledge": need, "knowledge_change": change})
        gaps.append(points[Approach.FINE_TUNING] - points[Approach.RAG])
    assert gaps == sorted(gaps, reverse=True)


@PROFILE
@given(PROJECTS, st.data())
def test_a_higher_measured_baseline_never_lowers_prompting(
    answers: dict[str, Any], data: Any
) -> None:
    values = _NUMBERS["baseline_accuracy"]
    low, high = sorted(data.draw(st.lists(st.sampled_from(values), min_size=2, max_size=2)))
    worse = score(_points({**answers, "baseline_accuracy": low})[Approach.PROMPTING])
    better = score(_points({**answers, "baseline_accuracy": high})[Approach.PROMPTING])
    assert better >= worse
