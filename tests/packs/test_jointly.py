"""Whether conditions can apply together: an example of answers, or a proof there is none."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from merchant_cli.core.conditions import compile_degree
from merchant_cli.core.models import Condition, Rule
from merchant_cli.core.pack import RulePack
from merchant_cli.packs.jointly import Together, TooComplex, TooMany, example, together
from merchant_cli.packs.validation import parse


def when(data: Any) -> Condition:
    rule = parse(
        Rule,
        {"id": "r", "platform": "p", "when": data, "points": 1, "reason": {"en": "x", "zh": "x"},
         "evidence": ["E"]},
    )  # fmt: skip
    assert rule.when is not None
    return rule.when


def holds(pack: RulePack, conditions: Sequence[Condition | None], answers: dict[str, Any]) -> bool:
    """Whether every condition applies (a degree above 0) for `answers`."""
    facts = pack.facts(answers)
    return all(compile_degree(c)(facts) > 0 for c in conditions)


NEAR = {"near": {"range": [88, 188], "fade": 1.5}}
"""Full strength from 88 to 188 yuan, fading to nothing at 58.7 and 282."""
GROWS = {"grows": {"half": 10}}


@pytest.mark.parametrize(
    ("first", "second", "overlap"),
    [
        ({"live_hours_per_week": {"gt": 0}}, {"live_hours_per_week": {"eq": 0}}, False),
        ({"live_hours_per_week": {"gt": 0}}, {"live_hours_per_week": {"gte": 10}}, True),
        ({"notes_per_week": {"between": [1, 2]}}, {"notes_per_week": {"gte": 3}}, False),
        ({"notes_per_week": {"gt": 1.5}}, {"notes_per_week": {"lt": 2}}, False),  # whole numbers
        ({"price": {"lt": 80}}, {"price_band": {"in": ["p80_100"]}}, False),
        ({"price": {"between": [88, 188]}}, {"price": {"gte": 188}}, True),
        ({"price": {"between": [88, 188]}}, {"price": {"gte": 200}}, False),
        ({"price": {"in": [10, 30]}}, {"price": {"between": [11, 29]}}, False),  # not a hull
        ({"price": {"ne": 10}}, {"price": {"between": [10, 10]}}, False),
        ({"not": {"price": {"between": [10, 20]}}}, {"price": {"between": [15, 25]}}, True),
        ({"not": {"category": {"eq": "shoes"}}}, {"category": {"in": ["shoes"]}}, False),
        (
            {"any": [{"goal": {"eq": "seeding"}}, {"merchant_type": {"eq": "boutique"}}]},
            {"all": [{"goal": {"eq": "volume"}}, {"merchant_type": {"ne": "boutique"}}]},
            False,
        ),
        ({"videos_per_week": {"gte": 3}}, {"merchant_type": {"eq": "brand"}}, True),
        ({"category": {"lt": 3}}, {"price": {"gt": 0}}, False),  # an order test needs a number
        ({"not": {"category": {"lt": 3}}}, {"category": {"eq": "shoes"}}, True),
        # graded: a rule applies wherever its degree is above 0, its fade included
        ({"price": NEAR}, {"price": {"lt": 60}}, True),
        ({"price": NEAR}, {"price": {"lt": 55}}, False),
        ({"live_hours_per_week": GROWS}, {"live_hours_per_week": {"eq": 0}}, False),
        ({"live_hours_per_week": GROWS}, {"live_hours_per_week": {"lt": 2}}, True),
        ({"category": {"like": {"shoes": 1, "bags": 0.02}}}, {"category": {"eq": "bags"}}, False),
        ({"category": {"like": {"shoes": 1, "bags": 0.5}}}, {"category": {"eq": "bags"}}, True),
        # `not` of a graded comparison applies wherever it is not full
        ({"not": {"price": NEAR}}, {"price": {"eq": 100}}, False),
        ({"not": {"price": NEAR}}, {"price": {"eq": 70}}, True),
    ],
)
def test_overlap_is_exact(pack: RulePack, first: Any, second: Any, overlap: bool) -> None:
    conditions = [when(first), when(second)]
    found = example(pack, conditions)
    assert (found is not None) == overlap
    if found is not None:
        assert holds(pack, conditions, found)


def test_always_true_conditions_overlap(pack: RulePack) -> None:
    assert example(pack, [None, None]) == {}


def test_examples_are_values_a_person_would_type(pack: RulePack) -> None:
    found = example(pack, [when({"live_hours_per_week": {"gt": 0}}), when({"price": {"lt": 5}})])
    assert found == {"live_hours_per_week": 1, "price": 1}


def _alternatives(count: int) -> Condition:
    """`count` `any`s of two questions each: 2**count cases once expanded."""
    pair = [{"goal": {"eq": "seeding"}}, {"merchant_type": {"eq": "brand"}}]
    return when({"all": [{"any": pair} for _ in range(count)]})


def test_too_many_cases_is_said(pack: RulePack) -> None:
    with pytest.raises(TooMany):
        example(pack, [_alternatives(7)])
    assert example(pack, [_alternatives(6)]) is not None


def test_together_names_each_condition_once_with_an_earlier_partner(pack: RulePack) -> None:
    conditions = [
        when({"price": {"lt": 50}}),
        when({"price": {"between": [50, 100]}}),
        when({"price": {"between": [40, 60]}}),  # meets both
        _alternatives(7),
        when({"price": {"gt": 1000}}),
        None,  # meets every one that can hold
    ]
    found = list(together(pack, conditions))
    assert [type(f).__name__ for f in found] == ["Together", "TooComplex", "Together"]
    first, complex_, last = found
    assert isinstance(first, Together) and (first.later, first.earlier) in {(2, 0), (2, 1)}
    assert complex_ == TooComplex(3)
    assert isinstance(last, Together) and last.later == 5
    for item in (first, last):
        assert isinstance(item, Together)
        assert holds(pack, [conditions[item.earlier], conditions[item.later]], item.answers)


def test_a_price_table_is_exclusive(pack: RulePack) -> None:
    table = [when({"all": [{"price": {"gte": i}}, {"price": {"lt": i + 1}}]}) for i in range(300)]
    assert list(together(pack, table)) == []


def test_conditions_that_never_hold_meet_nothing(pack: RulePack) -> None:
    never = when({"all": [{"price": {"lt": 5}}, {"price": {"gt": 6}}]})
    assert list(together(pack, [never, never, None])) == []
