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

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, create_model
from pydantic_core import PydanticCustomError

from llm_adapt.rulebase import Question, RuleBase
from llm_adapt.suggest import did_you_mean

# Larger numbers mean nothing here and would overflow float arithmetic in the engine.
MAX_NUMBER = 10**15

_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}
# People write 50,000 or 50_000; the file format wants a plain number.
_GROUPING = re.compile(r"(?<=\d)[,_](?=\d{3})")


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


def parse_text(question: Question, text: str) -> Any:
    """Typed text (a table cell, a --set value, a line typed in the interview) as the
    question's type; text that does not parse is kept for `check_answer` to reject with its
    usual message."""
    value = text.strip()
    if question.type == "boolean":
        lowered = value.lower()
        return True if lowered in _TRUE else False if lowered in _FALSE else value
    if question.type in ("integer", "number"):
        try:
            number = float(_GROUPING.sub("", value))
        except ValueError:
            return value
        return int(number) if question.type == "integer" and number.is_integer() else number
    return value


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


def check_answer(question: Question, value: Any) -> tuple[Any, str | None]:
    """Validate one answer; return the normalised value, or an error message."""
    if question.type == "choice":
        if isinstance(value, str) and value in question.values:
            return value, None
        hint = did_you_mean(str(value), question.values) if isinstance(value, str) else ""
        return None, f"{value!r} is not one of {', '.join(question.values)}{hint}"
    if question.type == "boolean":
        if isinstance(value, bool):
            return value, None
        return None, f"{value!r} is not true or false"
    if isinstance(value, bool) or not isinstance(value, int | float):
        kind = "a whole number" if question.type == "integer" else "a number"
        # YAML 1.1 reads 1e3 or "1000" as text: say how to write the number instead.
        hint = " (write it as plain digits, such as 1000 or 0.5)" if isinstance(value, str) else ""
        return None, f"{value!r} is not {kind}{hint}"
    if isinstance(value, float) and not math.isfinite(value):
        return None, f"{value!r} is not a finite number"
    if abs(value) > MAX_NUMBER:
        return None, f"{value!r} is too large"
    if question.type == "integer":
        if isinstance(value, float) and not value.is_integer():
            return None, f"{value!r} is not a whole number"
        value = int(value)
    error = range_error(question, value)
    return (None, error) if error else (value, None)


def _validator(question: Question) -> BeforeValidator:
    def validate(value: Any) -> Any:
        checked, error = check_answer(question, value)
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
    rulebase: RuleBase, answers: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """The valid answers (known questions, null dropped: null means "not measured") in
    questionnaire order, and an error message per question id whose answer is invalid.
    Unknown question ids are the caller's to report (with a did-you-mean)."""
    given = {qid: v for qid, v in answers.items() if qid in rulebase.questions and v is not None}
    model = answers_model(rulebase)
    errors: dict[str, str] = {}
    try:
        validated = model.model_validate(given)
    except ValidationError as exc:
        for err in exc.errors():
            qid = str(err["loc"][0])
            errors[qid] = str(err["ctx"]["message"]) if "ctx" in err else str(err["msg"])
        validated = model.model_validate({q: v for q, v in given.items() if q not in errors})
    values = validated.model_dump(exclude_none=True)
    return {qid: values[qid] for qid in rulebase.questions if qid in values}, errors
