"""Shared test helpers: run the CLI in-process (fast), or as a user would (a few smoke tests).

`run_cli` drives the typer app in this interpreter with click's `CliRunner`: the same
arguments, the same environment rules, standard input, the current directory, and the exit
code, standard output and standard error kept apart. What only a real process has (a
terminal, file descriptors, signals, the console script itself) is tested in a few smoke
tests that start `console_script()` with `clean_env()`, or `run_on_terminal`.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CASES = DATA / "cases"
EXAMPLES = ROOT / "examples"

# Variables that change what the program prints; no test may inherit them from the shell.
_DROPPED_PREFIXES = ("LLM_ADAPT_", "GITHUB_")
_DROPPED = ("NO_COLOR",)


def console_script() -> str:
    """The installed `llm-adapt` next to this interpreter (tests run what users run)."""
    candidate = Path(sys.executable).parent / "llm-adapt"
    found = str(candidate) if candidate.exists() else shutil.which("llm-adapt")
    if not found:
        pytest.fail("the llm-adapt console script is not installed; run `pip install '.[test]'`")
    return found


def clean_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for a child process: this one without the variables above, 100
    columns wide, plus `extra`."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(_DROPPED_PREFIXES) and k not in _DROPPED}
    env["COLUMNS"] = "100"
    if extra:
        env.update(extra)
    return env


def env_overrides(extra: Mapping[str, str] | None = None) -> dict[str, str | None]:
    """`clean_env` as overrides of this process's environment (None removes a variable), the
    form `CliRunner` applies for the length of one invocation and then undoes."""
    overrides: dict[str, str | None] = {
        k: None for k in os.environ if k.startswith(_DROPPED_PREFIXES) or k in _DROPPED
    }
    overrides["COLUMNS"] = "100"
    if extra:
        overrides.update(extra)
    return overrides


@dataclass(frozen=True)
class Run:
    """What one run of the CLI did: the fields of `subprocess.CompletedProcess` tests read."""

    returncode: int
    stdout: str
    stderr: str


@contextmanager
def working_directory(path: Path | None) -> Iterator[None]:
    """Run the block in `path` (when given), then return to where we were, even on failure."""
    if path is None:
        yield
        return
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def run_cli(
    *args: str,
    input: str | bytes | None = None,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Run:
    """Run `llm-adapt ARGS...` in this interpreter, off a terminal, and capture its output.

    Standard input is `input` (empty when None, as with a closed pipe). Exceptions that the
    CLI's error boundary lets through are not turned into an exit code: they fail the test
    with their traceback, where a subprocess would have printed one and exited 1."""
    from llm_adapt.cli import app

    with working_directory(cwd):
        result = CliRunner().invoke(app, list(args), input=input, env=env_overrides(env),
                                    catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


def run_on_terminal(*args: str, env: Mapping[str, str] | None = None) -> tuple[int, str]:
    """Run `llm-adapt ARGS...` in a real pseudo-terminal; its exit status and what it showed."""
    import pexpect

    child = pexpect.spawn(console_script(), list(args), env=clean_env(env), encoding="utf-8",
                          timeout=30, dimensions=(50, 120))
    child.expect(pexpect.EOF)
    # Reap it first, so closing need not give it the 0.1 s pexpect allows a live process.
    child.wait()
    child.ptyproc.delayafterclose = 0
    child.close()
    return int(child.exitstatus or 0), str(child.before)


def write(path: Path, text: str) -> Path:
    """Create a file (and its folders) inside a test's tmp_path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
