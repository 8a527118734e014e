"""Who moves when the evidence changes: a portfolio scored with two packs, compared.

Every record is scored with the base pack (`before`) and the pack under test (`after`)
exactly as `batch` scores it. A client is listed when its lead (`primary`) or its
close-call status differs, with the rules that caused it: those whose contribution to
this client differs between the packs (added, removed, or applying with other points,
degree, platform, strength or evidence: the last two change the chance of ranking
first, which may set the lead). Rules on the platforms in question (a lead or a
contender, before or after) come first, then by the points they moved. A lead may also
move because a pack setting that sets leads changed (the close-call margin, ...):
`settings` names those.

The file is read as the pack under test reads it; an answer to a question only that
pack asks is left aside for the base, as `batch` carries a column it does not know
through. A row either pack cannot score is rejected, and says by which: a pack that
adds a required question rejects rows the base scores.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from merchant_cli.core.batch import BatchScorer, Record, Rejected, Scored
from merchant_cli.core.models import Rule
from merchant_cli.core.pack import RulePack
from merchant_cli.core.record import Record as Frozen
from merchant_cli.core.record import record as frozen
from merchant_cli.core.result import Contribution, PlatformScore
from merchant_cli.core.said import Said
from merchant_cli.core.strategy import Decision

BEFORE, AFTER = "before", "after"
"""The two packs: the base (`--against`) and the pack under test."""
ADDED, REMOVED = "added", "removed"
RULE_FIELDS = ("platform", "points", "when", "strength", "evidence")
"""What of a rule can change a client's ranking or its chance of ranking first."""
LEAD_SETTINGS = ("close_call", "chance_margin", "decide_by", "score", "uncertainty", "strengths")
"""The pack settings a lead depends on besides the rules."""


@frozen(kw_only=False)
class Part(Frozen):
    """A rule's contribution to one client under one pack, and the platform it goes to."""

    platform: str
    contribution: Contribution


@frozen(kw_only=False)
class Shift(Frozen):
    """A rule whose contribution to one client differs between the packs."""

    rule: str
    before: Part | None
    after: Part | None

    @property
    def moved(self) -> float:
        """The points it moved: on its platform, or off one and onto another."""
        old = self.before.contribution.points if self.before else 0
        new = self.after.contribution.points if self.after else 0
        if self.before and self.after and self.before.platform == self.after.platform:
            return abs(new - old)
        return abs(old) + abs(new)

    @property
    def platforms(self) -> set[str]:
        return {part.platform for part in (self.before, self.after) if part is not None}


@frozen(kw_only=False)
class Moved(Frozen):
    """A client whose lead or close-call status changes, and the rules that caused it."""

    row: int
    id: str | None
    before: Decision
    after: Decision
    shifts: tuple[Shift, ...]
    """Most important first."""

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(shift.rule for shift in self.shifts)


@frozen(kw_only=False)
class Refused(Frozen):
    """A row one pack or both could not score, why, and which (`by`: before, after)."""

    row: int
    id: str | None
    reason: Said
    by: tuple[str, ...]


@frozen(kw_only=False)
class Edit(Frozen):
    """A rule named for some moved client, as the packs define it."""

    rule: str
    before: Rule | None
    after: Rule | None
    changes: tuple[str, ...]
    """`added`, `removed`, or which of `RULE_FIELDS` differ; none when only what it reads
    changed (a band, a default)."""
    clients: int
    """How many moved clients it is named for."""


@frozen(kw_only=False)
class RulesDiff(Frozen):
    changed: tuple[Moved, ...]
    """In input order."""
    unchanged: int
    rejected: tuple[Refused, ...]
    edits: tuple[Edit, ...]
    """Every rule named for a moved client: most clients first, then by id."""
    settings: tuple[str, ...]
    """The `LEAD_SETTINGS` that differ between the packs."""


