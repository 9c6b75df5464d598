"""The gate's verdict on one proposal: pure logic from (project, assessment, options)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Literal

from llm_adapt.errors import EXIT_BAD_INPUT, EXIT_GATE_FAILED, EXIT_OK, Location, Problem
from llm_adapt.i18n import DEFAULT_LANG, Lang, message
from llm_adapt.numeric import score_text
from llm_adapt.project import MIN_JUSTIFICATION_CHARS, MIN_JUSTIFICATION_WORDS, ProjectFile
from llm_adapt.result import CONFIDENCE_LEVELS, Assessment, Confidence

DEFAULT_TOLERANCE = 5.0
QUOTE_LIMIT = 400  # characters of a justification quoted in a message

Level = Literal["error", "warning"]


class Status(str, Enum):
    """A proposal's outcome, from best to worst."""

    PASS = "pass"
    WARN = "warn"  # passes, on a written justification
    FAIL = "fail"
    ERROR = "error"  # the input could not be read or validated

    def label(self, lang: Lang = DEFAULT_LANG) -> str:
        return message(f"gate.status.{self.value}", lang)


@dataclass(frozen=True)
class GateRule:
    """A reason the gate can give; `id` is what SARIF, JUnit and GitHub annotations show."""

    id: str
    name: str
    level: Level
    short: str
    description: str


RULES: tuple[GateRule, ...] = (
    GateRule("invalid-input", "InvalidInput", "error", "Invalid proposal file",
             "The proposal cannot be read, parsed or validated against the project file format."),
    GateRule("missing-plan", "MissingPlan", "error", "No planned approach",
             "The proposal has no planned_approach, so there is nothing to check."),
    GateRule("blocked-plan", "BlockedPlan", "error", "Planned approach is blocked",
             "The planned approach is infeasible given the answers (a rule blocks it); no "
             "justification can override that."),
    GateRule("unjustified-deviation", "UnjustifiedDeviation", "error",
             "Plan goes against the advice without a justification",
             "The planned approach scores below the recommendation by more than the tolerance "
             f"and the proposal has no justification of at least {MIN_JUSTIFICATION_CHARS} "
             f"characters and {MIN_JUSTIFICATION_WORDS} words."),
    GateRule("justified-deviation", "JustifiedDeviation", "warning",
             "Plan goes against the advice, with a justification",
             "The planned approach scores below the recommendation by more than the tolerance, "
             "and the proposal says why (an error with strict)."),
    GateRule("later-stage", "LaterStage", "warning",
             "Plan is a later stage of the advice",
             "The planned approach is not what to build now but a later stage of the staged "
             "advice; it passes with a warning naming the stage's condition (an error with "
             "strict)."),
    GateRule("incomplete", "UnansweredQuestions", "error", "Unanswered questions",
             "Questions that apply to the proposal are unanswered (require-complete)."),
    GateRule("low-confidence", "LowConfidence", "error", "Advice below the required confidence",
             "The advice's confidence is below the required minimum (min-confidence)."),
)


@dataclass(frozen=True)
class GateOptions:
    """What the gate demands; the defaults are the built-in ones."""

    tolerance: float = DEFAULT_TOLERANCE
    strict: bool = False
    require_complete: bool = False
    min_confidence: Confidence = "low"


@dataclass(frozen=True)
class Finding:
    """One reason a proposal failed or was warned about, and where to look in the file."""

    rule: str
    level: Level
    message: str
    location: Location


@dataclass(frozen=True)
class Verdict:
    """The gate's answer for one proposal."""

    source: str  # as reported: the file, or FILE:ROW for a table row
    file: str
    row: int | None
    project: str | None
    status: Status
    summary: str  # one line: why it passed or the first reason it did not
    findings: tuple[Finding, ...] = ()
    planned_approach: str | None = None
    recommendation: str | None = None
    planned_score: float | None = None
    recommended_score: float | None = None
    confidence: Confidence | None = None
    unanswered: tuple[str, ...] = ()
    justification: str | None = None

    @property
    def staged(self) -> bool:
        """Whether it passes as a later stage of the advice (not on a justification)."""
        return self.status is Status.WARN and any(f.rule == "later-stage" for f in self.findings)

    def label(self, lang: Lang = DEFAULT_LANG) -> str:
        """The result as tables show it: pass, pass (justified), pass (later stage), ..."""
        return message("gate.status.staged", lang) if self.staged else self.status.label(lang)

    @property
    def location(self) -> Location:
        """Where the verdict points: its first error, else its first finding, else the file."""
        worst = [f for f in self.findings if f.level == "error"] or list(self.findings)
        return worst[0].location if worst else Location(self.file, self.row)


