"""Conditions as data: compile them once into plain callables, walk and describe them.

A compiled condition is a closure over the operator and operand, so scoring a
profile runs no pydantic code and no interpretation of the condition tree.

A condition holds to a degree, in whole tenths (`operators.FULL` when it holds
entirely): sharp comparisons give 0 or FULL, graded ones anything between. `all`
multiplies its parts' degrees (the chance that independent parts all apply),
rounding the product once to a tenth; `any` takes the best part; `not` the rest
of FULL. For a yes or no (a step, a caution, a question that applies), a
condition holds from half strength (`operators.HALF`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from merchant_cli.core.models import All, AnyOf, Compare, Comparison, Condition, Not
from merchant_cli.core.operators import FULL, HALF

Facts = Mapping[str, Any]
Predicate = Callable[[Facts], bool]
Degree = Callable[[Facts], int]


def always(_: Facts) -> bool:
    return True


def whole(_: Facts) -> int:
    return FULL


def compile_degree(condition: Condition | None) -> Degree:
    """How far the condition holds on facts, 0..FULL; a fact that is absent makes its
    comparison 0."""
    if condition is None:
        return whole
    if isinstance(condition, All):
        return _product(tuple(compile_degree(c) for c in condition.all))
    if isinstance(condition, AnyOf):
        parts = tuple(compile_degree(c) for c in condition.any)
        return lambda facts: max(p(facts) for p in parts)
    if isinstance(condition, Not):
        inner = compile_degree(condition.not_)
        return lambda facts: FULL - inner(facts)
    return _compile_comparison(condition.fact, condition.comparison)


def _product(parts: tuple[Degree, ...]) -> Degree:
    def degree(facts: Facts) -> int:
        product, partial = FULL, 0
        for part in parts:
            found = part(facts)
            if found == 0:
                return 0
            if found != FULL:
                product = product * found if partial else found
                partial += 1
        if partial <= 1:
            return product
        scale: int = FULL ** (partial - 1)
        return (2 * product + scale) // (2 * scale)  # rounded once, a half up

    return degree


def compile_condition(condition: Condition | None) -> Predicate:
    """Whether the condition holds (to half strength at least) on facts."""
    if condition is None:
        return always
    degree = compile_degree(condition)
    return lambda facts: degree(facts) >= HALF


def _compile_comparison(fact: str, comparison: Comparison) -> Degree:
    test = comparison.op.degree
    operand = comparison.op.prepare(comparison.value)
    missing = object()
    return lambda facts: 0 if (v := facts.get(fact, missing)) is missing else test(v, operand)


def limiting(condition: Condition | None, facts: Facts) -> tuple[int, Compare | None]:
    """The degree of `condition` on `facts`, and the graded comparison that keeps it below
    FULL (through the best part of an `any`, the weakest of an `all`), if one does: what a
    report names when evidence applies to a merchant only in part."""
    if condition is None:
        return FULL, None
    if isinstance(condition, Compare):
        degree = compile_degree(condition)(facts)
        return degree, condition if condition.comparison.op.graded and degree < FULL else None
    if isinstance(condition, Not):
        return compile_degree(condition)(facts), None
    if isinstance(condition, AnyOf):
        return max((limiting(c, facts) for c in condition.any), key=lambda found: found[0])
    parts = [limiting(c, facts) for c in condition.all]
    weakest = min(
        (found for found in parts if found[1] is not None),
        key=lambda found: found[0],
        default=(FULL, None),
    )
    return compile_degree(condition)(facts), weakest[1]


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
                listed = comparison.op.members(comparison.value)
                named.setdefault(fact, set()).update(str(value) for value in listed)
    return named
