"""Benchmark `check`: llm-adapt's gate against check-jsonschema on the same proposals, one run.

Both run as users run them, one process each over N generated proposal files:
  llm-adapt check DIR --format json                         (parse, validate, score, judge)
  check-jsonschema --schemafile llm-adapt.schema.json FILES (parse, validate against the schema)
and the ratio of their wall times is printed. A breakdown measured in this process says where
llm-adapt's time goes (loading and validating, scoring, judging, rendering).

Usage: python benchmarks/bench_check.py [N]   (default N = 2000)
"""

from __future__ import annotations

import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml
from projects import random_answers

from llm_adapt.approaches import APPROACHES
from llm_adapt.gate import GateOptions, GateReport, judge
from llm_adapt.gate.formats import CheckFormat, CheckRenderOptions, check_renderer_for
from llm_adapt.inputs import load
from llm_adapt.rulebase import RuleBase, load_rulebase
from llm_adapt.scoring import assess

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "llm-adapt.schema.json"
REASON = ("The team already runs this stack in production and has the people for it, "
          "so we accept a lower score for now.")


def generate(rulebase: RuleBase, count: int, seed: int = 1) -> list[dict[str, Any]]:
    """Proposals with every question answered at random, a plan, and sometimes a reason."""
    rng = random.Random(seed)
    proposals = []
    for i in range(count):
        answers = random_answers(rulebase, rng)
        proposal: dict[str, Any] = {"format": 1, "project": f"Proposal {i}",
                                    "planned_approach": rng.choice(APPROACHES).value}
        if rng.random() < 0.3:
            proposal["justification"] = REASON
        proposal["answers"] = answers
        proposals.append(proposal)
    return proposals


def wall(command: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, done


def breakdown(folder: Path, rulebase: RuleBase) -> str:
    """Seconds spent in each stage of `check`, measured in this process."""
    start = time.perf_counter()
    loaded = list(load([str(folder)], rulebase, read_stdin=io.BytesIO().read))
    t_load = time.perf_counter() - start
    start = time.perf_counter()
    pairs = []
    for item in loaded:
        assert item.project is not None, item.problems
        pairs.append((item.project, assess(rulebase, item.project.answers, source=item.source,
                                           project=item.project.project,
                                           with_what_if=False)))
    t_assess = time.perf_counter() - start
    start = time.perf_counter()
    report = GateReport(tuple(judge(p, a, GateOptions()) for p, a in pairs))
    t_judge = time.perf_counter() - start
    start = time.perf_counter()
    check_renderer_for(CheckFormat.JSON).render(report, CheckRenderOptions())
    t_render = time.perf_counter() - start
    return (f"  in-process: load+validate {t_load:.2f} s, score (assess) {t_assess:.2f} s, "
            f"judge {t_judge:.3f} s, render json {t_render:.3f} s")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    bindir = Path(sys.executable).parent
    llm_adapt = shutil.which("llm-adapt", path=str(bindir)) or shutil.which("llm-adapt")
    validator = (shutil.which("check-jsonschema", path=str(bindir))
                 or shutil.which("check-jsonschema"))
    if not llm_adapt or not validator:
        sys.exit("needs llm-adapt and check-jsonschema installed: pip install '.[test]'")
    rulebase = load_rulebase()
    folder = Path(tempfile.mkdtemp(prefix="llm-adapt-bench-check-"))
    try:
        files = []
        for i, proposal in enumerate(generate(rulebase, count)):
            path = folder / f"p{i:05d}.yaml"
            path.write_text(yaml.safe_dump(proposal, sort_keys=False), encoding="utf-8")
            files.append(str(path))

        t_check, done = wall([llm_adapt, "check", str(folder), "--format", "json"])
        assert done.returncode in (0, 1), done.stderr[:2000]
        summary = json.loads(done.stdout)["summary"]
        assert summary["proposals"] == count, summary
        t_schema, valid = wall([validator, "--schemafile", str(SCHEMA), *files])
        assert valid.returncode == 0, (valid.stdout + valid.stderr)[:2000]

        print(f"llm-adapt check, {count} proposals (--format json): {t_check:.2f} s "
              f"({count / t_check:.0f} proposals/s; {summary['passed']} passed, "
              f"{summary['failed']} failed)")
        print(f"check-jsonschema, same {count} files, project schema only: {t_schema:.2f} s "
              f"({count / t_schema:.0f} files/s)")
        print(f"ratio llm-adapt check / check-jsonschema = {t_check / t_schema:.2f}x")
        print(breakdown(folder, rulebase))
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