@dataclass(frozen=True)
class GateReport:
    """Every verdict of a run, sorted, with the options that produced them."""

    verdicts: tuple[Verdict, ...]
    options: GateOptions = field(default_factory=GateOptions)
    lang: Lang = DEFAULT_LANG  # the language of every message in the verdicts

    def count(self, status: Status) -> int:
        return sum(1 for v in self.verdicts if v.status is status)

    @property
    def exit_code(self) -> int:
        """2 when any input was bad (it takes precedence), 1 when any proposal failed, else 0."""
        if self.count(Status.ERROR):
            return EXIT_BAD_INPUT
        if self.count(Status.FAIL):
            return EXIT_GATE_FAILED
        return EXIT_OK

    @property
    def staged(self) -> int:
        """Proposals that pass as a later stage of the advice."""
        return sum(1 for v in self.verdicts if v.staged)

    @property
    def justified(self) -> int:
        """Proposals that pass on a written justification."""
        return self.count(Status.WARN) - self.staged

    def summary_line(self) -> str:
        lang = self.lang
        total = len(self.verdicts)
        warned = self.count(Status.WARN)
        passed = message("gate.summary.passed", lang, count=self.count(Status.PASS) + warned)
        notes = []
        if self.justified:
            notes.append(message("gate.summary.justified", lang, count=self.justified))
        if self.staged:
            notes.append(message("gate.summary.staged", lang, count=self.staged))
        if notes:
            separator = message("gate.summary.separator", lang)
            passed += message("gate.summary.notes", lang, notes=separator.join(notes))
        parts = [passed, message("gate.summary.failed", lang, count=self.count(Status.FAIL))]
        if self.count(Status.ERROR):
            parts.append(message("gate.summary.invalid", lang, count=self.count(Status.ERROR)))
        noun = message("gate.summary.proposal" if total == 1 else "gate.summary.proposals", lang)
        return message("gate.summary.checked", lang, total=total, noun=noun,
                       parts=message("gate.summary.separator", lang).join(parts))


def sort_key(verdict: Verdict) -> tuple[str, int]:
    return verdict.file, verdict.row or 0


# Chinese and Japanese are written without spaces: each ideograph or kana counts as a word,
# and as two characters (the width it takes, about what it says), so a justification in
# those scripts meets the same bar as one in English rather than a far higher one.
_WIDE = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
_WORD = re.compile(rf"[{_WIDE}]|[^\W{_WIDE}]+")
_WIDE_CHAR = re.compile(rf"[{_WIDE}]")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def char_count(text: str) -> int:
    return len(text) + len(_WIDE_CHAR.findall(text))


def justification_ok(text: str | None) -> bool:
    if not text:
        return False
    text = text.strip()
    return (char_count(text) >= MIN_JUSTIFICATION_CHARS
            and word_count(text) >= MIN_JUSTIFICATION_WORDS)


def _count(number: int, key: str, lang: Lang) -> str:
    """'1 word', '2 words': the catalogue has `gate.KEY` for one and `gate.KEYs` for many."""
    return message(f"gate.{key}" if number == 1 else f"gate.{key}s", lang, count=number)


def quote(text: str) -> str:
    """A justification on one line, shortened if long, in double quotes."""
    flat = " ".join(text.split())
    if len(flat) > QUOTE_LIMIT:
        flat = flat[: QUOTE_LIMIT - 1].rstrip() + "…"
    return f'"{flat}"'


def _points(value: float) -> str:
    return score_text(value)


def _status(findings: Sequence[Finding]) -> Status:
    if any(f.level == "error" for f in findings):
        return Status.FAIL
    if findings:
        return Status.WARN
    return Status.PASS


def invalid(source: str, problems: Sequence[Problem], lang: Lang = DEFAULT_LANG) -> Verdict:
    """The verdict on an input that could not be read or validated."""
    first = problems[0].location if problems else Location(source)
    findings = tuple(Finding("invalid-input", "error", p.message, p.location) for p in problems)
    row = first.line if source != first.file else None
    summary = (message("gate.invalid", lang, message=problems[0].message) if problems
               else message("gate.invalid_input", lang))
    if len(problems) > 1:
        summary += message("gate.and_more", lang, count=len(problems) - 1)
    return Verdict(source=source, file=first.file, row=row, project=None, status=Status.ERROR,
                   summary=summary, findings=findings)


