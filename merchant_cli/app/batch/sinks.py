"""Where a batch's results go, in input order: a text stream, or a workbook.

Workers render CSV and JSON Lines to text, which is written as it comes; a
workbook is one file the main process builds, so workers send it cell values.
"""

from __future__ import annotations

from typing import BinaryIO, TextIO

from merchant_cli.app.batch.work import Done, Settings, writer_for
from merchant_cli.app.batch.workbook import Workbook
from merchant_cli.app.batch.writers import Table
from merchant_cli.core.pack import RulePack
from merchant_cli.reporters.messages import t


class TextResults:
    """CSV (its header first) or JSON Lines, to a text stream."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def start(self, pack: RulePack, settings: Settings) -> None:
        writer_for(pack, settings, self.stream).header()

    def write(self, done: Done) -> None:
        self.stream.write(done.text)


class WorkbookResults:
    """An XLSX workbook, to a binary stream, finished by `close`."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.book: Workbook | None = None

    def start(self, pack: RulePack, settings: Settings) -> None:
        table = Table(pack, settings.lang, explain=settings.explain, extras=settings.header.extras)
        sheet = t("batch.sheet", settings.lang)
        self.book = Workbook(self.stream, table.header(), sheet)

    def write(self, done: Done) -> None:
        if self.book is not None:
            self.book.write(done.rows or ())

    def close(self) -> None:
        """Finish the workbook: only a run that ended without an error gets one."""
        if self.book is not None:
            self.book.close()


Results = TextResults | WorkbookResults
