"""Property tests: whatever the input, the loaders and the rule-pack conditions give a valid
result or llm-adapt's own error, never another exception; escaping always holds.

Hypothesis runs derandomized (a fixed seed, the same examples on every run and in CI) and
with bounded sizes, so the file stays fast; benchmarks/fuzz_loaders.py runs the same loaders
under a coverage-guided fuzzer for longer.
"""

from __future__ import annotations

import copy
import io
import json
import math
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llm_adapt import conditions, inputs, numeric, project, rulebase, yamlio
from llm_adapt.errors import InputError, LlmAdaptError, UserError
from llm_adapt.escape import defuse, display_name, md_code, md_text, printable
from llm_adapt.gate.config import load_config
from llm_adapt.scoring import InfeasibleError, assess

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
RULES = rulebase.load_rulebase()
QUESTIONS = list(RULES.questions.values())
QIDS = [q.id for q in QUESTIONS]

# Scalars as people (and attackers) write them in YAML: numbers in every notation, YAML 1.1
# words, tags, huge and tiny numbers, control characters, quotes.
YAML_WORDS = ["yes", "no", "on", "off", "true", "False", "~", "null", ".inf", "-.Inf", ".nan",
              "017", "0x1F", "0o17", "0b101", "1:30", "1_000", "1e3", "1.5e+3", "+5", "-0",
              "2024-01-01", "=", "<<", "!!int 5", "!!binary aGk=", "!!python/none ''", "&a 1",
              "*a", "'quoted'", '"\\e[31m"', '"\\x00"', "|\n  block", "9" * 400, "9" * 5000,
              "1e400", "none", "some", "essential", "api_only", "0.5", "[1, 2]", "{a: 1}"]
scalar_text = st.one_of(
    st.sampled_from(YAML_WORDS),
    st.from_regex(r"[-+]?[0-9_.:eExXoObB]{1,14}", fullmatch=True),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
)
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
    | st.sampled_from(["none", "some", "low", "api_only", "x" * 300]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                               max_size=4),
    max_leaves=12,
)


def loads_or_refuses(load: Callable[[], Any], *allowed: type[BaseException]) -> Any:
    """The result of `load()`, or None when it raised one of llm-adapt's own errors."""
    try:
        return load()
    except (LlmAdaptError, *allowed) as exc:
        assert str(exc) is not None
        if isinstance(exc, InputError):
            assert exc.problems
            for problem in exc.problems:
                assert problem.message and "\n" not in problem.message
        return None


# --- project files ---------------------------------------------------------------------------


@SETTINGS
@given(st.text(max_size=300), st.sampled_from([0, 3, 65, 500, 990, 998, 1001]))
def test_any_text_is_a_project_or_its_problems(text: str, depth: int) -> None:
    loaded = loads_or_refuses(lambda: project.load_text(text, RULES, file="p.yaml"))
    if loaded is not None:
        assert isinstance(loaded, project.ProjectFile)
    nested = "project: " + "[" * depth + "]" * depth + "\n"
    loads_or_refuses(lambda: project.load_text(nested, RULES, file="p.yaml"))


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from([*QIDS, "budjet", "planned"]), scalar_text),
                max_size=6),
       st.sampled_from(["1", "true", "1.0", "2", "'1'"]), scalar_text)
def test_yaml_shaped_projects_load_or_are_refused(
    answers: list[tuple[str, str]], fmt: str, name: str
) -> None:
    lines = [f"format: {fmt}", f"project: {name}", "answers:"]
    lines += [f"  {qid}: {value}" for qid, value in answers]
    text = "\n".join(lines) + "\n"
    loaded = loads_or_refuses(lambda: project.load_text(text, RULES, file="p.yaml"))
    if loaded is None:
        return
    for qid, value in loaded.answers.items():
        question = RULES.questions[qid]
        assert project.check_answer(question, value)[1] is None
        if question.type in ("integer", "number"):
            assert math.isfinite(value) and abs(value) <= project.MAX_NUMBER


