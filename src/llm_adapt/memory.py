"""Peak GPU memory of fine-tuning, estimated from the number of parameters.

peak_gb = bytes_per_parameter(method) * model_size_b + overhead_gb(method)

Bytes per parameter count what training keeps for every weight of the base model:
  full (mixed-precision AdamW): 2 bf16 weights + 4 fp32 master weights + 4 fp32 gradients
      + 8 for Adam's two moments = 18, less ~1 since gradients are freed layer by layer
      -> 17 (Hugging Face "model memory anatomy"; ZeRO, arXiv 1910.02054: 16 bytes + extras)
  full_bf16 (pure bf16 weights, gradients and optimizer): ~8
  full_low_memory (bf16 weights, optimizer paged/8-bit and stepped in backward): ~2.3
  lora (frozen bf16 weights; adapters, their gradients and optimizer are ~1% of that): 2.25
  qlora8 (8-bit frozen weights + adapters): 1.0
  qlora (4-bit NF4 frozen weights, double-quantised constants, bf16 adapters): 0.65
The overhead is activations at a modest batch and sequence length plus the CUDA context.
Checked in tests against the published figures (torchtune README, which seed 001 Table 1
cites; LLaMA-Factory's hardware table; QLoRA, arXiv 2305.14314: 65B on one 48 GB GPU).
"""

from __future__ import annotations

from typing import Literal

Method = Literal["full", "full_bf16", "full_low_memory", "lora", "qlora8", "qlora"]

BYTES_PER_PARAMETER: dict[Method, float] = {
    "full": 17.0,
    "full_bf16": 8.0,
    "full_low_memory": 2.3,
    "lora": 2.25,
    "qlora8": 1.0,
    "qlora": 0.65,
}
OVERHEAD_GB: dict[Method, float] = {
    "full": 2.0,
    "full_bf16": 2.0,
    "full_low_memory": 1.0,
    "lora": 1.0,
    "qlora8": 2.45,
    "qlora": 2.45,
}


def peak_memory_gb(model_size_b: float, method: Method) -> float:
    """Estimated peak training memory in GB (10^9 bytes) for a model of `model_size_b` billion."""
    if model_size_b <= 0:
        raise ValueError("model size must be positive")
    return BYTES_PER_PARAMETER[method] * model_size_b + OVERHEAD_GB[method]


def fits(model_size_b: float, method: Method, gpu_memory_gb: float) -> bool:
    """Whether training with `method` fits on one GPU of `gpu_memory_gb` (estimate is a peak)."""
    return peak_memory_gb(model_size_b, method) <= gpu_memory_gb
