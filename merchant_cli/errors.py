"""One error hierarchy; the CLI boundary turns each into a message and an exit code.

Nothing below the CLI prints or exits: code raises one of these and the single
handler in `cli.main` decides what the user sees.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class MerchantCliError(Exception):
    """Base of every error a user may see; `exit_code` follows the contract."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(MerchantCliError):
    """Bad flags, bad values, missing answers, unreadable input files."""

    exit_code = 2


class OutputError(MerchantCliError):
    """A report could not be written (the target exists, or the write failed)."""

    exit_code = 2


@dataclass(frozen=True)
class Problem:
    """One finding about a rule pack, located as precisely as the YAML allows."""

    file: str
    line: int
    column: int
    message: str
    path: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        suffix = f" ({self.path})" if self.path else ""
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{where}: {prefix}{self.message}{suffix}"


class PackError(MerchantCliError):
    """The rule pack is invalid; carries every problem found, not just the first."""

    exit_code = 3

    def __init__(self, problems: Sequence[Problem]) -> None:
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"the rule pack is invalid ({len(errors)} problem(s))")
        self.problems = list(problems)


class Cancelled(MerchantCliError):
    """The user pressed Ctrl-C / Esc, or input ended, at a prompt."""

    exit_code = 130


class TerminalClosed(MerchantCliError):
    """The terminal went away (hang-up) while a prompt was reading or drawing."""

    exit_code = 129
