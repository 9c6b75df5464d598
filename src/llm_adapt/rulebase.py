"""The rule base: sources, sections, questions, rules and playbooks, validated when loaded.

Built-in rules ship as package data (`llm_adapt/rules/*.yaml`); packs given with `--rules DIR`
are layered on top: an entry with an id that already exists replaces it, a new id is added.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from llm_adapt import conditions, reading, yamlio
from llm_adapt.approaches import Approach
from llm_adapt.errors import InputError, Location, Problem, RuleBaseError, printable
from llm_adapt.i18n import Lang
from llm_adapt.result import Citation
from llm_adapt.suggest import did_you_mean

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # pragma: no cover - Python 3.10
    from importlib.abc import Traversable

# A citation: a registry id or alias (a seed's file name), then optionally "§ section".
_SOURCE = re.compile(r"^(?P<ref>[A-Za-z0-9][\w.\-]*)(?:\s+§\s*(?P<section>.+))?$")
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    """A text in English and Chinese; both are required."""

    en: Annotated[str, Field(min_length=1)]
    zh: Annotated[str, Field(min_length=1)]

    def __call__(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en


class SourceTitle(_Strict):
    """A source's title in English and in its own language (the same text for English ones)."""

    en: Annotated[str, Field(min_length=1)]
    original: Annotated[str, Field(min_length=1)]


