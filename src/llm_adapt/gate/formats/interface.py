"""What a gate report renderer is and what it is given; it knows no implementation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from llm_adapt.gate.core import GateReport


@dataclass(frozen=True)
class CheckRenderOptions:
    """How to render: colour and width apply to text only, the JUnit flavour to JUnit."""

    color: bool = False
    width: int = 100
    version: str = ""
    junit_flavor: str = "jenkins"


class CheckRenderer(Protocol):
    """Pure: a gate report in, text out. Only the CLI writes."""

    def render(self, report: GateReport, options: CheckRenderOptions) -> str:
        """The whole report as one document."""
