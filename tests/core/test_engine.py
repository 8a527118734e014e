"""The engine: scores, clamping, ties, determinism, traced contributions, warnings."""

from __future__ import annotations

import dataclasses
import datetime as dt

from merchant_cli.core.engine import Scorer, evaluate
from merchant_cli.core.models import Rule, Score
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import build_profile
from merchant_cli.core.said import say
from merchant_cli.packs.validation import parse
from merchant_cli.reporters.messages import worded

SHOE_FACTORY = {
    "category": "shoes", "price": 24.9, "notes_per_week": 0, "videos_per_week": 2,
    "live_hours_per_week": 40, "merchant_type": "cluster_factory",
}  # fmt: skip


def _rule(rule_id: str, platform: str, points: int, when: object = None) -> Rule:
    return parse(Rule, {
        "id": rule_id, "platform": platform, "points": points, "when": when, "strength": "report",
        "reason": {"en": "r", "zh": "理由"}, "evidence": ["A21"],
    })  # fmt: skip


def test_scores_are_base_plus_points_of_fired_rules(pack: RulePack) -> None:
    result = evaluate(build_profile(pack, SHOE_FACTORY), pack)
    base = pack.meta.score.base
    for score in result.ranking:
        total = base + sum(c.points for c in score.contributions)
        assert score.score == min(max(total, 0), 100)


def test_every_contribution_cites_existing_evidence(pack: RulePack) -> None:
    result = evaluate(build_profile(pack, SHOE_FACTORY), pack)
    contributions = [c for s in result.ranking for c in s.contributions]
    assert contributions
    for contribution in contributions:
        assert contribution.evidence
        assert all(e in pack.observation_by_id for e in contribution.evidence)


def test_cluster_shoe_factory_ranks_douyin_first(pack: RulePack) -> None:
    result = evaluate(build_profile(pack, SHOE_FACTORY), pack)
    assert result.top.platform == "douyin"
    assert result.facts["price_band"] == "under_25"


def test_scores_are_clamped_to_the_pack_range(pack: RulePack) -> None:
    extremes = (_rule("huge-plus", "douyin", 100), _rule("huge-minus", "taobao", -100))
    boosted = dataclasses.replace(pack, rules=(*pack.rules, *extremes))
    result = evaluate(build_profile(boosted, SHOE_FACTORY), boosted)
    scores = {s.platform: s.score for s in result.ranking}
    assert scores["douyin"] == 100
    assert scores["taobao"] == 0


def test_ties_are_broken_by_platform_id(pack: RulePack) -> None:
    bare = dataclasses.replace(pack, rules=())
    result = evaluate(build_profile(bare, SHOE_FACTORY), bare)
    assert [s.platform for s in result.ranking] == ["douyin", "taobao", "xiaohongshu"]
    assert {s.score for s in result.ranking} == {pack.meta.score.base}
    assert any(n.code == "no-rules" for n in result.warnings)


def test_fit_bands_follow_thresholds(pack: RulePack) -> None:
    meta = dataclasses.replace(pack.meta, score=Score(base=65, min=0, max=100))
    flat = dataclasses.replace(pack, rules=(), meta=meta)
    result = evaluate(build_profile(flat, SHOE_FACTORY), flat)
    assert {s.fit for s in result.ranking} == {"unknown"}  # no evidence: no band at any score
    ruled = dataclasses.replace(pack, meta=meta)
    found = evaluate(build_profile(ruled, SHOE_FACTORY), ruled)
    assert {s.fit for s in found.ranking} == {"strong"}  # every platform has evidence here


def test_same_input_same_result(pack: RulePack) -> None:
    profile = build_profile(pack, SHOE_FACTORY)
    scorer = Scorer(pack)
    assert scorer.evaluate(profile) == scorer.evaluate(profile) == evaluate(profile, pack)


def test_conditions_with_all_any_not(pack: RulePack) -> None:
    when = {"all": [
        {"price": {"between": [20, 30]}},
        {"any": [{"category": {"eq": "bags"}}, {"category": {"in": ["shoes"]}}]},
        {"not": {"live_hours_per_week": {"lt": 10}}},
    ]}  # fmt: skip
    extended = dataclasses.replace(pack, rules=(_rule("combo", "taobao", 1, when),))
    fired = evaluate(build_profile(extended, SHOE_FACTORY), extended)
    assert [c.rule for s in fired.ranking for c in s.contributions] == ["combo"]
    quiet = build_profile(extended, {**SHOE_FACTORY, "live_hours_per_week": 5})
    assert not [c for s in evaluate(quiet, extended).ranking for c in s.contributions]


def test_thin_evidence_category_is_flagged(pack: RulePack) -> None:
    beauty = build_profile(pack, {**SHOE_FACTORY, "category": "beauty"})
    codes = [n.code for n in evaluate(beauty, pack).warnings]
    assert "thin-evidence" in codes
    shoes = evaluate(build_profile(pack, SHOE_FACTORY), pack)
    assert "thin-evidence" not in [n.code for n in shoes.warnings]


def test_evidence_date_is_always_stated_and_staleness_needs_today(pack: RulePack) -> None:
    profile = build_profile(pack, SHOE_FACTORY)
    fresh = evaluate(profile, pack, today=pack.meta.as_of + dt.timedelta(days=30))
    stale = evaluate(profile, pack, today=dt.date(2026, 11, 26))
    assert [n.code for n in fresh.warnings][-1] == "evidence-date"
    notice = stale.warnings[-1]
    assert notice.code == "stale-evidence"
    assert notice.said == say("notice.stale_evidence", date="2025-01-16", months=22)
    assert "2025-01-16" in worded(notice.said, "en") and "22 months" in worded(notice.said, "en")
