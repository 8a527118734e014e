"""The one way from a merchant's profile to a report: score, then insight and wording.

The command, the golden tests, the layout tests and the benchmarks all build their
reports here, so what they check is what a user sees.
"""

from __future__ import annotations

import datetime as dt

from merchant_cli.core.engine import Scorer
from merchant_cli.core.insight import build_insight
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import Profile
from merchant_cli.reporters import Report
from merchant_cli.reporters.scenarios import scenarios


def evaluate_report(pack: RulePack, profile: Profile, *, today: dt.date | None = None) -> Report:
    """`profile` scored against `pack` (`today` dates the evidence), with its insight."""
    scorer = Scorer(pack)
    evaluation = scorer.evaluate(profile, today=today)
    insight = build_insight(scorer, evaluation)
    return Report(evaluation, pack, insight, scenarios(pack, evaluation, insight.what_if))
