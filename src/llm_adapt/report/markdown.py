"""Markdown report, for pull requests, wikis and files."""

from __future__ import annotations

from collections.abc import Sequence

from llm_adapt.escape import defuse, md_code, md_text
from llm_adapt.report.interface import RenderOptions
from llm_adapt.report.strings import label
from llm_adapt.report.templating import context, markdown_environment
from llm_adapt.result import Assessment


def escape_cell(text: str) -> str:
    """Data in a table cell: one line, with HTML, links and `|` escaped."""
    return md_text(text)


class MarkdownRenderer:
    def render(self, assessments: Sequence[Assessment], options: RenderOptions) -> str:
        template = markdown_environment().get_template("report.md.j2")
        parts = [template.render(context(a, options)) for a in assessments]
        return defuse("\n---\n\n".join(parts), "markdown")

    def summary(self, assessments: Sequence[Assessment], options: RenderOptions) -> str:
        lang = options.lang
        head = [
            label("source", lang),
            label("project", lang),
            label("recommendation", lang),
            label("margin", lang),
            label("confidence", lang),
        ]
        lines = [
            f"# {label('summary', lang)}",
            "",
            "| " + " | ".join(head) + " |",
            "|" + "---|" * len(head),
        ]
        for a in assessments:
            cells = [
                md_code(a.source, cell=True),
                escape_cell(a.project),
                label(a.recommendation, lang),
                f"{a.margin:g}",
                label(a.confidence, lang),
            ]
            lines.append("| " + " | ".join(cells) + " |")
        return defuse("\n".join(lines) + "\n", "markdown")
