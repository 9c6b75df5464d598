"""Benchmark `assess`: ratios measured in one run, printed for the notes.

1. what-if: incremental re-evaluation (only the rules that read the changed question) against
   the naive peer that re-evaluates every rule for every candidate change.
2. batch: `llm-adapt assess DIR --format jsonl` on N generated projects against the floor of
   merely parsing the same files with PyYAML's safe loader in one Python process.
3. stages: microseconds per project of each step of the batch, in this process (one pass
   each, in pipeline order), beside libyaml's own load of the same text.

Usage: python benchmarks/bench_assess.py [N]   (default N = 2000)
"""

from __future__ import annotations

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

from llm_adapt import yamlio
from llm_adapt.approaches import Approach
from llm_adapt.engine import applicable_answers, evaluate, rank
from llm_adapt.project import load_text
from llm_adapt.rulebase import RuleBase, load_rulebase
from llm_adapt.scoring import assess_project
from llm_adapt.whatif import candidates, what_if


def generate(rulebase: RuleBase, count: int, seed: int = 1) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    projects = []
    for i in range(count):
        answers = random_answers(rulebase, rng)
        projects.append({"format": 1, "project": f"Generated {i}", "answers": answers})
    return projects


def naive_what_if(rulebase: RuleBase, raw: dict[str, Any], top: Approach) -> int:
    flips = 0
    for qid, question in rulebase.questions.items():
        for value in candidates(rulebase, question):
            if value == raw.get(qid):
                continue
            ev = evaluate(rulebase, applicable_answers(rulebase, {**raw, qid: value}))
            flips += rank(ev.points, ev.blocked)[0] != top
    return flips


def timed(func: Any, *args: Any) -> float:
    start = time.perf_counter()
    func(*args)
    return time.perf_counter() - start


def stages(rulebase: RuleBase, folder: Path) -> None:
    """Per project: each step of `assess` in pipeline order, one pass each."""
    paths = sorted(folder.glob("*.yaml"))
    per = 1e6 / len(paths)
    start = time.perf_counter()
    texts = [p.read_text(encoding="utf-8") for p in paths]
    read = time.perf_counter() - start
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    floor = timed(lambda: [yaml.load(t, Loader=loader) for t in texts])
    walk = timed(lambda: [yamlio.load(t, "p.yaml") for t in texts])
    start = time.perf_counter()
    loaded = [load_text(t, rulebase, file="p.yaml") for t in texts]
    validated = time.perf_counter() - start - walk
    start = time.perf_counter()
    for project in loaded:
        assess_project(rulebase, project, with_what_if=False)
    scored = time.perf_counter() - start
    start = time.perf_counter()
    results = [assess_project(rulebase, project) for project in loaded]
    with_what_if = time.perf_counter() - start
    dumped = timed(lambda: [r.model_dump_json() for r in results])
    print(f"stages, us per project ({len(paths)} projects): read {read * per:.0f}; "
          f"libyaml load {floor * per:.0f} (the floor's parse); llm-adapt YAML load "
          f"{walk * per:.0f}; validation {validated * per:.0f}; assessment without what-if "
          f"{scored * per:.0f}; what-if {(with_what_if - scored) * per:.0f}; JSON "
          f"{dumped * per:.0f}")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rulebase = load_rulebase()
    projects = generate(rulebase, count)

    def incremental() -> None:
        for p in projects:
            applying = applicable_answers(rulebase, p["answers"])
            ev = evaluate(rulebase, applying)
            what_if(rulebase, p["answers"], applying, ev, rank(ev.points, ev.blocked)[0])

    def naive() -> None:
        for p in projects:
            ev = evaluate(rulebase, applicable_answers(rulebase, p["answers"]))
            naive_what_if(rulebase, p["answers"], rank(ev.points, ev.blocked)[0])

    t_inc, t_naive = timed(incremental), timed(naive)
    print(
        f"what-if, {count} projects: incremental {t_inc:.2f} s, naive {t_naive:.2f} s, "
        f"naive/incremental = {t_naive / t_inc:.1f}x"
    )

    folder = Path(tempfile.mkdtemp(prefix="llm-adapt-bench-"))
    try:
        for i, project in enumerate(projects):
            (folder / f"p{i:05d}.yaml").write_text(yaml.safe_dump(project), encoding="utf-8")
        stages(rulebase, folder)
        script = Path(sys.executable).parent / "llm-adapt"
        start = time.perf_counter()
        done = subprocess.run(
            [str(script), "assess", str(folder), "--format", "jsonl"],
            capture_output=True,
            text=True,
            check=False,
        )
        t_cli = time.perf_counter() - start
        assert done.returncode == 0, done.stderr[:2000]
        assert len(done.stdout.splitlines()) == count
        floor = (
            "import sys, pathlib, yaml\n"
            "L = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)\n"
            "[yaml.load(p.read_text(), Loader=L) for p in sorted(pathlib.Path(sys.argv[1])"
            ".glob('*.yaml'))]\n"
        )
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", floor, str(folder)], check=True)
        t_floor = time.perf_counter() - start
        print(
            f"assess {count} files (jsonl, with what-if): {t_cli:.2f} s "
            f"({count / t_cli:.0f} projects/s); parse-only floor {t_floor:.2f} s; "
            f"assess/floor = {t_cli / t_floor:.1f}x"
        )
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
