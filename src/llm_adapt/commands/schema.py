"""`llm-adapt schema`: print the JSON Schema of the project file (for editors and validators)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from llm_adapt.api import load_rulebase
from llm_adapt.commands._options import (
    LangOption,
    QuietOption,
    RulesOption,
    VerboseOption,
    boundary,
    err,
    out,
)
from llm_adapt.errors import EXIT_OK
from llm_adapt.escape import display_name
from llm_adapt.i18n import message, parse_lang
from llm_adapt.output import atomic_write, check_output_path, is_stdout
from llm_adapt.project_schema import schema_text


@boundary
def schema_command(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", show_default=False,
                     help="Write the schema to FILE (atomically) instead of standard output."),
    ] = None,
    rules: RulesOption = [],  # noqa: B006 - typer reads the default; it is never mutated
    lang: LangOption = "en",
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Print the JSON Schema (draft 2020-12) of the project file, built from the questions.

    Editors use it through a `# yaml-language-server: $schema=llm-adapt.schema.json` line;
    `check-jsonschema --schemafile` validates files with it. With --rules, the questions of
    the packs are included.
    """
    language = parse_lang(lang)
    if is_stdout(output):
        output = None
    if output is not None:
        check_output_path(output)
    rulebase = load_rulebase(rules)
    text = schema_text(rulebase, language)
    if verbose:
        err(message("schema.verbose", language, questions=len(rulebase.questions),
                    packs=len(rules)))
    if output is not None:
        atomic_write(output, text)
        if not quiet:
            out(message("schema.written", language, path=display_name(str(output))) + "\n")
    else:
        out(text)
    raise typer.Exit(EXIT_OK)
