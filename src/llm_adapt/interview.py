"""The interview's state, independent of any terminal: what to ask next, and what typed text means.

The steps are the project's name, its description, then the rule base's questions in order.
A question is asked only when the rule base says it can apply to the answers so far.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from llm_adapt import yamlio
from llm_adapt.answers import MAX_NUMBER, check_answer, number_text, parse_text, value_text
from llm_adapt.approaches import Approach
from llm_adapt.errors import InputError
from llm_adapt.i18n import DEFAULT_LANG, Lang, message
from llm_adapt.project import PROJECT_NAME_MAX, ProjectFile, load_text, ordered_answers
from llm_adapt.rulebase import Question, RuleBase
from llm_adapt.scoring import unanswered_questions
from llm_adapt.suggest import did_you_mean

PROJECT = "@project"
DESCRIPTION = "@description"
HEADER_STEPS = (PROJECT, DESCRIPTION)

HELP, SKIP, BACK = "?", "-", "<"


class Kind(Enum):
    """What a line typed at the prompt did."""

    ANSWERED = "answered"
    KEPT = "kept"  # Enter on a question that already had an answer
    SKIPPED = "skipped"
    BACK = "back"
    HELP = "help"
    INVALID = "invalid"


@dataclass(frozen=True)
class Outcome:
    kind: Kind
    reason: str = ""


def expected_text(question: Question, lang: Lang) -> str:
    """What a number or boolean question accepts, in words (choices are listed instead)."""
    if question.type == "boolean":
        return message("interview.boolean_values", lang)
    whole = question.type == "integer"
    kind = message("interview.integer_any" if whole else "interview.number_any", lang)
    high = question.maximum
    low: float | None = question.minimum
    key = "at_least"
    if question.exclusive_minimum is not None:
        low, key = question.exclusive_minimum, "above"
    if low is not None and high is not None and key == "at_least":
        return message(
            "interview.between", lang, kind=kind, low=number_text(low), high=number_text(high)
        )
    if low is not None:
        text = message(f"interview.{key}", lang, kind=kind, low=number_text(low))
        if high is None:
            return text
        return message("interview.and_at_most", lang, text=text, high=number_text(high))
    if high is not None:
        return message("interview.at_most", lang, kind=kind, high=number_text(high))
    return kind


# Yes and no in the interview's other language (the files keep true and false).
_BOOLEAN_WORDS = {"是": "yes", "否": "no"}


def _choice(question: Question, typed: str, lang: Lang) -> tuple[Any, str | None]:
    """A choice by its number, its word, or the start of its word (`ess` for essential);
    spaces and hyphens may stand for underscores (`api only`)."""
    values = question.values
    if typed.isdecimal():
        # A number of choices, never thousands of digits (int() refuses over 4,300).
        index = int(typed) if len(typed) <= 9 else 0
        if 1 <= index <= len(values):
            return values[index - 1], None
        return None, message("interview.choice_range", lang, text=_short(typed), count=len(values))
    word = re.sub(r"[\s-]+", "_", typed.lower())
    value, error = check_answer(question, word)
    if error is None:
        return value, None
    starting = [v for v in values if v.startswith(word)]
    if len(starting) == 1:
        return starting[0], None
    if starting:
        return None, message(
            "interview.choice_ambiguous", lang, text=_short(typed), values=", ".join(starting)
        )
    return None, message(
        "interview.choice_unknown",
        lang,
        text=_short(typed),
        values=", ".join(values),
        hint=did_you_mean(typed.lower(), values, lang),
    )


def _short(typed: str, limit: int = 40) -> str:
    """What was typed, as a message quotes it: a pasted wall of digits is cut."""
    return typed if len(typed) <= limit else typed[:limit] + "…"


def interpret(question: Question, text: str, lang: Lang) -> tuple[Any, str | None]:
    """The value typed for a question, or why it is not accepted (the project file's checks)."""
    typed = text.strip()
    if question.type == "choice":
        return _choice(question, typed, lang)
    if question.type == "boolean":
        word = _BOOLEAN_WORDS.get(typed, typed)
        value, error = check_answer(question, parse_text(question, word))
        if error is None:
            return value, None
        return None, message("interview.not_boolean", lang, text=_short(typed))
    parsed = parse_text(question, typed, typed=True)
    value, error = check_answer(question, parsed)
    if error is None:
        return value, None
    whole = question.type == "integer"
    kind = message("interview.integer_any" if whole else "interview.number_any", lang)
    is_number = isinstance(parsed, int | float) and not isinstance(parsed, bool)
    if is_number and abs(parsed) > MAX_NUMBER:
        return None, message("interview.out_of_range", lang, text=_short(typed),
                             expected=expected_text(question, lang))
    is_number = is_number and math.isfinite(parsed)
    if not is_number or (whole and not float(parsed).is_integer()):
        return None, message("interview.not_number", lang, text=_short(typed), kind=kind)
    expected = expected_text(question, lang)
    return None, message("interview.out_of_range", lang, text=_short(typed), expected=expected)


@dataclass
class Interview:
    """Where an interview stands: the answers so far, what was asked, and what comes next."""

    rulebase: RuleBase
    lang: Lang = "en"
    name: str | None = None
    description: str | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    owner: str | None = None
    planned_approach: Approach | None = None
    justification: str | None = None
    # Questions skipped on purpose: not asked again, and saved (`skipped:`) for --resume.
    skipped: set[str] = field(default_factory=set)
    # Whether the saved file names its language even when it is the default (it did).
    keep_lang: bool = False
    history: list[str] = field(default_factory=list)
    done_steps: set[str] = field(default_factory=set)
    current: str | None = None

    @classmethod
    def start(cls, rulebase: RuleBase, lang: Lang = "en") -> Interview:
        interview = cls(rulebase, lang)
        interview.current = interview.next_step()
        return interview

    @classmethod
    def resume(
        cls,
        rulebase: RuleBase,
        project: ProjectFile,
        lang: Lang = "en",
        *,
        ask_skipped: bool = False,
        again: Iterable[str] = (),
    ) -> Interview:
        """Continue a saved (or hand-written) project at its first unanswered question that
        was not skipped (with `ask_skipped`, skipped ones are asked too; questions in `again`,
        whose saved answers were invalid, are asked whatever the file says)."""
        skipped = set() if ask_skipped else set(project.skipped) - set(again)
        interview = cls(
            rulebase,
            lang,
            name=project.project,
            description=project.description,
            answers=dict(project.answers),
            owner=project.owner,
            planned_approach=project.planned_approach,
            justification=project.justification,
            skipped={qid for qid in skipped if qid not in project.answers},
            keep_lang=project.lang is not None,
            done_steps=set(HEADER_STEPS),
        )
        interview.current = interview.next_step()
        # Earlier answers (and skips) were given in an earlier session; `<` may still reach them.
        for qid in rulebase.questions:
            if qid == interview.current:
                break
            given = qid in interview.answers or qid in interview.skipped
            if given and rulebase.applicable(qid, interview.answers):
                interview.history.append(qid)
        return interview

    # --- what to ask ---------------------------------------------------------------------

    def next_step(self) -> str | None:
        """The first step not yet done: name, description, then unanswered applicable questions."""
        for step in HEADER_STEPS:
            if step not in self.done_steps:
                return step
        for qid in self.rulebase.questions:
            if qid in self.answers or qid in self.skipped:
                continue
            if self.rulebase.applicable(qid, self.answers):
                return qid
        return None

    @property
    def finished(self) -> bool:
        return self.current is None

    def position(self, qid: str) -> tuple[int, int]:
        """1-based place of a question in the questionnaire, and how many there are."""
        order = list(self.rulebase.questions)
        return order.index(qid) + 1, len(order)

    def remaining(self) -> int:
        """Applicable questions still to ask: unanswered and not skipped."""
        unanswered = unanswered_questions(self.rulebase, self.answers)
        return len([qid for qid in unanswered if qid not in self.skipped])

    def skipped_unanswered(self) -> list[str]:
        """The questions skipped and still unanswered, in questionnaire order."""
        return [q for q in self.rulebase.questions if q in self.skipped and q not in self.answers]

    def current_value(self) -> Any:
        """The answer the current step already has (shown, and kept on Enter), if any."""
        if self.current == PROJECT:
            return self.name
        if self.current == DESCRIPTION:
            return self.description
        return self.answers.get(self.current or "")

    # --- typed text ----------------------------------------------------------------------

    def submit(self, text: str) -> Outcome:
        """Apply one line typed (or a block pasted) at the prompt to the current step.

        Whatever it leaves is a file the loader accepts: an answer that would make the saved
        file invalid (a control character in a name) is refused here, and nothing changes."""
        if self.current is None:
            raise RuntimeError("the interview is finished")
        lines = [line.rstrip() for line in text.strip().split("\n")]
        if len(lines) > 1 and self.current != DESCRIPTION:
            # A pasted block is one answer: it must not spill into the questions after this.
            several = message("interview.several_lines", self.lang, count=len(lines))
            return Outcome(Kind.INVALID, several)
        snapshot = self._snapshot()
        outcome = self._apply("\n".join(lines))
        if outcome.kind in (Kind.ANSWERED, Kind.SKIPPED) and self.name is not None:
            refused = self._refused_by_loader()
            if refused:
                self._restore(snapshot)
                return Outcome(Kind.INVALID, refused)
        return outcome

    def _snapshot(self) -> dict[str, Any]:
        return {
            "name": self.name, "description": self.description, "answers": dict(self.answers),
            "skipped": set(self.skipped), "history": list(self.history),
            "done_steps": set(self.done_steps), "current": self.current,
        }

    def _restore(self, snapshot: dict[str, Any]) -> None:
        for key, value in snapshot.items():
            setattr(self, key, value)

    def _refused_by_loader(self) -> str | None:
        """Why the file this interview would save does not load, if it does not."""
        data = self.project_file("answers").to_data()
        try:
            load_text(yamlio.dump(data), self.rulebase, file="answers")
        except InputError as exc:
            return exc.problems[0].message
        return None

    def _apply(self, typed: str) -> Outcome:
        assert self.current is not None
        typed = typed.strip()
        if typed == HELP:
            return Outcome(Kind.HELP)
        if typed == BACK:
            return self._back()
        if self.current == PROJECT:
            return self._name(typed)
        if self.current == DESCRIPTION:
            return self._description(typed)
        return self._answer(self.current, typed)

    def _advance(self) -> None:
        assert self.current is not None
        self.history.append(self.current)
        self.done_steps.add(self.current)
        self.current = self.next_step()

    def _back(self) -> Outcome:
        while self.history:
            step = self.history.pop()
            # An answer changed since may have made this question moot; go past it.
            if step in HEADER_STEPS or self.rulebase.applicable(step, self.answers):
                self.current = step
                return Outcome(Kind.BACK)
        return Outcome(Kind.INVALID, message("interview.first_question", self.lang))

    def _name(self, typed: str) -> Outcome:
        if typed in ("", SKIP):
            if typed == "" and self.name:
                self._advance()
                return Outcome(Kind.KEPT)
            return Outcome(Kind.INVALID, message("interview.name_required", self.lang))
        if len(typed) > PROJECT_NAME_MAX:
            return Outcome(
                Kind.INVALID,
                message(
                    "interview.name_too_long", self.lang, length=len(typed), most=PROJECT_NAME_MAX
                ),
            )
        self.name = typed
        self._advance()
        return Outcome(Kind.ANSWERED)

    def _description(self, typed: str) -> Outcome:
        if typed == "" and self.description:
            self._advance()
            return Outcome(Kind.KEPT)
        if typed in ("", SKIP):
            self.description = None
            self._advance()
            return Outcome(Kind.SKIPPED)
        self.description = typed
        self._advance()
        return Outcome(Kind.ANSWERED)

    def _answer(self, qid: str, typed: str) -> Outcome:
        question = self.rulebase.questions[qid]
        if typed == SKIP:
            self.skipped.add(qid)
            self.answers.pop(qid, None)
            self._advance()
            return Outcome(Kind.SKIPPED)
        if typed == "":
            if qid in self.answers:
                self._advance()
                return Outcome(Kind.KEPT)
            if question.default is None:
                return Outcome(Kind.INVALID, message("interview.no_answer", self.lang))
            typed = value_text(question.default)
        value, reason = interpret(question, typed, self.lang)
        if reason is not None:
            return Outcome(Kind.INVALID, reason)
        self.skipped.discard(qid)
        # An answer that stops applying because of this one is kept (the advice ignores it,
        # and it is back if the user changes their mind).
        self.answers[qid] = value
        self._advance()
        return Outcome(Kind.ANSWERED)

    # --- the file ------------------------------------------------------------------------

    def project_file(self, source: str) -> ProjectFile:
        """The interview as a project file (only once the project has a name)."""
        if self.name is None:
            raise RuntimeError("the project has no name yet")
        return ProjectFile(
            source=source,
            project=self.name,
            answers=ordered_answers(self.rulebase, self.answers),
            description=self.description,
            owner=self.owner,
            planned_approach=self.planned_approach,
            justification=self.justification,
            # English is the default: a file says its language only when it is another one,
            # or when it said so already.
            lang=self.lang if self.lang != DEFAULT_LANG or self.keep_lang else None,
            skipped=tuple(self.skipped_unanswered()),
            file=source,
        )


def slug(name: str) -> str:
    """A file-name stem for a project name (letters of any script are kept)."""
    stem = re.sub(r"[^\w]+", "-", name.lower()).strip("-_")
    return stem[:60].rstrip("-_") or "project"