def _plan_findings(project: ProjectFile, assessment: Assessment, options: GateOptions,
                   planned: str) -> tuple[list[Finding], str]:
    """Findings about the planned approach itself, and the one-line reason when it passes."""
    lang = assessment.lang
    at_plan = project.location_of("planned_approach")
    recommended = assessment.recommendation
    rec_score = assessment.scores[recommended]
    blockers = [r for r in assessment.reasons if planned in r.blocks]
    if blockers:
        findings = []
        for reason in blockers:
            where = project.location_of("answers", reason.question) if reason.question else at_plan
            answer = (message("gate.blocked_answer", lang, question=reason.question,
                              answer=reason.answer) if reason.question else "")
            findings.append(Finding(
                "blocked-plan", "error",
                message("gate.blocked", lang, planned=planned, rule=reason.rule, answer=answer,
                        rationale=reason.rationale, recommended=recommended,
                        score=_points(rec_score)), where))
        return findings, ""
    planned_score = assessment.scores[planned]
    gap = round(rec_score - planned_score, 1)
    scores = {"planned": planned, "planned_score": _points(planned_score), "gap": _points(gap),
              "recommended": recommended, "score": _points(rec_score),
              "tolerance": f"{options.tolerance:g}"}
    if planned == recommended:
        return [], message("gate.is_recommendation", lang, **scores)
    later = next((s for s in assessment.stages[1:] if s.approach == planned), None)
    deferred = assessment.deferred.get(planned)
    if later is not None or deferred:
        # The plan can come later, not now (a later stage, or an approach the rules defer):
        # say what must come first and what moves to it, whatever the scores.
        condition = (later.condition if later is not None and later.condition
                     else message("narrative.and", lang).join(deferred or []))
        staged = message("gate.later_stage", lang, planned=planned, recommended=recommended,
                         condition=condition)
        if options.strict:
            return [Finding("later-stage", "error",
                            message("gate.later_stage_strict", lang, staged=staged),
                            at_plan)], ""
        return [Finding("later-stage", "warning", staged, at_plan)], ""
    if gap <= options.tolerance:
        return [], message("gate.within_tolerance", lang, **scores)
    against = message("gate.against", lang, **scores)
    need = message("gate.need", lang, chars=MIN_JUSTIFICATION_CHARS,
                   words=MIN_JUSTIFICATION_WORDS)
    text = (project.justification or "").strip()
    if not text:
        return [Finding("unjustified-deviation", "error",
                        message("gate.no_justification", lang, against=against, need=need),
                        at_plan)], ""
    if not justification_ok(text):
        return [Finding("unjustified-deviation", "error",
                        message("gate.short_justification", lang, against=against,
                                quote=quote(text), need=need,
                                chars=_count(char_count(text.strip()), "character", lang),
                                words=_count(word_count(text), "word", lang)),
                        at_plan)], ""
    if options.strict:
        return [Finding("justified-deviation", "error",
                        message("gate.strict", lang, against=against, quote=quote(text)),
                        at_plan)], ""
    return [Finding("justified-deviation", "warning",
                    message("gate.justified", lang, against=against, quote=quote(text)),
                    at_plan)], ""


def judge(project: ProjectFile, assessment: Assessment, options: GateOptions) -> Verdict:
    """Whether one valid proposal passes the gate, and why (every reason, in file order)."""
    lang = assessment.lang
    findings: list[Finding] = []
    passing = ""
    planned = project.planned_approach.value if project.planned_approach else None
    if planned is None:
        recommended = assessment.recommendation
        findings.append(Finding(
            "missing-plan", "error",
            message("gate.missing_plan", lang, recommended=recommended,
                    score=_points(assessment.scores[recommended])),
            project.location_of("project", key=True)))
    else:
        plan_findings, passing = _plan_findings(project, assessment, options, planned)
        findings.extend(plan_findings)
    if options.require_complete and assessment.unanswered:
        count = len(assessment.unanswered)
        findings.append(Finding(
            "incomplete", "error",
            message("gate.incomplete", lang, count=count,
                    noun=message("gate.question" if count == 1 else "gate.questions", lang),
                    names=", ".join(assessment.unanswered)),
            project.location_of("answers", key=True)))
    wanted = CONFIDENCE_LEVELS.index(options.min_confidence)
    if CONFIDENCE_LEVELS.index(assessment.confidence) < wanted:
        findings.append(Finding(
            "low-confidence", "error",
            message("gate.low_confidence", lang, confidence=assessment.confidence,
                    wanted=options.min_confidence, margin=_points(assessment.margin),
                    unanswered=len(assessment.unanswered)),
            project.location_of("planned_approach") if planned else
            project.location_of("answers", key=True)))
    status = _status(findings)
    worst = [f for f in findings if f.level == "error"] or findings
    summary = worst[0].message if worst else passing
    return Verdict(
        source=project.source, file=project.file or project.source, row=project.line,
        project=project.project, status=status, summary=summary, findings=tuple(findings),
        planned_approach=planned, recommendation=assessment.recommendation,
        planned_score=assessment.scores[planned] if planned else None,
        recommended_score=assessment.scores[assessment.recommendation],
        confidence=assessment.confidence, unanswered=tuple(assessment.unanswered),
        justification=project.justification,
    )
