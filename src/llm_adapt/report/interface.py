"""What a renderer is, the formats there are, and the factory that picks one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from typing_extensions import assert_never

from llm_adapt.result import Assessment
from llm_adapt.rulebase import Lang, RuleBase


class ReportFormat(str, Enum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"
    JSONL = "jsonl"

    @property
    def extension(self) -> str:
        return {"text": ".txt", "markdown": ".md", "json": ".json", "jsonl": ".jsonl"}[self.value]


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


def renderer_for(fmt: ReportFormat) -> Renderer:
    from llm_adapt.report import jsonfmt, markdown, text

    if fmt is ReportFormat.TEXT:
        return text.TextRenderer()
    if fmt is ReportFormat.MARKDOWN:
        return markdown.MarkdownRenderer()
    if fmt is ReportFormat.JSON:
        return jsonfmt.JsonRenderer()
    if fmt is ReportFormat.JSONL:
        return jsonfmt.JsonLinesRenderer()
    assert_never(fmt)
