"""What-if against brute force: the pair filter, yes/no levers, conditional questions, and a
grid of merchants on the built-in pack searched with and without pruning (issue 13)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from merchant_cli.core import whatif
from merchant_cli.core.engine import Scorer
from merchant_cli.core.models import Derived, PackMeta, Platform, Question, Rule
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import build_profile
from merchant_cli.core.whatif import Change, WhatIf, _Scenario, candidates, what_if
from merchant_cli.packs.validation import parse

TEXT = {"en": "x", "zh": "x"}


def _question(ident: str, kind: str, **extra: Any) -> Question:
    return parse(
        Question,
        {"id": ident, "type": kind, "label": {"en": ident, "zh": ident}, "help": TEXT, **extra},
    )


def _choice(ident: str, *choices: str, **extra: Any) -> Question:
    return _question(ident, "choice", choices=[{"id": c, "label": TEXT} for c in choices], **extra)


def _rule(ident: str, platform: str, points: int, when: Any = None) -> Rule:
    return parse(Rule, {
        "id": ident, "platform": platform, "points": points, "when": when,
        "reason": TEXT, "evidence": ["E1"],
    })  # fmt: skip


def _pack(
    questions: list[Question], rules: list[Rule], derived: tuple[Derived, ...] = (), **meta: Any
) -> RulePack:
    return RulePack(
        meta=parse(PackMeta, {"name": "t", "version": "1", "as_of": "2025-01-16", **meta}),
        platforms=tuple(
            parse(Platform, {"id": p, "name": {"en": p.title(), "zh": p}})
            for p in ("alpha", "beta", "gamma")
        ),
        questions=tuple(questions),
        derived=derived,
        rules=tuple(rules),
    )


def _search(pack: RulePack, answers: dict[str, Any]) -> tuple[WhatIf, ...]:
    scorer = Scorer(pack)
    return what_if(scorer, scorer.evaluate(build_profile(pack, answers)))


def _unpruned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(whatif._Scenario, "_could_flip", lambda self: lambda a, b: True)


# Yes/no levers -----------------------------------------------------------------------------


@pytest.mark.parametrize(("now", "then"), [(False, True), (True, False)])
def test_a_yes_no_answer_is_tried_the_other_way(now: bool, then: bool) -> None:
    pack = _pack(
        [_question("live", "boolean", lever="any"), _choice("kind", "a", "b")],
        [_rule("a", "alpha", 5), _rule("b-live", "beta", 10, {"live": {"eq": then}})],
    )
    scorer = Scorer(pack)
    profile = build_profile(pack, {"live": "是" if now else "否", "kind": "a"})
    assert list(candidates(scorer, profile.answers)) == [Change("live", now, then)]
    (found,) = what_if(scorer, scorer.evaluate(profile))
    assert found.values == {"live": then} and found.top.platform == "beta"
    assert found.scores == {"beta": 60, "alpha": 55, "gamma": 50}
    assert found.changes[0].size == 1.0


# The two-answer search and its filter -----------------------------------------------------

BAND = parse(Derived, {
    "id": "band", "from": "price", "label": TEXT,
    "bands": [{"id": "low", "below": 25, "label": TEXT}, {"id": "high", "label": TEXT}],
})  # fmt: skip
FILTERED = [
    _choice("a", "x", "y"), _choice("b", "x", "y"), _choice("c", "x", "y"),
    _question("price", "number", min=0, min_exclusive=True),
]  # fmt: skip
RULES = [
    _rule("r1", "alpha", 10),
    _rule("r2", "alpha", 3, {"c": {"eq": "y"}}),  # fired: a change of c can take 3 off alpha
    _rule("r3", "beta", 10, {"a": {"eq": "x"}}),  # not fired: a can add 10 to beta
    _rule("r4", "beta", 3, {"b": {"eq": "x"}}),  # not fired: b can add 3 ...
    _rule("r5", "beta", -2, {"b": {"eq": "y"}}),  # fired, negative: ... and 2 more
    _rule("r6", "beta", 5, {"band": {"eq": "high"}}),  # through the band: price can add 5
    _rule("r7", "alpha", -4, {"a": {"eq": "x"}}),  # not fired, negative: a can take 4 off alpha
]
BASE = {"a": "y", "b": "y", "c": "y", "price": 10}


def _possible(pack: RulePack) -> dict[tuple[str, str], bool]:
    scorer = Scorer(pack)
    possible = _Scenario(scorer, scorer.evaluate(build_profile(pack, BASE)))._could_flip()
    names = [q.id for q in pack.questions]
    return {(f, s): possible(f, s) for f, s in itertools.combinations(names, 2)}


def test_the_pair_filter_bounds_each_platforms_move_exactly() -> None:
    # alpha 63, beta 48, gamma 50; beta can rise 10 (a), 5 (b), 5 (price); alpha can fall
    # 4 (a) and 3 (c). A pair is kept when beta's best reaches alpha's worst.
    assert _possible(_pack(FILTERED, RULES, (BAND,))) == {
        ("a", "b"): True,  # 63 >= 59
        ("a", "c"): True,  # 58 >= 56
        ("a", "price"): True,  # 63 >= 59
        ("b", "c"): False,  # 53 < 60
        ("b", "price"): False,  # 58 < 63
        ("c", "price"): False,  # 53 < 60
    }


def test_the_pair_filter_keeps_a_pair_that_only_ties() -> None:
    rules = [*RULES, _rule("r8", "beta", 2, {"c": {"eq": "x"}})]
    # (b, c): beta 48 + 5 + 2 = 55 < 60 still; (c, price): 48 + 2 + 5 = 55 < 60
    assert _possible(_pack(FILTERED, rules, (BAND,)))[("b", "c")] is False
    rules = [*RULES, _rule("r8", "beta", 7, {"c": {"eq": "x"}})]
    # (b, c): 48 + 5 + 7 = 60 >= 60: a tie is a close call, worth searching
    found = _possible(_pack(FILTERED, rules, (BAND,)))
    assert found[("b", "c")] is True and found[("b", "price")] is False


def test_the_pair_filter_bounds_within_the_score_range() -> None:
    # With scores capped at 55, alpha's 63 counts as 55: beta's 58 from (b, price) reaches it.
    capped = _possible(_pack(FILTERED, RULES, (BAND,), score={"base": 50, "min": 0, "max": 55}))
    assert capped[("b", "price")] is True and capped[("c", "price")] is False
    # With a floor of 49, beta's 48 + 5 counts from 49 ... still short of alpha's 60.
    floored = _possible(_pack(FILTERED, RULES, (BAND,), score={"base": 50, "min": 49, "max": 100}))
    assert floored[("b", "c")] is False


def test_the_pair_filter_is_sound_against_every_pair_of_values() -> None:
    """Whatever the filter drops, no two changed answers could have flipped."""
    capped = _pack(FILTERED, RULES, (BAND,), score={"max": 55})
    for pack in (_pack(FILTERED, RULES, (BAND,)), capped):
        scorer = Scorer(pack)
        evaluation = scorer.evaluate(build_profile(pack, BASE))
        base = _Scenario(scorer, evaluation)
        possible = base._could_flip()
        singles = list(candidates(scorer, evaluation.profile))
        for first, second in itertools.combinations(singles, 2):
            if first.question == second.question or possible(first.question, second.question):
                continue
            scenario = base.run((first, second))
            assert scenario is not None and not base.flips(scenario), (first, second)


def test_the_pair_search_is_not_filtered_when_answers_decide_which_questions_apply() -> None:
    # Going offline drops `shop`, and with it alpha's rule on it: no rule reads `online`,
    # so a filter bounding moves by the rules that read the pair would miss this flip.
    pack = _pack(
        [
            _question("online", "boolean", lever="any"),
            _choice("shop", "own", "mall", when={"online": {"eq": True}}),
            _choice("colour", "red", "blue", lever="any"),
        ],
        [
            _rule("a", "alpha", 3),
            _rule("a-own", "alpha", 10, {"shop": {"eq": "own"}}),
            _rule("b-blue", "beta", 5, {"colour": {"eq": "blue"}}),
        ],
    )
    found = _search(pack, {"online": True, "shop": "own", "colour": "red"})
    assert [(f.values, f.top.platform) for f in found] == [
        ({"online": False}, "alpha"),  # moves alpha by 10: reported, but no flip
        ({"online": False, "colour": "blue"}, "beta"),
    ]
    assert found[-1].scores == {"beta": 55, "alpha": 53, "gamma": 50}


# The built-in pack over a grid of merchants ------------------------------------------------


def _grid(pack: RulePack, step: int) -> list[dict[str, Any]]:
    """Every `step`-th merchant of a grid over every question's interesting values."""
    category = [c.id for c in pack.question_by_id["category"].choices or ()]
    merchant = [c.id for c in pack.question_by_id["merchant_type"].choices or ()]
    goal = [c.id for c in pack.question_by_id["goal"].choices or ()]
    grid = itertools.product(
        category, [9.9, 24.9, 79.99, 88, 150, 300, 800], [0, 2, 5], [0, 1, 4],
        [0, 6, 25], goal, merchant,
    )  # fmt: skip
    names = ("category", "price", "notes_per_week", "videos_per_week",
             "live_hours_per_week", "goal", "merchant_type")  # fmt: skip
    sample = itertools.islice(grid, 0, None, step)
    return [dict(zip(names, values, strict=True)) for values in sample]


