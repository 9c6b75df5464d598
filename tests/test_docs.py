"""The README documents what the program has: every command and every question."""

from __future__ import annotations

import re

from conftest import ROOT, run_cli

from llm_adapt.rulebase import load_rulebase

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    """The commands `llm-adapt --help` lists under Commands:."""
    help_text = run_cli("--help").stdout
    section = help_text.split("Commands:", 1)[1]
    return re.findall(r"^  ([a-z][a-z-]+)\s{2,}", section, flags=re.MULTILINE)


def test_every_command_has_help_and_is_documented() -> None:
    import typer.main

    from llm_adapt.cli import app, command_names

    group = typer.main.get_command(app)
    registered = {name: group.get_command(None, name)  # type: ignore[attr-defined]
                  for name in command_names()}
    commands = _commands()
    assert sorted(commands) == sorted(registered)
    for command in commands:
        result = run_cli(command, "--help")
        assert result.returncode == 0, command
        assert f"Usage: llm-adapt {command}" in " ".join(result.stdout.split())
        # The help lists every option the command takes.
        for param in registered[command].params:
            for flag in param.opts:
                if flag.startswith("--"):
                    assert flag in result.stdout, (command, flag)
        assert f"llm-adapt {command}" in README, f"README does not show `llm-adapt {command}`"


def test_every_question_is_in_the_readme_table() -> None:
    for qid in load_rulebase().questions:
        assert f"| `{qid}` |" in README, qid


def test_quick_start_has_two_commands_and_ci_runs_the_test_one() -> None:
    start = README.index("## Quick start")
    section = README[start : README.index("\n## ", start + 1)]
    commands = re.findall(r"```sh\n(.+?)\n```", section)
    assert len(commands) == 2
    assert "llm-adapt assess examples/" in commands[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci


def test_the_report_excerpt_is_real_output() -> None:
    start = README.index("```text\nDischarge-summary")
    excerpt = README[start + len("```text\n") : README.index("```", start + 8)]
    shown = run_cli("assess", "examples/clinic-discharge.yaml", cwd=ROOT).stdout
    lines = shown.splitlines()
    for line in excerpt.splitlines():
        if line.strip() and line.strip() != "...":
            assert line in lines, f"README shows a line the program does not print: {line!r}"


def test_the_worked_example_is_real_output() -> None:
    start = README.index("### A worked example")
    block = README.index("```text\n", start)
    excerpt = README[block + len("```text\n") : README.index("```", block + 8)]
    shown = run_cli("assess", "examples/claims-classifier.yaml", cwd=ROOT).stdout
    flat = " ".join(shown.split())
    for line in excerpt.splitlines():
        assert " ".join(line.split()) in flat, line
    data = run_cli("assess", "examples/claims-classifier.yaml", "--format", "json", cwd=ROOT)
    assert '"question": "baseline_accuracy",\n      "answer": 0.49' in data.stdout


def test_the_interview_transcript_is_a_real_session() -> None:
    """docs/interview-transcript.md shows what the sessions it documents print today
    (`python tests/transcript.py` rewrites it after an intended change)."""
    from transcript import console, documented

    assert console() == documented()