def diff_packs(
    records: Iterable[Record | Rejected],
    before: RulePack,
    after: RulePack,
    *,
    today: dt.date | None = None,
) -> RulesDiff:
    """Score every record with both packs (on the same day) and compare the leads."""
    scorers = BatchScorer(before, today=today), BatchScorer(after, today=today)
    only_after = after.question_by_id.keys() - before.question_by_id.keys()
    changed: list[Moved] = []
    rejected: list[Refused] = []
    unchanged = 0
    for record in records:
        if isinstance(record, Rejected):
            rejected.append(Refused(record.row, record.id, record.reason, (BEFORE, AFTER)))
            continue
        old = scorers[0].score(_asked(record, only_after))
        new = scorers[1].score(record)
        if isinstance(old, Rejected) or isinstance(new, Rejected):
            rejected.append(_refused(old, new))
        elif _same_lead(old.decision, new.decision):
            unchanged += 1
        else:
            changed.append(_moved(old, new))
    return RulesDiff(
        tuple(changed),
        unchanged,
        tuple(rejected),
        _edits(changed, before, after),
        tuple(n for n in LEAD_SETTINGS if getattr(before.meta, n) != getattr(after.meta, n)),
    )


def _asked(record: Record, only_after: Iterable[str]) -> Record:
    """The record as the base reads it: answers to questions it does not ask are extra."""
    aside = {name: record.answers[name] for name in only_after if name in record.answers}
    if not aside:
        return record
    answers = {k: v for k, v in record.answers.items() if k not in aside}
    return record._replace(answers=answers, extra={**record.extra, **aside})


def _refused(old: Scored | Rejected, new: Scored | Rejected) -> Refused:
    """The pack under test's reason where it refused the row, else the base's."""
    pairs = ((BEFORE, old), (AFTER, new))
    reasons = {name: found.reason for name, found in pairs if isinstance(found, Rejected)}
    reason = reasons[AFTER] if AFTER in reasons else reasons[BEFORE]
    return Refused(new.row, new.id, reason, tuple(reasons))


def _same_lead(old: Decision, new: Decision) -> bool:
    return old.primary == new.primary and old.close_call == new.close_call


def _moved(old: Scored, new: Scored) -> Moved:
    """The client, with the rules whose contribution to it differs, most important first:
    on a platform in question (a lead or a contender, before or after), then by points."""
    was, now = _parts(old.ranking), _parts(new.ranking)
    shifts = [
        Shift(rule, was.get(rule), now.get(rule))
        for rule in sorted(was.keys() | now.keys())
        if _differs(was.get(rule), now.get(rule))
    ]
    decisions = (old.decision, new.decision)
    asked = {p for d in decisions for p in (d.primary, *d.contenders)}
    shifts.sort(key=lambda s: (not s.platforms & asked, -s.moved))  # stable: ties by id
    return Moved(new.row, new.id, old.decision, new.decision, tuple(shifts))


def _parts(ranking: Iterable[PlatformScore]) -> dict[str, Part]:
    return {c.rule: Part(score.platform, c) for score in ranking for c in score.contributions}


def _differs(old: Part | None, new: Part | None) -> bool:
    if old is None or new is None:
        return True
    return _weighed(old) != _weighed(new)


def _weighed(part: Part) -> tuple[object, ...]:
    """What of a contribution sets a score or a chance of ranking first (not its words)."""
    found = part.contribution
    return part.platform, found.stated, found.degree, found.strength, found.evidence


def _edits(changed: list[Moved], before: RulePack, after: RulePack) -> tuple[Edit, ...]:
    counts: dict[str, int] = {}
    for moved in changed:
        for rule in moved.rules:
            counts[rule] = counts.get(rule, 0) + 1
    edits = [
        _edit(rule, before.rule_by_id.get(rule), after.rule_by_id.get(rule), count)
        for rule, count in counts.items()
    ]
    return tuple(sorted(edits, key=lambda e: (-e.clients, e.rule)))


def _edit(rule: str, old: Rule | None, new: Rule | None, clients: int) -> Edit:
    if old is None or new is None:
        return Edit(rule, old, new, (REMOVED if new is None else ADDED,), clients)
    changes = tuple(name for name in RULE_FIELDS if getattr(old, name) != getattr(new, name))
    return Edit(rule, old, new, changes, clients)
