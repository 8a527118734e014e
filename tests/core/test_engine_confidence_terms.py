"""The engine's confidence inputs: each fired rule's spread from its strength and the age of
its evidence, and the widening for thin and silent evidence, against `confidence` by hand."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from merchant_cli.core.confidence import METHOD, Term, confidence, half_width, quantile, rounded
from merchant_cli.core.engine import evaluate
from merchant_cli.core.models import Observation, PackMeta, Platform, Rule, Source
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import Profile
from merchant_cli.packs.validation import parse

TEXT = {"en": "x", "zh": "x"}
AS_OF = dt.date(2025, 1, 16)
SOURCE_DATE = dt.date(2024, 6, 1)


def _rule(ident: str, platform: str, points: int, evidence: list[str], **extra: Any) -> Rule:
    return parse(Rule, {
        "id": ident, "platform": platform, "points": points, "reason": TEXT,
        "evidence": evidence, **extra,
    })  # fmt: skip


def _observation(ident: str, **extra: Any) -> Observation:
    return parse(Observation, {
        "id": ident, "platforms": ["alpha"], "summary": TEXT, "quote": "q", "source": "s1",
        **extra,
    })  # fmt: skip


def _pack(rules: list[Rule], **meta: Any) -> RulePack:
    return RulePack(
        meta=parse(
            PackMeta,
            {
                "name": "t",
                "version": "1",
                "as_of": AS_OF.isoformat(),
                "strengths": {
                    "firm": {"points": [0, 100], "spread": 1},
                    "report": {"points": [0, 100], "spread": 3},
                },
                **meta,
            },
        ),  # fmt: skip
        sources=(
            parse(
                Source, {"id": "s1", "outlet": "o", "title": "t", "date": SOURCE_DATE.isoformat()}
            ),
        ),  # fmt: skip
        platforms=tuple(
            parse(Platform, {"id": p, "name": {"en": p, "zh": p}}) for p in ("alpha", "beta")
        ),
        observations=(
            _observation("E1"),  # dated by its source
            _observation("E2", as_of="2023-01-01"),  # older than its source
            _observation("E3", source="gone"),  # no such source: the pack's date
        ),
        rules=tuple(rules),
    )


def _expected(pack: RulePack, terms: dict[str, list[Term]]) -> Any:
    score = pack.meta.score
    return confidence(score.base, terms, score.min, score.max)


def _held(dated: dt.date, today: dt.date, half_life: float = 24) -> float:
    """The chance a claim reported on `dated` still holds `today` (halving every half-life)."""
    return float(0.5 ** (max((today - dated).days, 0) / (365.25 / 12) / half_life))


@pytest.mark.parametrize(
    ("evidence", "strength", "today", "half", "dated"),
    [
        (["E1"], "firm", SOURCE_DATE, 1, SOURCE_DATE),  # no age: it holds
        (["E1"], "firm", SOURCE_DATE + dt.timedelta(days=365), 1, SOURCE_DATE),
        (["E1"], "firm", SOURCE_DATE + dt.timedelta(days=730), 1, SOURCE_DATE),
        (["E1"], "firm", SOURCE_DATE - dt.timedelta(days=400), 1, None),  # never a negative age
        (["E1", "E2"], "firm", dt.date(2025, 1, 1), 1, SOURCE_DATE),  # the latest report counts
        (["E3"], "firm", AS_OF + dt.timedelta(days=365), 1, AS_OF),  # no source: the pack's date
        (["E9"], "firm", AS_OF + dt.timedelta(days=800), 1, None),  # no observation: no age
        (["E1"], None, SOURCE_DATE, 3, SOURCE_DATE),  # no strength stated: `report`
        (["E1"], "unknown", SOURCE_DATE, 0, SOURCE_DATE),  # a strength the pack lacks: no spread
    ],
)
def test_a_fired_rule_keeps_its_strengths_spread_and_holds_less_as_it_ages(
    evidence: list[str], strength: str | None, today: dt.date, half: int, dated: dt.date | None
) -> None:
    extra = {} if strength is None else {"strength": strength}
    pack = _pack([_rule("r", "alpha", 5, evidence, **extra)],
                 uncertainty={"thin_below": 0, "silent_spread": 0})  # fmt: skip
    found = evaluate(Profile({}), pack, today=today).confidence
    held = 1.0 if dated is None else _held(dated, today)
    term = Term(5, half, 1.0, evidence[0], held)
    assert found == _expected(pack, {"alpha": [term], "beta": []})


def test_a_kind_of_claim_ages_at_its_own_half_life() -> None:
    fast = _observation("E4", kind="policy")
    pack = dataclasses.replace(
        _pack([_rule("r", "alpha", 5, ["E4"], strength="firm")],
              uncertainty={"thin_below": 0, "half_lives": {"policy": 6}}),  # fmt: skip
        observations=(fast,),
    )
    today = SOURCE_DATE + dt.timedelta(days=365)
    found = evaluate(Profile({}), pack, today=today).confidence
    term = Term(5, 1, 1.0, "E4", _held(SOURCE_DATE, today, half_life=6))
    assert found == _expected(pack, {"alpha": [term], "beta": []})


def test_without_today_the_evidence_is_aged_to_the_packs_date() -> None:
    pack = _pack([_rule("r", "alpha", 5, ["E2"], strength="firm")],
                 uncertainty={"thin_below": 0})  # fmt: skip
    found = evaluate(Profile({}), pack).confidence  # 2023-01-01 to 2025-01-16
    term = Term(5, 1, 1.0, "E2", _held(dt.date(2023, 1, 1), AS_OF))
    assert found == _expected(pack, {"alpha": [term], "beta": []})


@pytest.mark.parametrize(
    ("thin_below", "alpha", "beta"),
    [(0, [], []), (1, [], [Term(0, 3)]), (2, [], [Term(0, 6)]), (3, [Term(0, 3)], [Term(0, 9)])],
)
def test_thin_evidence_widens_by_each_missing_observation(
    thin_below: int, alpha: list[Term], beta: list[Term]
) -> None:
    """alpha rests on two observations (E1, E3), beta on none; each one short of
    `thin_below` adds 3 points of spread around no change."""
    rules = [_rule("r", "alpha", 3, ["E1"], strength="firm"),
             _rule("s", "alpha", 3, ["E1", "E3"], strength="firm")]  # fmt: skip
    pack = _pack(rules, uncertainty={"thin_below": thin_below, "thin_spread": 3})
    found = evaluate(Profile({}), pack, today=SOURCE_DATE).confidence
    assert found == _expected(pack, {"alpha": [Term(3, 1), Term(3, 1), *alpha], "beta": beta})
    assert found is not None and found.method == METHOD


def test_half_width_never_exceeds_the_points_nor_falls_below_zero() -> None:
    assert [half_width(p, s) for p, s in [(5, 0), (5, 2), (2, 5), (-4, 3), (3, -2), (0, 4)]] == [
        0, 2, 2, 3, 0, 0,
    ]  # fmt: skip


def test_a_quantile_is_the_first_value_whose_running_total_reaches_it() -> None:
    assert quantile({0: 0.1, 1: 0.9}, 0.1) == 0
    assert quantile({0: 0.05, 1: 0.05, 2: 0.9}, 0.1) == 1
    assert quantile({0: 0.05, 1: 0.04, 2: 0.91}, 0.1) == 2
    assert quantile({3: 0.5, 1: 0.5}, 0.9) == 3


def test_rounding_gives_the_spare_unit_to_the_largest_remainder() -> None:
    found = rounded({"a": 0.50001, "b": 0.24997, "c": 0.25002})
    assert found == {"a": 0.5, "b": 0.25, "c": 0.25}  # b: 2499.7 rounds up
    assert rounded({"b": 0.5, "a": 0.5}) == {"b": 0.5, "a": 0.5}
    assert rounded({"b": 1 / 3, "a": 1 / 3, "c": 1 / 3}) == {"b": 0.3333, "a": 0.3334, "c": 0.3333}
