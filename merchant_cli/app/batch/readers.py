"""Read batch files: CSV or JSON Lines rows in, records out, one line at a time.

Memory stays flat however long the file. Row numbers are the file's line numbers
(a CSV header is row 1). A header names questions as people do (`类目`, `Price`); its
other columns are carried through to the output.
"""

from __future__ import annotations

import codecs
import csv
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from merchant_cli.core.errors import UsageError
from merchant_cli.core.models import Question
from merchant_cli.core.names import ID_COLUMN as ID_COLUMN
from merchant_cli.core.names import header_names, named
from merchant_cli.core.rows import Record, Rejected
from merchant_cli.core.said import Said, did_you_mean, say

INPUT_FORMATS = ("csv", "jsonl", "xlsx", "xls", "ods")
SHEET_FORMATS = frozenset({"xlsx", "xls", "ods"})
"""Workbooks, read through python-calamine (`sheets.py`)."""
_EXTENSIONS = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".ods": "ods",
}


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
SAMPLE_BYTES = 2**16
"""How much text, from the first line that is not plain ASCII, decides a file's encoding."""
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "gbk")
"""What `--input-encoding` may force: UTF-8 (with or without a BOM), and GB18030 or GBK,
what Excel on Chinese Windows writes as CSV (GB18030 reads all of GBK)."""
_SHOWN = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "gb18030": "GB18030", "gbk": "GBK"}


class Lines:
    """The decoded lines of a text file, counting lines and bytes read.

    The encoding is UTF-8 (a leading BOM dropped) or GB18030 (GBK): forced, or chosen
    from the first SAMPLE_BYTES from the first line that is not ASCII; lines before it
    read the same in both. Only that much is read ahead, so memory stays flat. A line
    longer than MAX_LINE_BYTES, one not in the encoding or holding a NUL byte, and a
    read error end the run (exit 2) naming the file and line.
    """

    def __init__(self, stream: BinaryIO, name: str, encoding: str | None = None) -> None:
        self.stream = stream
        self.name = name
        self.encoding = encoding
        self.forced = encoding is not None
        self.bytes_read = 0
        self.lines_read = 0

    def __iter__(self) -> Iterator[str]:
        ahead: list[tuple[int, bytes]] = []
        size = 0
        for number, raw in enumerate(iter(self._line, b""), start=1):
            self._check(number, raw)
            if self.encoding is None:
                if number == 1 and raw.startswith(codecs.BOM_UTF8):
                    self.encoding = "utf-8-sig"
                elif not ahead and raw.isascii():
                    yield self._decoded(number, raw, "ascii")
                    continue
                else:
                    ahead.append((number, raw))
                    size += len(raw)
                    if size < SAMPLE_BYTES:
                        continue
                    yield from self._decided(ahead)
                    ahead = []
                    continue
            yield self._decoded(number, raw, self.encoding)
        yield from self._decided(ahead)

    def _check(self, number: int, raw: bytes) -> None:
        if len(raw) > MAX_LINE_BYTES and raw[-1:] != b"\n":
            limit = f"{MAX_LINE_BYTES:,}"
            raise UsageError(say("batch.line_too_long", name=self.name, line=number, limit=limit))
        if number == 1 and raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise UsageError(say("batch.utf16", name=self.name), hint=say("batch.encoding_hint"))
        if b"\0" in raw:
            raise UsageError(say("batch.nul", name=self.name, line=number))

    def _decided(self, ahead: list[tuple[int, bytes]]) -> Iterator[str]:
        """The lines read ahead, once they have chosen the encoding: the one all of them
        are in, else the first one's (a later line then fails, named)."""
        if not ahead:
            return
        sample = b"".join(raw for _, raw in ahead)
        encoding = _encoding_of(sample) or _encoding_of(ahead[0][1])
        if encoding is None:
            raise UsageError(
                say("batch.unknown_encoding", name=self.name, line=ahead[0][0]),
                hint=say("batch.encoding_hint"),
            )
        self.encoding = encoding
        for number, raw in ahead:
            yield self._decoded(number, raw, encoding)

    def _decoded(self, number: int, raw: bytes, encoding: str) -> str:
        self.bytes_read += len(raw)
        self.lines_read = number
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            shown = _SHOWN[encoding]
            problem = say("batch.not_encoding", name=self.name, line=number, encoding=shown)
            hint = "batch.forced_hint" if self.forced else "batch.detected_hint"
            raise UsageError(problem, hint=say(hint, encoding=shown)) from None
        return text[1:] if number == 1 and text.startswith("\ufeff") else text

    def _line(self) -> bytes:
        """The next line, at most one byte more than MAX_LINE_BYTES; b"" at the end."""
        try:
            return self.stream.readline(MAX_LINE_BYTES + 1)
        except OSError as exc:
            reason = exc.strerror or exc
            raise UsageError(say("batch.cannot_read", path=self.name, reason=reason)) from None


