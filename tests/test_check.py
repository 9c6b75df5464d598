"""`llm-adapt check`: the CI gate, end to end (in-process; the pre-commit hook, the GitHub
Action, a closed pipe and colour on a terminal run the console script as users do)."""

from __future__ import annotations

import json
import math
import os
import re
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, clean_env, console_script, run_cli, run_on_terminal, write

# A support-ticket router (the queue descriptions are some outside knowledge): fine-tuning is the
# clear advice (every question answered); the hybrid trails it by a few points, rag and
# prompting by far more than any tolerance.
ROUTER = """\
format: 1
project: Support-ticket router
description: Classify incoming tickets into one of 40 queues as JSON.
{plan}answers:
  external_knowledge: some
  knowledge_change: static
  citations_required: none
  style_control: none
  output_format: strict
  domain_gap: some
  hallucination_tolerance: medium
  data_sensitivity: internal
  preserve_general_skills: false
  labeled_examples: 25000
  label_quality: medium
  task_diversity: single
  baseline_accuracy: 0.48
  target_accuracy: 0.9
  requests_per_day: 300000
  latency_sensitivity: high
  model_access: {access}
  model_size_b: 3
  gpu_memory_gb: 16
  budget: medium
  timeline: weeks
  ml_expertise: some
  retrieval_expertise: none
"""
# Half a questionnaire: RAG is advised with low confidence.
PARTIAL = """\
format: 1
project: HR policy helper
planned_approach: rag
answers:
  external_knowledge: essential
  citations_required: preferred
  hallucination_tolerance: low
  data_sensitivity: internal
  model_access: api_only
  budget: low
"""
GOOD_REASON = ("Our search team already runs a retrieval cluster for these queues, and the "
               "queue names change every month, so we accept the lower score.")


def router(plan: str | None = "fine_tuning", *, justification: str | None = None,
           access: str = "open_weights") -> str:
    head = f"planned_approach: {plan}\n" if plan else ""
    if justification is not None:
        head += f"justification: {json.dumps(justification)}\n"
    return ROUTER.format(plan=head, access=access)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def check_json(*args: str, cwd: Path | None = None,
               env: dict[str, str] | None = None) -> tuple[int, dict[str, Any], str]:
    result = run_cli("check", "--format", "json", *args, cwd=cwd, env=env)
    return result.returncode, json.loads(result.stdout), result.stderr


# --- one outcome each, with its exit code -------------------------------------------------


