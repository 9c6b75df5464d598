"""`llm-adapt assess PATH...`: advice for one or many projects."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from llm_adapt.batch import assess_paths, parse_overrides
from llm_adapt.cli import (
    LangOption,
    RulesOption,
    app,
    boundary,
    check_lang,
    err,
    out,
    output_width,
    rulebase_for,
    use_color,
)
from llm_adapt.errors import EXIT_BAD_INPUT, EXIT_OK, UserError
from llm_adapt.escape import display_name
from llm_adapt.inputs import input_files
from llm_adapt.output import (
    ReportDirectory,
    atomic_write,
    check_output_path,
    is_stdout,
    refuse_inputs,
    report_name,
)
from llm_adapt.report import RenderOptions, ReportFormat, renderer_for


@app.command("assess")
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
        ReportFormat, typer.Option("--format", "-f", help="Report format.")
    ] = ReportFormat.TEXT,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the report to FILE (written atomically; - is standard output; "
            "never one of the inputs).",
            show_default=False,
        ),
    ] = None,
    output_dir: Annotated[
        Path | None,
        typer.Option(
            "--output-dir",
            help="Write one report per project and a summary to DIR (overwriting only "
            "reports llm-adapt wrote there, and removing its stale ones).",
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
    language = check_lang(lang)
    if is_stdout(output):
        output = None
    if output is not None and output_dir is not None:
        raise UserError("use --output or --output-dir, not both")
    if output is not None:
        check_output_path(output)
        refuse_inputs(output, input_files(paths))
    if output_dir is not None and output_dir.exists() and not output_dir.is_dir():
        raise UserError(f"--output-dir {output_dir}: not a directory")
    rulebase = rulebase_for(rules)
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
        reports = ReportDirectory(output_dir, input_files(paths))
        taken: set[str] = {"summary"}  # reserved for the batch summary
        names = [report_name(a.source, taken, fmt.extension) for a in assessments]
        summaries = ["summary.md"]
        if fmt in (ReportFormat.JSON, ReportFormat.JSONL):
            summaries.append("summary.json")
        reports.check([*names, *summaries])
        for name, assessment in zip(names, assessments, strict=True):
            reports.write(name, renderer.render([assessment], to_file))
        summary_renderer = renderer_for(ReportFormat.MARKDOWN)
        reports.write("summary.md", summary_renderer.summary(assessments, to_file))
        if fmt in (ReportFormat.JSON, ReportFormat.JSONL):
            reports.write("summary.json", renderer.summary(assessments, to_file))
        reports.finish()
        if assessments:
            out(text_summary.summary(assessments, on_screen))
        out(f"{len(assessments)} report(s) written to {display_name(str(output_dir))}\n")
    elif output is not None:
        if len(assessments) > 1 and fmt in (ReportFormat.TEXT, ReportFormat.MARKDOWN):
            raise UserError(
                f"--output takes one project, and {len(assessments)} were given: "
                "use --output-dir, or --format json/jsonl"
            )
        if assessments:
            atomic_write(output, renderer.render(assessments, to_file))
            out(text_summary.summary(assessments, on_screen))
            out(f"report written to {display_name(str(output))}\n")
    elif assessments:
        options = on_screen if fmt is ReportFormat.TEXT else to_file
        out(renderer.render(assessments, options))
        if fmt is ReportFormat.TEXT and len(assessments) > 1:
            out("\n" + text_summary.summary(assessments, on_screen))
    raise typer.Exit(EXIT_BAD_INPUT if result.problems else EXIT_OK)
