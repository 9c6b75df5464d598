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
    # File names that are not UTF-8 reach Python as lone surrogates; print them escaped
    # rather than crash on the way out.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    from llm_adapt.cli import app

    app()


if __name__ == "__main__":
    main()
