"""The condition language's comparison operators, each defined once.

Every module that reads a comparison asks this table, never the operator's
name: the engine (`degree`), descriptions (`describe`), the domain analysis
(`span`, `negation`, `members`), what-if (`sides`), batch classes and
joint-condition search (`numbers`), coverage (`selects`) and the checks
(`numeric`). Adding an operator is one entry here plus its field on
`models.Comparison`; a test runs every consumer over every operator.

Most operators are sharp: a comparison holds or it does not (degree 0 or
FULL). Three are graded, for evidence drawn from examples rather than from a
threshold the source names: `near` (a number close to an example's range,
fading with distance), `grows` (a capacity counting with diminishing returns)
and `like` (each choice as like the example as the pack says). Their degree
is a whole number of tenths, so a graded comparison changes only at a fixed,
finite list of points (`numbers`): batch classes, what-if and the joint
search treat those points exactly as they treat `lt 80`.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable, Mapping
from functools import cache, partial
from typing import Any

from merchant_cli.core.record import Record, record

Span = tuple[float, float, bool, bool]
"""Numbers for which a comparison holds, as one interval: (low, high, low_open, high_open)."""
Side = tuple[str, float]
"""Where what-if looks for a flip: `upper` when the threshold itself is on the upper side of
the test (`lt`, `gte`), `lower` when on the lower side (`lte`, `gt`), `both` for equality,
`graded` for a point where a graded comparison's degree starts or stops changing (what-if
tries whole numbers either side of it: the example's edge is not a threshold to the fen)."""

FULL = 10
"""A degree is a whole number of tenths: FULL when a comparison holds entirely, 0 when not."""
HALF = FULL // 2
"""A graded condition "holds", for a step, a caution or a question, from half strength."""


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
    """Compares numbers only (`lt`, `between`, `near` ...); the others compare any answer."""
    selects: bool
    """Names the values it accepts (`eq`, `in`, `like`): a rule with it addresses those choices."""
    negation: str | None
    """The operator that holds exactly when this one does not, if there is a single one."""
    prepare: Callable[[Any], Any]
    """The operand as the test uses it (a frozenset for `in`, a table of degrees for a graded
    operator), computed once per rule."""
    degree: Callable[[Any, Any], int]
    """(answer, prepared operand) -> how far it holds, 0..FULL; the answer is present."""
    describe: Callable[[str, Any], str]
    """(fact, operand) -> the comparison as `rules list` writes it."""
    span: Callable[[Any], Span | None]
    """The numbers it admits (degree above 0) as one interval, or None when not one interval."""
    sides: Callable[[Any], tuple[Side, ...]]
    """The thresholds a numeric answer can cross to change the outcome."""
    changes: Callable[[Any], tuple[float, ...]]
    """Every number at which the degree can change: batch classes and joint search try them."""
    members: Callable[[Any], tuple[Any, ...]] = _listed
    """The values the operand names (the choices of `in`, `like` ...)."""
    graded: bool = False
    """Its degree may lie between 0 and FULL (an example's reach, not a threshold)."""

    def numbers(self, operand: Any) -> tuple[float, ...]:
        """Every number at which the comparison can change, ascending where graded."""
        return self.changes(operand)


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


def _in_operand(operand: Any) -> tuple[float, ...]:
    return tuple(float(v) for v in _listed(operand) if is_number(v))


# The ordered tests need a number (never a bool). Each is written out, as the engine runs
# it for every rule of every what-if scenario, and is a module function rather than a
# closure made at import, so mutation testing (`make mutate`) reaches its body.


def _lt(value: Any, operand: Any) -> int:
    return FULL if (value.__class__ is int or value.__class__ is float) and value < operand else 0


def _lte(value: Any, operand: Any) -> int:
    return FULL if (value.__class__ is int or value.__class__ is float) and value <= operand else 0


def _gt(value: Any, operand: Any) -> int:
    return FULL if (value.__class__ is int or value.__class__ is float) and value > operand else 0


def _gte(value: Any, operand: Any) -> int:
    return FULL if (value.__class__ is int or value.__class__ is float) and value >= operand else 0


