"""The fine-tuning plan: method from the memory estimate, kind from the tasks, data to collect.

Example counts follow seed 000 and 002 (task-specific: hundreds to a few thousand;
multi-task: 50,000-100,000) and 001 §1.2 (with a baseline under 50%, a few hundred examples
bring large gains), as do the providers' guides (Azure OpenAI: hundreds to thousands of
high-quality examples; Gemini: 100-500 to change behaviour, prompts below about 100).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from llm_adapt import memory
from llm_adapt.answers import number_text
from llm_adapt.approaches import Approach
from llm_adapt.i18n import Lang, message
from llm_adapt.result import ExampleRange, FineTuningPlan

PLANNED_FOR = (Approach.FINE_TUNING, Approach.HYBRID)

def choose_method(
    model_size_b: float | None, gpu_memory_gb: float | None, full_worth_it: bool
) -> tuple[memory.Method, bool | None]:
    """PEFT first (LoRA, then QLoRA when LoRA does not fit); full only when it fits and pays."""
    if model_size_b is None or gpu_memory_gb is None:
        return "lora", None
    if full_worth_it and memory.fits(model_size_b, "full", gpu_memory_gb):
        return "full", True
    for method in ("lora", "qlora"):
        if memory.fits(model_size_b, method, gpu_memory_gb):
            return method, True
    return "qlora", False


def choose_kind(answers: Mapping[str, Any]) -> str:
    diversity = answers.get("task_diversity")
    if diversity == "many":
        return "multi_task"
    if diversity == "few":
        return "sequential" if answers.get("domain_gap") == "large" else "instruction"
    return "task_specific"


def suggested_examples(kind: str, answers: Mapping[str, Any]) -> ExampleRange:
    if kind == "multi_task":
        return ExampleRange(min=50_000, max=100_000)
    baseline = answers.get("baseline_accuracy")
    if baseline is not None and baseline < 0.5:
        return ExampleRange(min=200, max=1_000)
    return ExampleRange(min=500, max=5_000)


# Below this many labeled examples a tune needs another source of training signal
# (rules/40-data.yaml, data.scarce: Gemini's and OpenAI's tuning guides).
SCARCE_EXAMPLES = 100
# Raw in-domain text worth a continued pre-training run (the tool's own threshold; the
# evidence, Gururangan et al. 2020, used far larger corpora).
RAW_TEXT_TOKENS = 10_000_000


def data_source(answers: Mapping[str, Any]) -> str:
    """Where the training signal comes from when labels are scarce (the plan says which)."""
    available = answers.get("labeled_examples")
    if available is None or available >= SCARCE_EXAMPLES:
        return "labeled"
    if answers.get("teacher_model") is True:
        return "distillation"
    if (answers.get("raw_domain_text_tokens") or 0) >= RAW_TEXT_TOKENS:
        return "continued_pretraining"
    return "labeled"


def build_plan(
    answers: Mapping[str, Any], ranking: Sequence[Approach], lang: Lang
) -> FineTuningPlan | None:
    """The plan, when fine-tuning or the hybrid is first or second; otherwise None."""
    if not any(a in PLANNED_FOR for a in ranking[:2]):
        return None
    kind = choose_kind(answers)
    notes: list[str] = []
    size = answers.get("model_size_b")
    gpu = answers.get("gpu_memory_gb")
    by_method = None
    if answers.get("model_access") == "hosted_finetuning":
        method: str = "hosted"
        estimate: float | None = None
        fits: bool | None = None
        notes.append(message("plan.hosted", lang))
    else:
        full_worth_it = answers.get("preserve_general_skills") is False and kind == "multi_task"
        chosen, fits = choose_method(size, gpu, full_worth_it)
        method = chosen
        estimate = round(memory.peak_memory_gb(size, chosen), 1) if size else None
        if size:
            by_method = {
                m: round(memory.peak_memory_gb(size, m), 1) for m in ("full", "lora", "qlora")
            }
        else:
            notes.append(message("plan.no_size", lang))
        if size and gpu is None:
            notes.append(message("plan.no_gpu", lang))
        if fits is False and estimate is not None and gpu is not None:
            notes.append(message("plan.too_big", lang, need=number_text(estimate),
                                 have=number_text(gpu)))
        if chosen != "full":
            notes.append(message("plan.peft", lang))
    if ranking[0] == Approach.HYBRID:
        notes.append(message("plan.raft", lang))
    if kind == "sequential":
        notes.append(message("plan.sequential", lang))
    examples = suggested_examples(kind, answers)
    available = answers.get("labeled_examples")
    enough = None if available is None else available >= examples.min
    source = data_source(answers)
    if source != "labeled":
        notes.append(message(f"plan.{source}", lang))
    elif enough is False:
        notes.append(message("plan.more_data", lang, min=f"{examples.min:,}",
                                 have=f"{available:,}"))
    return FineTuningPlan(
        method=method,
        kind=kind,
        data_source=source,
        estimated_peak_memory_gb=estimate,
        fits_gpu=fits,
        memory_by_method_gb=by_method,
        suggested_examples=examples,
        examples_available=available,
        enough_examples=enough,
        notes=notes,
    )
