"""Terminal text: a Jinja template producing rich markup, rendered by rich to plain or ANSI."""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from llm_adapt.console import buffer_console
from llm_adapt.escape import defuse
from llm_adapt.report.interface import RenderOptions
from llm_adapt.report.strings import label
from llm_adapt.report.templating import context, environment
from llm_adapt.report.wrap import wrap
from llm_adapt.result import Assessment

BAR_WIDTH = 30
COLOURS = {"prompting": "cyan", "rag": "green", "fine_tuning": "magenta", "hybrid": "yellow"}
CONFIDENCE_COLOURS = {"high": "green", "medium": "yellow", "low": "red"}


def bar(score: float) -> str:
    filled = round(score / 100 * BAR_WIDTH)
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def console_for(options: RenderOptions, buffer: io.StringIO) -> Console:
    # soft_wrap: the template wraps, by cells, with hanging indents.
    return buffer_console(buffer, color=options.color, width=options.width, soft_wrap=True)


def print_markup(markup: str, options: RenderOptions) -> str:
    buffer = io.StringIO()
    console_for(options, buffer).print(markup, end="")
    return buffer.getvalue()


class TextRenderer:
    def render(self, assessments: Sequence[Assessment], options: RenderOptions) -> str:
        env = environment()
        template = env.get_template("report.txt.j2")
        parts = []
        for assessment in assessments:
            ctx = context(assessment, options)
            ctx.update(
                e=escape,
                bar=bar,
                colours=COLOURS,
                confidence_colours=CONFIDENCE_COLOURS,
                wrap=lambda text, indent: wrap(text, options.width, indent),
            )
            parts.append(print_markup(template.render(ctx), options))
        return defuse("\n".join(parts), "text")

    def summary(self, assessments: Sequence[Assessment], options: RenderOptions) -> str:
        lang = options.lang
        table = Table(title=label("summary", lang), title_justify="left")
        table.add_column(label("source", lang), no_wrap=True)
        table.add_column(label("project", lang), overflow="fold")
        table.add_column(label("recommendation", lang))
        table.add_column(label("margin", lang), justify="right")
        table.add_column(label("confidence", lang))
        for a in assessments:
            colour = COLOURS[a.recommendation]
            table.add_row(
                escape(a.source),
                escape(a.project),
                f"[{colour}]{label(a.recommendation, lang)}[/]",
                f"{a.margin:g}",
                f"[{CONFIDENCE_COLOURS[a.confidence]}]{label(a.confidence, lang)}[/]",
            )
        buffer = io.StringIO()
        console_for(options, buffer).print(table)
        return defuse(buffer.getvalue(), "text")
