"""A small terminal screen: replays what prompt_toolkit writes, to test what a person sees.

It knows the few sequences prompt_toolkit uses (cursor moves, erase, colours,
modes); anything else is ignored. A wide (Chinese) character takes two cells.
"""

from __future__ import annotations

import re
import unicodedata

_SEQUENCE = re.compile(r"\x1b\[([?0-9;]*)([A-Za-z])|\x1b\][^\x07]*\x07|\x1b[()][0-9A-Z]|([\r\n\b])")


class Screen:
    """`rows` x `columns` cells; `feed` the output, read `lines`."""

    def __init__(self, rows: int, columns: int) -> None:
        self.columns = columns
        self.cells = [[" "] * columns for _ in range(rows)]
        self.row = self.column = 0
        self.overflow = 0
        """How many characters were written past the right edge (0 when nothing is cut)."""

    def feed(self, data: str) -> None:
        at = 0
        for match in _SEQUENCE.finditer(data):
            self._text(data[at : match.start()])
            at = match.end()
            if match.group(3):
                self._control(match.group(3))
            elif match.group(2):
                self._csi(match.group(1), match.group(2))
        self._text(data[at:])

    @property
    def lines(self) -> list[str]:
        """Each row's text, wide characters once, trailing spaces dropped."""
        return ["".join(c for c in row if c).rstrip() for row in self.cells]

    def _text(self, text: str) -> None:
        for char in text:
            wide = unicodedata.east_asian_width(char) in ("W", "F")
            if self.column + (2 if wide else 1) > self.columns:
                self.overflow += 1
                continue
            self.cells[self.row][self.column] = char
            if wide:
                self.cells[self.row][self.column + 1] = ""
            self.column += 2 if wide else 1

    def _control(self, char: str) -> None:
        if char == "\r":
            self.column = 0
        elif char == "\n":
            self._down(1)
        else:
            self.column = max(self.column - 1, 0)

    def _down(self, count: int) -> None:
        for _ in range(count):
            if self.row == len(self.cells) - 1:
                self.cells = [*self.cells[1:], [" "] * self.columns]
            else:
                self.row += 1

    def _csi(self, params: str, command: str) -> None:
        if params.startswith("?"):
            return  # modes: cursor shown or hidden, bracketed paste, autowrap
        count = int(params.split(";")[0] or 1)
        if command == "A":
            self.row = max(self.row - count, 0)
        elif command == "B":
            self._down(count)
        elif command == "C":
            self.column = min(self.column + count, self.columns - 1)
        elif command == "D":
            self.column = max(self.column - count, 0)
        elif command == "K":
            self.cells[self.row][self.column :] = [" "] * (self.columns - self.column)
        elif command == "J":
            self.cells[self.row][self.column :] = [" "] * (self.columns - self.column)
            for row in self.cells[self.row + 1 :]:
                row[:] = [" "] * self.columns
