"""Properties of the scoring engine over generated merchant profiles and altered packs."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from merchant_cli.core.conditions import compile_degree
from merchant_cli.core.engine import Scorer, evaluate
from merchant_cli.core.models import Question, Rule
from merchant_cli.core.operators import FULL
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import Profile, build_profile
from merchant_cli.core.result import Evaluation
from merchant_cli.packs.loader import builtin_pack_dir, load_pack
from tests.robustness.conftest import cases, count

PACK = load_pack(builtin_pack_dir())
SCORE = PACK.meta.score
SCORER = Scorer(PACK)
"""Compiled once: building a Scorer costs far more than scoring one profile."""


def answer(question: Question) -> st.SearchStrategy[Any]:
    """Any valid answer to `question`, drawn from its definition in the pack."""
    if question.type == "choice":
        return st.sampled_from([c.id for c in question.choices or ()])
    if question.type == "boolean":
        return st.booleans()
    low = question.min if question.min is not None else -1e6
    high = question.max if question.max is not None else 1e6
    if question.type == "integer":
        return st.integers(int(low) + int(question.min_exclusive), int(high))
    return st.floats(low, high, exclude_min=question.min_exclusive, allow_nan=False)


def profiles(pack: RulePack = PACK) -> st.SearchStrategy[Profile]:
    """Valid profiles: every required question answered, optional ones sometimes."""
    required = {q.id: answer(q) for q in pack.questions if q.required}
    optional = {q.id: answer(q) for q in pack.questions if not q.required}
    answers = st.fixed_dictionaries(required, optional=optional)
    return answers.map(lambda given: build_profile(pack, given))


def extra_rules(points: st.SearchStrategy[int]) -> st.SearchStrategy[Rule]:
    """A new rule for some platform, with the condition of an existing rule or none."""
    template = PACK.rules[0]
    return st.builds(
        lambda platform, when, value: dataclasses.replace(
            template, id="zz-generated", platform=platform, when=when, points=value
        ),
        st.sampled_from([p.id for p in PACK.platforms]),
        st.sampled_from([None, *(r.when for r in PACK.rules)]),
        points,
    )


def with_rule(pack: RulePack, rule: Rule) -> RulePack:
    return dataclasses.replace(pack, rules=(*pack.rules, rule))


def scores(result: Evaluation) -> dict[str, float]:
    return {s.platform: s.score for s in result.ranking}


@cases()
@given(profiles())
def test_scores_stay_within_the_pack_range(profile: Profile) -> None:
    count("engine: score range")
    for entry in SCORER.evaluate(profile).ranking:
        assert SCORE.min <= entry.score <= SCORE.max
        assert entry.fit in {"strong", "moderate", "weak", "unknown"}


@cases()
@given(profiles(), st.randoms(use_true_random=False))
def test_the_same_profile_always_gives_the_same_result(profile: Profile, rnd: Any) -> None:
    count("engine: determinism")
    shuffled = list(profile.answers.items())
    rnd.shuffle(shuffled)
    first = SCORER.evaluate(profile)
    assert first == SCORER.evaluate(profile)
    assert first == Scorer(PACK).evaluate(profile)
    assert first.ranking == SCORER.evaluate(Profile(dict(shuffled))).ranking


@cases()
@given(profiles())
def test_ranking_is_by_score_then_platform_id(profile: Profile) -> None:
    count("engine: ranking order")
    ranking = SCORER.evaluate(profile).ranking
    assert [(-s.score, s.platform) for s in ranking] == sorted(
        (-s.score, s.platform) for s in ranking
    )
    assert {s.platform for s in ranking} == {p.id for p in PACK.platforms}


@cases()
@given(
    profiles(), st.lists(st.integers(-100, 100), min_size=len(PACK.rules), max_size=len(PACK.rules))
)
def test_each_score_is_the_clamped_sum_of_its_contributions(
    profile: Profile, points: list[int]
) -> None:
    count("engine: clamped sum")
    rules = tuple(dataclasses.replace(r, points=p) for r, p in zip(PACK.rules, points, strict=True))
    result = evaluate(profile, dataclasses.replace(PACK, rules=rules))
    for entry in result.ranking:
        total = SCORE.base + sum(c.stated * c.degree for c in entry.contributions) / FULL
        assert entry.score == pytest.approx(min(max(total, SCORE.min), SCORE.max), abs=1e-9)
        found = entry.contributions
        assert all(c.points == pytest.approx(c.stated * c.degree / FULL) for c in found)
        assert all(
            c.rule in {r.id for r in rules if r.platform == entry.platform}
            for c in entry.contributions
        )


@cases()
@given(profiles(), extra_rules(st.integers(1, 100)))
def test_a_positive_rule_never_lowers_its_platform(profile: Profile, rule: Rule) -> None:
    count("engine: positive rule")
    before = scores(SCORER.evaluate(profile))
    after = evaluate(profile, with_rule(PACK, rule))
    assert scores(after)[rule.platform] >= before[rule.platform]
    others = {p: s for p, s in scores(after).items() if p != rule.platform}
    assert others == {p: s for p, s in before.items() if p != rule.platform}
    fired = next(s for s in after.ranking if s.platform == rule.platform).contributions
    applies = compile_degree(rule.when)(SCORER.facts(profile.answers)) > 0
    assert (rule.id in {c.rule for c in fired}) == applies


@cases()
@given(profiles(), extra_rules(st.integers(-100, -1)))
def test_a_negative_rule_never_raises_its_platform(profile: Profile, rule: Rule) -> None:
    count("engine: negative rule")
    before = scores(SCORER.evaluate(profile))
    assert scores(evaluate(profile, with_rule(PACK, rule)))[rule.platform] <= before[rule.platform]
