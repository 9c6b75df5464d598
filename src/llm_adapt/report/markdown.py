"""Markdown report, for pull requests, wikis and files."""

from __future__ import annotations

from collections.abc import Sequence

from llm_adapt.escape import defuse
from llm_adapt.report.interface import Frame, RenderOptions, SummaryRow
from llm_adapt.report.labels import label
from llm_adapt.report.templating import context
from llm_adapt.result import Assessment
from llm_adapt.templating import Syntax, environment


class MarkdownRenderer:
    frame = Frame(separator="\n---\n\n")

    def item(self, assessment: Assessment, options: RenderOptions) -> str:
        template = environment(Syntax.MARKDOWN).get_template("assess.md.j2")
        return defuse(template.render(context(assessment, options)), "markdown")

    def summary(self, rows: Sequence[SummaryRow], options: RenderOptions) -> str:
        template = environment(Syntax.MARKDOWN).get_template("summary.md.j2")
        markdown = template.render(assessments=rows, t=lambda key: label(key, options.lang))
        return defuse(markdown, "markdown")
