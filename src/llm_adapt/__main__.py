"""The console script and `python -m llm_adapt`: `--version` answers at once, before the
command line (typer, pydantic, the rule base) is imported."""

from __future__ import annotations

import io
import sys

from llm_adapt._version import __version__

VERSION_FLAGS = ("--version", "-V")


def main() -> None:
    """Console-script entry point."""
    args = sys.argv[1:]
    if len(args) == 1 and args[0] in VERSION_FLAGS:
        sys.stdout.write(f"llm-adapt {__version__}\n")
        return
    # Output is UTF-8 whatever the locale says (LC_ALL=C must not change the bytes), and a
    # stray lone surrogate is printed escaped rather than crash on the way out.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    if isinstance(sys.stdin, io.TextIOWrapper):  # what `ask` reads: a terminal's UTF-8
        sys.stdin.reconfigure(encoding="utf-8", errors="surrogateescape")
    from llm_adapt.cli import app

    app()


if __name__ == "__main__":
    main()
