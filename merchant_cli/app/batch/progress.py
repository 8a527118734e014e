"""The batch progress bar on stderr (rows, rows/s, ETA) in the run's language, fitted to the
terminal's width; rich is imported only when it is shown."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

from merchant_cli.app.terminal import MAX_COLUMNS
from merchant_cli.reporters.messages import t

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, ProgressColumn

RATE_FROM = 70
"""Columns the terminal needs for the rate to be shown too (the ETA always is)."""


class Reporter:
    """Receives progress and messages; without a bar, messages go straight to their stream."""

    def __init__(self, bar: Progress | None = None, lang: str = "en") -> None:
        self.bar = bar
        self.lang = lang

    def update(self, rows: int, bytes_read: int) -> None:
        if self.bar is None:
            return
        task = self.bar.tasks[0]
        elapsed = task.elapsed or 0.0
        rate = t("progress.rate", self.lang, rate=f"{rows / elapsed:,.0f}") if elapsed > 0 else ""
        self.bar.update(task.id, completed=bytes_read, rows=rows, rate=rate)

    def say(self, stream: TextIO, text: str) -> None:
        """Write `text`; on the terminal the bar stays below it instead of being torn."""
        if self.bar is not None and stream is self.bar.console.file:
            self.bar.console.print(text, end="", markup=False, highlight=False)
        else:
            stream.write(text)


def columns(lang: str, width: int) -> list[ProgressColumn]:
    """What the bar shows, in `lang`: the bar takes what the words leave of `width`, and a
    terminal narrower than `RATE_FROM` columns leaves the rate out rather than cut the line."""
    from rich.progress import BarColumn, TaskProgressColumn, TextColumn, TimeRemainingColumn

    shown: list[ProgressColumn] = [
        TextColumn(t("progress.scoring", lang)),
        BarColumn(bar_width=None),
        TaskProgressColumn(),
        TextColumn(t("progress.rows", lang, rows="{task.fields[rows]:,}")),
    ]
    if width >= RATE_FROM:
        shown.append(TextColumn("{task.fields[rate]}"))
    return [*shown, TextColumn(t("progress.eta", lang)), TimeRemainingColumn()]


@contextmanager
def progress_bar(
    total_bytes: int | None, *, enabled: bool, lang: str, console: Console | None = None
) -> Iterator[Reporter]:
    """A bar over the input's bytes when `enabled` (stderr is a terminal), else a silent one.

    `console`: where to draw it (stderr's terminal unless given)."""
    if not enabled:
        yield Reporter()
        return
    from rich.console import Console
    from rich.progress import Progress

    console = console or Console(stderr=True)
    console.width = min(console.width, MAX_COLUMNS)  # rich reads `COLUMNS` too
    bar = Progress(*columns(lang, console.width), console=console, transient=True, expand=True)
    with bar:
        bar.add_task("scoring", total=total_bytes, rows=0, rate="")
        yield Reporter(bar, lang)
