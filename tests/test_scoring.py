"""Properties of the scorer over many generated projects (in-process, on the installed package)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CASES, EXAMPLES

from llm_adapt.api import read_project
from llm_adapt.approaches import Approach
from llm_adapt.batch import apply_overrides
from llm_adapt.engine import evaluate
from llm_adapt.project import validate
from llm_adapt.rulebase import Question, RuleBase, load_rulebase
from llm_adapt.scoring import InfeasibleError, assess


@pytest.fixture(scope="module")
def rulebase() -> RuleBase:
    return load_rulebase()


def recommend(rulebase: RuleBase, answers: dict[str, Any]) -> str:
    """The recommendation alone, from a whole assessment without what-if."""
    return assess(rulebase, answers, source="x", project="x", with_what_if=False).recommendation


def _random_answer(question: Question, rng: random.Random) -> Any:
    if question.type == "choice":
        return rng.choice(question.values)
    if question.type == "boolean":
        return rng.random() < 0.5
    if question.id == "labeled_examples":
        return rng.choice([0, 5, 50, 99, 100, 500, 999, 1000, 4000, 49_999, 50_000, 140_000])
    if question.id == "requests_per_day":
        return rng.choice([0, 100, 1000, 5000, 100_000, 2_000_000])
    if question.id in ("baseline_accuracy", "target_accuracy"):
        return round(rng.random(), 2)
    if question.id == "model_size_b":
        return rng.choice([1, 2.7, 7, 13, 70])
    if question.id == "knowledge_tokens":
        return rng.choice([5_000, 100_000, 100_001, 3_000_000])
    if question.id == "raw_domain_text_tokens":
        return rng.choice([0, 9_999_999, 10_000_000, 10**9])
    return rng.choice([0, 8, 16, 24, 48, 80])


def _random_projects(rulebase: RuleBase, count: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    projects = []
    for _ in range(count):
        answers = {
            q.id: _random_answer(q, rng) for q in rulebase.questions.values() if rng.random() < 0.85
        }
        projects.append(answers)
    return projects


def test_invariants_over_random_projects(rulebase: RuleBase) -> None:
    for answers in _random_projects(rulebase, 300, seed=7):
        result = assess(rulebase, answers, source="gen", project="gen")
        assert result.recommendation == result.ranking[0]
        assert sorted(result.ranking) == sorted(result.scores)
        assert all(0.0 <= s <= 100.0 for s in result.scores.values())
        assert not result.blocked[result.recommendation], "a blocked approach is never advised"
        for name, why in result.blocked.items():
            if why:
                assert result.scores[name] == 0.0
        assert result.margin >= 0
        # The fine-tuning plan exists exactly when fine-tuning or the hybrid is in the top two.
        has_plan = bool({"fine_tuning", "hybrid"} & set(result.ranking[:2]))
        assert (result.fine_tuning_plan is not None) == has_plan
        # Every what-if is real: applying that one change gives that recommendation.
        for change in result.what_if:
            changed = apply_overrides(answers, {change.question: change.answer})
            assert recommend(rulebase, changed) == change.recommendation


def test_api_only_blocks_fine_tuning_and_hybrid(rulebase: RuleBase) -> None:
    result = assess(
        rulebase,
        {
            "model_access": "api_only",
            "style_control": "strong",
            "domain_gap": "large",
            "labeled_examples": 10_000,
        },
        source="x",
        project="x",
    )
    assert result.blocked["fine_tuning"] and result.blocked["hybrid"]
    assert result.recommendation in ("prompting", "rag")


def test_no_labeled_examples_defers_fine_tuning(rulebase: RuleBase) -> None:
    """Without labels fine-tuning is not blocked for good (labels can be collected): it is
    deferred, a later stage with the condition that moves to it."""
    answers = {"labeled_examples": 0, "style_control": "strong", "domain_gap": "large",
               "baseline_accuracy": 0.3, "target_accuracy": 0.9, "external_knowledge": "none"}
    result = assess(rulebase, answers, source="x", project="x")
    assert not result.blocked["fine_tuning"]
    assert result.recommendation == "prompting"
    assert [s.approach for s in result.stages] == ["prompting", "fine_tuning"]
    assert "at least 100 labeled examples" in (result.stages[1].condition or "")
    # A stronger model that can label the data makes it feasible now, and the plan says so.
    distil = assess(rulebase, {**answers, "teacher_model": True}, source="x", project="x")
    assert distil.recommendation == "fine_tuning"
    assert distil.fine_tuning_plan is not None
    assert distil.fine_tuning_plan.data_source == "distillation"


def test_unanswered_questions_lower_confidence(rulebase: RuleBase) -> None:
    case = yaml.safe_load((CASES / "financial-sentiment-small-model.yaml").read_text())["project"]
    full = assess(rulebase, case["answers"], source="x", project="x")
    partial_answers = {
        k: v for k, v in case["answers"].items() if k not in ("budget", "timeline", "ml_expertise")
    }
    partial = assess(rulebase, partial_answers, source="x", project="x")
    order = ["low", "medium", "high"]
    assert order.index(partial.confidence) < order.index(full.confidence)
    assert set(partial.unanswered) == {"budget", "timeline", "ml_expertise"}


def test_hybrid_is_its_own_option(rulebase: RuleBase) -> None:
    """The hybrid wins where knowledge and behaviour needs are both strong and both can be
    afforded; take away the resources for both and it does not."""
    case = yaml.safe_load((CASES / "agronomy-advisor.yaml").read_text())["project"]["answers"]
    assert recommend(rulebase, case) == "hybrid"
    # Not the average of RAG and fine-tuning: it beats both, and by more than their mean.
    points = {a.value: p for a, p in evaluate(rulebase, case).points.items()}
    assert points["hybrid"] > max(points["rag"], points["fine_tuning"])
    assert points["hybrid"] - (points["rag"] + points["fine_tuning"]) / 2 > 20
    for change in (
        {"budget": "low", "ml_expertise": "none"},
        {"retrieval_expertise": "none", "ml_expertise": "none", "budget": "low"},
        {"timeline": "days"},
        {"external_knowledge": "none"},
    ):
        assert recommend(rulebase, {**case, **change}) != "hybrid", change
    # A small budget is a discount, not a veto: it narrows the hybrid's lead.
    cheap = evaluate(rulebase, {**case, "budget": "low"}).points
    assert cheap[Approach.HYBRID] - cheap[Approach.RAG] < points["hybrid"] - points["rag"]


def test_low_quality_labels_outweigh_volume(rulebase: RuleBase) -> None:
    case = yaml.safe_load((CASES / "slack-voice-blog-writer.yaml").read_text())["project"]
    result = assess(rulebase, case["answers"], source="x", project="x")
    assert result.recommendation == "prompting"
    rules = [r.rule for r in result.reasons]
    assert "labels.low_quality" in rules
    assert "fine_tuning" in result.deferred


def test_examples_validate(rulebase: RuleBase) -> None:
    for example in EXAMPLES.glob("*.yaml"):
        first = example.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# "), f"{example.name} starts with a comment saying what it is"
        validate(
            yaml.safe_load(example.read_text()), rulebase, source=str(example), file=str(example)
        )


def test_an_answer_whose_gate_is_unanswered_still_counts(rulebase: RuleBase) -> None:
    """GPU size applies only to open weights; with `model_access` unanswered it may apply, so
    the answers are used (the plan estimates memory) and `model_access` is what is missing."""
    answers = {"style_control": "strong", "labeled_examples": 3000, "label_quality": "low",
               "model_size_b": 7, "gpu_memory_gb": 24, "domain_gap": "large"}
    result = assess(rulebase, answers, source="x", project="x")
    assert "model_access" in result.unanswered
    assert "gpu_memory_gb" not in result.unanswered
    assert "labels.low_quality" in [r.rule for r in result.reasons]
    closed = assess(rulebase, {**answers, "model_access": "api_only"}, source="x", project="x")
    assert "labels.low_quality" in [r.rule for r in closed.reasons]
    assert closed.fine_tuning_plan is None


def test_no_feasible_approach_is_an_error_not_a_blocked_recommendation(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "all.yaml").write_text("""\
rules:
  - id: org.nothing
    when: {always: true}
    blocks: [prompting, rag, fine_tuning, hybrid]
    rationale: {en: "Nothing is allowed.", zh: "什么都不允许。"}
    sources: ["003_9f80cfcc687e2087.txt §2. 区别与比较"]
