"""Where a condition applies, as data: the answers each of its cases admits, per question.

A condition (and/or/not over comparisons) holds to a degree, 0 to FULL tenths. It is
turned into its cases for one of two levels: where it applies at all (a degree above
0, its *support*) or where it applies in full (its *core*). It reaches that level
exactly when one of its cases does (for the support of an `all` of several graded
parts, whose degrees multiply and round, at most when: `jointly` checks an example
on the condition itself), and a case is a conjunction that names, for some
questions, the values it admits: spans of numbers for a number question, a set of
values for a choice or yes/no question. Two conditions can apply together exactly
when a case of each meets the other's, question by question: the work grows with
the size of the cases, never with the number of possible answers.

A comparison's levels come from the operator table (`operators.OPERATORS`), never
from the operator's name: on a number, its degree is evaluated once between and on
each of the points where it can change (`changes`); on a choice or yes/no question,
on each value its operand names (`members`) and on one it does not (an operator
gives every value it does not name the same degree). A new operator, graded or not,
plugs in by defining these entries. `not` turns a core into a support (`not a`
applies wherever `a` is not full) and a support into a core. A derived fact (a price
band) stands for the spans of its source number that its bands cover. Every
question the conditions mention is taken to be answered, as it is in a profile for
every question without a `when`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice, product
from typing import Any, NamedTuple

from merchant_cli.core.conditions import comparisons
from merchant_cli.core.models import All, AnyOf, Comparison, Condition, Not, Question
from merchant_cli.core.operators import FULL, Span
from merchant_cli.core.pack import RulePack

Spans = tuple[Span, ...]
"""Numbers as sorted, disjoint, non-empty spans (low, high, low_open, high_open)."""
Values = Spans | frozenset[Any]
"""What a case admits for one question: spans of a number, or a set of values."""
Case = dict[str, Values]
"""A conjunction: question id -> the values it admits (a question it does not name: any)."""

MAX_TRIES = 256
"""Most answers tried in one case met by several conditions, before saying they never apply
together (reached only where graded parts of an `all` round to 0 at the first tries)."""
MAX_CASES = 64
"""Most cases one condition may expand to (each `any` adds cases, each `all` multiplies
them); a rule written by hand has a handful. Beyond it, it is too complex to compare."""
MISSING = "\0missing"
"""The one value of a fact no question provides: every comparison on it fails."""
EVERYTHING: Span = (-math.inf, math.inf, False, False)
SUPPORT = "support"
"""Where a condition applies at all (a degree above 0)."""
CORE = "core"
"""Where a condition applies in full (a degree of FULL)."""


class TooMany(Exception):
    """A condition expands to more than MAX_CASES cases."""


class Fact(NamedTuple):
    """What a fact of a condition stands for: a question, and the values it may take."""

    question: str
    """The question it is (a derived fact: the number it is derived from)."""
    whole: Values
    """Every value the fact may take (a derived fact: its band ids)."""
    integer: bool = False


def meet(first: Case, second: Case) -> Case | None:
    """The answers both cases admit, or None when they share none."""
    if len(second) < len(first):
        first, second = second, first
    met = dict(second)
    for question, values in first.items():
        other = second.get(question)
        if other is not None:
            values = _meet(values, other)
            if not values:
                return None
        met[question] = values
    return met


def hull(values: Values | None) -> Span:
    """The smallest span around a case's numbers (none, or a set of values: all numbers)."""
    if values is None or isinstance(values, frozenset) or not values:
        return EVERYTHING
    return values[0][0], values[-1][1], values[0][2], values[-1][3]


