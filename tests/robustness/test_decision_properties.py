"""What a consultant must be able to defend, checked over a grid of merchants and the
built-in pack: more capacity never lowers the platform it serves, one statement moves a
platform once, steps appear only where their premise holds, and the confidence is a
probability that treats ties and clear leads as they are."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from merchant_cli.core.engine import Scorer
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import build_profile
from merchant_cli.core.strategy import recommend
from merchant_cli.packs.loader import builtin_pack_dir, load_pack
from tests.robustness.conftest import cases, count

PRICES = (24.9, 80, 150, 188, 200, 999)
CATEGORIES = ("womens_apparel", "shoes", "kids_apparel", "outdoor_sports", "mens_apparel", "beauty")
"""Every category a rule names, and one it never does."""
TYPES = ("cluster_factory", "brand", "boutique", "not_specified")
GOALS = ("seeding", "volume", "not_specified")
LEVELS = {
    "notes_per_week": (0, 1, 2, 3, 5, 10, 50),
    "videos_per_week": (0, 1, 2, 3, 5, 10, 50),
    "live_hours_per_week": (0, 0.5, 1, 9.5, 10, 20, 40, 168),
}
SERVES = {  # capacity -> the platforms it must never lower
    "notes_per_week": ("xiaohongshu",),
    "videos_per_week": ("douyin",),
    "live_hours_per_week": ("douyin", "taobao"),
}
TODAY = dt.date(2026, 11, 26)


def _bases(varying: str) -> Iterator[dict[str, Any]]:
    """Every merchant of the grid with `varying` left out (3 levels of each other capacity)."""
    others = [k for k in LEVELS if k != varying]
    for category, price, kind, goal in itertools.product(CATEGORIES, PRICES, TYPES, GOALS):
        for first, second in itertools.product(LEVELS[others[0]][::3], LEVELS[others[1]][::3]):
            yield {
                "category": category, "price": price, "merchant_type": kind, "goal": goal,
                others[0]: first, others[1]: second,
            }  # fmt: skip


def _scores(scorer: Scorer, answers: dict[str, Any]) -> dict[str, float]:
    profile = build_profile(scorer.pack, answers)
    return {s.platform: s.score for s in scorer.rank(scorer.facts(profile.answers))}


@pytest.mark.parametrize("capacity", sorted(SERVES))
def test_more_capacity_never_lowers_the_platform_it_serves(pack: RulePack, capacity: str) -> None:
    scorer = Scorer(pack)
    checked = 0
    for base in _bases(capacity):
        previous: dict[str, float] | None = None
        for level in LEVELS[capacity]:
            scores = _scores(scorer, {**base, capacity: level})
            if previous is not None:
                for platform in SERVES[capacity]:
                    assert scores[platform] >= previous[platform], (base, capacity, level)
            previous = scores
            checked += 1
    assert checked > 10_000
    assert set(CATEGORIES) <= {c.id for c in pack.question_by_id["category"].choices or ()}


def test_one_statement_moves_a_platform_once(pack: RulePack) -> None:
    scorer = Scorer(pack)
    for base in _bases("notes_per_week"):
        for notes in (0, 3):
            profile = build_profile(pack, {**base, "notes_per_week": notes})
            for score in scorer.rank(scorer.facts(profile.answers)):
                cited = [e for c in score.contributions for e in c.evidence]
                assert len(cited) == len(set(cited)), (base, score.platform, cited)


def test_steps_and_cautions_only_where_their_premise_holds(pack: RulePack) -> None:
    """Cluster copy and factory-floor steps for cluster factories only; a caution about the
    copy the article reports wherever the report puts it forward (a step, a pairing or a
    peer citing A15-room, A16-copy or A17), and nowhere else; the outdoor price step only
    under 80 yuan.
    No step recommends the copy itself: only the cautions name it."""
    scorer = Scorer(pack)
    cluster_steps = {"A16-copy", "A15-room", "A17"}
    practices = {"A15-room", "A16-copy", "A17"}
    risky = ("一票难买", "韩单", "外贸货", "大牌平替", "明星款")
    for base in itertools.islice(_bases("notes_per_week"), 0, None, 7):
        answers = {**base, "notes_per_week": 3}
        evaluation = scorer.evaluate(build_profile(pack, answers), today=TODAY)
        found = recommend(pack, evaluation)
        stepped = {e for step in found.steps for e in step.evidence}
        if answers["merchant_type"] != "cluster_factory":
            assert not stepped & cluster_steps, (answers, stepped & cluster_steps)
        drawn = stepped | {e for peer in found.peers if peer.platform in found.offered
                           for e in peer.evidence}  # fmt: skip
        cautioned = {e for risk in found.risks for e in risk.evidence}
        assert ("L01" in cautioned) == bool(drawn & practices), answers
        texts = [step.text.en + step.text.zh for step in found.steps]
        assert not any(word in text for text in texts for word in risky)
        if "A14" in stepped:
            assert answers["category"] == "outdoor_sports" and answers["price"] < 80


def test_confidence_is_a_probability_that_respects_ties_and_leads(pack: RulePack) -> None:
    scorer = Scorer(pack)
    ties = 0
    for base in itertools.islice(_bases("notes_per_week"), 0, None, 5):
        evaluation = scorer.evaluate(
            build_profile(pack, {**base, "notes_per_week": 3}), today=TODAY
        )
        found = evaluation.confidence
        assert found is not None
        assert abs(sum(found.first.values()) - 1) < 1e-9
        assert all(0 <= p <= 1 for p in found.first.values())
        first, second = evaluation.ranking[0], evaluation.ranking[1]
        if first.score == second.score:
            ties += 1
            assert found.first[first.platform] <= 0.75
        if first.score - second.score >= 15:
            assert found.first[first.platform] >= 0.8
        low, high = found.ranges[first.platform]
        assert low <= first.score <= high
    assert ties


def test_the_same_merchant_gets_the_same_confidence(pack: RulePack) -> None:
    answers = {"category": "shoes", "price": 24.9, "notes_per_week": 0, "videos_per_week": 2,
               "live_hours_per_week": 40, "merchant_type": "cluster_factory"}  # fmt: skip
    runs = {
        repr(Scorer(pack).evaluate(build_profile(pack, answers), today=TODAY).confidence)
        for _ in range(3)
    }
    assert len(runs) == 1


def test_what_if_changes_only_what_a_merchant_can_act_on(pack: RulePack) -> None:
    from merchant_cli.core.whatif import what_if

    scorer = Scorer(pack)
    levers = {q.id for q in pack.questions if q.lever is not None}
    assert levers == {"price", "notes_per_week", "videos_per_week", "live_hours_per_week", "goal"}
    for base in itertools.islice(_bases("notes_per_week"), 0, None, 97):
        evaluation = scorer.evaluate(build_profile(pack, {**base, "notes_per_week": 1}))
        for scenario in what_if(scorer, evaluation):
            assert set(scenario.values) <= levers
            cuts = [c for c in scenario.changes if c.cut]
            assert all(pack.question_by_id[c.question].lever == "more" for c in cuts)


ARTICLE_MERCHANTS: tuple[dict[str, Any], ...] = (
    {"category": "shoes", "price": 24.9, "notes_per_week": 0, "videos_per_week": 2,
     "live_hours_per_week": 40, "merchant_type": "cluster_factory"},  # 十三行
    {"category": "shoes", "price": 24.9, "notes_per_week": 0, "videos_per_week": 0,
     "live_hours_per_week": 20},  # 优遇家
    {"category": "womens_apparel", "price": 138, "notes_per_week": 3, "videos_per_week": 3,
     "live_hours_per_week": 30, "merchant_type": "cluster_factory"},  # 澜怡织鹿
    {"category": "shoes", "price": 199, "notes_per_week": 1, "videos_per_week": 2,
     "live_hours_per_week": 20, "merchant_type": "cluster_factory"},  # 桑坡
    {"category": "womens_apparel", "price": 299, "notes_per_week": 5, "videos_per_week": 2,
     "live_hours_per_week": 0, "merchant_type": "boutique"},  # YANN-like
    {"category": "outdoor_sports", "price": 59, "notes_per_week": 5, "videos_per_week": 2,
     "live_hours_per_week": 0},  # A14's outdoor merchant
)  # fmt: skip
NAMED_EDGES = {"outdoor_sports": (80, 100)}
"""The only price thresholds the article names (A14): a step across one may move anything."""
SWING = 0.2


def _chances(scorer: Scorer, answers: dict[str, Any]) -> dict[str, float]:
    found = scorer.evaluate(build_profile(scorer.pack, answers), today=scorer.pack.meta.as_of)
    assert found.confidence is not None
    return dict(found.confidence.first)


def _swing(scorer: Scorer, answers: dict[str, Any], key: str, low: float, high: float) -> float:
    before = _chances(scorer, {**answers, key: low})
    after = _chances(scorer, {**answers, key: high})
    return max(abs(after[p] - before[p]) for p in before)


@cases(weight=2)
@given(
    st.sampled_from(ARTICLE_MERCHANTS),
    st.sampled_from(GOALS),
    st.integers(20, 449),
    st.integers(0, 119),
)
def test_no_step_of_a_yuan_or_half_an_hour_swings_a_chance_by_more_than_0_2(
    merchant: dict[str, Any], goal: str, price: int, half_hours: int
) -> None:
    """Evidence applies by degree: no answer flips at an edge the article never drew. Only a
    step across a threshold the article names (A14's 80 and 100 yuan) may move more."""
    count("decision: continuity")
    scorer = _scorer()
    answers = {**merchant, "goal": goal}
    edges = NAMED_EDGES.get(merchant["category"], ())
    if not any(price < edge <= price + 1 for edge in edges):
        assert _swing(scorer, answers, "price", price, price + 1) <= SWING, (answers, price)
    hours = half_hours / 2
    assert _swing(scorer, answers, "live_hours_per_week", hours, hours + 0.5) <= SWING, hours


@cache
def _scorer() -> Scorer:
    return Scorer(load_pack(builtin_pack_dir()))
