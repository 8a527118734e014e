"""Strategy: primary, secondary (within the pack's margin), close calls, steps, risks, pairings."""

from __future__ import annotations

from typing import Any

from merchant_cli.core.engine import Scorer
from merchant_cli.core.models import Advice, PackMeta, Pairing, Platform, Question, Rule
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import build_profile
from merchant_cli.core.strategy import Recommendation, recommend
from merchant_cli.packs.validation import parse

TEXT = {"en": "x", "zh": "x"}
PLATFORMS = ("alpha", "beta", "gamma")
META = {"name": "t", "version": "1", "as_of": "2025-01-16", "close_call": 3, "alongside": 8}
STRENGTHS = {"any": {"points": [0, 100], "spread": 2}}


def _advice(ident: str, platform: str, when: Any = None) -> Advice:
    return parse(
        Advice, {"id": ident, "platform": platform, "when": when, "text": TEXT, "evidence": ["E1"]}
    )


def _pack(points: dict[str, int], pairings: tuple[Pairing, ...] = ()) -> RulePack:
    question = parse(
        Question, {"id": "live", "type": "boolean", "label": TEXT, "help": TEXT, "default": False}
    )
    rules = tuple(
        parse(
            Rule,
            {
                "id": f"r-{p}",
                "platform": p,
                "points": n,
                "strength": "any",
                "reason": TEXT,
                "evidence": ["E1"],
            },
        )
        for p, n in points.items()
    )
    return RulePack(
        meta=parse(PackMeta, {**META, "strengths": STRENGTHS}),
        platforms=tuple(parse(Platform, {"id": p, "name": {"en": p, "zh": p}}) for p in PLATFORMS),
        questions=(question,),
        rules=rules,
        steps=(
            _advice("alpha-always", "alpha"),
            _advice("alpha-live", "alpha", {"live": {"eq": True}}),
            _advice("beta-always", "beta"),
            _advice("gamma-always", "gamma"),
        ),
        risks=(_advice("alpha-risk", "alpha"), _advice("gamma-risk", "gamma")),
        pairings=pairings,
    )


def _recommend(pack: RulePack, **answers: Any) -> Recommendation:
    scorer = Scorer(pack)
    return recommend(pack, scorer.evaluate(build_profile(pack, answers)))


def _pairing(when: Any = None) -> Pairing:
    return parse(
        Pairing,
        {
            "id": "alpha-gamma",
            "platforms": ["gamma", "alpha"],
            "when": when,
            "text": {"en": "together", "zh": "同时"},
            "evidence": ["E2"],
        },
    )


def test_a_runner_up_within_the_margin_is_secondary_and_a_distant_one_is_not() -> None:
    found = _recommend(_pack({"alpha": 20, "beta": 12, "gamma": 11}))
    assert (found.primary, found.secondary) == ("alpha", ("beta",))
    assert not found.close_call and found.contenders == ()
    assert [s.platform for s in found.steps] == ["alpha", "beta"]
    assert [r.platform for r in found.risks] == ["alpha"]


def test_a_weak_platform_is_never_secondary_even_in_a_close_call() -> None:
    found = _recommend(_pack({"alpha": -10, "beta": -12, "gamma": -40}))
    assert (found.primary, found.secondary) == ("alpha", ())
    assert found.close_call and found.contenders == ("alpha", "beta")


def test_a_tie_is_a_close_call_naming_both() -> None:
    found = _recommend(_pack({"alpha": 10, "beta": 10, "gamma": 0}))
    assert found.close_call and found.contenders == ("alpha", "beta")
    assert found.secondary == ("beta",)


def test_the_close_call_margin_is_inclusive() -> None:
    assert _recommend(_pack({"alpha": 13, "beta": 10, "gamma": 0})).close_call
    assert not _recommend(_pack({"alpha": 14, "beta": 10, "gamma": 0})).close_call


def test_a_pairing_is_shown_only_when_both_platforms_are_recommended() -> None:
    pack = _pack({"alpha": 20, "beta": 0, "gamma": 15}, (_pairing({"live": {"eq": True}}),))
    assert "together" not in [s.text.en for s in _recommend(pack).steps]
    found = _recommend(pack, live=True)
    assert found.secondary == ("gamma",)
    assert [(s.platform, s.text.en, s.evidence) for s in found.steps] == [
        ("alpha", "x", ("E1",)),
        ("alpha", "x", ("E1",)),
        ("alpha", "together", ("E2",)),
        ("gamma", "x", ("E1",)),
    ]
    distant = _pack({"alpha": 20, "beta": 0, "gamma": 0}, (_pairing(),))
    assert _recommend(distant, live=True).secondary == ()
    assert "together" not in [s.text.en for s in _recommend(distant, live=True).steps]


def test_steps_follow_their_condition() -> None:
    pack = _pack({"alpha": 20, "beta": 0, "gamma": 0})
    assert len(_recommend(pack).steps) == 1
    assert len(_recommend(pack, live=True).steps) == 2
