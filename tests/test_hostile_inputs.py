"""Hostile inputs: every one is refused by name (exit 2, no traceback, bounded time and
memory), and the rest of the batch is still reported."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, clean_env, console_script
from conftest import run_cli as invoke

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"
REFUSED = sorted((HOSTILE / "refused").iterdir())
SHOWN = sorted((HOSTILE / "shown").iterdir())
PACKS = sorted((HOSTILE / "packs").iterdir())
GOOD = EXAMPLES / "saas-support-docs.yaml"

# What each refused input must be told (the class of the issue it stands for).
EXPECTED = {
    "bidi-name.yaml": ":2:10: project: must be one line without control characters",
    "big-int.csv": ":2: answers.labeled_examples: a number of 5000 characters is too long",
    "big-int.jsonl": ":1: answers.labeled_examples: a number of 5000 characters is too long",
    "big-int.yaml": ":9:21: answers.labeled_examples: a number of 5000 characters is too long",
    "boolean-choice.yaml": ":6:23: answers.citations_required: unquoted no is read as the "
    "boolean false, which is not one of none, preferred, required (did you mean 'none'?)",
    "escape-name.yaml": ":2:10: project: must be one line without control characters",
    "format-float.yaml": ":1:9: format: format 1.0 is not supported",
    "format-true.yaml": ":1:9: format: format true is not supported",
    "hex.yaml": ":9:21: answers.labeled_examples: '0x1F' is not a whole number "
    "(write it in decimal: 31)",
    "jsonl-surrogate.jsonl": ":1: project: must be one line without control characters",
    "latin1.yaml": ":2:13: not UTF-8 text (byte 0xe9)",
    "nul.yaml": ":2:11: a NUL character",
    "octal.yaml": ":9:21: answers.labeled_examples: '017' is not a whole number (YAML 1.1 "
    "reads 017 as the octal number 15, YAML 1.2 as 17: write 17 without the leading zero)",
    "sexagesimal.yaml": ":9:21: answers.requests_per_day: '1:30' is not a whole number "
    "(YAML 1.1 reads 1:30 as 90, in base 60",
    "superscript-format.csv": ":2: format: format '²' is not supported",
    "utf16.yaml": ":1:1: UTF-16 text: save it as UTF-8",
}
PACK_EXPECTED = {
    "boolean-ordered": "'gte' cannot compare the boolean question 'preserve_general_skills'",
    "control-in-rationale": "rules.0.rationale.en: the control character \\x1b is not allowed",
    "default-wrong-type": "default 'many' is not a whole number",
    "duplicate-choice": "the choice 'a' is listed twice",
    "duplicate-id": "rule 'pack.example' is defined twice in this file (first at line 2)",
    "gte-inf": "'gte' needs a number (finite, at most 10^15) or {q: QUESTION}, not inf",
    "gte-nan": "'gte' needs a number (finite, at most 10^15) or {q: QUESTION}, not nan",
    "huge-threshold": "'gte' needs a number (finite, at most 10^15)",
    "minimum-above-maximum": "the minimum 10 is above the maximum 1",
    "minimum-nan": "minimum must be a finite number (at most 10^15), not nan",
    "ref-to-choice": "'gte' compares 'labeled_examples' with 'budget', a choice question",
    "ref-unknown": "condition reads unknown question 'nope'",
    "top-level-list": ":1:1: a rule file must be a mapping of sources, sections, questions, "
    "rules, playbooks, not a list",
}
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def assert_clean_failure(stderr: str) -> None:
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    assert not CONTROL.search(stderr), stderr


def test_the_corpus_is_complete() -> None:
    assert {p.name for p in REFUSED} == set(EXPECTED)
    assert {p.name for p in PACKS} == set(PACK_EXPECTED)


@pytest.mark.parametrize("path", REFUSED, ids=lambda p: p.name)
@pytest.mark.parametrize("command", ["assess", "check"])
def test_every_hostile_input_is_refused_by_name(command: str, path: Path) -> None:
    started = time.monotonic()
    result = invoke(command, str(path), str(GOOD))
    assert time.monotonic() - started < 10
    assert result.returncode == 2
    assert_clean_failure(result.stderr)
    # check's text report lists invalid inputs with its findings, on standard output.
    assert f"{path}{EXPECTED[path.name]}" in result.stdout + result.stderr
    # The batch goes on: the good file is still reported.
    assert "saas-support-docs.yaml" in result.stdout


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
@pytest.mark.parametrize("command", ["assess", "check", "schema"])
def test_every_hostile_rule_pack_is_refused_by_name(command: str, pack: Path) -> None:
    args = [command, str(GOOD)] if command != "schema" else [command]
    started = time.monotonic()
    result = invoke(*args, "--rules", str(pack))
    assert time.monotonic() - started < 10
    assert result.returncode == 2
    assert_clean_failure(result.stderr)
    assert str(pack / "rules.yaml") in result.stderr
    assert PACK_EXPECTED[pack.name] in result.stderr


def _nested_condition(depth: int) -> str:
    inner = "{q: budget, eq: high}"
    for _ in range(depth):
        inner = "{all: [" + inner + "]}"
    return inner


def test_generated_hostile_inputs_are_refused_by_name(tmp_path: Path) -> None:
    deep_jsonl = tmp_path / "deep.jsonl"
    deep_jsonl.write_text('{"project": "x", "answers": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    shallow_deep_jsonl = tmp_path / "deep998.jsonl"
    shallow_deep_jsonl.write_text('{"project": ' + "[" * 990 + "]" * 990 + "}\n")
    deep_yaml = tmp_path / "deep.yaml"
    deep_yaml.write_text("project: " + "[" * 998 + "]" * 998 + "\n")
    big = tmp_path / "big.yaml"
    big.write_bytes(b"project: big\ndescription: " + b"x" * (5 * 1024 * 1024) + b"\n")
    result = invoke("assess", str(deep_jsonl), str(shallow_deep_jsonl), str(deep_yaml), str(big),
                    str(GOOD), "--format", "jsonl")
    assert result.returncode == 2
    assert_clean_failure(result.stderr)
    assert f"{deep_jsonl}:1: nested more than 64 levels deep" in result.stderr
    assert f"{shallow_deep_jsonl}:1: nested more than 64 levels deep" in result.stderr
    assert f"{deep_yaml}:1:" in result.stderr and "nested" in result.stderr
    assert (f"{big}: the file is larger than the 4 MiB limit for one input; set "
            "LLM_ADAPT_MAX_INPUT_SIZE (such as LLM_ADAPT_MAX_INPUT_SIZE=64M) to raise it"
            ) in result.stderr
    assert result.stdout.count("\n") == 1  # the good project
    raised = invoke("assess", str(big), env={"LLM_ADAPT_MAX_INPUT_SIZE": "8M"})
    assert raised.returncode == 0, raised.stderr

    pack = tmp_path / "deep-pack"
    pack.mkdir()
    (pack / "rules.yaml").write_text(
        "rules:\n  - id: pack.deep\n    when: " + _nested_condition(450) + "\n"
        "    effects: {rag: 5}\n    rationale: {en: x, zh: x}\n"
        '    sources: ["001_15b0010ad0c2ee7e.txt §2.2"]\n'
    )
    result = invoke("check", str(GOOD), "--rules", str(pack))
    assert result.returncode == 2
    assert_clean_failure(result.stderr)
    assert f"{pack / 'rules.yaml'}:3:" in result.stderr and "nested" in result.stderr


def test_bad_size_limit_setting_is_a_usage_error() -> None:
    result = invoke("assess", str(GOOD), env={"LLM_ADAPT_MAX_INPUT_SIZE": "lots"})
    assert result.returncode == 2
    assert "LLM_ADAPT_MAX_INPUT_SIZE='lots': give a size in bytes" in result.stderr


def test_devices_and_named_pipes_are_read_within_bounds(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = invoke("assess", "/dev/zero", str(fifo), str(GOOD), "--format", "jsonl")
    assert result.returncode == 2
    assert_clean_failure(result.stderr)
    assert "/dev/zero: the file is larger than the 4 MiB limit" in result.stderr
    assert f"{fifo}: a named pipe with nothing written to it" in result.stderr
    assert result.stdout.count("\n") == 1
    result = invoke("check", str(GOOD), "--config", "/dev/zero")
    assert result.returncode == 2 and "/dev/zero: the file is larger than" in result.stderr


def test_standard_input_is_read_within_bounds() -> None:
    with open("/dev/zero", "rb") as zero:
        started = time.monotonic()
        result = subprocess.run([console_script(), "assess", "-"], stdin=zero,
                                capture_output=True, text=True, env=clean_env(), timeout=20,
                                preexec_fn=_limit_memory, check=False)
    assert result.returncode == 2, result.stderr
    assert "<stdin>: the file is larger than the 4 MiB limit" in result.stderr
    assert time.monotonic() - started < 10


def _limit_memory() -> None:
    import resource

    # Far above what a run needs (about 100 MB), far below what reading /dev/zero would take.
    resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))


def test_a_batch_of_hostile_inputs_in_bounded_time_and_memory(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    paths = [str(p) for p in REFUSED] + ["/dev/zero", str(fifo), str(GOOD)]
    for command in ("assess", "check"):
        started = time.monotonic()
        result = subprocess.run([console_script(), command, *paths, "--format", "json"],
                                capture_output=True, text=True, env=clean_env(), timeout=30,
                                preexec_fn=_limit_memory, check=False)
        assert time.monotonic() - started < 10
        assert result.returncode == 2
        assert_clean_failure(result.stderr)
        for path in REFUSED:
            assert f"{path}:" in result.stderr
        assert "saas-support-docs.yaml" in result.stdout


def test_unreadable_directories_and_files_are_errors(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ok").mkdir()
    shutil.copy(GOOD, tmp_path / "ok" / "good.yaml")
    (tmp_path / "locked").mkdir()
    shutil.copy(GOOD, tmp_path / "locked" / "hidden.yaml")
    shutil.copy(GOOD, tmp_path / "ok" / "secret.yaml")
    os.symlink(tmp_path / "nowhere.yaml", tmp_path / "ok" / "dangling.yaml")
    real_scandir, real_open = os.scandir, os.open

    def scandir(path: object = ".") -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    def open_(path: object, flags: int, mode: int = 0o777, **kw: object) -> int:
        if str(path).endswith("secret.yaml"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, mode, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "open", open_)
    result = invoke("check", str(tmp_path), "--format", "json")
    assert result.returncode == 2
    assert f"{tmp_path}/locked: cannot read directory: Permission denied" in result.stderr
    assert f"{tmp_path}/ok/secret.yaml: cannot read: Permission denied" in result.stderr
    assert f"{tmp_path}/ok/dangling.yaml: cannot read: a broken symbolic link" in result.stderr
    assert "ok/good.yaml" in result.stdout
    assert '"invalid": 3' in result.stdout


def test_a_huge_csv_cell_is_read_and_later_rows_are_kept(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("project,description,budget\n"
                     f"Big,{'x' * 200_000},low\n"
                     "Second,short,low\n"
                     f"Huge,\"{'y' * 100},{'z' * (5 * 1024 * 1024)}\",low\n"
                     "Third,short,cheap\n"
                     "Fourth,short,high\n")
    result = invoke("assess", str(table), "--format", "jsonl")
    assert result.returncode == 2
    assert_clean_failure(result.stderr)
    projects = [line.split('"project":"')[1].split('"')[0] for line in result.stdout.splitlines()]
    assert projects == ["Big", "Second", "Fourth"]
    assert f"{table}:4: line 4 is larger than the 4 MiB limit" in result.stderr
    assert f"{table}:5: answers.budget: 'cheap' is not one of" in result.stderr


def test_problems_per_file_are_capped(tmp_path: Path) -> None:
    many = tmp_path / "many.yaml"
    lines = ["format: 1", "project: Many keys", "answers:"]
    lines += [f"  unknown_{i}: 1" for i in range(20_000)]
    lines += [f"key_{i}: 1" for i in range(20_000)]
    many.write_text("\n".join(lines) + "\n")
    started = time.monotonic()
    result = invoke("assess", str(many))
    assert time.monotonic() - started < 10
    assert result.returncode == 2
    shown = result.stderr.splitlines()
    assert len(shown) == 21
    assert shown[-1] == f"{many}: and 39980 more problems (the first 20 are shown)"


def test_a_config_file_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    config = tmp_path / ".llm-adapt.yaml"
    config.write_bytes(b"tolerance: 5 # caf\xe9\n")
    result = invoke("check", str(GOOD), "--config", str(config))
    assert result.returncode == 2
    assert f"{config}:1:19: not UTF-8 text (byte 0xe9)" in result.stderr
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_bytes(b"[tool.llm-adapt]\ntolerance = 5 # caf\xe9\n")
    result = invoke("check", str(GOOD), "--config", str(pyproject))
    assert result.returncode == 2
    assert f"{pyproject}:2:20: not UTF-8 text (byte 0xe9)" in result.stderr
    huge = tmp_path / "huge.toml"
    huge.write_text("[tool.llm-adapt]\ntolerance = " + "9" * 5000 + "\n")
    result = invoke("check", str(GOOD), "--config", str(huge))
    assert result.returncode == 2
    assert_clean_failure(result.stderr)
    assert f"{huge}: invalid TOML" in result.stderr


def test_yaml_numbers_are_read_by_the_yaml_12_rules(tmp_path: Path) -> None:
    project = tmp_path / "p.yaml"
    project.write_text("format: 1\nproject: Numbers\nanswers:\n  labeled_examples: 1e3\n"
                       "  baseline_accuracy: .5\n  requests_per_day: +200\n"
                       "  preserve_general_skills: yes\n")
    result = invoke("assess", str(project), "--format", "json")
    assert result.returncode == 0, result.stderr
    table = tmp_path / "t.csv"
    table.write_text("project,labeled_examples\nA,017\nB,1e3\n")
    result = invoke("assess", str(table), "--format", "jsonl")
    assert result.returncode == 2
    assert f"{table}:2: answers.labeled_examples: '017' is not a whole number" in result.stderr
    assert result.stdout.count("\n") == 1




@pytest.mark.parametrize("libyaml", [True, False])
def test_a_control_character_after_accented_text_is_placed_with_or_without_libyaml(
    tmp_path: Path, libyaml: bool
) -> None:
    """The C parser counts bytes, the pure-Python one characters: either way the message
    names the character's line and column (here after three two-byte letters)."""
    project = tmp_path / "p.yaml"
    project.write_text("format: 1\nproject: ééé \x07\n", encoding="utf-8")
    block = "" if libyaml else "sys.modules['yaml._yaml'] = None; "
    code = (f"import runpy, sys; {block}sys.argv = ['llm-adapt', 'assess', {str(project)!r}]; "
            "runpy.run_module('llm_adapt', run_name='__main__')")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=clean_env(), timeout=60)
    assert result.returncode == 2
    assert f"{project}:2:14: invalid YAML: the character '\\x07' is not allowed" \
        in result.stderr


