"""GitHub Actions: workflow commands that annotate the files, and a Markdown job summary."""

from __future__ import annotations

from llm_adapt.escape import defuse
from llm_adapt.gate.core import GateReport, Verdict
from llm_adapt.gate.formats.interface import CheckRenderOptions
from llm_adapt.gate.formats.templated import render
from llm_adapt.templating import Syntax


def escape_data(text: str) -> str:
    """The escaping GitHub's runner undoes in a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """The escaping of a command's properties (file=, title=), where ':' and ',' are special."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(verdict: Verdict) -> list[str]:
    lines = []
    for finding in verdict.findings:
        where = finding.location
        props = [f"file={escape_property(where.file)}"]
        if where.line is not None:
            props.append(f"line={where.line}")
            if where.column is not None:
                props.append(f"col={where.column}")
        props.append(f"title={escape_property('llm-adapt ' + finding.rule)}")
        lines.append(f"::{finding.level} {','.join(props)}::{escape_data(finding.message)}")
    return lines


class GitHubRenderer:
    def render(self, report: GateReport, options: CheckRenderOptions) -> str:
        lines = []
        for verdict in report.verdicts:
            lines.extend(_command(verdict))
            status = verdict.label(report.lang)
            # Not a command: nothing from the proposal may make it read as one.
            lines.append(defuse(f"{verdict.source}: {status}: {verdict.summary}", "text"))
        lines.append(report.summary_line())
        return "\n".join(lines) + "\n"


def step_summary(report: GateReport, options: CheckRenderOptions) -> str:
    """The Markdown appended to $GITHUB_STEP_SUMMARY: a table, then every finding."""
    markdown = render("check-summary.md.j2", Syntax.MARKDOWN, report, "—")
    return defuse(markdown.rstrip("\n") + "\n", "markdown")