def _between(value: Any, operand: Any) -> int:
    number = value.__class__ is int or value.__class__ is float
    return FULL if number and operand[0] <= value <= operand[1] else 0


def _eq(value: Any, operand: Any) -> int:
    return FULL if value == operand else 0


def _ne(value: Any, operand: Any) -> int:
    return 0 if value == operand else FULL


def _in(value: Any, operand: Any) -> int:
    return FULL if value in operand else 0


def _not_in(value: Any, operand: Any) -> int:
    return 0 if value in operand else FULL


# --- graded operators -----------------------------------------------------------------
# A graded degree is a table: the points where it steps (ascending) and the degree of each
# interval between them (`bisect_right`, so a value on a point takes the degree after it).
# The engine, batch classes and what-if all read the same points, so two answers between
# the same points always get the same degree. A table is worked out once per operand's
# numbers: every consumer asks for it.


@record(kw_only=False)
class Steps(Record):
    """A graded comparison prepared: degree `levels[i]` between `points[i-1]` and `points[i]`."""

    points: tuple[float, ...]
    levels: tuple[int, ...]

    def at(self, value: Any) -> int:
        if not (value.__class__ is int or value.__class__ is float) or value != value:
            return 0
        return self.levels[bisect_right(self.points, value)]


def _near_steps(operand: Any) -> Steps:
    return _near_table(operand.range, operand.fade)


def _grows_steps(operand: Any) -> Steps:
    return _grows_table(operand.half)


@cache
def _near_table(reach: tuple[float, float], factor: float) -> Steps:
    """Full strength on `reach`, fading on a log scale to nothing at `factor` beyond either
    end (prices are compared as ratios: 10 yuan from 20 is further than from 200). The
    degree is the fading share rounded to the nearest tenth; it steps where the share
    crosses 0.05, 0.15 ... 0.95."""
    low, high = reach
    fade = math.log(factor)
    crossings = [(k + 0.5) / FULL for k in range(FULL)]  # the share reaches k+1 tenths here
    rising = [low / math.exp((1 - share) * fade) for share in crossings]
    falling = [high * math.exp((1 - share) * fade) for share in reversed(crossings)]
    levels = (*range(FULL + 1), *range(FULL - 1, -1, -1))
    return Steps((*rising, *falling), levels)


@cache
def _grows_table(half: float) -> Steps:
    """Diminishing returns: the share 1 - 2^(-x/half) (half strength at `half`, three quarters
    at twice it), rounded to the nearest tenth."""
    crossings = [(k + 0.5) / FULL for k in range(FULL)]
    return Steps(tuple(-half * math.log2(1 - share) for share in crossings), tuple(range(FULL + 1)))


def _tenths(share: float) -> int:
    """A share of 0..1 as whole tenths, a half rounded up."""
    return min(max(math.floor(share * FULL + 0.5), 0), FULL)


def _like_table(operand: Mapping[Any, float]) -> dict[Any, int]:
    return {choice: _tenths(share) for choice, share in operand.items()}


def _like(value: Any, operand: Mapping[Any, int]) -> int:
    return operand.get(value, 0) if value.__class__ is str else 0


def _graded_degree(value: Any, operand: Steps) -> int:
    return operand.at(value)


def _near_describe(fact: str, operand: Any) -> str:
    low, high = operand.range
    reach = show(low) if low == high else f"{show(low)}-{show(high)}"
    return f"{fact} near {reach} (fading over x{show(operand.fade)})"


def _near_sides(operand: Any) -> tuple[Side, ...]:
    points = _near_steps(operand).points
    return tuple(("graded", points[i]) for i in (0, FULL - 1, FULL, 2 * FULL - 1))


def _grows_sides(operand: Any) -> tuple[Side, ...]:
    points = _grows_steps(operand).points
    return tuple(("graded", points[i]) for i in (0, HALF - 1, FULL - 1))


def _near_span(operand: Any) -> Span:
    points = _near_steps(operand).points
    return (points[0], points[-1], False, True)


