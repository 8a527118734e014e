"""Can conditions apply to one merchant at once? An example of answers, or a proof there is none.

A condition applies when its degree is above 0, however little: two rules that both
apply both move their platform. Each condition is turned into its cases once
(`supports`): where it applies in full (its core), and where it applies at all (its
support); conditions apply together exactly when a case of each meets the others', and
an example is checked on the conditions themselves. Cores are tried first: any answer
there applies for certain, and makes a plain example.

Among many conditions (every rule citing one statement, or one claim), `together` finds
each that can apply with an earlier one without trying every pair: it sorts them on the
question that tells them apart best (a price table on its price spans, choices by
value), so that only conditions that overlap on that question are compared. Time grows
with the number of conditions times their overlap, and a condition with a partner
already found is not compared again: a thousand exclusive rules take about as long as
a thousand rules that all apply together.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterator, Sequence
from itertools import product
from typing import Any

from merchant_cli.core.conditions import Degree, compile_degree
from merchant_cli.core.models import Condition
from merchant_cli.core.pack import RulePack
from merchant_cli.core.record import Record, record
from merchant_cli.packs.supports import CORE, SUPPORT, Case, Supports, TooMany, hull, meet

__all__ = ["Together", "TooComplex", "TooMany", "example", "together"]

Applies = Callable[[dict[str, Any]], bool]
"""Whether answers make the conditions in question apply."""
Points = dict[str, list[float]]
"""Per number question, where a degree of the conditions in question can change."""


def example(pack: RulePack, conditions: Sequence[Condition | None]) -> dict[str, Any] | None:
    """Answers under which every condition applies (a degree above 0), or None when no
    answers can make them all apply.

    Raises `TooMany` when a condition has more than `supports.MAX_CASES` cases.
    """
    supports = Supports(pack)
    tests = [compile_degree(c) for c in conditions]

    def applies(answers: dict[str, Any]) -> bool:
        facts = pack.facts(answers)
        return all(test(facts) > 0 for test in tests)

    points = supports.points(conditions)
    for level in (CORE, SUPPORT):
        found = [supports.cases(c, level) for c in conditions]
        answers = _first(supports, found, points, applies)
        if answers is not None:
            return answers
    return None


def _first(
    supports: Supports, found: list[list[Case]], points: Points, applies: Applies
) -> dict[str, Any] | None:
    """The first example of answers, one case of each condition met, that `applies`."""

    def walk(index: int, case: Case) -> dict[str, Any] | None:
        if index == len(found):
            return next((a for a in supports.choices(case, points) if applies(a)), None)
        for other in found[index]:
            met = meet(case, other)
            found_here = walk(index + 1, met) if met is not None else None
            if found_here is not None:
                return found_here
        return None

    return walk(0, {})


@record(kw_only=False)
class Together(Record):
    """Condition `later` applies together with the earlier condition `earlier` for `answers`."""

    later: int
    earlier: int
    answers: dict[str, Any]


@record(kw_only=False)
class TooComplex(Record):
    """Condition `index` has too many cases to be compared with the others."""

    index: int


Levels = tuple[list[Case], ...]
"""A condition's cases: its core's, then (when they differ) its support's."""


def together(
    pack: RulePack, conditions: Sequence[Condition | None]
) -> Iterator[Together | TooComplex]:
    """In order, each condition that can apply together with an earlier one (with one such
    earlier condition and the answers under which both apply), and each too complex to tell."""
    supports = Supports(pack)
    levels = [_levels(supports, condition) for condition in conditions]
    found = [None if found is None else found[-1] for found in levels]  # the supports
    tests: dict[int, Degree] = {}

    def applies(index: int, answers: dict[str, Any]) -> bool:
        if index not in tests:
            tests[index] = compile_degree(conditions[index])
        return tests[index](pack.facts(answers)) > 0

    partners: dict[int, Together] = {}
    failed: set[tuple[int, int]] = set()
    for earlier, later in _candidates(found, partners):
        if later in partners or (earlier, later) in failed:
            continue
        pair = [conditions[earlier], conditions[later]]
        first, second = levels[earlier] or (), levels[later] or ()
        answers = _both(supports, first, second, (earlier, later), applies, pair)
        if answers is None:
            failed.add((earlier, later))
        else:
            partners[later] = Together(later, earlier, answers)
    for index, cases in enumerate(found):
        if cases is None:
            yield TooComplex(index)
        elif index in partners:
            yield partners[index]


def _levels(supports: Supports, condition: Condition | None) -> Levels | None:
    """The condition's cases (core, then support when it differs), or None when too many."""
    try:
        core, support = supports.cases(condition, CORE), supports.cases(condition, SUPPORT)
    except TooMany:
        return None
    return (support,) if core == support else (core, support)


