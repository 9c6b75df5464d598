"""The fine-tuning plan: when there is one, the method and data it suggests, and which notes
it adds when."""

from __future__ import annotations

import re
from typing import Any

import pytest

from llm_adapt.approaches import Approach
from llm_adapt.plan import build_plan

FT, HYBRID, RAG, PROMPTING = (Approach.FINE_TUNING, Approach.HYBRID, Approach.RAG,
                              Approach.PROMPTING)
FT_FIRST = [FT, RAG, HYBRID, PROMPTING]

# A fragment of each note's English text, to tell the notes apart.
NOTE = {
    "hosted": "The provider's service trains the model",
    "no_size": "Give model_size_b",
    "no_gpu": "Give gpu_memory_gb",
    "too_big": "Even QLoRA needs about",
    "peft": "PEFT (LoRA/QLoRA) freezes the original weights",
    "raft": "(RAFT)",
    "sequential": "Sequential: tune first on general domain text",
    "more_data": "Collect at least",
}


def notes(answers: dict[str, Any], ranking: list[Approach] = FT_FIRST) -> set[str]:
    plan = build_plan(answers, ranking, "en")
    assert plan is not None
    found = {key for key, fragment in NOTE.items() for note in plan.notes if fragment in note}
    assert len(found) == len(plan.notes), plan.notes  # every note is one of the known ones
    return found


def test_a_plan_only_when_fine_tuning_or_the_hybrid_is_first_or_second() -> None:
    assert build_plan({}, [PROMPTING, RAG, FT, HYBRID], "en") is None
    for ranking in ([FT, RAG, HYBRID, PROMPTING], [RAG, FT, PROMPTING, HYBRID],
                    [HYBRID, PROMPTING, RAG, FT], [PROMPTING, HYBRID, RAG, FT]):
        assert build_plan({}, ranking, "en") is not None, ranking


GPU = {"model_access": "open_weights", "labeled_examples": 5000}


@pytest.mark.parametrize(("answers", "ranking", "expected"), [
    # Nothing known about the model: LoRA by default, and a request for its size.
    ({}, FT_FIRST, {"no_size", "peft"}),
    # The size but not the GPU: the fit cannot be checked.
    ({**GPU, "model_size_b": 7}, FT_FIRST, {"no_gpu", "peft"}),
    # Both, and it fits: only the PEFT note.
    ({**GPU, "model_size_b": 7, "gpu_memory_gb": 24}, FT_FIRST, {"peft"}),
    # Even QLoRA does not fit.
    ({**GPU, "model_size_b": 70, "gpu_memory_gb": 24}, FT_FIRST, {"too_big", "peft"}),
    # The provider trains: no memory notes at all, whatever is known about the model.
    ({"model_access": "hosted_finetuning", "model_size_b": 70, "gpu_memory_gb": 8,
      "labeled_examples": 5000}, FT_FIRST, {"hosted"}),
    # The hybrid first adds RAFT; second, it does not.
    ({**GPU, "model_size_b": 7, "gpu_memory_gb": 24}, [HYBRID, FT, RAG, PROMPTING],
     {"peft", "raft"}),
    ({**GPU, "model_size_b": 7, "gpu_memory_gb": 24}, [FT, HYBRID, RAG, PROMPTING], {"peft"}),
    # A few tasks in a domain far from general text: tune in sequence.
    ({**GPU, "model_size_b": 7, "gpu_memory_gb": 24, "task_diversity": "few",
      "domain_gap": "large"}, FT_FIRST, {"peft", "sequential"}),
    ({**GPU, "model_size_b": 7, "gpu_memory_gb": 24, "task_diversity": "few",
      "domain_gap": "some"}, FT_FIRST, {"peft"}),
    # Too few examples for the kind of tuning.
    ({**GPU, "labeled_examples": 50, "model_size_b": 7, "gpu_memory_gb": 24}, FT_FIRST,
     {"peft", "more_data"}),
    # Many tasks, general skills not needed, and it fits: full fine-tuning, no PEFT note.
    ({**GPU, "labeled_examples": 60_000, "task_diversity": "many",
      "preserve_general_skills": False, "model_size_b": 1, "gpu_memory_gb": 80}, FT_FIRST,
     set()),
])
def test_which_notes_appear(answers: dict[str, Any], ranking: list[Approach],
                            expected: set[str]) -> None:
    assert notes(answers, ranking) == expected


def test_the_notes_carry_the_figures() -> None:
    plan = build_plan({**GPU, "model_size_b": 70, "gpu_memory_gb": 24, "labeled_examples": 50},
                      FT_FIRST, "en")
    assert plan is not None and plan.fits_gpu is False and plan.method == "qlora"
    (too_big,) = [n for n in plan.notes if NOTE["too_big"] in n]
    assert f"about {plan.estimated_peak_memory_gb:g} GB" in too_big and "24 GB GPU" in too_big
    (more,) = [n for n in plan.notes if NOTE["more_data"] in n]
    assert f"at least {plan.suggested_examples.min} examples" in more and "you have 50." in more


@pytest.mark.parametrize(("answers", "least"), [
    ({}, 500),
    ({"baseline_accuracy": 0.3}, 200),  # a weak baseline gains from a few hundred (001 §1.2)
    ({"task_diversity": "many"}, 50_000),
])
def test_more_data_is_asked_for_exactly_below_the_suggested_minimum(
    answers: dict[str, Any], least: int
) -> None:
    for have, short in ((least - 1, True), (least, False), (0, True)):
        plan = build_plan({**answers, "labeled_examples": have}, FT_FIRST, "en")
        assert plan is not None and plan.suggested_examples.min == least
        assert plan.enough_examples is (not short)
        assert ("more_data" in notes({**answers, "labeled_examples": have})) is short, have
    unknown = build_plan(answers, FT_FIRST, "en")
    assert unknown is not None and unknown.enough_examples is None
    assert "more_data" not in notes(answers)


def test_the_notes_are_chinese_in_chinese() -> None:
    answers = {**GPU, "model_size_b": 70, "gpu_memory_gb": 24, "labeled_examples": 50,
               "task_diversity": "few", "domain_gap": "large"}
    en = build_plan(answers, [HYBRID, FT, RAG, PROMPTING], "en")
    zh = build_plan(answers, [HYBRID, FT, RAG, PROMPTING], "zh")
    assert en is not None and zh is not None
    assert len(zh.notes) == len(en.notes) == 5
    for note in zh.notes:
        assert re.search(r"[\u4e00-\u9fff]", note), note
        assert not re.search(r"\b[a-z]+ [a-z]+ [a-z]+\b", note), note  # no English phrase
