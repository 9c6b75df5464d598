"""JSON: the whole gate report as one object, for scripts and dashboards."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from llm_adapt.escape import defuse
from llm_adapt.gate.core import GateReport, Status, Verdict
from llm_adapt.gate.formats.interface import CheckRenderOptions


def _verdict(verdict: Verdict) -> dict[str, Any]:
    return {
        "source": verdict.source,
        "file": verdict.file,
        "row": verdict.row,
        "project": verdict.project,
        "status": verdict.status.value,
        "passed": verdict.status in (Status.PASS, Status.WARN),
        "summary": verdict.summary,
        "planned_approach": verdict.planned_approach,
        "recommendation": verdict.recommendation,
        "planned_score": verdict.planned_score,
        "recommended_score": verdict.recommended_score,
        "confidence": verdict.confidence,
        "unanswered": list(verdict.unanswered),
        "justification": verdict.justification,
        "findings": [
            {"rule": f.rule, "level": f.level, "message": f.message,
             "file": f.location.file, "line": f.location.line, "column": f.location.column}
            for f in verdict.findings
        ],
    }


class JsonRenderer:
    def render(self, report: GateReport, options: CheckRenderOptions) -> str:
        document = {
            "tool": "llm-adapt check",
            "version": options.version,
            "options": asdict(report.options),
            "summary": {
                "proposals": len(report.verdicts),
                "passed": report.count(Status.PASS) + report.count(Status.WARN),
                "justified": report.justified,
                "staged": report.staged,
                "failed": report.count(Status.FAIL),
                "invalid": report.count(Status.ERROR),
                "exit_code": report.exit_code,
            },
            "proposals": [_verdict(v) for v in report.verdicts],
        }
        return defuse(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "json")
