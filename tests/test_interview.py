"""The interview's state machine (`Interview`), without a terminal: what is asked next, what
typed text does, resuming, and the project file it becomes."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, write

from llm_adapt import yamlio
from llm_adapt.errors import InputError
from llm_adapt.interview import DESCRIPTION, PROJECT, Interview, Kind, interpret
from llm_adapt.project import load_for_interview, load_text
from llm_adapt.rulebase import Question, RuleBase, load_rulebase
from llm_adapt.scoring import unanswered_questions


@pytest.fixture(scope="module")
def rulebase() -> RuleBase:
    return load_rulebase()


def order(rulebase: RuleBase) -> list[str]:
    return list(rulebase.questions)


def named(rulebase: RuleBase, description: str | None = None) -> Interview:
    """An interview past its two header steps, at the first question."""
    interview = Interview.start(rulebase)
    assert interview.submit("Wiki helper").kind is Kind.ANSWERED
    assert interview.submit(description or "").kind is (
        Kind.ANSWERED if description else Kind.SKIPPED)
    return interview


def expected_next(rulebase: RuleBase, interview: Interview) -> str | None:
    """The rule the interview must follow, written independently of it: the first question in
    questionnaire order that is neither answered nor skipped and can apply to the answers."""
    for qid in rulebase.questions:
        if qid in interview.answers or qid in interview.skipped:
            continue
        if rulebase.applicable(qid, interview.answers):
            return qid
    return None


def resumed(rulebase: RuleBase, tmp_path: Path, answers: str) -> Interview:
    text = f"project: Hand written\nanswers:\n{answers}" if answers else "project: Hand written\n"
    path = write(tmp_path / "p.yaml", text)
    project = load_text(path.read_text(encoding="utf-8"), rulebase, file=str(path))
    return Interview.resume(rulebase, project)


# --- the header steps -----------------------------------------------------------------------


def test_start_asks_the_name_then_the_description_then_the_first_question(
    rulebase: RuleBase,
) -> None:
    interview = Interview.start(rulebase)
    assert interview.current == PROJECT and not interview.finished
    for empty in ("", "  ", "-"):
        outcome = interview.submit(empty)
        assert outcome.kind is Kind.INVALID and outcome.reason, repr(empty)
        assert interview.current == PROJECT and interview.name is None
    too_long = interview.submit("x" * 10_000)
    assert too_long.kind is Kind.INVALID and "10000" in too_long.reason
    assert interview.submit("  Wiki helper  ").kind is Kind.ANSWERED
    assert interview.name == "Wiki helper" and interview.current == DESCRIPTION
    assert interview.submit("Answers staff questions").kind is Kind.ANSWERED
    assert interview.description == "Answers staff questions"
    assert interview.current == order(rulebase)[0]


def test_the_description_may_be_left_out_and_enter_keeps_what_was_given(
    rulebase: RuleBase,
) -> None:
    interview = named(rulebase, description="First words")
    assert interview.submit("<").kind is Kind.BACK
    assert interview.current == DESCRIPTION and interview.current_value() == "First words"
    assert interview.submit("").kind is Kind.KEPT
    assert interview.description == "First words"
    interview.submit("<")
    assert interview.submit("-").kind is Kind.SKIPPED and interview.description is None
    interview.submit("<")
    interview.submit("<")
    assert interview.current == PROJECT and interview.current_value() == "Wiki helper"
    assert interview.submit("").kind is Kind.KEPT and interview.name == "Wiki helper"


def test_back_on_the_first_step_is_refused(rulebase: RuleBase) -> None:
    interview = Interview.start(rulebase)
    outcome = interview.submit("<")
    assert outcome.kind is Kind.INVALID and outcome.reason
    assert interview.current == PROJECT


def test_help_changes_nothing(rulebase: RuleBase) -> None:
    interview = named(rulebase)
    first = interview.current
    before = (dict(interview.answers), list(interview.history))
    assert interview.submit(" ? ").kind is Kind.HELP
    assert interview.current == first
    assert (dict(interview.answers), list(interview.history)) == before


# --- answers --------------------------------------------------------------------------------


def test_a_choice_is_given_by_number_or_by_word(rulebase: RuleBase) -> None:
    first = rulebase.questions[order(rulebase)[0]]
    assert first.type == "choice"
    interview = named(rulebase)
    assert interview.submit(str(len(first.values))).kind is Kind.ANSWERED
    assert interview.answers[first.id] == first.values[-1]
    interview.submit("<")
    assert interview.submit(first.values[0].upper()).kind is Kind.ANSWERED
    assert interview.answers[first.id] == first.values[0]


def test_invalid_choices_say_why_and_change_nothing(rulebase: RuleBase) -> None:
    first = rulebase.questions[order(rulebase)[0]]
    interview = named(rulebase)
    count = len(first.values)
    for typed in ("0", str(count + 1)):
        outcome = interview.submit(typed)
        assert outcome.kind is Kind.INVALID and str(count) in outcome.reason, typed
    typo = first.values[-1][:-2] + first.values[-1][-1] + first.values[-1][-2]
    outcome = interview.submit(typo)
    assert outcome.kind is Kind.INVALID
    assert f"'{first.values[-1]}'" in outcome.reason  # did you mean ...
    assert interview.current == first.id and first.id not in interview.answers


def test_a_choice_may_be_the_start_of_its_word(rulebase: RuleBase, tmp_path: Path) -> None:
    cases = [
        ("external_knowledge", "ess", "essential"),
        ("external_knowledge", "S", "some"),
        ("external_knowledge", " No ", "none"),
        ("model_access", "api", "api_only"),
        ("model_access", "api only", "api_only"),
        ("model_access", "open-weights", "open_weights"),
        ("knowledge_location", "live", "live_systems"),
    ]
    for qid, typed, value in cases:
        interview = at_question(rulebase, tmp_path, qid)
        assert interview.submit(typed).kind is Kind.ANSWERED, (qid, typed)
        assert interview.answers[qid] == value, (qid, typed)
    # ml_expertise is none, some or strong: "s" could be either of two, and says which.
    interview = at_question(rulebase, tmp_path, "ml_expertise")
    outcome = interview.submit("s")
    assert outcome.kind is Kind.INVALID
    assert outcome.reason == "'s' could be some, strong: type more of the word, or its number"
    assert "ml_expertise" not in interview.answers
    assert interview.submit("st").kind is Kind.ANSWERED
    assert interview.answers["ml_expertise"] == "strong"
    # A word no value starts with is still refused with a suggestion.
    interview = at_question(rulebase, tmp_path, "external_knowledge")
    outcome = interview.submit("esential")
    assert outcome.kind is Kind.INVALID and "did you mean 'essential'?" in outcome.reason


def test_enter_without_an_answer_is_refused_and_enter_keeps_an_answer(
    rulebase: RuleBase,
) -> None:
    interview = named(rulebase)
    first = interview.current
    assert first is not None and rulebase.questions[first].default is None
    assert interview.submit("").kind is Kind.INVALID
    interview.submit("1")
    second = interview.current
    interview.submit("<")
    assert interview.current == first
    assert interview.submit("").kind is Kind.KEPT
    assert interview.answers[first] == rulebase.questions[first].values[0]
    assert interview.current == second


def test_numbers_and_booleans_as_people_type_them(rulebase: RuleBase, tmp_path: Path) -> None:
    cases: list[tuple[str, str, Any]] = [
        ("labeled_examples", "50,000", 50_000),
        ("labeled_examples", "1_000", 1000),
        ("labeled_examples", "0", 0),
        ("baseline_accuracy", "0.45", 0.45),
        ("labeled_examples", "10k", 10_000),
        ("baseline_accuracy", "45%", 0.45),
        ("target_accuracy", "90 %", 0.9),
        ("model_size_b", "8B", 8),
        ("model_size_b", "0.5b", 0.5),
        ("gpu_memory_gb", "24GB", 24),
        ("gpu_memory_gb", "80 GB", 80),
        ("requests_per_day", "1.5k", 1500),
        ("preserve_general_skills", "yes", True),
        ("preserve_general_skills", "Y", True),
        ("preserve_general_skills", "n", False),
        ("preserve_general_skills", "No", False),
        ("preserve_general_skills", "是", True),
        ("preserve_general_skills", "否", False),
    ]
    refused = [
        ("labeled_examples", "-1"),
        ("labeled_examples", "2.5"),
        ("labeled_examples", "many"),
        ("baseline_accuracy", "1.5"),
        ("baseline_accuracy", "145%"),
        ("labeled_examples", "5,0"),
        ("model_size_b", "0"),
        ("preserve_general_skills", "perhaps"),
    ]
    for qid, typed, value in cases:
        interview = at_question(rulebase, tmp_path, qid)
        assert interview.submit(typed).kind is Kind.ANSWERED, (qid, typed)
        assert interview.answers[qid] == value and type(interview.answers[qid]) is type(value)
    for qid, typed in refused:
        interview = at_question(rulebase, tmp_path, qid)
        outcome = interview.submit(typed)
        assert outcome.kind is Kind.INVALID and typed in outcome.reason, (qid, typed)
        assert qid not in interview.answers


def at_question(rulebase: RuleBase, tmp_path: Path, qid: str) -> Interview:
    """An interview resumed with every question before `qid` answered (gates open)."""
    given = {"model_access": "open_weights", "labeled_examples": 10, "external_knowledge": "some"}
    lines = []
    for other in order(rulebase):
        if other == qid:
            break
        question = rulebase.questions[other]
        value = given.get(other, a_value(question))
        lines.append(f"  {other}: {str(value).lower() if isinstance(value, bool) else value}\n")
    interview = resumed(rulebase, tmp_path, "".join(lines))
    assert interview.current == qid
    return interview


def a_value(question: Question) -> Any:
    if question.type == "choice":
        return question.values[0]
    if question.type == "boolean":
        return False
    low = question.minimum if question.minimum is not None else question.exclusive_minimum
    return 1 if low is None or low < 1 else int(low) + 1


def test_skip_leaves_a_question_unanswered_and_back_can_answer_it(rulebase: RuleBase) -> None:
    interview = named(rulebase)
    first = interview.current
    assert first is not None
    assert interview.submit("-").kind is Kind.SKIPPED
    assert first not in interview.answers and interview.current != first
    assert interview.current == expected_next(rulebase, interview)
    assert interview.submit("<").kind is Kind.BACK and interview.current == first
    assert interview.submit("1").kind is Kind.ANSWERED
    assert first in interview.answers and first not in interview.skipped
    # Skipping an answered question removes its answer.
    interview.submit("<")
    interview.submit("-")
    assert first not in interview.answers


# --- what is asked ----------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(12))
def test_a_random_walk_always_stands_where_the_rules_say(rulebase: RuleBase, seed: int) -> None:
    """Answers, skips, backs, help and nonsense in random order: after every answer or skip
    the interview asks the first open question that can apply; `<` returns to an earlier
    step that still applies; at the end every question that applies is answered or skipped."""
    rng = random.Random(seed)
    interview = named(rulebase)
    for _ in range(500):
        if interview.finished:
            break
        current = str(interview.current)
        if current in (PROJECT, DESCRIPTION):
            assert interview.submit("").kind in (Kind.KEPT, Kind.SKIPPED)
            continue
        question = rulebase.questions[current]
        roll = rng.random()
        if roll < 0.15:
            before = [s for s in interview.history
                      if s in (PROJECT, DESCRIPTION) or rulebase.applicable(s, interview.answers)]
            assert interview.submit("<").kind is Kind.BACK
            assert interview.current == before[-1]
            continue
        if roll < 0.2:
            assert interview.submit("?").kind is Kind.HELP
            assert interview.submit("no such answer 42").kind is Kind.INVALID
            assert interview.current == current
            continue
        if roll < 0.3:
            assert interview.submit("-").kind is Kind.SKIPPED
            assert current not in interview.answers
        else:
            assert interview.submit(typed_answer(question, rng)).kind is Kind.ANSWERED
            assert current in interview.answers
        assert interview.current == expected_next(rulebase, interview)
    assert interview.finished, "the interview does not end"
    for qid in rulebase.questions:
        if rulebase.applicable(qid, interview.answers):
            assert qid in interview.answers or qid in interview.skipped, qid


def typed_answer(question: Question, rng: random.Random) -> str:
    if question.type == "choice":
        return rng.choice([str(rng.randint(1, len(question.values))), rng.choice(question.values)])
    if question.type == "boolean":
        return rng.choice(["yes", "no", "y", "n"])
    if question.id == "labeled_examples":
        return rng.choice(["0", "50", "4,000"])
    if question.maximum is not None:
        return str(round(rng.uniform(0.01, question.maximum), 2))
    return str(rng.choice([1, 7, 24, 100_000]))


def test_questions_that_cannot_apply_are_not_asked(rulebase: RuleBase) -> None:
    interview = named(rulebase)
    asked: list[str] = []
    gates = {"external_knowledge": "none", "labeled_examples": "0", "model_access": "api_only"}
    while not interview.finished:
        qid = str(interview.current)
        asked.append(qid)
        question = rulebase.questions[qid]
        interview.submit(gates.get(qid, typed_answer(question, random.Random(qid))))
    # These gates make these questions moot (no knowledge: its freshness; no labels: their
    # quality; an API: GPU and size); the rule base may make more moot, never fewer.
    moot = {"knowledge_change", "label_quality", "model_size_b", "gpu_memory_gb"}
    never = {q for q in order(rulebase) if not rulebase.applicable(q, interview.answers)}
    assert moot <= never
    assert asked == [q for q in order(rulebase) if q not in never]


def test_changing_an_answer_passes_a_question_it_made_moot(rulebase: RuleBase) -> None:
    interview = named(rulebase)
    assert interview.current == "external_knowledge"
    interview.submit("essential")
    assert interview.current == "knowledge_change"
    interview.submit("periodic")
    interview.submit("<")
    interview.submit("<")
    assert interview.current == "external_knowledge"
    interview.submit("none")
    # knowledge_change cannot apply any more: it is not asked again.
    after = interview.current
    assert after == expected_next(rulebase, interview) and after != "knowledge_change"
    interview.submit("<")
    assert interview.current == "external_knowledge"
    # The moot answer is kept (the advice ignores it), in case the user changes their mind.
    assert interview.answers["knowledge_change"] == "periodic"


def test_going_back_passes_a_step_a_later_answer_made_moot(tmp_path: Path) -> None:
    """With a pack whose question depends on a later one, `<` skips the earlier question once
    the later answer rules it out (the built-in questions only depend on earlier ones)."""
    builtin = yaml.safe_load((ROOT / "rules" / "10-questions.yaml").read_text(encoding="utf-8"))
    (citations,) = [q for q in builtin["questions"] if q["id"] == "citations_required"]
    citations["applies_when"] = {"q": "style_control", "ne": "none"}
    pack = write(tmp_path / "pack" / "q.yaml",
                 yaml.safe_dump({"questions": [citations]}, allow_unicode=True)).parent
    rulebase = load_rulebase([pack])
    interview = named(rulebase)
    interview.submit("none")  # external_knowledge; knowledge_change cannot apply
    assert interview.current == "citations_required"  # style unanswered: it may apply
    interview.submit("required")
    assert interview.current == "style_control"
    interview.submit("none")  # now citations_required cannot apply
    interview.submit("<")
    assert interview.current == "style_control"
    interview.submit("<")
    assert interview.current == "external_knowledge"


def test_position_is_the_place_in_the_questionnaire(rulebase: RuleBase) -> None:
    interview = Interview.start(rulebase)
    for index, qid in enumerate(order(rulebase), start=1):
        assert interview.position(qid) == (index, len(rulebase.questions))


# --- resuming --------------------------------------------------------------------------------


def test_resume_starts_at_the_first_unanswered_question_that_applies(
    rulebase: RuleBase, tmp_path: Path
) -> None:
    interview = resumed(rulebase, tmp_path, "  external_knowledge: none\n"
                                            "  model_access: open_weights\n")
    assert interview.name == "Hand written" and interview.current == "citations_required"
    # Earlier answers can still be reached with `<`, questions that cannot apply cannot.
    assert interview.submit("<").kind is Kind.BACK
    assert interview.current == "external_knowledge"
    assert interview.current_value() == "none"
    applicable_unanswered = [q for q in order(rulebase) if q not in interview.answers
                             and rulebase.applicable(q, interview.answers)]
    assert interview.remaining() == len(applicable_unanswered)


def test_resume_of_an_empty_file_asks_every_question_and_of_a_full_one_nothing(
    rulebase: RuleBase, tmp_path: Path
) -> None:
    empty = resumed(rulebase, tmp_path, "")
    assert empty.current == order(rulebase)[0]
    assert empty.submit("<").kind is Kind.INVALID  # nothing before it in this session
    every = "".join(f"  {q}: {str(a_value(rulebase.questions[q])).lower()}\n"
                    for q in order(rulebase))
    full = resumed(rulebase, tmp_path, every)
    assert full.finished and full.remaining() == 0
    with pytest.raises(RuntimeError):
        full.submit("1")


def test_a_question_whose_gate_is_unanswered_may_apply_and_is_asked(
    rulebase: RuleBase, tmp_path: Path
) -> None:
    """GPU memory applies only to open weights; with model access unanswered nobody knows,
    so it is asked (and an answer given in the file counts)."""
    interview = resumed(rulebase, tmp_path, "".join(
        f"  {q}: {str(a_value(rulebase.questions[q])).lower()}\n"
        for q in order(rulebase) if q not in ("model_access", "gpu_memory_gb")))
    assert interview.current == "model_access"
    interview.submit("-")
    assert interview.current == "gpu_memory_gb"
    interview.submit("<")
    interview.submit("api_only")
    assert interview.finished  # now it cannot apply


def test_a_default_is_taken_on_enter(tmp_path: Path) -> None:
    pack = write(tmp_path / "pack" / "q.yaml", """\
