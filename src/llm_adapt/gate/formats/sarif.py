"""SARIF 2.1.0: one result per finding, located at the line it is about (code scanning reads it)."""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from llm_adapt.errors import Location
from llm_adapt.escape import defuse
from llm_adapt.gate.core import RULES, GateReport
from llm_adapt.gate.formats.interface import CheckRenderOptions

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INDEX_BY_RULE = {rule.id: index for index, rule in enumerate(RULES)}


def artifact_uri(file: str) -> dict[str, str]:
    """A relative path stays relative to the checkout (%SRCROOT%); an absolute one is a file URI."""
    path = PurePath(file)
    if path.is_absolute():
        return {"uri": "file://" + quote(path.as_posix())}
    return {"uri": quote(path.as_posix()), "uriBaseId": "%SRCROOT%"}


def _location(location: Location) -> dict[str, Any]:
    region: dict[str, int] = {"startLine": location.line or 1}
    if location.column is not None:
        region["startColumn"] = location.column
    return {"physicalLocation": {"artifactLocation": artifact_uri(location.file),
                                 "region": region}}


def _rules() -> list[dict[str, Any]]:
    return [
        {
            "id": rule.id,
            "name": rule.name,
            "shortDescription": {"text": rule.short},
            "fullDescription": {"text": rule.description},
            "defaultConfiguration": {"level": rule.level},
            "help": {"text": rule.description},
        }
        for rule in RULES
    ]


class SarifRenderer:
    def render(self, report: GateReport, options: CheckRenderOptions) -> str:
        results = []
        for verdict in report.verdicts:
            for finding in verdict.findings:
                result: dict[str, Any] = {
                    "ruleId": finding.rule,
                    "ruleIndex": INDEX_BY_RULE[finding.rule],
                    "level": finding.level,
                    "message": {"text": finding.message},
                    "locations": [_location(finding.location)],
                }
                if verdict.project is not None:
                    result["properties"] = {"project": verdict.project,
                                            "status": verdict.status.value}
                results.append(result)
        driver: dict[str, Any] = {"name": "llm-adapt", "rules": _rules()}
        if options.version:
            driver["version"] = options.version
        document = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": driver},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }],
        }
        return defuse(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "json")
