"""Run a pack's example cases: each profile's result checked against its expectations."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any, Protocol

from merchant_cli.core.conditions import compile_degree
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
    test = compile_degree(rule.when)
    failures = []
    for want, listed in ((True, rule.examples.fires), (False, rule.examples.not_)):
        for answers in listed:
            try:
                facts = pack.facts(merge_answers(pack, [answers]))
            except UsageError as exc:
                failures.append(Mismatch(_shown(answers), "valid answers", exc.said))
                continue
            if (test(facts) > 0) != want:  # a rule fires when it applies at all
                expected, actual = ("fires", "does not") if want else ("does not fire", "fires")
                failures.append(Mismatch(_shown(answers), expected, actual))
    return ExampleResult(rule, tuple(failures))


def _shown(answers: Mapping[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {show(v)}" for k, v in answers.items()) + "}"


def _run(scorer: Scorer, case: Case) -> CaseResult:
    """The case's profile (every combination of its `vary` values): each unmet expectation,
    named by the values it failed for; the evaluation shown is the first variant's."""
    failures: list[Mismatch] = []
    first: Evaluation | None = None
    for variant in _variants(case):
        shown = "" if len(case.vary) == 0 else " at " + _shown(variant)
        try:
            evaluation = scorer.evaluate(build_profile(scorer.pack, {**case.profile, **variant}))
        except UsageError as exc:
            failures.append(Mismatch(f"profile{shown}", "a valid profile", exc.said))
            continue
        first = first or evaluation
        failures += (
            Mismatch(found.what + shown, found.expected, found.actual)
            for found in check_expectations(case, evaluation, scorer.pack)
        )
    return CaseResult(case, tuple(failures), first)


def _variants(case: Case) -> list[dict[str, Any]]:
    names = list(case.vary)
    combos = itertools.product(*case.vary.values())
    return [dict(zip(names, combo, strict=True)) for combo in combos]


def _strategy(case: Case, evaluation: Evaluation, pack: RulePack) -> list[Mismatch]:
    """What the strategy offers (lead, alongside or to test), its lead and what set it, the
    close call and the cautions, as the strategy computes them."""
    expect = case.expect
    wanted = (
        expect.recommended or expect.not_recommended or expect.tested or expect.cautions
        or expect.decided_by or expect.primary or expect.close_call is not None
    )  # fmt: skip
    if not wanted:
        return []
    found = recommend(pack, evaluation)
    offered = set(found.offered)
    failures = [
        Mismatch(f"{p} recommended", "yes", "no") for p in expect.recommended if p not in offered
    ]
    failures += [
        Mismatch(f"{p} recommended", "no", "yes") for p in expect.not_recommended if p in offered
    ]
    failures += [
        Mismatch(f"{p} to test", "yes", "no") for p in expect.tested if p not in found.test
    ]
    if expect.primary is not None and found.primary != expect.primary:
        failures.append(Mismatch("lead", expect.primary, found.primary))
    if expect.decided_by and found.decided_by not in expect.decided_by:
        failures.append(Mismatch("decided by", " or ".join(expect.decided_by), found.decided_by))
    cautioned = {e for risk in found.risks for e in risk.evidence}
    failures += [
        Mismatch(f"caution citing {e}", "shown", "not shown")
        for e in expect.cautions
        if e not in cautioned
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
    cited = {e for s in evaluation.ranking for c in s.contributions for e in c.evidence}
    failures += [
        Mismatch(f"reasons citing {ident}", "none", "some") for ident in expect.not_cited
        if ident in cited
    ]  # fmt: skip
    if expect.equal_scores is not None and (len(set(scores.values())) == 1) != expect.equal_scores:
        actual = " ".join(f"{p} {v}" for p, v in scores.items())
        failures.append(Mismatch("equal scores", str(expect.equal_scores), actual))
    return failures