class Supports:
    """The cases of conditions over one pack, with each fact looked up once."""

    def __init__(self, pack: RulePack) -> None:
        self.pack = pack
        self.facts: dict[str, Fact] = {}

    def cases(
        self, condition: Condition | None, level: str = SUPPORT, *, negate: bool = False
    ) -> list[Case]:
        """The cases where the condition reaches `level` (SUPPORT or CORE), or with `negate`
        where `not` it does; none when it never can. Raises TooMany."""
        if condition is None:
            return [] if negate else [{}]
        if isinstance(condition, Not):
            return self.cases(condition.not_, level, negate=not negate)
        if isinstance(condition, All | AnyOf):
            parts = condition.all if isinstance(condition, All) else condition.any
            found = [self.cases(part, level, negate=negate) for part in parts]
            conjunction = isinstance(condition, All) != negate  # not (a or b) = not a and not b
            return _product(found) if conjunction else _either(found)
        fact = self.fact(condition.fact)
        support, core = self._levels(fact, condition.comparison)
        if negate:  # `not a` applies where `a` is not full, and is full where `a` is 0
            values = _minus(fact.whole, core if level == SUPPORT else support)
        else:
            values = support if level == SUPPORT else core
        if fact.question != condition.fact:
            values = self._numbers_in_bands(condition.fact, values)
        if fact.integer and not isinstance(values, frozenset):
            values = _whole_numbers(values)
        return [{fact.question: values}] if values else []

    def _levels(self, fact: Fact, comparison: Comparison) -> tuple[Values, Values]:
        """The values of `fact` where the comparison applies at all, and where in full."""
        op, operand = comparison.op, comparison.value
        prepared = op.prepare(operand)
        whole = fact.whole
        if isinstance(whole, frozenset):
            if whole == {MISSING}:  # no answer: every comparison is 0
                return frozenset(), frozenset()
            named = whole & frozenset(op.members(operand))
            rest = whole - named
            other = op.degree(next(iter(rest)), prepared) if rest else 0
            degrees = {v: op.degree(v, prepared) for v in named}
            some = frozenset(v for v, d in degrees.items() if d > 0)
            full = frozenset(v for v, d in degrees.items() if d >= FULL)
            nothing: frozenset[Any] = frozenset()
            return some | (rest if other > 0 else nothing), full | (
                rest if other >= FULL else nothing
            )
        pieces = [
            (piece, op.degree(_within(piece), prepared)) for piece in _pieces(op.changes(operand))
        ]
        applies = _union_spans(piece for piece, degree in pieces if degree > 0)
        entire = _union_spans(piece for piece, degree in pieces if degree >= FULL)
        return _meet(whole, applies), _meet(whole, entire)

    def fact(self, name: str) -> Fact:
        if name not in self.facts:
            self.facts[name] = _fact(self.pack, name)
        return self.facts[name]

    def choices(
        self, case: Case, points: Mapping[str, Sequence[float]] | None = None
    ) -> Iterator[dict[str, Any]]:
        """Answers within what the case admits, one per question it names: first the first
        choice in the question's order and a bound of a span (a whole number where there is
        none), values a person would type; then the middle of each span, where a graded
        comparison is at its strongest; then (up to MAX_TRIES) every choice and a number
        between and on each of `points`, the numbers where a degree can change: where an
        `all` of graded parts rounds to 0 at the first two, it may not everywhere."""
        first = self._answers(case, middle=False)
        yield first
        other = self._answers(case, middle=True)
        if other != first:
            yield other
        names = [name for name in case if name in self.pack.question_by_id]
        options = [self._options(name, case[name], (points or {}).get(name, ())) for name in names]
        for combo in islice(product(*options), MAX_TRIES):
            yield dict(zip(names, combo, strict=True))

    def points(self, conditions: Iterable[Condition | None]) -> dict[str, list[float]]:
        """Per number question, the numbers where a comparison of `conditions` (or a band
        derived from the question) can change its degree."""
        found: dict[str, set[float]] = {}
        for condition in conditions:
            for fact, comparison, _ in comparisons(condition):
                question = self.fact(fact).question
                found.setdefault(question, set()).update(comparison.op.changes(comparison.value))
                derived = self.pack.derived_by_id.get(fact)
                if derived is not None:
                    found[question].update(b.below for b in derived.bands if b.below is not None)
        return {question: sorted(numbers) for question, numbers in found.items()}

    def _options(self, name: str, values: Values, points: Sequence[float]) -> list[Any]:
        """Every choice `values` admits, or a number in each piece of the line cut at
        `points` that `values` reaches into."""
        question = self.pack.question_by_id[name]
        if isinstance(values, frozenset):
            order: list[Any] = [c.id for c in question.choices or ()] or [True, False]
            return [v for v in order if v in values]
        integer = question.type == "integer"
        options = []
        for piece in _pieces(points):
            inside = _meet_spans(values, (piece,))
            if integer:
                inside = _whole_numbers(inside)
            if inside:
                options.append(_inside(inside[0], integer, middle=True))
        return options

    def _answers(self, case: Case, *, middle: bool) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for name, values in case.items():
            question = self.pack.question_by_id.get(name)
            if question is None:  # a fact no question provides: left unanswered
                continue
            if isinstance(values, frozenset):
                order: list[Any] = [c.id for c in question.choices or ()] or [True, False]
                found[name] = next(v for v in order if v in values)
            else:
                found[name] = _inside(values[0], question.type == "integer", middle=middle)
        return found

    def _numbers_in_bands(self, fact: str, bands: Values) -> Values:
        """The numbers of the source question that fall in `bands` of derived `fact`."""
        derived = self.pack.derived_by_id[fact]
        spans: list[Span] = []
        low = -math.inf
        for band in derived.bands:
            high = math.inf if band.below is None else band.below
            if isinstance(bands, frozenset) and band.id in bands:
                spans.append((low, high, False, band.below is not None))
            low = high
        return _meet(self.fact(derived.from_).whole, _union_spans(spans))


