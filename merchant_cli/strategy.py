"""The strategy: which platform to lead with, which to run alongside, first steps and risks.

Pure, and driven by the pack's `steps`, `risks` and `pairings` sections: a
secondary platform is one whose score is close to the primary's, or one that a
pairing (the article's multi-platform practice) joins to the primary.
"""

from __future__ import annotations

from dataclasses import dataclass

from merchant_cli.conditions import compile_condition
from merchant_cli.models import Advice, Text
from merchant_cli.pack import RulePack
from merchant_cli.result import Evaluation, PlatformScore

CLOSE_POINTS = 5
"""A platform within this many points of the top one is run alongside it (unless weak)."""


@dataclass(frozen=True)
class Step:
    """One thing to do (or watch) on one platform, with the evidence behind it."""

    platform: str
    text: Text
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Recommendation:
    primary: str
    secondary: tuple[str, ...]
    steps: tuple[Step, ...]
    risks: tuple[Step, ...]

    @property
    def platforms(self) -> tuple[str, ...]:
        return (self.primary, *self.secondary)


def recommend(pack: RulePack, evaluation: Evaluation) -> Recommendation:
    """Primary = the top platform; secondary, steps and risks as the pack's data says."""
    facts = evaluation.facts
    top = evaluation.top
    paired: dict[str, list[Step]] = {}
    for pairing in pack.pairings:
        if top.platform in pairing.platforms and compile_condition(pairing.when)(facts):
            other = next((p for p in pairing.platforms if p != top.platform), top.platform)
            step = Step(other, pairing.text, tuple(pairing.evidence))
            paired.setdefault(other, []).append(step)
    secondary = tuple(
        score.platform
        for score in evaluation.ranking[1:]
        if score.fit != "weak" and (_close(top, score) or score.platform in paired)
    )
    steps: list[Step] = []
    for platform in (top.platform, *secondary):
        steps.extend(paired.get(platform, ()))
        steps.extend(_applicable(pack.steps, platform, evaluation))
    risks = [r for p in (top.platform, *secondary) for r in _applicable(pack.risks, p, evaluation)]
    return Recommendation(top.platform, secondary, tuple(steps), tuple(risks))


def _close(top: PlatformScore, other: PlatformScore) -> bool:
    return top.score - other.score <= CLOSE_POINTS


def _applicable(items: tuple[Advice, ...], platform: str, evaluation: Evaluation) -> list[Step]:
    return [
        Step(item.platform, item.text, tuple(item.evidence))
        for item in items
        if item.platform == platform and compile_condition(item.when)(evaluation.facts)
    ]