def test_pruning_the_pair_search_never_changes_its_answer_over_a_grid(
    pack: RulePack, monkeypatch: pytest.MonkeyPatch
) -> None:
    scorer = Scorer(pack)
    evaluations = [scorer.evaluate(build_profile(pack, a)) for a in _grid(pack, 173)]
    pruned = [what_if(scorer, e) for e in evaluations]
    paired = sum(bool(found) and len(found[-1].changes) == 2 for found in pruned)
    assert paired >= 8, paired  # the grid reaches the pair search
    _unpruned(monkeypatch)
    assert [what_if(scorer, e) for e in evaluations] == pruned


def test_every_what_if_over_a_grid_ranks_as_evaluate_does(pack: RulePack) -> None:
    scorer = Scorer(pack)
    for answers in _grid(pack, 401):
        evaluation = scorer.evaluate(build_profile(pack, answers))
        for found in what_if(scorer, evaluation):
            again = scorer.evaluate(build_profile(pack, {**evaluation.profile, **found.values}))
            assert found.ranking == again.ranking, (answers, found.values)
            assert list(found.scores.items()) == [(s.platform, s.score) for s in again.ranking]
            assert found.changes and all(c.new != c.old for c in found.changes)


def test_the_values_tried_sit_just_either_side_of_each_threshold() -> None:
    pack = _pack(
        [
            _question("price", "number", min=0, min_exclusive=True, lever="any"),
            _question("notes", "integer", min=0, max=9, lever="more"),
            _question("hours", "number", min=0),  # not a lever: never changed
        ],
        [
            _rule("p-eq", "alpha", 1, {"price": {"eq": 30}}),
            _rule("p-lte", "alpha", 1, {"price": {"lte": 50}}),
            _rule("p-lt", "alpha", 1, {"price": {"lt": 80}}),
            _rule("n-gt", "beta", 1, {"notes": {"gt": 4}}),
            _rule("n-between", "beta", 1, {"notes": {"between": [2.5, 9]}}),
            _rule("h-gt", "beta", 1, {"hours": {"gt": 4}}),
        ],
    )
    found = list(candidates(Scorer(pack), {"price": 80, "notes": 7, "hours": 1}))
    assert found == [
        Change("price", 80, 29.99, "under", 30.0),
        Change("price", 80, 30, "at", 30.0),
        Change("price", 80, 30.01, "over", 30.0),
        Change("price", 80, 50, "at", 50.0),
        Change("price", 80, 50.01, "over", 50.0),
        Change("price", 80, 79.99, "under", 80.0),  # 80 itself is the answer now
        # whole numbers only, each labelled `at`; 10 exceeds the maximum; fewer is a cut
        Change("notes", 7, 4, "at", 4.0, cut=True),
        Change("notes", 7, 5, "at", 4.0, cut=True),
        Change("notes", 7, 9, "at", 9.0),
        Change("notes", 7, 2, "at", 2.5, cut=True),
    ]
    assert all(type(c.new) is (float if c.side != "at" else int) for c in found)


