"""Channels to test (a source's merchant like this one succeeded there), conflicting steps,
and cautions that follow a practice wherever the report puts it forward."""

from __future__ import annotations

import dataclasses
from typing import Any

from merchant_cli.core.engine import Scorer
from merchant_cli.core.models import Advice, Peer, Question
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import build_profile
from merchant_cli.core.strategy import Recommendation, recommend
from merchant_cli.packs.validation import parse
from tests.core.test_strategy import TEXT, _pack

HOURS = parse(Question, {
    "id": "hours", "type": "number", "label": TEXT, "help": TEXT, "min": 0, "default": 0,
})  # fmt: skip


def _with(pack: RulePack, **sections: Any) -> RulePack:
    return dataclasses.replace(pack, questions=(*pack.questions, HOURS), **sections)


def _peer(platform: str, half: float = 10) -> Peer:
    return parse(Peer, {
        "id": f"peer-{platform}", "platform": platform, "name": TEXT, "text": TEXT,
        "evidence": ["E7"], "when": {"hours": {"grows": {"half": half}}},
    })  # fmt: skip


def _advice(ident: str, platform: str | None, **extra: Any) -> Advice:
    data = {"id": ident, "text": {"en": ident, "zh": ident}, "evidence": ["E1"], **extra}
    return parse(Advice, {**data, "platform": platform} if platform else data)


def _recommend(pack: RulePack, **answers: Any) -> Recommendation:
    return recommend(pack, Scorer(pack).evaluate(build_profile(pack, answers)))


def test_a_peers_platform_is_offered_to_test_whatever_its_score() -> None:
    pack = _with(_pack({"alpha": 20, "beta": 12, "gamma": 0}), peers=(_peer("gamma"),))
    far = _recommend(pack, hours=2)  # 13% like the peer: not alike
    assert (far.test, far.peers) == ((), ())
    near = _recommend(pack, hours=20)  # 80% like it
    assert near.test == ("gamma",) and near.offered == ("alpha", "beta", "gamma")
    assert [p.platform for p in near.peers] == ["gamma"] and near.peers[0].degree == 8
    assert "gamma" not in near.secondary  # a test, not run alongside on the score


def test_a_peer_on_a_platform_already_recommended_adds_no_test() -> None:
    pack = _with(_pack({"alpha": 20, "beta": 12, "gamma": 0}), peers=(_peer("alpha"),))
    found = _recommend(pack, hours=40)
    assert found.test == () and [p.platform for p in found.peers] == ["alpha"]


def test_a_step_that_declares_a_conflict_shows_instead_of_the_other() -> None:
    steps = (
        _advice("general", "alpha"),
        _advice("specific", "alpha", when={"hours": {"gt": 5}}, conflicts=["general"]),
    )
    pack = _with(_pack({"alpha": 20, "beta": 0, "gamma": 0}), steps=steps)
    assert [s.id for s in _recommend(pack, hours=1).steps] == ["general"]
    assert [s.id for s in _recommend(pack, hours=10).steps] == ["specific"]


def test_a_caution_follows_its_practice_to_every_platform_that_puts_it_forward() -> None:
    steps = (
        _advice("copy-alpha", "alpha", evidence=["E5"]),
        _advice("copy-gamma", "gamma", evidence=["E5"], when={"hours": {"gt": 5}}),
    )
    caution = _advice("caution", None, evidence=["L1"], wherever=["E5"])
    pack = _with(_pack({"alpha": 20, "beta": 0, "gamma": 18}), steps=steps, risks=(caution,))
    only_alpha = _recommend(pack, hours=1)
    assert [(r.id, r.platform) for r in only_alpha.risks] == [("caution", "alpha")]
    both = _recommend(pack, hours=10)
    assert [(r.id, r.platform) for r in both.risks] == [("caution", "alpha"), ("caution", "gamma")]
    nowhere = dataclasses.replace(pack, steps=())
    assert _recommend(nowhere, hours=10).risks == ()
