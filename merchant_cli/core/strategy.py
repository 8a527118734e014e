"""The strategy: which platform to lead with, which to run alongside, first steps and risks.

Pure, and driven by the pack: a secondary platform is one that is not a weak
fit and scores within `pack.alongside` points of the top one; the top two are
a close call within `pack.close_call` points (or tied), and then the verdict
names both rather than letting the tie-break by id decide silently. Steps,
risks and pairings (a practice the article describes on two platforms at
once) are shown only where their `when` holds, and a pairing only when both
of its platforms are recommended.
"""

from __future__ import annotations

from merchant_cli.core.conditions import compile_condition
from merchant_cli.core.models import Advice, Condition, Text
from merchant_cli.core.pack import RulePack
from merchant_cli.core.record import Record, record
from merchant_cli.core.result import Evaluation, PlatformScore


@record(kw_only=False)
class Step(Record):
    """One thing to do (or watch) on one platform, with the evidence behind it."""

    platform: str
    text: Text
    evidence: tuple[str, ...]


@record(kw_only=False)
class Recommendation(Record):
    primary: str
    secondary: tuple[str, ...]
    steps: tuple[Step, ...]
    risks: tuple[Step, ...]
    close_call: bool = False
    """The top two are tied or within the pack's close-call margin."""
    contenders: tuple[str, ...] = ()
    """On a close call, every platform within the margin of the top, best first."""

    @property
    def platforms(self) -> tuple[str, ...]:
        return (self.primary, *self.secondary)


def recommend(pack: RulePack, evaluation: Evaluation) -> Recommendation:
    """Primary = the top platform (of tied ones, the likelier first); the rest from the pack."""
    meta = pack.meta
    top = _lead(evaluation)
    rest = [s for s in evaluation.ranking if s.platform != top.platform]
    contenders = tuple(s.platform for s in (top, *rest) if _behind(top, s) <= meta.close_call)
    secondary = tuple(
        s.platform
        for s in rest
        if s.fit != "weak" and _behind(top, s) <= max(meta.alongside, meta.close_call)
    )
    chosen = (top.platform, *secondary)
    paired: dict[str, list[Step]] = {}
    for pairing in pack.pairings:
        if set(pairing.platforms) <= set(chosen) and _holds(pairing.when, evaluation):
            lead = min(pairing.platforms, key=chosen.index)  # shown with the better-placed one
            paired.setdefault(lead, []).append(Step(lead, pairing.text, tuple(pairing.evidence)))
    steps: list[Step] = []
    for platform in chosen:
        steps.extend(_applicable(pack.steps, platform, evaluation))
        steps.extend(paired.get(platform, ()))
    risks = [r for p in chosen for r in _applicable(pack.risks, p, evaluation)]
    close = len(contenders) > 1
    return Recommendation(
        top.platform, secondary, tuple(steps), tuple(risks), close, contenders if close else ()
    )


def _lead(evaluation: Evaluation) -> PlatformScore:
    """The top platform; among platforms tied on score, the one likelier to rank first over
    the plausible weightings (the ranking's tie-break by id says nothing about the evidence)."""
    top = evaluation.top
    tied = [s for s in evaluation.ranking if s.score == top.score]
    found = evaluation.confidence
    if len(tied) == 1 or found is None:
        return top
    return max(tied, key=lambda s: found.first.get(s.platform, 0.0))


def _behind(top: PlatformScore, other: PlatformScore) -> float:
    return top.score - other.score


def _holds(condition: Condition | None, evaluation: Evaluation) -> bool:
    return compile_condition(condition)(evaluation.facts)


def _applicable(items: tuple[Advice, ...], platform: str, evaluation: Evaluation) -> list[Step]:
    return [
        Step(item.platform, item.text, tuple(item.evidence))
        for item in items
        if item.platform == platform and _holds(item.when, evaluation)
    ]
