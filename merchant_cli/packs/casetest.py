"""Run a pack's example cases: each profile's result checked against its expectations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from merchant_cli.core.conditions import compile_condition
from merchant_cli.core.engine import Scorer
from merchant_cli.core.errors import UsageError
from merchant_cli.core.models import Case, Rule
from merchant_cli.core.operators import show
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import build_profile, merge_answers
from merchant_cli.core.record import Record, record
from merchant_cli.core.result import Evaluation
from merchant_cli.core.said import Said
from merchant_cli.core.strategy import recommend


@record(kw_only=False)
class Mismatch(Record):
    """One unmet expectation: what was checked, what the case expected, what happened."""

    what: str
    expected: str
    actual: str | Said


class Outcome(Protocol):
    """What `rules test` prints of a case or of a rule's examples."""

    @property
    def name(self) -> str: ...
    @property
    def passed(self) -> bool: ...
    @property
    def failures(self) -> tuple[Mismatch, ...]: ...
    @property
    def ranking(self) -> str: ...


@record(kw_only=False)
class CaseResult(Record):
    case: Case
    failures: tuple[Mismatch, ...]
    evaluation: Evaluation | None

    @property
    def name(self) -> str:
        return self.case.name

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


@record(kw_only=False)
class ExampleResult(Record):
    """A rule's own examples: each `fires` answer set must fire it, each `not` must not."""

    rule: Rule
    failures: tuple[Mismatch, ...]
    ranking: str = ""

    @property
    def name(self) -> str:
        return f"rule {self.rule.id}"

    @property
    def passed(self) -> bool:
        return not self.failures


def run_examples(pack: RulePack) -> list[ExampleResult]:
    """Every rule that carries examples, checked against its own condition."""
    return [_examples(pack, rule) for rule in pack.rules if rule.examples is not None]


def _examples(pack: RulePack, rule: Rule) -> ExampleResult:
    assert rule.examples is not None
    test = compile_condition(rule.when)
    failures = []
    for want, listed in ((True, rule.examples.fires), (False, rule.examples.not_)):
        for answers in listed:
            try:
                facts = pack.facts(merge_answers(pack, [answers]))
            except UsageError as exc:
                failures.append(Mismatch(_shown(answers), "valid answers", exc.said))
                continue
            if test(facts) != want:
                expected, actual = ("fires", "does not") if want else ("does not fire", "fires")
                failures.append(Mismatch(_shown(answers), expected, actual))
    return ExampleResult(rule, tuple(failures))


def _shown(answers: Mapping[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {show(v)}" for k, v in answers.items()) + "}"


def _run(scorer: Scorer, case: Case) -> CaseResult:
    try:
        evaluation = scorer.evaluate(build_profile(scorer.pack, case.profile))
    except UsageError as exc:
        return CaseResult(case, (Mismatch("profile", "a valid profile", exc.said),), None)
    return CaseResult(case, tuple(check_expectations(case, evaluation, scorer.pack)), evaluation)


def _strategy(case: Case, evaluation: Evaluation, pack: RulePack) -> list[Mismatch]:
    """The recommended set and the close call, as the strategy computes them."""
    expect = case.expect
    if not (expect.recommended or expect.not_recommended or expect.close_call is not None):
        return []
    found = recommend(pack, evaluation)
    chosen = set(found.platforms)
    failures = [
        Mismatch(f"{p} recommended", "yes", "no") for p in expect.recommended if p not in chosen
    ]
    failures += [
        Mismatch(f"{p} recommended", "no", "yes") for p in expect.not_recommended if p in chosen
    ]
    if expect.close_call is not None and found.close_call != expect.close_call:
        failures.append(Mismatch("close call", str(expect.close_call), str(found.close_call)))
    return failures


def check_expectations(case: Case, evaluation: Evaluation, pack: RulePack) -> list[Mismatch]:
    """Each unmet expectation, in the order the case states them.

    Cases assert what the evidence supports (orders, sets, bands and ranges), so a
    change of points that keeps the answer keeps the cases passing.
    """
    expect = case.expect
    order = [s.platform for s in evaluation.ranking]
    scores = {s.platform: s.score for s in evaluation.ranking}
    fired = {c.rule for s in evaluation.ranking for c in s.contributions}
    failures = []
    if expect.top is not None and order[0] != expect.top:
        failures.append(Mismatch("top", expect.top, order[0]))
    if expect.top_in and order[0] not in expect.top_in:
        failures.append(Mismatch("top", " or ".join(expect.top_in), order[0]))
    failures += _strategy(case, evaluation, pack)
    fits = {s.platform: s.fit for s in evaluation.ranking}
    for platform, bands in expect.fit.items():
        if fits.get(platform) not in bands:
            failures.append(
                Mismatch(f"fit of {platform}", " or ".join(bands), str(fits.get(platform)))
            )
    first = evaluation.confidence.first if evaluation.confidence else {}
    for platform, (low, high) in expect.confidence.items():
        got = first.get(platform)
        if got is None or not low <= got <= high:
            failures.append(Mismatch(f"chance {platform} is first", f"{low:g}..{high:g}", str(got)))
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
