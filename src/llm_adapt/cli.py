"""The command line: the typer app, its root options, and the commands registered on it."""

from __future__ import annotations

from typing import Annotated

import typer

from llm_adapt import package_version
from llm_adapt.commands._help import HelpCommand, HelpGroup
from llm_adapt.commands.ask import ask_command
from llm_adapt.commands.assess import assess_command
from llm_adapt.commands.check import check_command
from llm_adapt.commands.schema import schema_command

app = typer.Typer(
    name="llm-adapt",
    cls=HelpGroup,
    help="Advice on adapting an LLM: prompting, RAG, fine-tuning or a hybrid, "
    "with every point traced to its source.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"llm-adapt {package_version()}")
        raise typer.Exit(0)


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=version_callback, is_eager=True,
                           help="Print the version and exit.")
    ] = False,
) -> None:
    """Advice on adapting an LLM: prompting, RAG, fine-tuning or a hybrid.

    Exit codes: 0 done, 1 a `check` gate failed, 2 bad usage or bad input.
    """


app.command("ask", cls=HelpCommand)(ask_command)
app.command("assess", cls=HelpCommand)(assess_command)
app.command("check", cls=HelpCommand)(check_command)
app.command("schema", cls=HelpCommand)(schema_command)
