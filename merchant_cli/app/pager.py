"""A report taller than the terminal goes through a pager, as git and man do.

Only when stdout is a terminal: piped or `--output` reports are written as they are.
The pager is `$PAGER` (split like a shell command line), else `less -R` (which keeps
the report's colours); if neither starts (Windows has no `less`), the report is
printed as it is. Nothing here needs a POSIX-only API.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import sys

DEFAULT_PAGER = ("less", "-R")


def pager_command() -> list[str]:
    """`$PAGER` as words, else `less -R`; an empty `$PAGER` counts as unset."""
    configured = os.environ.get("PAGER", "").strip()
    if not configured:
        return list(DEFAULT_PAGER)
    windows = os.name == "nt"  # backslashes are path separators there, and quotes stay
    try:
        words = shlex.split(configured, posix=not windows)
    except ValueError:  # unbalanced quotes: the pager cannot start as written
        return list(DEFAULT_PAGER)
    return [word.strip('"') for word in words] if windows else words


def page_if_tall(text: str, encoding: str) -> bool:
    """Show `text` through the pager when stdout is a terminal shorter than it.

    Returns whether the pager showed it; False means the caller prints it.
    """
    if not sys.stdout.isatty():
        return False
    if text.count("\n") < shutil.get_terminal_size().lines:
        return False
    return run_pager(pager_command(), text, encoding)


def run_pager(command: list[str], text: str, encoding: str) -> bool:
    """Feed `text` to `command` and wait for it; False if the command cannot start.

    Quitting the pager early closes its input: that is the reader's choice, not an error.
    """
    import subprocess

    sys.stdout.flush()
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE)
    except OSError:
        return False
    assert process.stdin is not None
    try:
        process.stdin.write(text.encode(encoding, "replace"))  # `emit` made it encodable
        process.stdin.close()
    except OSError:  # BrokenPipeError included
        pass
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the pager's to handle
    try:
        process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return True
