"""Every documented case gets one of the recommendations its sources support."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import CASES, run_cli, write

CASE_FILES = sorted(CASES.glob("*.yaml"))


@pytest.fixture(scope="module")
def advice(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:  # type: ignore[type-arg]
    """Assess all cases in one batch through the console script, keyed by file name."""
    folder = tmp_path_factory.mktemp("cases")
    for case in CASE_FILES:
        data = yaml.safe_load(case.read_text(encoding="utf-8"))
        write(folder / case.name, yaml.safe_dump(data["project"], allow_unicode=True))
    result = run_cli("assess", str(folder), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    return {Path(row["source"]).name: row for row in rows}


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.stem)
def test_case_gets_an_expected_recommendation(case: Path, advice: dict[str, dict]) -> None:  # type: ignore[type-arg]
    expected = yaml.safe_load(case.read_text(encoding="utf-8"))["expect"]
    row = advice[case.name]
    assert row["recommendation"] in expected, (
        f"{case.stem}: got {row['recommendation']} {row['scores']}, expected one of {expected}"
    )
    # The reasons must carry the decision: the recommendation is never blocked.
    assert row["blocked"][row["recommendation"]] == []


def test_the_cases_lead_to_every_approach_and_cite_a_seed(
    advice: dict[str, dict],  # type: ignore[type-arg]
) -> None:
    """The calibration is not one-sided: across the cases the program recommends each of
    the four approaches, and each case names where it comes from: ten from the seed
    documents' own examples, the others from public case studies and papers."""
    assert {row["recommendation"] for row in advice.values()} == {
        "prompting", "rag", "fine_tuning", "hybrid"}
    assert set(advice) == {case.name for case in CASE_FILES}
    from_seeds = 0
    for case in CASE_FILES:
        source = yaml.safe_load(case.read_text(encoding="utf-8"))["source"]
        assert source.strip(), case.name
        from_seeds += bool(re.match(r"00[0-4]_[0-9a-f]{16}\.txt\b", source))
    assert from_seeds >= 10
