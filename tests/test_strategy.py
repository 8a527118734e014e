"""Strategy: primary, secondary (close scores or a pairing), steps and risks from pack data."""

from __future__ import annotations

from typing import Any

from merchant_cli.engine import Scorer
from merchant_cli.models import Advice, PackMeta, Pairing, Platform, Question, Rule
from merchant_cli.pack import RulePack
from merchant_cli.profile import build_profile
from merchant_cli.strategy import CLOSE_POINTS, Recommendation, recommend
from merchant_cli.validation import parse

TEXT = {"en": "x", "zh": "x"}
PLATFORMS = ("alpha", "beta", "gamma")


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
            Rule, {"id": f"r-{p}", "platform": p, "points": n, "reason": TEXT, "evidence": ["E1"]}
        )
        for p, n in points.items()
    )
    return RulePack(
        meta=parse(PackMeta, {"name": "t", "version": "1", "as_of": "2025-01-16"}),
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


def test_a_close_runner_up_is_secondary_and_a_distant_one_is_not() -> None:
    found = _recommend(_pack({"alpha": 20, "beta": 20 - CLOSE_POINTS, "gamma": 5}))
    assert (found.primary, found.secondary) == ("alpha", ("beta",))
    assert [s.text.en for s in found.steps] == ["x", "x"]
    assert [s.platform for s in found.steps] == ["alpha", "beta"]
    assert [r.platform for r in found.risks] == ["alpha"]


def test_a_weak_platform_is_never_secondary_even_when_close() -> None:
    found = _recommend(_pack({"alpha": -10, "beta": -12, "gamma": -40}))
    assert (found.primary, found.secondary) == ("alpha", ())


def test_a_pairing_adds_its_partner_with_its_own_step_first() -> None:
    pack = _pack({"alpha": 20, "beta": 0, "gamma": 5}, (_pairing({"live": {"eq": True}}),))
    without = _recommend(pack)
    assert without.secondary == ()
    found = _recommend(pack, live=True)
    assert found.secondary == ("gamma",)
    assert [(s.platform, s.text.en, s.evidence) for s in found.steps] == [
        ("alpha", "x", ("E1",)),
        ("alpha", "x", ("E1",)),
        ("gamma", "together", ("E2",)),
        ("gamma", "x", ("E1",)),
    ]
    assert [r.platform for r in found.risks] == ["alpha", "gamma"]


def test_steps_follow_their_condition() -> None:
    pack = _pack({"alpha": 20, "beta": 0, "gamma": 0})
    assert len(_recommend(pack).steps) == 1
    assert len(_recommend(pack, live=True).steps) == 2
