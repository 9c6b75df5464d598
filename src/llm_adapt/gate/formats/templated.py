"""What the gate's text templates see: the report, its catalogue, and how a verdict's plan
and advice are shown."""

from __future__ import annotations

from typing import Any

from llm_adapt.gate.core import GateReport, Status, Verdict
from llm_adapt.i18n import message
from llm_adapt.numeric import score_text
from llm_adapt.templating import Syntax, environment

STYLES = {Status.PASS: "green", Status.WARN: "yellow", Status.FAIL: "bold red",
          Status.ERROR: "bold magenta"}


def _scored(approach: str | None, score: float | None, missing: str) -> str:
    return missing if approach is None or score is None else f"{approach} ({score_text(score)})"


def render(
    name: str, syntax: Syntax, report: GateReport, missing: str, *, details: bool = True,
    width: int = 100,
) -> str:
    """Render the template `name` for `report`; `missing` stands for an absent plan, and
    `details=False` leaves out the findings after the table."""
    lang = report.lang

    def t(key: str, **values: Any) -> str:
        return message(key, lang, **values)

    context = {
        "report": report,
        "width": width,
        "t": t,
        "status": lambda verdict: verdict.label(lang),
        "plan": lambda v: _scored(v.planned_approach, v.planned_score, missing),
        "advice": lambda v: _scored(v.recommendation, v.recommended_score, missing),
        "styles": STYLES,
        "findings": details
        and any(v.findings or _passed_within_tolerance(v) for v in report.verdicts),
    }
    return environment(syntax).get_template(name).render(context)


def _passed_within_tolerance(verdict: Verdict) -> bool:
    return verdict.status is Status.PASS and verdict.planned_approach != verdict.recommendation
