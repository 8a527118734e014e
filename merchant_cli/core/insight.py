"""Decision insight, computed once per evaluation and shared by every report format.

Joins the strategy (primary, secondary, steps, risks), the what-if search and,
when the evidence is stale, the observations to re-check first. It is data: the
reporters word it (`reporters.scenarios` for the what-if sentences).
"""

from __future__ import annotations

from merchant_cli.core.engine import Scorer
from merchant_cli.core.record import Record, record
from merchant_cli.core.result import Evaluation
from merchant_cli.core.strategy import Recommendation, recommend
from merchant_cli.core.whatif import WhatIf, what_if

RECHECK_LIMIT = 5
"""At most this many observations named for re-checking when the evidence is stale."""


@record(kw_only=False)
class Insight(Record):
    recommendation: Recommendation
    what_if: tuple[WhatIf, ...]
    stale: bool
    recheck: tuple[str, ...]
    """Observation ids to re-check before deciding (only when the evidence is stale)."""
    separator: WhatIf | None = None
    """When nothing separates the contenders: the first what-if that would (one of them
    leading the rest by more than the close-call margin)."""


def build_insight(scorer: Scorer, evaluation: Evaluation) -> Insight:
    recommendation = recommend(scorer.pack, evaluation)
    scenarios = tuple(what_if(scorer, evaluation))
    stale = any(notice.code == "stale-evidence" for notice in evaluation.warnings)
    recheck = _recheck(evaluation, recommendation) if stale else ()
    separator = (
        None
        if recommendation.separated
        else _separator(scenarios, recommendation.open, scorer.pack.meta.close_call)
    )
    return Insight(recommendation, scenarios, stale, recheck, separator)


def _separator(
    scenarios: tuple[WhatIf, ...], contenders: tuple[str, ...], margin: float
) -> WhatIf | None:
    for scenario in scenarios:
        scores = sorted((scenario.scores[p] for p in contenders), reverse=True)
        if scores[0] - scores[1] > margin and max(scenario.scores.values()) == scores[0]:
            return scenario
    return None


def _recheck(evaluation: Evaluation, recommendation: Recommendation) -> tuple[str, ...]:
    """The evidence the answer leans on most: the recommended platforms' rules by weight,
    then the steps' evidence."""
    chosen = [s for s in evaluation.ranking if s.platform in recommendation.platforms]
    contributions = sorted(
        (c for s in chosen for c in s.contributions), key=lambda c: (-abs(c.points), c.rule)
    )
    ids = [e for c in contributions for e in c.evidence]
    ids += [e for step in recommendation.steps for e in step.evidence]
    return tuple(dict.fromkeys(ids))[:RECHECK_LIMIT]
