"""Text output fits the width it claims: at 100 and at 60 columns, in both languages, no line
of an `assess` report, the batch summary or `check` is wider (a single word wider than the
line, such as a long URL or path, sits alone on its own), none ends in spaces, and a path
is never broken. The one exception is by design: a finding, `file:line:col: message`, stays
on one line, as compilers and linters print them, for editors, problem matchers and grep.
Scores are printed one way everywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_cli, write
from rich.cells import cell_len

from llm_adapt.numeric import score_text

FINDING = re.compile(r"^\S+:\d+(?::\d+)?: ")
LONG = "a-rather-long-folder-name-for-proposals/with-a-nested-team-folder"


def check_lines(text: str, width: int, paths: list[str]) -> None:
    for line in text.splitlines():
        assert line == line.rstrip(), f"trailing spaces: {line!r}"
        if cell_len(line) > width and not FINDING.match(line):
            assert len(line.split()) == 1, f"{cell_len(line)} cells > {width}: {line!r}"
    for path in paths:
        # Each path is whole on one line, wherever the layout puts it.
        assert path in text, path


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("w")
    names = []
    for example in sorted(EXAMPLES.glob("*.yaml")):
        target = write(root / LONG / example.name, example.read_text(encoding="utf-8"))
        names.append(str(target))
    return root, names


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", [100, 60])
def test_assess_and_summary_fit(portfolio: tuple[Path, list[str]], width: int, lang: str) -> None:
    root, names = portfolio
    result = run_cli("assess", str(root), "--lang", lang, env={"COLUMNS": str(width)})
    assert result.returncode == 0, result.stderr
    check_lines(result.stdout, width, names)
    summary = run_cli("assess", str(root), "--lang", lang, "--output-dir",
                      str(root.parent / f"out-{width}-{lang}"), env={"COLUMNS": str(width)})
    check_lines(summary.stdout, width, names)
    assert re.search(r"^\d+ reports written to\b", summary.stdout, re.MULTILINE) or lang == "zh"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", [100, 60])
def test_check_fits(portfolio: tuple[Path, list[str]], width: int, lang: str) -> None:
    root, names = portfolio
    result = run_cli("check", str(root), "--lang", lang, env={"COLUMNS": str(width)})
    assert result.returncode == 0, result.stderr
    check_lines(result.stdout, width, names)
    # The findings are there, one line each.
    assert len([line for line in result.stdout.splitlines() if FINDING.match(line)]) == 2


def test_one_report_at_100_columns_keeps_its_layout() -> None:
    """At the default width the header and the finding lines stay on one line each when
    they fit (the layout only changes where it must)."""
    result = run_cli("assess", str(EXAMPLES / "clinic-discharge.yaml"))
    assert ("Recommendation: Fine-tuning   confidence high · margin 31.4 · planned: "
            "Fine-tuning\n") in result.stdout


def test_scores_are_printed_one_way() -> None:
    assert [score_text(v) for v in (86.4, 5, 0, 42.55)] == ["86.4", "5.0", "0.0", "42.5"]
    report = run_cli("assess", str(EXAMPLES / "ticket-router.yaml")).stdout
    gate = run_cli("check", str(EXAMPLES / "ticket-router.yaml")).stdout
    # The ticket router's scores: 66.8 as a score in the report and in the gate's table.
    assert "66.8" in report and "fine_tuning (66.8)" in gate
    numbers = re.findall(r"(?<![\d.])\d+\.\d+(?![\d.])", gate)
    assert numbers and all(re.fullmatch(r"\d+\.\d", n) for n in numbers)


def test_counts_read_as_english() -> None:
    one = run_cli("assess", str(EXAMPLES / "meeting-notes.yaml"), "-v", "--format", "json")
    assert "1 project read (0 invalid), 1 process, 0 rule packs" in one.stderr
    many = run_cli("check", str(EXAMPLES), "-v", "-q", "--format", "json")
    assert "(s)" not in many.stderr and "proposals checked" in many.stderr
