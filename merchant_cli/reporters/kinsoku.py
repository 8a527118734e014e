"""Line breaking that keeps Chinese punctuation where Chinese typesetting puts it.

rich folds a run of Chinese characters at whatever cell the line is full, so a
line can start with `，` or `」` or end with `「`. W3C "Requirements for Chinese
Text Layout" forbids both. `Kinsoku` is a rich Text that breaks between any two
Chinese characters (and at spaces), but never before a closing mark nor after
an opening one; every Text the table report prints is one.
"""

from __future__ import annotations

import unicodedata

from rich.cells import cell_len
from rich.console import Console, JustifyMethod, OverflowMethod
from rich.containers import Lines
from rich.text import Text

NO_LINE_START = frozenset("，。、：；！？）」』】》〉”’…,.;:!?)]}%")
"""Marks that close or end something: never the first character of a line."""
NO_LINE_END = frozenset("（「『【《〈“‘([{")
"""Marks that open something: never the last character of a line."""
NO_BREAK_SPACE = "\u00a0"


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _can_break(before: str, after: str) -> bool:
    """Whether a line may end after `before` and the next start with `after` (never at a
    no-break space)."""
    if after.isspace() or after in NO_LINE_START or before in NO_LINE_END:
        return False
    return (before.isspace() and before != NO_BREAK_SPACE) or _wide(before) or _wide(after)


def break_offsets(text: str, width: int) -> list[int]:
    """Where to start each new line of `text` so no line is wider than `width` cells.

    Greedy: each line takes as much as fits and ends at the last allowed break;
    a run with no allowed break (a long Latin word) is folded, keeping a closing
    mark with the character before it. Spaces may overhang: rich trims them.
    """
    offsets: list[int] = []
    start, cells, last_break = 0, 0, 0
    for index, char in enumerate(text):
        if index > start and _can_break(text[index - 1], char):
            last_break = index
        width_of = cell_len(char)
        if not char.isspace() and cells + width_of > width and index > start:
            cut = last_break if last_break > start else index
            if cut == index and char in NO_LINE_START and index - 1 > start:
                cut = index - 1
            offsets.append(cut)
            start = cut
            cells = cell_len(text[start:index])
            last_break = max(
                (i for i in range(start + 1, index) if _can_break(text[i - 1], text[i])),
                default=start,
            )
        cells += width_of
    return offsets


class Kinsoku(Text):
    """A rich Text whose wrapping follows `break_offsets`; build it, then `append` to it."""

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
