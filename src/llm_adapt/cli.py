"""The command line: the typer app, its root options, and the commands it knows.

Each command lives in its own module under `commands/` and is imported only when it runs (or
when `--help` lists them): `llm-adapt assess --format json` need not load the interview, the
gate or the template engine."""

from __future__ import annotations

import functools
import importlib
from typing import Annotated, Any

import typer

from llm_adapt import package_version
from llm_adapt.commands._help import HelpCommand, HelpGroup

# name -> (module, function): the commands, registered by name, imported on first use.
COMMANDS: dict[str, tuple[str, str]] = {
    "ask": ("llm_adapt.commands.ask", "ask_command"),
    "assess": ("llm_adapt.commands.assess", "assess_command"),
    "check": ("llm_adapt.commands.check", "check_command"),
    "schema": ("llm_adapt.commands.schema", "schema_command"),
}
CONTEXT = {"help_option_names": ["-h", "--help"]}


class LazyCommands(HelpGroup):
    """A group whose commands are built from their modules when first asked for."""

    # typer ships its own click: its Context and Command types are spelled loosely here.
    def list_commands(self, ctx: Any) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            self.add_command(_built(cmd_name), cmd_name)
        return super().get_command(ctx, cmd_name)


@functools.cache
def _built(name: str) -> Any:
    """The click command of one of COMMANDS, built once per process (typer rebuilds the
    group for every invocation, as in-process test runners do)."""
    module, function = COMMANDS[name]
    single = typer.Typer(rich_markup_mode=None, context_settings=CONTEXT)
    single.command(name, cls=HelpCommand)(getattr(importlib.import_module(module), function))
    return typer.main.get_command(single)


app = typer.Typer(
    name="llm-adapt",
    cls=LazyCommands,
    help="Advice on adapting an LLM: prompting, RAG, fine-tuning or a hybrid, "
    "with every point traced to its source.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings=CONTEXT,
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


def command_names() -> list[str]:
    """The commands `app` offers (for tests and documentation)."""
    group = typer.main.get_command(app)
    assert isinstance(group, LazyCommands)
    return group.list_commands(None)