def _loaded(text: str, positions: bool) -> tuple[Any, dict[Any, str]] | list[str]:
    try:
        value, marks = yamlio.load(text, "p.yaml", positions=positions)
    except InputError as exc:
        return [str(p) for p in exc.problems]
    return value, marks.booleans


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "1", "yes", "<<", "~", "'q'", "&x k",
                                           "!!str s", "? [k]"]),
                          st.one_of(scalar_text, st.sampled_from(["*x", "&x [1]", "{c: *x}"]))),
                max_size=6),
       st.integers(min_value=0, max_value=3))
def test_the_fast_load_reads_what_the_full_walk_reads(entries: list[tuple[str, str]],
                                                       indent: int) -> None:
    """A project is loaded without recording positions unless a message needs them: the
    value, the booleans' spelling and every error are those of the walk that records them,
    and the positions found later are the walk's."""
    pad = " " * indent
    text = "top:\n" + "".join(f"  {pad}{key}: {value}\n" for key, value in entries)
    fast, full = _loaded(text, False), _loaded(text, True)
    assert fast == full
    if not isinstance(fast, list):
        lazy = yamlio.load(text, "p.yaml")[1]
        eager = yamlio.load(text, "p.yaml", positions=True)[1]
        for path in [(), ("top",), *(("top", str(key)) for key in (fast[0]["top"] or {})),
                     ("top", "a", 0, "deeper")]:
            assert lazy.of(path) == eager.of(path)
            assert lazy.of(path, key=True) == eager.of(path, key=True)


@pytest.mark.parametrize(("text", "column"), [
    ("answers:\n  labeled_examples: !<tag:llm-adapt,2026:plain> '7'\n", 21),
    ("answers:\n  !<tag:llm-adapt,2026:plain> 'labeled_examples': 7\n", 3),
])
def test_the_fast_load_refuses_the_plain_tag_written_on_a_quoted_scalar(text: str,
                                                                         column: int) -> None:
    """The tag the loader gives plain scalars, written on a quoted one, is refused (as the
    full walk refuses it), not read as a number or a plain key."""
    assert _loaded(text, False) == _loaded(text, True) == [
        f"p.yaml:2:{column}: the YAML tag "
        "tag:llm-adapt,2026:plain is not supported here"]


@SETTINGS
@given(st.dictionaries(st.sampled_from([*project.ENVELOPE_KEYS, "x"]), json_value, max_size=5),
       st.dictionaries(st.sampled_from(QIDS), json_value, max_size=5))
def test_any_structure_validates_or_is_refused(envelope: dict[str, Any],
                                               answers: dict[str, Any]) -> None:
    data: dict[str, Any] = {**envelope, "answers": answers}
    loads_or_refuses(lambda: project.validate(data, RULES, source="s", file="f"))
    text = yaml.safe_dump(data, allow_unicode=True)
    loads_or_refuses(lambda: project.load_text(text, RULES, file="f.yaml"))


# --- the input paths: files, tables, standard input --------------------------------------------


def _load_file(data: bytes, suffix: str) -> list[inputs.Loaded]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"in{suffix}"
        path.write_bytes(data)
        return list(inputs.load([str(path)], RULES, read_stdin=lambda n: b""))


@SETTINGS
@given(st.binary(max_size=400), st.sampled_from([".yaml", ".jsonl", ".csv"]))
def test_any_bytes_in_any_input_file(data: bytes, suffix: str) -> None:
    for item in _load_file(data, suffix):
        assert (item.project is None) != (not item.problems)


@SETTINGS
@given(st.lists(json_value, max_size=4), st.lists(st.text(max_size=30), max_size=3),
       st.integers(min_value=0, max_value=3000))
def test_jsonl_rows_load_or_are_refused_one_by_one(rows: list[Any], junk: list[str],
                                                   depth: int) -> None:
    nested = '{"project": "x", "answers": ' + "[" * depth + "]" * depth + "}"
    lines = [json.dumps(row) for row in rows] + junk + [nested]
    good = json.dumps({"project": "Good", "answers": {"budget": "low"}})
    text = "\n".join([*lines, good]) + "\n"
    loaded = _load_file(text.encode("utf-8", "surrogatepass"), ".jsonl")
    assert loaded[-1].project is not None and loaded[-1].project.project == "Good"