def _encoding_of(raw: bytes) -> str | None:
    """`utf-8` if `raw` is UTF-8 text, else `gb18030` if it is that; None if neither."""
    for encoding in ("utf-8", "gb18030"):
        try:
            raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


class Columns(NamedTuple):
    """A header read: what each column holds, by its position.

    `keys` holds each column's question id, `ID_COLUMN`, the name an extra column is
    carried under, or "" for a column without a header (not read).
    """

    keys: tuple[str, ...] = ()
    written: tuple[str, ...] = ()
    """The headers as written, for messages (`column 价格: ...`)."""
    extras: tuple[str, ...] = ()
    """The columns that are not questions, carried through, in order."""
    names: Mapping[str, str] = {}
    """For JSON Lines, which has no header: folded name -> question id (`header_names`)."""
    strict: bool = False
    """For JSON Lines: a key that names no question is refused, not carried through."""

    @property
    def plain(self) -> bool:
        """Every column a question or the id: a row's cells are its answers."""
        return not self.extras and "" not in self.keys

    def written_by_question(self) -> dict[str, str]:
        """Question id -> its column's header as written."""
        return {
            key: written
            for key, written in zip(self.keys, self.written, strict=True)
            if key and key != ID_COLUMN and key not in self.extras
        }


class Header(NamedTuple):
    """A header's columns, and what a run says about them once: its extra columns and
    those without a header (by spreadsheet letter)."""

    columns: Columns
    blank: tuple[str, ...]


TITLE_ROWS = 5
"""Rows above the header an adviser's sheet may hold (a title, a date) and that are passed
over (`is_title`)."""


def header_row(
    rows: Iterator[list[str]], questions: Mapping[str, Question]
) -> tuple[list[str], int]:
    """The header row, and how many rows above it were passed over: blank rows and titles
    (`2025年客户清单` above the table), at most TITLE_ROWS."""
    names = header_names(questions)
    cells, skipped = next(rows, []), 0
    while skipped < TITLE_ROWS and is_title(cells, names):
        cells, skipped = next(rows, []), skipped + 1
    return cells, skipped


def is_title(cells: list[str], names: Mapping[str, str]) -> bool:
    """Whether a row above the table is a title or blank, not its header: it names no
    question and is one cell, or fills at most two of its cells, leaving others empty, as
    a title in a sheet's first cell does (Excel writes the table's width of cells for it).
    A header of two unknown columns fills them both, and is read as a header."""
    filled = [cell.strip() for cell in cells if cell.strip()]
    if not filled:
        return True
    short = len(cells) == 1 or len(filled) <= 2 < len(cells)
    return short and not any(named(cell, names) for cell in filled)


def read_header(
    cells: list[str],
    questions: Mapping[str, Question],
    name: str,
    *,
    row: int = 1,
    strict: bool = False,
) -> Header:
    """What each column of a header holds: a question (by its id, label in either language
    or alias), the id, or an extra column carried through (refused with `strict`). Two
    columns naming one question fail the run."""
    names = header_names(questions)
    keys: list[str] = []
    extras: list[str] = []
    blank: list[str] = []
    taken: dict[str, str] = {}
    for index, cell in enumerate(cells):
        written = cell.strip()
        key = named(written, names) if written else None
        if key is None and (strict or not written):
            if strict:
                suggestion = did_you_mean(written, questions)
                raise UsageError(
                    say(
                        "batch.unknown_column",
                        name=name,
                        row=row,
                        column=repr(written),
                        suggestion=suggestion,
                    ),
                    hint=say("batch.unknown_column_hint"),
                )
            keys.append("")
            blank.append(column_letter(index))
            continue
        if key is None:
            key = _unique_name(written, taken)
            extras.append(key)
        elif key in taken:
            raise UsageError(
                say(
                    "batch.duplicate_column",
                    name=name,
                    row=row,
                    first=repr(taken[key]),
                    second=repr(written),
                    key=key,
                )
            )
        taken[key] = written
        keys.append(key)
    columns = Columns(tuple(keys), tuple(cell.strip() for cell in cells), tuple(extras))
    return Header(columns, tuple(blank))


