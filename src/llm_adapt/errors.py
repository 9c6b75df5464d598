"""The one error hierarchy of llm-adapt and its mapping to exit codes."""

from __future__ import annotations

from dataclasses import dataclass

from llm_adapt import escape

EXIT_OK = 0
EXIT_GATE_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader of standard output went away
EXIT_BUG = 70  # EX_SOFTWARE: an unexpected error, kept apart from user errors


# Problems reported per input: enough to fix a file, and a file of a million unknown keys
# does not print (or look for did-you-mean hints for) a million lines.
MAX_PROBLEMS = 20


def printable(text: str) -> str:
    """Control characters shown as escapes: a message is one line, and a newline or an escape
    code from an input (a key, a file name) must not start a line of its own in a log or a CI
    command stream (`::error ...`), nor reach the terminal raw."""
    return escape.printable(text)


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


def cap_problems(problems: list[Problem], extra: int = 0) -> list[Problem]:
    """At most MAX_PROBLEMS problems, then one that says how many more there were (`extra`
    counts problems already left out by the caller)."""
    if not extra and len(problems) <= MAX_PROBLEMS + 1:  # capped already, or few enough
        return problems
    more = extra + max(0, len(problems) - MAX_PROBLEMS)
    kept = problems[:MAX_PROBLEMS]
    where = Location(kept[-1].location.file) if kept else Location("")
    noun = "problem" if more == 1 else "problems"
    return [*kept, Problem(where, f"and {more} more {noun} (the first {len(kept)} are shown)")]


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
