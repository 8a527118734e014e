"""The values each fact can take, so checks can tell when a condition can never hold.

Numbers are intervals (from a question's min/max), choices, yes/no answers and
bands are finite sets. The analysis over-approximates: a condition is reported
impossible only when no answer the questions allow could satisfy it, never the
other way round. A price band also narrows the price it is derived from, so
`price_band: under_25` and `price: {gt: 100}` contradict each other.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from merchant_cli.core.conditions import describe
from merchant_cli.core.models import All, Compare, Comparison, Condition, Not
from merchant_cli.core.operators import OPERATORS
from merchant_cli.core.pack import RulePack
from merchant_cli.core.record import Record, record
from merchant_cli.core.said import clipped

Path = tuple[str | int, ...]


@record(kw_only=False)
class Interval(Record):
    """A range of numbers; `integer` when only whole numbers are possible."""

    low: float = -math.inf
    high: float = math.inf
    low_open: bool = False
    high_open: bool = False
    integer: bool = False

    def __and__(self, other: Interval) -> Interval:
        low, low_open = max((self.low, self.low_open), (other.low, other.low_open))
        high, high_closed = min((self.high, not self.high_open), (other.high, not other.high_open))
        return Interval(low, high, low_open, not high_closed, self.integer or other.integer)

    @property
    def empty(self) -> bool:
        if self.integer:
            if not (math.isfinite(self.low) and math.isfinite(self.high)):
                return self.low == math.inf or self.high == -math.inf
            first = math.floor(self.low) + 1 if self.low_open else math.ceil(self.low)
            last = math.ceil(self.high) - 1 if self.high_open else math.floor(self.high)
            return first > last
        if self.low == self.high:
            return self.low_open or self.high_open
        return self.low > self.high

    def describe(self, fact: str) -> str:
        """`price > 0`, `0 <= notes_per_week <= 1000`, as users write ranges."""
        low = "" if self.low == -math.inf else f"{_num(self.low)} {'<' if self.low_open else '<='} "
        high = (
            "" if self.high == math.inf else f" {'<' if self.high_open else '<='} {_num(self.high)}"
        )
        if low and not high:
            return f"{fact} {'>' if self.low_open else '>='} {_num(self.low)}"
        return f"{low}{fact}{high}" if low or high else f"{fact} is any number"


Values = Interval | frozenset[object]
"""What a fact may be: an interval of numbers or a finite set of values."""


def fact_domains(pack: RulePack) -> dict[str, Values]:
    """Every question's and derived fact's possible values, by fact id."""
    domains: dict[str, Values] = {}
    for question in pack.questions:
        if question.type in ("number", "integer"):
            domains[question.id] = Interval(
                -math.inf if question.min is None else question.min,
                math.inf if question.max is None else question.max,
                question.min is not None and question.min_exclusive,
                integer=question.type == "integer",
            )
        elif question.type == "boolean":
            domains[question.id] = frozenset({True, False})
        else:
            domains[question.id] = frozenset(c.id for c in question.choices or ())
    for derived in pack.derived:
        domains[derived.id] = frozenset(b.id for b in derived.bands)
    return domains


def band_range(pack: RulePack, fact: str, bands: frozenset[object]) -> Interval | None:
    """The smallest interval of the source number that covers `bands` of derived `fact`."""
    derived = pack.derived_by_id.get(fact)
    if derived is None:
        return None
    low, high, previous = math.inf, -math.inf, -math.inf
    for band in derived.bands:
        upper = math.inf if band.below is None else band.below
        if band.id in bands:
            low, high = min(low, previous), max(high, upper)
        previous = upper
    return Interval(low, high, high_open=True)


def admitted(
    pack: RulePack,
    domains: dict[str, Values],
    fact: str,
    comparison: Comparison,
    negate: bool = False,
) -> list[tuple[str, Values]]:
    """The values of each fact for which `fact`'s comparison (or its negation) can hold."""
    domain = domains.get(fact)
    op = comparison.op
    if negate:
        if op.negation is None:
            return []  # `not between` is two intervals: no narrowing, stay sound
        op = OPERATORS[op.negation]
    operand = comparison.value
    if isinstance(domain, Interval):
        span = op.span(operand)
        return [] if span is None else [(fact, Interval(*span))]
    if domain is None:
        return []
    listed = frozenset(op.members(operand))
    values = domain & listed if op.selects else domain - listed
    narrowed = band_range(pack, fact, values)
    derived = pack.derived_by_id.get(fact)
    extra = [(derived.from_, narrowed)] if derived is not None and narrowed is not None else []
    return [(fact, values), *extra]


