"""`llm-adapt assess PATH...`: advice for one or many projects."""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from llm_adapt.batch import Job, outcomes, parse_overrides
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
from llm_adapt.errors import EXIT_BAD_INPUT, EXIT_OK, UserError
from llm_adapt.escape import display_name
from llm_adapt.i18n import message, parse_lang
from llm_adapt.inputs import input_files
from llm_adapt.output import (
    ReportDirectory,
    atomic_write,
    check_output_path,
    is_stdout,
    refuse_inputs,
    report_name,
)
from llm_adapt.progress import BatchProgress
from llm_adapt.progress import wanted as progress_wanted
from llm_adapt.report import Document, RenderOptions, ReportFormat, SummaryRow, renderer_for
from llm_adapt.rulebase import load_rulebase


@boundary
def assess_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Project files, directories (searched for *.yaml/*.yml), .jsonl, "
            ".csv or .tsv tables, or - for standard input.",
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
            help="Write the report to FILE (written atomically; - is standard output; "
            "never one of the inputs).",
            show_default=False,
        ),
    ] = None,
    output_dir: Annotated[
        Path | None,
        typer.Option(
            "--output-dir",
            metavar="DIR",
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
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", metavar="N",
                     help="Assess with N processes (0: one per core); the output is the same."),
    ] = 1,
    exclude: ExcludeOption = [],  # noqa: B006
    respect_gitignore: GitignoreOption = True,
    rules: RulesOption = [],  # noqa: B006
    lang: LangOption = "en",
    color: ColorOption = "auto",
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Advise on one or many projects: the recommendation, why, and what would change it.

    Exit codes: 0 done; 2 bad usage or an input that could not be read or validated (every
    other input is still assessed and reported).
    """
    language = parse_lang(lang)
    chosen = selection(exclude, respect_gitignore)
    if output is not None and output_dir is not None:
        raise UserError("use --output or --output-dir, not both")
    if jobs < 0:
        raise UserError(f"--jobs {jobs}: give 1 or more processes, or 0 for every core")
    if is_stdout(output):
        output = None
    if output is not None:
        check_output_path(output)
        refuse_inputs(output, input_files(paths, chosen, rules))
    started = time.monotonic()
    colored = use_color(color)
    rulebase = load_rulebase(rules)
    overrides = parse_overrides(set_, rulebase)
    renderer = renderer_for(fmt)
    to_file = RenderOptions(rulebase=rulebase, lang=language, color=False, width=100)
    on_screen = RenderOptions(
        rulebase=rulebase, lang=language, color=colored, width=output_width()
    )
    streaming = output is None and output_dir is None
    options = on_screen if streaming and fmt is ReportFormat.TEXT else to_file
    job = Job(rulebase, render=lambda a: renderer.item(a, options), overrides=overrides,
              lang=language)
    reports: ReportDirectory | None = None
    summaries = ["summary.md"]
    if fmt in (ReportFormat.JSON, ReportFormat.JSONL):
        summaries.append("summary.json")
    if output_dir is not None:
        reports = ReportDirectory(output_dir, input_files(paths, chosen, rules))
        reports.check(summaries)
    held: list[str] = []  # --output: the document, written whole once it is complete
    document = Document(renderer.frame, out if streaming else held.append)
    rows: list[SummaryRow] = []
    taken: set[str] = {"summary"}  # names in --output-dir; reserved for the batch summary
    found = bad = 0
    progress = BatchProgress(message("assess.progress", language),
                             enabled=progress_wanted(quiet), color=colored)
    with progress, contextlib.ExitStack() as on_failure:
        if reports is not None:
            # Stopped part way (a file in the way, Ctrl-C): keep a record of what was written.
            on_failure.callback(reports.keep)
        for outcome in outcomes(paths, job, read_stdin=sys.stdin.buffer.read, jobs=jobs,
                                selection=chosen):
            progress.advance()
            found += 1
            if outcome.report is None or outcome.row is None:
                bad += 1
                for problem in outcome.problems:
                    err(str(problem))
                continue
            rows.append(outcome.row)
            if reports is not None:
                name = report_name(outcome.source, taken, fmt.extension)
                reports.check([name])
                reports.write(name, outcome.report)
            else:
                document.add(outcome.report)
        on_failure.pop_all()
    if not found:
        raise UserError("no project files found in " + ", ".join(paths))
    if reports is not None and output_dir is not None:
        summary_renderer = renderer_for(ReportFormat.MARKDOWN)
        reports.write("summary.md", summary_renderer.summary(rows, to_file))
        if "summary.json" in summaries:
            reports.write("summary.json", renderer.summary(rows, to_file))
        reports.finish()
        if rows and not quiet:
            out(renderer_for(ReportFormat.TEXT).summary(rows, on_screen))
        if not quiet:
            out(note_line(message("assess.reports_written", language, count=len(rows),
                                  path=display_name(str(output_dir)))))
    elif output is not None:
        if len(rows) > 1 and fmt in (ReportFormat.TEXT, ReportFormat.MARKDOWN):
            raise UserError(
                f"--output takes one project, and {len(rows)} were given: "
                "use --output-dir, or --format json/jsonl"
            )
        if rows:
            document.close()
            atomic_write(output, "".join(held))
            if not quiet:
                out(renderer_for(ReportFormat.TEXT).summary(rows, on_screen))
                out(note_line(message("assess.report_written", language,
                                      path=display_name(str(output)))))
    else:
        document.close()
        if fmt is ReportFormat.TEXT and len(rows) > 1:
            out("\n" + renderer_for(ReportFormat.TEXT).summary(rows, on_screen))
    if verbose:
        err(message("assess.verbose", language, found=found, bad=bad, jobs=jobs,
                    packs=len(rules), seconds=f"{time.monotonic() - started:.2f}"))
    raise typer.Exit(EXIT_BAD_INPUT if bad else EXIT_OK)
