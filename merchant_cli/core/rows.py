"""A batch's rows: a record read from a file, and what scoring it gives.

Kept apart from the scorer, so that reading a file (and every command that only
declares how it reads one) costs no import of the engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from merchant_cli.core.result import PlatformScore
    from merchant_cli.core.said import Said
    from merchant_cli.core.strategy import Decision

NOTHING: Mapping[str, Any] = {}
"""No cells: the default of every record's optional mappings (shared, and typed read-only;
a plain dict, as a rejected row crosses back from a worker process pickled)."""


class Record(NamedTuple):
    """One input row: its 1-based row number, optional id, and raw answers by question id."""

    row: int
    id: str | None
    answers: Mapping[str, Any]
    extra: Mapping[str, Any] = NOTHING
    """Cells of columns that are not questions, carried through to the output unchanged."""


class Scored(NamedTuple):
    """A row's ranking, best first, and its lead: identical to `evaluate`'s for the same
    answers on the same day."""

    row: int
    id: str | None
    ranking: tuple[PlatformScore, ...]
    decision: Decision
    """The lead, whether it is a close call, and what set it (`strategy.decide`)."""
    silent: tuple[str, ...] = ()
    """The questions whose answers the evidence never addresses (thin evidence)."""
    extra: Mapping[str, Any] = NOTHING
    """The record's cells of columns that are not questions, unchanged."""

    @property
    def top(self) -> PlatformScore:
        return self.ranking[0]

    @property
    def lead(self) -> PlatformScore:
        """The recommended platform's score (`decision.primary`: on a tie, not always `top`)."""
        return next(s for s in self.ranking if s.platform == self.decision.primary)


class Rejected(NamedTuple):
    """A row that could not be scored, and why (`i18n.worded` words it)."""

    row: int
    id: str | None
    reason: Said
    cells: Mapping[str, Any] = NOTHING
    """The row as it was given (column -> cell), so the output keeps it."""


Outcome = Scored | Rejected