class SourceDoc(_Strict):
    """One entry of the source registry: what a reader needs to find the document."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9\-]*$")]
    aliases: tuple[str, ...] = ()  # the seed file names older rule packs cite
    title: SourceTitle
    publisher: str
    author: str | None = None
    date: str
    url: str | None = None  # a source without one may be listed, not cited
    translation_of: str | None = None
    note: str | None = None

    def title_in(self, lang: Lang) -> str:
        return self.title.original if lang == "zh" else self.title.en


class Section(_Strict):
    id: str
    title: Text


class Choice(_Strict):
    value: str
    text: Text


QuestionType = Literal["choice", "boolean", "integer", "number"]


class Question(_Strict):
    """One question of the questionnaire: drives the interview, validation and the schema."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    section: str
    type: QuestionType
    text: Text
    hint: Text
    help: Text
    choices: tuple[Choice, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: float | None = None
    optional: bool = False
    default: str | int | float | bool | None = None
    applies_when: dict[str, Any] | None = None
    sources: Annotated[tuple[str, ...], Field(min_length=1)]
    # A refinement is an optional detail added after format 1 was fixed: left unanswered it
    # neither lowers confidence nor is listed, unless answering it could change the advice.
    refinement: bool = False
    # Something a team can change or measure (labels, a baseline): what-if lists these first.
    actionable: bool = False

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        bounds = {"minimum": self.minimum, "maximum": self.maximum,
                  "exclusive_minimum": self.exclusive_minimum}
        for name, bound in bounds.items():
            if bound is not None and not conditions.finite_number(bound):
                raise ValueError(f"{name} must be a finite number (at most 10^15), not {bound!r}")
        low = self.minimum if self.minimum is not None else self.exclusive_minimum
        if low is not None and self.maximum is not None and low > self.maximum:
            raise ValueError(f"the minimum {low:g} is above the maximum {self.maximum:g}")
        if self.exclusive_minimum is not None and self.maximum is not None and (
            self.exclusive_minimum >= self.maximum
        ):
            raise ValueError(f"exclusive_minimum {self.exclusive_minimum:g} leaves no value up "
                             f"to the maximum {self.maximum:g}")
        seen: set[str] = set()
        for value in self.values:
            if value in seen:
                raise ValueError(f"the choice {value!r} is listed twice")
            seen.add(value)
        if self.choices and self.type != "choice":
            raise ValueError(f"a {self.type} question has no choices")
        if self.default is not None:
            problem = self._default_problem(self.default)
            if problem:
                raise ValueError(f"default {self.default!r} {problem}")
        return self

    def _default_problem(self, value: Any) -> str:
        """Why a default is not a possible answer to this question ("" when it is one)."""
        if self.type == "choice":
            ok = isinstance(value, str) and value in self.values
            return "" if ok else f"is not one of {', '.join(self.values)}"
        if self.type == "boolean":
            return "" if isinstance(value, bool) else "is not true or false"
        if not conditions.finite_number(value) or (
            self.type == "integer" and isinstance(value, float) and not value.is_integer()
        ):
            return f"is not {'a whole number' if self.type == 'integer' else 'a number'}"
        if (self.minimum is not None and value < self.minimum) or (
            self.maximum is not None and value > self.maximum
        ) or (self.exclusive_minimum is not None and value <= self.exclusive_minimum):
            return "is out of the question's range"
        return ""


RuleKind = Literal["need", "feasibility", "evidence"]


class Defer(_Strict):
    """Approaches that cannot be the advice now but may be a later stage, and when."""

    approaches: Annotated[tuple[Approach, ...], Field(min_length=1)]
    # The condition that moves to the deferred approach ("if the measured baseline stays under
    # {target_accuracy}"); {question_id} is replaced by that answer.
    condition: Text


class Rule(_Strict):
    """A rule: when its condition holds, it moves the approaches' scores and may block some.

    The kind says what a rule may do. A `need` (what the project requires and an approach
    supplies) is the only kind that earns positive points; rules sharing a `group` are
    correlated and count once (the strongest effect per approach). A `feasibility` rule (can it be
    done now) may only block, defer or discount. An `evidence` rule (what was measured) may
    defer or boost. A rule either cites sources or is marked as this tool's own heuristic."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")]
    kind: RuleKind | None = None  # inferred for older packs: blocking or deferring = feasibility
    group: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")] | None = None
    when: dict[str, Any]
    question: str | None = None  # the answer a report shows; default: the first one read
    effects: dict[Approach, float] = {}
    blocks: tuple[Approach, ...] = ()
    unblock: Text | None = None  # what would make a blocked approach possible
    defers: Defer | None = None
    rationale: Text
    sources: tuple[str, ...] = ()
    heuristic: bool = False
    next_step: Text | None = None
    step_for: tuple[Approach, ...] = ()  # only when one of these is recommended; empty = always
    step_priority: int = 50

    @field_validator("effects")
    @classmethod
    def _effects_finite(cls, value: dict[Approach, float]) -> dict[Approach, float]:
        for approach, points in value.items():
            if not -100 <= points <= 100:
                raise ValueError(f"effect on {approach.value} must lie within -100..100")
        return value

    @model_validator(mode="after")
    def _kind_rules(self) -> Rule:
        kind = self.kind or ("feasibility" if self.blocks or self.defers else "need")
        object.__setattr__(self, "kind", kind)
        if self.heuristic and self.sources:
            raise ValueError("a heuristic rule is the tool's own reasoning: it cites no sources")
        if not self.heuristic and not self.sources:
            raise ValueError("sources: Field required (or mark the rule heuristic: true)")
        if kind != "feasibility" and self.blocks:
            raise ValueError(f"a {kind} rule cannot block; only a feasibility rule can")
        if kind == "need" and self.defers:
            raise ValueError("a need rule cannot defer; only feasibility and evidence rules can")
        if self.group is not None and kind == "evidence":
            raise ValueError("evidence rules are not grouped; needs and feasibility rules are")
        if kind == "feasibility":
            for approach, points in self.effects.items():
                if points > 0:
                    raise ValueError(
                        f"a feasibility rule may only block, defer or discount, but it gives "
                        f"{approach.value} {points:+g} points (positive points come from needs)"
                    )
        return self

    @property
    def rule_kind(self) -> RuleKind:
        assert self.kind is not None  # set by the validator
        return self.kind


class Step(Text):
    """A playbook step; with `when`, only for projects whose answers meet that condition."""

    when: dict[str, Any] | None = None


class Playbook(_Strict):
    """The concrete steps for carrying out one approach once it is chosen."""

    approach: Approach
    steps: Annotated[tuple[Step, ...], Field(min_length=1)]
    sources: Annotated[tuple[str, ...], Field(min_length=1)]


class RuleFile(_Strict):
    """What one YAML file of the rule base may hold."""

    sources: tuple[SourceDoc, ...] = ()
    sections: tuple[Section, ...] = ()
    questions: tuple[Question, ...] = ()
    rules: tuple[Rule, ...] = ()
    playbooks: tuple[Playbook, ...] = ()


@dataclass(frozen=True)
class CompiledRule:
    """A rule with its condition compiled once, and the questions it reads."""

    rule: Rule
    predicate: conditions.Predicate
    reads: frozenset[str]
    primary: str | None
    comparisons: tuple[conditions.Compare, ...]
    group: int  # index into RuleBase.groups, or -1 for a rule that counts on its own


@dataclass(eq=False)  # compared and hashed by identity: derived tables are cached per object
class RuleBase:
    """The loaded, validated and compiled rule base."""

    sources: dict[str, SourceDoc]
    sections: dict[str, Section]
    questions: dict[str, Question]
    rules: list[CompiledRule]
    playbooks: dict[Approach, Playbook]
    # need groups: name, and the indexes of the rules in each
    groups: tuple[tuple[str, tuple[int, ...]], ...] = ()
    # playbook steps' conditions, compiled, by (approach, step index)
    step_conditions: dict[tuple[Approach, int], conditions.Predicate] = field(
        default_factory=dict
    )
    aliases: dict[str, str] = field(default_factory=dict)  # alias -> source id
    # questions whose `applies_when` only asks whether other questions were answered
    applies_on_answered: frozenset[str] = frozenset()
    # question -> (its applies_when compiled, the questions that condition reads)
    applies: dict[str, tuple[conditions.Predicate, frozenset[str]]] = field(default_factory=dict)
    rules_reading: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # question -> the questions whose `applies_when` reads it
    applies_reading: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # A hash of every rule file's text (built-in and packs, in load order): two rule bases
    # with the same fingerprint give the same advice; reports record it (see `fingerprint`).
    fingerprint: str = ""

    def applicable(self, question: str, answers: conditions.Answers) -> bool:
        """Whether a question can apply given the other answers (the rule base says when).

        While a question its condition reads is unanswered, nobody knows: it may apply."""
        entry = self.applies.get(question)
        if entry is None:
            return True
        check, reads = entry
        if question in self.applies_on_answered:
            return check(answers)  # whether an answer was given is known now
        if any(answers.get(read) is None for read in reads):
            return True
        return check(answers)

    def source(self, ref: str) -> SourceDoc | None:
        """The registry entry a citation's first word names (an id or an alias)."""
        ident = self.aliases.get(ref, ref)
        return self.sources.get(ident)

    def citation(self, cited: str, lang: Lang = "en") -> Citation:
        """Resolve one citation string ("<id or alias> §section"); the loader checked it.

        Resolved once per rule base and language: reports build thousands of them."""
        return _citation(self, cited, lang)

    def steps_for(self, approach: Approach, answers: conditions.Answers, lang: Lang) -> list[str]:
        """A playbook's steps that fit the project (a step's condition false = not this one)."""
        book = self.playbooks.get(approach)
        if book is None:
            return []
        out = []
        for index, step in enumerate(book.steps):
            check = self.step_conditions.get((approach, index))
            if check is None or check(answers):
                out.append(step(lang))
        return out


@lru_cache(maxsize=4096)
def _citation(rulebase: RuleBase, cited: str, lang: Lang) -> Citation:
    match = _SOURCE.match(cited.strip())
    assert match is not None
    doc = rulebase.source(match["ref"])
    assert doc is not None
    return Citation(id=doc.id, title=doc.title_in(lang), url=doc.url, section=match["section"])


def _builtin_dir() -> Traversable:
    return files("llm_adapt") / "rules"


def _rule_files(directory: Traversable) -> list[Traversable]:
    entries = [e for e in directory.iterdir() if e.name.endswith((".yaml", ".yml"))]
    return sorted(entries, key=lambda e: e.name)


def _display(entry: Traversable, builtin: bool) -> str:
    return f"rules/{entry.name}" if builtin else str(entry)


def _pydantic_problems(
    exc: ValidationError, data: Any, marks: yamlio.Marks, filename: str
) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        where = yamlio.locate(marks, filename, loc)
        label = _entry_label(data, loc)
        msg = err["msg"].removeprefix("Value error, ")
        path = ".".join(str(p) for p in loc)
        problems.append(Problem(where, f"{label}{path}: {msg}"))
    return problems


def _entry_label(data: Any, loc: tuple[Any, ...]) -> str:
    """'rule knowledge.essential: ' for errors inside a rule, so the id is named."""
    if len(loc) >= 2 and isinstance(data, dict) and isinstance(loc[1], int):
        group = data.get(loc[0])
        if isinstance(group, list) and loc[1] < len(group) and isinstance(group[loc[1]], dict):
            entry_id = group[loc[1]].get("id") or group[loc[1]].get("approach")
            kind = str(loc[0]).rstrip("s")
            if entry_id:
                return f"{kind} '{entry_id}': "
    return ""


# Rule-pack text reaches terminals, reports and CI logs: no control characters (newlines and
# tabs aside, which every renderer folds into spaces), no bidirectional overrides.
_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _text_problems(data: Any, marks: yamlio.Marks, filename: str) -> list[Problem]:
    """Every string of a rule file (keys too) holding a character no output may show raw."""
    problems: list[Problem] = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while stack:
        item, path = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                stack.append((key, path))
                stack.append((value, (*path, key)))
        elif isinstance(item, list):
            stack.extend((value, (*path, i)) for i, value in enumerate(item))
        elif isinstance(item, str) and (found := _NOT_TEXT.search(item)):
            where = ".".join(str(p) for p in path) or "a key"
            problems.append(Problem(yamlio.locate(marks, filename, path),
                                    f"{where}: the control character "
                                    f"{printable(found.group())} is not allowed"))
    problems.sort(key=lambda p: (p.location.line or 0, p.location.column or 0))
    return problems


_ENTRY_KEYS = {"sources": "file", "sections": "id", "questions": "id", "rules": "id",
               "playbooks": "approach"}


def _duplicate_ids(data: dict[str, Any], marks: yamlio.Marks, filename: str) -> list[Problem]:
    """Two entries of one kind with the same id in one file: the second would silently win."""
    problems = []
    for group, key in _ENTRY_KEYS.items():
        entries = data.get(group)
        if not isinstance(entries, list):
            continue
        seen: dict[Any, int] = {}
        for index, entry in enumerate(entries):
            ident = entry.get(key) if isinstance(entry, dict) else None
            if not isinstance(ident, str):
                continue
            if ident in seen:
                kind = group.rstrip("s")
                first = yamlio.locate(marks, filename, (group, seen[ident]))
                problems.append(Problem(yamlio.locate(marks, filename, (group, index)),
                                        f"{kind} {ident!r} is defined twice in this file "
                                        f"(first at line {first.line})"))
            else:
                seen[ident] = index
    return problems


def _read_text(entry: Traversable, filename: str) -> str:
    try:
        if isinstance(entry, Path):  # a pack on disk: read within the size limit
            return reading.read_text(entry, filename)
        return entry.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(Location(filename), f"cannot read rule file: {exc}")]) from exc


