"""What-if search: the smallest answer changes that flip or shift the ranking. Pure.

Only answers the merchant can act on change: the questions the pack marks as
levers (content capacity, price, goal; never the category or the merchant
type), or every question in a pack that marks none. Candidate values come from
the pack, never from a list in code: every other choice of a choice question,
the other value of a yes/no question, and for a number the values just either
side of each threshold some rule tests (directly or through a derived band).
Cutting a capacity (a `more` lever) ranks after adding to one. Each candidate
is scored by re-running the engine on the profile with that one answer
changed, exactly as `evaluate` would.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import field
from functools import cached_property

from merchant_cli.core.conditions import comparisons
from merchant_cli.core.engine import Firing, Scorer
from merchant_cli.core.errors import UsageError
from merchant_cli.core.models import Question
from merchant_cli.core.operators import FULL
from merchant_cli.core.profile import Answer, AnswerError, build_profile, coerce_answer
from merchant_cli.core.record import Record, record
from merchant_cli.core.result import Evaluation, PlatformScore

MOVE_POINTS = 6
"""A change that moves some platform by at least this many points is worth reporting."""
MAX_CHANGES = 6
"""At most this many what-if entries, smallest changes first."""
NUMBER_STEP = 0.01
"""'Just below 80' for a non-integer question: 79.99 (prices are in fen)."""
PAIRED = 1
"""Changes of one question paired, per challenger: the one that gains most on the top
(for two answers no rule reads together, the best pair is made of such changes)."""


@record(kw_only=False)
class Change(Record):
    """One answer changed: the new value, and the threshold it sits beside, if any.

    `side` is "under" or "over" when the value was chosen as the nearest valid
    value on that side of `threshold`, else "at".
    """

    question: str
    old: Answer
    new: Answer
    side: str = "at"
    threshold: float | None = None
    cut: bool = False
    """A capacity (a `more` lever) goes down: said plainly, and tried after additions."""

    @property
    def size(self) -> float:
        """How far the answer moves: 1 for a choice; for a number, the change relative to
        where the merchant is now (at least 1), so a price raised eight-fold is a bigger
        step than three notes a week."""
        if isinstance(self.new, bool) or isinstance(self.new, str):
            return 1.0
        assert isinstance(self.old, int | float)
        return abs(self.new - self.old) / max(abs(self.old), 1)


@record(kw_only=False)
class WhatIf(Record):
    """One scenario: the changed answers, the scores they would give, the rules they move.

    A search tries hundreds of scenarios and keeps a few, so each holds its scores and
    the degrees of the rules it moves; the rules that apply, their ids and the full
    ranking (with every contribution) are built only when a kept scenario is shown.
    """

    changes: tuple[Change, ...]
    scores: dict[str, int | float]
    """platform -> score, best first, ties by platform id (as a ranking lists them)."""
    moved: frozenset[tuple[int, int]]
    """(position in pack order, degree now) of each rule whose degree the changes move."""
    scorer: Scorer = field(compare=False, repr=False)
    base: Firing = field(compare=False, repr=False)
    """The rules that apply on the answers as they are: position -> degree."""

    @cached_property
    def firing(self) -> dict[int, int]:
        found = {**self.base, **dict(self.moved)}
        return {index: degree for index, degree in found.items() if degree}

    @cached_property
    def switched_on(self) -> tuple[str, ...]:
        """Rules that did not apply and would."""
        return _rule_ids(self.scorer, {i for i, d in self.moved if d and i not in self.base})

    @cached_property
    def switched_off(self) -> tuple[str, ...]:
        """Rules that applied and would not."""
        return _rule_ids(self.scorer, {i for i, d in self.moved if not d})

    @cached_property
    def ranking(self) -> tuple[PlatformScore, ...]:
        return self.scorer.ranking(self.firing)

    @property
    def top(self) -> PlatformScore:
        return self.ranking[0]

    @property
    def values(self) -> dict[str, Answer]:
        return {c.question: c.new for c in self.changes}

    def changes_lead(self, before: Mapping[str, float]) -> bool:
        """Whether the platforms at the top would not be the same as `before`: another would
        overtake the leader or tie it (a close call is a change of answer too), or a tie at
        the top would be broken."""
        return leaders(self.scores) != leaders(before)

    def challenger(self, top: str) -> PlatformScore | None:
        """The platform that would overtake `top` or tie it, if any."""
        leader = self.scores[top]
        return next((s for s in self.ranking if s.platform != top and s.score >= leader), None)


def what_if(scorer: Scorer, evaluation: Evaluation) -> tuple[WhatIf, ...]:
    """Single changes that flip the top platform or move one by MOVE_POINTS, smallest first;
    plus the best two-answer flip when no single change flips the top."""
    base = _Scenario(scorer, evaluation)
    singles = [base.run((c,)) for c in _distinct(candidates(scorer, evaluation.profile))]
    scenarios = _nearest([s for s in singles if s is not None])
    flips = sorted((s for s in scenarios if base.flips(s)), key=base.order)
    movers = sorted(
        (s for s in scenarios if not base.flips(s) and base.moves(s) >= MOVE_POINTS),
        key=base.order,
    )
    pair = None if flips else base.best_pair(scenarios)
    if pair is None:
        return tuple([*flips, *movers][:MAX_CHANGES])
    return (*movers[: MAX_CHANGES - 1], pair)


def leaders(scores: Mapping[str, float]) -> frozenset[str]:
    """The platforms with the top score."""
    best = max(scores.values())
    return frozenset(platform for platform, score in scores.items() if score == best)


def _rule_ids(scorer: Scorer, positions: set[int]) -> tuple[str, ...]:
    return tuple(scorer.rules[index].rule.id for index in sorted(positions))


def candidates(scorer: Scorer, answers: Mapping[str, Answer]) -> Iterator[Change]:
    """Every alternative answer worth trying, per answered question in the pack's order."""
    thresholds = numeric_thresholds(scorer)
    for question in levers(scorer.pack.questions):
        current = answers.get(question.id)
        if current is None:
            continue
        if question.type == "choice":
            others = (c.id for c in question.choices or () if c.id != current)
            yield from (Change(question.id, current, value) for value in others)
        elif question.type == "boolean":
            yield Change(question.id, current, not current)
        else:
            for side, point in sorted(thresholds.get(question.id, ())):
                yield from _around(question, current, side, point)


