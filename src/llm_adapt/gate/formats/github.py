"""GitHub Actions: workflow commands that annotate the files, and a Markdown job summary."""

from __future__ import annotations

from llm_adapt.escape import defuse, md_code, md_text
from llm_adapt.gate.core import GateReport, Status, Verdict
from llm_adapt.gate.formats.interface import CheckRenderOptions

ICONS = {Status.PASS: "✅ pass", Status.WARN: "⚠️ pass (justified)", Status.FAIL: "❌ fail",
         Status.ERROR: "⛔ invalid"}


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
            # Not a command: nothing from the proposal may make it read as one.
            lines.append(defuse(f"{verdict.source}: {verdict.status.label}: {verdict.summary}",
                                "text"))
        lines.append(report.summary_line())
        return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Data in a Markdown table cell: HTML, links and pipes escaped, on one line."""
    return md_text(text)


def step_summary(report: GateReport, options: CheckRenderOptions) -> str:
    """The Markdown appended to $GITHUB_STEP_SUMMARY: a table, then every finding."""
    opts = report.options
    lines = [
        "## llm-adapt check",
        "",
        f"**{report.summary_line()}** (tolerance {opts.tolerance:g} points"
        f"{', strict' if opts.strict else ''}"
        f"{', answers required' if opts.require_complete else ''}"
        f", minimum confidence {opts.min_confidence})",
        "",
        "| Proposal | Project | Plan | Advice | Result | Why |",
        "|---|---|---|---|---|---|",
    ]
    for v in report.verdicts:
        plan = f"{v.planned_approach} ({v.planned_score:g})" if v.planned_approach else "—"
        advice = f"{v.recommendation} ({v.recommended_score:g})" if v.recommendation else "—"
        lines.append(f"| {md_code(v.source, cell=True)} | {_cell(v.project or '—')} | {plan} "
                     f"| {advice} | {ICONS[v.status]} | {_cell(v.summary)} |")
    details = [f"- {md_code(f.location)} **{f.rule}** ({f.level}): {_cell(f.message)}"
               for v in report.verdicts for f in v.findings]
    if details:
        lines += ["", "### Findings", "", *details]
    return defuse("\n".join(lines) + "\n", "markdown")
