"""One error hierarchy; the CLI boundary turns each into a message and an exit code.

Nothing below the CLI prints or exits: code raises one of these and the single
handler in `cli.main` decides what the user sees.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from merchant_cli.core.record import Record, record
from merchant_cli.core.said import Said, say, verbatim


class MerchantCliError(Exception):
    """Base of every error a user may see; `exit_code` follows the contract.

    The message and hint are a `Said` (a key of the message table and its values)
    or, for text from outside the tool (an OS error), a plain str; the CLI's one
    handler words them in the run's language.
    """

    exit_code = 1

    def __init__(self, message: str | Said, *, hint: str | Said | None = None) -> None:
        self.said = message if isinstance(message, Said) else verbatim(message)
        self.said_hint = hint if hint is None or isinstance(hint, Said) else verbatim(hint)
        super().__init__(self.said)


class UsageError(MerchantCliError):
    """Bad flags, bad values, missing answers, unreadable input files."""

    exit_code = 2


class OutputError(MerchantCliError):
    """A report may not be written there (the target exists, is a directory, is not
    writable): bad usage."""

    exit_code = 2


class WriteError(OutputError):
    """Writing the output failed (the disk is full, an I/O error, the reader went away):
    EX_IOERR, never an internal error."""

    exit_code = 74


@record(kw_only=False)
class Problem(Record):
    """One finding about a rule pack, located as precisely as the YAML allows."""

    file: str
    line: int
    column: int
    message: str
    path: str = ""
    severity: str = "error"
    kind: str = ""
    """What sort of finding this is (e.g. `unknown`, `unused`), for code that filters them."""
    subject: tuple[str, str] | None = None
    """What it is about, e.g. ("observation", "A13"); never parsed out of `message`."""
    count: int = 1
    """How many problems this line stands for: more than one for `and 1,950 more ...`."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        suffix = f" ({self.path})" if self.path else ""
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{where}: {prefix}{self.message}{suffix}"


PROBLEMS_SHOWN = 50
"""Problems of one kind listed one by one; one more line counts the rest, so a hostile pack
(2,000 rules that fire together) gets a short answer, not two million lines."""


def bounded(problems: Iterable[Problem], limit: int = PROBLEMS_SHOWN) -> list[Problem]:
    """The first `limit` problems of each severity, then for each severity with more one
    line that counts the rest (placed at the first one left out)."""
    shown: list[Problem] = []
    left: dict[str, tuple[Problem, int]] = {}
    listed: dict[str, int] = {}
    for problem in problems:
        severity = problem.severity
        if listed.get(severity, 0) < limit:
            shown.append(problem)
            listed[severity] = listed.get(severity, 0) + 1
            continue
        first, count = left.get(severity, (problem, 0))
        left[severity] = (first, count + problem.count)
    for severity, (first, count) in left.items():
        message = f"and {count:,} more like the {limit} above (fix those, then run again)"
        shown.append(
            Problem(first.file, first.line, first.column, message, severity=severity, count=count)
        )
    return shown


def errors_in(problems: Iterable[Problem]) -> int:
    """How many errors `problems` stand for (a counting line stands for many)."""
    return sum(p.count for p in problems if p.severity == "error")


class PackError(MerchantCliError):
    """The rule pack is invalid; carries every problem found (each kind bounded)."""

    exit_code = 3

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(say("pack.invalid", count=errors_in(problems)))
        self.problems = list(problems)


class PackNotFound(MerchantCliError):
    """`--rules DIR` (or an overlay, or `rules validate DIR`) names no directory: bad usage."""

    exit_code = 2

    def __init__(self, directory: str) -> None:
        super().__init__(say("pack.not_found", path=directory))


class Cancelled(MerchantCliError):
    """The user pressed Ctrl-C / Esc, or input ended, at a prompt."""

    exit_code = 130

    def __init__(self, message: str | Said | None = None) -> None:
        super().__init__(say("cli.cancelled") if message is None else message)


class TerminalClosed(MerchantCliError):
    """The terminal went away (hang-up) while a prompt was reading or drawing."""

    exit_code = 129