def test_the_pair_filter_counts_every_point_exactly_once() -> None:
    """One point short of alpha's 60 on every side: any extra point would keep the pair."""
    pack = _pack(
        [_choice("b", "x", "y"), _choice("c", "x", "y")],
        [
            _rule("a1", "alpha", 10),
            _rule("a2", "alpha", 2, {"b": {"eq": "x"}}),  # could only rise: alpha's floor stays
            _rule("b1", "beta", 4, {"b": {"eq": "x"}}),
            _rule("b2", "beta", 5, {"c": {"eq": "x"}}),
            _rule("b3", "beta", -1, {"c": {"eq": "x"}}),  # could only fall: no rise to count
        ],
    )
    scorer = Scorer(pack)
    evaluation = scorer.evaluate(build_profile(pack, {"b": "y", "c": "y"}))
    possible = _Scenario(scorer, evaluation)._could_flip()
    assert possible("b", "c") is False and possible("c", "b") is False


def test_cut_to_the_limit_with_a_pair_five_movers_are_kept() -> None:
    names = [f"q{i}" for i in range(7)]
    pack = _pack(
        [_question(n, "boolean", lever="any") for n in names],
        [_rule("a", "alpha", 10), *(_rule(n, "beta", 6, {n: {"eq": True}}) for n in names)],
    )
    found = _search(pack, dict.fromkeys(names, False))
    assert [len(f.changes) for f in found] == [1, 1, 1, 1, 1, 2]
    assert [f.values for f in found[:5]] == [{n: True} for n in names[:5]]
    assert found[-1].values == {"q0": True, "q1": True} and found[-1].top.platform == "beta"