def _grows_span(operand: Any) -> Span:
    return (_grows_steps(operand).points[0], math.inf, False, False)


def _like_describe(fact: str, operand: Mapping[Any, float]) -> str:
    return f"{fact} like {{{', '.join(f'{show(k)}: {show(v)}' for k, v in operand.items())}}}"


def _keys(operand: Any) -> tuple[Any, ...]:
    return tuple(operand)


def _empty(operand: Any) -> tuple[float, ...]:
    return ()


_OPERATORS = (
    Operator(
        "eq", numeric=False, selects=True, negation="ne", prepare=_same,
        degree=_eq, describe=partial(_symbol, "="),
        span=_hull, sides=_points, changes=_in_operand,
    ),
    Operator(
        "ne", numeric=False, selects=False, negation="eq", prepare=_same,
        degree=_ne, describe=partial(_symbol, "!="),
        span=lambda operand: None, sides=_points, changes=_in_operand,
    ),
    Operator(
        "in", numeric=False, selects=True, negation="not_in", prepare=frozenset,
        degree=_in, describe=partial(_members, "in"),
        span=_hull, sides=_points, changes=_in_operand,
    ),
    Operator(
        "not_in", numeric=False, selects=False, negation="in", prepare=frozenset,
        degree=_not_in, describe=partial(_members, "not in"),
        span=lambda operand: None, sides=_points, changes=_in_operand,
    ),
    Operator(
        "lt", numeric=True, selects=False, negation="gte", prepare=_same,
        degree=_lt, describe=partial(_symbol, "<"),
        span=lambda operand: (-math.inf, operand, False, True),
        sides=lambda operand: (("upper", float(operand)),), changes=_in_operand,
    ),
    Operator(
        "lte", numeric=True, selects=False, negation="gt", prepare=_same,
        degree=_lte, describe=partial(_symbol, "<="),
        span=lambda operand: (-math.inf, operand, False, False),
        sides=lambda operand: (("lower", float(operand)),), changes=_in_operand,
    ),
    Operator(
        "gt", numeric=True, selects=False, negation="lte", prepare=_same,
        degree=_gt, describe=partial(_symbol, ">"),
        span=lambda operand: (operand, math.inf, True, False),
        sides=lambda operand: (("lower", float(operand)),), changes=_in_operand,
    ),
    Operator(
        "gte", numeric=True, selects=False, negation="lt", prepare=_same,
        degree=_gte, describe=partial(_symbol, ">="),
        span=lambda operand: (operand, math.inf, False, False),
        sides=lambda operand: (("upper", float(operand)),), changes=_in_operand,
    ),
    Operator(
        "between", numeric=True, selects=False, negation=None, prepare=tuple,
        degree=_between,
        describe=lambda fact, operand: f"{show(operand[0])} <= {fact} <= {show(operand[1])}",
        span=lambda operand: (operand[0], operand[1], False, False),
        sides=lambda operand: (("upper", float(operand[0])), ("lower", float(operand[1]))),
        changes=_in_operand,
    ),
    Operator(
        "near", numeric=True, selects=False, negation=None, prepare=_near_steps,
        degree=_graded_degree, describe=_near_describe, span=_near_span, sides=_near_sides,
        changes=lambda operand: _near_steps(operand).points, members=_empty, graded=True,
    ),
    Operator(
        "grows", numeric=True, selects=False, negation=None, prepare=_grows_steps,
        degree=_graded_degree, describe=lambda fact, operand: (
            f"{fact} grows (half strength at {show(operand.half)})"
        ),
        span=_grows_span, sides=_grows_sides,
        changes=lambda operand: _grows_steps(operand).points, members=_empty, graded=True,
    ),
    Operator(
        "like", numeric=False, selects=True, negation=None, prepare=_like_table,
        degree=_like, describe=_like_describe, span=lambda operand: None,
        sides=lambda operand: (), changes=_empty, members=_keys, graded=True,
    ),
)  # fmt: skip

OPERATORS: dict[str, Operator] = {op.name: op for op in _OPERATORS}
"""Every operator of the condition language, by the name written in rule files."""
