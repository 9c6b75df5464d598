"""Terminal text: a rich table of verdicts, the findings with their locations, a summary line."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from llm_adapt.console import buffer_console
from llm_adapt.escape import defuse
from llm_adapt.gate.core import GateReport, Status, Verdict
from llm_adapt.gate.formats.interface import CheckRenderOptions

STYLES = {Status.PASS: "green", Status.WARN: "yellow", Status.FAIL: "bold red",
          Status.ERROR: "bold magenta"}


def _console(options: CheckRenderOptions, buffer: io.StringIO) -> Console:
    return buffer_console(buffer, color=options.color, width=options.width)


def _advice(verdict: Verdict) -> str:
    if verdict.recommendation is None:
        return "-"
    return f"{verdict.recommendation} ({verdict.recommended_score:g})"


def _plan(verdict: Verdict) -> str:
    if verdict.planned_approach is None:
        return "-"
    return f"{verdict.planned_approach} ({verdict.planned_score:g})"


def table(report: GateReport, options: CheckRenderOptions) -> str:
    """The table of verdicts and the summary line (what `--output` leaves on the terminal)."""
    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    grid.add_column("Proposal", overflow="fold")
    grid.add_column("Plan", no_wrap=True)
    grid.add_column("Advice", no_wrap=True)
    grid.add_column("Result", no_wrap=True)
    for verdict in report.verdicts:
        result = Text(verdict.status.label, style=STYLES[verdict.status])
        for rule in dict.fromkeys(f.rule for f in verdict.findings):
            result.append(f"\n{rule}")
        name = Text(verdict.source)
        if verdict.project is not None:
            name.append(f"\n{verdict.project}", style="dim")
        grid.add_row(name, _plan(verdict), _advice(verdict), result)
    buffer = io.StringIO()
    console = _console(options, buffer)
    console.print(grid)
    console.print(Text(report.summary_line(), style=_summary_style(report)))
    return defuse(buffer.getvalue(), "text")


def _summary_style(report: GateReport) -> str:
    return "bold red" if report.exit_code else "bold green"


def findings(report: GateReport, options: CheckRenderOptions) -> str:
    """Every finding as `file:line:col: level [rule] message`, for logs and editors; a pass
    within the tolerance says so, since the table cannot."""
    buffer = io.StringIO()
    console = _console(options, buffer)
    for verdict in report.verdicts:
        if verdict.status is Status.PASS and verdict.planned_approach != verdict.recommendation:
            console.print(Text(f"{verdict.location}: pass: {verdict.summary}"), soft_wrap=True)
        for finding in verdict.findings:
            if finding.rule == "invalid-input":  # the contract's `file:line:col: message`
                console.print(Text(f"{finding.location}: {finding.message}"), soft_wrap=True)
                continue
            line = Text(f"{finding.location}: ")
            line.append(finding.level, style="yellow" if finding.level == "warning" else "red")
            line.append(f" [{finding.rule}] {finding.message}")
            console.print(line, soft_wrap=True)
    return defuse(buffer.getvalue(), "text")


class TextRenderer:
    def render(self, report: GateReport, options: CheckRenderOptions) -> str:
        details = findings(report, options)
        return table(report, options) + ("\n" + details if details else "")