def _read(entry: Traversable, filename: str) -> tuple[RuleFile, yamlio.Marks]:
    return _parse(_read_text(entry, filename), filename)


def _parse(text: str, filename: str) -> tuple[RuleFile, yamlio.Marks]:
    # Each question and rule keeps its position (the second level, which the load records);
    # a deeper one is found if a message needs it.
    data, marks = yamlio.load(text, filename)
    if data is None:
        return RuleFile(), marks
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a {type(data).__name__}"
        raise InputError([Problem(
            yamlio.locate(marks, filename, ()),
            f"a rule file must be a mapping of {', '.join(_ENTRY_KEYS)}, not {kind}",
        )])
    problems = _text_problems(data, marks, filename) + _duplicate_ids(data, marks, filename)
    if problems:
        raise InputError(problems)
    try:
        return RuleFile.model_validate(data), marks
    except ValidationError as exc:
        raise InputError(_pydantic_problems(exc, data, marks, filename)) from exc


def _where(marks: yamlio.Marks, filename: str, group: str, index: int) -> Location:
    return yamlio.locate(marks, filename, (group, index))


class _Builder:
    """Accumulates rule files in order, then validates the whole and compiles it."""

    def __init__(self) -> None:
        self.sources: dict[str, SourceDoc] = {}
        self.aliases: dict[str, str] = {}
        self.sections: dict[str, Section] = {}
        self.questions: dict[str, tuple[Question, Location]] = {}
        self.rules: dict[str, tuple[Rule, Location]] = {}
        self.playbooks: dict[Approach, tuple[Playbook, Location]] = {}

    def add(self, content: RuleFile, marks: yamlio.Marks, filename: str) -> None:
        for doc in content.sources:
            self.sources[doc.id] = doc
            for alias in doc.aliases:
                self.aliases[alias] = doc.id
        for section in content.sections:
            self.sections[section.id] = section
        for i, question in enumerate(content.questions):
            self.questions[question.id] = (question, _where(marks, filename, "questions", i))
        for i, rule in enumerate(content.rules):
            self.rules[rule.id] = (rule, _where(marks, filename, "rules", i))
        for i, book in enumerate(content.playbooks):
            self.playbooks[book.approach] = (book, _where(marks, filename, "playbooks", i))

    def _check_sources(
        self, kind: str, ident: str, cited: Iterable[str], where: Location
    ) -> list[Problem]:
        problems = []
        for source in cited:
            match = _SOURCE.match(source.strip())
            if not match:
                problems.append(
                    Problem(
                        where,
                        f"{kind} '{ident}': source {source!r} must read "
                        "'<source id> §section' (an id of the source registry, or a seed "
                        "file name)",
                    )
                )
                continue
            ref = match["ref"]
            doc = self.sources.get(self.aliases.get(ref, ref))
            if doc is None:
                hint = did_you_mean(ref, [*self.sources, *self.aliases])
                problems.append(
                    Problem(
                        where,
                        f"{kind} '{ident}': source {ref!r} is not a known source document "
                        f"(not in the source registry){hint}",
                    )
                )
            elif not doc.url:
                problems.append(
                    Problem(
                        where,
                        f"{kind} '{ident}': source {ref!r} has no URL a reader could follow; "
                        "cite the document it summarises instead",
                    )
                )
        return problems

    def _check_condition(
        self, kind: str, ident: str, raw: dict[str, Any], where: Location
    ) -> tuple[conditions.Condition | None, list[Problem]]:
        try:
            cond = conditions.parse(raw)
        except conditions.ConditionError as exc:
            return None, [Problem(where, f"{kind} '{ident}': condition: {exc}")]
        problems = []
        for comp in conditions.comparisons_of(cond):
            for qid in (comp.question, *([comp.value.question]
                                         if isinstance(comp.value, conditions.Ref) else [])):
                if qid not in self.questions:
                    hint = did_you_mean(qid, self.questions)
                    problems.append(
                        Problem(
                            where,
                            f"{kind} '{ident}': condition reads unknown question '{qid}'{hint}",
                        )
                    )
            if comp.question not in self.questions:
                continue
            other = (self.questions.get(comp.value.question)
                     if isinstance(comp.value, conditions.Ref) else None)
            problems.extend(_check_operand(kind, ident, self.questions[comp.question][0], comp,
                                           where, other[0] if other else None))
        return cond, problems

    def build(self) -> RuleBase:
        problems: list[Problem] = []
        compiled: list[CompiledRule] = []
        applies: dict[str, tuple[conditions.Predicate, frozenset[str]]] = {}
        applies_reading: dict[str, list[str]] = {}
        on_answered: set[str] = set()
        for qid, (question, where) in self.questions.items():
            problems += self._check_sources("question", qid, question.sources, where)
            if question.section not in self.sections:
                problems.append(
                    Problem(
                        where,
                        f"question '{qid}': unknown section "
                        f"'{question.section}'{did_you_mean(question.section, self.sections)}",
                    )
                )
            if question.type == "choice" and not question.choices:
                problems.append(
                    Problem(where, f"question '{qid}': a choice question needs choices")
                )
            if question.applies_when is not None:
                cond, found = self._check_condition("question", qid, question.applies_when, where)
                problems += found
                if cond is not None:
                    reads = conditions.questions_of(cond)
                    applies[qid] = (conditions.compile_condition(cond), reads)
                    if all(c.op == "answered" for c in conditions.comparisons_of(cond)):
                        on_answered.add(qid)
                    for read in sorted(reads):
                        applies_reading.setdefault(read, []).append(qid)
        group_names: list[str] = []
        for rid, (rule, where) in self.rules.items():
            problems += self._check_sources("rule", rid, rule.sources, where)
            if (
                not rule.effects
                and not rule.blocks
                and rule.defers is None
                and rule.next_step is None
            ):
                problems.append(
                    Problem(where, f"rule '{rid}': has no effects, blocks, defers or next_step")
                )
            if rule.defers is not None:
                for text in (rule.defers.condition.en, rule.defers.condition.zh):
                    for name in PLACEHOLDER.findall(text):
                        if name not in self.questions:
                            problems.append(
                                Problem(
                                    where,
                                    f"rule '{rid}': defers.condition names unknown question "
                                    f"'{name}'{did_you_mean(name, self.questions)}",
                                )
                            )
            cond, found = self._check_condition("rule", rid, rule.when, where)
            problems += found
            if cond is None:
                continue
            comps = tuple(conditions.comparisons_of(cond))
            if rule.question is not None and rule.question not in conditions.questions_of(cond):
                problems.append(
                    Problem(
                        where,
                        f"rule '{rid}': question '{rule.question}' is not read by its condition",
                    )
                )
            group = -1
            if rule.group is not None:
                if rule.group not in group_names:
                    group_names.append(rule.group)
                group = group_names.index(rule.group)
            compiled.append(
                CompiledRule(
                    rule=rule,
                    predicate=conditions.compile_condition(cond),
                    reads=conditions.questions_of(cond),
                    primary=rule.question or (comps[0].question if comps else None),
                    comparisons=comps,
                    group=group,
                )
            )
        step_conditions: dict[tuple[Approach, int], conditions.Predicate] = {}
        for approach, (book, where) in self.playbooks.items():
            problems += self._check_sources("playbook", approach.value, book.sources, where)
            for index, step in enumerate(book.steps):
                if step.when is None:
                    continue
                cond, found = self._check_condition(
                    "playbook", f"{approach.value} step {index + 1}", step.when, where
                )
                problems += found
                if cond is not None:
                    step_conditions[(approach, index)] = conditions.compile_condition(cond)
        if problems:
            raise RuleBaseError("invalid rule base:\n" + "\n".join(str(p) for p in problems))
        reading: dict[str, list[int]] = {}
        for index, entry in enumerate(compiled):
            for qid in entry.reads:
                reading.setdefault(qid, []).append(index)
        groups = tuple(
            (name, tuple(i for i, c in enumerate(compiled) if c.group == g))
            for g, name in enumerate(group_names)
        )
        return RuleBase(
            sources=dict(self.sources),
            sections=dict(self.sections),
            questions={qid: q for qid, (q, _) in self.questions.items()},
            rules=compiled,
            playbooks={a: b for a, (b, _) in self.playbooks.items()},
            applies=applies,
            rules_reading={q: tuple(ix) for q, ix in reading.items()},
            applies_reading={q: tuple(qs) for q, qs in applies_reading.items()},
            groups=groups,
            step_conditions=step_conditions,
            aliases=dict(self.aliases),
            applies_on_answered=frozenset(on_answered),
        )


