"""Conditions as data: compile them once into plain callables, walk and describe them.

A compiled condition is a closure over the operator and operand, so scoring a
profile runs no pydantic code and no interpretation of the condition tree.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from merchant_cli.models import All, AnyOf, Compare, Comparison, Condition, Not

Facts = Mapping[str, Any]
Predicate = Callable[[Facts], bool]

_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "lt": operator.lt,
    "lte": operator.le,
    "gt": operator.gt,
    "gte": operator.ge,
}
_SYMBOL = {"eq": "=", "ne": "!=", "lt": "<", "lte": "<=", "gt": ">", "gte": ">="}


def always(_: Facts) -> bool:
    return True


def compile_condition(condition: Condition | None) -> Predicate:
    """A predicate over facts; a fact that is absent makes its comparison false."""
    if condition is None:
        return always
    if isinstance(condition, All):
        parts = tuple(compile_condition(c) for c in condition.all)
        return lambda facts: all(p(facts) for p in parts)
    if isinstance(condition, AnyOf):
        parts = tuple(compile_condition(c) for c in condition.any)
        return lambda facts: any(p(facts) for p in parts)
    if isinstance(condition, Not):
        inner = compile_condition(condition.not_)
        return lambda facts: not inner(facts)
    return _compile_comparison(condition.fact, condition.comparison)


def _compile_comparison(fact: str, comparison: Comparison) -> Predicate:
    name = comparison.operator
    operand = comparison.operand(name)
    missing = object()
    if name in ("eq", "ne"):
        want = name == "eq"
        return lambda facts: (
            (v := facts.get(fact, missing)) is not missing and (v == operand) == want
        )
    if name in ("in", "not_in"):
        members = frozenset(operand)
        want = name == "in"
        return lambda facts: (
            (v := facts.get(fact, missing)) is not missing and (v in members) == want
        )
    if name == "between":
        low, high = operand
        return lambda facts: _is_number(v := facts.get(fact)) and low <= v <= high
    compare = _ORDER[name]
    return lambda facts: _is_number(v := facts.get(fact)) and compare(v, operand)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def comparisons(
    condition: Condition | None, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[str, Comparison, tuple[str | int, ...]]]:
    """Every comparison in a condition with its path inside the condition's YAML."""
    if condition is None:
        return
    if isinstance(condition, All):
        for index, part in enumerate(condition.all):
            yield from comparisons(part, (*path, "all", index))
    elif isinstance(condition, AnyOf):
        for index, part in enumerate(condition.any):
            yield from comparisons(part, (*path, "any", index))
    elif isinstance(condition, Not):
        yield from comparisons(condition.not_, (*path, "not"))
    else:
        yield condition.fact, condition.comparison, (*path, condition.fact)


def describe(condition: Condition | None) -> str:
    """A compact one-line rendering, e.g. `category in {shoes, bags} and price < 80`."""
    if condition is None:
        return "always"
    if isinstance(condition, All):
        return " and ".join(_group(c, All) for c in condition.all)
    if isinstance(condition, AnyOf):
        return " or ".join(_group(c, AnyOf) for c in condition.any)
    if isinstance(condition, Not):
        return f"not {_group(condition.not_, Not)}"
    return _describe_comparison(condition)


def _group(condition: Condition, parent: type) -> str:
    text = describe(condition)
    simple = isinstance(condition, Compare) or type(condition) is parent
    return text if simple else f"({text})"


def _describe_comparison(compare: Compare) -> str:
    comparison = compare.comparison
    name = comparison.operator
    operand = comparison.operand(name)
    if name in ("in", "not_in"):
        members = ", ".join(_show(v) for v in operand)
        return f"{compare.fact} {'in' if name == 'in' else 'not in'} {{{members}}}"
    if name == "between":
        return f"{_show(operand[0])} <= {compare.fact} <= {_show(operand[1])}"
    return f"{compare.fact} {_SYMBOL[name]} {_show(operand)}"


def _show(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
