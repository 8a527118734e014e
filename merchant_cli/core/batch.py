"""Score many merchants with one compiled pack: the library's batch iterator.

Each row is checked exactly as `evaluate` checks its answers (`coerce_answer`,
`build_profile`) and scored by the same `Scorer`. A ranking depends on a
row's answers only through the comparisons the pack makes, so rows are grouped
into classes (a choice's value; the interval between the pack's thresholds a
number falls in) and each class is scored once: a million rows cost a million
coercions and dictionary look-ups, not a million evaluations.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping
from operator import itemgetter
from typing import Any

from merchant_cli.core.conditions import comparisons
from merchant_cli.core.engine import Scorer
from merchant_cli.core.models import Question
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import (
    Answer,
    AnswerError,
    applicable_questions,
    build_profile,
    checked_answers,
    coerce_answer,
)
from merchant_cli.core.result import PlatformScore
from merchant_cli.core.rows import NOTHING as NOTHING
from merchant_cli.core.rows import Outcome as Outcome
from merchant_cli.core.rows import Record as Record
from merchant_cli.core.rows import Rejected as Rejected
from merchant_cli.core.rows import Scored as Scored
from merchant_cli.core.said import Said, clipped, joined, say
from merchant_cli.core.strategy import Decision, decide

MAX_CLASSES = 100_000
"""Entries kept per memo; a memo restarts beyond this, so memory stays flat."""


def score_records(
    pack: RulePack, records: Iterable[Record | Rejected], *, today: dt.date | None = None
) -> Iterator[Outcome]:
    """Score each record in order; a record that fails the answer checks becomes a Rejected."""
    batch = BatchScorer(pack, today=today)
    for record in records:
        yield record if isinstance(record, Rejected) else batch.score(record)


def score_batch(
    pack: RulePack, answers: Iterable[Mapping[str, Any]], *, today: dt.date | None = None
) -> Iterator[Outcome]:
    """The library entry point: one outcome per mapping of answers, numbered from 1.

    `today` dates the chance of ranking first as `evaluate`'s does (evidence ages); by
    default the evidence's own date."""
    return score_records(
        pack,
        (Record(number, None, row) for number, row in enumerate(answers, start=1)),
        today=today,
    )


Coerced = tuple[Answer, object]
"""A checked answer, and its class."""


