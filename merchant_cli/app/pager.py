"""A text taller than the terminal goes through a pager, as git and man do.

Only when stdout is a terminal: piped or `--output` reports are written as they are.
The pager is `$MERCHANT_CLI_PAGER`, else `$PAGER` (split like a shell command line),
else `less -R` (which keeps the report's colours); `cat` (or an empty
`MERCHANT_CLI_PAGER`) means none. As git and jj do, the pager's environment gets
`LESS=FRX` (quit when the text fits, keep colours, leave it on the screen after `q`)
and `LESSCHARSET=utf-8` (a UTF-8 text shown as text under a locale the machine lacks),
each only when the user has not set it. A pager that cannot start or that fails leaves
the text to be printed as it is. Nothing here needs a POSIX-only API.
"""

from __future__ import annotations

import codecs
import os
import shlex
import shutil
import signal
import sys

DEFAULT_PAGER = ("less", "-R")
NO_PAGER = ("cat",)
"""A pager that would only copy the text: the text is printed instead."""


def pager_command() -> list[str] | None:
    """The pager as words, or None for no pager.

    `$MERCHANT_CLI_PAGER` wins over `$PAGER`, and empty it means no pager; an empty
    `$PAGER` counts as unset, and one that cannot be split (unbalanced quotes) too.
    """
    configured = os.environ.get("MERCHANT_CLI_PAGER")
    if configured is not None and not configured.strip():
        return None
    if configured is None:
        configured = os.environ.get("PAGER", "")
    if not configured.strip():
        return list(DEFAULT_PAGER)
    windows = os.name == "nt"  # backslashes are path separators there, and quotes stay
    try:
        words = shlex.split(configured, posix=not windows)
    except ValueError:  # unbalanced quotes: the pager cannot start as written
        return list(DEFAULT_PAGER)
    words = [word.strip('"') for word in words] if windows else words
    return None if tuple(words) == NO_PAGER else words


def pager_environment(encoding: str) -> dict[str, str]:
    """The pager's environment: ours, with git's `LESS=FRX` and jj's `LESSCHARSET=utf-8`
    (this one only for a UTF-8 text) where the user has not set them."""
    environment = dict(os.environ)
    environment.setdefault("LESS", "FRX")
    if codecs.lookup(encoding).name == "utf-8":
        environment.setdefault("LESSCHARSET", "utf-8")
    return environment


def page_if_tall(text: str, encoding: str) -> bool:
    """Show `text` through the pager when stdout is a terminal shorter than it (a text of
    as many lines as the terminal has rows would push its first line off with the shell's
    prompt below it).

    Returns whether the pager showed it; False means the caller prints it.
    """
    if not sys.stdout.isatty():
        return False
    if text.count("\n") < shutil.get_terminal_size().lines:
        return False
    command = pager_command()
    if command is None:
        return False
    return run_pager(command, text, encoding)


def run_pager(command: list[str], text: str, encoding: str) -> bool:
    """Feed `text` to `command` and wait for it; False if it cannot start or fails (exits
    with a status other than 0: `PAGER=false`), so that the text is printed instead.

    Quitting the pager early closes its input: that is the reader's choice, not an error.
    """
    import subprocess

    sys.stdout.flush()
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, env=pager_environment(encoding))
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
        status = process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return status <= 0  # a pager ended by a signal was stopped by its reader
