"""`llm-adapt schema`: print the JSON Schema of the project file (for editors and validators)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from llm_adapt.cli import LangOption, RulesOption, app, boundary, check_lang, out, rulebase_for
from llm_adapt.errors import EXIT_OK
from llm_adapt.escape import display_name
from llm_adapt.output import atomic_write, check_output_path, is_stdout
from llm_adapt.project_schema import schema_text


@app.command("schema")
@boundary
def schema_command(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the schema to FILE (atomically) instead of "
                     "standard output.", show_default=False),
    ] = None,
    rules: RulesOption = [],  # noqa: B006 - typer reads the default; it is never mutated
    lang: LangOption = "en",
) -> None:
    """Print the JSON Schema (draft 2020-12) of the project file, built from the questions.

    Editors use it through a `# yaml-language-server: $schema=llm-adapt.schema.json` line;
    `check-jsonschema --schemafile` validates files with it. With --rules, the questions of
    the packs are included.
    """
    text = schema_text(rulebase_for(rules), check_lang(lang))
    if is_stdout(output):
        output = None
    if output is not None:
        check_output_path(output)
        atomic_write(output, text)
        out(f"schema written to {display_name(str(output))}\n")
    else:
        out(text)
    raise typer.Exit(EXIT_OK)
