"""The scoring engine: which rules fire, the points they add up to, and the ranking.

An approach's points are the effects of the rules that fired: a rule outside a group counts
on its own; within a group of correlated needs (grounding, behaviour, accuracy, cost at volume,
...) only the strongest effect on each approach counts, so one need answered four ways is not
four votes. A score is the logistic of the points, 100 / (1 + exp(-points / 40)), so every
approach on every project is on the same 0-100 scale (0 points = 50). A blocked approach
scores 0 and ranks last; a deferred one (possible, but not now) ranks after every approach
that can be built now.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from llm_adapt.approaches import APPROACHES, Approach
from llm_adapt.rulebase import RuleBase

SCALE = 40.0

GroupPoints = tuple[Mapping[Approach, float], ...]


@dataclass(frozen=True)
class Evaluation:
    """Which rules fired, and their sums; what-if derives variants of this cheaply."""

    fired: tuple[bool, ...]
    points: Mapping[Approach, float]
    blocking: Mapping[Approach, int]  # how many fired rules block each approach
    deferring: Mapping[Approach, int]  # how many fired rules defer each approach
    group_points: GroupPoints  # what each need group contributes, per approach

    @property
    def blocked(self) -> frozenset[Approach]:
        return frozenset(a for a, n in self.blocking.items() if n > 0)

    @property
    def deferred(self) -> frozenset[Approach]:
        return frozenset(a for a, n in self.deferring.items() if n > 0 and self.blocking[a] == 0)


def applicable_answers(rulebase: RuleBase, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers to questions that can apply; others (say GPU size for an API) are ignored."""
    return {q: v for q, v in answers.items() if rulebase.applicable(q, answers)}


def strongest(values: Iterable[float]) -> float:
    """The effect of a group on one approach: the largest in size (ties: the positive one)."""
    return max(values, key=lambda v: (abs(v), v), default=0.0)


def _stronger(delta: float, current: float | None) -> bool:
    """Whether `delta` replaces `current` as a group's strongest effect (see `strongest`)."""
    return (
        current is None
        or abs(delta) > abs(current)
        or (abs(delta) == abs(current) and delta > current)
    )


def _group_points(
    rulebase: RuleBase, members: tuple[int, ...], fired: Any
) -> dict[Approach, float]:
    # The same as `strongest` over each approach's effects, without building lists: this runs
    # for every changed group of every what-if candidate.
    best: dict[Approach, float] = {}
    rules = rulebase.rules
    for index in members:
        if fired[index]:
            for approach, delta in rules[index].rule.effects.items():
                if _stronger(delta, best.get(approach)):
                    best[approach] = delta
    return best


def evaluate(rulebase: RuleBase, answers: Mapping[str, Any]) -> Evaluation:
    points = dict.fromkeys(APPROACHES, 0.0)
    blocking = dict.fromkeys(APPROACHES, 0)
    deferring = dict.fromkeys(APPROACHES, 0)
    fired = []
    for compiled in rulebase.rules:
        hit = compiled.predicate(answers)
        fired.append(hit)
        if hit:
            if compiled.group < 0:
                for approach, delta in compiled.rule.effects.items():
                    points[approach] += delta
            for approach in compiled.rule.blocks:
                blocking[approach] += 1
            if compiled.rule.defers is not None:
                for approach in compiled.rule.defers.approaches:
                    deferring[approach] += 1
    group_points = tuple(_group_points(rulebase, members, fired) for _, members in rulebase.groups)
    for contribution in group_points:
        for approach, delta in contribution.items():
            points[approach] += delta
    return Evaluation(tuple(fired), points, blocking, deferring, group_points)


def score(points: float) -> float:
    return round(100.0 / (1.0 + math.exp(-points / SCALE)), 1)


def rank(
    points: Mapping[Approach, float],
    blocked: frozenset[Approach],
    deferred: frozenset[Approach] = frozenset(),
) -> list[Approach]:
    """What can be built now by points, then deferred approaches, then blocked ones; a tie goes
    to the cheaper approach."""
    return sorted(
        APPROACHES,
        key=lambda a: (a in blocked, a in deferred, -level(points[a]), APPROACHES.index(a)),
    )


def level(points: float) -> float:
    """Points as ranking compares them: rounded far below any effect's size, so that sums
    of the same effects added in another order (what-if adds and takes away effects one by
    one: 0.1 + 3 - 3 is not 0.1) tie where they are equal."""
    return round(points, 9)