def test_a_boolean_for_a_choice_question_says_how_to_write_the_word(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "q.yaml").write_text(
        "questions:\n  - id: pack_yn\n    section: knowledge\n    type: choice\n"
        "    text: {en: Q?, zh: 问？}\n    hint: {en: h, zh: 提示}\n    help: {en: h, zh: 帮助}\n"
        '    choices:\n      - {value: "yes", text: {en: Y, zh: 是}}\n'
        '      - {value: "no", text: {en: N, zh: 否}}\n'
        '    sources: ["001_15b0010ad0c2ee7e.txt §2.2"]\n'
    )
    project = tmp_path / "p.yaml"
    project.write_text('format: 1\nproject: Y\nanswers:\n  pack_yn: no\n')
    result = invoke("assess", str(project), "--rules", str(pack))
    assert result.returncode == 2
    assert (f"{project}:4:12: answers.pack_yn: unquoted no is read as the boolean false: "
            'write "no" in quotes') in result.stderr
    project.write_text('format: 1\nproject: Y\nanswers:\n  pack_yn: "no"\n')
    assert invoke("assess", str(project), "--rules", str(pack)).returncode == 0
    table = tmp_path / "t.jsonl"
    table.write_text('{"project": "J", "answers": {"budget": true}}\n')
    result = invoke("assess", str(table))
    assert f"{table}:1: answers.budget: the boolean true is not one of low, medium, high" in (
        result.stderr)
