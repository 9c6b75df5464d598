"""Markdown report, for pull requests, wikis and files."""

from __future__ import annotations

from collections.abc import Sequence

from llm_adapt.report.interface import RenderOptions
from llm_adapt.report.labels import label
from llm_adapt.report.templating import context
from llm_adapt.result import Assessment
from llm_adapt.templating import Syntax, environment


class MarkdownRenderer:
    def render(self, assessments: Sequence[Assessment], options: RenderOptions) -> str:
        template = environment(Syntax.MARKDOWN).get_template("assess.md.j2")
        parts = [template.render(context(a, options)) for a in assessments]
        return "\n---\n\n".join(parts)

    def summary(self, assessments: Sequence[Assessment], options: RenderOptions) -> str:
        template = environment(Syntax.MARKDOWN).get_template("summary.md.j2")
        return template.render(assessments=assessments, t=lambda key: label(key, options.lang))
