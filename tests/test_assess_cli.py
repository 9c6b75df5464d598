"""`llm-adapt assess` end to end: in-process through the typer app, and colour on a real
terminal through the console script (file names that are not UTF-8: test_packaging.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import EXAMPLES, run_cli, run_on_terminal, write

CONTRACT_KEYS = {
    "source",
    "project",
    "recommendation",
    "scores",
    "ranking",
    "margin",
    "confidence",
    "blocked",
    "reasons",
    "unanswered",
    "fine_tuning_plan",
    "what_if",
    "next_steps",
}
APPROACHES = {"prompting", "rag", "fine_tuning", "hybrid"}

GOOD = """\
format: 1
project: Ticket triage
answers:
  external_knowledge: none
  style_control: none
  output_format: strict
  domain_gap: some
  labeled_examples: 4000
  label_quality: high
  task_diversity: single
  baseline_accuracy: 0.4
  requests_per_day: 200000
  model_access: open_weights
  model_size_b: 7
  gpu_memory_gb: 24
  budget: medium
  timeline: weeks
  ml_expertise: some
"""


def test_jsonl_on_examples_has_every_contract_key() -> None:
    result = run_cli("assess", str(EXAMPLES), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == len(list(EXAMPLES.glob("*.yaml"))) >= 6
    for row in rows:
        assert set(row) >= CONTRACT_KEYS, CONTRACT_KEYS - set(row)
        assert set(row["scores"]) == APPROACHES
        assert row["recommendation"] == row["ranking"][0]
        assert all(0 <= s <= 100 for s in row["scores"].values())
        assert row["reasons"], "every assessment explains itself"
        for reason in row["reasons"]:
            assert reason["rationale"]
            # A reason cites its sources, each resolved to a registry entry with a URL, or is
            # marked as the tool's own heuristic.
            assert bool(reason["sources"]) != reason["heuristic"]
            assert len(reason["citations"]) == len(reason["sources"])
            for citation in reason["citations"]:
                assert citation["url"].startswith("https://") and citation["title"]
        assert row["stages"][0]["approach"] == row["recommendation"] == row["ranking"][0]
    # The examples cover all four approaches.
    assert {row["recommendation"] for row in rows} == APPROACHES


def test_json_on_one_file_prints_one_object() -> None:
    result = run_cli("assess", str(EXAMPLES / "clinic-discharge.yaml"), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    assert data["project"] == "Discharge-summary assistant"
    assert data["fine_tuning_plan"]["method"] in {"full", "lora", "qlora"}
    assert data["fine_tuning_plan"]["fits_gpu"] is True


def test_text_report_shows_verdict_reasons_sources_and_next_steps(tmp_path: Path) -> None:
    project = write(tmp_path / "triage.yaml", GOOD)
    result = run_cli("assess", str(project))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Recommendation: Fine-tuning" in out
    assert "█" in out  # a score bar per approach
    assert "format.strict (output_format = strict)" in out
    assert "meta-finetune-or-not §1.1" in out
    assert "What would change the advice" in out
    assert "Next steps" in out
    assert "\x1b[" not in out  # not a terminal: no escape codes


def test_unmeasured_prompting_makes_measuring_it_the_first_step(tmp_path: Path) -> None:
    project = write(tmp_path / "p.yaml", GOOD.replace("  baseline_accuracy: 0.4\n", ""))
    data = json.loads(run_cli("assess", str(project), "--format", "json").stdout)
    assert "baseline_accuracy" in data["unanswered"]
    assert data["next_steps"][0].startswith("Measure a prompting baseline")
    assert any(r["rule"].startswith("icl.unmeasured") for r in data["reasons"])


def test_output_is_deterministic(tmp_path: Path) -> None:
    first = run_cli("assess", str(EXAMPLES), "--format", "json")
    second = run_cli("assess", str(EXAMPLES), "--format", "json")
    assert first.stdout == second.stdout
    md1 = run_cli("assess", str(EXAMPLES / "legal-research.yaml"), "--format", "markdown")
    md2 = run_cli("assess", str(EXAMPLES / "legal-research.yaml"), "--format", "markdown")
    assert md1.stdout == md2.stdout and md1.stdout.startswith("# Case-law research memos")


def test_bad_file_in_a_batch_is_reported_and_the_rest_still_assessed(tmp_path: Path) -> None:
    write(tmp_path / "a_good.yaml", GOOD)
    write(tmp_path / "b_bad.yaml", GOOD.replace("budget: medium", "budget: cheap"))
    write(tmp_path / "c_broken.yaml", "project: x\nanswers: [unclosed\n")
    write(tmp_path / "d_good.yaml", GOOD.replace("Ticket triage", "Second"))
    result = run_cli("assess", str(tmp_path), "--format", "jsonl")
    assert result.returncode == 2
    projects = [json.loads(line)["project"] for line in result.stdout.splitlines()]
    assert projects == ["Ticket triage", "Second"]
    bad = (tmp_path / "b_bad.yaml").as_posix()
    assert f"{bad}:16:11: answers.budget: 'cheap' is not one of low, medium, high" in result.stderr
    assert "c_broken.yaml:3:1: invalid YAML" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_question_gets_did_you_mean(tmp_path: Path) -> None:
    project = write(tmp_path / "p.yaml", GOOD.replace("budget: medium", "budjet: medium"))
    result = run_cli("assess", str(project))
    assert result.returncode == 2
    assert (
        "p.yaml:16:3: answers: unknown question 'budjet' (did you mean 'budget'?)" in result.stderr
    )


def test_envelope_errors(tmp_path: Path) -> None:
    project = write(tmp_path / "p.yaml", "format: 2\nanswers:\n  budget: low\nplanned: rag\n")
    result = run_cli("assess", str(project))
    assert result.returncode == 2
    err = result.stderr
    assert "p.yaml:1:9: format: format 2 is not supported" in err
    assert "unknown key 'planned' (did you mean 'planned_approach'?)" in err
    assert "project: is required" in err


def test_missing_file_and_empty_directory(tmp_path: Path) -> None:
    result = run_cli("assess", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2
    assert "nope.yaml: no such file" in result.stderr
    (tmp_path / "empty").mkdir()
    result = run_cli("assess", str(tmp_path / "empty"))
    assert result.returncode == 2
    assert "no project files found" in result.stderr


def test_stdin(tmp_path: Path) -> None:
    result = run_cli("assess", "-", "--format", "json", input=GOOD)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["source"] == "<stdin>"


def test_jsonl_and_csv_tables(tmp_path: Path) -> None:
    rows = [
        {
            "project": "A",
            "answers": {
                "external_knowledge": "essential",
                "knowledge_change": "continuous",
                "labeled_examples": 0,
            },
        },
        {"project": "B", "answers": {"budget": "free"}},
        {"project": "C", "answers": {"external_knowledge": "none", "timeline": "days"}},
    ]
    table = write(tmp_path / "t.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    result = run_cli("assess", str(table), "--format", "jsonl")
    assert result.returncode == 2
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(o["source"].rsplit(":", 1)[1], o["recommendation"]) for o in out] == [
        ("1", "rag"),
        ("3", "prompting"),
    ]
    assert "t.jsonl:2: answers.budget: 'free' is not one of low, medium, high" in result.stderr

    csv_text = (
        "project,external_knowledge,knowledge_change,labeled_examples,"
        "preserve_general_skills,baseline_accuracy\n"
        "Wiki,essential,periodic,0,yes,\n"
        "Sentiment,none,,4000,no,0.3\n"
        "Broken,none,,many,no,\n"
    )
    csv_file = write(tmp_path / "t.csv", csv_text)
    result = run_cli("assess", str(csv_file), "--format", "jsonl")
    assert result.returncode == 2
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["source"] for o in out] == [f"{csv_file.as_posix()}:2", f"{csv_file.as_posix()}:3"]
    assert out[0]["recommendation"] == "rag"
    assert "baseline_accuracy" in out[0]["unanswered"]  # an empty cell is unanswered
    assert "t.csv:4: answers.labeled_examples: 'many' is not a whole number" in result.stderr

    bad_header = write(tmp_path / "h.csv", "project,budgte\nX,low\n")
    result = run_cli("assess", str(bad_header))
    assert result.returncode == 2
    assert "h.csv:1:2: unknown column 'budgte' (did you mean 'budget'?)" in result.stderr


def test_set_overrides_an_answer_for_a_what_if(tmp_path: Path) -> None:
    project = write(tmp_path / "p.yaml", GOOD)
    base = json.loads(run_cli("assess", str(project), "--format", "json").stdout)
    assert base["recommendation"] == "fine_tuning"
    flipped = json.loads(
        run_cli("assess", str(project), "--format", "json", "--set", "model_access=api_only").stdout
    )
    assert flipped["recommendation"] != "fine_tuning"
    assert flipped["blocked"]["fine_tuning"]
    result = run_cli("assess", str(project), "--set", "budget=cheap")
    assert result.returncode == 2
    assert "--set budget=cheap: 'cheap' is not one of low, medium, high" in result.stderr
    result = run_cli("assess", str(project), "--set", "budegt=low")
    assert "did you mean 'budget'" in result.stderr and result.returncode == 2


def test_set_leaves_a_trace_in_every_report(tmp_path: Path) -> None:
    """A what-if report names the answers `--set` replaced; the JSON records them, and every
    JSON report records the tool's version and the rule base it used."""
    from llm_adapt._version import __version__
    from llm_adapt.rulebase import load_rulebase

    project = str(write(tmp_path / "p.yaml", GOOD))
    sets = ["--set", "model_access=api_only", "--set", "labeled_examples=10000",
            "--set", "baseline_accuracy="]
    data = json.loads(run_cli("assess", project, "--format", "json", *sets).stdout)
    assert data["overrides"] == {"model_access": "api_only", "labeled_examples": 10000,
                                 "baseline_accuracy": None}
    assert data["tool_version"] == __version__
    assert data["rulebase_fingerprint"] == load_rulebase().fingerprint
    assert re.fullmatch(r"sha256:[0-9a-f]{16}", data["rulebase_fingerprint"])
    line = json.loads(run_cli("assess", project, "--format", "jsonl", *sets).stdout)
    assert line["overrides"] == data["overrides"]
    text = run_cli("assess", project, *sets).stdout
    head = text.split("\n\n", 1)[0].splitlines()
    assert head[2:] == [
        "what-if: model_access = api_only (set on the command line)",
        "what-if: labeled_examples = 10000 (set on the command line)",
        "what-if: baseline_accuracy left unanswered (set on the command line)",
    ]
    markdown = run_cli("assess", project, "--format", "markdown", *sets[:2]).stdout
    assert "\n- what-if: model_access = api_only (set on the command line)\n" in markdown
    zh = run_cli("assess", project, "--lang", "zh", *sets[:2]).stdout
    assert "假设：model_access = api_only（由命令行设定）" in zh
    plain = run_cli("assess", project).stdout
    assert "what-if:" not in plain
    assert json.loads(run_cli("assess", project, "--format", "json").stdout)["overrides"] == {}


