"""The Jinja environments that render every text report, one per output language of markup.

Templates are package data (`llm_adapt/templates`). Whatever a template prints is escaped
for its format by the environment's `finalize`, so a project name, a file name or a rule
pack's text can never become markup: Rich markup for terminal text, Markdown (and the HTML
inside it) for Markdown (`llm_adapt.escape` holds the escapers). A template that builds
markup from escaped pieces marks the result with `Markup` (filters such as `code` do)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from functools import lru_cache
from importlib.resources import files
from typing import Any

import jinja2
from markupsafe import Markup
from rich.cells import cell_len
from rich.markup import escape as rich_escape

from llm_adapt.errors import printable
from llm_adapt.escape import md_code, md_text
from llm_adapt.numeric import score_text
from llm_adapt.report.wrap import wrap


class Syntax(str, Enum):
    """The markup a template writes, which decides how printed values are escaped."""

    RICH = "rich"
    MARKDOWN = "markdown"


def markdown_code(value: Any) -> Markup:
    """A value as a Markdown code span (safe in a table cell too), not escaped again."""
    return Markup(md_code(value, cell=True))


def _finalizer(escape: Callable[[str], str]) -> Callable[[Any], Any]:
    def finalize(value: Any) -> Any:
        if isinstance(value, Markup):
            return str(value)
        return escape(printable(value if isinstance(value, str) else str(value)))

    return finalize


def number_text(value: float) -> str:
    """A number for reading: thousands separated, no trailing zeros (3,000; 0.45; 7.5)."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


def answer_text(value: Any) -> str:
    """An answer as a report shows it: — when unanswered, true/false, whole floats as ints."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def signed(value: float) -> str:
    return f"{value:+g}"


def ljust(text: Any, width: int) -> str:
    """Pad to `width` terminal cells (a Chinese character takes two)."""
    shown = str(text)
    return shown + " " * max(width - cell_len(shown), 0)


def rjust(text: Any, width: int) -> str:
    shown = str(text)
    return " " * max(width - cell_len(shown), 0) + shown


def widest(*groups: Any) -> int:
    """The width in cells of the widest text among `groups` (single texts or iterables of
    them): how a template sizes a column it lines up."""
    values: list[Any] = []
    for group in groups:
        is_many = isinstance(group, Iterable) and not isinstance(group, str)
        values.extend(group if is_many else [group])
    return max((cell_len(str(v)) for v in values), default=0)


def via(value: Any, function: Callable[[Any], Any]) -> Any:
    """`items | map("via", f)`: Jinja's map takes filter names; this applies a function."""
    return function(value)


# A piece of a line: spans of (plain text, Rich style or ""), never broken across lines.
Span = tuple[str, str]


def _spans(piece: Span | Sequence[Span]) -> list[Span]:
    if isinstance(piece, tuple) and len(piece) == 2 and isinstance(piece[0], str):
        return [piece]
    return list(piece)


def _styled(spans: list[Span]) -> tuple[str, int]:
    markup = ""
    cells = 0
    for text, style in spans:
        shown = printable(text)
        cells += cell_len(shown)
        escaped = rich_escape(shown)
        markup += f"[{style}]{escaped}[/]" if style and shown else escaped
    return markup, cells


def fit(pieces: Iterable[Span | Sequence[Span] | None], width: int, *,
        sep: str | Sequence[str] = " · ", indent: int = 0, start: int = 0) -> Markup:
    """Pieces joined by `sep` in lines of at most `width` cells (the first starting at column
    `start`): a piece that does not fit begins the next line, indented by `indent`. A piece is
    never broken, so a path wider than the line sits alone on its own. `sep` may be one
    separator per gap. Text is escaped here, styles applied per span."""
    out = ""
    column = start
    shown = [piece for piece in pieces if piece]
    seps = [sep] * len(shown) if isinstance(sep, str) else list(sep)
    for index, piece in enumerate(shown):
        markup, cells = _styled(_spans(piece))
        gap = seps[index - 1] if index else ""
        if not index:
            out, column = markup, column + cells
        elif column + cell_len(gap) + cells <= width:
            out += rich_escape(gap) + markup
            column += cell_len(gap) + cells
        else:
            out += "\n" + " " * indent + markup
            column = indent + cells
    return Markup(out)


def block(text: Any, width: int, indent: int, style: str = "") -> Markup:
    """Plain text wrapped between column `indent` and `width` (the caller writes the first
    line's indent), escaped, each line in `style`."""
    lines = wrap(printable(str(text)), width, indent).split("\n" + " " * indent)
    return Markup(("\n" + " " * indent).join(_styled([(line, style)])[0] for line in lines))


def _load(name: str) -> str:
    return (files("llm_adapt") / "templates" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=2)
def environment(syntax: Syntax) -> jinja2.Environment:
    """The environment for templates written in `syntax`."""
    escape = rich_escape if syntax is Syntax.RICH else md_text
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_load),
        autoescape=False,  # Jinja's autoescape is HTML's; `finalize` escapes for the format
        finalize=_finalizer(escape),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(number=number_text, signed=signed, answer=answer_text, ljust=ljust,
                       rjust=rjust, code=markdown_code, short=score_text, via=via)
    env.globals.update(widest=widest, fit=fit, block=block)
    return env
