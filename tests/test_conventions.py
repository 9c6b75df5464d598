"""What a user of batch and CI tools expects: parallel runs with the same bytes, output that
streams, progress only on a terminal, -V, shell completion, --color, -q and -v."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, clean_env, console_script, run_cli, run_on_terminal, write

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from projects import random_answers

from llm_adapt.rulebase import load_rulebase


def portfolio(folder: Path, count: int) -> Path:
    """`count` random projects and one invalid file in `folder`, and beside it a CSV table
    of two rows (folder.csv)."""
    rng = random.Random(7)
    rulebase = load_rulebase()
    for i in range(count):
        data = {"format": 1, "project": f"Project {i}", "answers": random_answers(rulebase, rng)}
        write(folder / f"p{i:03}.yaml", yaml.safe_dump(data))
    write(folder / "p050-bad.yaml", "project: Bad\nanswers:\n  budget: cheap\n")
    write(folder.with_suffix(".csv"), "project,budget,timeline\nA,low,days\nB,high,months\n")
    return folder


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_jobs_give_the_same_bytes_as_one_process(tmp_path: Path, fmt: str) -> None:
    folder = portfolio(tmp_path / "p", 24)
    table = str(folder.with_suffix(".csv"))
    one = run_cli("assess", str(folder), table, "--format", fmt, "--jobs", "1")
    two = run_cli("assess", str(folder), table, "--format", fmt, "--jobs", "2")
    every = run_cli("assess", str(folder), table, "--format", fmt, "-j", "0")
    assert one.returncode == two.returncode == every.returncode == 2  # the bad file
    assert "p050-bad.yaml" in one.stderr
    assert one.stdout == two.stdout == every.stdout
    assert one.stderr == two.stderr
    assert one.stdout.count("Project 23") >= 1 and "p.csv:3" in one.stdout


def test_negative_jobs_is_bad_usage(tmp_path: Path) -> None:
    result = run_cli("assess", str(EXAMPLES), "--jobs", "-1")
    assert result.returncode == 2 and "--jobs -1" in result.stderr


def test_reports_stream_before_the_last_input_is_read(tmp_path: Path) -> None:
    """The first project's report can be read while the second input is still being
    written: the batch writes each report as soon as it is scored."""
    first = EXAMPLES / "meeting-notes.yaml"
    read_end, write_end = os.pipe()
    with subprocess.Popen(
        [console_script(), "assess", str(first), f"/dev/fd/{read_end}", "--format", "jsonl"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, pass_fds=(read_end,),
        env=clean_env(), text=True,
    ) as child:
        os.close(read_end)
        assert child.stdout is not None
        line = child.stdout.readline()  # blocks until the first report is written
        assert '"project":"Meeting-notes summariser"' in line
        assert child.poll() is None, "the second input is still open"
        with os.fdopen(write_end, "w") as pipe:
            pipe.write((EXAMPLES / "clinic-discharge.yaml").read_text(encoding="utf-8"))
        rest, errors = child.communicate(timeout=60)
    assert child.returncode == 0, errors
    assert '"project":"Discharge-summary assistant"' in rest


def test_progress_shows_on_a_terminal_and_never_in_a_pipe(tmp_path: Path) -> None:
    folder = portfolio(tmp_path / "p", 6)
    env = {"LLM_ADAPT_PROGRESS_DELAY": "0"}
    status, screen = run_on_terminal("assess", str(folder), "--format", "jsonl",
                                     "--output-dir", str(tmp_path / "out"), env=env)
    assert status == 2 and "Assessing projects" in screen
    status, screen = run_on_terminal("assess", str(folder), "--format", "jsonl", "-q",
                                     "--output-dir", str(tmp_path / "out2"), env=env)
    assert "Assessing projects" not in screen and "reports written" not in screen
    piped = run_cli("assess", str(folder), "--format", "jsonl", env=env)
    assert "Assessing projects" not in piped.stderr + piped.stdout


def test_dash_capital_v_prints_the_version_fast() -> None:
    started = time.monotonic()
    result = subprocess.run([console_script(), "-V"], capture_output=True, text=True,
                            env=clean_env(), check=False)
    assert result.returncode == 0 and result.stdout.startswith("llm-adapt ")
    assert result.stdout == run_cli("--version").stdout
    assert time.monotonic() - started < 5  # a sanity bound; the benchmark measures it


def test_shell_completion_script_is_generated() -> None:
    result = run_cli("--show-completion", "bash")
    assert result.returncode == 0
    assert "complete" in result.stdout and "_LLM_ADAPT_COMPLETE" in result.stdout


def test_color_flag_and_environment() -> None:
    target = str(EXAMPLES / "meeting-notes.yaml")
    assert "\x1b[" in run_cli("assess", target, "--color", "always").stdout
    assert "\x1b[" not in run_cli("assess", target).stdout  # not a terminal
    assert "\x1b[" in run_cli("assess", target, env={"FORCE_COLOR": "1"}).stdout
    both = {"FORCE_COLOR": "1", "NO_COLOR": "1"}
    assert "\x1b[" not in run_cli("assess", target, env=both).stdout
    assert "\x1b[" not in run_cli("check", target, "--color", "never",
                                  env={"FORCE_COLOR": "1"}).stdout
    bad = run_cli("assess", target, "--color", "sometimes")
    assert bad.returncode == 2 and "--color sometimes" in bad.stderr


def test_quiet_and_verbose(tmp_path: Path) -> None:
    target = str(EXAMPLES / "meeting-notes.yaml")
    quiet = run_cli("assess", target, "--format", "json", "-o", str(tmp_path / "r.json"), "-q")
    assert quiet.returncode == 0 and quiet.stdout == "" and (tmp_path / "r.json").exists()
    loud = run_cli("assess", target, "--format", "json", "-v")
    assert "1 project read (0 invalid), 1 process, 0 rule packs" in loud.stderr
    check = run_cli("check", str(EXAMPLES), "-v", "-q", "--format", "json")
    examples = len(list(EXAMPLES.glob("*.yaml")))
    assert f"{examples} proposals checked" in check.stderr
