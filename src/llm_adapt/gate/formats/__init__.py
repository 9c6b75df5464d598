"""Gate report renderers for `check`: the formats, and the factory that picks one.

One module per format, all reading the same GateReport; `interface` says what they share."""

from __future__ import annotations

from enum import Enum

from typing_extensions import assert_never

from llm_adapt.gate.formats.interface import CheckRenderer, CheckRenderOptions


class CheckFormat(str, Enum):
    TEXT = "text"
    JSON = "json"
    JUNIT = "junit"
    SARIF = "sarif"
    GITHUB = "github"


def check_renderer_for(fmt: CheckFormat) -> CheckRenderer:
    """The renderer of a format; only the chosen one is imported."""
    if fmt is CheckFormat.TEXT:
        from llm_adapt.gate.formats.text import TextRenderer

        return TextRenderer()
    if fmt is CheckFormat.JSON:
        from llm_adapt.gate.formats.jsonfmt import JsonRenderer

        return JsonRenderer()
    if fmt is CheckFormat.JUNIT:
        from llm_adapt.gate.formats.junit import JUnitRenderer

        return JUnitRenderer()
    if fmt is CheckFormat.SARIF:
        from llm_adapt.gate.formats.sarif import SarifRenderer

        return SarifRenderer()
    if fmt is CheckFormat.GITHUB:
        from llm_adapt.gate.formats.github import GitHubRenderer

        return GitHubRenderer()
    assert_never(fmt)


__all__ = ["CheckFormat", "CheckRenderOptions", "CheckRenderer", "check_renderer_for"]
