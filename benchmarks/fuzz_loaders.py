"""Coverage-guided fuzzing of every loader with atheris (libFuzzer for Python).

Each input is one of: a YAML project file, a JSONL table, a CSV table, standard input, a
configuration file (YAML or TOML), a rule file (then scored, what-if included). Whatever the
bytes, the loader must give a result or llm-adapt's own error (LlmAdaptError); any other
exception is a crash, which atheris reports with the input that caused it.

Usage (atheris is not a dependency: `pip install atheris`):
  python benchmarks/fuzz_loaders.py -max_total_time=120 [-jobs=1] [CORPUS_DIR]
The seeds are the example projects and tests/data/hostile.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from llm_adapt import conditions, inputs, project, rulebase, yamlio
    from llm_adapt.errors import LlmAdaptError
    from llm_adapt.gate.config import load_config
    from llm_adapt.scoring import assess

ROOT = Path(__file__).resolve().parent.parent
RULES = rulebase.load_rulebase()
WORK = Path(tempfile.mkdtemp(prefix="llm-adapt-fuzz-"))
SUFFIXES = (".yaml", ".jsonl", ".csv", "-", ".llm-adapt.yaml", "pyproject.toml", "rules")


def _rule_file(data: bytes) -> None:
    folder = WORK / "pack"
    folder.mkdir(exist_ok=True)
    (folder / "rules.yaml").write_bytes(data)
    rulebase._load.cache_clear()
    built = rulebase.load_rulebase([folder])
    assess(built, {"labeled_examples": 100, "budget": "low", "model_access": "open_weights"},
           source="fuzz", project="fuzz")


def one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    kind = SUFFIXES[provider.ConsumeIntInRange(0, len(SUFFIXES) - 1)]
    payload = provider.ConsumeBytes(provider.remaining_bytes())
    try:
        if kind == "-":
            list(inputs.load(["-"], RULES, read_stdin=io.BytesIO(payload).read))
        elif kind in (".yaml", ".jsonl", ".csv"):
            path = WORK / f"in{kind}"
            path.write_bytes(payload)
            list(inputs.load([str(path)], RULES, read_stdin=io.BytesIO().read))
        elif kind == "rules":
            _rule_file(payload)
        else:
            path = WORK / kind
            path.write_bytes(payload)
            load_config(path)
        text = payload.decode("utf-8", "replace")
        try:
            value, _ = yamlio.load(text, "fuzz.yaml")
        except LlmAdaptError:
            return
        conditions.parse(value)
        project.validate(value, RULES, source="fuzz", file="fuzz")
    except (LlmAdaptError, conditions.ConditionError):
        return


def main() -> None:
    args = list(sys.argv)
    if not any(not a.startswith("-") for a in args[1:]):
        corpus = WORK / "corpus"
        corpus.mkdir()
        seeds = [*sorted((ROOT / "examples").glob("*.yaml")),
                 *sorted((ROOT / "tests" / "data" / "hostile").rglob("*.*"))]
        for index, seed in enumerate(seeds):
            (corpus / f"seed-{index}").write_bytes(bytes([index % len(SUFFIXES)])
                                                   + seed.read_bytes())
        args.append(str(corpus))
    atheris.Setup(args, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
