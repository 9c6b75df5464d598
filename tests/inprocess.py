"""Running the CLI in this process (typer's CliRunner): fast, for tests that need no terminal."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from typer.testing import CliRunner

from llm_adapt import cli

cli._register()


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


def invoke(
    *args: str, input: bytes | str | None = None, env: Mapping[str, str | None] | None = None
) -> Run:
    """`llm-adapt ARGS...` in process; exceptions that escape the CLI's boundary fail the test."""
    environment: dict[str, str | None] = {
        "COLUMNS": "100", "NO_COLOR": "1", "GITHUB_STEP_SUMMARY": None,
        "LLM_ADAPT_MAX_INPUT_SIZE": None, "LLM_ADAPT_LANG": None, **(env or {}),
    }
    result = CliRunner().invoke(cli.app, list(args), input=input, env=environment,
                                catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)
