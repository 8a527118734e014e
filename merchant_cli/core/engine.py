"""The scoring engine: (profile, pack) -> Evaluation. Pure: no I/O, no clock, no globals.

Each platform starts at the pack's base score; every rule whose condition holds
adds its points times the degree to which it holds (a graded condition: 40% like
the article's example adds 40% of the points); the sum is clamped to the pack's
range. Points are summed in tenths, so scores are exact to one decimal. Ties rank
by platform id so the output never depends on dictionary or file order.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeGuard

from merchant_cli.core.certainty import grade
from merchant_cli.core.conditions import (
    Degree,
    comparisons,
    compile_degree,
    limiting,
    values_named,
)
from merchant_cli.core.confidence import Chances, Confidence, Term, confidence, half_width
from merchant_cli.core.models import (
    UNSTATED_STRENGTH,
    Comparison,
    Observation,
    Question,
    Rule,
    Text,
)
from merchant_cli.core.operators import FULL, is_number, show
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import Answer, Profile
from merchant_cli.core.record import Record, record
from merchant_cli.core.result import (
    Certainty,
    Contribution,
    Evaluation,
    Notice,
    PackInfo,
    PlatformScore,
)
from merchant_cli.core.said import Said, say, verbatim

STALE_AFTER_DAYS = 365
DAYS_PER_MONTH = 365.25 / 12
MAX_TERMS = 100_000
"""Uncertain terms a `Scorer` keeps (per rule, degree and day); it restarts beyond this."""

Firing = Mapping[int, int]
"""The rules that apply: position in the pack -> degree (tenths, above 0)."""


@record(kw_only=False)
class _CompiledRule(Record):
    rule: Rule
    test: Degree
    claim: str
    """The claim its evidence carries (`RulePack.claim_of`): shared across platforms, drawn once."""


class Scorer:
    """A pack compiled once for scoring many profiles (conditions become callables)."""

    def __init__(self, pack: RulePack) -> None:
        self.pack = pack
        claim_of = pack.claim_of
        self.rules = tuple(
            _CompiledRule(rule, compile_degree(rule.when), claim_of.get(rule.evidence[0], ""))
            for rule in pack.rules
        )
        self.info = PackInfo(pack.meta.name, pack.meta.version, pack.meta.as_of)
        self._tests = [compiled.test for compiled in self.rules]
        self._claim_of_rule = {compiled.rule.id: compiled.claim for compiled in self.rules}
        self._contributions: dict[tuple[int, int], Contribution] = {}
        self._term_memo: dict[tuple[str, int, dt.date], Term] = {}
        self._chances = Chances()
        readers: dict[str, list[int]] = {}
        crossings: dict[str, list[tuple[float, int]]] = {}
        unordered: dict[str, set[int]] = {}
        for index, rule in enumerate(pack.rules):
            for fact, comparison, _ in comparisons(rule.when):
                readers.setdefault(fact, []).append(index)
                points = _change_points(comparison)
                if points is None:
                    unordered.setdefault(fact, set()).add(index)
                else:
                    crossings.setdefault(fact, []).extend((at, index) for at in points)
        self._readers = {fact: tuple(dict.fromkeys(found)) for fact, found in readers.items()}
        self._crossings = {
            fact: (tuple(at for at, _ in found), tuple(index for _, index in found))
            for fact, found in ((f, sorted(c)) for f, c in crossings.items())
        }
        self._unordered = unordered
        self.named_values = values_named(rule.when for rule in pack.rules)

    def contribution(self, index: int, degree: int) -> Contribution:
        """Rule `index`'s effect at `degree`, built once per pair (batch and what-if reuse it)."""
        key = (index, degree)
        found = self._contributions.get(key)
        if found is None:
            rule = self.rules[index].rule
            first = self.pack.observation_by_id.get(rule.evidence[0])
            found = Contribution(
                rule.id,
                points_at(rule.points, degree),
                tuple(rule.evidence),
                rule.reason,
                quote=first.quote if first else "",
                reading=first.reading if first else None,
                strength=rule.strength,
                degree=degree,
                stated=rule.points,
            )
            self._contributions[key] = found
        return found

    def facts(self, answers: Mapping[str, Answer]) -> dict[str, Answer]:
        """The answers plus every derived fact (such as the price band)."""
        return self.pack.facts(answers)

    def evaluate(self, profile: Profile, *, today: dt.date | None = None) -> Evaluation:
        facts = self.facts(profile.answers)
        ranking = list(self.rank(facts))
        warnings = self._warnings(profile, ranking, today)
        silent = sum(notice.code == "thin-evidence" for notice in warnings)
        dated = today or self.pack.meta.as_of
        found = self.confidence(ranking, silent, dated)
        return Evaluation(
            pack=self.info,
            profile=dict(profile.answers),
            facts=facts,
            ranking=tuple(ranking),
            warnings=tuple(warnings),
            confidence=found,
            certainty={score.platform: self._certainty(score, facts, dated) for score in ranking},
        )

    def _certainty(
        self, score: PlatformScore, facts: Mapping[str, Answer], today: dt.date
    ) -> Certainty:
        as_of = self.pack.meta.as_of
        months = max((today.year - as_of.year) * 12 + today.month - as_of.month, 0)
        held = [self.holds(c, today) for c in score.contributions]

        def limit(contribution: Contribution) -> Said | None:
            return self._limit(contribution, facts)

        return grade(score, held, limit, self.pack.meta.uncertainty.thin_below, months)

    def _limit(self, contribution: Contribution, facts: Mapping[str, Answer]) -> Said | None:
        """What keeps a rule that applies in part from full strength, in words."""
        if not contribution.partial:
            return None
        rule = self.pack.rule_by_id[contribution.rule]
        _, leaf = limiting(rule.when, facts)
        if leaf is None:
            return None
        fact, comparison = leaf.fact, leaf.comparison
        question = self.pack.question_by_id.get(fact)
        named = question.label if question is not None else Text(en=fact, zh=fact)
        label = Text(en=named.en.lower(), zh=named.zh)
        value = facts.get(fact)
        share = f"{compile_degree(leaf)(facts) * 100 // FULL}%"
        if comparison.near is not None:
            low, high = comparison.near.range
            reach = show(low) if low == high else f"{show(low)}-{show(high)}"
            return say("certainty.near", label=label, value=show(value), reach=reach)
        if comparison.grows is not None:
            return say("certainty.grows", label=label, value=show(value), share=share)
        choice = _choice_label(question, value)
        return say("certainty.like", label=label, value=choice, share=share)

    def confidence(
        self, ranking: Sequence[PlatformScore], silent: int, today: dt.date
    ) -> Confidence:
        """Each platform's chance of ranking first over every plausible weighting of its
        rules (`first`), and each score's plausible range."""
        meta = self.pack.meta
        terms = self._terms(ranking, silent, today)
        blind = [score.platform for score in ranking if not score.contributions]
        low, high = meta.score.min, meta.score.max
        return confidence(meta.score.base, terms, low, high, unknown=blind, chances=self._chances)

    def first(
        self, ranking: Sequence[PlatformScore], silent: int, today: dt.date
    ) -> dict[str, float]:
        """Each platform's chance of ranking first, as `confidence` gives it: batch's cost.

        A rule applies in the share of plausible worlds its degree says, times the chance
        its evidence still holds `today`; rules of one claim on several platforms are drawn
        together. `silent` counts the answers the evidence never addresses: each widens
        every platform's range; so does, for a thinly evidenced platform, each observation
        it lacks.
        """
        meta = self.pack.meta
        terms = self._terms(ranking, silent, today)
        blind = [score.platform for score in ranking if not score.contributions]
        low, high = meta.score.min, meta.score.max
        return self._chances.first(meta.score.base, terms, low, high, unknown=blind)

    def _terms(
        self, ranking: Sequence[PlatformScore], silent: int, today: dt.date
    ) -> dict[str, list[Term]]:
        widen = self.pack.meta.uncertainty
        terms: dict[str, list[Term]] = {}
        for score in ranking:
            found = [self._term(c, today) for c in score.contributions]
            missing = max(widen.thin_below - score.weight, 0)
            unknown = widen.thin_spread * missing + widen.silent_spread * silent
            if unknown:
                found.append(Term(0, unknown))
            terms[score.platform] = found
        return terms

    def _term(self, contribution: Contribution, today: dt.date) -> Term:
        """A contribution's uncertain points, built once per rule, degree and day."""
        key = (contribution.rule, contribution.degree, today)
        found = self._term_memo.get(key)
        if found is None:
            if len(self._term_memo) >= MAX_TERMS:
                self._term_memo.clear()
            found = self._term_memo[key] = Term(
                contribution.stated,
                half_width(contribution.stated, self._spread(contribution)),
                contribution.degree / FULL,
                self._claim_of_rule[contribution.rule],
                self.holds(contribution, today),
            )
        return found

    def _spread(self, contribution: Contribution) -> int:
        strength = self.pack.meta.strengths.get(contribution.strength or UNSTATED_STRENGTH)
        return strength.spread if strength is not None else 0

    def holds(self, contribution: Contribution, today: dt.date) -> float:
        """The chance that the claim behind a contribution still holds `today`: it halves
        with every half-life of its kind that has passed since it was reported, and is as
        current as the latest observation the rule cites."""
        return max(self.still_holds(ident, today) for ident in contribution.evidence)

    def still_holds(self, ident: str, today: dt.date) -> float:
        observation = self.pack.observation_by_id.get(ident)
        dated = self._dated(observation)
        if observation is None or dated is None:
            return 1.0
        widen = self.pack.meta.uncertainty
        half_life = widen.half_lives.get(observation.kind or "", widen.half_life)
        months = max((today - dated).days, 0) / DAYS_PER_MONTH
        return float(0.5 ** (months / half_life))

    def _dated(self, observation: Observation | None) -> dt.date | None:
        if observation is None:
            return None
        if observation.as_of is not None:
            return observation.as_of
        source = self.pack.source_by_id.get(observation.source)
        return source.date if source is not None else self.pack.meta.as_of

    def rank(self, facts: Mapping[str, Answer]) -> tuple[PlatformScore, ...]:
        """The ranking alone (no notices): what batch scores for each class of answers."""
        return self.ranking(self.firing(facts))

    def firing(self, facts: Mapping[str, Answer], among: Iterable[int] | None = None) -> Firing:
        """The rules, of `among` or all, that apply on `facts`: position -> degree."""
        candidates = range(len(self.rules)) if among is None else among
        tests = self._tests
        found = {}
        for index in candidates:
            degree = tests[index](facts)
            if degree:
                found[index] = degree
        return found

    def retest(self, before: Mapping[str, Answer], after: Mapping[str, Answer]) -> set[int]:
        """The positions of the rules that may fire differently on `after` than on `before`:
        what-if re-tests just these as it moves from one scenario to the next.

        A number fact that moves from one number to another can only switch the rules with a
        number of their own on it between the two (`lt 80` changes between 79 and 80, not
        between 20 and 60), so stepping through a number's candidates in order re-tests a
        few rules per step, not every rule that reads the number. Any other change of a fact
        (a choice, a yes/no, a band, an answer that appears or goes) re-tests every rule
        that reads it.
        """
        found: set[int] = set()
        for fact in before.keys() | after.keys():
            old, new = before.get(fact), after.get(fact)
            if not _differs(old, new):
                continue
            if _plain_number(old) and _plain_number(new):
                low, high = (old, new) if old < new else (new, old)
                at, rules = self._crossings.get(fact, ((), ()))
                found.update(rules[bisect_left(at, low) : bisect_right(at, high)])
                found.update(self._unordered.get(fact, ()))
            else:
                found.update(self._readers.get(fact, ()))
        return found

    def ranking(self, fired: Firing) -> tuple[PlatformScore, ...]:
        """Scores and fits from the rules that apply, best first, ties by platform id."""
        contributions: dict[str, list[Contribution]] = {p.id: [] for p in self.pack.platforms}
        for index in sorted(fired):
            platform = self.rules[index].rule.platform
            if platform in contributions:
                contributions[platform].append(self.contribution(index, fired[index]))
        return tuple(
            sorted(
                (self._score(platform, found) for platform, found in contributions.items()),
                key=lambda s: (-s.score, s.platform),
            )
        )

    def score_of(self, tenths: int) -> int | float:
        """The score of a platform whose rules add `tenths` tenths of a point in all: the
        pack's base plus them, clamped to its range (what-if scores scenarios this way too)."""
        meta = self.pack.meta
        score = min(max(meta.score.base + tenths / FULL, meta.score.min), meta.score.max)
        score = round(score, 2)
        return int(score) if float(score).is_integer() else score

    def _score(self, platform_id: str, contributions: list[Contribution]) -> PlatformScore:
        meta = self.pack.meta
        tenths = sum(c.stated * c.degree for c in contributions)
        score = self.score_of(tenths)
        fit = (
            "unknown"
            if not contributions
            else "strong"
            if score >= meta.fit.strong
            else "moderate"
            if score >= meta.fit.moderate
            else "weak"
        )
        return PlatformScore(
            platform=platform_id,
            name=self.pack.platform_by_id[platform_id].name,
            score=score,
            fit=fit,
            contributions=tuple(contributions),
        )

    def _warnings(
        self, profile: Profile, ranking: list[PlatformScore], today: dt.date | None
    ) -> list[Notice]:
        notices: list[Notice] = []
        for question in self.pack.questions:
            value = profile.answers.get(question.id)
            named = self.named_values.get(question.id)
            if question.type != "choice" or named is None or value in named:
                continue
            if value == question.default:
                continue
            choice = next(c for c in question.choices or () if c.id == value)
            label = Text(en=question.label.en.lower(), zh=question.label.zh)
            said = say("notice.thin_evidence", label=label, choice=choice.label)
            notices.append(Notice("thin-evidence", said))
        notices.extend(
            Notice("no-rules", say("notice.no_rules", name=score.name))
            for score in ranking
            if not score.contributions
        )
        notices.extend(self._thin(ranking))
        if self.pack.meta.scope is not None:
            notices.append(Notice("scope", verbatim(self.pack.meta.scope)))
        notices.append(self._dated_notice(today))
        return notices

    def _thin(self, ranking: list[PlatformScore]) -> list[Notice]:
        """A note for each platform whose score rests on few distinct observations."""
        limit = self.pack.meta.uncertainty.thin_below
        return [
            Notice("thin-platform", say("notice.thin_platform", name=s.name, count=count))
            for s in ranking
            if s.contributions and (count := len(s.observations)) < limit
        ]

    def _dated_notice(self, today: dt.date | None) -> Notice:
        as_of = self.pack.meta.as_of
        date = as_of.isoformat()
        if today is not None and (today - as_of).days > STALE_AFTER_DAYS:
            months = (today.year - as_of.year) * 12 + today.month - as_of.month
            return Notice("stale-evidence", say("notice.stale_evidence", date=date, months=months))
        return Notice("evidence-date", say("notice.evidence_date", date=date))


