"""Read a workbook (.xlsx, .xls, .ods) through python-calamine, a sheet's rows as text.

calamine (Rust) reads a 10,000-row sheet several times faster than openpyxl and keeps
the sheet's cells in compact Rust memory; each row becomes Python text only as it is
read. It is imported here alone, so a CSV or JSON Lines run never loads it. A cell
reads as a person typed it: a whole number as `1`, never `1.0` (an id, a count), a
date as `2025-01-16`, an empty cell as nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from merchant_cli.core.errors import UsageError
from merchant_cli.core.names import fold
from merchant_cli.core.said import say

if TYPE_CHECKING:
    from python_calamine import CalamineSheet, CalamineWorkbook


class Sheet:
    """One sheet of a workbook: its rows as text, numbered as the spreadsheet numbers them."""

    def __init__(self, path: Path, sheet: str | None) -> None:
        from python_calamine import CalamineError, CalamineWorkbook

        self.name = str(path)
        try:
            if path == Path("-"):
                import sys

                book = CalamineWorkbook.from_filelike(sys.stdin.buffer)
            else:
                book = CalamineWorkbook.from_path(str(path))
            self.sheet = _chosen(book, sheet, self.name)
        except (CalamineError, OSError, ValueError) as exc:
            raise UsageError(say("batch.bad_workbook", path=path, reason=exc)) from None
        start = self.sheet.start
        self.first_row = 1 if start is None else start[0] + 1
        """The spreadsheet's number of the sheet's first row (its header)."""
        self.height = self.sheet.height
        self.rows_read = 0

    def __iter__(self) -> Iterator[list[str]]:
        for cells in self.sheet.iter_rows():
            self.rows_read += 1
            yield [_text(cell) for cell in cells]


def _chosen(book: CalamineWorkbook, wanted: str | None, name: str) -> CalamineSheet:
    """The sheet `--sheet` names (as written, else ignoring case, spaces and full-width
    forms), or the first; an unknown name fails, listing the sheets."""
    names: list[str] = book.sheet_names
    if not names:
        raise UsageError(say("batch.no_sheets", name=name))
    if wanted is None:
        return book.get_sheet_by_index(0)
    found = wanted if wanted in names else None
    if found is None:
        found = next((sheet for sheet in names if fold(sheet) == fold(wanted)), None)
    if found is None:
        listed = ", ".join(repr(sheet) for sheet in names)
        raise UsageError(say("batch.unknown_sheet", name=name, sheet=repr(wanted), sheets=listed))
    return book.get_sheet_by_name(found)


def _text(cell: Any) -> str:
    """A cell as text: whole numbers without `.0`, dates in ISO form, empty as ""."""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, dt.datetime) and cell.time() == dt.time():
        return cell.date().isoformat()
    if isinstance(cell, dt.date | dt.time):
        return cell.isoformat()
    return "" if cell is None else str(cell)
