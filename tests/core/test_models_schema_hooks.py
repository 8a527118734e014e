"""The models' pydantic hooks (`Limits`, `Compare`, `TaggedUnion`), each through a new
TypeAdapter.

pydantic calls a `__get_pydantic_core_schema__` hook only while it builds an adapter,
and the tool builds each adapter once per process (`validation.adapter`). A test that
went through that cache would exercise the hooks only if it happened to run first;
these build their own adapters, so every hook runs under them: reading each condition
shape, refusing what the limits forbid, writing a condition back and describing it in
the JSON Schema.
"""

from __future__ import annotations

from typing import Any

import pydantic
import pytest
from pydantic import TypeAdapter

from merchant_cli.core.models import All, AnyOf, Compare, Comparison, Not, PackFile, Rule, to_data

TEXT = {"en": "x", "zh": "y"}
WHEN = {
    "all": [
        {"any": [{"price": {"lt": 80}}, {"not": {"category": {"in": ["shoes", "bags"]}}}]},
        {"live": {"eq": True}},
    ]
}


def _rule(**extra: Any) -> dict[str, Any]:
    return {"id": "r-1", "platform": "p", "points": 5, "reason": TEXT, "evidence": ["E1"], **extra}


def _refusal(data: dict[str, Any]) -> list[dict[str, Any]]:
    with pytest.raises(pydantic.ValidationError) as caught:
        TypeAdapter(Rule).validate_python(data)
    return [dict(error) for error in caught.value.errors()]


def test_a_new_adapter_reads_every_condition_shape() -> None:
    rule = TypeAdapter(Rule).validate_python(_rule(when=WHEN))
    assert isinstance(rule.when, All) and len(rule.when.all) == 2
    either, live = rule.when.all
    assert isinstance(either, AnyOf) and live == Compare("live", Comparison(eq=True))
    cheap, other = either.any
    assert cheap == Compare("price", Comparison(lt=80))
    assert isinstance(other, Not)
    assert other.not_ == Compare("category", Comparison(in_=["shoes", "bags"]))
    assert to_data(rule.when) == WHEN


def test_a_new_adapter_applies_the_limits() -> None:
    assert TypeAdapter(Rule).validate_python(_rule(id="a" * 80)).id == "a" * 80
    assert [e["type"] for e in _refusal(_rule(id="a" * 81))] == ["string_too_long"]
    assert [e["type"] for e in _refusal(_rule(id="R-1"))] == ["string_pattern_mismatch"]
    assert [e["type"] for e in _refusal(_rule(points=101))] == ["less_than_equal"]
    assert [e["type"] for e in _refusal(_rule(evidence=[]))] == ["too_short"]
    assert [e["type"] for e in _refusal(_rule(reason={"en": "", "zh": "y"}))] == [
        "string_too_short"
    ]


def test_a_new_adapter_refuses_a_comparison_of_two_facts() -> None:
    errors = _refusal(_rule(when={"a": {"lt": 1}, "b": {"lt": 2}}))
    assert [e["type"] for e in errors] == ["value_error"]
    assert "names exactly one question" in errors[0]["msg"]
    assert _refusal(_rule(when={"Price": {"lt": 1}}))[0]["type"] == "string_pattern_mismatch"
    assert _refusal(_rule(when={"price": {"lt": "x"}}))[0]["type"] == "float_type"


def test_a_new_adapter_writes_a_condition_back_as_it_was_read() -> None:
    adapter = TypeAdapter(Rule)
    dumped = adapter.dump_python(adapter.validate_python(_rule(when={"price": {"gte": 3}})))
    assert list(dumped["when"]) == ["price"] and dumped["when"]["price"]["gte"] == 3


def test_the_schema_describes_a_comparison_as_a_mapping_of_one_fact() -> None:
    schema = TypeAdapter(PackFile).json_schema(by_alias=True)
    assert schema["$defs"]["Compare"] == {
        "title": "Compare",
        "description": Compare.__doc__,
        "type": "object",
        "patternProperties": {"^[a-z][a-z0-9_]*$": {"$ref": "#/$defs/Comparison"}},
        "propertyNames": {"maxLength": 64},
    }
    rule = schema["$defs"]["Rule"]["properties"]
    assert rule["id"]["maxLength"] == 80 and rule["id"]["pattern"] == "^[a-z0-9][a-z0-9_.-]*$"
    assert (rule["points"]["minimum"], rule["points"]["maximum"]) == (-100, 100)
