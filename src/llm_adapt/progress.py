"""Progress for long batches: a line on standard error that counts the projects, shown only
on a terminal and only once a batch has taken longer than a second (never in pipes or CI logs;
`--quiet` turns it off)."""

from __future__ import annotations

import os
import sys
import time
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rich is imported only once a progress line is drawn
    from rich.progress import Progress, TaskID

DELAY = 1.0  # seconds before a batch is long enough to show progress for


def _delay() -> float:
    # LLM_ADAPT_PROGRESS_DELAY lets tests (and the impatient) see it at once.
    try:
        return max(0.0, float(os.environ.get("LLM_ADAPT_PROGRESS_DELAY", DELAY)))
    except ValueError:
        return DELAY


def wanted(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


class BatchProgress:
    """Counts projects as they are done; draws nothing until the batch has run for DELAY."""

    def __init__(self, description: str, *, enabled: bool, color: bool = True) -> None:
        self.description = description
        self.enabled = enabled
        self.color = color
        self.started = time.monotonic()
        self.done = 0
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def advance(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        if self._bar is None:
            if time.monotonic() - self.started < _delay():
                return
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            console = Console(stderr=True, no_color=not self.color, highlight=False)
            self._bar = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                 TextColumn("{task.completed:,}"), TimeElapsedColumn(),
                                 console=console, transient=True)
            self._bar.start()
            self._task = self._bar.add_task(self.description, completed=self.done)
            return
        if self._task is not None:
            self._bar.update(self._task, completed=self.done)

    def __enter__(self) -> BatchProgress:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
