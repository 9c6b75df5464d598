"""JSON (one object, or an array for several) and JSON Lines (one object a line)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict

from llm_adapt.escape import defuse
from llm_adapt.report.interface import Frame, RenderOptions, SummaryRow
from llm_adapt.result import Assessment


def _summary(rows: Sequence[SummaryRow]) -> str:
    return defuse(json.dumps([asdict(row) for row in rows], indent=2, ensure_ascii=False) + "\n",
                  "json")


class JsonRenderer:
    # Several reports make an array: each object indented as json.dumps(list, indent=2) would.
    frame = Frame(separator=",\n", many_open="[\n", many_close="\n]\n", many_indent="  ")

    def item(self, assessment: Assessment, options: RenderOptions) -> str:
        data = assessment.model_dump(mode="json")
        return defuse(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "json")

    def summary(self, rows: Sequence[SummaryRow], options: RenderOptions) -> str:
        return _summary(rows)


class JsonLinesRenderer:
    frame = Frame()

    def item(self, assessment: Assessment, options: RenderOptions) -> str:
        # pydantic writes the same compact, UTF-8 JSON as json.dumps(separators=(",", ":")),
        # in a third of the time.
        return defuse(assessment.model_dump_json() + "\n", "json")

    def summary(self, rows: Sequence[SummaryRow], options: RenderOptions) -> str:
        return _summary(rows)
