"""Graded comparisons: an example's reach (`near`), capacity with diminishing returns
(`grows`), choices partly like the example (`like`), and how `all`, `any` and `not`
combine degrees. A degree is a whole number of tenths."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from merchant_cli.core.conditions import compile_condition, compile_degree, limiting
from merchant_cli.core.models import Compare, Comparison, Condition
from merchant_cli.core.operators import FULL, HALF, OPERATORS
from merchant_cli.packs.validation import parse
from tests.conftest import when

NEAR = {"price": {"near": {"range": [88, 188], "fade": 1.5}}}
GROWS = {"live_hours_per_week": {"grows": {"half": 10}}}
LIKE = {"category": {"like": {"shoes": 1, "bags": 0.5, "kids_apparel": 0.04}}}


def _degree(data: Any, facts: dict[str, Any]) -> int:
    return compile_degree(when(data))(facts)


@pytest.mark.parametrize(
    ("price", "degree"),
    [
        (88, 10), (138, 10), (188, 10),  # the example's own range: full strength
        (189, 10),  # a yuan past it is 99% like it
        (220, 6),  # ln(220/188)/ln(1.5) = 0.39 of the fade: 61%
        (260, 2),
        (281, 0), (282, 0), (1000, 0),  # 1.5 x 188: nothing left
        (59, 0), (70, 4), (85, 9),  # the low side, the same on a log scale
        (0.01, 0),
    ],
)  # fmt: skip
def test_near_fades_on_a_log_scale_beyond_the_examples_range(price: float, degree: int) -> None:
    assert _degree(NEAR, {"price": price}) == degree


@pytest.mark.parametrize(
    ("hours", "degree"),
    [(0, 0), (0.5, 0), (1, 1), (2, 1), (5, 3), (10, 5), (20, 8), (40, 9), (43.3, 10), (168, 10)],
)
def test_grows_gives_diminishing_returns(hours: float, degree: int) -> None:
    assert _degree(GROWS, {"live_hours_per_week": hours}) == degree


def test_like_gives_each_choice_its_share_and_others_nothing() -> None:
    assert [_degree(LIKE, {"category": c}) for c in ("shoes", "bags", "kids_apparel", "home")] == [
        10, 5, 0, 0,
    ]  # fmt: skip
    assert _degree(LIKE, {"category": True}) == 0  # not a choice at all


def test_a_graded_comparison_of_something_other_than_a_number_is_nothing() -> None:
    assert _degree(NEAR, {"price": "cheap"}) == 0
    assert _degree(NEAR, {"price": True}) == 0
    assert _degree(NEAR, {"price": math.nan}) == 0
    assert _degree(NEAR, {}) == 0


def test_all_multiplies_and_rounds_once_any_takes_the_best_not_the_rest() -> None:
    half = {"category": {"like": {"bags": 0.5}}}
    facts = {"category": "bags", "price": 220, "live_hours_per_week": 20}
    assert _degree({"all": [half, NEAR]}, facts) == 3  # 0.5 x 0.6 = 0.30
    assert _degree({"all": [half, half]}, facts) == 3  # 0.25 rounds half up
    assert _degree({"all": [half, NEAR, GROWS]}, facts) == 2  # 0.5 x 0.6 x 0.8 = 0.24
    assert _degree({"all": [{"price": {"gt": 0}}, NEAR]}, facts) == 6  # sharp parts are 1
    assert _degree({"any": [half, NEAR, GROWS]}, facts) == 8
    assert _degree({"not": NEAR}, facts) == 4


def test_a_yes_or_no_holds_from_half_strength() -> None:
    assert compile_condition(when(NEAR))({"price": 230}) is True  # 5 tenths
    assert compile_condition(when(NEAR))({"price": 250}) is False  # 3 tenths
    assert HALF * 2 == FULL


def test_the_comparison_that_keeps_a_condition_below_full_strength_is_named() -> None:
    condition = when({"any": [
        {"all": [{"category": {"eq": "shoes"}}, NEAR]},
        {"all": [{"category": {"eq": "bags"}}, GROWS]},
    ]})  # fmt: skip
    degree, leaf = limiting(condition, {"category": "shoes", "price": 220})
    assert degree == 6 and isinstance(leaf, Compare) and leaf.fact == "price"
    assert limiting(condition, {"category": "shoes", "price": 100}) == (FULL, None)


@given(st.floats(0.01, 5000, allow_nan=False), st.sampled_from([NEAR, GROWS]))
def test_a_degree_changes_only_at_the_operators_change_points(value: float, data: Any) -> None:
    """Batch classes, what-if and joint search rely on it: between two neighbouring
    change points every value has the same degree."""
    condition = when(data)
    assert isinstance(condition, Compare)
    op, operand = condition.comparison.op, condition.comparison.value
    points = sorted(op.numbers(operand))
    below = max((p for p in points if p <= value), default=None)
    fact = condition.fact
    low = 0.0 if below is None else below
    assert compile_degree(condition)({fact: value}) == compile_degree(condition)({fact: low})


def test_graded_operands_are_checked() -> None:
    with pytest.raises(ValueError, match="empty range"):
        parse(Comparison, {"near": {"range": [188, 88], "fade": 1.5}})
    for bad in (
        {"near": {"range": [88, 188], "fade": 1}},
        {"near": {"range": [0, 5], "fade": 2}},
        {"grows": {"half": 0}},
        {"like": {"shoes": 0}},
        {"like": {"shoes": 1.5}},
    ):
        with pytest.raises(ValueError):
            parse(Comparison, bad)


def test_graded_operators_are_graded_and_have_no_single_negation() -> None:
    for name in ("near", "grows", "like"):
        assert OPERATORS[name].graded and OPERATORS[name].negation is None
    condition: Condition = when(LIKE)
    assert isinstance(condition, Compare)
    assert condition.comparison.op.members(condition.comparison.value) == (
        "shoes", "bags", "kids_apparel",
    )  # fmt: skip