def _fact(pack: RulePack, name: str) -> Fact:
    question = pack.question_by_id.get(name)
    if question is None:
        derived = pack.derived_by_id.get(name)
        source = pack.question_by_id.get(derived.from_) if derived is not None else None
        if derived is None or source is None or source.type not in ("number", "integer"):
            return Fact(name, frozenset({MISSING}))
        return Fact(source.id, frozenset(b.id for b in derived.bands), source.type == "integer")
    if question.type in ("number", "integer"):
        return Fact(name, _number_domain(question), question.type == "integer")
    if question.type == "boolean":
        return Fact(name, frozenset({True, False}))
    return Fact(name, frozenset(c.id for c in question.choices or ()))


def _number_domain(question: Question) -> Spans:
    low = -math.inf if question.min is None else question.min
    high = math.inf if question.max is None else question.max
    span = (low, high, question.min is not None and question.min_exclusive, False)
    spans = _meet_spans((EVERYTHING,), (span,))
    return _whole_numbers(spans) if question.type == "integer" else spans


def _pieces(points: Iterable[float]) -> list[Span]:
    """The number line cut at `points`: each point, and the open spans between them."""
    found: list[Span] = []
    low = -math.inf
    for point in sorted(set(points)):
        found += [(low, point, False, True) if math.isinf(low) else (low, point, True, True)]
        found.append((point, point, False, False))
        low = point
    found.append((low, math.inf, not math.isinf(low), False))
    return found


def _within(span: Span) -> float:
    """A number inside a piece: its point, its middle, or 1 beyond its finite end."""
    low, high = span[0], span[1]
    if low == high:
        return low
    if math.isinf(low):
        return 0.0 if math.isinf(high) else high - 1
    return low + 1 if math.isinf(high) else (low + high) / 2


def _product(parts: Iterable[list[Case]]) -> list[Case]:
    """Cases of a conjunction: one case of each part, met; the empty ones dropped."""
    found: list[Case] = [{}]
    for part in parts:
        found = [met for a in found for b in part if (met := meet(a, b)) is not None]
        if len(found) > MAX_CASES:
            raise TooMany(len(found))
    return found


def _either(parts: Iterable[list[Case]]) -> list[Case]:
    """Cases of a disjunction: every part's; cases naming one same question become one."""
    found: list[Case] = []
    single: dict[str, int] = {}
    for case in (case for part in parts for case in part):
        if not case:
            return [{}]  # one alternative always holds, so the whole does
        if len(case) == 1:
            ((question, values),) = case.items()
            if question in single:
                at = single[question]
                found[at] = {question: _union(found[at][question], values)}
                continue
            single[question] = len(found)
        found.append(case)
    if len(found) > MAX_CASES:
        raise TooMany(len(found))
    return found


