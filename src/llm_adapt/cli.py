"""The command line: options in, one core call, rendered output, exit codes out."""

from __future__ import annotations

import functools
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from llm_adapt import package_version
from llm_adapt.errors import (
    EXIT_BROKEN_PIPE,
    InputError,
    LlmAdaptError,
    UserError,
    exit_code_for,
)
from llm_adapt.escape import defuse, printable
from llm_adapt.rulebase import Lang, RuleBase, load_rulebase

app = typer.Typer(
    name="llm-adapt",
    help="Advice on adapting an LLM: prompting, RAG, fine-tuning or a hybrid, "
    "with every point traced to its source.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])

RulesOption = Annotated[
    list[Path],
    typer.Option("--rules", help="A rule pack directory layered over the built-in rules "
                 "(repeatable).", show_default=False),
]
LangOption = Annotated[
    str,
    typer.Option(
        "--lang", envvar="LLM_ADAPT_LANG", help="Language of questions and reports: en or zh."
    ),
]


def err(message: str) -> None:
    """A message for the user on standard error (never a traceback): each line printable, and
    none that a CI runner would take for a workflow command."""
    lines = [printable(line) for line in message.rstrip("\n").split("\n")]
    sys.stderr.write(defuse("\n".join(lines), "text") + "\n")
    sys.stderr.flush()


def out(text: str) -> None:
    """Write to standard output. If the reader has gone away (`| head`), carry on silently,
    so the exit code still tells the truth (a failed gate piped into `head` still fails)."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def boundary(func: F) -> F:
    """The one place errors become messages and exit codes."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except typer.Exit:
            raise
        except InputError as exc:  # already `file:line:col: message`, one per problem
            for problem in exc.problems:
                err(str(problem))
            raise typer.Exit(exc.exit_code) from None
        except LlmAdaptError as exc:
            err(f"llm-adapt: {exc}")
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err("llm-adapt: interrupted")
            raise typer.Exit(exit_code_for(KeyboardInterrupt())) from None
        except BrokenPipeError:
            # Written outside `out()`: the outcome is unknown, so say so the shell's way.
            _silence_stdout()
            raise typer.Exit(EXIT_BROKEN_PIPE) from None
        except Exception as exc:  # an unexpected bug: keep it apart from user errors
            if os.environ.get("LLM_ADAPT_DEBUG"):
                raise
            err(f"llm-adapt: internal error: {type(exc).__name__}: {exc}\n"
                "Set LLM_ADAPT_DEBUG=1 to see the traceback, and please report it.")
            raise typer.Exit(exit_code_for(exc)) from None

    return wrapper  # type: ignore[return-value]


def check_lang(lang: str) -> Lang:
    if lang not in ("en", "zh"):
        raise UserError(f"--lang (or LLM_ADAPT_LANG) {lang!r}: choose en or zh")
    return lang  # type: ignore[return-value]


def rulebase_for(rules: list[Path]) -> RuleBase:
    return load_rulebase(rules)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def use_color() -> bool:
    """Colour only on a terminal, and never with NO_COLOR set (https://no-color.org)."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return stdout_is_terminal()


def output_width() -> int:
    """The terminal's width, or COLUMNS, or 100: the same bytes for the same input off a tty."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 20:
        return int(columns)
    if stdout_is_terminal():
        return max(60, min(os.get_terminal_size().columns, 160))
    return 100


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"llm-adapt {package_version()}")
        raise typer.Exit(0)


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True,
                           help="Print the version and exit.")
    ] = False,
) -> None:
    """Advice on adapting an LLM: prompting, RAG, fine-tuning or a hybrid.

    Exit codes: 0 done, 1 a `check` gate failed, 2 bad usage or bad input.
    """


def _register() -> None:
    # Each command lives in its own module; importing it adds it to `app`.
    from llm_adapt.commands import (  # noqa: F401
        ask,
        assess,
        check,
        schema,
    )


def main() -> None:
    """Console-script entry point."""
    # Output is UTF-8 whatever the locale says (LC_ALL=C must not change the bytes), and a
    # stray lone surrogate is printed escaped rather than crash on the way out.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    if isinstance(sys.stdin, io.TextIOWrapper):  # what `ask` reads: a terminal's UTF-8
        sys.stdin.reconfigure(encoding="utf-8", errors="surrogateescape")
    _register()
    app()
