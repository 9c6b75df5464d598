"""JSON (one object, or an array for several) and JSON Lines (one object a line)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from llm_adapt.escape import defuse
from llm_adapt.report.interface import RenderOptions
from llm_adapt.result import Assessment


def as_dict(assessment: Assessment) -> dict[str, Any]:
    return assessment.model_dump(mode="json")


class JsonRenderer:
    def render(self, assessments: Sequence[Assessment], options: RenderOptions) -> str:
        data: Any = (
            as_dict(assessments[0]) if len(assessments) == 1 else [as_dict(a) for a in assessments]
        )
        return defuse(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "json")

    def summary(self, assessments: Sequence[Assessment], options: RenderOptions) -> str:
        rows = [
            {
                "source": a.source,
                "project": a.project,
                "recommendation": a.recommendation,
                "margin": a.margin,
                "confidence": a.confidence,
            }
            for a in assessments
        ]
        return defuse(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", "json")


class JsonLinesRenderer:
    def render(self, assessments: Sequence[Assessment], options: RenderOptions) -> str:
        return defuse("".join(
            json.dumps(as_dict(a), ensure_ascii=False, separators=(",", ":")) + "\n"
            for a in assessments
        ), "json")

    def summary(self, assessments: Sequence[Assessment], options: RenderOptions) -> str:
        return JsonRenderer().summary(assessments, options)