class BatchScorer:
    """A pack compiled once, with the rankings of every class of answers seen so far.

    A row's ranking depends on how far each rule applies, and a rule's degree only on the
    classes of the answers it reads: rules reading the same questions form a group, each
    group keeps the degrees of every class of its answers seen so far, and the ranking is
    kept per combination of the groups' degrees. A million rows with distinct prices and
    hours then cost a few look-ups each, though graded rules split a price into many
    classes. A pack whose questions apply only under conditions (`when`) takes the way
    `evaluate` takes: the whole profile, kept per class of all the answers.
    """

    def __init__(
        self,
        pack: RulePack,
        *,
        today: dt.date | None = None,
        columns: Mapping[str, str] = NOTHING,
    ) -> None:
        self.pack = pack
        self.columns = columns
        """Question id -> its column's header as written: a bad answer is named by it
        (`column 价格: ...`); without one, by the question id (a JSON key)."""
        self.today = today or pack.meta.as_of
        self.scorer = Scorer(pack)
        self.classes = _answer_classes(pack)
        self.memo: dict[object, _Ranked | Said] = {}
        named = self.scorer.named_values
        self.quiet = tuple(
            (q.id, named[q.id], q.default)
            for q in pack.questions
            if q.type == "choice" and q.id in named
        )
        """Choice questions some rule names values of: any other value is one the evidence
        never addresses, as `evaluate`'s thin-evidence notice says."""
        leading = [q for q, _, _ in self.quiet] + list(pack.meta.decide_by)
        self.leading_questions = tuple(dict.fromkeys(leading))
        """The questions a lead reads besides the class."""
        self.leading_defaults = tuple(
            pack.question_by_id[q].default for q in self.leading_questions
        )
        self.lead_keys: dict[tuple[object, ...], tuple[tuple[str, ...], tuple[object, ...]]] = {}
        self.coerced: dict[str, dict[object, Coerced | None]] = {q.id: {} for q in pack.questions}
        self.grouped = all(q.when is None for q in pack.questions)
        self.groups = _rule_groups(pack) if self.grouped else ()
        self.defaults: dict[str, tuple[Answer, object]] = {}
        for question in pack.questions if self.grouped else ():
            if question.default is not None:
                answer = coerce_answer(question, question.default)
                self.defaults[question.id] = (answer, self.classes[question.id](answer))
        self.default_classes = {q: c for q, (_, c) in self.defaults.items()}
        self.required = {q.id for q in pack.questions if q.default is None}

    def score(self, record: Record) -> Outcome:
        coerced = self._coerce(record.answers)
        if coerced is None:
            problems = _answer_problems(self.pack, record.answers, self.columns)
            return Rejected(record.row, record.id, problems, _cells(record))
        answers, classes = coerced
        found = self._grouped(answers, classes) if self.grouped else self._whole(answers, classes)
        if isinstance(found, Said):
            return Rejected(record.row, record.id, found, _cells(record))
        said = tuple(map(answers.get, self.leading_questions, self.leading_defaults))
        lead = self.lead_keys.get(said) or self._lead_key(said)
        decision = found.leads.get(lead) or self._decide(found, lead)
        return Scored(record.row, record.id, found.ranking, decision, lead[0], record.extra)

    def _lead_key(self, said: tuple[object, ...]) -> tuple[tuple[str, ...], tuple[object, ...]]:
        """The questions whose answers the evidence never addresses (a choice no rule names,
        as `evaluate`'s thin-evidence notice says; never the default), and the answers to
        the pack's `decide_by` questions: besides the class, all a lead depends on."""
        answers = dict(zip(self.leading_questions, said, strict=True))
        silent = tuple(
            question
            for question, named, default in self.quiet
            if answers[question] not in named and answers[question] != default
        )
        picked = tuple(answers[question] for question in self.pack.meta.decide_by)
        found = self.lead_keys[said] = (silent, picked)
        return found

    def _decide(
        self, ranked: _Ranked, lead: tuple[tuple[str, ...], tuple[object, ...]]
    ) -> Decision:
        """The lead of a class of rows. It depends on which rules apply and how strongly
        (the class), on how many answers the evidence is silent about, and on the answers
        to the pack's `decide_by` questions: nothing else of the row. The chance of ranking
        first, its costly part, is kept without the answers."""
        silent, picked = len(lead[0]), lead[1]
        first = ranked.chances.get(silent)
        if first is None:
            first = ranked.chances[silent] = self.scorer.first(ranked.ranking, silent, self.today)
        answers = dict(zip(self.pack.meta.decide_by, picked, strict=True))
        decided = ranked.leads[lead] = decide(self.pack, ranked.ranking, first, answers)
        return decided

    def _whole(self, answers: dict[str, Answer], classes: dict[str, object]) -> _Ranked | Said:
        key = tuple(classes.items())
        found = self.memo.get(key)
        if found is None:
            ranking = self._rank(answers)
            found = ranking if isinstance(ranking, Said) else _Ranked(ranking)
            _keep(self.memo, key, found)
        return found

    def _grouped(self, answers: dict[str, Answer], given: dict[str, object]) -> _Ranked | Said:
        if not self.required <= answers.keys():
            return self._missing(answers)
        classes = {**self.default_classes, **given}
        found_degrees = []
        for group in self.groups:
            group_key = group.key(classes)
            known = group.memo.get(group_key)
            if known is None:
                known = group.degrees(self, answers)
                _keep(group.memo, group_key, known)
            found_degrees.append(known)
        degrees = tuple(found_degrees)
        found = self.memo.get(degrees)
        if found is None:
            firing = {
                index: degree
                for group, found_degrees in zip(self.groups, degrees, strict=True)
                for index, degree in zip(group.rules, found_degrees, strict=True)
                if degree
            }
            found = _Ranked(self.scorer.ranking(firing))
            _keep(self.memo, degrees, found)
        return found

    def _missing(self, answers: Mapping[str, Answer]) -> Said:
        missing = [q.id for q in self.pack.questions if q.id not in answers and q.default is None]
        return say("batch.missing", ids=", ".join(missing))

    def effective(self, answers: Mapping[str, Answer]) -> dict[str, Answer]:
        """The answers with every default filled in: what a rule's condition reads."""
        return self.scorer.facts({**{q: a for q, (a, _) in self.defaults.items()}, **answers})

    def _coerce(self, raw: Mapping[str, Any]) -> tuple[dict[str, Answer], dict[str, object]] | None:
        """What `merge_answers` returns, and each answer's class; None if an answer is bad.

        Each distinct raw value is checked once per question: a million rows repeat a
        few thousand categories, prices and counts. Text (every CSV cell) is its own
        memo key; any other value is keyed with its type, as True == 1 yet only one
        is a number.
        """
        answers: dict[str, Answer] = {}
        classes: dict[str, object] = {}
        for name, value in raw.items():
            memo = self.coerced.get(name)
            if memo is None:
                return None  # not a question of this pack
            memo_key = value if type(value) is str else (type(value), value)
            if memo_key in memo:
                found = memo[memo_key]
            else:
                found = self._coerce_one(name, value)
                if len(memo) >= MAX_CLASSES:
                    memo.clear()
                memo[memo_key] = found
            if found is None:
                return None
            answers[name], classes[name] = found
        return answers, classes

    def _coerce_one(self, name: str, value: Any) -> Coerced | None:
        question = self.pack.question_by_id[name]
        try:
            answer = coerce_answer(question, value)
        except AnswerError:
            return None
        return answer, self.classes[name](answer)

    def _rank(self, answers: Mapping[str, Answer]) -> tuple[PlatformScore, ...] | Said:
        missing = [
            q.id
            for q in applicable_questions(self.pack, answers)
            if q.id not in answers and q.default is None
        ]
        if missing:
            return say("batch.missing", ids=", ".join(missing))
        profile = build_profile(self.pack, answers)
        return self.scorer.rank(self.scorer.facts(profile.answers))


