"""What an evaluation produces: plain frozen data, rendered by every reporter alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import field

from merchant_cli.core.confidence import Confidence
from merchant_cli.core.models import Text
from merchant_cli.core.operators import FULL
from merchant_cli.core.profile import Answer
from merchant_cli.core.record import Record, record
from merchant_cli.core.said import Said


@record(kw_only=False)
class Contribution(Record):
    """One fired rule's effect on one platform, with the evidence behind it."""

    rule: str
    points: int | float
    """What the rule adds here: its stated points times the degree it applies to."""
    evidence: tuple[str, ...]
    reason: Text
    quote: str = ""
    """The first cited observation's own words: the claim this rule rests on."""
    reading: str | None = None
    """That quote with machine-translation errors corrected, where it has any."""
    strength: str | None = None
    """The rule's declared strength of evidence (None when it declares none)."""
    degree: int = FULL
    """How far the rule applies to this merchant, in tenths (FULL: entirely)."""
    stated: int = 0
    """The rule's own points, at full strength."""

    @property
    def partial(self) -> bool:
        return self.degree < FULL


@record(kw_only=False)
class PlatformScore(Record):
    platform: str
    name: Text
    score: int | float
    fit: str
    contributions: tuple[Contribution, ...]

    @property
    def observations(self) -> tuple[str, ...]:
        """The distinct observations this score rests on, in the order first cited."""
        return tuple(dict.fromkeys(e for c in self.contributions for e in c.evidence))

    @property
    def weight(self) -> float:
        """How many observations the score rests on, each counted by the largest share to
        which a rule citing it applies (a rule at 40% brings 0.4 of each observation)."""
        share: dict[str, int] = {}
        for contribution in self.contributions:
            for ident in contribution.evidence:
                share[ident] = max(share.get(ident, 0), contribution.degree)
        return sum(share.values()) / FULL


@record(kw_only=False)
class Notice(Record):
    """A warning shown with the report: thin or dated evidence, and the like."""

    code: str
    said: Said


@record(kw_only=False)
class Certainty(Record):
    """How certain a platform's evidence is, as GRADE grades a body of evidence: high,
    moderate, low or very low, and the reasons it was rated down."""

    grade: str
    reasons: tuple[Said, ...] = ()


@record(kw_only=False)
class PackInfo(Record):
    name: str
    version: str
    as_of: dt.date


@record(kw_only=False)
class Evaluation(Record):
    """The engine's whole answer for one merchant."""

    pack: PackInfo
    profile: Mapping[str, Answer]
    facts: Mapping[str, Answer]
    ranking: tuple[PlatformScore, ...]
    warnings: tuple[Notice, ...]
    confidence: Confidence | None = None
    """How sure the ranking is; None when not computed (what-if scenarios, batch rows)."""
    certainty: Mapping[str, Certainty] = field(default_factory=dict)
    """platform -> how certain its evidence is, graded with the reasons (with `confidence`)."""

    @property
    def top(self) -> PlatformScore:
        return self.ranking[0]
