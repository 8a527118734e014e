"""Cut a batch file into chunks of whole rows, as text, and read a chunk back as records.

A chunk crosses to a worker process as one string: a string is copied, not rebuilt
object by object as a list of cells would be. Cutting only between rows keeps every
row whole; a CSV row spans several lines only when a quoted cell holds a newline,
and a line without any `"` cannot start or continue one, so only lines with a quote
are run through `csv.reader` here, to find where their row ends.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Iterator
from itertools import chain
from typing import NamedTuple

from merchant_cli.app.batch.readers import Lines, checked_header, csv_records, csv_rows, read_jsonl
from merchant_cli.core.batch import Record, Rejected


class Chunk(NamedTuple):
    """Consecutive whole rows of a batch file, numbered from `row`, starting at `line`;
    `bytes_read` is how far into the file they end (for the progress bar)."""

    row: int
    line: int
    text: str
    bytes_read: int


def read_chunks(
    lines: Lines, fmt: str, questions: Collection[str], size: int
) -> tuple[list[str], Iterator[Chunk]]:
    """The CSV header (empty for JSON Lines) and the rows after it, `size` rows a chunk.

    The header is read and checked at once, not when the first row is wanted:
    a wrong column fails the whole run before anything is scored or written.
    """
    source = iter(lines)
    if fmt != "csv":
        return [], _chunks(source, lines, size, row=1, line=1, csv_rows=False)
    reader = csv_rows(source, lines.name)
    header = checked_header(next(reader, []), questions, lines.name)
    line = lines.lines_read + 1
    return header, _chunks(source, lines, size, row=2, line=line, csv_rows=True)


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
    chunk: Chunk, header: list[str], fmt: str, name: str
) -> Iterator[Record | Rejected]:
    """The records of one chunk, numbered as in the file; a malformed row becomes a Rejected."""
    lines = io.StringIO(chunk.text, newline="\n")  # lines end at \n only, as the file's do
    if fmt == "csv":
        return csv_records(csv_rows(lines, name, chunk.line), header, chunk.row)
    return read_jsonl(lines, chunk.row)


def file_records(lines: Lines, fmt: str, questions: Collection[str]) -> Iterator[Record | Rejected]:
    """Every record of a batch file in order, read in this process: for the commands that
    look at a whole portfolio at once (`portfolio`, `rules diff`) rather than stream it."""
    header, chunks = read_chunks(lines, fmt, questions, 1_000)
    for chunk in chunks:
        yield from chunk_records(chunk, header, fmt, lines.name)
