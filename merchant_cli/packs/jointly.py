"""Can several conditions hold for one merchant? Find an example of answers, or prove none.

A condition "holds" here when it applies at all (a degree above 0): two rules that
both apply, however little, both move their platform.

A comparison splits a number line only at its operands, so trying each threshold
and a value just either side of it (within the question's bounds) tries every
distinct outcome of every comparison. Choices and yes/no answers are tried
exhaustively. The search is exact for the condition language and small in
practice: only the questions the conditions mention are varied.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from typing import Any

from merchant_cli.core.conditions import comparisons, compile_degree
from merchant_cli.core.models import Condition, Question
from merchant_cli.core.pack import RulePack

NUMBER_STEP = 0.005
"""How far 'just either side' of a threshold is for a non-integer answer."""
MAX_TRIES = 200_000
"""Beyond this many combinations the answer is 'maybe' (None means could not tell)."""


def example(pack: RulePack, conditions: Sequence[Condition | None]) -> dict[str, Any] | None:
    """Answers under which every condition holds, or None when no answers can do it.

    Raises `TooMany` when the search would exceed MAX_TRIES combinations.
    """
    questions = _mentioned(pack, conditions)
    tests = [compile_degree(c) for c in conditions]
    choices = [_values(pack, q, conditions) for q in questions]
    total = 1
    for values in choices:
        total *= len(values)
    if total > MAX_TRIES:
        raise TooMany(total)
    for combo in itertools.product(*choices):
        answers = {q.id: v for q, v in zip(questions, combo, strict=True)}
        facts = pack.facts(answers)
        if all(test(facts) > 0 for test in tests):
            return answers
    return None


class TooMany(Exception):
    """The conditions mention too many answers to try every combination."""


def _mentioned(pack: RulePack, conditions: Sequence[Condition | None]) -> list[Question]:
    source = {d.id: d.from_ for d in pack.derived}
    ids = {source.get(f, f) for c in conditions for f, _, _ in comparisons(c)}
    return [q for q in pack.questions if q.id in ids]


def _values(
    pack: RulePack, question: Question, conditions: Sequence[Condition | None]
) -> list[Any]:
    if question.type == "choice":
        return [c.id for c in question.choices or ()]
    if question.type == "boolean":
        return [True, False]
    return sorted(set(_numbers(pack, question, conditions)))


def _numbers(
    pack: RulePack, question: Question, conditions: Sequence[Condition | None]
) -> Iterator[float]:
    step = 1.0 if question.type == "integer" else NUMBER_STEP
    points = {0.0}
    derived = {d.id for d in pack.derived if d.from_ == question.id}
    for condition in conditions:
        for fact, comparison, _ in comparisons(condition):
            if fact == question.id:
                points.update(comparison.op.numbers(comparison.value))
    for band in (b for d in pack.derived if d.id in derived for b in d.bands):
        if band.below is not None:
            points.add(band.below)
    for point in points:
        for value in (point - step, point, point + step):
            candidate = round(value, 6)
            if _allowed(question, candidate):
                yield int(candidate) if candidate.is_integer() else candidate


def _allowed(question: Question, value: float) -> bool:
    if question.type == "integer" and not float(value).is_integer():
        return False
    if question.min is not None:
        if value < question.min or (question.min_exclusive and value == question.min):
            return False
    return question.max is None or value <= question.max
