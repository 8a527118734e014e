"""What an evaluation produces: plain frozen data, rendered by every reporter alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from merchant_cli.models import Text
from merchant_cli.profile import Answer


@dataclass(frozen=True)
class Contribution:
    """One fired rule's effect on one platform, with the evidence behind it."""

    rule: str
    points: int
    evidence: tuple[str, ...]
    reason: Text


@dataclass(frozen=True)
class PlatformScore:
    platform: str
    name: Text
    score: int | float
    fit: str
    contributions: tuple[Contribution, ...]


@dataclass(frozen=True)
class Notice:
    """A warning shown with the report: thin or dated evidence, and the like."""

    code: str
    text: Text


@dataclass(frozen=True)
class PackInfo:
    name: str
    version: str
    as_of: dt.date


@dataclass(frozen=True)
class Evaluation:
    """The engine's whole answer for one merchant."""

    pack: PackInfo
    profile: Mapping[str, Answer]
    facts: Mapping[str, Answer]
    ranking: tuple[PlatformScore, ...]
    warnings: tuple[Notice, ...]

    @property
    def top(self) -> PlatformScore:
        return self.ranking[0]
