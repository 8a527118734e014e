"""Whether conditions can hold together: an example of answers, or a proof there is none."""

from __future__ import annotations

from typing import Any

import pytest

from merchant_cli.core.models import Condition
from merchant_cli.core.pack import RulePack
from merchant_cli.packs.jointly import TooMany, example
from merchant_cli.packs.validation import parse


def _when(data: Any) -> Condition:
    from merchant_cli.core.models import Rule

    rule = parse(
        Rule,
        {"id": "r", "platform": "p", "when": data, "points": 1, "reason": {"en": "x", "zh": "x"},
         "evidence": ["E"]},
    )  # fmt: skip
    assert rule.when is not None
    return rule.when


@pytest.mark.parametrize(
    ("first", "second", "overlap"),
    [
        ({"live_hours_per_week": {"gt": 0}}, {"live_hours_per_week": {"eq": 0}}, False),
        ({"live_hours_per_week": {"gt": 0}}, {"live_hours_per_week": {"gte": 10}}, True),
        ({"notes_per_week": {"between": [1, 2]}}, {"notes_per_week": {"gte": 3}}, False),
        ({"price": {"lt": 80}}, {"price_band": {"in": ["p80_100"]}}, False),
        ({"price": {"between": [88, 188]}}, {"price": {"gte": 188}}, True),
        ({"price": {"between": [88, 188]}}, {"price": {"gte": 200}}, False),
        ({"not": {"category": {"eq": "shoes"}}}, {"category": {"in": ["shoes"]}}, False),
        (
            {"any": [{"goal": {"eq": "seeding"}}, {"merchant_type": {"eq": "boutique"}}]},
            {"all": [{"goal": {"eq": "volume"}}, {"merchant_type": {"ne": "boutique"}}]},
            False,
        ),
        ({"videos_per_week": {"gte": 3}}, {"merchant_type": {"eq": "brand"}}, True),
    ],
)
def test_overlap_is_exact(pack: RulePack, first: Any, second: Any, overlap: bool) -> None:
    found = example(pack, [_when(first), _when(second)])
    assert (found is not None) == overlap
    if found is not None:
        facts = pack.facts(found)
        from merchant_cli.core.conditions import compile_condition

        assert compile_condition(_when(first))(facts) and compile_condition(_when(second))(facts)


def test_always_true_conditions_overlap(pack: RulePack) -> None:
    assert example(pack, [None, None]) == {}


def test_too_many_combinations_is_said(pack: RulePack, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("merchant_cli.packs.jointly.MAX_TRIES", 10)
    with pytest.raises(TooMany):
        example(pack, [_when({"category": {"eq": "shoes"}}), _when({"price": {"lt": 5}})])
