"""The width of the terminal a run lays its output out for."""

from __future__ import annotations

import os
import sys

MAX_COLUMNS = 500
"""Widest layout: `COLUMNS=99999999` would have a report laid out (and padded) for ever."""


def terminal_width(default: int = 100) -> int:
    """`COLUMNS` when set, else the width of the terminal stdout is on, else `default`: what
    `shutil.get_terminal_size` answers, without its imports (zlib, bz2, lzma: ~2 ms); at
    most MAX_COLUMNS."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):  # no stdout, closed, or not a terminal
            columns = 0
    return min(columns or default, MAX_COLUMNS)