""", encoding="utf-8")
    with pytest.raises(InfeasibleError, match=r"org\.nothing block all four"):
        assess(load_rulebase([pack]), {}, source="x", project="x")


def test_a_recommendation_that_must_wait_is_never_given_with_confidence(tmp_path: Path) -> None:
    """A rule pack can defer every approach (nothing may start before, say, a review board
    meets): the recommendation is then the best of what must wait, so its confidence is low,
    however far it leads, and the summary still names what moves to it."""
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "wait.yaml").write_text("""\
rules:
  - id: org.review_board
    kind: feasibility
    when: {always: true}
    defers:
      approaches: [prompting, rag, fine_tuning, hybrid]
      condition: {en: "once the review board approves", zh: "在评审委员会批准之后"}
    rationale:
      en: "Nothing starts before the review board approves."
      zh: "评审委员会批准前不开始。"
    sources: ["003_9f80cfcc687e2087.txt §2. 区别与比较"]
""", encoding="utf-8")
    rulebase = load_rulebase([pack])
    project = read_project(EXAMPLES / "meeting-notes.yaml", load_rulebase())
    plain = assess(load_rulebase(), project.answers, source="x", project="x")
    assert plain.confidence == "high"  # the same project, with nothing deferred
    waiting = assess(rulebase, project.answers, source="x", project="x")
    assert waiting.recommendation == plain.recommendation
    assert waiting.confidence == "low"
    runner_up = max(v for k, v in waiting.scores.items() if k != waiting.recommendation)
    assert waiting.margin == round(waiting.scores[waiting.recommendation] - runner_up, 1)
    assert "once the review board approves" in waiting.deferred[waiting.recommendation]
