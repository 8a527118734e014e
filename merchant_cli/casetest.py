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
class Mismatch:
    """One unmet expectation: what was checked, what the case expected, what happened."""

    what: str
    expected: str
    actual: str


@dataclass(frozen=True)
class CaseResult:
    case: Case
    failures: tuple[Mismatch, ...]
    evaluation: Evaluation | None

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def ranking(self) -> str:
        """The actual ranking with scores, e.g. `douyin 76 > taobao 73 > xiaohongshu 46`."""
        if self.evaluation is None:
            return ""
        return " > ".join(f"{s.platform} {s.score}" for s in self.evaluation.ranking)


def run_cases(pack: RulePack) -> list[CaseResult]:
    scorer = Scorer(pack)
    return [_run(scorer, case) for case in pack.cases]


def _run(scorer: Scorer, case: Case) -> CaseResult:
    try:
        evaluation = scorer.evaluate(build_profile(scorer.pack, case.profile))
    except UsageError as exc:
        return CaseResult(case, (Mismatch("profile", "a valid profile", exc.message),), None)
    return CaseResult(case, tuple(check_expectations(case, evaluation)), evaluation)


def check_expectations(case: Case, evaluation: Evaluation) -> list[Mismatch]:
    """Each unmet expectation, in the order the case states them."""
    expect = case.expect
    order = [s.platform for s in evaluation.ranking]
    scores = {s.platform: s.score for s in evaluation.ranking}
    fired = {c.rule for s in evaluation.ranking for c in s.contributions}
    failures = []
    if expect.top is not None and order[0] != expect.top:
        failures.append(Mismatch("top", expect.top, order[0]))
    if expect.order is not None:
        positions = [order.index(p) for p in expect.order if p in order]
        if positions != sorted(positions) or len(positions) != len(expect.order):
            actual = " > ".join(p for p in order if p in expect.order)
            failures.append(Mismatch("order", " > ".join(expect.order), actual))
    for platform, (low, high) in (expect.scores or {}).items():
        got = scores.get(platform)
        if got is None or not low <= got <= high:
            wanted = f"{low:g}" if low == high else f"{low:g}..{high:g}"
            failures.append(Mismatch(f"score of {platform}", wanted, str(got)))
    failures += [
        Mismatch(f"rule {rule}", "fired", "not fired") for rule in expect.fired if rule not in fired
    ]
    failures += [
        Mismatch(f"rule {rule}", "not fired", "fired") for rule in expect.not_fired if rule in fired
    ]
    return failures