def is_empty(values: Values) -> bool:
    return values.empty if isinstance(values, Interval) else not values


def narrow(first: Values, second: Values) -> Values:
    if isinstance(first, Interval) and isinstance(second, Interval):
        return first & second
    if isinstance(first, frozenset) and isinstance(second, frozenset):
        return first & second
    return first  # pragma: no cover - a fact is either numeric or finite


@record(kw_only=False)
class Impossible(Record):
    """A part of a condition that no allowed answer satisfies, and why."""

    path: Path
    message: str


def impossible_parts(pack: RulePack, condition: Condition | None) -> Iterator[Impossible]:
    """Comparisons outside their fact's domain, and `all` groups that contradict themselves."""
    domains = fact_domains(pack)
    yield from _walk(pack, domains, condition, ())


def _walk(
    pack: RulePack,
    domains: dict[str, Values],
    condition: Condition | None,
    path: Path,
    nested: bool = False,
) -> Iterator[Impossible]:
    """`nested`: an `all` directly inside an `all`, whose conjuncts its parent checks."""
    if condition is None:
        return
    if isinstance(condition, Compare):
        yield from _outside_domain(pack, domains, condition, (*path, condition.fact))
        return
    if isinstance(condition, Not):
        if isinstance(condition.not_, Compare):
            where = (*path, "not", condition.not_.fact)
            yield from _outside_domain(pack, domains, condition.not_, where, negate=True)
        else:
            yield from _walk(pack, domains, condition.not_, (*path, "not"))
        return
    key = "all" if isinstance(condition, All) else "any"
    parts = condition.all if isinstance(condition, All) else condition.any
    for index, part in enumerate(parts):
        yield from _walk(pack, domains, part, (*path, key, index), key == "all")
    if isinstance(condition, All) and not nested:
        yield from _contradictions(pack, domains, condition, path)


def _outside_domain(
    pack: RulePack, domains: dict[str, Values], compare: Compare, path: Path, negate: bool = False
) -> Iterator[Impossible]:
    for fact, values in admitted(pack, domains, compare.fact, compare.comparison, negate):
        domain = domains.get(fact)
        if domain is None:  # an unknown fact, reported by the reference checks
            continue
        if is_empty(narrow(domain, values)):
            allowed = (
                domain.describe(fact)
                if isinstance(domain, Interval)
                else f"{fact} in {{{', '.join(sorted(map(str, domain)))}}}"
            )
            shown = clipped(f"not {describe(compare)}" if negate else describe(compare))
            yield Impossible(path, f"`{shown}` can never hold: the questions allow only {allowed}")
            return


def _contradictions(
    pack: RulePack, domains: dict[str, Values], group: All, path: Path
) -> Iterator[Impossible]:
    """Comparisons of one `all` (and of `all`s nested in it) that cannot hold together."""
    state: dict[str, tuple[Values, Compare]] = {}
    for compare, negate, where in _conjuncts(group, path):
        for fact, values in admitted(pack, domains, compare.fact, compare.comparison, negate):
            if fact not in domains:
                continue
            before, first = state.get(fact, (domains[fact], compare))
            after = narrow(before, values)
            if is_empty(after) and not is_empty(narrow(domains[fact], values)):
                shown = clipped(f"not {describe(compare)}" if negate else describe(compare))
                yield Impossible(
                    where,
                    f"`{shown}` contradicts `{clipped(describe(first))}` in the same `all`: "
                    "the condition can never hold",
                )
                return
            state[fact] = (after, first)


def _conjuncts(group: All, path: Path) -> Iterator[tuple[Compare, bool, Path]]:
    for index, part in enumerate(group.all):
        where = (*path, "all", index)
        if isinstance(part, All):
            yield from _conjuncts(part, where)
        elif isinstance(part, Compare):
            yield part, False, (*where, part.fact)
        elif isinstance(part, Not) and isinstance(part.not_, Compare):
            yield part.not_, True, (*where, "not", part.not_.fact)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