class _Ranked:
    """A class of rows' ranking, and its leads as they are asked for: by how many answers
    the evidence is silent about (the chance of ranking first) and by the answers to the
    pack's `decide_by` questions (the lead)."""

    __slots__ = ("chances", "leads", "ranking")

    def __init__(self, ranking: tuple[PlatformScore, ...]) -> None:
        self.ranking = ranking
        self.chances: dict[int, dict[str, float]] = {}
        self.leads: dict[tuple[tuple[str, ...], tuple[object, ...]], Decision] = {}


Classify = Callable[[Any], object]
"""A function from an answer to a hashable class."""


def _answer_classes(pack: RulePack) -> dict[str, Classify]:
    """Per question, the function giving the class of its answer.

    Choices and yes/no answers are their own class. A number's class is its
    position among every threshold the pack compares it (or a fact derived from
    it) with, and whether it equals one: two numbers in the same class satisfy
    exactly the same comparisons, so they fire the same rules.
    """
    thresholds: dict[str, set[float]] = {q.id: set() for q in pack.questions}
    derived_from = {d.id: d.from_ for d in pack.derived}
    for derived in pack.derived:
        thresholds.setdefault(derived.from_, set()).update(
            b.below for b in derived.bands if b.below is not None
        )
    conditions = [r.when for r in pack.rules] + [q.when for q in pack.questions]
    for condition in conditions:
        for fact, comparison, _ in comparisons(condition):
            numbers = comparison.op.numbers(comparison.value)
            thresholds.setdefault(derived_from.get(fact, fact), set()).update(numbers)
    return {
        q.id: _by_value if q.type in ("choice", "boolean") else _by_interval(thresholds[q.id])
        for q in pack.questions
    }


def _by_value(value: Answer) -> object:
    return value


def _by_interval(points: set[float]) -> Classify:
    ordered = sorted(points)

    def classify(value: Answer) -> object:
        return bisect_left(ordered, value), value in points

    return classify


def _cells(record: Record) -> Mapping[str, Any]:
    """A rejected record's cells: its answers and its extra columns, as given."""
    return {**record.answers, **record.extra} if record.extra else record.answers


def _answer_problems(pack: RulePack, raw: Mapping[str, Any], columns: Mapping[str, str]) -> Said:
    """Every bad answer of a row, each named by its column as written (or its JSON key),
    never by its flag: a batch file has columns, not flags: `column 价格: must be greater
    than 0`, not `--price: ...`."""

    def named(question: Question) -> str | Said:
        written = columns.get(question.id)
        return question.id if written is None else say("batch.column", name=clipped(written))

    _, problems = checked_answers(pack, raw, named)
    return joined(problems, "; ")


def _keep(memo: dict[Any, Any], key: Any, value: Any) -> None:
    """`memo[key] = value`, restarting the memo when full, so memory stays flat."""
    if len(memo) >= MAX_CLASSES:
        memo.clear()
    memo[key] = value


class _Group:
    """Rules reading the same questions, and their degrees for each class of those answers."""

    def __init__(self, questions: tuple[str, ...], rules: tuple[int, ...]) -> None:
        self.questions = questions
        self.rules = rules
        self.memo: dict[object, tuple[int, ...]] = {}
        self.key: Callable[[Mapping[str, object]], object] = (
            itemgetter(*questions) if questions else _no_key
        )
        """The classes of this group's answers, as a memo key."""

    def degrees(self, batch: BatchScorer, answers: Mapping[str, Answer]) -> tuple[int, ...]:
        facts = batch.effective(answers)
        tests = batch.scorer.rules
        return tuple(tests[index].test(facts) for index in self.rules)


def _no_key(_: Mapping[str, object]) -> object:
    return None


def _rule_groups(pack: RulePack) -> tuple[_Group, ...]:
    """The pack's rules grouped by the questions they read (a derived fact by its source; a
    fact no question gives is never answered): a group whose questions another group reads
    too joins that one, so a row costs a look-up per group, and there are few."""
    source = {d.id: d.from_ for d in pack.derived}
    asked = {q.id for q in pack.questions}
    reads: dict[frozenset[str], list[int]] = {}
    for index, rule in enumerate(pack.rules):
        read = {source.get(fact, fact) for fact, _, _ in comparisons(rule.when)}
        reads.setdefault(frozenset(read & asked), []).append(index)
    merged: dict[frozenset[str], list[int]] = {}
    for questions in sorted(reads, key=lambda q: (-len(q), sorted(q))):
        wider = next((w for w in merged if questions <= w), None)
        merged.setdefault(questions if wider is None else wider, []).extend(reads[questions])
    return tuple(
        _Group(tuple(sorted(questions)), tuple(sorted(rules)))
        for questions, rules in merged.items()
    )
