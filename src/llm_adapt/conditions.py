"""Typed, declarative conditions over the answers: parsed once, compiled to plain functions.

A condition is one of
  {q: ID, eq: V} | {q: ID, ne: V} | {q: ID, in: [..]} | {q: ID, not_in: [..]}
  {q: ID, gte: N} | {q: ID, gt: N} | {q: ID, lte: N} | {q: ID, lt: N} | {q: ID, answered: B}
  where N is a number or {q: OTHER_ID}, another numeric answer
  {all: [..]} | {any: [..]} | {not: C} | {always: true}
A comparison on an unanswered question is false (use `answered` to test for that), so a rule
never fires on an answer nobody gave. There is no `eval`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Answers = Mapping[str, Any]
Predicate = Callable[[Answers], bool]

COMPARISONS = ("eq", "ne", "in", "not_in", "gte", "gt", "lte", "lt", "answered")
NUMERIC = ("gte", "gt", "lte", "lt")
# Conditions are compiled and evaluated recursively: a deeper one is refused when loaded.
MAX_DEPTH = 32
# The largest number an operand may be (answers are bounded the same way); larger ones, and
# nan or infinity, could never be compared meaningfully.
MAX_OPERAND = 10**15


class ConditionError(ValueError):
    """A condition that is malformed or refers to something unknown."""


@dataclass(frozen=True)
class Compare:
    question: str
    op: str
    value: Any


@dataclass(frozen=True)
class AllOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class NotOf:
    item: Condition


@dataclass(frozen=True)
class Always:
    """A condition that always holds (priors and costs every project pays)."""


Condition = Compare | AllOf | AnyOf | NotOf | Always


def parse(raw: Any, depth: int = 0) -> Condition:
    """Parse the YAML form of a condition into its typed form."""
    if depth > MAX_DEPTH:
        raise ConditionError(f"conditions may nest at most {MAX_DEPTH} levels deep")
    if not isinstance(raw, Mapping):
        raise ConditionError(f"a condition must be a mapping, not {type(raw).__name__}")
    keys = set(raw)
    if keys == {"always"}:
        if raw["always"] is not True:
            raise ConditionError("'always' must be true")
        return Always()
    if keys in ({"all"}, {"any"}):
        (kind,) = keys
        items = raw[kind]
        if not isinstance(items, list) or not items:
            raise ConditionError(f"'{kind}' needs a non-empty list of conditions")
        parsed = tuple(parse(item, depth + 1) for item in items)
        return AllOf(parsed) if kind == "all" else AnyOf(parsed)
    if keys == {"not"}:
        return NotOf(parse(raw["not"], depth + 1))
    if "q" in keys:
        ops = keys - {"q"}
        if len(ops) != 1 or not ops <= set(COMPARISONS):
            raise ConditionError(
                f"a comparison on '{raw['q']}' needs exactly one of {', '.join(COMPARISONS)}"
            )
        (op,) = ops
        value = raw[op]
        if op in ("in", "not_in") and (not isinstance(value, list) or not value):
            raise ConditionError(f"'{op}' needs a non-empty list")
        if op in NUMERIC:
            value = _numeric_operand(op, value)
        if op == "answered" and not isinstance(value, bool):
            raise ConditionError("'answered' needs true or false")
        return Compare(str(raw["q"]), op, value)
    raise ConditionError(
        f"unknown condition {sorted(keys)}: use q with an operator, all, any, not or always"
    )


@dataclass(frozen=True)
class Ref:
    """The answer to another question, as the operand of a numeric comparison."""

    question: str


def finite_number(value: Any) -> bool:
    """Whether an operand is a number a comparison can use: not a boolean, nan or infinity,
    and within ±MAX_OPERAND."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    # abs() first: math.isfinite() of a 400-digit int raises OverflowError.
    return abs(value) <= MAX_OPERAND and math.isfinite(value)


