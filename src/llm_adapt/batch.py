"""Many projects at once: load each input, score the valid ones, and hand each outcome on as
soon as it is ready, in input order; bad inputs become problems, never exceptions.

With `jobs > 1` the inputs are shared among forked worker processes, each loading, scoring
and rendering whole inputs; the parent writes their reports in input order, so the output is
byte for byte that of one process. Nothing per project is kept after it is handed on.
"""

from __future__ import annotations

import io
import multiprocessing
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from llm_adapt import reading
from llm_adapt.answers import check_answer, parse_text
from llm_adapt.errors import Problem, UserError
from llm_adapt.i18n import Lang
from llm_adapt.inputs import STDIN, Selection, entries, load_one
from llm_adapt.report.interface import SummaryRow
from llm_adapt.result import Assessment
from llm_adapt.rulebase import RuleBase
from llm_adapt.scoring import InfeasibleError, assess_project
from llm_adapt.suggest import did_you_mean


@dataclass
class BatchResult:
    assessments: list[Assessment] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    found: int = 0  # inputs found, good or bad


@dataclass(frozen=True)
class Outcome:
    """One project of a batch: its report (rendered by the caller's function) and summary
    row, or the problems that kept it from being assessed."""

    source: str
    report: str | None = None
    row: SummaryRow | None = None
    problems: tuple[Problem, ...] = ()


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
        value, error = check_answer(question, parse_text(question, text))
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


@dataclass(frozen=True)
class Job:
    """What every project of a batch is assessed and rendered with."""

    rulebase: RuleBase
    render: Callable[[Assessment], str]
    overrides: Mapping[str, Any] = field(default_factory=dict)
    lang: Lang = "en"


def _assessments(
    job: Job, entry: str | Problem, read_stdin: Callable[[int], bytes]
) -> Iterator[tuple[str, Assessment | None, tuple[Problem, ...]]]:
    for item in load_one(entry, job.rulebase, read_stdin):
        if item.project is None:
            yield item.source, None, tuple(item.problems)
            continue
        answers = apply_overrides(item.project.answers, job.overrides)
        try:
            assessment = assess_project(job.rulebase, item.project, lang=job.lang,
                                        answers=answers, overrides=job.overrides)
        except InfeasibleError as exc:
            yield item.source, None, (Problem(item.project.location_of(), str(exc)),)
            continue
        yield item.source, assessment, ()


def _outcomes(
    job: Job, entry: str | Problem, read_stdin: Callable[[int], bytes]
) -> Iterator[Outcome]:
    for source, assessment, problems in _assessments(job, entry, read_stdin):
        if assessment is None:
            yield Outcome(source, problems=problems)
        else:
            yield Outcome(source, job.render(assessment), SummaryRow.of(assessment))


def outcomes(
    paths: Sequence[str],
    job: Job,
    *,
    read_stdin: Callable[[int], bytes],
    jobs: int = 1,
    selection: Selection | None = None,
) -> Iterator[Outcome]:
    """Every project of every input, in input order, each as soon as it is ready."""
    found = list(entries(paths, selection))
    workers = worker_count(jobs, len(found))
    if workers <= 1:
        for entry in found:
            yield from _outcomes(job, entry, read_stdin)
        return
    # Standard input is read here, once (up to one byte past the limit, so a worker reports
    # the same "too large" as one process would): workers share no stdin.
    stdin = _read_upto(read_stdin, reading.max_input_size() + 1) if STDIN in found else b""
    global _JOB
    _JOB = (job, stdin)
    context = multiprocessing.get_context("fork")
    # Chunks of up to 64 inputs: fewer round trips between processes (small chunks cost a
    # third of the gain on two cores), while the first report still comes within a chunk.
    chunk = max(1, min(64, len(found) // (workers * 8)))
    with context.Pool(workers) as pool:
        for batch in pool.imap(_work, found, chunksize=chunk):
            yield from batch


def _read_upto(read: Callable[[int], bytes], most: int) -> bytes:
    parts: list[bytes] = []
    total = 0
    while total < most:
        chunk = read(min(1 << 16, most - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    return b"".join(parts)


def worker_count(jobs: int, inputs: int) -> int:
    """How many processes `--jobs N` means for this many inputs: 0 is every core; no more
    than there are inputs; one where processes cannot be forked (the rule base's compiled
    conditions are not picklable, so workers must inherit it)."""
    wanted = (os.cpu_count() or 1) if jobs == 0 else jobs
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(wanted, inputs))


# The job of the current parallel batch, inherited by the forked workers.
_JOB: tuple[Job, bytes] | None = None


def _work(entry: str | Problem) -> list[Outcome]:
    assert _JOB is not None
    job, stdin = _JOB
    return list(_outcomes(job, entry, io.BytesIO(stdin).read))


def assess_paths(
    paths: Sequence[str],
    rulebase: RuleBase,
    *,
    read_stdin: Callable[[int], bytes],
    overrides: Mapping[str, Any] | None = None,
    lang: Lang = "en",
    selection: Selection | None = None,
) -> BatchResult:
    """Assess every project found in `paths`, kept in memory (for library callers; the
    command line streams instead)."""
    result = BatchResult()
    job = Job(rulebase, render=lambda a: "", overrides=overrides or {}, lang=lang)
    for entry in entries(paths, selection):
        for _source, assessment, problems in _assessments(job, entry, read_stdin):
            result.found += 1
            if assessment is None:
                result.problems.extend(problems)
            else:
                result.assessments.append(assessment)
    return result
