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
from typing import Any, NamedTuple, TextIO

from merchant_cli.app.batch.chunks import Chunk, chunk_records
from merchant_cli.app.batch.readers import Columns
from merchant_cli.app.batch.writers import CsvWriter, JsonLinesWriter, RowsWriter, Table, Writer
from merchant_cli.core.batch import NOTHING, BatchScorer, Record, Rejected, Scored
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
    rows: list[list[Any]] | None = None
    """For a workbook: the rows' cells, written by the main process (`text` is empty)."""


class ChunkScorer:
    """A pack compiled once, and a writer that renders into a buffer reused for every chunk."""

    def __init__(self, pack: RulePack, settings: Settings) -> None:
        columns = settings.header.written_by_question()
        self.scorer = BatchScorer(pack, today=settings.today, columns=columns)
        self.settings = settings
        self.buffer = io.StringIO()
        self.writer = writer_for(pack, settings, self.buffer)

    def __call__(self, chunk: Chunk) -> Done:
        settings, score, write = self.settings, self.scorer.score, self.writer.write
        scored = 0
        rejected: list[Rejected] = []
        records = chunk_records(chunk, settings.header, settings.input_format, settings.name)
        error = None
        with _collector_paused():
            try:
                for record in records:
                    if isinstance(record, Rejected):
                        outcome: Scored | Rejected = record
                    else:
                        outcome = score(record)
                    write(outcome, record.answers if isinstance(record, Record) else NOTHING)
                    if isinstance(outcome, Scored):
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
        rows = None
        if isinstance(self.writer, RowsWriter):
            rows, self.writer.rows = self.writer.rows, []
        return Done(text, scored, rejected, chunk.bytes_read, error, rows)


def writer_for(pack: RulePack, settings: Settings, stream: TextIO) -> Writer:
    """The writer of the run's output format, rendering into `stream`."""
    if settings.output_format == "jsonl":
        return JsonLinesWriter(stream, lang=settings.lang, explain=settings.explain)
    table = Table(pack, settings.lang, explain=settings.explain, extras=settings.header.extras)
    if settings.output_format == "csv":
        return CsvWriter(stream, table, raw=settings.raw_cells)
    return RowsWriter(table)


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
