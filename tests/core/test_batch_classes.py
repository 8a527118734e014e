"""The batch iterator's classes and memos (`core.batch`), on a pack small enough to know.

Batch scores a class of answers once, so a threshold missing from a class, or two
answers sharing a memo entry they must not share, would give a row another row's
ranking without any error. These tests state each class exactly and check that the
memos stay bounded and keep apart what only looks equal (`True == 1`).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from merchant_cli.core import batch
from merchant_cli.core.batch import (
    BatchScorer,
    Record,
    Rejected,
    Scored,
    _answer_classes,
    _by_value,
    score_batch,
    score_records,
)
from merchant_cli.core.engine import evaluate
from merchant_cli.core.models import Derived, PackMeta, Platform, Rule
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import build_profile
from merchant_cli.core.said import joined, say
from merchant_cli.packs.validation import parse
from tests.core.test_profile_answers import TEXT, _question


def _rule(ident: str, platform: str, points: int, when: Any) -> Rule:
    data = {
        "id": ident,
        "platform": platform,
        "points": points,
        "reason": TEXT,
        "evidence": ["E1"],
        "when": when,
    }
    return parse(Rule, data)


@pytest.fixture(scope="module")
def small() -> RulePack:
    """price (banded below 10 and 20), count (asked only from a price of 50), kind, live.

    One rule compares the band with a number: odd, but its threshold belongs to price."""
    band = parse(
        Derived,
        {
            "id": "band",
            "from": "price",
            "label": TEXT,
            "bands": [
                {"id": "low", "label": TEXT, "below": 10},
                {"id": "mid", "label": TEXT, "below": 20},
                {"id": "high", "label": TEXT},
            ],
        },
    )
    return RulePack(
        meta=parse(PackMeta, {"name": "t", "version": "1", "as_of": "2025-01-16"}),
        platforms=tuple(parse(Platform, {"id": p, "name": TEXT}) for p in ("alpha", "beta")),
        questions=(
            _question("price", "number", min=0),
            _question("count", "integer", when={"price": {"gte": 50}}),
            _question(
                "kind",
                "choice",
                choices=[{"id": "a", "label": TEXT}, {"id": "b", "label": TEXT}],
                default="a",
            ),
            _question("live", "boolean", default=False),
        ),
        derived=(band,),
        rules=(
            _rule("cheap", "alpha", 10, {"price": {"lt": 15}}),
            _rule("middle", "beta", 5, {"band": {"in": ["mid", 33]}}),
            _rule("some", "beta", 7, {"count": {"between": [3, 7]}}),
            _rule("kind-b", "alpha", -4, {"not": {"kind": {"in": ["a"]}}}),
            _rule("live", "beta", 3, {"live": {"eq": True}}),
        ),
    )


def test_a_number_s_class_is_its_place_among_every_threshold(small: RulePack) -> None:
    classes = _answer_classes(small)
    assert classes["kind"] is _by_value and classes["live"] is _by_value
    price = classes["price"]  # the bands' 10 and 20, the rules' 15 and 33 (on the band), count's 50
    values = (0, 10, 12, 15, 17, 20, 30, 33, 40, 50, 51)
    assert [price(v) for v in values] == [
        (0, False),
        (0, True),
        (1, False),
        (1, True),
        (2, False),
        (2, True),
        (3, False),
        (3, True),
        (4, False),
        (4, True),
        (5, False),
    ]
    count = classes["count"]
    assert [count(v) for v in (2, 3, 5, 7, 8)] == [
        (0, False),
        (0, True),
        (1, False),
        (1, True),
        (2, False),
    ]


def test_rows_score_as_evaluate_does(small: RulePack) -> None:
    rows: list[dict[str, Any]] = [
        {"price": 5},
        {"price": "12", "kind": "b", "live": "yes"},
        {"price": 15.0, "live": True},
        {"price": 60, "count": 3},
        {"price": 60, "count": "8"},
        {"price": 19.5, "kind": "a"},
    ]
    outcomes = list(score_batch(small, rows))
    assert [o.row for o in outcomes] == [1, 2, 3, 4, 5, 6]
    for row, outcome in zip(rows, outcomes, strict=True):
        assert isinstance(outcome, Scored) and outcome.id is None
        expected = evaluate(build_profile(small, row), small).ranking
        assert outcome.ranking == expected and outcome.top == expected[0]


def test_bad_rows_are_rejected_with_every_problem(small: RulePack) -> None:
    scorer = BatchScorer(small)
    missing = scorer.score(Record(4, "m", {"price": 60}))
    assert missing == Rejected(4, "m", say("batch.missing", ids="count"), {"price": 60})
    unknown = scorer.score(Record(5, None, {"price": 5, "colour": "red"}))
    assert isinstance(unknown, Rejected) and unknown.row == 5
    assert unknown.reason.key == joined([], "").key and unknown.reason.value("separator") == "; "
    bad = scorer.score(Record(6, None, {"price": -1, "kind": "c"}))
    assert isinstance(bad, Rejected)
    parts = bad.reason.value("parts")
    assert isinstance(parts, tuple) and len(parts) == 2
    nothing = scorer.score(Record(7, None, {}))
    assert nothing == Rejected(7, None, say("batch.missing", ids="price"))


def test_a_number_and_a_yes_never_share_a_memo_entry(small: RulePack) -> None:
    """`True == 1` in Python, yet only 1 is a price."""
    scorer = BatchScorer(small)
    assert isinstance(scorer.score(Record(1, None, {"price": 1})), Scored)
    assert isinstance(scorer.score(Record(2, None, {"price": True})), Rejected)
    assert isinstance(scorer.score(Record(3, None, {"price": "1"})), Scored)
    assert isinstance(scorer.score(Record(4, None, {"price": 1.0})), Scored)
    assert set(scorer.coerced["price"]) == {(int, 1), (bool, True), "1", (float, 1.0)}


def test_memos_restart_when_full(small: RulePack, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "MAX_CLASSES", 2)
    scorer = BatchScorer(small)
    for number, price in enumerate((5, 12, 30), start=1):
        assert isinstance(scorer.score(Record(number, None, {"price": price})), Scored)
    assert len(scorer.memo) == 1 and len(scorer.coerced["price"]) == 1
    again = scorer.score(Record(4, None, {"price": 5}))
    assert isinstance(again, Scored)
    assert again.ranking == evaluate(build_profile(small, {"price": 5}), small).ranking
    assert len(scorer.memo) == 2


def test_the_same_class_is_ranked_once(small: RulePack) -> None:
    scorer = BatchScorer(small)
    first = scorer.score(Record(1, None, {"price": 11}))
    second = scorer.score(Record(2, None, {"price": 13}))
    assert isinstance(first, Scored) and isinstance(second, Scored)
    assert second.ranking is first.ranking and len(scorer.memo) == 1
    rejected = scorer.score(Record(3, None, {"price": 60}))
    assert rejected == Rejected(3, None, say("batch.missing", ids="count"), {"price": 60})
    assert scorer.score(Record(4, "x", {"price": 61})) == Rejected(
        4, "x", say("batch.missing", ids="count"), {"price": 61}
    )
    assert len(scorer.memo) == 2


def test_records_keep_their_order_and_rejects_pass_through(small: RulePack) -> None:
    passed = Rejected(2, "r", say("batch.unreadable"))
    outcomes = list(
        score_records(small, [Record(1, "a", {"price": 5}), passed, Record(3, "c", {"price": 50})])
    )
    assert outcomes[1] is passed
    assert [(o.row, o.id, type(o)) for o in outcomes] == [
        (1, "a", Scored),
        (2, "r", Rejected),
        (3, "c", Rejected),
    ]


def test_every_missing_answer_is_named(pack: RulePack) -> None:
    rejected = BatchScorer(pack).score(Record(1, None, {"category": "shoes"}))
    ids = ", ".join(q.id for q in pack.questions if q.default is None and q.id != "category")
    assert ids.count(", ") >= 2
    assert rejected == Rejected(1, None, say("batch.missing", ids=ids), {"category": "shoes"})


def test_a_fact_no_question_gives_gets_thresholds_of_its_own(small: RulePack) -> None:
    """A pack built in code, unchecked, may test a fact (or band one) that no question
    gives: batch keeps its thresholds apart rather than failing, and scores as before."""
    ghost_band = parse(
        Derived,
        {
            "id": "ghost_band",
            "from": "ghost",
            "label": TEXT,
            "bands": [{"id": "lo", "label": TEXT, "below": 1}, {"id": "hi", "label": TEXT}],
        },
    )
    odd = dataclasses.replace(
        small,
        derived=(*small.derived, ghost_band),
        rules=(
            *small.rules,
            _rule("ghost", "alpha", 2, {"ghost": {"lt": 5}}),
            _rule("phantom", "beta", 1, {"phantom": {"gt": 2}}),
        ),
    )
    classes = _answer_classes(odd)
    assert set(classes) == {q.id for q in odd.questions}
    assert classes["price"](33) == (3, True)
    outcome = BatchScorer(odd).score(Record(1, None, {"price": 5}))
    assert isinstance(outcome, Scored)
    assert outcome.ranking == evaluate(build_profile(odd, {"price": 5}), odd).ranking