# --- spans of numbers and sets of values ------------------------------------------


def _meet(first: Values, second: Values) -> Values:
    if isinstance(first, frozenset) or isinstance(second, frozenset):
        if isinstance(first, frozenset) and isinstance(second, frozenset):
            return first & second
        return frozenset()  # a number and a choice: a fact is one or the other
    return _meet_spans(first, second)


def _meet_spans(first: Spans, second: Spans) -> Spans:
    met: list[Span] = []
    i = j = 0
    while i < len(first) and j < len(second):
        a, b = first[i], second[j]
        span = _span_meet(a, b)
        if span is not None:
            met.append(span)
        if (a[1], not a[3]) < (b[1], not b[3]):  # the one that ends first is done
            i += 1
        else:
            j += 1
    return tuple(met)


def _span_meet(a: Span, b: Span) -> Span | None:
    low, low_open = max((a[0], a[2]), (b[0], b[2]))
    high, high_closed = min((a[1], not a[3]), (b[1], not b[3]))
    if low > high or (low == high and (low_open or not high_closed)):
        return None
    return low, high, low_open, not high_closed


def _minus(whole: Values, values: Values) -> Values:
    """What `whole` admits and `values` does not."""
    if isinstance(whole, frozenset) or isinstance(values, frozenset):
        if isinstance(whole, frozenset) and isinstance(values, frozenset):
            return whole - values
        return whole
    gaps: list[Span] = []
    low, low_open = -math.inf, False
    for span in values:
        gaps.append((low, span[0], low_open, not span[2]))
        low, low_open = span[1], not span[3]
    gaps.append((low, math.inf, low_open, False))
    return _meet_spans(whole, tuple(g for g in gaps if _span_meet(g, EVERYTHING) is not None))


def _union(first: Values, second: Values) -> Values:
    if isinstance(first, frozenset) or isinstance(second, frozenset):
        if isinstance(first, frozenset) and isinstance(second, frozenset):
            return first | second
        return first if isinstance(first, frozenset) else second
    return _union_spans([*first, *second])


def _union_spans(spans: Iterable[Span]) -> Spans:
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s[0], s[2])):
        if merged and _touch(merged[-1], span):
            last = merged[-1]
            high, high_closed = max((last[1], not last[3]), (span[1], not span[3]))
            merged[-1] = (last[0], high, last[2], not high_closed)
        else:
            merged.append(span)
    return tuple(merged)


def _touch(first: Span, second: Span) -> bool:
    """Whether `second` (starting no earlier) overlaps or continues `first`."""
    return second[0] < first[1] or (second[0] == first[1] and not (first[3] and second[2]))


def _whole_numbers(spans: Spans) -> Spans:
    """The whole numbers in `spans`, as closed spans."""
    found: list[Span] = []
    for low, high, low_open, high_open in spans:
        first = low if math.isinf(low) else math.floor(low) + 1 if low_open else math.ceil(low)
        last = high if math.isinf(high) else math.ceil(high) - 1 if high_open else math.floor(high)
        if first <= last:
            found.append((float(first), float(last), False, False))
    return tuple(found)


def _inside(span: Span, integer: bool, *, middle: bool = False) -> float | int:
    """A number in `span`: the first whole number in it (else its lower bound), or 0 or a
    whole number below its upper bound when it has no lower one; with `middle`, its
    middle where both ends are finite."""
    low, high, low_open, high_open = span
    if middle and not math.isinf(low) and not math.isinf(high) and low < high:
        value = (low + high) / 2
        if integer:
            value = float(math.floor(value))
            if value < low or (value == low and low_open):
                value += 1
        return int(value) if integer or value.is_integer() else value
    if math.isinf(low):
        if high > 0 or (high == 0 and not high_open):
            value = 0.0
        else:
            value = math.ceil(high) - 1.0 if high_open else high
    else:
        value = math.floor(low) + 1.0 if low_open else float(math.ceil(low))
        if value > high or (value == high and high_open):  # no whole number inside
            value = (low + high) / 2 if low_open else low
    return int(value) if integer or float(value).is_integer() else value