def test_a_listed_what_if_really_changes_the_advice_through_set() -> None:
    example = EXAMPLES / "legal-research.yaml"
    data = json.loads(run_cli("assess", str(example), "--format", "json").stdout)
    assert data["what_if"], "the hybrid example has answers that would change its advice"
    change = data["what_if"][0]
    again = json.loads(
        run_cli(
            "assess",
            str(example),
            "--format",
            "json",
            "--set",
            f"{change['question']}={change['answer']}",
        ).stdout
    )
    assert again["recommendation"] == change["recommendation"]


def test_output_file_and_output_dir(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.md"
    result = run_cli(
        "assess",
        str(EXAMPLES / "meeting-notes.yaml"),
        "--format",
        "markdown",
        "--output",
        str(target),
    )
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("# Meeting-notes summariser")
    assert "report written to" in result.stdout
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]

    result = run_cli("assess", str(EXAMPLES), "--output", str(tmp_path / "x.txt"))
    assert result.returncode == 2 and "use --output-dir" in result.stderr

    out_dir = tmp_path / "reports"
    result = run_cli("assess", "examples", "--format", "json", "--output-dir", str(out_dir),
                     cwd=EXAMPLES.parent)
    assert result.returncode == 0, result.stderr
    examples = sorted(EXAMPLES.glob("*.yaml"))
    written = sorted(p.name for p in out_dir.iterdir() if not p.name.startswith("."))
    assert (out_dir / ".llm-adapt-reports.json").is_file()  # what llm-adapt may overwrite
    assert written == sorted([*(f"{p.stem}.json" for p in examples), "summary.json",
                              "summary.md"])
    summary = json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))
    assert [row["source"] for row in summary] == [f"examples/{p.name}" for p in examples]
    rows = result.stdout.splitlines()
    for row, example in zip(summary, examples, strict=True):
        # One report per project, the same advice as the summary ...
        report = json.loads((out_dir / f"{example.stem}.json").read_text(encoding="utf-8"))
        assert (report["project"], report["recommendation"], report["margin"]) == (
            row["project"], row["recommendation"], row["margin"])
        # ... and the terminal's summary has a row saying so, the project's name under it.
        (index,) = [i for i, r in enumerate(rows) if row["source"] in r]
        line = rows[index]
        assert f"{row['margin']}" in line and row["confidence"] in line, line
        assert rows[index + 1].strip() == report["project"]
    # The note may put a long path on a line of its own: compare the words.
    assert f"{len(examples)} reports written to {out_dir}" in " ".join(result.stdout.split())


