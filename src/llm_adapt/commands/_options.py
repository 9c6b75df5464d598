"""What every command shares: the common options, output helpers, and the error boundary.

The one place where errors become messages and exit codes (`boundary`)."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from llm_adapt.errors import (
    EXIT_BROKEN_PIPE,
    InputError,
    LlmAdaptError,
    UserError,
    exit_code_for,
)
from llm_adapt.escape import defuse, printable

if TYPE_CHECKING:  # inputs imports the loaders: only the commands that read need them
    from llm_adapt.inputs import Selection

F = TypeVar("F", bound=Callable[..., Any])

RulesOption = Annotated[
    list[Path],
    typer.Option("--rules", metavar="DIR", show_default=False,
                 help="A rule pack directory layered over the built-in rules (repeatable)."),
]
ColorOption = Annotated[
    str,
    typer.Option("--color", metavar="auto|always|never",
                 help="Colour in text output: auto (on a terminal, unless NO_COLOR is set or "
                 "FORCE_COLOR asks for it), always or never."),
]
QuietOption = Annotated[
    bool,
    typer.Option("--quiet", "-q",
                 help="Print only the reports and the errors: no progress, no notes."),
]
VerboseOption = Annotated[
    bool,
    typer.Option("--verbose", "-v",
                 help="Also say on standard error what was read and how long it took."),
]
ExcludeOption = Annotated[
    list[str],
    typer.Option("--exclude", metavar="PATTERN", show_default=False,
                 help="Skip files and folders matching this gitignore-style pattern, relative "
                 "to the scanned directory (repeatable; files named on the command line are "
                 "always read)."),
]
GitignoreOption = Annotated[
    bool,
    typer.Option("--respect-gitignore/--no-respect-gitignore",
                 help="Skip what .gitignore files inside scanned directories ignore."),
]
LangOption = Annotated[
    str,
    typer.Option(
        "--lang", envvar="LLM_ADAPT_LANG", metavar="en|zh",
        help="Language of questions and reports: en or zh."
    ),
]


def selection(exclude: list[str], respect_gitignore: bool) -> Selection:
    """The files directory scans read; a scanned directory without any is said on standard
    error (the run fails only when no input at all was found)."""
    from llm_adapt.inputs import Selection

    return Selection(
        exclude=tuple(exclude), respect_gitignore=respect_gitignore,
        on_empty=lambda name: err(f"{name}: no project files (*.yaml, *.yml) found"),
    )


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


def note_line(text: str) -> str:
    """A note for the terminal (`7 reports written to DIR`) wrapped to the output width,
    a path never broken: one too long for the line sits alone on the next."""
    from llm_adapt.report.wrap import wrap

    return wrap(text, output_width(), 2, start=0) + "\n"


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


COLOR_CHOICES = ("auto", "always", "never")


def use_color(choice: str = "auto") -> bool:
    """Whether standard output gets colour: `--color always|never` decides; with `auto`,
    NO_COLOR (https://no-color.org) turns it off, FORCE_COLOR (https://force-color.org) on,
    and otherwise only a terminal (not TERM=dumb) gets it."""
    if choice not in COLOR_CHOICES:
        raise UserError(f"--color {choice}: choose auto, always or never")
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stdout_is_terminal() and os.environ.get("TERM") != "dumb"


def output_width() -> int:
    """The terminal's width, or COLUMNS, or 100: the same bytes for the same input off a tty."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 20:
        return int(columns)
    if stdout_is_terminal():
        return max(60, min(os.get_terminal_size().columns, 160))
    return 100


