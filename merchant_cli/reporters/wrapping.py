"""Wrap prompt text to a terminal, with a hanging indent, breaking as Chinese text breaks.

Prompt text is wrapped before prompt_toolkit sees it: prompt_toolkit cuts a
line of a prompt's message or of a select's choices at the terminal's edge.
"""

from __future__ import annotations

from merchant_cli.reporters.linebreak import break_offsets

MIN_WIDTH = 20
"""Narrower terminals are treated as this wide: words stay whole, lines stay readable."""


def wrap(text: str, width: int, *, start: int = 0, hang: int = 0) -> str:
    """`text` with line breaks so each line fits in `width` columns.

    The first line begins at column `start` (something is printed before it);
    the others are indented by `hang` spaces, a hanging indent. Lines break where
    `linebreak.break_offsets` allows; a word longer than a whole line is cut.
    """
    width = max(width, MIN_WIDTH)
    cuts = [0, *break_offsets(text, width, first=start, rest=hang), len(text)]
    pieces = [text[a:b].strip() for a, b in zip(cuts, cuts[1:], strict=False)]
    return ("\n" + " " * hang).join(piece for piece in pieces if piece)
