"""Help screens that read like the ones of other CLIs: `PATH...` rather than typer's
`{PATH}...` and `PATH <list[str]>`, and words never broken at a hyphen (`llm-adapt`,
`--no-respect-gitignore`, `tool.llm-adapt` stay whole on one line)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from typer.core import TyperArgument, TyperCommand, TyperGroup

# The click typer runs on (recent typers carry their own copy): its context and formatter.
_Context: Any = TyperCommand.context_class
_Formatter: Any = _Context.formatter_class


@contextmanager
def _whole_words() -> Iterator[None]:
    """Wrap without breaking words at hyphens while click formats help. click builds its
    wrapper from its `_textwrap.TextWrapper` on each call and offers no option for this;
    where that module is missing (another click), help wraps as click does."""
    package = _Formatter.__module__.rpartition(".")[0]
    try:
        _textwrap: Any = importlib.import_module(f"{package}._textwrap")
        original = _textwrap.TextWrapper
    except (ImportError, AttributeError):  # pragma: no cover - a click without the module
        yield
        return

    class WholeWords(original):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("break_on_hyphens", False)
            super().__init__(*args, **kwargs)

    _textwrap.TextWrapper = WholeWords
    try:
        yield
    finally:
        _textwrap.TextWrapper = original


class HelpFormatter(_Formatter):  # type: ignore[misc]
    def write_text(self, text: str) -> None:
        with _whole_words():
            super().write_text(text)

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        with _whole_words():
            super().write_dl(rows, col_max, col_spacing)


class HelpContext(_Context):  # type: ignore[misc]
    formatter_class = HelpFormatter


class PathArgument(TyperArgument):
    """A variadic argument shown as `PATH...` in the usage line and `PATH...` in the help:
    its help text says what a PATH may be, so no type is shown."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _rich_display_name(self) -> str:
        return f"{self.metavar or (self.name or '').upper()}..."

    def get_usage_pieces(self, ctx: Any) -> list[str]:
        return [f"{self.metavar or (self.name or '').upper()}..."]


class HelpCommand(TyperCommand):
    context_class = HelpContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperArgument) and param.nargs == -1:
                # typer builds its own argument class and takes no `cls` for one.
                param.__class__ = PathArgument


class HelpGroup(TyperGroup):
    context_class = HelpContext
