"""Score one chunk of a batch file and render its results: the work of one process.

The same code runs in the main process (`--jobs 1`, or an input of one chunk) and
in each worker, so every job count gives the same bytes. A chunk goes in as
parsed cells or lines and comes out as rendered text, which keeps what crosses
between processes small. This module imports only what scoring needs, so a
worker started without `fork` loads little.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

from merchant_cli.app.batch.chunks import Chunk, chunk_records
from merchant_cli.app.batch.readers import Columns
from merchant_cli.app.batch.writers import CsvWriter, JsonLinesWriter, Writer
from merchant_cli.core.batch import BatchScorer, Rejected, Scored
from merchant_cli.core.errors import UsageError
from merchant_cli.core.pack import RulePack
from merchant_cli.core.said import Said


class Settings(NamedTuple):
    """What a run's options say about scoring and rendering a chunk."""

    name: str
    input_format: str
    header: Columns
    output_format: str
    lang: str
    explain: bool
    raw_cells: bool
    fail_fast: bool
    today: dt.date
    """The day the chance of ranking first is dated (evidence ages), as `evaluate --today`."""


class Done(NamedTuple):
    """A chunk's results: the output text of its scored rows, and its rejected rows in order.

    With `--fail-fast` a chunk ends at its first rejected row; a row that is not CSV at
    all ends it with `error` (an exception would not cross back from a worker intact).
    """

    text: str
    scored: int
    rejected: list[Rejected]
    bytes_read: int
    error: Said | None = None


class ChunkScorer:
    """A pack compiled once, and a writer that renders into a buffer reused for every chunk."""

    def __init__(self, pack: RulePack, settings: Settings) -> None:
        columns = settings.header.written_by_question()
        self.scorer = BatchScorer(pack, today=settings.today, columns=columns)
        self.settings = settings
        self.buffer = io.StringIO()
        self.writer: Writer
        if settings.output_format == "csv":
            platforms = [p.id for p in pack.platforms]
            self.writer = CsvWriter(self.buffer, platforms, raw=settings.raw_cells)
        else:
            self.writer = JsonLinesWriter(self.buffer, lang=settings.lang, explain=settings.explain)

    def __call__(self, chunk: Chunk) -> Done:
        settings, score, write = self.settings, self.scorer.score, self.writer.write
        scored = 0
        rejected: list[Rejected] = []
        records = chunk_records(chunk, settings.header, settings.input_format, settings.name)
        error = None
        with _collector_paused():
            try:
                for record in records:
                    outcome = record if isinstance(record, Rejected) else score(record)
                    if isinstance(outcome, Scored):
                        write(outcome)
                        scored += 1
                        continue
                    rejected.append(outcome)
                    if settings.fail_fast:
                        break
            except UsageError as exc:
                error = exc.said
        text = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return Done(text, scored, rejected, chunk.bytes_read, error)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Scoring a row makes a few dicts and tuples and no reference cycle, so reference
    counting frees all of it; the cyclic collector would only rescan the memos' entries
    again and again (~15% of a one-process run on realistic rows)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
