"""Reference reports: every example and case, every `assess` format, in both languages.

`python tests/golden.py` rewrites tests/data/golden/ from the current program; run it only
when a change of the advice or of a report is intended, and review the diff it makes.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml
from typer.testing import CliRunner

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GOLDEN = HERE / "data" / "golden"
FORMATS = {"text": "txt", "markdown": "md", "json": "json", "jsonl": "jsonl"}
LANGS = ("en", "zh")


def inputs() -> Iterator[tuple[str, list[str], str | None]]:
    """(name, path arguments, standard input) for every example and calibration case, and
    the examples as one batch (whose text and Markdown reports end with a summary)."""
    yield "batch-examples", ["examples"], None
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        yield f"example-{example.stem}", [f"examples/{example.name}"], None
    for case in sorted((HERE / "data" / "cases").glob("*.yaml")):
        project = yaml.safe_load(case.read_text(encoding="utf-8"))["project"]
        yield f"case-{case.stem}", ["-"], yaml.safe_dump(project, allow_unicode=True)


def render(
    paths: list[str], stdin: str | None, fmt: str, lang: str, command: str = "assess"
) -> str:
    """What `llm-adapt COMMAND PATHS --format FMT --lang LANG` prints off a terminal."""
    from llm_adapt.cli import app

    runner = CliRunner()
    env = {"COLUMNS": "100", "NO_COLOR": "1", "LLM_ADAPT_LANG": None}
    result = runner.invoke(
        app, [command, *paths, "--format", fmt, "--lang", lang], input=stdin, env=env
    )
    if result.exit_code not in (0, 1) or (command == "assess" and result.exit_code):
        raise AssertionError(f"assess {paths} exited {result.exit_code}: {result.output}")
    return stable(result.stdout)


# The version and the rule base's fingerprint change with every release and every edit of a
# rule file, whatever the advice; the references pin the advice, so these two are replaced
# by placeholders (test_report.py checks their real values).
_RECORDED = re.compile(r'("(?:tool_version|rulebase_fingerprint)": ?)"[^"]*"')


def stable(output: str) -> str:
    return _RECORDED.sub(r'\1"*"', output)


CHECK_FORMATS = {"text": "txt", "json": "json", "junit": "xml", "sarif": "sarif", "github": "gh"}


def expected() -> Iterator[tuple[Path, str, list[str], str | None, str, str]]:
    """(reference file, command, paths, stdin, format, language) for every reference report."""
    for name, paths, stdin in inputs():
        for fmt, ext in FORMATS.items():
            for lang in LANGS:
                yield GOLDEN / f"{name}.{lang}.{ext}", "assess", paths, stdin, fmt, lang
    for fmt, ext in CHECK_FORMATS.items():
        yield GOLDEN / f"check-examples.en.{ext}", "check", ["examples"], None, fmt, "en"


def main() -> int:
    import os

    os.chdir(ROOT)
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for stale in GOLDEN.iterdir():
        stale.unlink()
    count = 0
    for path, command, paths, stdin, fmt, lang in expected():
        path.write_text(render(paths, stdin, fmt, lang, command), encoding="utf-8")
        count += 1
    print(f"{count} reference reports written to {GOLDEN.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
