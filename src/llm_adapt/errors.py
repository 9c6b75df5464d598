"""The one error hierarchy of llm-adapt and its mapping to exit codes."""

from __future__ import annotations

import re
from dataclasses import dataclass

EXIT_OK = 0
EXIT_GATE_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader of standard output went away
EXIT_BUG = 70  # EX_SOFTWARE: an unexpected error, kept apart from user errors


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """Control characters shown as escapes: a message is one line, and a newline or an escape
    code from an input (a key, a file name) must not start a line of its own in a log or a CI
    command stream (`::error ...`), nor reach the terminal raw."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


@dataclass(frozen=True)
class Location:
    """Where in an input a problem is: file, and line/column when the parser knows them."""

    file: str
    line: int | None = None
    column: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "file", printable(self.file))

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, printed as `file:line:col: message`."""

    location: Location
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", printable(self.message))

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class LlmAdaptError(Exception):
    """Root of every error llm-adapt raises on purpose."""

    exit_code = EXIT_BAD_INPUT


class UserError(LlmAdaptError):
    """Bad usage or bad input; the message is meant for the user as it is."""


class InputError(UserError):
    """An input file that cannot be read, parsed or validated; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class RuleBaseError(UserError):
    """The rule base (built in or a pack given with --rules) is invalid."""


def exit_code_for(error: BaseException) -> int:
    """The exit code for an error that reaches the command line."""
    if isinstance(error, LlmAdaptError):
        return error.exit_code
    if isinstance(error, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    return EXIT_BUG
