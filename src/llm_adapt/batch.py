"""Assessing many inputs at once: load each, score the valid ones, keep the problems."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from llm_adapt.errors import Problem, UserError
from llm_adapt.inputs import load, parse_cell
from llm_adapt.project import check_answer
from llm_adapt.result import Assessment
from llm_adapt.rulebase import Lang, RuleBase
from llm_adapt.scoring import InfeasibleError, assess_project
from llm_adapt.suggest import did_you_mean


@dataclass
class BatchResult:
    assessments: list[Assessment] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    found: int = 0  # inputs found, good or bad


def parse_overrides(pairs: Sequence[str], rulebase: RuleBase) -> dict[str, Any]:
    """`--set QUESTION=VALUE` pairs as answers; an empty VALUE makes the question unanswered."""
    overrides: dict[str, Any] = {}
    for pair in pairs:
        qid, sep, text = pair.partition("=")
        qid = qid.strip()
        if not sep:
            raise UserError(f"--set {pair}: expected QUESTION=VALUE")
        question = rulebase.questions.get(qid)
        if question is None:
            raise UserError(
                f"--set {pair}: unknown question '{qid}'{did_you_mean(qid, rulebase.questions)}"
            )
        if not text.strip():
            overrides[qid] = None
            continue
        value, error = check_answer(question, parse_cell(question, text))
        if error:
            raise UserError(f"--set {pair}: {error}")
        overrides[qid] = value
    return overrides


def apply_overrides(answers: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(answers)
    for qid, value in overrides.items():
        if value is None:
            merged.pop(qid, None)
        else:
            merged[qid] = value
    return merged


def assess_paths(
    paths: Sequence[str],
    rulebase: RuleBase,
    *,
    read_stdin: Callable[[int], bytes],
    overrides: Mapping[str, Any] | None = None,
    lang: Lang = "en",
) -> BatchResult:
    """Assess every project found in `paths`; bad inputs become problems, not exceptions."""
    result = BatchResult()
    for item in load(paths, rulebase, read_stdin):
        result.found += 1
        if item.project is None:
            result.problems.extend(item.problems)
            continue
        answers = apply_overrides(item.project.answers, overrides or {})
        try:
            result.assessments.append(
                assess_project(rulebase, item.project, lang=lang, answers=answers)
            )
        except InfeasibleError as exc:
            result.problems.append(Problem(item.project.location_of(), str(exc)))
    return result
