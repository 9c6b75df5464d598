"""The wheel carries the rule base and the templates as package data."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT, clean_env


def test_wheel_contains_rules_and_templates(tmp_path: Path) -> None:
    # pip builds in a fresh environment it installs the build backend into (seconds, and the
    # package index); when the backend is already installed here, build with that instead.
    isolation = [] if importlib.util.find_spec("hatchling") is None else ["--no-build-isolation"]
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", *isolation, "-w",
         str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("llm_adapt-*.whl")
    archive = zipfile.ZipFile(wheel)
    names = set(archive.namelist())
    rule_files = {p.name for p in (ROOT / "rules").glob("*.yaml")}
    assert rule_files, "the repository has rule files"
    for name in rule_files:
        assert f"llm_adapt/rules/{name}" in names
    for template in (ROOT / "src" / "llm_adapt" / "templates").iterdir():
        assert f"llm_adapt/templates/{template.name}" in names
    # The console script users run is declared.
    (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    scripts = archive.read(entry_points).decode()
    assert "[console_scripts]" in scripts and "llm-adapt = llm_adapt.__main__:main" in scripts
    assert "llm_adapt/py.typed" in names  # type checkers read the package's hints
    assert any(n.endswith("licenses/LICENSE") for n in names)


def test_the_rule_base_is_package_data_in_the_source_tree_too() -> None:
    """An editable install (`pip install -e .`) imports the package from src/, so the rule
    base must be there, not only copied into the wheel; the top-level `rules` points at it."""
    package_rules = ROOT / "src" / "llm_adapt" / "rules"
    assert package_rules.is_dir() and not package_rules.is_symlink()
    assert (ROOT / "rules").resolve() == package_rules.resolve()
    from importlib.resources import files

    assert files("llm_adapt").joinpath("rules", "10-questions.yaml").is_file()


def test_python_dash_m_runs_the_cli_and_prints_names_that_are_not_utf8(tmp_path: Path) -> None:
    """`python -m llm_adapt` runs the CLI's entry point, which sets up the real standard
    streams: a file name that is not UTF-8 reaches Python as lone surrogates, and is printed
    escaped instead of crashing the report (only a real process has such streams)."""
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.yaml"), "wb") as good:
        good.write(b"project: Cafe\nanswers:\n  external_knowledge: essential\n")
    with open(os.path.join(folder, b"bad\xe9.yaml"), "wb") as bad:
        bad.write(b"project: [x\n")
    result = subprocess.run([sys.executable, "-m", "llm_adapt", "assess", str(tmp_path)],
                            capture_output=True, text=True, check=False, env=clean_env())
    assert result.returncode == 2
    assert "caf\\xe9.yaml" in result.stdout and "Recommendation:" in result.stdout
    assert "bad\\xe9.yaml:2:1: invalid YAML" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
