"""The domain analysis behind "this rule can never fire": sound, never a false alarm."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from merchant_cli.core.conditions import values_named
from merchant_cli.core.models import Condition
from merchant_cli.core.pack import RulePack
from merchant_cli.packs.coverage import addressed_values
from merchant_cli.packs.domains import Interval, impossible_parts
from merchant_cli.packs.loader import builtin_pack_dir, load_pack
from merchant_cli.packs.validation import parse
from tests.conftest import DATA

BASE = DATA / "packs" / "base"


@pytest.fixture(scope="module")
def base() -> RulePack:
    return load_pack(BASE)


def _messages(pack: RulePack, condition: Any) -> list[str]:
    return [p.message for p in impossible_parts(pack, parse(Condition, condition))]


def test_interval_emptiness() -> None:
    assert Interval(1, 1).empty is False
    assert Interval(1, 1, low_open=True).empty is True
    assert Interval(2, 3, True, True, integer=True).empty is True
    assert Interval(2, 4, True, True, integer=True).empty is False
    assert (Interval(low=0, low_open=True) & Interval(high=0)).empty is True


@pytest.mark.parametrize(
    "condition",
    [
        {"price": {"gt": 0}},
        {"all": [{"price": {"gte": 50}}, {"price_band": {"eq": "high"}}]},
        {"any": [{"price": {"lt": 10}}, {"price": {"gt": 100}}]},
        {"not": {"price": {"between": [10, 20]}}},
        {"all": [{"category": {"ne": "shoes"}}, {"category": {"eq": "bags"}}]},
    ],
)
def test_satisfiable_conditions_are_not_reported(base: RulePack, condition: Any) -> None:
    assert _messages(base, condition) == []


NEVER = "can never hold: the questions allow only"
CONTRADICTS = "in the same `all`: the condition can never hold"


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ({"not": {"price": {"gt": 0}}}, f"`not price > 0` {NEVER} price > 0"),
        (
            {"category": {"not_in": ["shoes", "bags"]}},
            f"`category not in {{shoes, bags}}` {NEVER} category in {{bags, shoes}}",
        ),
        (
            {"all": [{"category": {"eq": "bags"}}, {"all": [{"category": {"eq": "shoes"}}]}]},
            f"`category = shoes` contradicts `category = bags` {CONTRADICTS}",
        ),
        (
            {"all": [{"price_band": {"eq": "high"}}, {"not": {"price": {"gte": 20}}}]},
            f"`not price >= 20` contradicts `price_band = high` {CONTRADICTS}",
        ),
    ],
)
def test_impossible_conditions_are_reported(base: RulePack, condition: Any, message: str) -> None:
    assert _messages(base, condition) == [message]


def test_builtin_rules_all_can_fire() -> None:
    pack = load_pack(builtin_pack_dir())
    assert [p for rule in pack.rules for p in impossible_parts(pack, rule.when)] == []


def test_values_named_lists_only_values_rules_name(base: RulePack, tmp_path: Path) -> None:
    """What the engine's thin-evidence note asks; a price range names no value, though
    `rules coverage` counts the bands it overlaps as addressed."""
    assert values_named(r.when for r in base.rules) == {"category": {"shoes"}}
    (tmp_path / "cheap.yaml").write_text(
        "rules:\n  - {id: cheap, platform: beta, when: {price: {lt: 30}}, points: 1, "
        "strength: report, "
        "reason: {en: x, zh: x}, evidence: [B01]}\n",
        encoding="utf-8",
    )
    pack = load_pack(BASE, [tmp_path])
    assert values_named(r.when for r in pack.rules) == {"category": {"shoes"}}
    cheap = pack.rule_by_id["cheap"].when
    assert ("price_band", "low") in set(addressed_values(pack, cheap))


def test_whole_number_ranges_open_to_infinity_are_not_empty() -> None:
    assert not Interval(low=-math.inf, high=3, integer=True).empty
    assert not Interval(low=0, high=math.inf, integer=True).empty
    assert Interval(low=math.inf, high=math.inf, integer=True).empty