def _both(
    supports: Supports,
    first: Levels,
    second: Levels,
    indices: tuple[int, int],
    applies: Callable[[int, dict[str, Any]], bool],
    pair: list[Condition | None],
) -> dict[str, Any] | None:
    """Answers under which both conditions apply (checked on the conditions themselves),
    at full strength where they can."""
    levels = [(first[0], second[0])]
    if len(first) > 1 or len(second) > 1:  # a graded one: its support reaches beyond its core
        levels.append((first[-1], second[-1]))
    points: Points | None = None
    for mine, theirs in levels:
        for a, b in product(mine, theirs):
            met = meet(a, b)
            if met is None:
                continue
            points = supports.points(pair) if points is None else points
            for answers in supports.choices(met, points):
                if all(applies(index, answers) for index in indices):
                    return answers
    return None


def _candidates(
    found: list[list[Case] | None], done: dict[int, Together]
) -> Iterator[tuple[int, int]]:
    """Pairs (earlier, later) of conditions that may hold together, judged on the question
    that separates them best; pairs whose later one is `done` are skipped early."""
    live = [i for i, cases in enumerate(found) if cases]
    key = _best_key(found, live)
    if key is None:
        for position, later in enumerate(live):
            for earlier in live[:position]:
                if later in done:
                    break
                yield earlier, later
        return
    question, numeric = key
    if numeric:
        yield from _sweep(found, live, question, done)
    else:
        yield from _buckets(found, live, question, done)


def _projection(cases: list[Case], question: str) -> Any:
    """What a condition admits of one question over all its cases (None: anything)."""
    values = [case.get(question) for case in cases]
    if any(v is None for v in values):
        return None
    if isinstance(values[0], frozenset):
        return frozenset().union(*(v for v in values if isinstance(v, frozenset)))
    spans = [hull(v) for v in values]
    low = min(spans, key=lambda s: (s[0], not s[2]))
    high = max(spans, key=lambda s: (s[1], not s[3]))
    return (low[0], high[1], low[2], high[3])


def _best_key(found: list[list[Case] | None], live: list[int]) -> tuple[str, bool] | None:
    """The question (and whether it is a number) that leaves the fewest pairs to compare."""
    questions: dict[str, bool] = {}
    for index in live:
        for case in found[index] or ():
            for question, values in case.items():
                questions[question] = not isinstance(values, frozenset)
    best: tuple[int, str, bool] | None = None
    for question, numeric in questions.items():
        projections = [_projection(found[i] or [], question) for i in live]
        cost = _overlaps(projections) if numeric else _shared(projections)
        if best is None or cost < best[0]:
            best = (cost, question, numeric)
    return None if best is None else best[1:]


def _overlaps(spans: list[Any]) -> int:
    """How many pairs of the spans overlap (None: every number)."""
    count = 0
    ends: list[tuple[float, bool]] = []
    for low, high, low_open, high_open in sorted((s or _ALL for s in spans), key=_start):
        while ends and _ended(ends[0], low, low_open):
            heapq.heappop(ends)
        count += len(ends)
        heapq.heappush(ends, (high, not high_open))
    return count


def _shared(sets: list[Any]) -> int:
    """About how many pairs of the sets share a value (None: every value)."""
    anything = sum(s is None for s in sets)
    sizes: dict[Any, int] = {}
    for values in sets:
        for value in values or ():
            sizes[value] = sizes.get(value, 0) + 1
    return sum(n * n for n in sizes.values()) + anything * len(sets)


_ALL = (-math.inf, math.inf, False, False)


def _start(span: Any) -> tuple[float, bool]:
    return span[0], span[2]


def _ended(end: tuple[float, bool], low: float, low_open: bool) -> bool:
    """Whether a span ending at `end` (its high, whether it includes it) is over before a
    span starting at `low`."""
    high, closed = end[0], end[1]
    return high < low or (high == low and (not closed or low_open))


def _sweep(
    found: list[list[Case] | None], live: list[int], question: str, done: dict[int, Together]
) -> Iterator[tuple[int, int]]:
    """Pairs whose spans of `question` overlap: conditions taken in the order their spans
    start, each paired with those whose span has not ended there."""
    spans = {i: _projection(found[i] or [], question) or _ALL for i in live}
    active: list[tuple[float, bool, int]] = []
    for index in sorted(live, key=lambda i: _start(spans[i])):
        low, high, low_open, high_open = spans[index]
        while active and _ended(active[0][:2], low, low_open):
            heapq.heappop(active)
        for _, _, other in active:
            earlier, later = min(index, other), max(index, other)
            if later not in done:
                yield earlier, later
        heapq.heappush(active, (high, not high_open, index))


def _buckets(
    found: list[list[Case] | None], live: list[int], question: str, done: dict[int, Together]
) -> Iterator[tuple[int, int]]:
    """Pairs that admit a common value of `question` (a condition not naming it: any)."""
    buckets: dict[Any, list[int]] = {}
    anything: list[int] = []
    for index in live:
        values = _projection(found[index] or [], question)
        if values is None:
            anything.append(index)
        for value in values or ():
            buckets.setdefault(value, []).append(index)
    for group in buckets.values():
        for position, later in enumerate(group):
            for earlier in group[:position]:
                if later in done:
                    break
                yield earlier, later
    for wild in anything:
        for other in live:
            earlier, later = min(wild, other), max(wild, other)
            if other != wild and later not in done:
                yield earlier, later
