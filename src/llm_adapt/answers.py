"""Answers: typed text -> typed value -> validated answer, for every way answers arrive.

Project files, table rows (CSV, JSONL), `--set`, the interview and what-if all read and check
answers here. The answers model of a rule base is a pydantic model built once from its
question definitions; every project's answers are validated with it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationError,
    ValidationInfo,
    create_model,
)
from pydantic_core import PydanticCustomError

from llm_adapt import numeric
from llm_adapt.rulebase import Question, RuleBase
from llm_adapt.suggest import did_you_mean

# Larger numbers mean nothing here and would overflow float arithmetic in the engine.
MAX_NUMBER = 10**15

_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


def number_text(number: float) -> str:
    """A number as a user would write it: 15 for 15.0, 0.45 as is."""
    return str(int(number)) if float(number).is_integer() else str(number)


def value_text(value: Any) -> str:
    """An answer as the user would type it (yes/no for booleans)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return number_text(value)
    return str(value)


def parse_text(question: Question, text: str, *, typed: bool = False) -> Any:
    """Text as the question's type: a table cell or a `--set` value (numbers read as YAML 1.2
    reads them, so a cell and a project file agree: `017` and `1:30` stay text and are refused
    with a hint), or with `typed`, a line a person typed in the interview, where `50,000`,
    `45%`, `10k`, `8B` and `24GB` mean what they say. Text that does not parse is kept for
    `check_answer` to reject with its usual message."""
    value = text.strip()
    if question.type == "boolean":
        lowered = value.lower()
        return True if lowered in _TRUE else False if lowered in _FALSE else value
    if question.type not in ("integer", "number"):
        return value
    candidate = _as_written_number(question, value) if typed else value
    try:
        number = numeric.parse(candidate)
    except numeric.NumberTooLong:
        return value
    if number is None:
        return value
    if typed and candidate is not value:
        try:
            number = _scaled(question, number, value)
        except OverflowError:  # a typed 1 and 400 zeros, times a unit
            return float("inf")
    if question.type == "integer" and isinstance(number, float) and number.is_integer():
        return int(number)
    return number


# A number as people type it: digits grouped with , or _, then an optional unit.
_HUMANE = re.compile(r"([-+]?[0-9][0-9,_]*(?:\.[0-9]+)?|[-+]?\.[0-9]+)\s*([a-zA-Z%]*)")
_UNITS = {"%": 0.01, "k": 1e3, "m": 1e6, "mm": 1e6, "b": 1e9, "bn": 1e9, "gb": 1.0, "gib": 1.0}


def _as_written_number(question: Question, text: str) -> str:
    match = _HUMANE.fullmatch(text)
    if match is None or match[2].lower() not in ("", *_UNITS):
        return text
    digits = match[1]
    if "," in digits or "_" in digits:
        # Only thousands groups: 50,000 or 50_000, never 5,0 (a decimal comma) or 1_0.
        if not re.fullmatch(r"[-+]?[0-9]{1,3}(?:[,_][0-9]{3})+(?:\.[0-9]+)?", digits):
            return text
        digits = re.sub(r"[,_]", "", digits)
    return digits


def _scaled(question: Question, number: float, text: str) -> float:
    """The typed number times its unit: 45% of an accuracy is 0.45, 10k examples are 10,000;
    a size in billions (`8B` for model_size_b) or a memory in GB is already in its unit."""
    match = _HUMANE.fullmatch(text)
    unit = match[2].lower() if match else ""
    if not unit:
        return number
    if unit in ("b", "bn") and question.id.endswith("_b"):
        return number
    if unit in ("gb", "gib"):
        return number
    return number * _UNITS[unit]


def in_range(question: Question, value: float) -> bool:
    """Whether a number lies within the question's bounds."""
    return range_error(question, value) is None


def range_error(question: Question, value: float) -> str | None:
    if question.minimum is not None and value < question.minimum:
        return f"{value!r} is below the minimum {number_text(question.minimum)}"
    if question.maximum is not None and value > question.maximum:
        return f"{value!r} is above the maximum {number_text(question.maximum)}"
    if question.exclusive_minimum is not None and value <= question.exclusive_minimum:
        return f"{value!r} must be greater than {number_text(question.exclusive_minimum)}"
    return None


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
    error = range_error(question, value)
    return (None, error) if error else (value, None)


def _validator(question: Question) -> BeforeValidator:
    def validate(value: Any, info: ValidationInfo) -> Any:
        written = (info.context or {}).get("written", {}).get(question.id)
        checked, error = check_answer(question, value, written=written)
        if error is not None:
            raise PydanticCustomError("answer", "{message}", {"message": error})
        return checked

    return BeforeValidator(validate)


@lru_cache(maxsize=8)
def answers_model(rulebase: RuleBase) -> type[BaseModel]:
    """The pydantic model of a rule base's answers: one optional field per question, each
    checked as `check_answer` does (so messages are the same wherever answers come from)."""
    fields: dict[str, Any] = {
        qid: (Annotated[Any, _validator(question)], None)
        for qid, question in rulebase.questions.items()
    }
    return create_model(
        "Answers", __config__=ConfigDict(extra="forbid", frozen=True), **fields
    )


def validate_answers(
    rulebase: RuleBase, answers: Mapping[str, Any], *, written: Mapping[str, str] | None = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """The valid answers (known questions, null dropped: null means "not measured") in
    questionnaire order, and an error message per question id whose answer is invalid.
    Unknown question ids are the caller's to report (with a did-you-mean); `written` maps a
    question to how its file wrote a value YAML read as a boolean."""
    given = {qid: v for qid, v in answers.items() if qid in rulebase.questions and v is not None}
    model = answers_model(rulebase)
    errors: dict[str, str] = {}
    try:
        validated = model.model_validate(given, context={"written": written or {}})
    except ValidationError as exc:
        for err in exc.errors():
            qid = str(err["loc"][0])
            errors[qid] = str(err["ctx"]["message"]) if "ctx" in err else str(err["msg"])
        validated = model.model_validate({q: v for q, v in given.items() if q not in errors})
    values = validated.model_dump(exclude_none=True)
    return {qid: values[qid] for qid in rulebase.questions if qid in values}, errors