@SETTINGS
@given(st.lists(st.lists(st.one_of(scalar_text, st.text(max_size=10)), min_size=3,
                         max_size=3), max_size=4))
def test_csv_rows_load_or_are_refused_one_by_one(rows: list[list[str]]) -> None:
    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    lines = ["project,labeled_examples,budget"]
    lines += [",".join(cell(c) for c in row) for row in rows]
    lines.append("Good,10,low")
    text = "\n".join(lines) + "\n"
    loaded = _load_file(text.encode("utf-8", "surrogatepass"), ".csv")
    assert loaded[-1].project is not None and loaded[-1].project.project == "Good"


@SETTINGS
@given(st.binary(max_size=300))
def test_any_standard_input(data: bytes) -> None:
    for item in inputs.load(["-"], RULES, read_stdin=io.BytesIO(data).read):
        assert item.source == "<stdin>"


@SETTINGS
@given(st.one_of(st.text(max_size=200),
                 st.dictionaries(st.sampled_from(["tolerance", "strict", "min-confidence",
                                                  "require_complete", "rules", "x"]),
                                 scalar_text, max_size=4).map(
                     lambda d: "".join(f"{k}: {v}\n" for k, v in d.items()))),
       st.sampled_from([".llm-adapt.yaml", "pyproject.toml"]))
def test_any_configuration_file(text: str, name: str) -> None:
    if name == "pyproject.toml":
        text = "[tool.llm-adapt]\n" + text.replace(": ", " = ")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        loads_or_refuses(lambda: load_config(path))


# --- rule-pack conditions -----------------------------------------------------------------------

operand = st.one_of(
    st.sampled_from(["none", "some", "low", "high", "api_only", "x"]),
    st.booleans(), st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.builds(lambda q: {"q": q}, st.sampled_from([*QIDS, "nope"])),
    st.lists(st.sampled_from(["none", "some", 1, 0.5, True]), max_size=3),
    st.none(),
)
NUMBER_QIDS = [q.id for q in QUESTIONS if q.type in ("integer", "number")]
number = st.one_of(st.integers(min_value=-(10**400), max_value=10**400),
                   st.floats(allow_nan=True, allow_infinity=True),
                   st.sampled_from([math.inf, -math.inf, math.nan, 10**400, 10**15, 0.5]))
comparison = st.one_of(
    st.builds(lambda q, op, value: {"q": q, op: value}, st.sampled_from([*QIDS, "nope"]),
              st.sampled_from([*conditions.COMPARISONS, "between"]), operand),
    # Order comparisons on number questions: where thresholds reach what-if and scoring.
    st.builds(lambda q, op, value: {"q": q, op: value}, st.sampled_from(NUMBER_QIDS),
              st.sampled_from(conditions.NUMERIC), number | operand),
)
condition = st.recursive(
    comparison | st.just({"always": True}) | st.just({"always": False}),
    lambda inner: st.one_of(
        st.builds(lambda items: {"all": items}, st.lists(inner, max_size=3)),
        st.builds(lambda items: {"any": items}, st.lists(inner, max_size=3)),
        st.builds(lambda item: {"not": item}, inner),
    ),
    max_leaves=8,
)


def _answers(draw: Callable[..., Any]) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in QUESTIONS:
        if draw(st.booleans()):
            continue
        if question.type == "choice":
            answers[question.id] = draw(st.sampled_from(question.values))
        elif question.type == "boolean":
            answers[question.id] = draw(st.booleans())
        else:
            low = question.minimum if question.minimum is not None else 0
            high = question.maximum if question.maximum is not None else 10**6
            value = draw(st.floats(min_value=low, max_value=high))
            if question.exclusive_minimum is not None and value <= question.exclusive_minimum:
                continue
            answers[question.id] = int(value) if question.type == "integer" else value
    return answers


_BUILTIN = rulebase._Builder()
for _entry in rulebase._rule_files(rulebase._builtin_dir()):
    _BUILTIN.add(*rulebase._read(_entry, f"rules/{_entry.name}"), f"rules/{_entry.name}")


