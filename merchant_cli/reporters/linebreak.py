"""Where a line of mixed Chinese and Latin text may break, counting display cells.

W3C "Requirements for Chinese Text Layout": a line may break between any two
Chinese characters (they have no spaces between them) and at spaces, but never
before a closing mark (，。」 ...) nor after an opening one (（「 ...). The report's
rich texts (`reporters.kinsoku`) and the prompts (`wrapping`) both break here, so
the rule lives once. Standard library only.
"""

from __future__ import annotations

import unicodedata
from functools import cache

NO_LINE_START = frozenset("，。、：；！？）」』】》〉”’…,.;:!?)]}%")
"""Marks that close or end something: never the first character of a line."""
NO_LINE_END = frozenset("（「『【《〈“‘([{")
"""Marks that open something: never the last character of a line."""
NO_BREAK_SPACE = "\u00a0"


def cell(char: str) -> int:
    """The columns one character takes on a terminal (a Chinese character is two)."""
    if char < "\u0300":  # Latin letters and punctuation: no wide or combining one is here
        return 1
    return _cell(char)


@cache
def _cell(char: str) -> int:
    """`cell` beyond Latin, remembered: a report asks about the same few hundred characters
    thousands of times as rich measures and wraps each text."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cells(text: str) -> int:
    """The columns `text` takes on a terminal."""
    return sum(cell(char) for char in text)


def _breaks(text: str, sizes: list[int]) -> list[bool]:
    """For each index, whether a line may start there: never before a closing mark or a
    space, nor after an opening mark; otherwise after a space (not a no-break one) or
    beside a wide character."""
    allowed = [False]
    pairs = zip(text, text[1:], sizes, sizes[1:], strict=False)  # each char and the next
    for before, after, before_size, after_size in pairs:
        allowed.append(
            not (after.isspace() or after in NO_LINE_START or before in NO_LINE_END)
            and (
                (before.isspace() and before != NO_BREAK_SPACE)
                or before_size == 2
                or after_size == 2
            )
        )
    return allowed


def break_offsets(text: str, width: int, *, first: int = 0, rest: int = 0) -> list[int]:
    """Where to start each new line of `text` so no line is wider than `width` cells, the
    first line having `first` cells used already and every other `rest` (an indent).

    Greedy: each line takes as much as fits and ends at the last allowed break; a run
    with no allowed break (a long Latin word) is folded, keeping a closing mark with
    the character before it. Spaces may overhang the edge: callers trim them.
    """
    sizes = [cell(char) for char in text]
    allowed = _breaks(text, sizes)
    offsets: list[int] = []
    start, used, last_break = 0, first, 0
    for index, char in enumerate(text):
        if index > start and allowed[index]:
            last_break = index
        size = sizes[index]
        if not char.isspace() and used + size > width and index > start:
            cut = last_break if last_break > start else index
            if cut == index and char in NO_LINE_START and index - 1 > start:
                cut = index - 1
            offsets.append(cut)
            start = cut
            used = rest + sum(sizes[start:index])
            last_break = max((i for i in range(start + 1, index) if allowed[i]), default=start)
        used += size
    return offsets
