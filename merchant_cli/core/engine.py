"""The scoring engine: (profile, pack) -> Evaluation. Pure: no I/O, no clock, no globals.

Each platform starts at the pack's base score; every rule whose condition holds
adds its points; the sum is clamped to the pack's range. Ties rank by platform
id so the output never depends on dictionary or file order.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from typing import TypeGuard

from merchant_cli.core.conditions import Predicate, comparisons, compile_condition, values_named
from merchant_cli.core.confidence import Confidence, Term, confidence, half_width
from merchant_cli.core.models import UNSTATED_STRENGTH, Comparison, Observation, Rule, Text
from merchant_cli.core.operators import is_number
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import Answer, Profile
from merchant_cli.core.record import Record, record
from merchant_cli.core.result import Contribution, Evaluation, Notice, PackInfo, PlatformScore
from merchant_cli.core.said import say, verbatim

STALE_AFTER_DAYS = 365


@record(kw_only=False)
class _CompiledRule(Record):
    rule: Rule
    test: Predicate
    contribution: Contribution


class Scorer:
    """A pack compiled once for scoring many profiles (conditions become callables)."""

    def __init__(self, pack: RulePack) -> None:
        self.pack = pack
        self.rules = tuple(
            _CompiledRule(rule, compile_condition(rule.when), self._contribution(rule))
            for rule in pack.rules
        )
        self.info = PackInfo(pack.meta.name, pack.meta.version, pack.meta.as_of)
        self._tests = [compiled.test for compiled in self.rules]
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

    def _contribution(self, rule: Rule) -> Contribution:
        first = self.pack.observation_by_id.get(rule.evidence[0])
        return Contribution(
            rule.id,
            rule.points,
            tuple(rule.evidence),
            rule.reason,
            quote=first.quote if first else "",
            reading=first.reading if first else None,
            strength=rule.strength,
        )

    def facts(self, answers: Mapping[str, Answer]) -> dict[str, Answer]:
        """The answers plus every derived fact (such as the price band)."""
        return self.pack.facts(answers)

    def evaluate(self, profile: Profile, *, today: dt.date | None = None) -> Evaluation:
        facts = self.facts(profile.answers)
        ranking = list(self.rank(facts))
        warnings = self._warnings(profile, ranking, today)
        silent = sum(notice.code == "thin-evidence" for notice in warnings)
        return Evaluation(
            pack=self.info,
            profile=dict(profile.answers),
            facts=facts,
            ranking=tuple(ranking),
            warnings=tuple(warnings),
            confidence=self.confidence(ranking, silent, today or self.pack.meta.as_of),
        )

    def confidence(self, ranking: list[PlatformScore], silent: int, today: dt.date) -> Confidence:
        """Each platform's chance of ranking first over every plausible weighting of its rules.

        `silent` counts the answers the evidence never addresses: each widens every
        platform's range. Older evidence and thinly evidenced platforms widen theirs.
        """
        meta = self.pack.meta
        widen = meta.uncertainty
        terms: dict[str, list[Term]] = {}
        for score in ranking:
            found = [
                Term(c.points, half_width(c.points, self._spread(c, today)))
                for c in score.contributions
            ]
            missing = max(widen.thin_below - len(score.observations), 0)
            unknown = widen.thin_spread * missing + widen.silent_spread * silent
            if unknown:
                found.append(Term(0, unknown))
            terms[score.platform] = found
        return confidence(meta.score.base, terms, meta.score.min, meta.score.max)

    def _spread(self, contribution: Contribution, today: dt.date) -> int:
        strength = self.pack.meta.strengths.get(contribution.strength or UNSTATED_STRENGTH)
        base = strength.spread if strength is not None else 0
        dates = [self._dated(self.pack.observation_by_id.get(e)) for e in contribution.evidence]
        oldest = min((d for d in dates if d is not None), default=today)
        years = max((today - oldest).days // 365, 0)
        return base + self.pack.meta.uncertainty.per_year * years

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

    def firing(
        self, facts: Mapping[str, Answer], among: Iterable[int] | None = None
    ) -> frozenset[int]:
        """The positions (in pack order) of the rules, of `among` or all, that fire on `facts`."""
        candidates = range(len(self.rules)) if among is None else among
        tests = self._tests
        return frozenset(i for i in candidates if tests[i](facts))

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

    def ranking(self, fired: Iterable[int]) -> tuple[PlatformScore, ...]:
        """Scores and fits from the rules that fired, best first, ties by platform id."""
        contributions: dict[str, list[Contribution]] = {p.id: [] for p in self.pack.platforms}
        for index in sorted(fired):
            compiled = self.rules[index]
            if compiled.rule.platform in contributions:
                contributions[compiled.rule.platform].append(compiled.contribution)
        return tuple(
            sorted(
                (self._score(platform, fired) for platform, fired in contributions.items()),
                key=lambda s: (-s.score, s.platform),
            )
        )

    def score_of(self, points: float) -> int | float:
        """The score of a platform whose fired rules carry `points` in all: the pack's base
        plus them, clamped to its range (what-if computes scenarios' scores this way too)."""
        meta = self.pack.meta
        score = min(max(meta.score.base + points, meta.score.min), meta.score.max)
        return int(score) if float(score).is_integer() else round(score, 2)

    def _score(self, platform_id: str, contributions: list[Contribution]) -> PlatformScore:
        meta = self.pack.meta
        score = self.score_of(sum(c.points for c in contributions))
        fit = (
            "strong"
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
    operand = comparison.value
    listed = operand if isinstance(operand, list | tuple) else (operand,)
    if not all(is_number(value) for value in listed):
        return None
    return tuple(value for value in listed if value == value)


def evaluate(profile: Profile, pack: RulePack, *, today: dt.date | None = None) -> Evaluation:
    """Score one profile against a pack. `today` enables the stale-evidence warning."""
    return Scorer(pack).evaluate(profile, today=today)
