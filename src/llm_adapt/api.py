"""The public API: load the rule base, advise on a project, gate a proposal, or do either for
every project under some paths. The command line is a thin layer over these functions; none
of them prints or exits, and bad input raises `InputError` (a `LlmAdaptError`) listing every
problem as `file:line:col: message`."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from llm_adapt import project as project_file
from llm_adapt import reading
from llm_adapt.batch import BatchResult, assess_paths
from llm_adapt.escape import display_name
from llm_adapt.gate.batch import check_paths
from llm_adapt.gate.core import GateOptions, GateReport, Verdict, judge
from llm_adapt.i18n import DEFAULT_LANG, Lang
from llm_adapt.project import ProjectFile
from llm_adapt.result import Assessment
from llm_adapt.rulebase import RuleBase, load_rulebase
from llm_adapt.scoring import assess_project

ProjectSource = Mapping[str, Any] | str | os.PathLike[str]


def read_project(source: ProjectSource, rulebase: RuleBase) -> ProjectFile:
    """A validated project from a mapping (the shape of a project file) or a file's path."""
    if isinstance(source, Mapping):
        return project_file.validate(source, rulebase, source="<data>", file="<data>")
    path = Path(source)
    # The command line's bounded, decoding reader: the same limits and messages.
    text = reading.read_text(path, display_name(str(path)))
    return project_file.load_text(text, rulebase, file=str(path))


def assess(
    project: ProjectSource,
    *,
    rules: Sequence[Path] = (),
    lang: Lang = DEFAULT_LANG,
    what_if: bool = True,
) -> Assessment:
    """The advice for one project: recommendation, scores, reasons, plan, what-if.

    >>> assess({"project": "FAQ bot", "answers": {"external_knowledge": "essential"}})
    ... # doctest: +SKIP
    """
    rulebase = load_rulebase(rules)
    return assess_project(rulebase, read_project(project, rulebase), lang=lang,
                          with_what_if=what_if)


def check(
    project: ProjectSource,
    *,
    options: GateOptions | None = None,
    rules: Sequence[Path] = (),
    lang: Lang = DEFAULT_LANG,
) -> Verdict:
    """The CI gate's verdict on one proposal (its `planned_approach` against the advice)."""
    rulebase = load_rulebase(rules)
    loaded = read_project(project, rulebase)
    assessment = assess_project(rulebase, loaded, lang=lang, with_what_if=False,
                                explain=False)
    return judge(loaded, assessment, options or GateOptions())


__all__ = [
    "Assessment",
    "BatchResult",
    "GateOptions",
    "GateReport",
    "Verdict",
    "assess",
    "assess_paths",
    "check",
    "check_paths",
    "load_rulebase",
    "read_project",
]
