"""Read batch files: CSV or JSON Lines rows in, records out, one line at a time.

Memory stays flat however long the file. Row numbers are the file's line numbers
(a CSV header is row 1).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from merchant_cli.core.batch import Record, Rejected
from merchant_cli.core.errors import UsageError
from merchant_cli.core.said import Said, did_you_mean, say

INPUT_FORMATS = ("csv", "jsonl")
ID_COLUMN = "id"
_EXTENSIONS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def input_format(path: Path, given: str | None) -> str:
    """`--input-format` when given, else the file's extension."""
    if given is not None:
        return given
    found = _EXTENSIONS.get(path.suffix.lower())
    if found is None:
        raise UsageError(
            say("batch.unknown_format", path=path, extension=repr(path.suffix)),
            hint=say("batch.unknown_format_hint"),
        )
    return found


@contextmanager
def open_input(path: Path) -> Iterator[BinaryIO]:
    """The file's bytes (`-`: standard input's); a file that cannot be opened is a usage error."""
    if path == Path("-"):
        yield sys.stdin.buffer
        return
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise UsageError(say("batch.cannot_read", path=path, reason=exc.strerror or exc)) from None
    with handle:
        yield handle


MAX_LINE_BYTES = 2**20
"""Longest line read (1 MiB; a row of answers is a few hundred bytes): a file without line
breaks is refused after reading this much, not read into memory whole."""


class Lines:
    """The decoded lines of a UTF-8 file (a leading BOM dropped), counting lines and bytes read.

    A line longer than MAX_LINE_BYTES, one that is not UTF-8 or holds a NUL byte, and a
    read error end the run (exit 2) naming the file and line.
    """

    def __init__(self, stream: BinaryIO, name: str) -> None:
        self.stream = stream
        self.name = name
        self.bytes_read = 0
        self.lines_read = 0

    def __iter__(self) -> Iterator[str]:
        for number, raw in enumerate(iter(self._line, b""), start=1):
            self.bytes_read += len(raw)
            self.lines_read = number
            if len(raw) > MAX_LINE_BYTES and raw[-1:] != b"\n":
                limit = f"{MAX_LINE_BYTES:,}"
                problem = say("batch.line_too_long", name=self.name, line=number, limit=limit)
                raise UsageError(problem)
            if b"\0" in raw:
                raise UsageError(say("batch.nul", name=self.name, line=number))
            try:
                yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                raise UsageError(say("batch.not_utf8", name=self.name, line=number)) from None

    def _line(self) -> bytes:
        """The next line, at most one byte more than MAX_LINE_BYTES; b"" at the end."""
        try:
            return self.stream.readline(MAX_LINE_BYTES + 1)
        except OSError as exc:
            reason = exc.strerror or exc
            raise UsageError(say("batch.cannot_read", path=self.name, reason=reason)) from None


def checked_header(cells: list[str], questions: Collection[str], name: str) -> list[str]:
    """The header's column names; a column that is not a question id (or `id`) fails the run."""
    header = [cell.strip() for cell in cells]
    for column in header:
        if column != ID_COLUMN and column not in questions:
            raise UsageError(
                say(
                    "batch.unknown_column",
                    name=name,
                    column=repr(column),
                    suggestion=did_you_mean(column, questions),
                ),
                hint=say("batch.unknown_column_hint"),
            )
    if len(set(header)) != len(header):
        raise UsageError(say("batch.duplicate_column", name=name))
    return header


def csv_records(
    reader: Iterator[list[str]], header: list[str], start: int
) -> Iterator[Record | Rejected]:
    """Rows after the header, the first numbered `start`; a row of the wrong width is Rejected."""
    width = len(header)
    id_at = header.index(ID_COLUMN) if ID_COLUMN in header else None
    for row, cells in enumerate(reader, start=start):
        if not cells:
            continue
        ident = cells[id_at].strip() or None if id_at is not None and id_at < len(cells) else None
        if len(cells) != width:
            yield Rejected(row, ident, _width_problem(header, cells))
            continue
        answers = dict(zip(header, cells, strict=True))  # in C; few rows have a blank cell
        if id_at is not None:
            del answers[ID_COLUMN]
        if not all(map(str.strip, cells)):
            answers = {column: cell for column, cell in answers.items() if cell.strip()}
        yield Record(row, ident, answers)


def csv_rows(lines: Iterable[str], name: str, first_line: int = 1) -> Iterator[list[str]]:
    """csv.reader, its errors (a cell over the size limit) a usage error naming the line
    (counted from `first_line`, the line of the file `lines` start at)."""
    reader = csv.reader(lines)
    try:
        yield from reader
    except csv.Error as exc:
        line = first_line - 1 + reader.line_num
        raise UsageError(say("batch.invalid_csv", name=name, line=line, error=exc)) from None


def _width_problem(header: list[str], cells: list[str]) -> Said:
    if len(cells) > len(header):
        return say("batch.extra_cells", cells=len(cells), columns=len(header))
    return say("batch.missing_cells", columns=", ".join(header[len(cells) :]))


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are all different: `{"price": 1, "price": 2}` is refused,
    as YAML refuses it, rather than read as its last value."""
    found = dict(pairs)
    if len(found) < len(pairs):
        keys = [key for key, _ in pairs]
        raise _DuplicateKey(next(key for key in keys if keys.count(key) > 1))
    return found


def _is_id(value: Any) -> bool:
    """An `id` a CSV cell could hold: text or a number (or none)."""
    return value is None or isinstance(value, str | int | float) and not isinstance(value, bool)


def read_jsonl(lines: Iterable[str], start: int = 1) -> Iterator[Record | Rejected]:
    """One JSON object per line: question id -> value, plus an optional `id` (text or a
    number, as a CSV's `id` cell is)."""
    for row, line in enumerate(lines, start=start):
        if not line.strip():
            continue
        try:
            data = json.loads(line, object_pairs_hook=_unique)
        except _DuplicateKey as exc:
            yield Rejected(row, None, say("batch.duplicate_key", key=repr(exc.key)))
            continue
        except (ValueError, RecursionError) as exc:  # RecursionError: [[[[... nested
            yield Rejected(row, None, say("batch.invalid_json", error=getattr(exc, "msg", exc)))
            continue
        if not isinstance(data, dict):
            yield Rejected(row, None, say("batch.not_object"))
            continue
        raw_id = data.pop(ID_COLUMN, None)
        if not _is_id(raw_id):
            yield Rejected(row, None, say("batch.bad_id"))
            continue
        ident = None if raw_id is None else str(raw_id).strip() or None
        nested = next((key for key, value in data.items() if isinstance(value, dict | list)), None)
        if nested is not None:
            yield Rejected(row, ident, say("batch.nested", key=repr(nested)))
            continue
        yield Record(row, ident, {key: value for key, value in data.items() if value is not None})