_NUMBER_TYPES = ("integer", "number")


def _check_operand(
    kind: str,
    ident: str,
    question: Question,
    comp: conditions.Compare,
    where: Location,
    other: Question | None = None,
) -> list[Problem]:
    """A comparison's value must be a possible answer of the question it reads; an order
    comparison (gte, ...) reads a number question, and compares it with a number or with
    another number question."""
    if comp.op == "answered":
        return []
    label = f"{kind} '{ident}'"
    if comp.op in conditions.NUMERIC and question.type not in _NUMBER_TYPES:
        return [Problem(where, f"{label}: '{comp.op}' cannot compare the {question.type} "
                               f"question '{question.id}'")]
    if isinstance(comp.value, conditions.Ref):
        if other is not None and other.type not in _NUMBER_TYPES:
            return [Problem(where, f"{label}: '{comp.op}' compares '{question.id}' with "
                                   f"'{other.id}', a {other.type} question, not a number")]
        return []
    values = comp.value if comp.op in ("in", "not_in") else [comp.value]
    problems = []
    for value in values:
        ok = True
        if question.type == "choice":
            ok = isinstance(value, str) and value in question.values
        elif question.type == "boolean":
            ok = isinstance(value, bool)
        else:
            ok = conditions.finite_number(value)
        if not ok:
            allowed = ", ".join(question.values) if question.type == "choice" else question.type
            hint = (did_you_mean(str(value), question.values)
                    if question.type == "choice" and isinstance(value, str) else "")
            shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "…"
            problems.append(
                Problem(
                    where,
                    f"{label}: {shown} is not a possible "
                    f"answer to '{question.id}' ({allowed}){hint}",
                )
            )
    return problems