def top_after_change(
    rulebase: RuleBase,
    base: Evaluation,
    top: Approach,
    raw: Mapping[str, Any],
    before: Mapping[str, Any],
    question: str,
    value: Any,
) -> Approach:
    """The recommendation after one answer of `raw` changes, re-running only the rules that
    read that question or a question whose applicability the change switched on or off.

    `top` is the recommendation before the change and `before` is
    `applicable_answers(rulebase, raw)`, both computed once by the caller. A rule of a need
    group that changes makes the whole (small) group be recomputed, since only its strongest
    member counts. This is the hot loop of what-if, hence plain dict arithmetic, and most
    changes switch no rule at all: those return `top` before any sums are copied."""
    after = dict(before)
    after[question] = value
    touched = [question]
    dependents = rulebase.applies_reading.get(question, ())
    if dependents:
        changed = {**raw, question: value}
        for qid in dependents:
            if qid in changed and rulebase.applicable(qid, changed):
                after[qid] = changed[qid]
            else:
                after.pop(qid, None)
            if (qid in before) != (qid in after):
                touched.append(qid)
    indexes = (
        rulebase.rules_reading.get(question, ())
        if len(touched) == 1
        else sorted({i for q in touched for i in rulebase.rules_reading.get(q, ())})
    )
    flipped: dict[int, bool] = {}
    rules = rulebase.rules
    fired = base.fired
    for index in indexes:
        hit = rules[index].predicate(after)
        if hit != fired[index]:
            flipped[index] = hit
    if not flipped:
        return top
    points = dict(base.points)
    blocking = dict(base.blocking)
    deferring = dict(base.deferring)
    groups: set[int] = set()
    for index, hit in flipped.items():
        compiled = rules[index]
        sign = 1 if hit else -1
        rule = compiled.rule
        if compiled.group >= 0:
            groups.add(compiled.group)
        else:
            for approach, delta in rule.effects.items():
                points[approach] += sign * delta
        for approach in rule.blocks:
            blocking[approach] += sign
        if rule.defers is not None:
            for approach in rule.defers.approaches:
                deferring[approach] += sign
    if groups:
        overlay = _Overlay(fired, flipped)
        for group in groups:
            old = base.group_points[group]
            new = _group_points(rulebase, rulebase.groups[group][1], overlay)
            for approach in APPROACHES:
                points[approach] += new.get(approach, 0.0) - old.get(approach, 0.0)
    # rank(...)[0] without sorting: the best (not blocked, not deferred, most points, cheapest).
    best: Approach | None = None
    best_key: tuple[bool, bool, float] | None = None
    for approach in APPROACHES:
        is_blocked = blocking[approach] > 0
        key = (is_blocked, not is_blocked and deferring[approach] > 0, -level(points[approach]))
        if best_key is None or key < best_key:
            best, best_key = approach, key
    assert best is not None
    return best


Effects = tuple[tuple[Approach, float], ...]


@dataclass(frozen=True)
class _Reach:
    """The rules a change to one answer can switch on or off: those reading the question or
    a question whose applicability reads it (a superset of what `top_after_change` re-runs).

    `rules`: rule index, its effects (ungrouped rules only), what it blocks, what it defers.
    `groups`: for each need group with a member in reach, the members out of reach (index,
    effects), whose fired state the change keeps, and the effects of those in reach."""

    rules: tuple[tuple[int, Effects, tuple[Approach, ...], tuple[Approach, ...]], ...]
    groups: tuple[tuple[int, tuple[tuple[int, Effects], ...], Effects], ...]
    # The approaches some rule in reach blocks or defers, and the most the change can move
    # each approach's points, whatever the project: a first, cheap bound.
    stops: frozenset[Approach]
    swing: dict[Approach, float]
    # How many rules in reach block, and defer, each approach: one held back by more than
    # these stays held back.
    blockers: dict[Approach, int]
    deferrers: dict[Approach, int]
    # What float rounding can add to a sum of points (see `_slack`).
    slack: float


@lru_cache(maxsize=64)
def _slack(rulebase: RuleBase) -> float:
    """How far rounding can move a sum of points: `top_after_change` adds the effects one
    by one, the bounds below add them in another order (0.1 + 0.2 + 0.3 is not
    0.1 + (0.2 + 0.3)), and an exact tie decides the advice. Every partial sum is within a
    few times the total size of all effects, and each addition is off by at most 2**-53 of
    it, so 2**-30 of it covers millions of additions. Whole-number effects add up exactly
    and the slack is far below a point: the bounds skip as often as without it. The 1e-9 on
    top is `level`'s rounding, which makes points that close a tie."""
    total = sum(abs(delta) for compiled in rulebase.rules
                for delta in compiled.rule.effects.values())
    return total * 2.0**-30 + 1e-9


