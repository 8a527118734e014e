"""Break text into lines that fit a terminal, counting display cells (a Chinese character is two).

Prompt text is wrapped before prompt_toolkit sees it: prompt_toolkit cuts a
line of a prompt's message or of a select's choices at the terminal's edge.
"""

from __future__ import annotations

import unicodedata

MIN_WIDTH = 20
"""Narrower terminals are treated as this wide: words stay whole, lines stay readable."""
_NO_LINE_START = set("，。、；：？！）」』》〉】”’,.;:?!)]}%")
"""Closing punctuation stays on the line of the character before it (Chinese kinsoku)."""
_NO_LINE_END = set("（「『《〈【“‘([{")
"""Opening brackets stay on the line of the character after them."""


def cells(text: str) -> int:
    """The columns `text` takes on a terminal."""
    return sum(_cell(char) for char in text)


def _cell(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def wrap(text: str, width: int, *, start: int = 0, hang: int = 0) -> str:
    """`text` with line breaks so each line fits in `width` columns.

    The first line begins at column `start` (something is printed before it);
    the others are indented by `hang` spaces, a hanging indent. Lines break at
    spaces, and between any two Chinese characters, which have no spaces
    between them; a word longer than a whole line is cut.
    """
    width = max(width, MIN_WIDTH)
    lines: list[str] = []
    line, used, space = "", start, False
    for word in _words(text):
        if word.isspace():
            space = bool(line)
            continue
        gap = " " if space else ""
        if used + cells(gap + word) > width and line:
            lines.append(line)
            line, used, gap = " " * hang, hang, ""
        for char in gap + word:  # a word longer than a line is cut at the edge
            if used + _cell(char) > width and line.strip():
                lines.append(line)
                line, used = " " * hang, hang
            line += char
            used += _cell(char)
        space = False
    lines.append(line)
    return "\n".join(lines)


def _words(text: str) -> list[str]:
    """Runs of spaces, words of narrow characters, and single wide characters.

    Closing punctuation is glued to what precedes it, so it never starts a line;
    an opening bracket to what follows it, so it never ends one.
    """
    words: list[str] = []
    kinds: list[str] = []
    for char in text:
        kind = "space" if char.isspace() else "wide" if _cell(char) == 2 else "narrow"
        last = kinds[-1] if kinds else "space"
        joins = (kind == last and kind != "wide") or (
            last != "space"
            and kind != "space"
            and (char in _NO_LINE_START or words[-1][-1] in _NO_LINE_END)
        )
        if joins:
            words[-1] += char
        else:
            words.append(char)
            kinds.append(kind)
    return words
