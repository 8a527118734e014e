"""Where each item of a pack was written, for messages that point at it.

A pack read from its files keeps the documents it parsed; a pack read from the
cache has none, so the first message that names a place re-reads its file then
(only messages, `rules show` and the pack checks need places; scoring never does).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from merchant_cli.packs.documents import Document, Mark, PathKey


class Marks:
    """The line and column of every node of one pack file, parsed only when first needed."""

    def __init__(self, file: str, document: Document | None = None) -> None:
        self.file = file
        self._document = document

    def mark(self, path: PathKey) -> Mark:
        if self._document is None:
            from merchant_cli.packs.documents import YamlProblem
            from merchant_cli.packs.yamlio import load_file

            try:
                self._document = load_file(Path(self.file))
            except YamlProblem:  # changed or gone since it was cached: place it at the top
                self._document = Document(self.file, None)
        return self._document.mark(path)


class Origin(NamedTuple):
    """Where an item of the pack was written: its file and its path in that file."""

    marks: Marks
    path: PathKey

    def locate(self, *sub: str | int) -> tuple[str, int, int]:
        mark = self.marks.mark((*self.path, *sub))
        return self.marks.file, mark.line, mark.column
