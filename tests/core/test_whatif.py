"""What-if search on small handmade packs whose answers are known, and on the built-in pack."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from merchant_cli.core import whatif
from merchant_cli.core.engine import Scorer
from merchant_cli.core.insight import build_insight
from merchant_cli.core.models import Derived, PackMeta, Platform, Question, Rule
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import build_profile
from merchant_cli.core.whatif import MOVE_POINTS, _Scenario, candidates, numeric_thresholds, what_if
from merchant_cli.packs.validation import parse
from tests.conftest import ROOT, Run

EXAMPLES = sorted((ROOT / "examples").glob("merchant-*.yaml"))
TEXT = {"en": "x", "zh": "x"}


def _question(ident: str, kind: str, **extra: Any) -> Question:
    return parse(
        Question,
        {"id": ident, "type": kind, "label": {"en": ident, "zh": ident}, "help": TEXT, **extra},
    )


def _rule(ident: str, platform: str, points: int, when: Any = None) -> Rule:
    return parse(
        Rule,
        {
            "id": ident,
            "platform": platform,
            "points": points,
            "strength": "report",
            "when": when,
            "reason": TEXT,
            "evidence": ["E1"],
        },
    )


def _pack(
    questions: list[Question], rules: list[Rule], derived: tuple[Derived, ...] = ()
) -> RulePack:
    return RulePack(
        meta=parse(PackMeta, {"name": "t", "version": "1", "as_of": "2025-01-16"}),
        platforms=tuple(
            parse(Platform, {"id": p, "name": {"en": p.title(), "zh": p}})
            for p in ("alpha", "beta")
        ),
        questions=tuple(questions),
        derived=derived,
        rules=tuple(rules),
    )


def _search(pack: RulePack, answers: dict[str, Any]) -> list[Any]:
    scorer = Scorer(pack)
    return list(what_if(scorer, scorer.evaluate(build_profile(pack, answers))))


def test_a_numeric_threshold_is_the_flip_point() -> None:
    pack = _pack(
        [_question("hours", "number", min=0)],
        [_rule("a-base", "alpha", 5), _rule("b-live", "beta", 10, {"hours": {"gte": 10}})],
    )
    found = _search(pack, {"hours": 4})
    assert [(f.values, f.top.platform, f.scores) for f in found] == [
        ({"hours": 10}, "beta", {"beta": 60, "alpha": 55})
    ]
    assert found[0].switched_on == ("b-live",) and found[0].switched_off == ()
    # From the other side, the nearest valid value below the threshold flips it back.
    back = _search(pack, {"hours": 30})
    assert [(f.values, f.top.platform) for f in back] == [({"hours": 9.99}, "alpha")]
    assert back[0].changes[0].side == "under"


def test_integer_and_exclusive_bounds_are_respected() -> None:
    pack = _pack(
        [
            _question("notes", "integer", min=0, max=5),
            _question("price", "number", min=0, min_exclusive=True),
        ],
        [
            _rule("a-notes", "alpha", 20, {"notes": {"gt": 0}}),
            _rule("b-notes", "beta", 20, {"notes": {"gte": 6}}),
            _rule("b-cheap", "beta", 30, {"price": {"lte": 0}}),
            _rule("b-mid", "beta", 9, {"price": {"lt": 80}}),
        ],
    )
    thresholds = numeric_thresholds(Scorer(pack))
    assert thresholds == {
        "notes": {("lower", 0.0), ("upper", 6.0)},
        "price": {("lower", 0.0), ("upper", 80.0)},
    }
    found = _search(pack, {"notes": 3, "price": 100})
    values = [f.values for f in found]
    # notes: 0 is valid, 1 is the same as 3, 6 exceeds max; price: 79.99 valid, 0 invalid.
    # 0 notes makes beta tie alpha: a close call is a change of answer, listed first
    # (though the tie-break by id keeps alpha on top); 79.99 only moves beta.
    assert values == [{"notes": 0}, {"price": 79.99}]
    assert found[0].challenger("alpha") is not None and found[0].top.platform == "alpha"
    assert found[0].scores == {"alpha": 50, "beta": 50}
    assert found[1].challenger("alpha") is None and found[1].scores == {"alpha": 70, "beta": 59}


def test_a_derived_band_bound_is_a_threshold_only_when_tested() -> None:
    band = parse(
        Derived,
        {
            "id": "band",
            "from": "price",
            "label": TEXT,
            "bands": [{"id": "low", "below": 25, "label": TEXT}, {"id": "high", "label": TEXT}],
        },
    )
    question = _question("price", "number", min=0, min_exclusive=True)
    untested = _pack([question], [_rule("a", "alpha", 1)], (band,))
    assert numeric_thresholds(Scorer(untested)) == {}
    tested = _pack([question], [_rule("b-low", "beta", 9, {"band": {"eq": "low"}})], (band,))
    assert numeric_thresholds(Scorer(tested)) == {"price": {("upper", 25.0)}}
    found = _search(tested, {"price": 30})
    assert [(f.values, f.top.platform) for f in found] == [({"price": 24.99}, "beta")]


def test_when_no_single_change_flips_the_best_pair_does() -> None:
    pack = _pack(
        [
            _question("style", "choice", choices=[{"id": i, "label": TEXT} for i in ("x", "y")]),
            _question("videos", "integer", min=0),
            _question("brand", "boolean", default=False),
        ],
        [
            _rule("a-base", "alpha", 10),
            _rule("b-style", "beta", MOVE_POINTS, {"style": {"eq": "y"}}),
            _rule("b-videos", "beta", MOVE_POINTS - 1, {"videos": {"gte": 5}}),
            _rule("b-brand", "beta", 1, {"brand": {"eq": True}}),
        ],
    )
    found = _search(pack, {"style": "x", "videos": 0})
    assert not any(f.top.platform == "beta" for f in found if len(f.changes) == 1)
    assert [f.values for f in found if len(f.changes) == 1] == [{"style": "y"}]
    pair = found[-1]
    assert pair.values == {"style": "y", "videos": 5}
    assert pair.top.platform == "beta" and pair.scores == {"beta": 61, "alpha": 60}


def test_nothing_to_report_when_no_answer_matters() -> None:
    pack = _pack([_question("hours", "number", min=0)], [_rule("a", "alpha", 5)])
    assert _search(pack, {"hours": 3}) == []


def _answers(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_what_if_reproduces_with_evaluate(pack: RulePack, example: Path) -> None:
    scorer = Scorer(pack)
    answers = _answers(example)
    evaluation = scorer.evaluate(build_profile(pack, answers))
    insight = build_insight(scorer, evaluation)
    assert insight.what_if
    for scenario in insight.what_if:
        again = scorer.evaluate(build_profile(pack, {**answers, **scenario.values}))
        assert again.top.platform == scenario.top.platform
        assert {s.platform: s.score for s in again.ranking} == scenario.scores


def test_the_json_what_if_reproduces_through_the_cli(cli: Callable[..., Run]) -> None:
    example = str(ROOT / "examples" / "merchant-design-studio.yaml")
    base = ["evaluate", "--answers", example, "--no-input", "--format", "json", "--lang", "en"]
    document = json.loads(cli(*base).out)
    assert {"primary", "secondary", "steps", "close_call"} <= set(document["recommendation"])
    for entry in document["what_if"]:
        flags = [f"--answer={key}={value}" for key, value in entry["changes"].items()]
        again = json.loads(cli(*base, *flags).out)
        assert again["ranking"][0]["platform"] == entry["top"]
        assert {r["platform"]: r["score"] for r in again["ranking"]} == entry["scores"]


@pytest.mark.parametrize("live", [0, 6, 25])
@pytest.mark.parametrize("goal", ["seeding", "volume"])
def test_pruning_the_pair_search_never_changes_its_answer(
    pack: RulePack, monkeypatch: pytest.MonkeyPatch, live: int, goal: str
) -> None:
    answers = {**_answers(EXAMPLES[0]), "live_hours_per_week": live, "goal": goal}
    scorer = Scorer(pack)
    evaluation = scorer.evaluate(build_profile(pack, answers))
    pruned = what_if(scorer, evaluation)
    monkeypatch.setattr(whatif._Scenario, "_could_flip", lambda self: lambda a, b: True)
    assert what_if(scorer, evaluation) == pruned


def test_a_scenario_rescored_in_part_equals_one_scored_whole(pack: RulePack) -> None:
    """What-if re-tests only the rules a move from the scenario scored last can switch;
    every scenario of a spread of merchants must rank exactly as scoring its answers from
    scratch."""
    scorer = Scorer(pack)
    merchants = [
        {"category": c, "price": p, "notes_per_week": n, "videos_per_week": v,
         "live_hours_per_week": h, "merchant_type": m, "goal": g}
        for c, p, n, v, h, m, g in [
            ("shoes", 24.9, 0, 2, 40, "cluster_factory", "not_specified"),
            ("womens_apparel", 188, 3, 0, 10, "cluster_factory", "volume"),
            ("outdoor_sports", 79.99, 5, 3, 0, "brand", "seeding"),
            ("crafts_design", 600, 10, 0, 0, "boutique", "seeding"),
            ("home", 50, 0, 0, 0, "not_specified", "not_specified"),
        ]
    ]  # fmt: skip
    for answers in merchants:
        evaluation = scorer.evaluate(build_profile(pack, answers))
        base = _Scenario(scorer, evaluation)
        for change in candidates(scorer, evaluation.profile):
            found = base.run((change,))
            if found is None:
                continue
            whole = build_profile(pack, {**evaluation.profile, change.question: change.new})
            ranking = scorer.rank(scorer.facts(whole.answers))
            assert found.ranking == ranking, change
            assert list(found.scores.items()) == [(s.platform, s.score) for s in ranking]


_BAND = parse(
    Derived,
    {
        "id": "band",
        "from": "hours",
        "label": TEXT,
        "bands": [{"id": "low", "below": 12, "label": TEXT}, {"id": "high", "label": TEXT}],
    },
)
_EVERY_TEST = _pack(
    [
        _question("hours", "number", min=0),
        _question("count", "integer", min=0),
        _question("flag", "boolean", default=False),
        _question("kind", "choice", choices=[{"id": i, "label": TEXT} for i in ("x", "y")]),
    ],
    [
        _rule(f"r{index}", "alpha", 1, when)
        for index, when in enumerate(
            [
                {"hours": {"lt": 10}},
                {"hours": {"lte": 10}},
                {"hours": {"gt": 20}},
                {"hours": {"gte": 20.5}},
                {"hours": {"between": [5, 15]}},
                {"hours": {"eq": 7}},
                {"hours": {"ne": 7}},
                {"hours": {"in": [3, 12.5]}},
                {"hours": {"not_in": [3, 12.5]}},
                {"not": {"hours": {"between": [1, 2]}}},
                {"all": [{"hours": {"gte": 8}}, {"count": {"lt": 3}}]},
                {"any": [{"hours": {"lt": 1}}, {"flag": {"eq": True}}, {"kind": {"eq": "y"}}]},
                {"band": {"eq": "low"}},
                {"count": {"in": [0, 4]}},
            ]
        )
    ],
    (_BAND,),
)
_HOURS = st.sampled_from([0, 1, 2, 3, 7, 10, 10.01, 12, 12.5, 15, 20, 20.5]) | st.floats(0, 40)
_FACTS = st.fixed_dictionaries(
    {},
    optional={
        "hours": _HOURS,
        "count": st.integers(0, 5),
        "flag": st.booleans(),
        "kind": st.sampled_from(["x", "y"]),
    },
).map(_EVERY_TEST.facts)


@given(_FACTS, _FACTS)
def test_every_rule_that_can_switch_between_two_scenarios_is_retested(
    before: dict[str, Any], after: dict[str, Any]
) -> None:
    """What-if re-tests a number's rules only where a threshold lies between the old value and
    the new; any rule whose outcome differs must be among them, for every operator."""
    scorer = Scorer(_EVERY_TEST)
    switched = {i for i, rule in enumerate(scorer.rules) if rule.test(before) != rule.test(after)}
    assert switched <= scorer.retest(before, after)