def test_chinese_report() -> None:
    result = run_cli("assess", str(EXAMPLES / "saas-support-docs.yaml"), "--lang", "zh")
    assert result.returncode == 0, result.stderr
    assert "建议: 检索增强生成（RAG）" in result.stdout
    # The reasons and next steps are the Chinese ones (the text wraps them, so compare
    # without white space).
    data = json.loads(run_cli("assess", str(EXAMPLES / "saas-support-docs.yaml"), "--lang",
                              "zh", "--format", "json").stdout)
    shown = "".join(result.stdout.split())
    for text in [r["rationale"] for r in data["reasons"]] + data["next_steps"]:
        assert re.search(r"[\u4e00-\u9fff]", text), text
        assert "".join(text.split()) in shown, text
    env_lang = run_cli(
        "assess", str(EXAMPLES / "saas-support-docs.yaml"), env={"LLM_ADAPT_LANG": "zh"}
    )
    assert env_lang.stdout == result.stdout


def test_colour_on_a_terminal_unless_no_color() -> None:
    example = str(EXAMPLES / "ticket-router.yaml")
    assert run_on_terminal("assess", example, env={"TERM": "xterm"})[1].count("\x1b[") > 0
    code, shown = run_on_terminal("assess", example, env={"TERM": "xterm", "NO_COLOR": "1"})
    assert code == 0 and "\x1b[" not in shown
    assert "\x1b[" not in run_cli("assess", str(EXAMPLES / "ticket-router.yaml")).stdout


