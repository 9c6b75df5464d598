"""Report renderers for `assess`: the formats, and the factory that picks one.

One module per format, all reading the same Assessment; `interface` says what they share."""

from __future__ import annotations

from enum import Enum

from typing_extensions import assert_never

from llm_adapt.report.interface import (
    Document,
    Frame,
    Renderer,
    RenderOptions,
    SummaryRow,
)


class ReportFormat(str, Enum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"
    JSONL = "jsonl"

    @property
    def extension(self) -> str:
        return {"text": ".txt", "markdown": ".md", "json": ".json", "jsonl": ".jsonl"}[self.value]


def renderer_for(fmt: ReportFormat) -> Renderer:
    """The renderer of a format; only the chosen one is imported."""
    if fmt is ReportFormat.TEXT:
        from llm_adapt.report.text import TextRenderer

        return TextRenderer()
    if fmt is ReportFormat.MARKDOWN:
        from llm_adapt.report.markdown import MarkdownRenderer

        return MarkdownRenderer()
    if fmt is ReportFormat.JSON:
        from llm_adapt.report.jsonfmt import JsonRenderer

        return JsonRenderer()
    if fmt is ReportFormat.JSONL:
        from llm_adapt.report.jsonfmt import JsonLinesRenderer

        return JsonLinesRenderer()
    assert_never(fmt)


__all__ = [
    "Document",
    "Frame",
    "RenderOptions",
    "Renderer",
    "ReportFormat",
    "SummaryRow",
    "renderer_for",
]
