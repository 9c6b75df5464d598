"""Terminal text: the verdicts lined up, a summary line, then every finding with its place."""

from __future__ import annotations

import io

from llm_adapt.console import buffer_console
from llm_adapt.escape import defuse
from llm_adapt.gate.core import GateReport
from llm_adapt.gate.formats.interface import CheckRenderOptions
from llm_adapt.gate.formats.templated import render
from llm_adapt.templating import Syntax


def to_terminal(markup: str, options: CheckRenderOptions) -> str:
    buffer = io.StringIO()
    console = buffer_console(buffer, color=options.color, width=options.width, soft_wrap=True)
    console.print(markup, end="")
    return defuse(buffer.getvalue(), "text")


class TextRenderer:
    def render(self, report: GateReport, options: CheckRenderOptions) -> str:
        return to_terminal(render("check.txt.j2", Syntax.RICH, report, "-", width=options.width),
                           options)

    def table(self, report: GateReport, options: CheckRenderOptions) -> str:
        """The verdicts and the summary line alone: what `--output` leaves on the terminal."""
        markup = render("check.txt.j2", Syntax.RICH, report, "-", details=False,
                        width=options.width)
        return to_terminal(markup, options)
