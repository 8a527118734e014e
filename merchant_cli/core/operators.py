"""The condition language's comparison operators, each defined once.

Every module that reads a comparison asks this table, never the operator's
name: the engine (`holds`), descriptions (`describe`), the domain analysis
(`span`, `negation`), what-if (`sides`), batch classes and joint-condition
search (`numbers`), coverage (`selects`) and the checks (`numeric`). Adding an
operator is one entry here plus its field on `models.Comparison`; a test runs
every consumer over every operator.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial
from typing import Any

from merchant_cli.core.record import Record, record

Span = tuple[float, float, bool, bool]
"""Numbers for which a comparison holds, as one interval: (low, high, low_open, high_open)."""
Side = tuple[str, float]
"""Where what-if looks for a flip: `upper` when the threshold itself is on the upper side of
the test (`lt`, `gte`), `lower` when on the lower side (`lte`, `gt`), `both` for equality."""


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def show(value: Any) -> str:
    """A value as conditions are written: `80`, not `80.0`."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _listed(operand: Any) -> tuple[Any, ...]:
    return tuple(operand) if isinstance(operand, list | tuple) else (operand,)


@record(kw_only=False)
class Operator(Record):
    """One operator: how it tests a value, how it reads, what it means for the analyses."""

    name: str
    numeric: bool
    """Compares numbers only (`lt`, `between` ...); the others compare any answer."""
    selects: bool
    """Names the values it accepts (`eq`, `in`): a rule with it addresses those choices."""
    negation: str | None
    """The operator that holds exactly when this one does not, if there is a single one."""
    prepare: Callable[[Any], Any]
    """The operand as the test uses it (a frozenset for `in`), computed once per rule."""
    holds: Callable[[Any, Any], bool]
    """(answer, prepared operand) -> whether the comparison holds; the answer is present."""
    describe: Callable[[str, Any], str]
    """(fact, operand) -> the comparison as `rules list` writes it."""
    span: Callable[[Any], Span | None]
    """The numbers it admits as one interval, or None when they are not one interval."""
    sides: Callable[[Any], tuple[Side, ...]]
    """The thresholds a numeric answer can cross to change the outcome."""

    def numbers(self, operand: Any) -> tuple[float, ...]:
        """Every number in the operand: the thresholds batch classes and joint search try."""
        return tuple(float(v) for v in _listed(operand) if is_number(v))


def _same(operand: Any) -> Any:
    return operand


def _symbol(symbol: str, fact: str, operand: Any) -> str:
    return f"{fact} {symbol} {show(operand)}"


def _members(word: str, fact: str, operand: Any) -> str:
    return f"{fact} {word} {{{', '.join(show(v) for v in operand)}}}"


def _points(operand: Any) -> tuple[Side, ...]:
    return tuple(("both", float(v)) for v in _listed(operand) if is_number(v))


def _hull(operand: Any) -> Span | None:
    numbers = [float(v) for v in _listed(operand) if is_number(v)]
    return (min(numbers), max(numbers), False, False) if numbers else None


# The ordered tests need a number (never a bool). Each is written out, as the engine runs
# it for every rule of every what-if scenario, and is a module function rather than a
# closure made at import, so mutation testing (`make mutate`) reaches its body.


def _lt(value: Any, operand: Any) -> bool:
    return (value.__class__ is int or value.__class__ is float) and value < operand


def _lte(value: Any, operand: Any) -> bool:
    return (value.__class__ is int or value.__class__ is float) and value <= operand


def _gt(value: Any, operand: Any) -> bool:
    return (value.__class__ is int or value.__class__ is float) and value > operand


def _gte(value: Any, operand: Any) -> bool:
    return (value.__class__ is int or value.__class__ is float) and value >= operand


def _between(value: Any, operand: Any) -> bool:
    return (value.__class__ is int or value.__class__ is float) and (
        operand[0] <= value <= operand[1]
    )


_OPERATORS = (
    Operator(
        "eq", numeric=False, selects=True, negation="ne", prepare=_same,
        holds=lambda value, operand: bool(value == operand), describe=partial(_symbol, "="),
        span=_hull, sides=_points,
    ),
    Operator(
        "ne", numeric=False, selects=False, negation="eq", prepare=_same,
        holds=lambda value, operand: bool(value != operand), describe=partial(_symbol, "!="),
        span=lambda operand: None, sides=_points,
    ),
    Operator(
        "in", numeric=False, selects=True, negation="not_in", prepare=frozenset,
        holds=lambda value, operand: value in operand, describe=partial(_members, "in"),
        span=_hull, sides=_points,
    ),
    Operator(
        "not_in", numeric=False, selects=False, negation="in", prepare=frozenset,
        holds=lambda value, operand: value not in operand, describe=partial(_members, "not in"),
        span=lambda operand: None, sides=_points,
    ),
    Operator(
        "lt", numeric=True, selects=False, negation="gte", prepare=_same,
        holds=_lt, describe=partial(_symbol, "<"),
        span=lambda operand: (-math.inf, operand, False, True),
        sides=lambda operand: (("upper", float(operand)),),
    ),
    Operator(
        "lte", numeric=True, selects=False, negation="gt", prepare=_same,
        holds=_lte, describe=partial(_symbol, "<="),
        span=lambda operand: (-math.inf, operand, False, False),
        sides=lambda operand: (("lower", float(operand)),),
    ),
    Operator(
        "gt", numeric=True, selects=False, negation="lte", prepare=_same,
        holds=_gt, describe=partial(_symbol, ">"),
        span=lambda operand: (operand, math.inf, True, False),
        sides=lambda operand: (("lower", float(operand)),),
    ),
    Operator(
        "gte", numeric=True, selects=False, negation="lt", prepare=_same,
        holds=_gte, describe=partial(_symbol, ">="),
        span=lambda operand: (operand, math.inf, False, False),
        sides=lambda operand: (("upper", float(operand)),),
    ),
    Operator(
        "between", numeric=True, selects=False, negation=None, prepare=tuple,
        holds=_between,
        describe=lambda fact, operand: f"{show(operand[0])} <= {fact} <= {show(operand[1])}",
        span=lambda operand: (operand[0], operand[1], False, False),
        sides=lambda operand: (("upper", float(operand[0])), ("lower", float(operand[1]))),
    ),
)  # fmt: skip

OPERATORS: dict[str, Operator] = {op.name: op for op in _OPERATORS}
"""Every operator of the condition language, by the name written in rule files."""
