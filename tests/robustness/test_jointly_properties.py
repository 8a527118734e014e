"""Joint conditions against every answer: `jointly` finds an example exactly when one exists.

A small pack with each kind of question (a choice, yes/no, a whole number, a number
with a derived band) and generated and/or/not conditions over every operator, graded
ones included; a condition applies where its degree is above 0. The oracle tries every
distinct outcome of every comparison (each point where a degree can change, and a
value either side), as the tool itself did before it reasoned over spans and sets.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from merchant_cli.core.conditions import comparisons
from merchant_cli.core.models import Condition, Derived, PackMeta, Question
from merchant_cli.core.pack import RulePack
from merchant_cli.packs.jointly import Together, TooMany, example, together
from merchant_cli.packs.validation import parse
from tests.packs.test_jointly import holds, when
from tests.robustness.conftest import cases, count

SMALL = RulePack(
    meta=parse(PackMeta, {"name": "small", "version": "1", "as_of": "2025-01-01"}),
    questions=tuple(
        parse(Question, {"label": {"en": "q", "zh": "q"}, "help": {"en": "q", "zh": "q"}, **q})
        for q in (
            {"id": "kind", "type": "choice", "choices": [
                {"id": c, "label": {"en": c, "zh": c}} for c in ("a", "b", "c")]},
            {"id": "flag", "type": "boolean"},
            {"id": "count", "type": "integer", "min": 0, "max": 12},
            {"id": "price", "type": "number", "min": 0, "min_exclusive": True, "max": 50},
        )
    ),
    derived=(
        parse(Derived, {"id": "band", "from": "price", "label": {"en": "b", "zh": "b"}, "bands": [
            {"id": "low", "below": 10, "label": {"en": "l", "zh": "l"}},
            {"id": "mid", "below": 25, "label": {"en": "m", "zh": "m"}},
            {"id": "top", "label": {"en": "t", "zh": "t"}}]}),
    ),
)  # fmt: skip

_NUMBERS = st.sampled_from([-1, 0, 0.5, 1, 2.5, 3, 6, 10, 12, 24.5, 25, 40, 50, 51])


def _operand(op: str, values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    if op in ("in", "not_in"):
        return st.lists(values, min_size=1, max_size=3)
    if op == "between":
        return st.tuples(_NUMBERS, _NUMBERS).map(lambda pair: sorted(pair))
    return values


def _atom(fact: str, ops: Sequence[str], values: st.SearchStrategy[Any]) -> Any:
    return st.sampled_from(ops).flatmap(
        lambda op: _operand(op, values).map(lambda operand: {fact: {op: operand}})
    )


_ORDERED = ("lt", "lte", "gt", "gte", "between", "eq", "ne", "in", "not_in")
_NAMED = ("eq", "ne", "in", "not_in")
_POSITIVE = st.sampled_from([0.5, 2, 6, 10, 24.5, 30])
_NEAR = st.builds(
    lambda a, b, fade: {"near": {"range": sorted((a, b)), "fade": fade}},
    _POSITIVE, _POSITIVE, st.sampled_from([1.2, 1.5, 3]),
)  # fmt: skip
_GROWS = st.sampled_from([0.5, 1, 3]).map(lambda half: {"grows": {"half": half}})
_LIKE = st.dictionaries(
    st.sampled_from(["a", "b", "c", "z"]), st.sampled_from([0.02, 0.3, 1]), min_size=1
).map(lambda shares: {"like": shares})


def _graded(fact: str, comparisons: st.SearchStrategy[Any]) -> Any:
    return comparisons.map(lambda comparison: {fact: comparison})


ATOMS = st.one_of(
    _atom("kind", _NAMED, st.sampled_from(["a", "b", "c", "z"])),
    _atom("flag", _NAMED, st.booleans()),
    _atom("count", _ORDERED, _NUMBERS),
    _atom("price", _ORDERED, _NUMBERS),
    _atom("band", _NAMED, st.sampled_from(["low", "mid", "top"])),
    _graded("price", _NEAR | _GROWS),
    _graded("count", _GROWS),
    _graded("kind", _LIKE),
)
CONDITIONS = st.recursive(
    ATOMS,
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3).map(lambda parts: {"all": parts}),
        st.lists(inner, min_size=1, max_size=3).map(lambda parts: {"any": parts}),
        inner.map(lambda part: {"not": part}),
    ),
    max_leaves=6,
)


def _every_answer(conditions: Sequence[Condition]) -> Iterator[dict[str, Any]]:
    """Every distinct outcome of every comparison: each threshold and a value just either
    side of it (what the tool did before it reasoned over spans)."""
    points = {0.0, 10.0, 25.0, 50.0}
    for condition in conditions:
        for _, comparison, _ in comparisons(condition):
            points.update(comparison.op.numbers(comparison.value))
    prices = {p + d for p in points for d in (-0.005, 0, 0.005)}
    prices = {p for p in prices if 0 < p <= 50}
    for kind, flag, number, price in itertools.product(
        "abc", (True, False), range(13), sorted(prices)
    ):
        yield {"kind": kind, "flag": flag, "count": number, "price": price}


@cases(0.5)
@given(st.lists(CONDITIONS, min_size=1, max_size=3))
def test_an_example_exists_exactly_when_some_answers_satisfy_all(data: list[Any]) -> None:
    count("packs: joint conditions")
    conditions = [when(d) for d in data]
    try:
        found = example(SMALL, conditions)
    except TooMany:
        return
    if found is not None:
        assert holds(SMALL, conditions, found)
    else:
        assert not any(holds(SMALL, conditions, a) for a in _every_answer(conditions))


@cases(0.5)
@given(st.lists(CONDITIONS, min_size=2, max_size=6))
def test_together_finds_every_condition_that_meets_an_earlier_one(data: list[Any]) -> None:
    count("packs: rules citing one statement")
    conditions = [when(d) for d in data]
    found = {f.later: f for f in together(SMALL, conditions) if isinstance(f, Together)}
    for later, condition in enumerate(conditions):
        expected = any(
            example(SMALL, [conditions[earlier], condition]) is not None for earlier in range(later)
        )
        assert (later in found) == expected
        if later in found:
            pair = [conditions[found[later].earlier], condition]
            assert found[later].earlier < later and holds(SMALL, pair, found[later].answers)
