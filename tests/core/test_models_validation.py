"""The pack models' own checks and helpers (`core.models`), one shape at a time.

A rule file is only as safe as these checks: each `__post_init__` refuses a shape the
engine would misread, and `to_data`, `condition_kind` and the pydantic hooks decide how
a pack is read and written back. Each test validates the smallest data that shows one
check holding at its edge and failing just past it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pydantic
import pytest

from merchant_cli.core.models import (
    OPERATORS,
    All,
    AnyOf,
    Band,
    Case,
    Compare,
    Comparison,
    Derived,
    Fit,
    Not,
    Observation,
    PackMeta,
    Question,
    Rule,
    Score,
    Source,
    Strength,
    Text,
    _default_strengths,
    condition_kind,
    to_data,
)
from merchant_cli.core.operators import OPERATORS as OPERATOR_TABLE
from merchant_cli.packs.validation import adapter, parse

TEXT = {"en": "x", "zh": "y"}


def _error(kind: Any, data: Any) -> str:
    with pytest.raises(pydantic.ValidationError) as caught:
        parse(kind, data)
    return str(caught.value)


def _refused(kind: Any, data: Any) -> str:
    """The one message pydantic gives for `data`, as a user reads it."""
    with pytest.raises(pydantic.ValidationError) as caught:
        parse(kind, data)
    (error,) = caught.value.errors()
    message: str = error["msg"]
    return message.removeprefix("Value error, ")


def test_text_is_shown_in_the_run_language() -> None:
    text = Text(en="e", zh="z")
    assert (text.get("zh"), text.get("en"), text.get("fr")) == ("z", "e", "e")
    assert "at least 1 character" in _error(Text, {"en": "", "zh": "z"})
    assert "Unexpected keyword argument" in _error(Text, {"en": "e", "zh": "z", "fr": "f"})


@pytest.mark.parametrize("name", OPERATORS)
def test_each_operator_is_read_from_its_key(name: str) -> None:
    operand: Any = {
        "in": ["a"], "not_in": ["a"], "between": [1, 2], "near": {"range": [1, 2], "fade": 1.5},
        "grows": {"half": 1}, "like": {"a": 1},
    }.get(name, 1)  # fmt: skip
    comparison = parse(Comparison, {name: operand})
    assert comparison.operator == name and comparison.op is OPERATOR_TABLE[name]
    assert comparison.operand(name) == comparison.value
    assert to_data(comparison) == {name: list(operand) if name == "between" else operand}


def test_a_comparison_needs_exactly_one_operator() -> None:
    assert OPERATORS == tuple(OPERATOR_TABLE) and OPERATORS[0] == "eq"
    listed = ", ".join(OPERATORS)
    with pytest.raises(ValueError) as none:
        Comparison()
    assert str(none.value) == f"a comparison needs exactly one operator of {listed}; got none"
    with pytest.raises(ValueError) as two:
        Comparison(lt=1, in_=["a"])
    assert str(two.value) == f"a comparison needs exactly one operator of {listed}; got in, lt"
    assert Comparison(in_=["a"]).value == ["a"] and Comparison(in_=["a"]).operator == "in"
    assert Comparison(eq=False).operator == "eq"  # False is an operand, not a missing one


def test_between_may_be_one_point_but_not_empty() -> None:
    assert Comparison(between=(3.0, 3.0)).value == (3.0, 3.0)
    with pytest.raises(ValueError, match=r"^between \[4\.0, 3\.0\] is an empty range$"):
        Comparison(between=(4.0, 3.0))


def test_a_compare_names_exactly_one_fact() -> None:
    comparison = Comparison(lt=80)
    compare = Compare.of({"price": comparison})
    assert (compare.fact, compare.comparison) == ("price", comparison)
    assert compare.to_mapping() == {"price": comparison}
    message = "a comparison names exactly one question, e.g. {price: {lt: 80}}"
    for wrong in ({}, {"a": comparison, "b": comparison}):
        with pytest.raises(ValueError) as caught:
            Compare.of(wrong)
        assert str(caught.value) == message


def test_conditions_are_read_by_their_one_key_and_written_back() -> None:
    data = {
        "all": [
            {"any": [{"price": {"lt": 80}}, {"not": {"category": {"eq": "shoes"}}}]},
            {"live": {"eq": True}},
        ]
    }
    rule = parse(
        Rule,
        {
            "id": "r",
            "platform": "p",
            "points": 1,
            "reason": TEXT,
            "evidence": ["E1"],
            "when": data,
        },
    )
    assert isinstance(rule.when, All)
    first = rule.when.all[0]
    assert isinstance(first, AnyOf) and isinstance(first.any[1], Not)
    assert isinstance(first.any[0], Compare) and first.any[0].fact == "price"
    assert to_data(rule.when) == data
    assert "exactly one question" in _error(
        Rule, {**_rule(), "when": {"a": {"lt": 1}, "b": {"lt": 1}}}
    )
    assert "pattern" in _error(Rule, {**_rule(), "when": {"Bad": {"lt": 1}}})


def _rule(**extra: Any) -> dict[str, Any]:
    return {"id": "r", "platform": "p", "points": 1, "reason": TEXT, "evidence": ["E1"], **extra}


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ({"all": []}, "all"),
        ({"any": []}, "any"),
        ({"not": {}}, "not"),
        ({"price": {"lt": 1}}, "compare"),
        ({"all": [], "any": []}, "compare"),
        ({1: 2}, "compare"),
        ("text", "compare"),
        (All(all=[]), "all"),
        (AnyOf(any=[]), "any"),
        (Not(not_=Compare("a", Comparison(lt=1))), "not"),
        (Compare("a", Comparison(lt=1)), "compare"),
    ],
)
def test_condition_kind(value: Any, kind: str) -> None:
    assert condition_kind(value) == kind


def test_score_fit_and_strength_refuse_inverted_ranges() -> None:
    assert Score(min=10, base=10, max=10).base == 10
    for bad in ({"min": 11, "base": 10, "max": 20}, {"min": 0, "base": 21, "max": 20}):
        with pytest.raises(ValueError, match=r"^score needs min <= base <= max$"):
            Score(**bad)
    assert (Score().base, Score().min, Score().max) == (50, 0, 100)
    assert Fit(strong=50, moderate=50).strong == 50 and (Fit().strong, Fit().moderate) == (65, 45)
    with pytest.raises(ValueError, match=r"^fit\.moderate must not exceed fit\.strong$"):
        Fit(strong=50, moderate=51)
    assert Strength(points=(3, 3), spread=0).points == (3, 3)
    with pytest.raises(ValueError, match=r"^strength points \[low, high\] needs low <= high$"):
        Strength(points=(4, 3), spread=0)
    assert "less than or equal to 100" in _error(Strength, {"points": [0, 101], "spread": 1})
    assert "greater than or equal to 0" in _error(Strength, {"points": [0, 1], "spread": -1})


def test_a_pack_without_strengths_gets_the_usual_three() -> None:
    assert _default_strengths() == {
        "figure": Strength(points=(0, 100), spread=1),
        "report": Strength(points=(0, 100), spread=2),
        "opinion": Strength(points=(0, 100), spread=3),
    }
    meta = parse(PackMeta, {"name": "n", "version": "1", "as_of": "2025-01-02"})
    assert meta.strengths == _default_strengths() and meta.as_of == dt.date(2025, 1, 2)
    assert (meta.close_call, meta.alongside, meta.uncertainty.thin_below) == (3, 8, 3)


def _question(**extra: Any) -> dict[str, Any]:
    return {"id": "price", "type": "number", "label": TEXT, "help": TEXT, **extra}


def test_question_shapes() -> None:
    choice = {"type": "choice", "choices": [{"id": "a", "label": TEXT}]}
    assert parse(Question, _question(**choice)).choices is not None
    only = "`choices` is required for type choice and only allowed there"
    assert _refused(Question, _question(type="choice")) == only
    assert _refused(Question, _question(choices=[{"id": "a", "label": TEXT}])) == only
    assert "min/max do not apply to a boolean question" in _error(
        Question, _question(type="boolean", min=1)
    )
    assert "min/max do not apply to a choice question" in _error(
        Question, _question(**choice, max=1)
    )
    assert parse(Question, _question(min=5, max=5)).max == 5
    assert parse(Question, _question(min=5)).min == 5 and parse(Question, _question(max=5)).max == 5
    assert _refused(Question, _question(min=6, max=5)) == "min must not exceed max"
    assert "pattern" in _error(Question, _question(flag="-p"))


def test_question_option_and_required() -> None:
    question = parse(Question, _question(id="notes_per_week"))
    assert question.option == "--notes-per-week" and question.required
    flagged = parse(Question, _question(flag="--cost", default=3))
    assert flagged.option == "--cost" and not flagged.required
    assert not parse(Question, _question(default=0)).required


def _derived(*bands: dict[str, Any]) -> dict[str, Any]:
    return {"id": "band", "from": "price", "label": TEXT, "bands": list(bands)}


def test_derived_bands_need_increasing_bounds_and_an_open_last() -> None:
    derived = parse(
        Derived,
        _derived(
            {"id": "low", "label": TEXT, "below": 50},
            {"id": "mid", "label": TEXT, "below": 100},
            {"id": "high", "label": TEXT},
        ),
    )
    assert derived.from_ == "price"
    assert [derived.band_of(v) for v in (-1, 49.9, 50, 99, 100, 1e9)] == [
        "low",
        "low",
        "mid",
        "mid",
        "high",
        "high",
    ]
    assert parse(Derived, _derived({"id": "all", "label": TEXT})).band_of(5) == "all"
    last = "every band but the last needs `below`; the last has none"
    assert _refused(Derived, _derived({"id": "a", "label": TEXT, "below": 5})) == last
    assert (
        _refused(Derived, _derived({"id": "a", "label": TEXT}, {"id": "b", "label": TEXT})) == last
    )
    increase = "band bounds (`below`) must increase"
    for bounds in ((5, 5), (6, 5)):
        bands = [{"id": f"b{n}", "label": TEXT, "below": b} for n, b in enumerate(bounds)]
        assert _refused(Derived, _derived(*bands, {"id": "top", "label": TEXT})) == increase
    assert parse(Band, {"id": "b", "label": TEXT}).below is None


def test_ids_follow_their_patterns() -> None:
    assert "pattern" in _error(
        Source, {"id": "Bad", "outlet": "o", "title": "t", "date": "2025-01-01"}
    )
    assert "at most 64" in _error(Question, _question(id="a" * 65))
    assert parse(Question, _question(id="a" * 64)).id == "a" * 64
    observation = {
        "id": "A1",
        "platforms": ["p"],
        "summary": TEXT,
        "quote": "q",
        "source": "s",
    }
    assert parse(Observation, observation).reading is None
    assert "at most 240" in _error(Observation, {**observation, "quote": "q" * 241})
    assert "at least 1" in _error(Observation, {**observation, "platforms": []})
    assert "less than or equal to 100" in _error(Rule, _rule(points=101))
    assert parse(Rule, _rule(points=-100)).points == -100


def test_to_data_writes_yaml_keys_and_leaves_out_unset_fields() -> None:
    case = parse(
        Case,
        {
            "name": "c1",
            "profile": {"price": 3, "live": True},
            "expect": {"top": "p", "scores": {"p": [1, 2]}},
        },
    )
    data = to_data(case)
    assert data["name"] == "c1" and "description" not in data
    assert data["profile"] == {"price": 3, "live": True}
    assert data["expect"]["top"] == "p" and data["expect"]["scores"] == {"p": [1, 2]}
    assert data["expect"]["top_in"] == [] and "order" not in data["expect"]
    source = parse(Source, {"id": "s", "outlet": "o", "title": "t", "date": "2025-01-02"})
    assert to_data(source) == {"id": "s", "outlet": "o", "title": "t", "date": "2025-01-02"}
    derived = parse(Derived, _derived({"id": "all", "label": TEXT}))
    assert to_data(derived) == {
        "id": "band",
        "from": "price",
        "label": TEXT,
        "bands": [{"id": "all", "label": TEXT}],
    }
    assert to_data(Comparison(not_in=["a", "b"])) == {"not_in": ["a", "b"]}
    assert to_data(Comparison(in_=["a"])) == {"in": ["a"]}
    assert to_data(Source) is Source  # a class is left as it is


def test_a_condition_is_written_back_in_its_yaml_shape() -> None:
    """pydantic writes a comparison as `{fact: comparison}`, the shape it was read from."""
    rule = parse(Rule, _rule(when={"price": {"lt": 80}}))
    dumped = adapter(Rule).dump_python(rule)
    assert list(dumped["when"]) == ["price"] and dumped["when"]["price"]["lt"] == 80
    schema = adapter(Rule).json_schema(mode="serialization")["$defs"]["Compare"]
    assert schema["title"] == "Compare" and schema["description"] == Compare.__doc__