@SETTINGS
@given(condition, st.data())
def test_any_rule_condition_loads_and_evaluates_or_is_refused(raw: Any, data: Any) -> None:
    loads_or_refuses(lambda: conditions.parse(raw), conditions.ConditionError)
    pack = {"rules": [{"id": "pack.prop", "when": raw, "effects": {"rag": 40},
                       "blocks": data.draw(st.sampled_from([[], ["prompting"]])),
                       "rationale": {"en": "x", "zh": "x"},
                       "sources": ["001_15b0010ad0c2ee7e.txt §2.2"]}]}
    builder = copy.copy(_BUILTIN)
    for name in ("sources", "sections", "questions", "rules", "playbooks"):
        setattr(builder, name, dict(getattr(_BUILTIN, name)))
    try:
        builder.add(rulebase.RuleFile.model_validate(pack), rulebase.yamlio.Marks(), "pack.yaml")
        built = builder.build()
    except (LlmAdaptError, ValueError):
        return  # refused when loaded: the point is that it never fails later
    answers = _answers(data.draw)
    for compiled in built.rules:
        assert compiled.predicate(answers) in (True, False)
    result = loads_or_refuses(lambda: assess(built, answers, source="s", project="p"),
                              InfeasibleError)
    if result is not None:
        assert all(0 <= s <= 100 for s in result.scores.values())


@SETTINGS
@given(st.text(max_size=40))
def test_a_rule_file_of_any_text_loads_or_is_refused(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rules.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        loads_or_refuses(lambda: rulebase._read(path, str(path)))


# --- numbers and escaping -------------------------------------------------------------------------


@SETTINGS
@given(st.text(max_size=30) | st.from_regex(r"[-+]?[0-9]{1,20}(\.[0-9]*)?([eE][-+]?[0-9]+)?",
                                            fullmatch=True))
def test_numbers_parse_to_a_number_text_or_too_long(text: str) -> None:
    try:
        value = numeric.parse(text)
    except numeric.NumberTooLong:
        assert len(text) > numeric.MAX_NUMBER_CHARS
        return
    assert value is None or isinstance(value, int | float)
    assert numeric.hint(text).startswith(" (")


@SETTINGS
@given(st.integers())
def test_integers_read_back_as_themselves(number: int) -> None:
    text = str(number)
    if len(text) <= numeric.MAX_NUMBER_CHARS:
        assert numeric.parse(text) == number


printable_text = st.lists(st.text(max_size=4) | st.sampled_from(
    [":", "::", "#", "##[", "\n", " ", "\x1b", "<", "[", "]", "|", "`", "\\", "&"]),
    max_size=20).map("".join)


@SETTINGS
@given(printable_text, st.sampled_from(["text", "markdown", "json", "xml"]))
def test_defused_documents_hold_no_workflow_command(text: str, syntax: Any) -> None:
    result = defuse(text, syntax)
    assert "##[" not in result
    if syntax != "json":
        assert not any(line.lstrip().startswith("::") for line in result.splitlines())


@SETTINGS
@given(printable_text)
def test_markdown_escapes_leave_no_markup(text: str) -> None:
    shown = md_text(text)
    assert "\n" not in shown and not re.search(r"(?<!\\)(?:\\\\)*[<\[\]|`*$]", shown)
    code = md_code(text, cell=True)
    fence = re.match(r"`+", code)
    assert fence and code.endswith(fence.group())
    inner = code[len(fence.group()):-len(fence.group())]
    assert fence.group() not in inner and not re.search(r"(?<!\\)\|", inner)


@SETTINGS
@given(st.text(max_size=40))
def test_display_names_are_printable(name: str) -> None:
    shown = display_name(os.fsdecode(os.fsencode(name)) if "\x00" not in name else name)
    assert shown == printable(shown)
    assert not shown.startswith(":") and not shown[:1].isspace()


def test_errors_from_loaders_are_the_projects_own() -> None:
    # The property tests above allow only these; a new error type must be added on purpose.
    assert issubclass(InputError, UserError) and issubclass(InfeasibleError, UserError)