@lru_cache(maxsize=1024)
def _reach(rulebase: RuleBase, question: str) -> _Reach:
    read = (question, *rulebase.applies_reading.get(question, ()))
    indexes = sorted({i for q in read for i in rulebase.rules_reading.get(q, ())})
    entries = []
    groups: dict[int, list[int]] = {}
    for index in indexes:
        compiled = rulebase.rules[index]
        rule = compiled.rule
        if compiled.group >= 0:
            groups.setdefault(compiled.group, []).append(index)
        effects = () if compiled.group >= 0 else tuple(rule.effects.items())
        defers = rule.defers.approaches if rule.defers is not None else ()
        entries.append((index, effects, tuple(rule.blocks), tuple(defers)))
    spans = []
    for group, inside in sorted(groups.items()):
        members = rulebase.groups[group][1]
        outside = tuple((i, tuple(rulebase.rules[i].rule.effects.items()))
                        for i in members if i not in inside)
        reachable = tuple(item for i in inside for item in rulebase.rules[i].rule.effects.items())
        spans.append((group, outside, reachable))
    swing = dict.fromkeys(APPROACHES, 0.0)
    for _, effects, _, _ in entries:
        for approach, delta in effects:
            swing[approach] += abs(delta)  # a fired rule can stop firing, an unfired one start
    for _, outside, reachable in spans:
        # A group ends at 0 or at one of its members' effects, whichever were in reach.
        for approach in APPROACHES:
            values = [0.0, *(d for _, effects in outside for a, d in effects if a == approach),
                      *(d for a, d in reachable if a == approach)]
            swing[approach] += max(values) - min(values)
    stops = frozenset(a for _, _, blocks, defers in entries for a in (*blocks, *defers))
    blockers = {a: sum(a in blocks for _, _, blocks, _ in entries) for a in APPROACHES}
    deferrers = {a: sum(a in defers for _, _, _, defers in entries) for a in APPROACHES}
    return _Reach(tuple(entries), tuple(spans), stops, swing, blockers, deferrers,
                  _slack(rulebase))


def could_change(rulebase: RuleBase, base: Evaluation, top: Approach, question: str) -> bool:
    """False when no answer to `question` can change the recommendation `top`: a bound on
    each approach's points and on whether it can be blocked or deferred, from the rules the
    change can reach. Exact in the one direction that matters (it never says False wrongly;
    a test checks it against trying every answer); what-if skips such questions, which is
    most of its cost on a clear recommendation."""
    if base.blocking[top] or base.deferring[top]:
        return True  # a deferred recommendation loses to anything a change makes buildable
    reach = _reach(rulebase, question)
    if top not in reach.stops:
        # The cheap bound first: an approach held back by more rules than the reach has
        # stays held back, and each approach's points move by at most `swing`.
        points = base.points
        floor = points[top] - reach.swing[top] - reach.slack
        for approach in APPROACHES:
            if approach == top:
                continue
            if (base.blocking[approach] > reach.blockers[approach]
                    or base.deferring[approach] > reach.deferrers[approach]):
                continue
            if points[approach] + reach.swing[approach] >= floor:
                break
        else:
            return False
    low = dict(base.points)
    high = dict(base.points)
    unblockable = dict(base.blocking)  # the fewest blocking rules each approach can keep
    undeferrable = dict(base.deferring)
    fired = base.fired
    for index, effects, blocks, defers in reach.rules:
        hit = fired[index]
        for approach, delta in effects:
            # A fired rule can drop its effect, an unfired one can add it.
            if (delta > 0) == hit:
                low[approach] -= delta if hit else -delta
            else:
                high[approach] += delta if not hit else -delta
        if hit:
            for approach in blocks:
                unblockable[approach] -= 1
            for approach in defers:
                undeferrable[approach] -= 1
        elif top in blocks or top in defers:
            return True  # the change could block or defer the recommendation itself
    for group, outside, reachable in reach.groups:
        # A group counts its strongest fired member. The members out of reach keep theirs
        # (`kept`, 0 when none fired); those in reach can only add an effect at least as
        # strong, so the group ends at `kept` or at one of those.
        kept: dict[Approach, float] = {}
        for index, effects in outside:
            if fired[index]:
                for approach, delta in effects:
                    if _stronger(delta, kept.get(approach, 0.0)):
                        kept[approach] = delta
        smallest = dict(kept)
        largest = dict(kept)
        for approach, delta in reachable:
            now = kept.get(approach, 0.0)
            if abs(delta) >= abs(now):
                if delta < smallest.get(approach, 0.0):
                    smallest[approach] = delta
                elif delta > largest.get(approach, 0.0):
                    largest[approach] = delta
        current = base.group_points[group]
        for approach in APPROACHES:
            now = current.get(approach, 0.0)
            low[approach] += smallest.get(approach, 0.0) - now
            high[approach] += largest.get(approach, 0.0) - now
    floor = low[top] - reach.slack
    return any(
        approach != top
        and unblockable[approach] <= 0
        and undeferrable[approach] <= 0
        and high[approach] >= floor
        for approach in APPROACHES
    )


class _Overlay:
    """The base evaluation's fired flags with a few of them changed (no copy of the tuple)."""

    __slots__ = ("base", "changes")

    def __init__(self, base: tuple[bool, ...], changes: Mapping[int, bool]) -> None:
        self.base = base
        self.changes = changes

    def __getitem__(self, index: int) -> bool:
        return self.changes.get(index, self.base[index])
