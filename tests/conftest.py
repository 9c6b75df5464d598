"""Shared test helpers: run the installed console script as a user would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CASES = DATA / "cases"
EXAMPLES = ROOT / "examples"


def console_script() -> str:
    """The installed `llm-adapt` next to this interpreter (tests run what users run)."""
    candidate = Path(sys.executable).parent / "llm-adapt"
    found = str(candidate) if candidate.exists() else shutil.which("llm-adapt")
    if not found:
        pytest.fail("the llm-adapt console script is not installed; run `pip install '.[test]'`")
    return found


def clean_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LLM_ADAPT_", "GITHUB_"))}
    env.pop("NO_COLOR", None)
    env["COLUMNS"] = "100"
    if extra:
        env.update(extra)
    return env


def run_cli(
    *args: str,
    input: str | None = None,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `llm-adapt ARGS...` in a subprocess and capture its output."""
    return subprocess.run(
        [console_script(), *args],
        input=input,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=clean_env(env),
        timeout=120,
        check=False,
    )


def run_on_terminal(*args: str, env: Mapping[str, str] | None = None) -> tuple[int, str]:
    """Run `llm-adapt ARGS...` in a real pseudo-terminal; its exit status and what it showed."""
    import pexpect

    child = pexpect.spawn(console_script(), list(args), env=clean_env(env), encoding="utf-8",
                          timeout=30, dimensions=(50, 120))
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus or 0), str(child.before)


def write(path: Path, text: str) -> Path:
    """Create a file (and its folders) inside a test's tmp_path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def cli():  # type: ignore[no-untyped-def]
    return run_cli