def test_plan_that_is_the_recommendation_passes(tmp_path: Path) -> None:
    write(tmp_path / "proposals" / "router.yaml", router("fine_tuning"))
    result = run_cli("check", "proposals", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "proposals/router.yaml" in result.stdout
    assert "Support-ticket router" in result.stdout
    assert "1 proposal checked: 1 passed, 0 failed" in result.stdout
    assert result.stderr == ""


def test_plan_within_tolerance_passes_and_outside_it_fails(tmp_path: Path) -> None:
    path = write(tmp_path / "p.yaml", router("hybrid"))
    advice = json.loads(run_cli("assess", str(path), "--format", "json").stdout)
    gap = round(advice["scores"]["fine_tuning"] - advice["scores"]["hybrid"], 1)
    assert gap > 1, advice["scores"]

    inside = run_cli("check", str(path), "--tolerance", str(gap + 0.5))
    assert inside.returncode == 0, inside.stdout
    assert f"within {gap:.1f} points of the recommendation fine_tuning" in inside.stdout

    outside = run_cli("check", str(path), "--tolerance", str(gap - 0.5))
    assert outside.returncode == 1, outside.stdout
    assert "unjustified-deviation" in outside.stdout
    assert f"{gap:.1f} points below the recommendation fine_tuning" in outside.stdout


def test_justified_deviation_passes_with_a_warning_quoting_it(tmp_path: Path) -> None:
    path = write(tmp_path / "p.yaml", router("rag", justification=GOOD_REASON))
    result = run_cli("check", str(path))
    assert result.returncode == 0, result.stdout
    assert "pass (justified)" in result.stdout
    assert "warning [justified-deviation]" in result.stdout
    assert f'accepted on the justification "{GOOD_REASON}"' in result.stdout
    assert "1 passed (1 on a justification), 0 failed" in result.stdout


def test_strict_turns_a_justified_deviation_into_a_failure(tmp_path: Path) -> None:
    path = write(tmp_path / "p.yaml", router("rag", justification=GOOD_REASON))
    result = run_cli("check", str(path), "--strict")
    assert result.returncode == 1, result.stdout
    assert "error [justified-deviation]" in result.stdout
    assert "strict mode accepts no justification" in result.stdout
    assert GOOD_REASON[:40] in result.stdout


def test_unjustified_deviation_fails_and_says_what_to_write(tmp_path: Path) -> None:
    text = router("rag")
    path = write(tmp_path / "p.yaml", text)
    result = run_cli("check", str(path))
    assert result.returncode == 1, result.stdout
    where = f"{path}:{line_of(text, 'planned_approach')}:19"
    assert f"{where}: error [unjustified-deviation] planned rag scores" in result.stdout
    assert "no justification" in result.stdout
    assert "at least 40 characters and 6 words" in result.stdout


def test_a_one_word_justification_is_not_enough(tmp_path: Path) -> None:
    path = write(tmp_path / "p.yaml", router("rag", justification="Strategic."))
    result = run_cli("check", str(path))
    assert result.returncode == 1, result.stdout
    assert ('the justification "Strategic." is too short (10 characters, 1 word; it needs '
            "at least 40 characters and 6 words)") in result.stdout


def test_blocked_plan_fails_whatever_the_justification(tmp_path: Path) -> None:
    text = router("fine_tuning", justification=GOOD_REASON, access="api_only")
    path = write(tmp_path / "p.yaml", text)
    result = run_cli("check", str(path))
    assert result.returncode == 1, result.stdout
    # It points at the answer that blocks the plan, not at the plan.
    where = f"{path}:{line_of(text, 'model_access')}:17"
    assert (f"{where}: error [blocked-plan] planned fine_tuning is blocked by rule "
            "access.api_only (model_access = api_only)") in result.stdout
    assert "A justification cannot override this" in result.stdout


def test_missing_plan_fails(tmp_path: Path) -> None:
    path = write(tmp_path / "p.yaml", router(None))
    result = run_cli("check", str(path))
    assert result.returncode == 1, result.stdout
    assert "error [missing-plan] no planned_approach" in result.stdout
    assert "the advice is fine_tuning" in result.stdout


def test_require_complete_fails_unanswered_questions(tmp_path: Path) -> None:
    path = write(tmp_path / "p.yaml", PARTIAL)
    complete = write(tmp_path / "q.yaml", router())
    result = run_cli("check", str(path), str(complete), "--require-complete")
    assert result.returncode == 1, result.stdout
    assert f"{path}:4:1: error [incomplete]" in result.stdout
    assert "unanswered (require-complete): " in result.stdout
    assert "style_control" in result.stdout
    # A complete proposal is not touched by the flag.
    assert "2 proposals checked: 1 passed, 1 failed" in result.stdout


def test_min_confidence_fails_advice_below_it(tmp_path: Path) -> None:
    path = write(tmp_path / "p.yaml", PARTIAL)
    # Unanswered questions alone do not fail a proposal, and "low" accepts any advice.
    assert run_cli("check", str(path), "--min-confidence", "low").returncode == 0
    result = run_cli("check", str(path), "--min-confidence", "medium")
    assert result.returncode == 1, result.stdout
    assert "error [low-confidence] the advice's confidence is low, below the required medium" \
        in result.stdout


def test_invalid_file_is_an_error_and_the_others_are_still_checked(tmp_path: Path) -> None:
    write(tmp_path / "a-bad.yaml", router().replace("budget: medium", "budget: cheap"))
    write(tmp_path / "b-fails.yaml", router("rag"))
    write(tmp_path / "c-good.yaml", router())
    result = run_cli("check", ".", cwd=tmp_path)
    assert result.returncode == 2, result.stdout  # bad input wins over a failed gate
    line = line_of(router(), "budget")
    assert f"a-bad.yaml:{line}:11: answers.budget: 'cheap' is not one of low, medium, high" \
        in result.stdout
    assert "ERROR" in result.stdout and "b-fails.yaml" in result.stdout
    assert "3 proposals checked: 1 passed, 1 failed, 1 invalid" in result.stdout
    # Machine formats keep stdout for data; the message goes to standard error.
    code, data, stderr = check_json(".", cwd=tmp_path)
    assert code == 2
    assert "a-bad.yaml:" in stderr and "'cheap' is not one of" in stderr
    assert [p["status"] for p in data["proposals"]] == ["error", "fail", "pass"]


def test_unreadable_yaml_and_missing_file_are_errors(tmp_path: Path) -> None:
    bad = write(tmp_path / "broken.yaml", "project: [unclosed\n")
    result = run_cli("check", str(bad), str(tmp_path / "nowhere.yaml"))
    assert result.returncode == 2
    assert "invalid YAML" in result.stdout
    assert "nowhere.yaml: no such file" in result.stdout


def test_bad_usage_exits_2(tmp_path: Path) -> None:
    path = write(tmp_path / "p.yaml", router())
    for args in (["--min-confidence", "certain"], ["--format", "html"]):
        result = run_cli("check", str(path), *args)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("check", str(empty))
    assert result.returncode == 2
    assert "no proposals found" in result.stderr


# --- every outcome in one batch, in every format ------------------------------------------


def scores_by_the_readme(answers: dict[str, Any]) -> dict[str, float]:
    """The scores as README "How the score is computed" defines them, computed here: the
    effects of every ungrouped rule whose condition holds (on the answers to questions that
    can apply), plus for each need group the strongest effect (the largest in size) among its
    rules that hold; 100 / (1 + e^(-points / 40)); 0 for a blocked approach."""
    from llm_adapt.rulebase import load_rulebase

    rulebase = load_rulebase()
    applying = {q: v for q, v in answers.items() if rulebase.applicable(q, answers)}
    names = ("prompting", "rag", "fine_tuning", "hybrid")
    points = dict.fromkeys(names, 0.0)
    grouped: dict[tuple[str, str], list[float]] = {}
    blocked: set[str] = set()
    for compiled in rulebase.rules:
        if compiled.predicate(applying):
            for approach, effect in compiled.rule.effects.items():
                if compiled.rule.group:
                    grouped.setdefault((compiled.rule.group, approach.value), []).append(effect)
                else:
                    points[approach.value] += effect
            blocked |= {a.value for a in compiled.rule.blocks}
    for (_, approach), effects in grouped.items():
        points[approach] += max(effects, key=lambda v: (abs(v), v))
    return {a: 0.0 if a in blocked else 100 / (1 + math.exp(-p / 40)) for a, p in points.items()}


def test_the_gate_judges_on_the_scores_the_readme_defines(tmp_path: Path) -> None:
    expected = scores_by_the_readme(yaml.safe_load(router())["answers"])
    path = write(tmp_path / "p.yaml", router())
    shown = json.loads(run_cli("assess", str(path), "--format", "json").stdout)["scores"]
    assert shown == pytest.approx(expected, abs=0.05)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One proposal per outcome, written in an order the report must not keep, and a
    tolerance that lets the hybrid plan pass but not the rag one (halfway between their gaps
    to fine-tuning, from the scores as the README defines them)."""
    folder = tmp_path_factory.mktemp("batch") / "proposals"
    write(folder / "g-unjustified.yaml", router("rag"))
    write(folder / "a-pass.yaml", router())
    write(folder / "c-justified.yaml", router("rag", justification=GOOD_REASON))
    write(folder / "d-blocked.yaml", router("fine_tuning", access="api_only"))
    write(folder / "e-missing.yaml", router(None))
    write(folder / "f-invalid.yaml", "format: 1\nproject: X\nanswers:\n  budgets: low\n")
    write(folder / "b-tolerance.yaml", router("hybrid"))
    scores = scores_by_the_readme(yaml.safe_load(router())["answers"])
    hybrid_gap = scores["fine_tuning"] - scores["hybrid"]
    rag_gap = scores["fine_tuning"] - scores["rag"]
    assert max(scores, key=scores.__getitem__) == "fine_tuning"
    assert hybrid_gap + 1 < rag_gap, scores
    return folder, f"{(hybrid_gap + rag_gap) / 2:.1f}"


def test_json_report_lists_every_outcome_sorted_by_file(batch: tuple[Path, str]) -> None:
    folder, tolerance = batch
    code, data, _ = check_json("proposals", "--tolerance", tolerance, cwd=folder.parent)
    assert code == 2
    statuses = {Path(p["source"]).stem: p["status"] for p in data["proposals"]}
    assert statuses == {"a-pass": "pass", "b-tolerance": "pass", "c-justified": "warn",
                        "d-blocked": "fail", "e-missing": "fail", "f-invalid": "error",
                        "g-unjustified": "fail"}
    assert [p["source"] for p in data["proposals"]] == sorted(p["source"]
                                                               for p in data["proposals"])
    assert data["summary"] == {"proposals": 7, "passed": 3, "justified": 1, "staged": 0,
                               "failed": 3, "invalid": 1, "exit_code": 2}
    assert data["options"]["tolerance"] == float(tolerance)
    # Without the tolerance the hybrid plan fails too: the exit code stays 2 (bad input wins).
    code, data, _ = check_json("proposals", cwd=folder.parent)
    assert code == 2 and data["summary"]["failed"] == 4


def test_junit_has_one_testcase_per_proposal_with_the_failure_message(
    batch: tuple[Path, str],
) -> None:
    folder, tolerance = batch
    result = run_cli("check", "proposals", "--format", "junit", "--tolerance", tolerance,
                     cwd=folder.parent)
    assert result.returncode == 2
    root = ET.fromstring(result.stdout)
    assert root.tag == "testsuites"
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == 7
    assert root.get("tests") == "7" and root.get("failures") == "3" and root.get("errors") == "1"
    # The file is in the name: `proposals/a-pass.yaml (Project)`.
    by_file = {Path(c.get("name", "").split(" ")[0]).stem: c for c in cases}
    blocked = by_file["d-blocked"].find("failure")
    assert blocked is not None and blocked.get("type") == "blocked-plan"
    assert "blocked by rule access.api_only" in blocked.get("message", "")
    unjustified = by_file["g-unjustified"].find("failure")
    assert unjustified is not None
    assert "at least 40 characters and 6 words" in unjustified.get("message", "")
    missing = by_file["e-missing"].find("failure")
    assert missing is not None and "no planned_approach" in missing.get("message", "")
    invalid = by_file["f-invalid"].find("error")
    assert invalid is not None and "unknown question 'budgets'" in invalid.get("message", "")
    for stem in ("a-pass", "b-tolerance", "c-justified"):
        assert by_file[stem].find("failure") is None and by_file[stem].find("error") is None
    warning = by_file["c-justified"].findtext("system-out") or ""
    assert "accepted on the justification" in warning


def test_sarif_has_the_2_1_0_structure_and_points_at_the_lines(batch: tuple[Path, str]) -> None:
    folder, tolerance = batch
    result = run_cli("check", "proposals", "--format", "sarif", "--tolerance", tolerance,
                     cwd=folder.parent)
    assert result.returncode == 2
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    assert "sarif" in sarif["$schema"]
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert {"blocked-plan", "missing-plan", "unjustified-deviation", "justified-deviation",
            "incomplete", "low-confidence", "invalid-input"} <= set(ids)
    assert all(r["shortDescription"]["text"] for r in rules)
    results = {r["ruleId"]: r for r in run["results"]}
    assert set(results) == {"blocked-plan", "missing-plan", "unjustified-deviation",
                            "justified-deviation", "invalid-input"}
    for res in run["results"]:
        assert res["level"] in ("error", "warning")
        assert res["message"]["text"]
        assert ids[res["ruleIndex"]] == res["ruleId"]
        location = res["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].startswith("proposals/")
        assert location["region"]["startLine"] >= 1
    text = router("fine_tuning", access="api_only")
    blocked = results["blocked-plan"]["locations"][0]["physicalLocation"]
    assert blocked["artifactLocation"]["uri"] == "proposals/d-blocked.yaml"
    assert blocked["region"]["startLine"] == line_of(text, "model_access")
    plan = results["unjustified-deviation"]["locations"][0]["physicalLocation"]
    assert plan["region"]["startLine"] == line_of(router("rag"), "planned_approach")
    assert results["justified-deviation"]["level"] == "warning"


def test_github_format_annotates_files_and_appends_a_job_summary(
    batch: tuple[Path, str],
) -> None:
    folder, _ = batch
    summary = folder.parent / "summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    result = run_cli("check", "proposals", "--format", "github", cwd=folder.parent,
                     env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 2
    line = line_of(router("fine_tuning", access="api_only"), "model_access")
    assert (f"::error file=proposals/d-blocked.yaml,line={line},col=17,"
            "title=llm-adapt blocked-plan::planned fine_tuning is blocked") in result.stdout
    assert "::warning file=proposals/c-justified.yaml," in result.stdout
    assert "::error file=proposals/f-invalid.yaml,line=4,col=3," in result.stdout
    markdown = summary.read_text(encoding="utf-8")
    assert markdown.startswith("# earlier step\n## llm-adapt check\n")
    assert "| Proposal | Project | Plan | Advice | Result | Why |" in markdown
    assert "`proposals/d-blocked.yaml`" in markdown and "❌ fail" in markdown
    assert "7 proposals checked" in markdown


def test_output_writes_the_report_to_a_file_and_the_summary_to_the_terminal(
    batch: tuple[Path, str],
) -> None:
    folder, _ = batch
    for fmt in ("junit", "text"):
        target = folder.parent / "out" / f"report.{fmt}"
        result = run_cli("check", "proposals", "--format", fmt, "--output", str(target),
                         cwd=folder.parent)
        assert result.returncode == 2, (fmt, result.stderr)
        # The terminal gets the summary table, never the report itself.
        assert "7 proposals checked" in result.stdout
        assert f"report written to {target}" in result.stdout
        assert "<testcase" not in result.stdout and "[blocked-plan]" not in result.stdout
        assert "unknown question 'budgets'" in result.stderr
        body = target.read_text(encoding="utf-8")
        assert "d-blocked.yaml" in body and "blocked-plan" in body
        assert "\x1b[" not in body
    assert not [p for p in (folder.parent / "out").iterdir() if p.name.endswith(".tmp")]


def test_every_format_has_a_renderer_that_names_every_proposal() -> None:
    from llm_adapt.errors import Location
    from llm_adapt.gate import Finding, GateReport, Status, Verdict
    from llm_adapt.gate.formats import CheckFormat, CheckRenderOptions, check_renderer_for

    verdicts = (
        Verdict(source="p/a.yaml", file="p/a.yaml", row=None, project="A <&> \x01",
                status=Status.FAIL, summary="s", planned_approach="rag",
                recommendation="fine_tuning", planned_score=30.5, recommended_score=85.8,
                findings=(Finding("unjustified-deviation", "error", "m: 100%, a,b",
                                  Location("p/a.yaml", 3, 19)),)),
        Verdict(source="t.csv:2", file="t.csv", row=2, project="B", status=Status.PASS,
                summary="ok", planned_approach="rag", recommendation="rag",
                planned_score=80.0, recommended_score=80.0),
    )
    report = GateReport(verdicts)
    for fmt in CheckFormat:
        out = check_renderer_for(fmt).render(report, CheckRenderOptions(version="9"))
        assert "p/a.yaml" in out, fmt
        # SARIF lists findings only; a clean pass has none.
        assert ("t.csv" in out) is (fmt is not CheckFormat.SARIF), fmt
    junit = check_renderer_for(CheckFormat.JUNIT).render(report, CheckRenderOptions())
    first = ET.fromstring(junit).find("./testsuite/testcase")
    assert first is not None and first.get("name") == "p/a.yaml (A <&> \ufffd)"
    github = check_renderer_for(CheckFormat.GITHUB).render(report, CheckRenderOptions())
    assert ("::error file=p/a.yaml,line=3,col=19,title=llm-adapt unjustified-deviation::"
            "m: 100%25, a,b") in github


def test_text_has_no_escape_codes_off_a_terminal_or_with_no_color(tmp_path: Path) -> None:
    path = write(tmp_path / "p.yaml", router("rag"))
    assert "\x1b[" not in run_cli("check", str(path)).stdout

    assert "\x1b[" in run_on_terminal("check", str(path), env={"TERM": "xterm"})[1]
    code, shown = run_on_terminal("check", str(path), env={"TERM": "xterm", "NO_COLOR": "1"})
    assert code == 1 and "\x1b[" not in shown


def test_tables_give_one_verdict_per_row_located_at_the_row(tmp_path: Path) -> None:
    table = write(tmp_path / "plans.csv",
                  "project,planned_approach,model_access,external_knowledge\n"
                  "Chat over docs,rag,api_only,essential\n"
                  "Tuned chat,fine_tuning,api_only,essential\n")
    code, data, _ = check_json(str(table))
    assert code == 1
    assert [(p["source"], p["status"]) for p in data["proposals"]] == [
        (f"{table}:2", "pass"), (f"{table}:3", "fail")]
    finding = data["proposals"][1]["findings"][0]
    assert (finding["rule"], finding["file"], finding["line"]) == ("blocked-plan", str(table), 3)


# --- configuration ------------------------------------------------------------------------


def git_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    return path


def test_config_in_the_git_root_sets_defaults_and_flags_win(tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "repo")
    write(repo / ".llm-adapt.yaml", "strict: true\nmin-confidence: low\n")
    write(repo / "team" / "proposals" / "p.yaml", router("rag", justification=GOOD_REASON))
    below = repo / "team"
    code, data, _ = check_json("proposals", cwd=below)
    assert code == 1  # strict from the file in the git root, two levels up
    assert data["options"]["strict"] is True
    code, data, _ = check_json("proposals", "--no-strict", cwd=below)
    assert code == 0 and data["options"]["strict"] is False


def test_pyproject_table_is_read_and_rule_packs_are_relative_to_it(tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "repo")
    write(repo / "pyproject.toml", '[project]\nname = "x"\n\n[tool.llm-adapt]\n'
          'tolerance = 100\nrequire-complete = true\nrules = ["no-such-pack"]\n')
    write(repo / "p.yaml", router("rag"))
    result = run_cli("check", "p.yaml", cwd=repo)
    assert result.returncode == 2
    assert "no-such-pack: a rule pack must be a directory" in result.stderr
    (repo / "no-such-pack").mkdir()
    code, data, _ = check_json("p.yaml", cwd=repo)
    assert code == 0, data
    assert data["options"]["tolerance"] == 100 and data["options"]["require_complete"] is True
    code, data, _ = check_json("p.yaml", "--tolerance", "5", cwd=repo)
    assert code == 1


def test_config_outside_the_git_root_is_not_read(tmp_path: Path) -> None:
    write(tmp_path / ".llm-adapt.yaml", "strict: true\n")
    repo = git_repo(tmp_path / "repo")
    write(repo / "p.yaml", router("rag", justification=GOOD_REASON))
    code, data, _ = check_json("p.yaml", cwd=repo)
    assert code == 0 and data["options"]["strict"] is False


def test_bad_config_is_bad_usage_with_its_location(tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "repo")
    write(repo / "p.yaml", router())
    write(repo / ".llm-adapt.yaml", "tolerence: 3\nmin-confidence: sure\n")
    result = run_cli("check", "p.yaml", cwd=repo)
    assert result.returncode == 2
    assert ".llm-adapt.yaml:1:1: unknown setting 'tolerence' (did you mean 'tolerance'?)" \
        in result.stderr
    assert ".llm-adapt.yaml:2:17: min-confidence: 'sure' is not one of low, medium, high" \
        in result.stderr
    write(repo / "pyproject.toml", "[tool.llm-adapt]\nstrict = false\n")
    result = run_cli("check", "p.yaml", cwd=repo)
    assert result.returncode == 2
    assert "both .llm-adapt.yaml and pyproject.toml configure llm-adapt" in result.stderr
    explicit = write(tmp_path / "ci.yaml", "strict: yes-please\n")
    result = run_cli("check", "p.yaml", "--config", str(explicit), cwd=repo)
    assert result.returncode == 2 and "strict: 'yes-please' is not true or false" in result.stderr


# --- pre-commit, GitHub Action, benchmark -------------------------------------------------


def test_pre_commit_hook_entry_runs_on_staged_proposals_like_pre_commit(tmp_path: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "llm-adapt-check")
    # The keys pre-commit requires of a hook manifest, and a proposal-only file filter.
    assert {"id", "name", "entry", "language"} <= set(hook)
    assert hook["language"] == "python" and hook["types"] == ["yaml"]
    repo = git_repo(tmp_path / "repo")
    write(repo / ".llm-adapt.yaml", "tolerance: 5\n")  # hidden: never taken for a proposal
    write(repo / "proposals" / "good.yaml", router())
    write(repo / "proposals" / "bad.yaml", router("rag"))
    write(repo / "ci" / "workflow.yaml", "on: push\n")
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    staged = subprocess.run(["git", "diff", "--cached", "--name-only"], cwd=repo, check=True,
                            capture_output=True, text=True).stdout.split()
    pattern = re.compile(hook["files"])
    files = sorted(f for f in staged if pattern.search(f) and f.endswith((".yaml", ".yml")))
    assert files == ["proposals/bad.yaml", "proposals/good.yaml"]
    # pre-commit runs `entry` + args + the matching file names from the repository root,
    # with the hook's environment's bin directory first on PATH.
    env = clean_env({"PATH": f"{Path(console_script()).parent}{os.pathsep}{os.environ['PATH']}"})
    command = [*shlex.split(hook["entry"]), *hook.get("args", []), *files]
    result = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "proposals/bad.yaml:" in result.stdout and "unjustified-deviation" in result.stdout
    assert "proposals/good.yaml:" not in result.stdout  # it passes: no finding
    # The same entry on the good file alone (in-process: the console script ran above).
    assert command[0] == "llm-adapt"
    good = run_cli(*command[1:-2], "proposals/good.yaml", cwd=repo)
    assert good.returncode == 0, good.stdout


def test_github_action_runs_check_with_the_github_format(tmp_path: Path) -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    assert any("pip install" in s.get("run", "") for s in steps)
    script = steps[-1]["run"]
    assert "llm-adapt check --format github" in script
    schema_check = subprocess.run(
        [str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema",
         "vendor.github-actions", str(ROOT / "action.yml")],
        capture_output=True, text=True, check=False, env=clean_env())
    assert schema_check.returncode == 0, schema_check.stdout
    # Run the step's script as the runner would, with the inputs in its environment.
    write(tmp_path / "proposals" / "bad.yaml", router("rag"))
    env = clean_env({
        "PATH": f"{Path(console_script()).parent}{os.pathsep}{os.environ['PATH']}",
        "PATHS": "proposals", "ARGS": "--tolerance 5", "SARIF": "out.sarif",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
    })
    # GitHub runs a composite step's bash as `bash --noprofile --norc -eo pipefail {0}`.
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                            cwd=tmp_path, env=env,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "::error file=proposals/bad.yaml," in result.stdout
    assert json.loads((tmp_path / "out.sarif").read_text())["version"] == "2.1.0"
    assert "## llm-adapt check" in (tmp_path / "summary.md").read_text(encoding="utf-8")


def test_benchmark_script_measures_both_tools_on_the_same_proposals() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_check.py"), "20"],
                            capture_output=True, text=True, check=False, timeout=120,
                            env=clean_env())
    assert result.returncode == 0, result.stdout + result.stderr
    ours = re.search(r"llm-adapt check, 20 proposals .*: ([\d.]+) s .*; (\d+) passed, "
                     r"(\d+) failed\)", result.stdout)
    theirs = re.search(r"check-jsonschema, same 20 files.*: ([\d.]+) s", result.stdout)
    ratio = re.search(r"ratio llm-adapt check / check-jsonschema = ([\d.]+)x", result.stdout)
    assert ours and theirs and ratio, result.stdout
    assert int(ours[2]) + int(ours[3]) == 20  # every proposal was judged
    t_ours, t_theirs = float(ours[1]), float(theirs[1])
    assert t_ours > 0 and t_theirs > 0
    # The ratio is that of the two times printed (each rounded to 0.01 s, as is the ratio).
    low, high = (t_ours - 0.005) / (t_theirs + 0.005), (t_ours + 0.005) / (t_theirs - 0.005)
    assert low - 0.005 <= float(ratio[1]) <= high + 0.005, result.stdout


def test_check_is_documented_with_its_precedence_hook_and_action() -> None:
    doc = (ROOT / "docs" / "check.md").read_text(encoding="utf-8")
    for needle in ("--tolerance", "--strict", "--require-complete", "--min-confidence",
                   "[tool.llm-adapt]", ".llm-adapt.yaml", "llm-adapt-check", "uses:",
                   "--format github", "40 characters", "junit", "sarif"):
        assert needle in doc, needle


def test_a_failed_gate_still_fails_when_the_reader_goes_away(tmp_path: Path) -> None:
    for i in range(300):
        write(tmp_path / "p" / f"p{i:03d}.yaml", router("rag"))
    child = subprocess.Popen([console_script(), "check", str(tmp_path / "p"), "--format", "json"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=clean_env())
    assert child.stdout is not None and child.stderr is not None
    child.stdout.read(10)
    child.stdout.close()  # like `| head -c 10`
    stderr = child.stderr.read().decode()
    assert child.wait(timeout=60) == 1
    assert "Traceback" not in stderr and "internal error" not in stderr


def test_pyproject_whose_tool_is_not_a_table(tmp_path: Path) -> None:
    write(tmp_path / ".git" / "HEAD", "ref: refs/heads/main\n")
    write(tmp_path / "pyproject.toml", 'tool = "llm-adapt"\n')
    path = write(tmp_path / "p.yaml", router("fine_tuning"))
    result = run_cli("check", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "internal error" not in result.stderr


def test_a_chinese_justification_meets_the_same_bar() -> None:
    from llm_adapt.gate.core import justification_ok

    assert justification_ok("我们的检索团队已经在运营一个检索集群并且每月更新")  # one full sentence
    assert not justification_ok("战略需要。")
    assert not justification_ok("Strategic.")


def test_a_plan_that_is_a_later_stage_passes_with_its_condition_and_fails_strict(
    tmp_path: Path,
) -> None:
    """Fine-tuning planned before prompting is measured: the advice is to start with what can be
    built now (RAG here: the queues are some outside knowledge) and move to fine-tuning if the
    baseline stays under the target, so the plan passes with a warning naming that condition;
    strict accepts only the first stage."""
    unmeasured = router("fine_tuning").replace("  baseline_accuracy: 0.48\n", "")
    path = write(tmp_path / "proposals" / "router.yaml", unmeasured)
    code, report, _ = check_json(str(path))
    assert code == 0, report
    (verdict,) = report["proposals"] if "proposals" in report else report["verdicts"]
    message = json.dumps(verdict)
    assert "fine_tuning planned: the advice is to start with rag; fine_tuning is advised " \
        "if the measured baseline stays under 0.90" in message
    assert "later-stage" in message
    code, report, _ = check_json("--strict", str(path))
    assert code == 1
    assert "strict mode accepts only the first stage" in json.dumps(report)
    # A blocked plan still fails, stage or not.
    blocked = router("fine_tuning", access="api_only").replace("  baseline_accuracy: 0.48\n", "")
    write(path, blocked)
    code, report, _ = check_json(str(path))
    assert code == 1 and "blocked-plan" in json.dumps(report)


# --- in Chinese -----------------------------------------------------------------------------

ZH_REASON = ("我们的检索团队已经在运营一个检索集群，队列名称每月都会变化，"
             "因此我们接受较低的分数并持续评估。")
GATE_RULE_IDS = {"invalid-input", "missing-plan", "blocked-plan", "unjustified-deviation",
                 "justified-deviation", "incomplete", "low-confidence"}


def chinese_batch(folder: Path) -> Path:
    """One proposal per gate outcome, with Chinese project names and justification."""
    def zh(text: str, name: str) -> str:
        return text.replace("project: Support-ticket router", f"project: {name}")

    write(folder / "a.yaml", zh(router(), "工单路由"))
    write(folder / "b.yaml", zh(router("rag", justification=ZH_REASON), "检索方案"))
    write(folder / "c.yaml", zh(router("rag"), "未说明理由"))
    write(folder / "d.yaml", zh(router("fine_tuning", access="api_only"), "被阻止的微调"))
    write(folder / "e.yaml", zh(router(None), "没有计划"))
    return folder


def api_only_rationale() -> str:
    from llm_adapt.rulebase import load_rulebase

    (rule,) = [c.rule for c in load_rulebase().rules if c.rule.id == "access.api_only"]
    return rule.rationale.zh


def test_check_in_chinese_gives_the_chinese_rationale(tmp_path: Path) -> None:
    chinese_batch(tmp_path / "p")
    result = run_cli("check", "p", "--lang", "zh", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert api_only_rationale() in result.stdout
    assert "[blocked-plan]" in result.stdout and "access.api_only" in result.stdout
    assert ZH_REASON in result.stdout  # the justification is quoted as written
    english = run_cli("check", "p", cwd=tmp_path)
    assert api_only_rationale() not in english.stdout


def test_check_in_chinese_has_no_english_sentence(tmp_path: Path) -> None:
    """Everything `check --lang zh` says is Chinese; what stays as written are identifiers a
    user types or greps for: file names, approach names, rule and gate-rule ids, question
    ids and answers, project-file keys, and the acronyms inside the Chinese rationales."""
    from llm_adapt.approaches import APPROACHES
    from llm_adapt.rulebase import load_rulebase

    chinese_batch(tmp_path / "p")
    result = run_cli("check", "p", "--lang", "zh", cwd=tmp_path)
    rulebase = load_rulebase()
    allowed = {a.value for a in APPROACHES} | GATE_RULE_IDS | set(rulebase.questions)
    allowed |= {c.rule.id for c in rulebase.rules}
    allowed |= {v for q in rulebase.questions.values() for v in q.values}
    allowed |= {"planned_approach", "justification"}  # keys of the project file
    said = (result.stdout + result.stderr).replace(api_only_rationale(), "")
    said = re.sub(r"p/[a-e]\.yaml", "", said)
    words = re.findall(r"[A-Za-z][A-Za-z_.-]*[A-Za-z]", said)
    assert [w for w in words if w not in allowed] == []


def test_a_plan_the_rules_defer_passes_only_with_its_condition(tmp_path: Path) -> None:
    """Fine-tuning planned on low-quality labels: deferred by the rules (not something to
    build now), so never a plain pass even within the tolerance: a warning that names what
    must change, and a failure with --strict."""
    text = router("fine_tuning").replace("label_quality: medium", "label_quality: low")
    path = write(tmp_path / "p.yaml", text)
    code, report, _ = check_json("--tolerance", "100", str(path))
    (verdict,) = report["proposals"]
    assert code == 0 and verdict["status"] == "warn", verdict
    assert any(f["rule"] == "later-stage" for f in verdict["findings"]), verdict
    assert report["summary"]["staged"] == 1 and report["summary"]["justified"] == 0
    code, _, _ = check_json("--tolerance", "100", "--strict", str(path))
    assert code == 1