def test_yaml_aliases_are_refused_without_blowing_up(tmp_path: Path) -> None:
    lines = ["project: bomb", "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    write(tmp_path / "a_bomb.yaml", "\n".join(lines) + "\n")
    write(tmp_path / "b_loop.yaml", "project: x\nanswers: &a {b: *a}\n")
    write(tmp_path / "c_good.yaml", GOOD)
    result = run_cli("assess", str(tmp_path), "--format", "jsonl")
    assert result.returncode == 2
    assert "a_bomb.yaml:3:5: YAML anchors and aliases are not supported here" in result.stderr
    assert "b_loop.yaml:2:14: YAML anchors and aliases are not supported here" in result.stderr
    assert [json.loads(line)["project"] for line in result.stdout.splitlines()] == ["Ticket triage"]


def test_tables_from_spreadsheets_and_odd_text(tmp_path: Path) -> None:
    bom_csv = write(tmp_path / "bom.csv", "\ufeffproject,budget\nA,low\n")
    result = run_cli("assess", str(bom_csv), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    row = {"project": "B\u2028C", "answers": {"budget": "low"}}
    jsonl = write(tmp_path / "t.jsonl", "\ufeff" + json.dumps(row, ensure_ascii=False) + "\n"
                  + json.dumps({"project": "D", "answers": {"budget": "x"}}) + "\n")
    result = run_cli("assess", str(jsonl), "--format", "jsonl")
    assert result.returncode == 2
    assert json.loads(result.stdout)["project"] == "B\u2028C"
    assert "t.jsonl:2: answers.budget" in result.stderr  # the line number is right
    nul = write(tmp_path / "nul.csv", "project,budget\nA,lo\x00w\n")
    big = write(tmp_path / "big.yaml", "project: Big\nanswers:\n  labeled_examples: " +
                "9" * 400 + "\n")
    result = run_cli("assess", str(nul), str(big), str(bom_csv), "--format", "jsonl")
    assert result.returncode == 2
    assert "internal error" not in result.stderr
    assert "big.yaml:3:21: answers.labeled_examples:" in result.stderr
    assert "is too large" in result.stderr
    assert [json.loads(x)["project"] for x in result.stdout.splitlines()][-1] == "A"


def test_output_dir_with_nothing_to_assess_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run_cli("assess", str(tmp_path / "empty"), "--output-dir", str(tmp_path / "out"))
    assert result.returncode == 2 and "no project files found" in result.stderr
    assert not (tmp_path / "out").exists()


def test_version_and_help() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("llm-adapt ")
    result = run_cli("assess", "--help")
    assert result.returncode == 0
    for option in ("--format", "--output", "--output-dir", "--set", "--rules", "--lang"):
        assert option in result.stdout
    result = run_cli("assess", "--format", "pdf", "x.yaml")
    assert result.returncode == 2


def test_hostile_text_is_refused_or_escaped(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", 'project: "red\\e[31m alert"\n')
    write(tmp_path / "b.yaml", 'project: "   "\n')
    injected = '"budget\\n::warning file=e.yaml::INJECTED": low'
    write(tmp_path / "c.yaml", f"project: x\nanswers:\n  {injected}\n")
    write(tmp_path / "d.yaml", "!!python/object:os.system\nproject: T\n")
    write(tmp_path / "e.yaml", "project: T\nanswers: !custom\n  budget: low\n")
    write(tmp_path / "f.yaml", "project: T\nanswers:\n  <<: {budget: low}\n")
    result = run_cli("assess", str(tmp_path))
    assert result.returncode == 2 and result.stdout == ""
    err = result.stderr
    assert "a.yaml:1:10: project: must be one line without control characters" in err
    assert "b.yaml:1:10: project: must not be blank" in err
    assert "unknown question 'budget\\n::warning file=e.yaml::INJECTED'" in err
    assert not any(line.startswith("::") for line in err.splitlines())
    assert "d.yaml:1:1: the YAML tag tag:yaml.org,2002:python/object:os.system" in err
    assert "e.yaml:2:10: the YAML tag !custom is not supported here" in err
    assert "f.yaml:3:3: YAML merge keys (<<) are not supported here" in err
    assert "\x1b" not in err


def test_standard_input_edge_cases() -> None:
    result = run_cli("assess", "-", input=None)
    assert result.returncode == 2
    twice = run_cli("assess", "-", "-", input=GOOD)
    assert twice.returncode == 2 and "standard input (-) can be read only once" in twice.stderr
    latin1 = run_cli("assess", "-", input=b"project: caf\xe9\n")
    assert latin1.returncode == 2
    assert "<stdin>:1:13: not UTF-8 text (byte 0xe9)" in latin1.stderr


def test_output_dir_keeps_a_project_called_summary(tmp_path: Path) -> None:
    write(tmp_path / "in" / "summary.yaml", GOOD)
    write(tmp_path / "in" / "other.yaml", GOOD.replace("Ticket triage", "Other"))
    result = run_cli("assess", str(tmp_path / "in"), "-f", "markdown",
                     "--output-dir", str(tmp_path / "md"))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "md").iterdir() if not p.name.startswith("."))
    assert names == ["other.md", "summary-2.md", "summary.md"]
    assert (tmp_path / "md" / "summary-2.md").read_text().startswith("# Ticket triage")
    write(tmp_path / "afile", "")
    result = run_cli("assess", str(tmp_path / "in"), "--output-dir", str(tmp_path / "afile"))
    assert result.returncode == 2 and "not a directory" in result.stderr


def test_tables_refuse_duplicates_and_report_where_a_record_starts(tmp_path: Path) -> None:
    write(tmp_path / "d.csv", "project,budget,budget\nA,low,high\n")
    write(tmp_path / "d.jsonl", '{"project":"A","answers":{"budget":"low","budget":"high"}}\n')
    write(tmp_path / "m.csv", 'project,description,budget\nA,"line1\nline2",lo\n')
    result = run_cli("assess", *(str(tmp_path / n) for n in ("d.csv", "d.jsonl", "m.csv")))
    assert result.returncode == 2
    assert "d.csv:1:3: duplicate column 'budget'" in result.stderr
    assert "d.jsonl:1: duplicate key 'budget'" in result.stderr
    assert "m.csv:2: answers.budget: 'lo' is not one of" in result.stderr
