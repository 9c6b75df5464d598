"""Terminal text: a Jinja template producing rich markup, rendered by rich to plain or ANSI."""

from __future__ import annotations

import io
from collections.abc import Sequence

from markupsafe import Markup
from rich.console import Console
from rich.markup import escape

from llm_adapt.console import buffer_console
from llm_adapt.errors import printable
from llm_adapt.escape import defuse
from llm_adapt.report.interface import Frame, RenderOptions, SummaryRow
from llm_adapt.report.labels import label
from llm_adapt.report.templating import context
from llm_adapt.report.wrap import wrap
from llm_adapt.result import Assessment
from llm_adapt.templating import Syntax, environment

BAR_WIDTH = 30
COLOURS = {"prompting": "cyan", "rag": "green", "fine_tuning": "magenta", "hybrid": "yellow"}
CONFIDENCE_COLOURS = {"high": "green", "medium": "yellow", "low": "red"}


def bar(score: float, width: int = BAR_WIDTH) -> str:
    filled = round(score / 100 * width)
    return "█" * filled + "░" * (width - filled)


def bar_width(width: int) -> int:
    """The score bars: 30 cells, fewer on a narrow screen so a line with its label, score and
    a `blocked` note still fits."""
    return max(10, min(BAR_WIDTH, width - 34))


def console_for(options: RenderOptions, buffer: io.StringIO) -> Console:
    # soft_wrap: the template wraps, by cells, with hanging indents.
    return buffer_console(buffer, color=options.color, width=options.width, soft_wrap=True)


def print_markup(markup: str, options: RenderOptions) -> str:
    buffer = io.StringIO()
    console_for(options, buffer).print(markup, end="")
    return buffer.getvalue()


def wrapped(text: str, width: int, indent: int) -> Markup:
    """Text wrapped to the width, escaped for Rich first: its line breaks are the only
    markup it may add (so it is not escaped again)."""
    return Markup(escape(wrap(printable(text), width, indent)))


class TextRenderer:
    frame = Frame(separator="\n")

    def item(self, assessment: Assessment, options: RenderOptions) -> str:
        ctx = context(assessment, options)
        bars = bar_width(options.width)
        ctx.update(
            bar=lambda score: bar(score, bars),
            width=options.width,
            gb_piece=lambda item: (f"{item[0]} {item[1]} GB", ""),
            colours=COLOURS,
            confidence_colours=CONFIDENCE_COLOURS,
            wrap=lambda text, indent: wrapped(text, options.width, indent),
        )
        template = environment(Syntax.RICH).get_template("assess.txt.j2")
        return defuse(print_markup(template.render(ctx), options), "text")

    def brief(self, assessment: Assessment, options: RenderOptions, top: int = 3) -> str:
        """The advice on one screen: recommendation, stages, the opening paragraph, the
        `top` reasons and what is unanswered (the interview shows it; the report is saved)."""
        ctx = context(assessment, options)
        ctx.update(
            colours=COLOURS,
            confidence_colours=CONFIDENCE_COLOURS,
            top=top,
            wrap=lambda text, indent: wrapped(text, options.width, indent),
        )
        template = environment(Syntax.RICH).get_template("assess-brief.txt.j2")
        return defuse(print_markup(template.render(ctx), options), "text")

    def summary(self, rows: Sequence[SummaryRow], options: RenderOptions) -> str:
        template = environment(Syntax.RICH).get_template("summary.txt.j2")
        markup = template.render(
            assessments=rows,
            width=options.width,
            t=lambda key: label(key, options.lang),
            colours=COLOURS,
            confidence_colours=CONFIDENCE_COLOURS,
        )
        return defuse(print_markup(markup, options), "text")
