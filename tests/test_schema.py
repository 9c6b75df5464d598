"""`llm-adapt schema`: the JSON Schema of the project file, and the committed copy of it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, ROOT, clean_env, run_cli, write

from llm_adapt.rulebase import load_rulebase

COMMITTED = ROOT / "llm-adapt.schema.json"


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    result = run_cli("schema")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def check_jsonschema() -> str:
    found = (shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
             or shutil.which("check-jsonschema"))
    if not found:
        pytest.fail("check-jsonschema is not installed; run `pip install '.[test]'`")
    return found


def test_committed_schema_is_the_output_of_the_command() -> None:
    result = run_cli("schema")
    assert result.returncode == 0
    assert COMMITTED.read_text(encoding="utf-8") == result.stdout, (
        "llm-adapt.schema.json is stale: run `llm-adapt schema --output llm-adapt.schema.json`")


def test_schema_mirrors_the_questions(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["project"]
    props = schema["properties"]
    assert set(props) == {"format", "project", "description", "owner", "planned_approach",
                          "justification", "lang", "answers", "skipped"}
    assert props["lang"]["enum"] == ["en", "zh", None]
    assert props["skipped"]["items"]["enum"] == list(load_rulebase().questions)
    assert props["format"]["const"] == 1
    assert props["planned_approach"]["enum"] == ["prompting", "rag", "fine_tuning", "hybrid",
                                                 None]
    assert props["project"]["minLength"] == 1 and props["project"]["maxLength"] == 200
    answers = props["answers"]
    assert answers["additionalProperties"] is False
    rulebase = load_rulebase()
    assert list(answers["properties"]) == list(rulebase.questions)
    for qid, question in rulebase.questions.items():
        prop = answers["properties"][qid]
        assert question.text("en") in prop["description"]
        if question.type == "choice":
            assert prop["enum"] == [*question.values, None]
            assert len(prop["enumDescriptions"]) == len(prop["enum"])
            assert prop["enumDescriptions"][0] == question.choices[0].text("en")
        else:
            assert prop["type"] == [question.type, "null"]
            for key, bound in (("minimum", question.minimum), ("maximum", question.maximum),
                               ("exclusiveMinimum", question.exclusive_minimum)):
                assert prop.get(key) == bound
    size = answers["properties"]["model_size_b"]
    assert size["exclusiveMinimum"] == 0 and size["type"] == ["number", "null"]
    assert answers["properties"]["labeled_examples"]["type"] == ["integer", "null"]
    assert answers["properties"]["baseline_accuracy"]["maximum"] == 1


def test_check_jsonschema_accepts_the_examples_and_rejects_what_llm_adapt_rejects(
    tmp_path: Path,
) -> None:
    tool = check_jsonschema()
    examples = sorted(str(p) for p in EXAMPLES.glob("*.yaml"))
    # What `ask` writes beyond the answers: the language and the questions skipped.
    interview = write(tmp_path / "good" / "interview.yaml",
                      "project: X\nlang: zh\nanswers:\n  budget: low\nskipped: [timeline]\n")
    assert run_cli("assess", str(interview)).returncode == 0
    examples.append(str(interview))
    bad = {
        "unknown-answer.yaml": "project: X\nanswers:\n  budgets: low\n",
        "bad-choice.yaml": "project: X\nanswers:\n  budget: cheap\n",
        "below-minimum.yaml": "project: X\nanswers:\n  labeled_examples: -1\n",
        "zero-size.yaml": "project: X\nanswers:\n  model_size_b: 0\n",
        "unknown-key.yaml": "project: X\nbudget: low\n",
        "no-project.yaml": "format: 1\n",
        "format-2.yaml": "format: 2\nproject: X\n",
        "bad-plan.yaml": "project: X\nplanned_approach: magic\n",
        "bad-lang.yaml": "project: X\nlang: fr\n",
        "bad-skipped.yaml": "project: X\nskipped: [budjet]\n",
    }
    paths = [str(write(tmp_path / name, text)) for name, text in bad.items()]
    # One run over the examples and the bad files: only the bad files have errors.
    schema_says = subprocess.run([tool, "--schemafile", str(COMMITTED), "--output-format",
                                  "json", *examples, *paths], capture_output=True, text=True,
                                 check=False, env=clean_env())
    assert schema_says.returncode == 1, schema_says.stdout + schema_says.stderr
    report = json.loads(schema_says.stdout)
    assert report["parse_errors"] == []
    rejected = {Path(e["filename"]).name for e in report["errors"]}
    assert rejected == set(bad)
    llm_adapt_says = run_cli("check", *paths, "--format", "json")
    assert llm_adapt_says.returncode == 2
    statuses = {Path(p["file"]).name: p["status"]
                for p in json.loads(llm_adapt_says.stdout)["proposals"]}
    assert statuses == dict.fromkeys(bad, "error")


def test_output_writes_the_schema_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "schemas" / "project.json"
    result = run_cli("schema", "--output", str(target))
    assert result.returncode == 0
    assert f"schema written to {target}" in result.stdout
    assert target.read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8")


def test_schema_in_chinese_and_with_a_rule_pack(tmp_path: Path) -> None:
    zh = json.loads(run_cli("schema", "--lang", "zh").stdout)
    assert "问卷" in zh["properties"]["answers"]["description"]
    pack = write(tmp_path / "pack" / "q.yaml", """\
questions:
  - id: eval_set_size
    section: data
    type: integer
    minimum: 10
    text: {en: "How many evaluation examples?", zh: "有多少评估样例？"}
    hint: {en: "a count", zh: "数量"}
    help: {en: "More is better.", zh: "越多越好。"}
    sources: ["001_15b0010ad0c2ee7e.txt §2.1"]
""").parent
    result = run_cli("schema", "--rules", str(pack))
    assert result.returncode == 0, result.stderr
    added = json.loads(result.stdout)["properties"]["answers"]["properties"]["eval_set_size"]
    assert added["minimum"] == 10 and added["type"] == ["integer", "null"]


def test_examples_that_name_a_schema_name_the_committed_one() -> None:
    named = 0
    for example in EXAMPLES.glob("*.yaml"):
        match = re.search(r"yaml-language-server: \$schema=(\S+)", example.read_text("utf-8"))
        if match:
            named += 1
            assert (example.parent / match.group(1)).resolve() == COMMITTED
    assert named >= 1
