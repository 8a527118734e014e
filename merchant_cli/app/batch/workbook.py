"""Write batch results as an Excel workbook (`--format xlsx`) through xlsxwriter.

xlsxwriter, not openpyxl: it writes a row and forgets it (`constant_memory`), so
memory stays flat however many rows stream in, and it is several times faster at
writing. Every text cell is written with `write_string`, so nothing read from the
input (`=HYPERLINK(...)`, `+1`) ever becomes a formula, a number or a link.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, BinaryIO

from merchant_cli.app.batch.writers import Percent

MAX_CELL = 32_767
"""The most characters an Excel cell holds; a longer text is cut there."""
MIN_WIDTH, MAX_WIDTH = 6, 40
"""Column widths, in characters: wide enough for the header, never wider than a screen."""


class Workbook:
    """One sheet: a bold header row, frozen (panes at A2) and filtered (an autofilter over
    every row written), with each column as wide as its header and first rows."""

    def __init__(self, stream: BinaryIO, header: Sequence[str], sheet: str) -> None:
        import xlsxwriter  # only when a workbook is written

        self.book = xlsxwriter.Workbook(
            stream,
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        self.sheet = self.book.add_worksheet(sheet)
        self.percent = self.book.add_format({"num_format": "0%"})
        self.columns = len(header)
        self.widths = [_width(cell) for cell in header]
        self.header = list(header)
        self.row = 0
        self.pending: list[list[Any]] | None = []
        """The first rows, held until the column widths are known (widths come first)."""

    def write(self, rows: Iterable[list[Any]]) -> None:
        for cells in rows:
            if self.pending is not None and len(self.pending) < 50:
                self.pending.append(cells)
                continue
            self._start()
            self._write(cells)

    def close(self) -> None:
        self._start()
        self.sheet.autofilter(0, 0, max(self.row - 1, 0), self.columns - 1)
        self.book.close()

    def _start(self) -> None:
        """Set the widths from the rows held, then write the header and those rows."""
        if self.pending is None:
            return
        pending, self.pending = self.pending, None
        for cells in pending:
            for column, cell in enumerate(cells):
                self.widths[column] = max(self.widths[column], _width(cell))
        for column, width in enumerate(self.widths):
            self.sheet.set_column(column, column, min(max(width + 2, MIN_WIDTH), MAX_WIDTH))
        self.sheet.freeze_panes(1, 0)
        bold = self.book.add_format({"bold": True})
        for column, cell in enumerate(self.header):
            self.sheet.write_string(0, column, cell[:MAX_CELL], bold)
        self.row = 1
        for cells in pending:
            self._write(cells)

    def _write(self, cells: list[Any]) -> None:
        sheet, row = self.sheet, self.row
        for column, cell in enumerate(cells):
            if isinstance(cell, Percent):
                sheet.write_number(row, column, cell, self.percent)
            elif isinstance(cell, int | float) and not isinstance(cell, bool):
                sheet.write_number(row, column, cell)
            elif cell != "":
                sheet.write_string(row, column, str(cell)[:MAX_CELL])
        self.row += 1


def _width(cell: Any) -> int:
    """How many columns `cell` takes on screen: a CJK character takes two."""
    text = str(cell)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
