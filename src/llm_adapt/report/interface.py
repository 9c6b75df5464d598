"""What a report renderer is and what it is given; it knows no implementation."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from llm_adapt.i18n import Lang

if TYPE_CHECKING:
    from llm_adapt.result import Assessment
    from llm_adapt.rulebase import RuleBase


@dataclass(frozen=True)
class RenderOptions:
    """How to render: language, and for text, colour and width."""

    rulebase: RuleBase
    lang: Lang = "en"
    color: bool = False
    width: int = 100


@dataclass(frozen=True)
class SummaryRow:
    """What a batch summary keeps of one assessment, so a batch need not keep the rest."""

    source: str
    project: str
    recommendation: str
    margin: float
    confidence: str

    @classmethod
    def of(cls, assessment: Assessment) -> SummaryRow:
        a = assessment
        return cls(a.source, a.project, a.recommendation, a.margin, a.confidence)


@dataclass(frozen=True)
class Frame:
    """How one report per project makes one document: the separator between reports and,
    for several, what goes around them and how each is indented (a JSON array)."""

    separator: str = ""
    many_open: str = ""
    many_close: str = ""
    many_indent: str = ""


class Renderer(Protocol):
    """Pure: an assessment in, text out. Only the CLI writes."""

    frame: Frame

    def item(self, assessment: Assessment, options: RenderOptions) -> str:
        """One project's report."""

    def summary(self, rows: Sequence[SummaryRow], options: RenderOptions) -> str:
        """A table of a batch: source, project, recommendation, margin, confidence."""


class Document:
    """Writes reports one at a time as one document, in the renderer's frame: the bytes are
    those of rendering the whole list at once, and nothing but the first report is held."""

    def __init__(self, frame: Frame, write: Callable[[str], None]) -> None:
        self.frame = frame
        self.write = write
        self.count = 0
        self._first: str | None = None

    def add(self, report: str) -> None:
        self.count += 1
        if self.count == 1 and self._framed_when_many:
            self._first = report  # one report is written as it is; two or more are framed
            return
        if self.count == 1:
            self.write(report)
            return
        frame = self.frame
        if self.count == 2 and self._first is not None:
            self.write(frame.many_open + self._framed(self._first))
            self._first = None
        self.write(frame.separator + self._framed(report))

    @property
    def _framed_when_many(self) -> bool:
        return bool(self.frame.many_open or self.frame.many_indent)

    def close(self) -> None:
        if self._first is not None:
            self.write(self._first)
        elif self.count > 1:
            self.write(self.frame.many_close)

    def _framed(self, report: str) -> str:
        indent = self.frame.many_indent
        if not indent:
            return report
        return "\n".join(indent + line if line else line
                         for line in report.rstrip("\n").split("\n"))
