"""The memory estimate against published measurements (reference figures), within 25%."""

from __future__ import annotations

import pytest

from llm_adapt.memory import Method, fits, peak_memory_gb
from llm_adapt.plan import choose_method

GIB = 1.073741824  # GB per GiB

# (model size in billions, method, published peak GB, where it was published)
PUBLISHED: list[tuple[float, Method, float, str]] = [
    (7, "qlora", 8.57, "torchtune README, Llama-2-7B QLoRA, 1x RTX 4090 (seed 001 Table 1)"),
    (7, "lora", 17.18, "torchtune README, Llama-2-7B LoRA, 1x RTX 4090"),
    (7, "full_low_memory", 14.97, "torchtune README, Llama-2-7B full, single device, low memory"),
    (7, "full", 120, "LLaMA-Factory hardware table, 7B full AMP"),
    (7, "full_bf16", 60, "LLaMA-Factory hardware table, 7B full bf16"),
    (7, "lora", 16, "LLaMA-Factory hardware table, 7B LoRA/freeze 16-bit"),
    (7, "qlora8", 10, "LLaMA-Factory hardware table, 7B QLoRA 8-bit"),
    (7, "qlora", 6, "LLaMA-Factory hardware table, 7B QLoRA 4-bit"),
    (70, "qlora", 48, "LLaMA-Factory hardware table, 70B QLoRA 4-bit"),
    (8, "full_low_memory", 18.9 * GIB, "torchtune README, Llama-3.1-8B full, 1x 4090"),
    (8, "lora", 16.2 * GIB, "torchtune README, Llama-3.1-8B LoRA, 1x 4090"),
    (8, "qlora", 7.4 * GIB, "torchtune README, Llama-3.1-8B QLoRA, 1x 4090"),
]


@pytest.mark.parametrize(
    ("size", "method", "published", "where"),
    PUBLISHED,
    ids=[f"{s}B-{m}-{p:.1f}" for s, m, p, _ in PUBLISHED],
)
def test_estimate_within_25_percent(
    size: float, method: Method, published: float, where: str
) -> None:
    estimate = peak_memory_gb(size, method)
    assert abs(estimate - published) / published <= 0.25, (
        f"{where}: published {published:.2f} GB, estimated {estimate:.2f} GB"
    )


def test_qlora_paper_65b_fits_one_48gb_gpu_and_full_needs_over_780gb() -> None:
    # Dettmers et al., arXiv 2305.14314.
    assert fits(65, "qlora", 48)
    assert peak_memory_gb(65, "full") > 780


def test_lora_uses_far_less_memory_than_full() -> None:
    # Hu et al. report 3x less memory for GPT-3 175B; for full AdamW vs frozen 16-bit weights
    # the ratio per parameter is larger still.
    assert peak_memory_gb(175, "full") / peak_memory_gb(175, "lora") >= 3


def test_method_choice_follows_the_gpu() -> None:
    assert choose_method(7, 24, full_worth_it=False) == ("lora", True)
    assert choose_method(7, 12, full_worth_it=False) == ("qlora", True)
    assert choose_method(70, 24, full_worth_it=False) == ("qlora", False)
    assert choose_method(1, 80, full_worth_it=True) == ("full", True)
    assert choose_method(13, None, full_worth_it=False) == ("lora", None)