def test_an_unanswered_lever_does_not_end_the_candidates() -> None:
    pack = _pack(
        [
            _question("online", "boolean", default=False),
            _choice("shop", "own", "mall", when={"online": {"eq": True}}, lever="any"),
            _choice("colour", "red", "blue", lever="any"),
        ],
        [_rule("b-blue", "beta", 5, {"colour": {"eq": "blue"}})],
    )
    scorer = Scorer(pack)
    answers = build_profile(pack, {"colour": "red"}).answers
    assert list(candidates(scorer, answers)) == [Change("colour", "red", "blue")]


def test_near_misses_of_a_threshold_that_are_not_valid_are_skipped_not_the_rest() -> None:
    pack = _pack(
        [
            _question("price", "number", min=0, min_exclusive=True, lever="any"),
            _question("notes", "integer", min=0, lever="any"),
        ],
        [
            _rule("p-gt", "alpha", 1, {"price": {"gt": 0}}),  # 0 is refused; 0.01 is tried
            _rule("p-half", "alpha", 1, {"price": {"gte": 99.5}}),  # 99.5 itself is tried
            _rule("n-eq", "beta", 1, {"notes": {"eq": 3.5}}),  # no whole 3.5; 3 and 4 are
        ],
    )
    found = list(candidates(Scorer(pack), {"price": 50, "notes": 9}))
    assert found == [
        Change("price", 50, 0.01, "over", 0.0),
        Change("price", 50, 99.49, "under", 99.5),
        Change("price", 50, 99.5, "at", 99.5),
        Change("notes", 9, 3, "at", 3.5),
        Change("notes", 9, 4, "at", 3.5),
    ]