def load_rulebase(packs: Sequence[Path] = ()) -> RuleBase:
    """Load the built-in rule base with packs layered over it (cached per list of packs)."""
    return _load(tuple(Path(p).resolve() for p in packs))


def fingerprint(files: Iterable[tuple[str, str]]) -> str:
    """A stable hash of rule files given as (name, text) in load order: each file's name (a
    built-in file's, or a pack's file name with its place among the packs, never an absolute
    path, so the same pack gives the same hash on every machine) and its exact text."""
    digest = hashlib.sha256()
    for name, text in files:
        for part in (name, text):
            data = part.encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "big") + data)  # unambiguous concatenation
    return "sha256:" + digest.hexdigest()[:16]


@lru_cache(maxsize=8)
def _load(packs: tuple[Path, ...]) -> RuleBase:
    builder = _Builder()
    hashed: list[tuple[str, str]] = []
    for entry in _rule_files(_builtin_dir()):
        name = _display(entry, builtin=True)
        text = _read_text(entry, name)
        hashed.append((name, text))
        content, marks = _parse(text, name)
        builder.add(content, marks, name)
    for number, pack in enumerate(packs, start=1):
        if not pack.is_dir():
            raise RuleBaseError(f"{pack}: a rule pack must be a directory of YAML files")
        try:
            entries = _rule_files(pack)
        except OSError as exc:
            raise RuleBaseError(f"{pack}: cannot read the rule pack: {exc.strerror}") from None
        for path in entries:
            text = _read_text(path, str(path))
            hashed.append((f"pack {number}/{path.name}", text))
            content, marks = _parse(text, str(path))
            builder.add(content, marks, str(path))
    rulebase = builder.build()
    rulebase.fingerprint = fingerprint(hashed)
    return rulebase
