"""Generated projects for the benchmarks: every question answered at random, reproducibly."""

from __future__ import annotations

import random
from typing import Any

from llm_adapt.rulebase import RuleBase


def random_answers(rulebase: RuleBase, rng: random.Random) -> dict[str, Any]:
    """One answer to every question, drawn from values the rules care about."""
    answers: dict[str, Any] = {}
    for q in rulebase.questions.values():
        if q.type == "choice":
            answers[q.id] = rng.choice(q.values)
        elif q.type == "boolean":
            answers[q.id] = rng.random() < 0.5
        elif q.id in ("baseline_accuracy", "target_accuracy"):
            answers[q.id] = round(rng.random(), 2)
        elif q.id == "model_size_b":
            answers[q.id] = rng.choice([1, 3, 7, 13, 70])
        elif q.id == "gpu_memory_gb":
            answers[q.id] = rng.choice([0, 16, 24, 48, 80])
        else:
            answers[q.id] = rng.choice([0, 50, 500, 5000, 100_000, 2_000_000])
    return answers
