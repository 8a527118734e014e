"""The batch progress bar on stderr (rows, rows/s, ETA); rich is imported only when shown."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

from merchant_cli.app.terminal import MAX_COLUMNS

if TYPE_CHECKING:
    from rich.progress import Progress


class Reporter:
    """Receives progress and messages; without a bar, messages go straight to their stream."""

    def __init__(self, bar: Progress | None = None) -> None:
        self.bar = bar

    def update(self, rows: int, bytes_read: int) -> None:
        if self.bar is None:
            return
        task = self.bar.tasks[0]
        elapsed = task.elapsed or 0.0
        rate = f"{rows / elapsed:,.0f} rows/s" if elapsed > 0 else ""
        self.bar.update(task.id, completed=bytes_read, rows=rows, rate=rate)

    def say(self, stream: TextIO, text: str) -> None:
        """Write `text`; on the terminal the bar stays below it instead of being torn."""
        if self.bar is not None and stream is self.bar.console.file:
            self.bar.console.print(text, end="", markup=False, highlight=False)
        else:
            stream.write(text)


@contextmanager
def progress_bar(total_bytes: int | None, *, enabled: bool) -> Iterator[Reporter]:
    """A bar over the input's bytes when `enabled` (stderr is a terminal), else a silent one."""
    if not enabled:
        yield Reporter()
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    console.width = min(console.width, MAX_COLUMNS)  # rich reads `COLUMNS` too
    bar = Progress(
        TextColumn("scoring"),
        BarColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rows]:,} rows"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )
    with bar:
        bar.add_task("scoring", total=total_bytes, rows=0, rate="")
        yield Reporter(bar)