def levers(questions: tuple[Question, ...]) -> tuple[Question, ...]:
    """The questions what-if may change: those marked as levers, or all when none is."""
    marked = tuple(q for q in questions if q.lever is not None)
    return marked or questions


def numeric_thresholds(scorer: Scorer) -> dict[str, set[tuple[str, float]]]:
    """Per number question, (side, x) pairs: `lower` if x itself falls on the lower side
    of the test (`lte`, `gt`, a `between` top), `upper` if on the upper (`lt`, `gte`),
    `both` for an equality; derived bands count as `lt` on their question."""
    pack = scorer.pack
    found: dict[str, set[tuple[str, float]]] = {}
    tested = set()
    for rule in pack.rules:
        for fact, comparison, _ in comparisons(rule.when):
            tested.add(fact)
            question = pack.question_by_id.get(fact)
            if question is None or question.type not in ("number", "integer"):
                continue
            found.setdefault(fact, set()).update(comparison.op.sides(comparison.value))
    for derived in pack.derived:
        if derived.id in tested:
            bounds = {("upper", b.below) for b in derived.bands if b.below is not None}
            found.setdefault(derived.from_, set()).update(bounds)
    return found


def _around(question: Question, current: Answer, side: str, point: float) -> Iterator[Change]:
    """The valid values nearest `point` on each side of the test, other than `current`."""
    if side == "graded":
        yield from _whole_around(question, current, point)
        return
    integer = question.type == "integer"
    below = math.ceil(point) - 1 if integer else round(point - NUMBER_STEP, 6)
    above = math.floor(point) + 1 if integer else round(point + NUMBER_STEP, 6)
    exact = point if not integer or point.is_integer() else None
    options = [("under", below), ("at", exact)] if side == "upper" else [("at", exact)]
    if side in ("lower", "both"):
        options.append(("over", above))
    if side == "both":
        options.insert(0, ("under", below))
    for label, value in options:
        if value is None:
            continue
        try:
            normalised = coerce_answer(question, value)
        except AnswerError:
            continue
        if normalised != current:
            shown = label if not integer else "at"
            cut = question.lever == "more" and float(normalised) < float(current)
            yield Change(question.id, current, normalised, shown, point, cut)


def _whole_around(question: Question, current: Answer, point: float) -> Iterator[Change]:
    """Whole numbers either side of where a graded comparison starts or stops changing: an
    example's reach is not a threshold, so what-if does not name it to the fen."""
    below = math.floor(point) if math.floor(point) < point else point - 1
    for value in (below, math.ceil(point)):
        try:
            normalised = coerce_answer(question, value)
        except AnswerError:
            continue
        if normalised != current:
            cut = question.lever == "more" and float(normalised) < float(current)
            yield Change(question.id, current, normalised, cut=cut)