def _unique_name(written: str, taken: Mapping[str, str]) -> str:
    """An extra column's name: as written, or, as pandas names a repeated one, `备注.1`."""
    name, count = written, 0
    while name in taken:
        count += 1
        name = f"{written}.{count}"
    return name


def column_letter(index: int) -> str:
    """A spreadsheet's name of the column at `index` (from 0): A, B ... Z, AA ..."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def csv_records(
    reader: Iterator[list[str]], columns: Columns, start: int
) -> Iterator[Record | Rejected]:
    """Rows after the header, the first numbered `start`: blank rows skipped, a row of the
    wrong width Rejected with its cells."""
    keys = columns.keys
    width = len(keys)
    id_at = keys.index(ID_COLUMN) if ID_COLUMN in keys else None
    plain, extras = columns.plain, columns.extras
    for row, cells in enumerate(reader, start=start):
        full = all(map(str.strip, cells))
        if not cells or not full and not any(map(str.strip, cells)):
            continue  # a blank row (`,,,` or an empty line): nothing to score
        ident = cells[id_at].strip() or None if id_at is not None and id_at < len(cells) else None
        if len(cells) != width:
            problem = _width_problem(columns, cells)
            yield Rejected(row, ident, problem, _given_cells(keys, cells))
            continue
        answers = dict(zip(keys, cells, strict=True))  # in C; few rows have a blank cell
        extra: dict[str, str] = {}
        if not plain:
            extra = {name: answers.pop(name) for name in extras}
            answers.pop("", None)
        if id_at is not None:
            del answers[ID_COLUMN]
        if not full:
            answers = {column: cell for column, cell in answers.items() if cell.strip()}
        yield Record(row, ident, answers, extra) if extra else Record(row, ident, answers)


def _given_cells(keys: tuple[str, ...], cells: list[str]) -> dict[str, str]:
    """A row's cells by column (beyond the header, as pandas names them, `Unnamed: 7`)."""
    found = {key: cell for key, cell in zip(keys, cells, strict=False) if key and key != ID_COLUMN}
    found.update((f"Unnamed: {i}", cell) for i, cell in enumerate(cells) if i >= len(keys))
    return found


def csv_rows(lines: Iterable[str], name: str, first_line: int = 1) -> Iterator[list[str]]:
    """csv.reader, its errors (a cell over the size limit) a usage error naming the line
    (counted from `first_line`, the line of the file `lines` start at)."""
    reader = csv.reader(lines)
    try:
        yield from reader
    except csv.Error as exc:
        line = first_line - 1 + reader.line_num
        raise UsageError(say("batch.invalid_csv", name=name, line=line, error=exc)) from None


def _width_problem(columns: Columns, cells: list[str]) -> Said:
    if len(cells) > len(columns.keys):
        return say("batch.extra_cells", cells=len(cells), columns=len(columns.keys))
    missing = [written for written in columns.written[len(cells) :] if written]
    return say("batch.missing_cells", columns=", ".join(missing))


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


def read_jsonl(
    lines: Iterable[str], start: int = 1, keys: Columns | None = None
) -> Iterator[Record | Rejected]:
    """One JSON object per line: question -> value, plus an optional `id` (text or a
    number, as a CSV's `id` cell is). With `keys` (`json_keys`), a key may name its
    question as a header does, and any other key is carried through as an extra cell
    (refused as an unknown question with `strict`)."""
    known = frozenset(keys.names.values()) if keys is not None else frozenset()
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
        extra: dict[str, Any] = {}
        if keys is not None and not data.keys() <= known:
            try:
                data, extra = _renamed(data, keys)
            except _DuplicateKey as exc:
                yield Rejected(row, None, say("batch.duplicate_key", key=repr(exc.key)))
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
        answers = {key: value for key, value in data.items() if value is not None}
        yield Record(row, ident, answers, extra) if extra else Record(row, ident, answers)


def json_keys(questions: Mapping[str, Question], *, strict: bool = False) -> Columns:
    """How JSON Lines keys are read: by the names a header may use (`json_keys().names`)."""
    return Columns(names=header_names(questions), strict=strict)


def _renamed(data: dict[str, Any], keys: Columns) -> tuple[dict[str, Any], dict[str, Any]]:
    """A JSON object's answers by question id (a key as a header names a question), and
    its other keys, carried through (left among the answers, to be refused, if strict)."""
    answers: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in data.items():
        found = named(key, keys.names)
        if found is None:
            (answers if keys.strict else extra)[key] = value
        elif found in answers:
            raise _DuplicateKey(key)
        else:
            answers[found] = value
    return answers, extra
