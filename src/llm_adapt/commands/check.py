"""`llm-adapt check PATH...`: the CI gate on proposals (exit 0 pass, 1 fail, 2 bad input)."""

from __future__ import annotations

import math
import os
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from llm_adapt import package_version
from llm_adapt.api import check_paths, load_rulebase
from llm_adapt.commands._options import (
    ColorOption,
    ExcludeOption,
    GitignoreOption,
    LangOption,
    QuietOption,
    RulesOption,
    VerboseOption,
    boundary,
    err,
    note_line,
    out,
    output_width,
    selection,
    use_color,
)
from llm_adapt.errors import UserError
from llm_adapt.escape import display_name
from llm_adapt.gate import Status
from llm_adapt.gate.config import find_config, load_config, resolve
from llm_adapt.gate.core import GateReport
from llm_adapt.gate.formats import CheckFormat, CheckRenderOptions, check_renderer_for
from llm_adapt.i18n import message, parse_lang
from llm_adapt.inputs import input_files
from llm_adapt.output import atomic_write, check_output_path, is_stdout, refuse_inputs
from llm_adapt.result import CONFIDENCE_LEVELS, Confidence


def _confidence(value: str | None) -> Confidence | None:
    if value is None:
        return None
    if value not in CONFIDENCE_LEVELS:
        raise UserError(f"--min-confidence {value}: choose low, medium or high")
    return value


def _problems_to_stderr(report: GateReport) -> None:
    for verdict in report.verdicts:
        if verdict.status is Status.ERROR:
            for finding in verdict.findings:
                err(f"{finding.location}: {finding.message}")


def _append_step_summary(report: GateReport, options: CheckRenderOptions) -> None:
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    # Imported here: the Markdown summary needs Jinja, which other formats do not load.
    from llm_adapt.gate.formats import github

    text = github.step_summary(report, options)  # rendered first: a failure leaves no trace
    try:
        # GitHub gives each step its own file and expects appends, so several runs add up.
        with open(target, "a", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(text)
    except OSError as exc:
        raise UserError(f"GITHUB_STEP_SUMMARY {target}: cannot write: {exc.strerror}") from exc


@boundary
def check_command(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH",
                       help="Proposal files, directories (searched for *.yaml/*.yml), "
                       ".jsonl, .csv or .tsv tables, or - for standard input.", show_default=False),
    ],
    fmt: Annotated[
        CheckFormat, typer.Option("--format", "-f", metavar="text|json|junit|sarif|github",
                                help="Report format.")
    ] = CheckFormat.TEXT,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", show_default=False,
                     help="Write the report to FILE (atomically; - is standard output; never "
                     "one of the inputs) and a summary to the terminal."),
    ] = None,
    junit_flavor: Annotated[
        str,
        typer.Option("--junit-flavor", metavar="jenkins|pytest",
                     help="JUnit layout: jenkins (valid against junit-10.xsd) or pytest (adds "
                     "file and line to each testcase)."),
    ] = "jenkins",
    tolerance: Annotated[
        float | None,
        typer.Option("--tolerance", metavar="POINTS", show_default=False,
                     help="Score points (0-100 scale) a plan may trail the recommendation and "
                     "still pass without a justification (default 5)."),
    ] = None,
    strict: Annotated[
        bool | None,
        typer.Option("--strict/--no-strict", show_default=False,
                     help="Fail plans that go against the advice even with a justification."),
    ] = None,
    require_complete: Annotated[
        bool | None,
        typer.Option("--require-complete/--no-require-complete", show_default=False,
                     help="Fail proposals that leave applicable questions unanswered."),
    ] = None,
    min_confidence: Annotated[
        str | None,
        typer.Option("--min-confidence", metavar="low|medium|high", show_default=False,
                     help="Fail proposals whose advice is less confident than this."),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", metavar="FILE", show_default=False,
                     help="Read defaults from this file instead of looking for .llm-adapt.yaml "
                     "or a tool.llm-adapt table in pyproject.toml from here up to the git "
                     "root."),
    ] = None,
    exclude: ExcludeOption = [],  # noqa: B006 - typer reads the default; it is never mutated
    respect_gitignore: GitignoreOption = True,
    rules: RulesOption = [],  # noqa: B006
    lang: LangOption = "en",
    color: ColorOption = "auto",
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Gate proposals in CI: fail a planned approach that goes against the advice without a
    written justification.

    A proposal passes when its planned_approach is the recommendation or within --tolerance
    points of it; a blocked plan always fails; any other plan fails unless the file has a
    justification (then it passes with a warning, or fails with --strict).

    Flags win over the configuration file, which wins over the built-in defaults.

    Exit codes: 0 every proposal passed; 1 at least one failed; 2 bad usage or an input that
    could not be read or validated (every other proposal is still checked).
    """
    started = time.monotonic()
    language = parse_lang(lang)
    colored = use_color(color)
    chosen = selection(exclude, respect_gitignore)
    wanted = _confidence(min_confidence)
    if junit_flavor not in ("jenkins", "pytest"):
        raise UserError(f"--junit-flavor {junit_flavor}: choose jenkins or pytest")
    if tolerance is not None and not (math.isfinite(tolerance) and 0 <= tolerance <= 100):
        raise UserError(f"--tolerance {tolerance:g}: give a number of points from 0 to 100")
    found = config if config is not None else find_config(Path.cwd())
    if is_stdout(output):
        output = None
    if output is not None:
        check_output_path(output)
    settings = load_config(found) if found is not None else None
    options, packs = resolve(settings, tolerance=tolerance, strict=strict,
                             require_complete=require_complete, min_confidence=wanted,
                             rules=rules)
    if output is not None:  # before anything is read: never write over what is read
        read = [*input_files(paths, chosen, packs), *([found] if found else [])]
        refuse_inputs(output, read)
    rulebase = load_rulebase(packs)
    report = check_paths(paths, rulebase, options, read_stdin=sys.stdin.buffer.read, lang=language,
                          selection=chosen)
    if not report.verdicts:
        raise UserError("no proposals found in " + ", ".join(paths))
    version = package_version()
    to_file = CheckRenderOptions(color=False, width=100, version=version,
                                 junit_flavor=junit_flavor)
    on_screen = CheckRenderOptions(color=colored, width=output_width(), version=version)
    renderer = check_renderer_for(fmt)
    if output is not None:
        atomic_write(output, renderer.render(report, to_file))
        _problems_to_stderr(report)
        if not quiet:
            from llm_adapt.gate.formats.text import TextRenderer  # the table on screen only

            out(TextRenderer().table(report, on_screen))
            out(note_line(message("gate.written", language, path=display_name(str(output)))))
    else:
        if fmt not in (CheckFormat.TEXT, CheckFormat.GITHUB):
            _problems_to_stderr(report)  # the report on stdout is data, not for reading
        out(renderer.render(report, on_screen if fmt is CheckFormat.TEXT
                                         else to_file))
    if fmt is CheckFormat.GITHUB:
        _append_step_summary(report, to_file)
    if verbose:
        err(message("gate.verbose", language, count=len(report.verdicts),
                    config=found if found is not None else "-", packs=len(packs),
                    seconds=f"{time.monotonic() - started:.2f}"))
    raise typer.Exit(report.exit_code)
