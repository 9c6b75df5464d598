"""Which files a directory scan reads: --exclude, .gitignore files, empty directories, and
the delimiters of CSV tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_cli, write

from llm_adapt.inputs import Selection, discover

PROJECT = (EXAMPLES / "meeting-notes.yaml").read_text(encoding="utf-8")


def tree(root: Path, files: dict[str, str]) -> Path:
    """Project files (or the given text) at the given paths under root."""
    for name, text in files.items():
        write(root / name, text or PROJECT)
    return root


def found(root: Path, **options: object) -> list[str]:
    names = discover([str(root)], Selection(**options))  # type: ignore[arg-type]
    return [Path(name).relative_to(root).as_posix() for name in names]


def test_exclude_patterns_follow_gitignore_rules(tmp_path: Path) -> None:
    root = tree(tmp_path / "scan", {
        "a.yaml": "", "docker-compose.yml": "", "sub/docker-compose.yml": "",
        "sub/b.yaml": "", "drafts/c.yaml": "", "deep/x/drafts/d.yaml": "",
        "keep/e.yaml": "", "keep/f.yaml": "", "top.yaml": "", "sub/top.yaml": "",
    })
    everything = found(root, respect_gitignore=False)
    assert len(everything) == 10
    # No slash: any depth. Trailing slash: directories only. Leading slash: the scanned
    # directory only. `**`: any number of folders. `!`: back in.
    assert found(root, exclude=["docker-compose.yml"]) == [
        n for n in everything if not n.endswith("docker-compose.yml")]
    assert found(root, exclude=["drafts/"]) == [n for n in everything if "drafts" not in n]
    assert found(root, exclude=["/drafts"]) == [n for n in everything if n != "drafts/c.yaml"]
    assert found(root, exclude=["/top.yaml"]) == [n for n in everything if n != "top.yaml"]
    assert found(root, exclude=["**/x/**"]) == [n for n in everything if "/x/" not in n]
    assert found(root, exclude=["keep/*", "!keep/f.yaml"]) == [
        n for n in everything if n != "keep/e.yaml"]
    assert found(root, exclude=["*.yaml"]) == ["docker-compose.yml", "sub/docker-compose.yml"]


def test_gitignore_files_apply_below_their_directory(tmp_path: Path) -> None:
    root = tree(tmp_path / "scan", {
        "a.yaml": "", "build/out.yaml": "", "sub/b.yaml": "", "sub/gen.yaml": "",
        "sub/inner/gen.yaml": "", "sub/inner/keep.yaml": "", "other/gen.yaml": "",
    })
    write(root / ".gitignore", "build/\n# a comment\n*.tmp\n")
    write(root / "sub" / ".gitignore", "gen.yaml\n")
    write(root / "sub" / "inner" / ".gitignore", "!gen.yaml\nkeep.yaml\n")
    assert found(root) == ["a.yaml", "other/gen.yaml", "sub/b.yaml", "sub/inner/gen.yaml"]
    assert len(found(root, respect_gitignore=False)) == 7


def test_a_stray_compose_file_fails_the_batch_until_excluded(tmp_path: Path) -> None:
    root = tree(tmp_path / "scan", {"a.yaml": "", "docker-compose.yml": "services: {}\n"})
    failing = run_cli("assess", str(root), "--format", "jsonl")
    assert failing.returncode == 2 and "docker-compose.yml" in failing.stderr
    for args in (["--exclude", "docker-compose.yml"], ["--exclude", "docker-compose.*"]):
        passing = run_cli("assess", str(root), "--format", "jsonl", *args)
        assert passing.returncode == 0, passing.stderr
        assert passing.stderr == "" and len(passing.stdout.splitlines()) == 1
    gate = run_cli("check", str(root), "--exclude", "docker-compose.yml", "--format", "json")
    assert "docker-compose" not in gate.stdout + gate.stderr


def test_gitignore_is_respected_by_default_and_can_be_turned_off(tmp_path: Path) -> None:
    root = tree(tmp_path / "scan", {"a.yaml": "", "docker-compose.yml": "services: {}\n"})
    write(root / ".gitignore", "docker-compose.yml\n")
    assert run_cli("assess", str(root), "--format", "jsonl").returncode == 0
    off = run_cli("assess", str(root), "--format", "jsonl", "--no-respect-gitignore")
    assert off.returncode == 2 and "docker-compose.yml" in off.stderr
    gate = run_cli("check", str(root), "--no-respect-gitignore", "--format", "json")
    assert gate.returncode == 2


def test_a_file_named_on_the_command_line_is_always_read(tmp_path: Path) -> None:
    root = tree(tmp_path / "scan", {"a.yaml": "", "ignored.yaml": ""})
    write(root / ".gitignore", "ignored.yaml\n")
    named = str(root / "ignored.yaml")
    result = run_cli("assess", str(root), named, "--format", "jsonl", "--exclude", "*.yaml")
    sources = [json.loads(line)["source"] for line in result.stdout.splitlines()]
    assert sources == [named]
    assert f"{root}: no project files" in result.stderr  # everything in it was excluded


def test_an_empty_directory_is_reported_and_fails_only_alone(tmp_path: Path) -> None:
    root = tree(tmp_path / "scan", {"a.yaml": ""})
    empty = tmp_path / "empty"
    empty.mkdir()
    mixed = run_cli("assess", str(empty), str(root), "--format", "jsonl")
    assert mixed.returncode == 0 and len(mixed.stdout.splitlines()) == 1
    assert mixed.stderr == f"{empty}: no project files (*.yaml, *.yml) found\n"
    alone = run_cli("assess", str(empty))
    assert alone.returncode == 2
    assert f"{empty}: no project files (*.yaml, *.yml) found" in alone.stderr
    gate = run_cli("check", str(empty))
    assert gate.returncode == 2 and gate.stdout == ""
    assert f"no proposals found in {empty}" in gate.stderr
    both = run_cli("check", str(empty), str(root), "--format", "json")
    assert both.returncode in (0, 1) and f"{empty}: no project files" in both.stderr


TABLE = [["project", "budget", "timeline"], ["A", "low", "days"], ["B", "high", "months"]]


@pytest.mark.parametrize(("name", "delimiter"), [
    ("t.csv", ","), ("t.csv", ";"), ("t.csv", "\t"), ("t.tsv", "\t"),
])
def test_csv_tables_with_commas_semicolons_or_tabs(tmp_path: Path, name: str,
                                                   delimiter: str) -> None:
    table = write(tmp_path / name,
                  "".join(delimiter.join(row) + "\n" for row in TABLE))
    result = run_cli("assess", str(table), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["project"] for r in rows] == ["A", "B"]
    assert [r["source"] for r in rows] == [f"{table}:2", f"{table}:3"]


def test_a_semicolon_table_keeps_commas_inside_cells(tmp_path: Path) -> None:
    table = write(tmp_path / "t.csv",
                  'project;description;budget\n"Bot, v2";"Answers, with links";low\n')
    result = run_cli("assess", str(table), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["project"] == "Bot, v2"


def test_a_one_column_table_still_reads(tmp_path: Path) -> None:
    table = write(tmp_path / "t.csv", "project\nSolo\n")
    result = run_cli("assess", str(table), "--format", "jsonl")
    assert result.returncode == 0 and json.loads(result.stdout)["project"] == "Solo"
