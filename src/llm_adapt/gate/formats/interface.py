"""What a gate report renderer is, the formats there are, and the factory that picks one."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from typing_extensions import assert_never

from llm_adapt.gate.core import GateReport


class CheckFormat(str, Enum):
    TEXT = "text"
    JSON = "json"
    JUNIT = "junit"
    SARIF = "sarif"
    GITHUB = "github"


@dataclass(frozen=True)
class CheckRenderOptions:
    """How to render: colour and width apply to text only."""

    color: bool = False
    width: int = 100
    version: str = ""


class CheckRenderer(Protocol):
    """Pure: a gate report in, text out. Only the CLI writes."""

    def render(self, report: GateReport, options: CheckRenderOptions) -> str:
        """The whole report as one document."""


def check_renderer_for(fmt: CheckFormat) -> CheckRenderer:
    from llm_adapt.gate.formats import github, jsonfmt, junit, sarif, text

    if fmt is CheckFormat.TEXT:
        return text.TextRenderer()
    if fmt is CheckFormat.JSON:
        return jsonfmt.JsonRenderer()
    if fmt is CheckFormat.JUNIT:
        return junit.JUnitRenderer()
    if fmt is CheckFormat.SARIF:
        return sarif.SarifRenderer()
    if fmt is CheckFormat.GITHUB:
        return github.GitHubRenderer()
    assert_never(fmt)
