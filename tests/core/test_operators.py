"""The condition language, operator by operator: one table, known to every consumer."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import pytest

from merchant_cli.core.conditions import comparisons, compile_condition, compile_degree, describe
from merchant_cli.core.constraints import alias
from merchant_cli.core.models import OPERATORS, Comparison
from merchant_cli.core.operators import OPERATORS as TABLE
from merchant_cli.core.pack import RulePack
from merchant_cli.packs.coverage import addressed_values
from merchant_cli.packs.domains import admitted, fact_domains
from merchant_cli.packs.jointly import example
from merchant_cli.reporters.conditions import condition_text
from tests.conftest import when

SAMPLES: dict[str, tuple[str, Any]] = {
    "eq": ("category", "shoes"),
    "ne": ("category", "shoes"),
    "in": ("category", ["shoes", "bags"]),
    "not_in": ("category", ["shoes", "bags"]),
    "lt": ("price", 80),
    "lte": ("price", 80),
    "gt": ("price", 80),
    "gte": ("price", 80),
    "between": ("price", [88, 188]),
    "near": ("price", {"range": [88, 188], "fade": 1.5}),
    "grows": ("live_hours_per_week", {"half": 10}),
    "like": ("category", {"shoes": 1, "bags": 0.5}),
}


def test_the_schema_has_a_field_for_every_operator_in_the_table() -> None:
    assert set(OPERATORS) == set(TABLE) == set(SAMPLES)
    assert {alias(f.name) for f in fields(Comparison)} == set(TABLE)
    for name, op in TABLE.items():
        assert op.name == name
        assert op.negation is None or TABLE[op.negation].negation == name


@pytest.mark.parametrize("name", sorted(TABLE))
def test_every_consumer_knows_every_operator(pack: RulePack, name: str) -> None:
    fact, operand = SAMPLES[name]
    condition = when({fact: {name: operand}})
    answer = (
        operand[0] if isinstance(operand, list)
        else next(iter(operand)) if name == "like"
        else 100 if isinstance(operand, dict)
        else operand
    )  # fmt: skip
    assert isinstance(compile_condition(condition)({fact: answer}), bool)
    assert fact in describe(condition)
    for lang in ("en", "zh"):
        assert pack.question_by_id[fact].label.get(lang) in condition_text(pack, condition, lang)
    domains = fact_domains(pack)
    for negate in (False, True):
        admitted(pack, domains, fact, next(comparisons(condition))[1], negate)
    list(addressed_values(pack, condition))
    found = example(pack, [condition])
    assert found is None or compile_degree(condition)(pack.facts(found)) > 0  # applies at all
    op = TABLE[name]
    read = next(comparisons(condition))[1].value  # as read: a graded operand is a record
    if not op.graded:
        assert op.numbers(read) == tuple(
            float(v) for v in (operand if isinstance(operand, list) else [operand])
            if isinstance(v, int | float)
        )  # fmt: skip
    if op.numeric:
        assert op.sides(read) and op.span(read) is not None


@pytest.mark.parametrize(
    ("data", "facts", "holds"),
    [
        ({"category": {"eq": "shoes"}}, {"category": "shoes"}, True),
        ({"category": {"eq": "shoes"}}, {"category": "bags"}, False),
        ({"category": {"ne": "shoes"}}, {"category": "bags"}, True),
        ({"category": {"ne": "shoes"}}, {}, False),  # a missing answer fails every comparison
        ({"category": {"eq": "shoes"}}, {}, False),
        ({"category": {"in": ["shoes", "bags"]}}, {"category": "bags"}, True),
        ({"category": {"not_in": ["shoes", "bags"]}}, {"category": "bags"}, False),
        ({"category": {"not_in": ["shoes", "bags"]}}, {}, False),
        ({"price": {"lt": 80}}, {"price": 79.99}, True),
        ({"price": {"lt": 80}}, {"price": 80}, False),
        ({"price": {"lte": 80}}, {"price": 80}, True),
        ({"price": {"gt": 80}}, {"price": 80}, False),
        ({"price": {"gte": 80}}, {"price": 80}, True),
        ({"price": {"between": [88, 188]}}, {"price": 88}, True),  # both ends included
        ({"price": {"between": [88, 188]}}, {"price": 188}, True),
        ({"price": {"between": [88, 188]}}, {"price": 87.99}, False),
        ({"price": {"between": [88, 188]}}, {"price": 188.01}, False),
        ({"price": {"lt": 80}}, {"price": "cheap"}, False),  # order needs a number
        ({"price": {"lt": 80}}, {"price": True}, False),  # and a bool is not one
        ({"price": {"lt": 80}}, {}, False),
        ({"all": [{"price": {"gt": 0}}, {"category": {"eq": "shoes"}}]},
         {"price": 1, "category": "shoes"}, True),  # fmt: skip
        ({"any": [{"price": {"gt": 100}}, {"category": {"eq": "shoes"}}]}, {"price": 1}, False),
        ({"not": {"category": {"eq": "shoes"}}}, {}, True),  # not of a missing answer
    ],
)
def test_what_each_operator_means(data: Any, facts: dict[str, Any], holds: bool) -> None:
    assert compile_condition(when(data))(facts) is holds


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ({"category": {"eq": "shoes"}}, "category = shoes"),
        ({"category": {"ne": "shoes"}}, "category != shoes"),
        ({"category": {"in": ["shoes", "bags"]}}, "category in {shoes, bags}"),
        ({"category": {"not_in": ["shoes"]}}, "category not in {shoes}"),
        ({"price": {"lt": 80.0}}, "price < 80"),
        ({"price": {"lte": 80.5}}, "price <= 80.5"),
        ({"price": {"gt": 0}}, "price > 0"),
        ({"price": {"gte": 200}}, "price >= 200"),
        ({"price": {"between": [88, 188]}}, "88 <= price <= 188"),
        ({"all": [{"price": {"gt": 0}}, {"any": [{"goal": {"eq": "x"}}, {"goal": {"eq": "y"}}]}]},
         "price > 0 and (goal = x or goal = y)"),  # fmt: skip
        ({"any": [{"all": [{"a": {"eq": 1}}, {"b": {"eq": 2}}]}, {"c": {"eq": 3}}]},
         "(a = 1 and b = 2) or c = 3"),  # fmt: skip
        ({"not": {"any": [{"a": {"eq": 1}}, {"b": {"eq": 2}}]}}, "not (a = 1 or b = 2)"),
        ({"not": {"a": {"eq": 1}}}, "not a = 1"),
    ],
)
def test_describe_writes_every_shape(data: Any, text: str) -> None:
    assert describe(when(data)) == text


def test_comparison_paths_name_the_yaml_they_come_from() -> None:
    condition = when({"all": [{"price": {"gt": 0}}, {"not": {"any": [{"goal": {"eq": "x"}}]}}]})
    assert [path for _, _, path in comparisons(condition)] == [
        ("all", 0, "price"),
        ("all", 1, "not", "any", 0, "goal"),
    ]