questions:
  - id: review_rounds
    section: data
    type: integer
    minimum: 0
    default: 2
    text: {en: "How many review rounds?", zh: "几轮评审？"}
    hint: {en: "a count", zh: "数量"}
    help: {en: "Reviews catch mistakes.", zh: "评审能发现错误。"}
    sources: ["001_15b0010ad0c2ee7e.txt §2.1"]
""").parent
    rulebase = load_rulebase([pack])
    every = "".join(f"  {q}: {str(a_value(rulebase.questions[q])).lower()}\n"
                    for q in rulebase.questions if q != "review_rounds")
    interview = resumed(rulebase, tmp_path, every)
    assert interview.current == "review_rounds"
    assert interview.position("review_rounds") == (len(rulebase.questions),) * 2
    assert interview.submit("").kind is Kind.ANSWERED
    assert interview.answers["review_rounds"] == 2 and interview.finished


# --- the project file -------------------------------------------------------------------------


def test_project_file_needs_a_name_and_keeps_questionnaire_order(rulebase: RuleBase) -> None:
    interview = Interview.start(rulebase)
    with pytest.raises(RuntimeError):
        interview.project_file("x.yaml")
    interview = named(rulebase, description="Answers staff questions")
    first, second = order(rulebase)[:2]
    interview.submit("3")  # external_knowledge = essential, so the second one applies
    interview.submit("1")
    interview.submit("<")
    interview.submit("<")
    interview.submit("")  # kept: the answers are not reordered by going back
    project = interview.project_file("wiki.yaml")
    assert project.project == "Wiki helper"
    assert project.description == "Answers staff questions"
    assert project.source == "wiki.yaml"
    assert list(project.answers) == [first, second]
    assert project.answers[first] == rulebase.questions[first].values[2]


def test_a_resumed_project_file_round_trips(rulebase: RuleBase, tmp_path: Path) -> None:
    interview = resumed(rulebase, tmp_path, "  budget: low\n  external_knowledge: some\n")
    interview.submit("continuous")
    project = interview.project_file(str(tmp_path / "p.yaml"))
    again = Interview.resume(rulebase, project)
    assert again.answers == interview.answers
    assert list(project.answers) == [q for q in order(rulebase) if q in project.answers]
    assert again.current == interview.current


# --- what a saved file remembers: skips, the language, and answers it cannot use ---------------


def saved_and_resumed(
    rulebase: RuleBase, interview: Interview, tmp_path: Path, **options: Any
) -> Interview:
    """The interview saved as `ask` saves it, loaded back and resumed."""
    path = tmp_path / "saved.yaml"
    path.write_text(yamlio.dump(interview.project_file(str(path)).to_data()), encoding="utf-8")
    project = load_text(path.read_text(encoding="utf-8"), rulebase, file=str(path))
    return Interview.resume(rulebase, project, options.pop("lang", "en"), **options)


def test_a_skipped_question_is_saved_and_not_asked_again_unless_asked_for(
    rulebase: RuleBase, tmp_path: Path
) -> None:
    interview = named(rulebase)
    interview.submit("none")  # external_knowledge
    assert interview.current == "citations_required"
    assert interview.submit("-").kind is Kind.SKIPPED
    after = interview.current
    project = interview.project_file("p.yaml")
    assert project.skipped == ("citations_required",)
    assert project.to_data()["skipped"] == ["citations_required"]
    again = saved_and_resumed(rulebase, interview, tmp_path)
    assert again.current == after and again.skipped == {"citations_required"}
    assert again.remaining() == interview.remaining()
    # `<` still reaches it; answering it takes it off the list.
    assert again.submit("<").kind is Kind.BACK and again.current == "citations_required"
    assert again.submit("required").kind is Kind.ANSWERED
    assert again.project_file("p.yaml").skipped == ()
    assert "skipped" not in again.project_file("p.yaml").to_data()
    asked = saved_and_resumed(rulebase, interview, tmp_path, ask_skipped=True)
    assert asked.current == "citations_required" and asked.skipped == set()


def test_a_skip_is_dropped_once_the_question_is_answered_in_the_file(
    rulebase: RuleBase, tmp_path: Path
) -> None:
    # A hand edit answered a question the file also lists as skipped: the answer wins.
    path = write(tmp_path / "p.yaml", "project: X\nanswers:\n  external_knowledge: none\n"
                 "skipped: [external_knowledge, citations_required, citations_required]\n")
    project = load_text(path.read_text(encoding="utf-8"), rulebase, file=str(path))
    assert project.skipped == ("external_knowledge", "citations_required")
    interview = Interview.resume(rulebase, project)
    assert interview.skipped == {"citations_required"}
    assert interview.project_file("p.yaml").skipped == ("citations_required",)


def test_the_language_is_saved_when_it_is_not_the_default(
    rulebase: RuleBase, tmp_path: Path
) -> None:
    english = named(rulebase)
    assert english.project_file("p.yaml").lang is None
    assert "lang" not in english.project_file("p.yaml").to_data()
    chinese = Interview.start(rulebase, "zh")
    chinese.submit("知识库问答")
    chinese.submit("")
    assert chinese.project_file("p.yaml").to_data()["lang"] == "zh"
    project = load_text(yamlio.dump(chinese.project_file("p.yaml").to_data()), rulebase,
                        file="p.yaml")
    assert project.lang == "zh"
    # Resumed in English on purpose, a file that named its language keeps naming it.
    switched = Interview.resume(rulebase, project, "en")
    assert switched.project_file("p.yaml").lang == "en"


def test_a_file_with_bad_answers_is_resumed_without_them(
    rulebase: RuleBase, tmp_path: Path
) -> None:
    text = ("project: Hand\nlang: zh\nanswers:\n  external_knowledge: none\n"
            "  budget: cheap\n  budjet: low\nskipped: [budget, timeline]\n")
    with pytest.raises(InputError):
        load_text(text, rulebase, file="h.yaml")
    project, problems, dropped = load_for_interview(text, rulebase, file="h.yaml")
    assert project.answers == {"external_knowledge": "none"} and project.lang == "zh"
    assert dropped == {"budget", "budjet"}
    assert [str(p) for p in problems] == [
        "h.yaml:5:11: answers.budget: 'cheap' is not one of low, medium, high",
        "h.yaml:6:3: answers: unknown question 'budjet' (did you mean 'budget'?)",
    ]
    interview = Interview.resume(rulebase, project, "zh", again=dropped)
    # A question whose answer was bad is asked again, even if the file listed it as skipped.
    assert interview.skipped == {"timeline"}
    assert "budget" in unanswered_questions(rulebase, interview.answers)
    for qid in order(rulebase):
        if qid == "budget":
            break
        if interview.current == qid:
            interview.submit("-")
    assert interview.current == "budget"
    # A file that is fine loads as it is; one wrong outside its answers is still refused.
    assert load_for_interview("project: X\n", rulebase, file="x.yaml")[1:] == ([], set())
    for broken in ("project: ''\nanswers:\n  budget: cheap\n", "format: 2\nproject: X\n",
                   "project: X\nanswers: [1]\n", "- a list\n", "project: [unclosed\n"):
        with pytest.raises(InputError):
            load_for_interview(broken, rulebase, file="x.yaml")


def test_a_wall_of_digits_is_refused_never_a_crash(rulebase: RuleBase) -> None:
    """Pasted thousands of digits (past Python's int() limit) or a 1 with 400 zeros and a
    unit (past a float) get the interview's own message, quoted short."""
    cases = [("external_knowledge", "9" * 5000), ("labeled_examples", "9" * 5000),
             ("labeled_examples", "1" + "0" * 400), ("labeled_examples", "1" + "0" * 400 + "k"),
             ("baseline_accuracy", "1" + "0" * 400 + "%"), ("model_size_b", "1" + "0" * 400 + "B")]
    for qid, typed in cases:
        value, reason = interpret(rulebase.questions[qid], typed, "en")
        assert value is None and reason is not None, (qid, typed[:10])
        assert len(reason) < 200, reason
