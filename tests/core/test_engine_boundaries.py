"""The engine at its edges: fit bands, fractional scores, staleness, thin-evidence notes
on any question, and the condition language's ends and words (mutation-tested, issue 13)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from typing import Any

import pytest

from merchant_cli.core.conditions import comparisons, compile_condition, describe, values_named
from merchant_cli.core.engine import STALE_AFTER_DAYS, Scorer, evaluate
from merchant_cli.core.models import Condition, PackMeta, Platform, Question, Rule
from merchant_cli.core.operators import OPERATORS
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import Profile
from merchant_cli.core.said import say
from merchant_cli.packs.validation import parse
from merchant_cli.reporters.messages import worded

TEXT = {"en": "x", "zh": "x"}
AS_OF = dt.date(2025, 1, 16)


def _rule(ident: str, platform: str, points: int, when: Any = None) -> Rule:
    return parse(Rule, {
        "id": ident, "platform": platform, "points": points, "when": when,
        "reason": TEXT, "evidence": ["E1"],
    })  # fmt: skip


def _choice(ident: str, *choices: str, **extra: Any) -> Question:
    return parse(Question, {
        "id": ident, "type": "choice", "label": {"en": ident.title(), "zh": ident},
        "help": TEXT, "choices": [{"id": c, "label": {"en": c, "zh": c}} for c in choices],
        **extra,
    })  # fmt: skip


def _pack(rules: list[Rule], questions: tuple[Question, ...] = (), **meta: Any) -> RulePack:
    return RulePack(
        meta=parse(PackMeta, {"name": "t", "version": "1", "as_of": AS_OF.isoformat(), **meta}),
        platforms=tuple(
            parse(Platform, {"id": p, "name": {"en": p.title(), "zh": p}})
            for p in ("alpha", "beta", "gamma")
        ),
        questions=questions,
        rules=tuple(rules),
    )


def _when(data: Any) -> Condition:
    when = _rule("r", "alpha", 1, data).when
    assert when is not None
    return when


# Fit bands and scores ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("points", "fit"),
    [(15, "strong"), (14, "moderate"), (-5, "moderate"), (-6, "weak"), (50, "strong")],
)
def test_fit_bands_include_their_lower_bound(points: int, fit: str) -> None:
    pack = _pack([_rule("r", "alpha", points)], fit={"strong": 65, "moderate": 45})
    (score,) = [s for s in evaluate(Profile({}), pack).ranking if s.platform == "alpha"]
    assert (score.score, score.fit) == (min(50 + points, 100), fit)


def test_fractional_scores_stay_fractional_and_whole_ones_are_int() -> None:
    pack = _pack([_rule("r", "alpha", 3)], score={"base": 47.5, "min": 0, "max": 100},
                 fit={"strong": 50.5, "moderate": 47.5})  # fmt: skip
    ranking = evaluate(Profile({}), pack).ranking
    assert [(s.platform, s.score, s.fit) for s in ranking] == [
        ("alpha", 50.5, "strong"), ("beta", 47.5, "unknown"), ("gamma", 47.5, "unknown"),
    ]  # fmt: skip
    scorer = Scorer(pack)
    assert scorer.score_of(1) == 47.6  # points are summed in tenths
    assert type(scorer.score_of(25)) is int and scorer.score_of(25) == 50
    assert scorer.score_of(-1000) == 0 and type(scorer.score_of(-1000)) is int
    assert scorer.score_of(1000) == 100


def test_scores_clamp_to_a_range_that_is_not_0_to_100() -> None:
    pack = _pack([_rule("up", "alpha", 40), _rule("down", "beta", -40)],
                 score={"base": 20, "min": 10, "max": 30})  # fmt: skip
    scores = {s.platform: s.score for s in evaluate(Profile({}), pack).ranking}
    assert scores == {"alpha": 30, "beta": 10, "gamma": 20}


def test_a_rule_for_an_unknown_platform_scores_nothing() -> None:
    pack = _pack([_rule("r", "omega", 30), _rule("s", "beta", 1)])
    ranking = evaluate(Profile({}), pack).ranking
    assert [(s.platform, s.score) for s in ranking] == [("beta", 51), ("alpha", 50), ("gamma", 50)]


# Staleness ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "code"),
    [(STALE_AFTER_DAYS - 1, "evidence-date"), (STALE_AFTER_DAYS, "evidence-date"),
     (STALE_AFTER_DAYS + 1, "stale-evidence"), (-30, "evidence-date")],
)  # fmt: skip
def test_evidence_turns_stale_the_day_after_a_year(days: int, code: str) -> None:
    pack = _pack([_rule("r", "alpha", 1)])
    today = AS_OF + dt.timedelta(days=days)
    assert evaluate(Profile({}), pack, today=today).warnings[-1].code == code


def test_staleness_counts_whole_calendar_months() -> None:
    pack = _pack([_rule("r", "alpha", 1)])
    notice = evaluate(Profile({}), pack, today=dt.date(2026, 3, 1)).warnings[-1]
    assert notice.code == "stale-evidence"
    assert notice.said == say("notice.stale_evidence", date="2025-01-16", months=14)
    for lang in ("en", "zh"):
        assert set(re.findall(r"\d+", worded(notice.said, lang))) == {"2025", "01", "16", "14"}
    assert evaluate(Profile({}), pack).warnings[-1].code == "evidence-date"


# Notices -----------------------------------------------------------------------------------


def _thin_pack() -> RulePack:
    questions = (
        _choice("category", "shoes", "bags", "food"),
        _choice("goal", "seeding", "volume", "none", default="none"),
        _choice("colour", "red", "blue"),
    )
    rules = [
        _rule("shoes", "alpha", 3, {"category": {"in": ["shoes", "bags"]}}),
        _rule("volume", "beta", 3, {"goal": {"eq": "volume"}}),
    ]
    return _pack(rules, questions)


def _codes(pack: RulePack, answers: dict[str, Any]) -> list[str]:
    return [n.code for n in evaluate(Profile(answers), pack).warnings]


def test_thin_evidence_is_noted_for_any_choice_question() -> None:
    pack = _thin_pack()
    base = {"category": "shoes", "goal": "volume", "colour": "red"}
    assert _codes(pack, base).count("thin-evidence") == 0
    assert _codes(pack, {**base, "category": "food"}).count("thin-evidence") == 1
    assert _codes(pack, {**base, "goal": "seeding"}).count("thin-evidence") == 1
    assert _codes(pack, {**base, "goal": "none"}).count("thin-evidence") == 0  # the default
    both = _codes(pack, {**base, "category": "food", "goal": "seeding"})
    assert both.count("thin-evidence") == 2
    notes = evaluate(Profile({**base, "goal": "seeding"}), pack).warnings
    (note,) = [n for n in notes if n.code == "thin-evidence"]
    assert "seeding" in worded(note.said, "en") and "goal" in worded(note.said, "en")


def test_silent_answers_widen_every_platforms_confidence() -> None:
    pack = _thin_pack()
    # the same ranking; only the second answers something the evidence never addresses
    quiet = evaluate(Profile({"category": "shoes", "goal": "none", "colour": "red"}), pack)
    silent = evaluate(Profile({"category": "shoes", "goal": "seeding", "colour": "red"}), pack)
    assert quiet.ranking == silent.ranking
    assert quiet.confidence is not None and silent.confidence is not None
    assert quiet.confidence.ranges != silent.confidence.ranges


def test_an_answer_at_its_default_does_not_stop_the_thin_evidence_check() -> None:
    pack = _pack(
        [
            _rule("g", "beta", 3, {"goal": {"eq": "volume"}}),
            _rule("s", "alpha", 3, {"size": {"eq": "s"}}),
        ],
        (_choice("goal", "volume", "none", default="none"), _choice("size", "s", "m")),
    )
    codes = [n.code for n in evaluate(Profile({"goal": "none", "size": "m"}), pack).warnings]
    assert codes.count("thin-evidence") == 1


def test_every_notice_is_written_in_both_languages() -> None:
    pack = dataclasses.replace(_thin_pack(), meta=parse(PackMeta, {
        "name": "t", "version": "1", "as_of": "2025-01-16", "scope": TEXT,
    }))  # fmt: skip
    answers = {"category": "shoes", "goal": "seeding", "colour": "red"}
    for today in (None, dt.date(2026, 3, 1)):
        warnings = evaluate(Profile(answers), pack, today=today).warnings
        codes = {"thin-evidence", "no-rules", "thin-platform", "scope"}
        assert codes <= {n.code for n in warnings}
        for notice in warnings:
            english, chinese = worded(notice.said, "en"), worded(notice.said, "zh")
            assert english and chinese and "None" not in english + chinese


def test_no_rules_and_thin_platform_notices_name_their_platform() -> None:
    pack = _thin_pack()
    warnings = evaluate(Profile({"category": "shoes", "goal": "none"}), pack).warnings
    codes = [n.code for n in warnings]
    assert codes.count("no-rules") == 2  # beta and gamma: nothing fired
    assert codes.count("thin-platform") == 1  # alpha: one observation
    thin = next(n for n in warnings if n.code == "thin-platform")
    assert thin.said == say("notice.thin_platform", name=thin.said.value("name"), count=1)
    assert "Alpha" in worded(thin.said, "en")
    assert codes[-1] == "evidence-date" and "scope" not in codes
    scoped = dataclasses.replace(pack, meta=parse(PackMeta, {
        "name": "t", "version": "1", "as_of": "2025-01-16", "scope": TEXT,
        "uncertainty": {"thin_below": 1},
    }))  # fmt: skip
    answered = Profile({"category": "shoes", "goal": "none"})
    codes = [n.code for n in evaluate(answered, scoped).warnings]
    assert "thin-platform" not in codes and codes[-2:] == ["scope", "evidence-date"]


# The condition language --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "facts", "holds"),
    [
        ({"c": {"ne": "a"}}, {"c": "b"}, True),
        ({"c": {"ne": "a"}}, {"c": "a"}, False),
        ({"c": {"ne": "a"}}, {}, False),
        ({"c": {"not_in": ["a", "b"]}}, {"c": "z"}, True),
        ({"c": {"not_in": ["a", "b"]}}, {"c": "b"}, False),
        ({"c": {"not_in": ["a", "b"]}}, {}, False),
        ({"c": {"in": ["a", "b"]}}, {"c": "a"}, True),
        ({"c": {"in": ["a", "b"]}}, {}, False),
        ({"p": {"between": [10, 20]}}, {"p": 10}, True),
        ({"p": {"between": [10, 20]}}, {"p": 20}, True),
        ({"p": {"between": [10, 20]}}, {"p": 9.99}, False),
        ({"p": {"between": [10, 20]}}, {"p": 20.01}, False),
        ({"p": {"between": [10, 20]}}, {}, False),
        ({"p": {"lt": 10}}, {"p": 10}, False),
        ({"p": {"lt": 10}}, {"p": 9.5}, True),
        ({"p": {"lte": 10}}, {"p": 10}, True),
        ({"p": {"lte": 10}}, {"p": 10.5}, False),
        ({"p": {"lte": 10}}, {"p": 9.5}, True),
        ({"p": {"lt": 10}}, {"p": 9}, True),
        ({"p": {"gt": 10}}, {"p": 11}, True),
        ({"p": {"gte": 10}}, {"p": 10.5}, True),
        ({"p": {"between": [10, 20]}}, {"p": 15.5}, True),
        ({"p": {"between": [10, 20]}}, {"p": True}, False),
        ({"p": {"gt": 10}}, {"p": 10}, False),
        ({"p": {"gt": 10}}, {"p": 10.5}, True),
        ({"p": {"gte": 10}}, {"p": 10}, True),
        ({"p": {"gte": 10}}, {"p": 9.5}, False),
        ({"p": {"gte": 0}}, {"p": False}, False),  # a yes/no is never a number
        ({"p": {"lt": 10}}, {"p": "5"}, False),
        ({"p": {"lt": 10}}, {}, False),
        ({"not": {"c": {"eq": "a"}}}, {}, True),  # not of a missing fact holds
        ({"not": {"c": {"ne": "a"}}}, {}, True),
        ({"all": [{"c": {"eq": "a"}}, {"p": {"gt": 1}}]}, {"c": "a", "p": 2}, True),
        ({"all": [{"c": {"eq": "a"}}, {"p": {"gt": 1}}]}, {"c": "a", "p": 1}, False),
        ({"any": [{"c": {"eq": "a"}}, {"p": {"gt": 1}}]}, {"c": "b", "p": 2}, True),
        ({"any": [{"c": {"eq": "a"}}, {"p": {"gt": 1}}]}, {"c": "b", "p": 1}, False),
    ],
)
def test_each_comparison_at_its_ends(data: Any, facts: dict[str, Any], holds: bool) -> None:
    assert compile_condition(_when(data))(facts) is holds


def test_no_condition_always_holds() -> None:
    assert compile_condition(None)({}) is True
    assert describe(None) == "always"
    assert list(comparisons(None)) == []


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ({"c": {"eq": "a"}}, "c = a"),
        ({"c": {"ne": "a"}}, "c != a"),
        ({"c": {"in": ["a", "b"]}}, "c in {a, b}"),
        ({"c": {"not_in": ["a", "b"]}}, "c not in {a, b}"),
        ({"p": {"lt": 80.0}}, "p < 80"),
        ({"p": {"lte": 80.5}}, "p <= 80.5"),
        ({"p": {"gt": 80}}, "p > 80"),
        ({"p": {"gte": 80}}, "p >= 80"),
        ({"p": {"between": [88, 188]}}, "88 <= p <= 188"),
        ({"all": [{"c": {"eq": "a"}}, {"p": {"gt": 1}}]}, "c = a and p > 1"),
        ({"any": [{"c": {"eq": "a"}}, {"p": {"gt": 1}}]}, "c = a or p > 1"),
        ({"not": {"c": {"eq": "a"}}}, "not c = a"),
        ({"not": {"any": [{"c": {"eq": "a"}}, {"d": {"eq": "b"}}]}}, "not (c = a or d = b)"),
        ({"not": {"not": {"c": {"eq": "a"}}}}, "not not c = a"),
        ({"all": [{"any": [{"c": {"eq": "a"}}, {"d": {"eq": "b"}}]}, {"p": {"lt": 2}}]},
         "(c = a or d = b) and p < 2"),
        ({"any": [{"all": [{"c": {"eq": "a"}}, {"d": {"eq": "b"}}]}, {"p": {"lt": 2}}]},
         "(c = a and d = b) or p < 2"),
        ({"all": [{"all": [{"c": {"eq": "a"}}, {"d": {"eq": "b"}}]}, {"p": {"lt": 2}}]},
         "c = a and d = b and p < 2"),
        ({"any": [{"any": [{"c": {"eq": "a"}}, {"d": {"eq": "b"}}]}, {"p": {"lt": 2}}]},
         "c = a or d = b or p < 2"),
        ({"all": [{"not": {"c": {"eq": "a"}}}, {"p": {"lt": 2}}]}, "(not c = a) and p < 2"),
    ],
)  # fmt: skip
def test_describe_writes_each_shape(data: Any, text: str) -> None:
    assert describe(_when(data)) == text


def test_comparisons_give_the_yaml_path_of_each_nested_comparison() -> None:
    when = _when({"all": [
        {"c": {"eq": "a"}},
        {"any": [{"p": {"lt": 2}}, {"not": {"d": {"in": ["x"]}}}]},
    ]})  # fmt: skip
    found = [(fact, comparison.op.name, path) for fact, comparison, path in comparisons(when)]
    assert found == [
        ("c", "eq", ("all", 0, "c")),
        ("p", "lt", ("all", 1, "any", 0, "p")),
        ("d", "in", ("all", 1, "any", 1, "not", "d")),
    ]
    (top,) = comparisons(_when({"c": {"ne": "a"}}))
    assert top[0] == "c" and top[2] == ("c",)


def test_values_named_are_those_eq_and_in_select() -> None:
    conditions = [
        _when({"c": {"eq": "a"}}),
        _when({"any": [{"c": {"in": ["b", "a2"]}}, {"d": {"ne": "x"}}, {"p": {"lt": 2}}]}),
        None,
        _when({"not": {"e": {"not_in": ["y"]}}}),
    ]
    assert values_named(conditions) == {"c": {"a", "b", "a2"}}


@pytest.mark.parametrize(
    ("name", "operand", "span", "sides"),
    [
        ("eq", 5, (5.0, 5.0, False, False), (("both", 5.0),)),
        ("eq", "a", None, ()),
        ("in", [3, "a", 1.5], (1.5, 3.0, False, False), (("both", 3.0), ("both", 1.5))),
        ("in", ["a"], None, ()),
        ("ne", 5, None, (("both", 5.0),)),
        ("not_in", [True, 2], None, (("both", 2.0),)),  # a yes/no is never a number
        ("lt", 8, (-math.inf, 8, False, True), (("upper", 8.0),)),
        ("lte", 8, (-math.inf, 8, False, False), (("lower", 8.0),)),
        ("gt", 8, (8, math.inf, True, False), (("lower", 8.0),)),
        ("gte", 8, (8, math.inf, False, False), (("upper", 8.0),)),
        ("between", [2, 9], (2, 9, False, False), (("upper", 2.0), ("lower", 9.0))),
    ],
)
def test_each_operator_states_its_interval_and_thresholds(
    name: str, operand: Any, span: Any, sides: Any
) -> None:
    op = OPERATORS[name]
    assert op.span(operand) == span
    assert op.sides(operand) == sides


def test_a_rule_citing_no_known_observation_carries_no_quote() -> None:
    pack = _pack([_rule("r", "alpha", 1)])
    (contribution,) = evaluate(Profile({}), pack).top.contributions
    assert (contribution.rule, contribution.evidence) == ("r", ("E1",))
    assert contribution.quote == "" and contribution.reading is None


def test_a_mixed_operand_is_retested_whenever_its_number_moves() -> None:
    """`in: [10, "x"]` has no change points to bisect (an operand is not a number), so any
    move of the number re-tests it: from 5 to 10 it starts to fire."""
    mixed = _rule("mixed", "alpha", 2, {"price": {"in": [10, "x"]}})
    plain = _rule("plain", "beta", 2, {"price": {"gte": 50}})
    scorer = Scorer(_pack([mixed, plain]))
    assert scorer.retest({"price": 5}, {"price": 10}) == {0}
    assert scorer.retest({"price": 5}, {"price": 60}) == {0, 1}
    assert scorer.firing({"price": 10}) == {0: 10}  # position -> degree: it applies entirely