def _numeric_operand(op: str, value: Any) -> float | Ref:
    if isinstance(value, Mapping) and set(value) == {"q"} and isinstance(value["q"], str):
        return Ref(value["q"])
    if not finite_number(value):
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "…"
        raise ConditionError(
            f"'{op}' needs a number (finite, at most 10^15) or {{q: QUESTION}}, not {shown}"
        )
    return value  # type: ignore[no-any-return]


def questions_of(cond: Condition) -> frozenset[str]:
    """Every question a condition reads (what-if uses it to re-evaluate only what changed)."""
    if isinstance(cond, Compare):
        if isinstance(cond.value, Ref):
            return frozenset({cond.question, cond.value.question})
        return frozenset({cond.question})
    if isinstance(cond, AllOf | AnyOf):
        return frozenset().union(*(questions_of(c) for c in cond.items))
    if isinstance(cond, NotOf):
        return questions_of(cond.item)
    return frozenset()


def comparisons_of(cond: Condition) -> list[Compare]:
    """Every comparison inside a condition, in order (thresholds for what-if come from here)."""
    if isinstance(cond, Compare):
        return [cond]
    if isinstance(cond, AllOf | AnyOf):
        return [c for item in cond.items for c in comparisons_of(item)]
    if isinstance(cond, NotOf):
        return comparisons_of(cond.item)
    return []


_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "gte": lambda x, y: x >= y,
    "gt": lambda x, y: x > y,
    "lte": lambda x, y: x <= y,
    "lt": lambda x, y: x < y,
}


def _compare(op: str, question: str, value: Any) -> Predicate:
    # Each branch returns a small closure so evaluation is one call per node, no dispatch;
    # the answer is fetched once (`:=`), since this runs for every what-if candidate.
    if isinstance(value, Ref):
        other, order = value.question, _ORDER[op]
        return lambda a: (
            (x := a.get(question)) is not None
            and (y := a.get(other)) is not None
            and order(x, y)
        )
    if op == "answered":
        return lambda a: (a.get(question) is not None) is value
    if op == "eq":
        return lambda a: (x := a.get(question)) is not None and x == value
    if op == "ne":
        return lambda a: (x := a.get(question)) is not None and x != value
    if op in ("in", "not_in"):
        options = tuple(value)
        try:  # a set when every option is hashable: one lookup, not a scan
            members: frozenset[Any] | tuple[Any, ...] = frozenset(options)
        except TypeError:
            members = options
        if op == "in":
            return lambda a: (x := a.get(question)) is not None and x in members
        return lambda a: (x := a.get(question)) is not None and x not in members
    if op == "gte":
        return lambda a: (x := a.get(question)) is not None and x >= value
    if op == "gt":
        return lambda a: (x := a.get(question)) is not None and x > value
    if op == "lte":
        return lambda a: (x := a.get(question)) is not None and x <= value
    if op == "lt":
        return lambda a: (x := a.get(question)) is not None and x < value
    raise ConditionError(f"unknown operator {op}")  # pragma: no cover - parse() rejects it


def _both(first: Predicate, second: Predicate) -> Predicate:
    return lambda a: first(a) and second(a)


def _either(first: Predicate, second: Predicate) -> Predicate:
    return lambda a: first(a) or second(a)


def compile_condition(cond: Condition) -> Predicate:
    """Turn a parsed condition into a function of the answers."""
    if isinstance(cond, Compare):
        return _compare(cond.op, cond.question, cond.value)
    if isinstance(cond, AllOf | AnyOf):
        # Chained closures, not all()/any() over a generator: several times faster, and
        # short-circuiting the same way (left to right).
        # Long lists stay flat, so a rule pack's long list cannot nest calls deeply.
        parts = [compile_condition(c) for c in cond.items]
        if len(parts) > 8:
            flat = tuple(parts)
            if isinstance(cond, AllOf):
                return lambda a: all(p(a) for p in flat)
            return lambda a: any(p(a) for p in flat)
        join = _both if isinstance(cond, AllOf) else _either
        combined = parts[-1]
        for part in reversed(parts[:-1]):
            combined = join(part, combined)
        return combined
    if isinstance(cond, NotOf):
        inner = compile_condition(cond.item)
        return lambda a: not inner(a)
    return lambda a: True
