"""What a report renderer is and what it is given; it knows no implementation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from llm_adapt.i18n import Lang
from llm_adapt.result import Assessment
from llm_adapt.rulebase import RuleBase


@dataclass(frozen=True)
class RenderOptions:
    """How to render: language, and for text, colour and width."""

    rulebase: RuleBase
    lang: Lang = "en"
    color: bool = False
    width: int = 100


class Renderer(Protocol):
    """Pure: assessments in, text out. Only the CLI writes."""

    def render(self, assessments: Sequence[Assessment], options: RenderOptions) -> str:
        """Render one or more assessments as one document."""

    def summary(self, assessments: Sequence[Assessment], options: RenderOptions) -> str:
        """A table of a batch: project, recommendation, margin, confidence."""
