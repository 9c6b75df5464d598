"""Checking many proposals: load each input, judge the valid ones, keep bad ones as errors."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from llm_adapt.gate.core import GateOptions, GateReport, Verdict, invalid, judge, sort_key
from llm_adapt.inputs import load
from llm_adapt.rulebase import Lang, RuleBase
from llm_adapt.scoring import assess


def check_paths(
    paths: Sequence[str],
    rulebase: RuleBase,
    options: GateOptions,
    *,
    read_stdin: Callable[[], str],
    lang: Lang = "en",
) -> GateReport:
    """The gate's verdict on every proposal found in `paths`, sorted by file, then row."""
    verdicts: list[Verdict] = []
    for item in load(paths, rulebase, read_stdin):
        if item.project is None:
            verdicts.append(invalid(item.source, item.problems))
            continue
        project = item.project
        assessment = assess(
            rulebase, project.answers, source=item.source, project=project.project, lang=lang,
            planned_approach=project.planned_approach.value if project.planned_approach else None,
            with_what_if=False,  # the gate never reports it
        )
        verdicts.append(judge(project, assessment, options))
    return GateReport(tuple(sorted(verdicts, key=sort_key)), options)
