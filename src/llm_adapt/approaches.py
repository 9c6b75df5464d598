"""The four approaches llm-adapt chooses between."""

from __future__ import annotations

from enum import Enum


class Approach(str, Enum):
    """An adaptation approach; the order is the tie-break: the cheaper approach wins a tie."""

    PROMPTING = "prompting"
    RAG = "rag"
    FINE_TUNING = "fine_tuning"
    HYBRID = "hybrid"

    def __str__(self) -> str:
        return self.value


APPROACHES: tuple[Approach, ...] = tuple(Approach)
