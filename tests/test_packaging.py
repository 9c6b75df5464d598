"""The wheel carries the rule base and the templates as package data."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT


def test_wheel_contains_rules_and_templates(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("llm_adapt-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    rule_files = {p.name for p in (ROOT / "rules").glob("*.yaml")}
    assert rule_files, "the repository has rule files"
    for name in rule_files:
        assert f"llm_adapt/rules/{name}" in names
    for template in (ROOT / "src" / "llm_adapt" / "templates").iterdir():
        assert f"llm_adapt/templates/{template.name}" in names
    assert any(n.endswith("entry_points.txt") for n in names)
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


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "llm_adapt", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and result.stdout.startswith("llm-adapt ")
