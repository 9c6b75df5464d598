"""Markdown report, for pull requests, wikis and files."""

from __future__ import annotations

from collections.abc import Sequence

from llm_adapt.report.interface import RenderOptions
from llm_adapt.report.strings import label
from llm_adapt.report.templating import context, environment
from llm_adapt.result import Assessment


def escape_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


class MarkdownRenderer:
    def render(self, assessments: Sequence[Assessment], options: RenderOptions) -> str:
        template = environment().get_template("report.md.j2")
        parts = [template.render(context(a, options)) for a in assessments]
        return "\n---\n\n".join(parts)

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
                f"`{a.source}`",
                escape_cell(a.project),
                label(a.recommendation, lang),
                f"{a.margin:g}",
                label(a.confidence, lang),
            ]
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines) + "\n"
