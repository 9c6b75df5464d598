"""Every figure issue 10 asks for, measured in one run and printed against its target.

  batch      `llm-adapt assess DIR --format jsonl` vs the floor of parsing the same files with
             libyaml's C loader in one Python process, at N and M projects;
  memory     peak resident memory of that batch at N and M (the ratio M/N: flat memory is ~1);
  one file   `llm-adapt assess FILE --format json` vs `python -c "import typer, pydantic,
             rich.console, yaml, jinja2"` (the dependencies' import, the floor of any CLI here);
             also reported: the smallest CLI on the same stack (a typer command that reads the
             YAML file and prints one pydantic model as JSON), against the same import;
  start-up   `llm-adapt --version` and `llm-adapt --help`;
  check      `llm-adapt check DIR --format json` vs check-jsonschema on the same N files.

Every time is the best of a few runs (one for the batches), all in this one run, so ratios
compare like with like on a loaded machine.

Usage: python benchmarks/bench_all.py [N] [M]   (default N = 2000, M = 20000)
"""

from __future__ import annotations

import json
import os
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

from llm_adapt.rulebase import load_rulebase

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CLI = str(BIN / "llm-adapt")
EXAMPLE = str(ROOT / "examples" / "clinic-discharge.yaml")
DEPS = "import typer, pydantic, rich.console, yaml, jinja2"
FLOOR = (
    "import sys, pathlib, yaml\n"
    "L = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)\n"
    "[yaml.load(p.read_text(), Loader=L)\n"
    " for p in sorted(pathlib.Path(sys.argv[1]).glob('*.yaml'))]\n"
)
# The smallest command line on this stack: typer parses the options, libyaml reads the file,
# one pydantic model is built and printed as JSON.
STACK_PEER = (
    "from pathlib import Path\n"
    "from typing import Annotated\n"
    "import typer, yaml\n"
    "from pydantic import BaseModel\n"
    "class Out(BaseModel):\n"
    "    project: str\n"
    "    scores: dict[str, float]\n"
    "app = typer.Typer()\n"
    "@app.command()\n"
    "def assess(paths: Annotated[list[Path], typer.Argument()],\n"
    "           fmt: Annotated[str, typer.Option('--format')] = 'text') -> None:\n"
    "    data = yaml.load(paths[0].read_text(), Loader=yaml.CSafeLoader)\n"
    "    print(Out(project=str(data['project']), scores={'rag': 1.0}).model_dump_json())\n"
    "@app.command()\n"
    "def check() -> None: ...\n"
    "app()\n"
)
# Peak memory of one child: run it from a small Python that reports its children's maxrss.
PEAK = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def generate(folder: Path, count: int, seed: int = 1) -> None:
    rulebase = load_rulebase()
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    for i in range(count):
        data: dict[str, Any] = {"format": 1, "project": f"Generated {i}",
                                "planned_approach": rng.choice(["prompting", "rag",
                                                                "fine_tuning", "hybrid"]),
                                "answers": random_answers(rulebase, rng)}
        (folder / f"p{i:05d}.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")


def wall(command: list[str], runs: int = 1) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
        best = min(best, time.perf_counter() - start)
    return best


def peak_mib(command: list[str]) -> float:
    out = subprocess.run([sys.executable, "-c", PEAK, *command], capture_output=True,
                         text=True, check=True).stdout
    return int(out.strip()) / 1024  # Linux reports KiB


def row(name: str, figure: str, target: str, ok: bool | None) -> None:
    """One line; `ok` None for a figure reported for context, with no target of its own."""
    verdict = "" if ok is None else "meets" if ok else "MISSES"
    print(f"{name:<44} {figure:<34} {target:<18} {verdict}")


def main() -> None:
    small = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    large = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    base = Path(tempfile.mkdtemp(prefix="llm-adapt-bench-"))
    try:
        generate(base / "large", large)
        (base / "small").mkdir()
        for path in sorted((base / "large").glob("*.yaml"))[:small]:
            shutil.copy(path, base / "small" / path.name)
        print(f"{'measure':<44} {'figure':<34} {'target':<18} result")
        ratios: dict[int, float] = {}
        peaks: dict[int, float] = {}
        for count, folder in ((small, base / "small"), (large, base / "large")):
            command = [CLI, "assess", str(folder), "--format", "jsonl"]
            t_batch = wall(command)
            t_floor = wall([sys.executable, "-c", FLOOR, str(folder)])
            ratios[count] = t_batch / t_floor
            peaks[count] = peak_mib(command)
            row(f"batch assess, {count:,} files, vs parse floor",
                f"{t_batch:.2f} s / {t_floor:.2f} s = {ratios[count]:.2f}x",
                "<= 2.0x" if count == small else "(reported)",
                ratios[count] <= 2.0 if count == small else None)
            if count == small:
                t_jobs = wall([*command, "--jobs", "0"])
                row(f"  the same with --jobs 0 ({os.cpu_count()} cores)",
                    f"{t_jobs:.2f} s / {t_floor:.2f} s = {t_jobs / t_floor:.2f}x", "(reported)",
                    None)
        growth = peaks[large] / peaks[small]
        row(f"peak memory, {large:,} vs {small:,} files",
            f"{peaks[large]:.0f} / {peaks[small]:.0f} MiB = {growth:.2f}x", "<= 1.5x",
            growth <= 1.5)
        t_one = wall([CLI, "assess", EXAMPLE, "--format", "json"], runs=7)
        t_deps = wall([sys.executable, "-c", DEPS], runs=7)
        row("one file --format json vs dependency import",
            f"{t_one * 1000:.0f} / {t_deps * 1000:.0f} ms = {t_one / t_deps:.2f}x", "<= 1.2x",
            t_one / t_deps <= 1.2)
        peer_file = base / "peer.py"
        peer_file.write_text(STACK_PEER, encoding="utf-8")
        t_peer_cli = wall([sys.executable, str(peer_file), "assess", EXAMPLE, "--format", "json"],
                          runs=7)
        row("  smallest typer+pydantic CLI vs the same",
            f"{t_peer_cli * 1000:.0f} / {t_deps * 1000:.0f} ms = {t_peer_cli / t_deps:.2f}x",
            "(reported)", None)
        t_version = wall([CLI, "--version"], runs=7)
        row("llm-adapt --version", f"{t_version * 1000:.0f} ms", "< 60 ms", t_version < 0.060)
        t_help = wall([CLI, "--help"], runs=7)
        row("llm-adapt --help", f"{t_help * 1000:.0f} ms", "(reported)", None)
        files = sorted(str(p) for p in (base / "small").glob("*.yaml"))
        t_check = wall([CLI, "check", str(base / "small"), "--format", "json"])
        schema = str(ROOT / "llm-adapt.schema.json")
        peer = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which("check-jsonschema")
        if peer:
            t_peer = wall([peer, "--schemafile", schema, *files])
            row(f"check vs check-jsonschema, {small:,} files",
                f"{t_check:.2f} s / {t_peer:.2f} s = {t_check / t_peer:.2f}x", "<= 0.33x",
                t_check / t_peer <= 1 / 3)
        else:
            row("check vs check-jsonschema", "check-jsonschema not installed", "<= 0.33x",
                False)
        print(json.dumps({"batch_vs_floor": ratios, "peak_mib": peaks}, default=str))
    finally:
        shutil.rmtree(base)


if __name__ == "__main__":
    main()