def test_a_value_beside_two_thresholds_keeps_the_label_of_the_one_it_sits_on() -> None:
    changes = [
        Change("p", 1, 2, "under", 3.0),
        Change("p", 1, 2, "at", 2.0),
        Change("p", 1, 2, "over", 1.0),
        Change("p", 1, 5, "over", 4.0),
    ]
    assert whatif._distinct(iter(changes)) == [Change("p", 1, 2, "at", 2.0), changes[3]]


def test_of_equal_changes_with_one_effect_the_first_in_the_pack_is_kept() -> None:
    pack = _pack(
        [_choice("style", "x", "y", "z", lever="any")],
        [_rule("a", "alpha", 20), _rule("b", "beta", 10, {"style": {"ne": "x"}})],
    )
    assert [f.values for f in _search(pack, {"style": "x"})] == [{"style": "y"}]


def test_of_equal_changes_the_bigger_move_is_listed_first() -> None:
    pack = _pack(
        [_choice("style", "x", "y", "z", lever="any")],
        [
            _rule("a", "alpha", 20),
            _rule("b-y", "beta", 6, {"style": {"eq": "y"}}),
            _rule("b-z", "beta", 10, {"style": {"eq": "z"}}),
        ],
    )
    assert [f.values for f in _search(pack, {"style": "x"})] == [{"style": "z"}, {"style": "y"}]


def test_the_pair_that_wins_by_the_widest_margin_is_chosen_and_ties_go_first() -> None:
    pack = _pack(
        [
            _choice("style", "x", "z", lever="any"),
            _choice("size", "s", "m", lever="any"),
            _choice("colour", "c1", "c2", lever="any"),
        ],
        [
            _rule("a", "alpha", 10),
            _rule("a-s", "alpha", 5, {"size": {"eq": "s"}}),  # m: alpha 60
            _rule("b-z", "beta", 12, {"style": {"eq": "z"}}),  # z: beta 62, alpha 65
            _rule("b-c2", "beta", 4, {"colour": {"eq": "c2"}}),  # c2: beta 54
        ],
    )
    # z with m wins by 2 (62 to 60); z with c2 by 1 (66 to 65), though at higher scores
    found = _search(pack, {"style": "x", "size": "s", "colour": "c1"})
    assert found[-1].values == {"style": "z", "size": "m"}
    assert found[-1].scores == {"beta": 62, "alpha": 60, "gamma": 50}
    even = _pack(
        [_choice("style", "x", "y", "z", lever="any"), _choice("size", "s", "m", lever="any")],
        [
            _rule("a", "alpha", 10),
            _rule("b-y", "beta", 6, {"style": {"eq": "y"}}),
            _rule("b-z", "beta", 6, {"style": {"in": ["z"]}}),
            _rule("b-m", "beta", 5, {"size": {"eq": "m"}}),
        ],
    )
    assert _search(even, {"style": "x", "size": "s"})[-1].values == {"style": "y", "size": "m"}


def test_the_pair_filter_adds_up_every_rule_on_one_question() -> None:
    pack = _pack(
        [_choice("b", "x", "y"), _choice("c", "x", "y")],
        [
            _rule("a1", "alpha", 10),
            _rule("a3", "alpha", 3, {"c": {"eq": "y"}}),  # both fired: c can take 5 off alpha
            _rule("a4", "alpha", 2, {"c": {"eq": "y"}}),
            _rule("b1", "beta", 4, {"b": {"eq": "x"}}),
            _rule("b2", "beta", 6, {"c": {"eq": "x"}}),
        ],
    )
    scorer = Scorer(pack)
    evaluation = scorer.evaluate(build_profile(pack, {"b": "y", "c": "y"}))
    possible = _Scenario(scorer, evaluation)._could_flip()
    assert possible("b", "c") is True  # beta 60 reaches alpha's 65 - 5
    assert _search(pack, {"b": "y", "c": "y"})[-1].values == {"b": "x", "c": "x"}
