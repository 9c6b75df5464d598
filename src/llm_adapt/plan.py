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
from llm_adapt.approaches import Approach
from llm_adapt.result import ExampleRange, FineTuningPlan
from llm_adapt.rulebase import Lang

PLANNED_FOR = (Approach.FINE_TUNING, Approach.HYBRID)

_NOTES: dict[str, dict[Lang, str]] = {
    "hosted": {
        "en": "The provider's service trains the model; upload the examples in its chat format and keep a held-out set for evaluation.",
        "zh": "由服务商的服务训练模型；按其对话格式上传示例，并保留留出集用于评估。",
    },
    "no_size": {
        "en": "Give model_size_b to get a memory estimate; LoRA is the default because it freezes the base weights.",
        "zh": "填写 model_size_b 即可得到显存估算；默认使用 LoRA，因为它冻结了基础权重。",
    },
    "no_gpu": {
        "en": "Give gpu_memory_gb to check the fit; the estimate is for one GPU.",
        "zh": "填写 gpu_memory_gb 以检查是否放得下；估算针对单块 GPU。",
    },
    "too_big": {
        "en": "Even QLoRA needs about {need} GB, more than the {have} GB GPU: choose a smaller base model or rent a larger GPU.",
        "zh": "即使使用 QLoRA 也需要约 {need} GB，超过了 {have} GB 的 GPU：请选择更小的基础模型或租用更大的 GPU。",
    },
    "peft": {
        "en": "PEFT (LoRA/QLoRA) freezes the original weights, which also limits catastrophic forgetting.",
        "zh": "PEFT（LoRA/QLoRA）冻结原始权重，同时也减轻灾难性遗忘。",
    },
    "raft": {
        "en": "For the hybrid, include retrieved passages (relevant and distracting) in the training prompts so the model learns to use retrieval (RAFT).",
        "zh": "对于混合方案，在训练提示中加入检索段落（相关的和干扰的），让模型学会利用检索结果（RAFT）。",
    },
    "sequential": {
        "en": "Sequential: tune first on general domain text, then on the narrower sub-domain (general -> medical -> paediatric cardiology).",
        "zh": "顺序微调：先在通用领域文本上微调，再在更窄的子领域上微调（通用 -> 医学 -> 小儿心脏病学）。",
    },
    "distillation": {
        "en": "Fewer than 100 labeled examples: generate the training labels with the stronger model on real inputs (distillation), check a sample by hand, and keep a human-labeled test set.",
        "zh": "标注示例不足 100 条：用更强的模型在真实输入上生成训练标注（蒸馏），人工抽查样本，并保留一份人工标注的测试集。",
    },
    "continued_pretraining": {
        "en": "Fewer than 100 labeled examples: first continue pre-training on the raw in-domain text (domain-adaptive pre-training), then tune on the labeled examples you have.",
        "zh": "标注示例不足 100 条：先在原始领域文本上继续预训练（领域自适应预训练），再用现有标注示例微调。",
    },
    "more_data": {
        "en": "Collect at least {min} examples before training; you have {have}.",
        "zh": "训练前至少收集 {min} 条示例；目前有 {have} 条。",
    },
}


def _note(key: str, lang: Lang, **values: Any) -> str:
    return _NOTES[key][lang].format(**values)


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
        notes.append(_note("hosted", lang))
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
            notes.append(_note("no_size", lang))
        if size and gpu is None:
            notes.append(_note("no_gpu", lang))
        if fits is False:
            notes.append(_note("too_big", lang, need=estimate, have=gpu))
        if chosen != "full":
            notes.append(_note("peft", lang))
    if ranking[0] == Approach.HYBRID:
        notes.append(_note("raft", lang))
    if kind == "sequential":
        notes.append(_note("sequential", lang))
    examples = suggested_examples(kind, answers)
    available = answers.get("labeled_examples")
    enough = None if available is None else available >= examples.min
    source = data_source(answers)
    if source != "labeled":
        notes.append(_note(source, lang))
    elif enough is False:
        notes.append(_note("more_data", lang, min=examples.min, have=available))
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
