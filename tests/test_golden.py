"""Every report in tests/data/golden is still printed byte for byte (see tests/golden.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from golden import ROOT, expected, render

CASES = list(expected())


@pytest.mark.parametrize(
    ("reference", "command", "paths", "stdin", "fmt", "lang"),
    CASES,
    ids=[case[0].name for case in CASES],
)
def test_report_is_unchanged(
    reference: Path,
    command: str,
    paths: list[str],
    stdin: str | None,
    fmt: str,
    lang: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    assert render(paths, stdin, fmt, lang, command) == reference.read_text(encoding="utf-8")
