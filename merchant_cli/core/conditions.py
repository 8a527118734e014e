"""Conditions as data: compile them once into plain callables, walk and describe them.

A compiled condition is a closure over the operator and operand, so scoring a
profile runs no pydantic code and no interpretation of the condition tree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from merchant_cli.core.models import All, AnyOf, Compare, Comparison, Condition, Not

Facts = Mapping[str, Any]
Predicate = Callable[[Facts], bool]


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
    holds = comparison.op.holds
    operand = comparison.op.prepare(comparison.value)
    missing = object()
    return lambda facts: (v := facts.get(fact, missing)) is not missing and holds(v, operand)


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
    return compare.comparison.op.describe(compare.fact, compare.comparison.value)


def values_named(conditions: Iterable[Condition | None]) -> dict[str, set[str]]:
    """For each fact, the values the conditions name (`eq`, `in`): what the engine's
    thin-evidence note asks of a choice answer. `coverage` also counts price bands a
    range overlaps; this needs no domain analysis, so scoring does not pay for one."""
    named: dict[str, set[str]] = {}
    for condition in conditions:
        for fact, comparison, _ in comparisons(condition):
            if comparison.op.selects:
                operand = comparison.value
                listed = operand if isinstance(operand, list) else [operand]
                named.setdefault(fact, set()).update(str(value) for value in listed)
    return named
