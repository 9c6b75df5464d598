"""The project file (format 1): loading, validation against the questions, and positions."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
)

from llm_adapt import yamlio
from llm_adapt.answers import shown, validate_answers
from llm_adapt.approaches import Approach
from llm_adapt.errors import MAX_PROBLEMS, InputError, Location, Problem, cap_problems
from llm_adapt.i18n import Lang
from llm_adapt.rulebase import RuleBase
from llm_adapt.suggest import did_you_mean

PROJECT_NAME_MAX = 200
# A justification is a few sentences a reviewer can weigh, not "because" or "see ticket".
MIN_JUSTIFICATION_CHARS = 40
MIN_JUSTIFICATION_WORDS = 6

ENVELOPE_KEYS = (
    "format",
    "project",
    "description",
    "owner",
    "planned_approach",
    "justification",
    "lang",  # optional: the language `ask` held the interview in
    "answers",
    "skipped",  # optional: questions left unanswered on purpose in `ask` (not asked again)
)


# Control characters, lone surrogates (not text: a JSON "\\ud800"), and bidirectional
# overrides, which make a line read differently from what it holds.
_NOT_TEXT = "\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_CONTROL_IN_LINE = re.compile(f"[\x00-\x1f{_NOT_TEXT}]")
_CONTROL_IN_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f{_NOT_TEXT}]")  # newlines and tabs allowed


def _one_line(value: str) -> str:
    # Names end up in terminals, tables and CI annotations: no control characters there.
    if _CONTROL_IN_LINE.search(value):
        raise ValueError("must be one line without control characters")
    if not value.strip():
        raise ValueError("must not be blank")
    return value.strip()


def _text(value: str) -> str:
    if _CONTROL_IN_TEXT.search(value):
        raise ValueError("must not contain control characters")
    return value


def _format_number(value: Any) -> Any:
    # `format: true` and `format: 1.0` equal 1 to Python, but are not the format number.
    if type(value) is not int:
        raise ValueError(f"format {shown(value)} is not supported (this version reads format 1)")
    return value


OneLine = Annotated[str, AfterValidator(_one_line)]
FreeText = Annotated[str, AfterValidator(_text)]


class _Envelope(BaseModel):
    """Everything of a project file except the answers, which the questions validate."""

    model_config = ConfigDict(extra="forbid")

    format: Annotated[Literal[1], BeforeValidator(_format_number)] = 1
    project: Annotated[OneLine, Field(min_length=1, max_length=PROJECT_NAME_MAX)]
    description: FreeText | None = None
    owner: OneLine | None = None
    planned_approach: Approach | None = None
    justification: FreeText | None = None
    lang: Lang | None = None
    answers: dict[str, Any] | None = None
    skipped: list[str] | None = None


@dataclass
class ProjectFile:
    """A validated project: its answers hold only valid values; unanswered ones are absent."""

    source: str
    project: str
    answers: dict[str, Any]
    description: str | None = None
    owner: str | None = None
    planned_approach: Approach | None = None
    justification: str | None = None
    lang: Lang | None = None
    skipped: tuple[str, ...] = ()
    marks: yamlio.Marks | None = None
    line: int | None = None  # the row's line, for tables
    file: str = ""

    def location_of(self, *path: str, key: bool = False) -> Location:
        """Where a key of this project is written (file:line:col), as precisely as known."""
        return yamlio.locate(self.marks, self.file, path, key=key, line=self.line)

    def to_data(self) -> dict[str, Any]:
        """The project as a file would hold it (keys in the contract's order)."""
        data: dict[str, Any] = {"format": 1, "project": self.project}
        for key in ("description", "owner"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        if self.planned_approach is not None:
            data["planned_approach"] = self.planned_approach.value
        if self.justification:
            data["justification"] = self.justification
        if self.lang is not None:
            data["lang"] = self.lang
        data["answers"] = dict(self.answers)
        if self.skipped:
            data["skipped"] = list(self.skipped)
        return data


def validate(
    data: Any,
    rulebase: RuleBase,
    *,
    source: str,
    file: str,
    marks: yamlio.Marks | None = None,
    line: int | None = None,
) -> ProjectFile:
    """Validate the loaded form of one project; raise InputError listing every problem."""

    def where(path: yamlio.Path, key: bool = False) -> Location:
        return yamlio.locate(marks, file, path, key=key, line=line)

    if not isinstance(data, Mapping):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise InputError([Problem(where(()), f"a project must be a mapping, not {kind}")])
    problems: list[Problem] = []
    left_out = 0  # problems past MAX_PROBLEMS: counted, not described (no hints to look for)
    for key in data:
        if key not in ENVELOPE_KEYS:
            if len(problems) >= MAX_PROBLEMS:
                left_out += 1
                continue
            hint = did_you_mean(str(key), ENVELOPE_KEYS)
            if not hint and key in rulebase.questions:
                hint = f" (answers go under 'answers:', as answers.{key})"
            problems.append(Problem(where((str(key),), key=True),
                                    f"unknown key {shown(str(key))}{hint}"))
    envelope_data = {k: v for k, v in data.items() if k in ENVELOPE_KEYS}
    envelope: _Envelope | None = None
    try:
        envelope = _Envelope.model_validate(envelope_data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(str(p) for p in err["loc"])
            message = _pydantic_message(err)
            problems.append(Problem(where(loc), f"{'.'.join(loc)}: {message}"))
    answers: dict[str, Any] = {}
    raw_answers = envelope_data.get("answers")
    if isinstance(raw_answers, Mapping):
        for qid in raw_answers:
            if str(qid) in rulebase.questions:
                continue
            if len(problems) >= MAX_PROBLEMS:
                left_out += 1
                continue
            hint = did_you_mean(str(qid), rulebase.questions)
            problems.append(
                Problem(
                    where(("answers", str(qid)), key=True),
                    f"answers: unknown question {shown(str(qid))}{hint}",
                )
            )
        # How the file wrote values YAML read as booleans (`no`, `on`), for the messages.
        written = {str(path[1]): word for path, word in marks.booleans.items()
                   if len(path) == 2 and path[0] == "answers"} if marks is not None else {}
        answers, errors = validate_answers(rulebase, raw_answers, written=written)
        problems.extend(
            Problem(where(("answers", qid)), f"answers.{qid}: {error}")
            for qid, error in errors.items()
        )
    skipped = envelope_data.get("skipped")
    if isinstance(skipped, list):
        for index, qid in enumerate(skipped):
            if isinstance(qid, str) and qid not in rulebase.questions:
                hint = did_you_mean(qid, rulebase.questions)
                problems.append(Problem(where(("skipped", index)),
                                        f"skipped: unknown question {shown(qid)}{hint}"))
    if problems or envelope is None:
        problems.sort(key=lambda p: (p.location.line or 0, p.location.column or 0))
        raise InputError(cap_problems(problems, left_out))
    return ProjectFile(
        source=source,
        project=envelope.project,
        answers=answers,
        description=envelope.description,
        owner=envelope.owner,
        planned_approach=envelope.planned_approach,
        justification=envelope.justification,
        lang=envelope.lang,
        skipped=tuple(dict.fromkeys(envelope.skipped or ())),
        marks=marks,
        line=line,
        file=file,
    )


def ordered_answers(rulebase: RuleBase, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Answers in questionnaire order, so saved files and reports read the same way."""
    return {qid: answers[qid] for qid in rulebase.questions if qid in answers}


def _pydantic_message(err: Mapping[str, Any]) -> str:
    kind = err.get("type")
    if tuple(err["loc"]) == ("format",):
        return f"format {shown(err.get('input'))} is not supported (this version reads format 1)"
    if kind == "enum":
        values = ", ".join(a.value for a in Approach)
        return f"{shown(err.get('input'))} is not one of {values}"
    if kind == "literal_error" and tuple(err["loc"]) == ("lang",):
        return f"{shown(err.get('input'))} is not one of en, zh"
    if kind == "missing":
        return "is required"
    if kind == "value_error":
        return str(err["ctx"]["error"])
    return str(err["msg"])


def load_text(text: str, rulebase: RuleBase, *, file: str) -> ProjectFile:
    """Load and validate one YAML project file's text."""
    data, marks = yamlio.load(text, file)
    return validate(data, rulebase, source=file, file=file, marks=marks)


def load_for_interview(
    text: str, rulebase: RuleBase, *, file: str
) -> tuple[ProjectFile, list[Problem], set[str]]:
    """A project file for `ask --resume`, leniently: answers that do not validate (a value
    not allowed, an unknown question) are left out, so the interview asks those questions
    again; their problems and ids are returned too. Anything else wrong (the YAML, the name,
    the format) is refused as `load_text` refuses it."""
    data, marks = yamlio.load(text, file)
    try:
        return validate(data, rulebase, source=file, file=file, marks=marks), [], set()
    except InputError as exc:
        refused = exc
    raw = data.get("answers") if isinstance(data, Mapping) else None
    if not isinstance(data, Mapping) or not isinstance(raw, Mapping):
        raise refused
    _, errors = validate_answers(rulebase, raw)
    dropped = {qid for qid in raw if str(qid) not in rulebase.questions or qid in errors}
    if not dropped:
        raise refused
    kept = {qid: value for qid, value in raw.items() if qid not in dropped}
    try:
        project = validate({**data, "answers": kept}, rulebase, source=file, file=file,
                           marks=marks)
    except InputError:
        raise refused from None  # every problem, not only those left after the answers
    answer_problems = [p for p in refused.problems if p.message.startswith("answers")]
    return project, answer_problems, {str(qid) for qid in dropped}