def _distinct(changes: Iterator[Change]) -> list[Change]:
    """Drop repeats of a (question, value) pair; a value on a threshold keeps that label."""
    seen: dict[tuple[str, Answer], Change] = {}
    for change in changes:
        key = (change.question, change.new)
        if key not in seen or change.side == "at":
            seen[key] = change
    return list(seen.values())


def _nearest(scenarios: list[WhatIf]) -> list[WhatIf]:
    """Per question and effect (the rules moved), only the smallest change; no-ops go."""
    best: dict[tuple[str, frozenset[tuple[int, int]]], WhatIf] = {}
    for scenario in scenarios:
        if not scenario.moved:
            continue
        (change,) = scenario.changes
        key = (change.question, scenario.moved)
        if key not in best or change.size < best[key].changes[0].size:
            best[key] = scenario
    return list(best.values())


class _Scenario:
    """The base evaluation and the means to score changed answers against it."""

    def __init__(self, scorer: Scorer, evaluation: Evaluation) -> None:
        self.scorer = scorer
        self.base = evaluation
        self.base_firing = scorer.firing(evaluation.facts)
        rules = scorer.pack.rules
        self.platform_of = [r.platform for r in rules]
        self.points_of = [r.points for r in rules]
        self.base_tenths = {p.id: 0 for p in scorer.pack.platforms}
        for index, degree in self.base_firing.items():
            if self.platform_of[index] in self.base_tenths:
                self.base_tenths[self.platform_of[index]] += self.points_of[index] * degree
        self.position = {q.id: i for i, q in enumerate(scorer.pack.questions)}
        self.base_scores = {s.platform: s.score for s in evaluation.ranking}
        self.facts = evaluation.facts
        """The facts of the scenario scored last, the rules whose degree it moves from the
        base and its platforms' points: the next scenario starts from them, re-testing only
        the rules a move from these facts to its own can change (`Scorer.retest`)."""
        self.moved: dict[int, int] = {}
        self.tenths = dict(self.base_tenths)
        self.conditional = any(q.when is not None for q in scorer.pack.questions)
        """Whether an answer can make another question apply (or stop applying)."""

    def run(self, changes: tuple[Change, ...]) -> WhatIf | None:
        """The scores with `changes` applied: only the rules that may apply differently than
        in the scenario scored last are tested again, and only the points of the rules
        moved from the base are added or taken away, so a scenario costs what it moves,
        not the whole pack (a number's candidates, in order, each cross a threshold or two)."""
        answers = {**self.base.profile, **{c.question: c.new for c in changes}}
        if self.conditional:
            try:
                answers = dict(build_profile(self.scorer.pack, answers).answers)
            except UsageError:  # the change makes a required question apply
                return None
        # else every question applies whatever the answers: the changed values are checked
        # answers already (`candidates` coerces them), so the profile is the answers
        facts = self.scorer.facts(answers)
        retested = self.scorer.retest(self.facts, facts)
        now = self.scorer.firing(facts, retested)
        self.facts = facts
        for index in retested:
            based = self.base_firing.get(index, 0)
            before = self.moved.get(index, based)
            after = now.get(index, 0)
            if after == before:
                continue
            platform = self.platform_of[index]
            if platform in self.tenths:
                self.tenths[platform] += self.points_of[index] * (after - before)
            if after == based:
                del self.moved[index]
            else:
                self.moved[index] = after
        scores = {p: self.scorer.score_of(total) for p, total in self.tenths.items()}
        return WhatIf(
            changes,
            dict(sorted(scores.items(), key=lambda item: (-item[1], item[0]))),
            frozenset(self.moved.items()),
            self.scorer,
            self.base_firing,
        )

    def flips(self, scenario: WhatIf) -> bool:
        return scenario.changes_lead(self.base_scores)

    def moves(self, scenario: WhatIf) -> float:
        return max(abs(score - self.base_scores[p]) for p, score in scenario.scores.items())

    def order(self, scenario: WhatIf) -> tuple[float, ...]:
        """Fewest changes, additions before cuts, then the smallest move of the answers,
        then the pack's order."""
        return (
            len(scenario.changes),
            sum(c.cut for c in scenario.changes),
            sum(c.size for c in scenario.changes),
            -self.moves(scenario),
            *(self.position[c.question] for c in scenario.changes),
        )

    def best_pair(self, singles: list[WhatIf]) -> WhatIf | None:
        """The two-answer change (on different questions) that puts a new platform
        first by the widest margin; ties go to the smaller change.

        Two answers no rule reads together move the scores by the sum of their moves, so
        their pair is added up rather than run; and for each question only the change that
        does most for some challenger is paired (for added-up pairs the best pair is made
        of such changes), so a pack of thousands of thresholds pairs a few changes, not
        thousands."""
        best: tuple[tuple[float, ...], WhatIf] | None = None
        possible = self._could_flip()
        together = self._read_together()
        for first, second in itertools.combinations(self._shortlist(singles), 2):
            (a,), (b,) = first.changes, second.changes
            if a.question == b.question or not possible(a.question, b.question):
                continue
            if self.conditional or frozenset((a.question, b.question)) in together:
                scenario = self.run((a, b))
            else:
                scenario = self._added(first, second)
            if scenario is None or not self.flips(scenario):
                continue
            margin = max(scenario.scores.values()) - scenario.scores[self.base.top.platform]
            key = (-margin, *self.order(scenario))
            if best is None or key < best[0]:
                best = (key, scenario)
        return best[1] if best else None

    def _shortlist(self, singles: list[WhatIf]) -> list[WhatIf]:
        """Per question, the PAIRED changes that gain most on the top platform for each
        challenger (the smaller change first among equals), in their order."""
        top = self.base.top.platform
        kept: set[int] = set()
        by_question: dict[str, list[int]] = {}
        for index, scenario in enumerate(singles):
            by_question.setdefault(scenario.changes[0].question, []).append(index)
        for indices in by_question.values():
            for challenger in (p for p in self.base_scores if p != top):
                ranked = sorted(
                    indices,
                    key=lambda i: (
                        singles[i].scores[top] - singles[i].scores[challenger],
                        self.order(singles[i]),
                    ),
                )
                kept.update(ranked[:PAIRED])
        return [singles[i] for i in sorted(kept)]

    def _read_together(self) -> set[frozenset[str]]:
        """The pairs of questions some rule reads both of (a derived fact by its source)."""
        pack = self.scorer.pack
        source = {d.id: d.from_ for d in pack.derived}
        together: set[frozenset[str]] = set()
        for rule in pack.rules:
            read = sorted({source.get(f, f) for f, _, _ in comparisons(rule.when)})
            together.update(frozenset(pair) for pair in itertools.combinations(read, 2))
        return together

    def _added(self, first: WhatIf, second: WhatIf) -> WhatIf | None:
        """Two changes no rule reads together: each moves its own rules, as it does alone.
        None when together they do not change who leads (most pairs: no scenario built)."""
        moved = {**dict(first.moved), **dict(second.moved)}
        tenths = dict(self.base_tenths)
        for index, degree in moved.items():
            platform = self.platform_of[index]
            if platform in tenths:
                before = self.base_firing.get(index, 0)
                tenths[platform] += self.points_of[index] * (degree - before)
        scores = {p: self.scorer.score_of(total) for p, total in tenths.items()}
        if leaders(scores) == leaders(self.base_scores):
            return None
        return WhatIf(
            (*first.changes, *second.changes),
            dict(sorted(scores.items(), key=lambda item: (-item[1], item[0]))),
            frozenset(moved.items()),
            self.scorer,
            self.base_firing,
        )

    def _could_flip(self) -> Callable[[str, str], bool]:
        """A safe filter on question pairs: False only when no values of those two answers
        can lift any platform to the top one's score, bounding each platform's move by the
        points of the rules that test those answers (directly or through a derived band)."""
        pack = self.scorer.pack
        if any(q.when is not None for q in pack.questions):
            return lambda first, second: True  # answers change which questions apply
        source = {d.id: d.from_ for d in pack.derived}
        up: dict[tuple[str, str], float] = {}
        down: dict[tuple[str, str], float] = {}
        for index, rule in enumerate(pack.rules):
            degree = self.base_firing.get(index, 0) / FULL
            # from its degree now, a rule can rise to FULL or fall to nothing
            rise = max(rule.points * (1 - degree), -rule.points * degree)
            fall = max(rule.points * degree, -rule.points * (1 - degree))
            for question in {source.get(f, f) for f, _, _ in comparisons(rule.when)}:
                key = (rule.platform, question)
                up[key] = up.get(key, 0) + max(rise, 0)
                down[key] = down.get(key, 0) + max(fall, 0)
        meta = pack.meta.score
        raw = {platform: meta.base + tenths / FULL for platform, tenths in self.base_tenths.items()}
        top = self.base.top.platform

        def clamp(value: float) -> float:
            return min(max(value, meta.min), meta.max)

        def possible(first: str, second: str) -> bool:
            def moved(platform: str, table: dict[tuple[str, str], float]) -> float:
                return table.get((platform, first), 0) + table.get((platform, second), 0)

            floor = clamp(raw[top] - moved(top, down))
            return any(clamp(raw[p] + moved(p, up)) >= floor for p in raw if p != top)

        return possible
