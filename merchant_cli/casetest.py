"""Run a pack's example cases: each profile's result checked against its expectations."""

from __future__ import annotations

from dataclasses import dataclass

from merchant_cli.engine import Scorer
from merchant_cli.errors import UsageError
from merchant_cli.models import Case
from merchant_cli.pack import RulePack
from merchant_cli.profile import build_profile
from merchant_cli.result import Evaluation


@dataclass(frozen=True)
class CaseResult:
    case: Case
    failures: tuple[str, ...]
    evaluation: Evaluation | None

    @property
    def passed(self) -> bool:
        return not self.failures


def run_cases(pack: RulePack) -> list[CaseResult]:
    scorer = Scorer(pack)
    return [_run(scorer, case) for case in pack.cases]


def _run(scorer: Scorer, case: Case) -> CaseResult:
    try:
        evaluation = scorer.evaluate(build_profile(scorer.pack, case.profile))
    except UsageError as exc:
        return CaseResult(case, (f"profile is invalid: {exc.message}",), None)
    return CaseResult(case, tuple(check_expectations(case, evaluation)), evaluation)


def check_expectations(case: Case, evaluation: Evaluation) -> list[str]:
    """Each unmet expectation as an `expected ... got ...` line."""
    expect = case.expect
    order = [s.platform for s in evaluation.ranking]
    scores = {s.platform: s.score for s in evaluation.ranking}
    fired = {c.rule for s in evaluation.ranking for c in s.contributions}
    failures = []
    if expect.top is not None and order[0] != expect.top:
        failures.append(
            f"top: expected {expect.top}, got {order[0]} "
            f"({', '.join(f'{p} {scores[p]}' for p in order)})"
        )
    if expect.order is not None:
        positions = [order.index(p) for p in expect.order if p in order]
        if positions != sorted(positions) or len(positions) != len(expect.order):
            failures.append(
                f"order: expected {' > '.join(expect.order)}, "
                f"got {' > '.join(f'{p} ({scores[p]})' for p in order)}"
            )
    for platform, (low, high) in (expect.scores or {}).items():
        got = scores.get(platform)
        if got is None or not low <= got <= high:
            failures.append(f"score of {platform}: expected {low:g}..{high:g}, got {got}")
    failures += [f"rule {r}: expected to fire, did not" for r in expect.fired if r not in fired]
    failures += [f"rule {r}: expected not to fire, fired" for r in expect.not_fired if r in fired]
    return failures
