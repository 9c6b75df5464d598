"""Rich consoles that render into a string: colour only when asked for, a fixed width."""

from __future__ import annotations

import io

from rich.console import Console


def buffer_console(
    buffer: io.StringIO, *, color: bool, width: int, soft_wrap: bool = False
) -> Console:
    """A console writing to `buffer`, so renderers stay pure (text in, text out)."""
    return Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        soft_wrap=soft_wrap,
    )
