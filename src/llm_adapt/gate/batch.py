"""Checking many proposals: load each input, judge the valid ones, keep bad ones as errors."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from llm_adapt.errors import Problem
from llm_adapt.gate.core import GateOptions, GateReport, Verdict, invalid, judge, sort_key
from llm_adapt.i18n import Lang
from llm_adapt.inputs import Selection, load
from llm_adapt.rulebase import RuleBase
from llm_adapt.scoring import InfeasibleError, assess_project


def check_paths(
    paths: Sequence[str],
    rulebase: RuleBase,
    options: GateOptions,
    *,
    read_stdin: Callable[[int], bytes],
    lang: Lang = "en",
    selection: Selection | None = None,
) -> GateReport:
    """The gate's verdict on every proposal found in `paths`, sorted by file, then row."""
    verdicts: list[Verdict] = []
    for item in load(paths, rulebase, read_stdin, selection):
        if item.project is None:
            verdicts.append(invalid(item.source, item.problems, lang))
            continue
        try:
            # The gate reads the verdict's fields only: no what-if (most of an assessment's
            # cost), no narrative or plan.
            assessment = assess_project(rulebase, item.project, lang=lang, with_what_if=False,
                                        explain=False)
        except InfeasibleError as exc:
            problem = Problem(item.project.location_of(), str(exc))
            verdicts.append(invalid(item.source, [problem], lang))
            continue
        verdicts.append(judge(item.project, assessment, options))
    return GateReport(tuple(sorted(verdicts, key=sort_key)), options, lang)
