"""Measure how the certainty of a lead ages, and what the model says on no evidence.

The article's seven merchants under every goal, and one merchant in 97 of the
consultant's 92,160-profile grid, are evaluated on the start date (the pack's own date
unless --today says otherwise). Every lead whose chance of ranking first is at least 0.7
is then evaluated again on the same day of each month up to 36 months later, its chance
followed month by month. The script prints the trajectory of the surest lead and, over
all of them, whether a chance ever rises from one month to the next, the largest monthly
move and the loss over 23 months (issue 17: never gains, moves by at most 0.05 a month,
loses at least 0.1 over 23 months); then each article merchant's lead at a few ages;
then the fits, scores and chances for a category the article never discusses (beauty)
with no content at all, where every fit should be unknown and the scores equal. Run:

    .venv/bin/python scripts/aging.py [--today YYYY-MM-DD]
"""

from __future__ import annotations

import calendar
import datetime as dt
import statistics
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from measuring import Setup, consultants_grid, merchant_goals, start, table, verdict

from merchant_cli.core.profile import Answer

SURE = 0.7
MONTHS = 36
LOSS_AFTER = 23
MONTHLY_MOVE = 0.05
LEAST_LOSS = 0.1
GRID_STRIDE = 97
MERCHANT_AGES = (0, 6, 12, 23, 24, 36)
NO_EVIDENCE: dict[str, Answer] = {
    "category": "beauty", "price": 150, "notes_per_week": 0, "videos_per_week": 0,
    "live_hours_per_week": 0, "merchant_type": "not_specified", "goal": "not_specified",
}  # fmt: skip


@dataclass(frozen=True)
class Lead:
    """One merchant's lead on the start date, and its chance of ranking first month by month."""

    label: str
    answers: Mapping[str, Answer]
    platform: str
    chances: Sequence[float]
    """Month 0 (the start date) to MONTHS."""

    @property
    def moves(self) -> list[float]:
        return [b - a for a, b in zip(self.chances, self.chances[1:], strict=False)]


def months_later(start: dt.date, months: int) -> dt.date:
    """The same day of the month `months` later, or that month's last day if it is shorter."""
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    day = min(start.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def followed(setup: Setup, label: str, answers: Mapping[str, Answer], platform: str) -> Lead:
    chances = [
        setup.decide(answers, months_later(setup.today, m)).chances.get(platform, 0.0)
        for m in range(MONTHS + 1)
    ]
    return Lead(label, answers, platform, chances)


def profiles(setup: Setup) -> list[tuple[str, dict[str, Answer]]]:
    found = [(f"{name} ({goal})", answers) for name, goal, answers in merchant_goals()]
    grid = consultants_grid(setup)
    found += [(f"grid #{i}", grid.answers(i)) for i in range(0, len(grid), GRID_STRIDE)]
    return found


def surest_section(setup: Setup, leads: list[Lead]) -> None:
    surest = max(leads, key=lambda lead: lead.chances[0])
    shown = ", ".join(f"{k}={v}" for k, v in surest.answers.items())
    print(f"\nThe surest lead: {surest.label}: {surest.platform} ({shown})")
    rows = []
    for month, chance in enumerate(surest.chances):
        change = chance - surest.chances[month - 1] if month else 0.0
        rows.append(
            [month, months_later(setup.today, month).isoformat(), f"{chance:.4f}", f"{change:+.4f}"]
        )
    print(table(["month", "date", "chance", "change"], rows))


def aggregate_section(leads: list[Lead]) -> None:
    gaining = [lead for lead in leads if any(move > 1e-9 for move in lead.moves)]
    size, month, where = max(
        ((abs(move), month + 1, lead) for lead in leads for month, move in enumerate(lead.moves)),
        key=lambda found: found[0],
    )
    losses = [lead.chances[0] - lead.chances[LOSS_AFTER] for lead in leads]
    print(f"\nAll {len(leads)} leads with a chance of at least {SURE} on the start date:")
    print(f"  ever gains from one month to the next: {len(gaining)} (should be 0)")
    for lead in gaining[:5]:
        up = max(lead.moves)
        month = lead.moves.index(up) + 1
        print(f"    e.g. {lead.label}: {lead.platform} +{up:.4f} in month {month}")
    print(
        f"  largest monthly move: {size:.4f} ({where.label}, {where.platform}, month {month}); "
        f"at most {MONTHLY_MOVE}: {verdict(size <= MONTHLY_MOVE)}"
    )
    print(
        f"  loss over {LOSS_AFTER} months: min {min(losses):.4f}, "
        f"median {statistics.median(losses):.4f}, max {max(losses):.4f}; "
        f"at least {LEAST_LOSS} for every lead: {verdict(min(losses) >= LEAST_LOSS)}"
    )
    print(
        f"  Never gains: {verdict(not gaining)}. "
        f"Moves at most {MONTHLY_MOVE} a month: {verdict(size <= MONTHLY_MOVE)}. "
        f"Loses at least {LEAST_LOSS} over {LOSS_AFTER} months: "
        f"{verdict(min(losses) >= LEAST_LOSS)}"
    )


def merchants_section(setup: Setup) -> None:
    print("\nThe article's merchants: the start date's lead and its chance of ranking first by age")
    rows = []
    for name, goal, answers in merchant_goals():
        lead = setup.decide(answers).primary
        chances = [
            setup.decide(answers, months_later(setup.today, m)).chances.get(lead, 0.0)
            for m in MERCHANT_AGES
        ]
        rows.append([name, goal, lead, *(f"{c:.2f}" for c in chances)])
    print(table(["merchant", "goal", "lead", *(f"{m} mo" for m in MERCHANT_AGES)], rows))


def no_evidence_section(setup: Setup) -> None:
    found = setup.decide(NO_EVIDENCE)
    print("\nNo evidence: beauty at 150 yuan, no notes, videos or live, type and goal not given")
    rows = [
        [s.platform, f"{s.score:g}", s.fit, f"{found.chances.get(s.platform, 0.0):.4f}"]
        for s in found.ranking
    ]
    print(table(["platform", "score", "fit", "chance"], rows))
    print(f"  lead {found.primary}, recommended {', '.join(found.recommended)}", end="")
    print(f", decided_by {found.decided_by}" if found.decided_by is not None else "", end="")
    print(f", to test {', '.join(found.test) or '-'}" if found.test is not None else "")
    unknown = all(s.fit == "unknown" for s in found.ranking)
    equal = len({s.score for s in found.ranking}) == 1
    even = max(found.chances.values()) <= 0.5
    print(
        f"  Every fit unknown: {verdict(unknown)}. Scores equal: {verdict(equal)}. "
        f"No chance above 0.5: {verdict(even)}"
    )


def main(argv: list[str] | None = None) -> None:
    setup = start(__doc__, argv, "Aging")
    started = time.perf_counter()
    candidates = profiles(setup)
    leads = []
    for label, answers in candidates:
        decision = setup.decide(answers)
        if decision.chances[decision.primary] >= SURE:
            leads.append(followed(setup, label, answers, decision.primary))
    print(
        f"Start {setup.today.isoformat()}, then the same day of each month for {MONTHS} months. "
        f"{len(candidates)} merchants (the article's 7 under 3 goals, and one in {GRID_STRIDE} "
        f"of the grid); {len(leads)} leads with a chance of ranking first of at least {SURE}."
    )
    if leads:
        surest_section(setup, leads)
        aggregate_section(leads)
    merchants_section(setup)
    no_evidence_section(setup)
    print(f"\nTiming: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
