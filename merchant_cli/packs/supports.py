"""Where a condition holds, as data: the answers each of its cases admits, per question.

A condition (and/or/not over comparisons) is turned into its cases: it holds
exactly when one of its cases does, and a case is a conjunction that names, for
some questions, the values it admits: spans of numbers for a number question, a
set of values for a choice or yes/no question. Two conditions can hold together
exactly when a case of each meets the other's, question by question: the work
grows with the size of the cases, never with the number of possible answers.

A comparison's values come from the operator table (`operators.OPERATORS`),
never from the operator's name: on a choice or yes/no question the values it
lists when it `selects`, else the complement of those its `negation` lists, else
those its `holds` accepts; on a number, the listed numbers when it `selects`,
else its `span`, else the complement of its `negation`'s. A new operator (a
graded one too: its support, where it is above zero, is a span or a set of
choices) plugs in by defining these entries. A derived fact (a price band)
stands for the spans of its source number that its bands cover. Every question
the conditions mention is taken to be answered, as it is in a profile for every
question without a `when`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, NamedTuple

from merchant_cli.core.models import All, AnyOf, Condition, Not, Question
from merchant_cli.core.operators import OPERATORS, Operator, Span, is_number
from merchant_cli.core.pack import RulePack

Spans = tuple[Span, ...]
"""Numbers as sorted, disjoint, non-empty spans (low, high, low_open, high_open)."""
Values = Spans | frozenset[Any]
"""What a case admits for one question: spans of a number, or a set of values."""
Case = dict[str, Values]
"""A conjunction: question id -> the values it admits (a question it does not name: any)."""

MAX_CASES = 64
"""Most cases one condition may expand to (each `any` adds cases, each `all` multiplies
them); a rule written by hand has a handful. Beyond it, it is too complex to compare."""
MISSING = "\0missing"
"""The one value of a fact no question provides: every comparison on it fails."""
EVERYTHING: Span = (-math.inf, math.inf, False, False)


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

    def cases(self, condition: Condition | None, *, negate: bool = False) -> list[Case]:
        """The condition's cases (none when it can never hold). Raises TooMany."""
        if condition is None:
            return [] if negate else [{}]
        if isinstance(condition, Not):
            return self.cases(condition.not_, negate=not negate)
        if isinstance(condition, All | AnyOf):
            parts = condition.all if isinstance(condition, All) else condition.any
            found = [self.cases(part, negate=negate) for part in parts]
            conjunction = isinstance(condition, All) != negate  # not (a or b) = not a and not b
            return _product(found) if conjunction else _either(found)
        fact = self.fact(condition.fact)
        comparison = condition.comparison
        values = _support(fact.whole, comparison.op, comparison.value)
        if negate:
            values = _minus(fact.whole, values)
        if fact.question != condition.fact:
            values = self._numbers_in_bands(condition.fact, values)
        if fact.integer and not isinstance(values, frozenset):
            values = _whole_numbers(values)
        return [{fact.question: values}] if values else []

    def fact(self, name: str) -> Fact:
        if name not in self.facts:
            self.facts[name] = _fact(self.pack, name)
        return self.facts[name]

    def answers(self, case: Case) -> dict[str, Any]:
        """One answer per question the case names, within what it admits: the first choice
        in the question's order, a bound of a span where it has one, else a whole number,
        so messages show values a person would type."""
        found: dict[str, Any] = {}
        for name, values in case.items():
            question = self.pack.question_by_id.get(name)
            if question is None:  # a fact no question provides: left unanswered
                continue
            if isinstance(values, frozenset):
                order: list[Any] = [c.id for c in question.choices or ()] or [True, False]
                found[name] = next(v for v in order if v in values)
            else:
                found[name] = _inside(values[0], question.type == "integer")
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


def _support(whole: Values, op: Operator, operand: Any) -> Values:
    """The values of `whole` for which `op` with `operand` holds, through the table."""
    listed = operand if isinstance(operand, list | tuple) else [operand]
    negation = OPERATORS[op.negation] if op.negation is not None else None
    if isinstance(whole, frozenset):
        if op.selects:
            return whole & frozenset(listed)
        if negation is not None and negation.selects:
            return whole - frozenset(listed)
        prepared = op.prepare(operand)
        return frozenset(v for v in whole if op.holds(v, prepared))
    if op.selects:
        points = sorted({float(v) for v in listed if is_number(v)})
        return _meet(whole, tuple((p, p, False, False) for p in points))
    span = op.span(operand)
    if span is not None:
        return _meet(whole, (span,))
    if negation is not None:
        return _minus(whole, _support(whole, negation, operand))
    return whole  # an operator that says nothing of the numbers it admits: any may do


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


def _inside(span: Span, integer: bool) -> float | int:
    """A number in `span`: its lower bound if it has one, else 0 or a whole number below."""
    low, high, low_open, high_open = span
    if math.isinf(low):
        if high > 0 or (high == 0 and not high_open):
            value = 0.0
        else:
            value = math.ceil(high) - 1.0 if high_open else high
    elif not low_open:
        value = low
    else:
        value = math.floor(low) + 1.0
        if value > high or (value == high and high_open):
            value = (low + high) / 2
    return int(value) if integer or float(value).is_integer() else value