def _differs(first: Answer | None, second: Answer | None) -> bool:
    """Whether a fact changed (a missing fact is None; `True == 1`, yet they differ)."""
    return first != second or type(first) is not type(second)


def _plain_number(value: Answer | None) -> TypeGuard[int | float]:
    """An int or a float other than NaN: ordered like the numbers `_change_points` lists."""
    return (value.__class__ is int or value.__class__ is float) and value == value


def _change_points(comparison: Comparison) -> tuple[float, ...] | None:
    """The numbers at which `comparison` can hold differently for two numbers either side,
    or None when it compares with something other than numbers (a choice, a yes/no: the
    checks allow that only on facts that are never numbers). A NaN operand is left out: no
    comparison with it ever changes."""
    op = comparison.op
    if not op.numeric and not all(is_number(v) for v in op.members(comparison.value)):
        return None
    return tuple(value for value in op.numbers(comparison.value) if value == value)


def _choice_label(question: Question | None, value: object) -> object:
    choices = question.choices or () if question is not None else ()
    return next((c.label for c in choices if c.id == value), show(value))


def points_at(points: int, degree: int) -> int | float:
    """A rule's `points` at `degree` tenths: whole where it applies entirely."""
    if degree == FULL:
        return points
    shown = points * degree / FULL
    return int(shown) if shown.is_integer() else shown


def evaluate(profile: Profile, pack: RulePack, *, today: dt.date | None = None) -> Evaluation:
    """Score one profile against a pack. `today` enables the stale-evidence warning."""
    return Scorer(pack).evaluate(profile, today=today)
