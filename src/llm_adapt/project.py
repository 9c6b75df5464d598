"""The project file (format 1): loading, validation against the questions, and positions."""

from __future__ import annotations

import math
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

from llm_adapt import numeric, yamlio
from llm_adapt.approaches import Approach
from llm_adapt.errors import MAX_PROBLEMS, InputError, Location, Problem, cap_problems
from llm_adapt.rulebase import Question, RuleBase
from llm_adapt.suggest import did_you_mean

# Larger numbers mean nothing here and would overflow float arithmetic in the engine.
MAX_NUMBER = 10**15

PROJECT_NAME_MAX = 200

ENVELOPE_KEYS = (
    "format",
    "project",
    "description",
    "owner",
    "planned_approach",
    "justification",
    "answers",
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
    answers: dict[str, Any] | None = None


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
        data["answers"] = dict(self.answers)
        return data


def shown(value: Any, limit: int = 60) -> str:
    """A value as a message quotes it: its repr, shortened if long (booleans as YAML writes
    them)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        text = f"a {'list' if isinstance(value, list) else 'mapping'}"
        return text if len(repr(value)) > limit else repr(value)
    text = repr(value) if not isinstance(value, str) or len(value) <= limit else repr(
        value[:limit]) + "…"
    return text if len(text) <= limit + 3 else text[:limit] + "…"


def check_answer(
    question: Question, value: Any, *, written: str | None = None
) -> tuple[Any, str | None]:
    """Validate one answer; return the normalised value, or an error message.

    `written` is how the file wrote a value YAML read as a boolean (`no`, `on`, ...)."""
    if question.type == "choice":
        if isinstance(value, str) and value in question.values:
            return value, None
        choices = ", ".join(question.values)
        if isinstance(value, bool):
            word = written or ("true" if value else "false")
            if not written:  # JSON: a real boolean, no quoting to suggest
                return None, f"the boolean {word} is not one of {choices}"
            read_as = f"unquoted {word} is read as the boolean {'true' if value else 'false'}"
            if word in question.values:
                return None, f"{read_as}: write \"{word}\" in quotes"
            hint = did_you_mean(word.lower(), question.values)
            return None, f"{read_as}, which is not one of {choices}{hint}"
        hint = did_you_mean(str(value), question.values) if isinstance(value, str) else ""
        return None, f"{shown(value)} is not one of {choices}{hint}"
    if question.type == "boolean":
        if isinstance(value, bool):
            return value, None
        return None, f"{shown(value)} is not true or false"
    if isinstance(value, bool) or not isinstance(value, int | float):
        kind = "a whole number" if question.type == "integer" else "a number"
        # Text that looks like a number (017, 1:30, 1_000): say how to write it instead.
        hint = numeric.hint(value) if isinstance(value, str) else ""
        if isinstance(value, str) and numeric.too_long(value):
            return None, f"a number of {len(value.strip())} characters is too long"
        return None, f"{shown(value)} is not {kind}{hint}"
    if isinstance(value, float) and not math.isfinite(value):
        return None, f"{value!r} is not a finite number"
    if abs(value) > MAX_NUMBER:
        return None, f"{shown(value)} is too large"
    if question.type == "integer":
        if isinstance(value, float) and not value.is_integer():
            return None, f"{value!r} is not a whole number"
        value = int(value)
    return _check_range(question, value)


def _check_range(question: Question, value: float) -> tuple[Any, str | None]:
    if question.minimum is not None and value < question.minimum:
        return None, f"{value!r} is below the minimum {_fmt(question.minimum)}"
    if question.maximum is not None and value > question.maximum:
        return None, f"{value!r} is above the maximum {_fmt(question.maximum)}"
    if question.exclusive_minimum is not None and value <= question.exclusive_minimum:
        return None, f"{value!r} must be greater than {_fmt(question.exclusive_minimum)}"
    return value, None


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


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

    def where(path: tuple[str, ...], key: bool = False) -> Location:
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
        for qid, value in raw_answers.items():
            question = rulebase.questions.get(str(qid))
            if question is None:
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
                continue
            if value is None:  # null means "not measured": the same as leaving it out
                continue
            written = marks.booleans.get(("answers", str(qid))) if marks is not None else None
            normalised, error = check_answer(question, value, written=written)
            if error:
                problems.append(Problem(where(("answers", str(qid))), f"answers.{qid}: {error}"))
            else:
                answers[question.id] = normalised
    if problems or envelope is None:
        problems.sort(key=lambda p: (p.location.line or 0, p.location.column or 0))
        raise InputError(cap_problems(problems, left_out))
    return ProjectFile(
        source=source,
        project=envelope.project,
        answers=ordered_answers(rulebase, answers),
        description=envelope.description,
        owner=envelope.owner,
        planned_approach=envelope.planned_approach,
        justification=envelope.justification,
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
    if kind == "missing":
        return "is required"
    if kind == "value_error":
        return str(err["ctx"]["error"])
    return str(err["msg"])


def load_text(text: str, rulebase: RuleBase, *, file: str) -> ProjectFile:
    """Load and validate one YAML project file's text."""
    data, marks = yamlio.load(text, file)
    return validate(data, rulebase, source=file, file=file, marks=marks)
