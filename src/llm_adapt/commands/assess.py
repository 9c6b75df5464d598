"""`llm-adapt assess PATH...`: advice for one or many projects."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from llm_adapt.api import assess_paths, load_rulebase
from llm_adapt.batch import parse_overrides
from llm_adapt.commands._options import (
    LangOption,
    RulesOption,
    boundary,
    err,
    out,
    output_width,
    use_color,
)
from llm_adapt.errors import EXIT_BAD_INPUT, EXIT_OK, UserError
from llm_adapt.i18n import message, parse_lang
from llm_adapt.output import atomic_write, report_name
from llm_adapt.report import RenderOptions, ReportFormat, renderer_for


@boundary
def assess_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Project files, directories (searched for *.yaml/*.yml), .jsonl or "
            ".csv tables, or - for standard input.",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", metavar="text|markdown|json|jsonl",
                                 help="Report format.")
    ] = ReportFormat.TEXT,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the report to FILE (written atomically).",
            show_default=False,
        ),
    ] = None,
    output_dir: Annotated[
        Path | None,
        typer.Option(
            "--output-dir",
            metavar="DIR",
            help="Write one report per project and a summary to DIR.",
            show_default=False,
        ),
    ] = None,
    set_: Annotated[
        list[str],
        typer.Option(
            "--set",
            metavar="QUESTION=VALUE",
            help="Override an answer for every project, for a what-if (repeatable; "
            "an empty VALUE makes it unanswered).",
            show_default=False,
        ),
    ] = [],  # noqa: B006 - typer reads the default; it is never mutated
    rules: RulesOption = [],  # noqa: B006
    lang: LangOption = "en",
) -> None:
    """Advise on one or many projects: the recommendation, why, and what would change it.

    Exit codes: 0 done; 2 bad usage or an input that could not be read or validated (every
    other input is still assessed and reported).
    """
    language = parse_lang(lang)
    if output is not None and output_dir is not None:
        raise UserError("use --output or --output-dir, not both")
    rulebase = load_rulebase(rules)
    overrides = parse_overrides(set_, rulebase)
    result = assess_paths(
        paths, rulebase, read_stdin=sys.stdin.buffer.read, overrides=overrides, lang=language
    )
    for problem in result.problems:
        err(str(problem))
    if not result.found:
        raise UserError("no project files found in " + ", ".join(paths))
    assessments = result.assessments
    renderer = renderer_for(fmt)
    to_file = RenderOptions(rulebase=rulebase, lang=language, color=False, width=100)
    on_screen = RenderOptions(
        rulebase=rulebase, lang=language, color=use_color(), width=output_width()
    )
    text_summary = renderer_for(ReportFormat.TEXT)
    if output_dir is not None:
        if output_dir.exists() and not output_dir.is_dir():
            raise UserError(f"--output-dir {output_dir}: not a directory")
        taken: set[str] = {"summary"}  # reserved for the batch summary
        for assessment in assessments:
            name = report_name(assessment.source, taken, fmt.extension)
            atomic_write(output_dir / name, renderer.render([assessment], to_file))
        summary_renderer = renderer_for(ReportFormat.MARKDOWN)
        atomic_write(output_dir / "summary.md", summary_renderer.summary(assessments, to_file))
        if fmt in (ReportFormat.JSON, ReportFormat.JSONL):
            atomic_write(output_dir / "summary.json", renderer.summary(assessments, to_file))
        if assessments:
            out(text_summary.summary(assessments, on_screen))
        out(message("assess.reports_written", language, count=len(assessments), path=output_dir)
            + "\n")
    elif output is not None:
        if len(assessments) > 1 and fmt in (ReportFormat.TEXT, ReportFormat.MARKDOWN):
            raise UserError(
                f"--output takes one project, and {len(assessments)} were given: "
                "use --output-dir, or --format json/jsonl"
            )
        if assessments:
            atomic_write(output, renderer.render(assessments, to_file))
            out(text_summary.summary(assessments, on_screen))
            out(message("assess.report_written", language, path=output) + "\n")
    elif assessments:
        options = on_screen if fmt is ReportFormat.TEXT else to_file
        out(renderer.render(assessments, options))
        if fmt is ReportFormat.TEXT and len(assessments) > 1:
            out("\n" + text_summary.summary(assessments, on_screen))
    raise typer.Exit(EXIT_BAD_INPUT if result.problems else EXIT_OK)
