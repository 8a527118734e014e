"""How certain a platform's evidence is, graded as GRADE grades a body of evidence. Pure.

GRADE (Guyatt et al., BMJ 2008) rates the certainty of evidence high, moderate,
low or very low: it starts from the kind of evidence and rates it down for
indirectness, imprecision, inconsistency and, here, age. The grade says in words
what the chance of ranking first says in numbers, and why: "low: indirect (your
price is beyond the article's example), 23 months old".

- Start: the kind of the evidence carrying most of the score: a figure (orders
  sold, a ranking) starts high, a reported fact moderate, an opinion low.
- Indirect: the rules apply to this merchant only in part (a graded condition:
  the article's example sells at 88-188 yuan, the merchant at 260).
- Imprecise: the score rests on fewer distinct observations than the pack's `thin_below`.
- Inconsistent: evidence for and against, the weaker side at least half the other.
- Aged: the claims hold today with less than even-ish odds (their half-lives).
No evidence at all is very low, whatever else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from merchant_cli.core.operators import FULL
from merchant_cli.core.result import Certainty, Contribution, PlatformScore
from merchant_cli.core.said import Said, say

GRADES = ("high", "moderate", "low", "very_low")
START = {"figure": 0, "report": 1, "opinion": 2}
"""Levels below high at which each strength of evidence starts."""
STARTING_REASON = {1: "certainty.kind_report", 2: "certainty.kind_opinion"}
DIRECT = 0.75
"""Below this share of their full strength (weighted), the rules apply indirectly."""
CURRENT = 0.75
"""Below this chance (weighted) that the claims still hold, the evidence is rated down once..."""
LAPSED = 0.5
"""...and below this, twice."""
BALANCED = 0.5
"""Evidence against at least this share of the evidence for (or the other way) is inconsistent."""


Limit = Callable[[Contribution], Said | None]
"""What keeps a contribution below full strength, in words (asked only when it matters)."""


def grade(
    score: PlatformScore,
    held: Sequence[float],
    limit: Limit,
    thin_below: float,
    months: int,
) -> Certainty:
    """`held[i]`: the chance contribution i's claim still holds; `limit`: what keeps a
    contribution below full strength, if anything; `months`: the evidence's age."""
    found = score.contributions
    if not found:
        return Certainty(GRADES[-1], (say("certainty.no_evidence"),))
    moved = [abs(c.stated) * c.degree for c in found]
    lead = max(range(len(found)), key=lambda i: (moved[i], -START.get(found[i].strength or "", 1)))
    level = START.get(found[lead].strength or "", 1)
    reasons: list[Said] = []
    if level:  # a report or an opinion (a strength the pack names otherwise counts as a report)
        reasons.append(say(STARTING_REASON[level]))
    full = sum(abs(c.stated) for c in found) * FULL
    if full and sum(moved) / full < DIRECT:
        level += 1
        reasons.append(_indirect(found, limit))
    if len(score.observations) < thin_below:
        level += 1
        count = len(score.observations)
        reasons.append(
            say("certainty.thin_one") if count == 1 else say("certainty.thin", count=count)
        )
    pros = sum(m for c, m in zip(found, moved, strict=True) if c.stated > 0)
    cons = sum(m for c, m in zip(found, moved, strict=True) if c.stated < 0)
    if min(pros, cons) >= BALANCED * max(pros, cons) > 0:
        level += 1
        reasons.append(say("certainty.inconsistent"))
    weight = sum(moved)
    holds = sum(h * m for h, m in zip(held, moved, strict=True)) / weight if weight else 1.0
    if holds < CURRENT:
        level += 2 if holds < LAPSED else 1
        reasons.append(say("certainty.aged", months=months))
    return Certainty(GRADES[min(level, len(GRADES) - 1)], tuple(reasons))


def _indirect(found: Sequence[Contribution], limit: Limit) -> Said:
    """Indirectness, with what keeps the rule that loses most from full strength."""
    partial = sorted(
        (c for c in found if c.partial), key=lambda c: -abs(c.stated) * (FULL - c.degree)
    )
    said = next((s for s in map(limit, partial) if s is not None), None)
    return (
        say("certainty.indirect_plain") if said is None else say("certainty.indirect", detail=said)
    )
