"""Cut a batch file into chunks of whole rows, as text, and read a chunk back as records.

A chunk crosses to a worker process as one string: a string is copied, not rebuilt
object by object as a list of cells would be. Cutting only between rows keeps every
row whole; a CSV row spans several lines only when a quoted cell holds a newline,
and a line without any `"` cannot start or continue one, so only lines with a quote
are run through `csv.reader` here, to find where their row ends. A workbook's rows
are written into chunks as CSV text (`sheet_chunks`), so a worker reads every input
the same way.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from itertools import chain, islice
from typing import TYPE_CHECKING, NamedTuple

from merchant_cli.app.batch.readers import (
    Columns,
    Header,
    Lines,
    csv_records,
    csv_rows,
    header_row,
    json_keys,
    read_header,
    read_jsonl,
)
from merchant_cli.core.models import Question
from merchant_cli.core.rows import Record, Rejected

if TYPE_CHECKING:
    from merchant_cli.app.batch.sheets import Sheet


class Chunk(NamedTuple):
    """Consecutive whole rows of a batch file, numbered from `row`, starting at `line`;
    `bytes_read` is how far into the file they end (for the progress bar)."""

    row: int
    line: int
    text: str
    bytes_read: int


def read_chunks(
    lines: Lines,
    fmt: str,
    questions: Mapping[str, Question],
    size: int,
    *,
    strict: bool = False,
) -> tuple[Header, Iterator[Chunk]]:
    """The CSV header (none for JSON Lines) and the rows after it, `size` rows a chunk.

    The header is read and checked at once, not when the first row is wanted:
    a wrong column fails the whole run before anything is scored or written.
    """
    source = iter(lines)
    if fmt != "csv":
        keys = Header(json_keys(questions, strict=strict), ())
        return keys, _chunks(source, lines, size, row=1, line=1, csv_rows=False)
    reader = csv_rows(source, lines.name)
    cells, skipped = header_row(reader, questions)
    header = read_header(cells, questions, lines.name, row=skipped + 1, strict=strict)
    line = lines.lines_read + 1
    return header, _chunks(source, lines, size, row=skipped + 2, line=line, csv_rows=True)


def sheet_chunks(
    sheet: Sheet,
    questions: Mapping[str, Question],
    size: int,
    *,
    strict: bool = False,
    file_size: int = 0,
) -> tuple[Header, Iterator[Chunk]]:
    """A sheet's header and its rows after it as CSV text, `size` rows a chunk, so a
    worker reads them as it reads a CSV file's; `bytes_read` is the share of
    `file_size` the rows read so far stand for (for the progress bar)."""
    rows = iter(sheet)
    cells, skipped = header_row(rows, questions)
    first = sheet.first_row + skipped
    header = read_header(cells, questions, sheet.name, row=first, strict=strict)

    def chunks() -> Iterator[Chunk]:
        row = first + 1
        while True:
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\n").writerows(islice(rows, size))
            text = buffer.getvalue()
            if not text:
                return
            done = file_size * sheet.rows_read // max(sheet.height, 1)
            yield Chunk(row, row, text, done)
            row = sheet.first_row + sheet.rows_read

    return header, chunks()


def _chunks(
    source: Iterator[str], lines: Lines, size: int, *, row: int, line: int, csv_rows: bool
) -> Iterator[Chunk]:
    while True:
        texts: list[str] = []
        rows = 0
        for text in source:
            texts.append(text)
            if csv_rows and '"' in text:
                texts += _rest_of_row(text, source, lines.name, line + len(texts) - 1)
            rows += 1
            if rows == size:
                break
        if not texts:
            return
        yield Chunk(row, line, "".join(texts), lines.bytes_read)
        row += rows
        line += len(texts)


def _rest_of_row(first: str, source: Iterator[str], name: str, line: int) -> list[str]:
    """The lines after `first` that belong to its CSV row, taken from `source`.

    `csv.reader` reads no line beyond the end of the row it returns.
    """
    taken: list[str] = []

    def more() -> Iterator[str]:
        for text in source:
            taken.append(text)
            yield text

    next(csv_rows(chain([first], more()), name, line), None)
    return taken


def chunk_records(
    chunk: Chunk, columns: Columns, fmt: str, name: str
) -> Iterator[Record | Rejected]:
    """The records of one chunk, numbered as in the file; a malformed row becomes a Rejected.
    `fmt` is the chunk's: a sheet's chunks are CSV."""
    lines = io.StringIO(chunk.text, newline="\n")  # lines end at \n only, as the file's do
    if fmt == "jsonl":
        return read_jsonl(lines, chunk.row, columns)
    return csv_records(csv_rows(lines, name, chunk.line), columns, chunk.row)


def file_records(
    chunks: Iterator[Chunk], columns: Columns, fmt: str, name: str
) -> Iterator[Record | Rejected]:
    """Every record of a batch file in order, read in this process: for the commands that
    look at a whole portfolio at once (`portfolio`, `rules diff`) rather than stream it."""
    for chunk in chunks:
        yield from chunk_records(chunk, columns, fmt, name)
