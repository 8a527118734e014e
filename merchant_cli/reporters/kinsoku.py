"""Line breaking that keeps Chinese punctuation where Chinese typesetting puts it.

rich folds a run of Chinese characters at whatever cell the line is full, so a
line can start with `，` or `」` or end with `「`. W3C "Requirements for Chinese
Text Layout" forbids both. `Kinsoku` is a rich Text that breaks where
`linebreak.break_offsets` says; every Text the table report prints is one.

Being that one Text, it is also where the terminal's output safety is applied: every
text given to it passes `safe.terminal` (its line breaks kept, as the layout's own), so
a pack's escape sequences and bidi overrides are shown, never acted on, in any part of
the report, present or to come.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console, JustifyMethod, OverflowMethod
from rich.containers import Lines
from rich.style import Style
from rich.text import Text

from merchant_cli.reporters.linebreak import break_offsets
from merchant_cli.reporters.safe import terminal


class Kinsoku(Text):
    """A rich Text whose wrapping follows `break_offsets`, and whose text passes
    `safe.terminal`; build it, then `append` to it."""

    def __init__(self, text: str = "", *args: Any, **kwargs: Any) -> None:
        super().__init__(terminal(text, lines=True), *args, **kwargs)

    def append(self, text: str | Text, style: str | Style | None = None) -> Kinsoku:
        super().append(terminal(text, lines=True) if isinstance(text, str) else text, style)
        return self

    def wrap(
        self,
        console: Console,
        width: int,
        *,
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        if no_wrap or self.no_wrap:
            return super().wrap(
                console, width, justify=justify, overflow=overflow, tab_size=tab_size, no_wrap=True
            )
        lines = Lines()
        for line in self.split(allow_blank=True):
            pieces = line.divide(break_offsets(line.plain, width))
            for piece in pieces:
                piece.rstrip_end(width)
            justified = justify or self.justify
            if justified:
                pieces.justify(console, width, justify=justified, overflow=overflow or "fold")
            lines.extend(pieces)
        return lines
