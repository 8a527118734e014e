"""Strategy at its edges: which tied platform leads, and where a pairing is shown (issue 13)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from merchant_cli.core.confidence import Confidence
from merchant_cli.core.engine import Scorer
from merchant_cli.core.models import Question
from merchant_cli.core.profile import build_profile
from merchant_cli.core.result import Evaluation
from merchant_cli.core.strategy import recommend
from merchant_cli.packs.validation import parse
from tests.core.test_strategy import TEXT, _pack, _pairing


def _evaluation(points: dict[str, int], first: dict[str, float] | None) -> Evaluation:
    pack = _pack(points)
    evaluation = Scorer(pack).evaluate(build_profile(pack, {}))
    found = None if first is None else Confidence("test", first, {})
    return dataclasses.replace(evaluation, confidence=found)


@pytest.mark.parametrize(
    ("points", "first", "primary"),
    [
        # tied alpha and beta: the likelier to rank first leads, not the first by id
        ({"alpha": 5, "beta": 5, "gamma": 0}, {"alpha": 0.3, "beta": 0.6, "gamma": 0.1}, "beta"),
        ({"alpha": 5, "beta": 5, "gamma": 0}, {"alpha": 0.6, "beta": 0.3, "gamma": 0.1}, "alpha"),
        # a platform the analysis does not name counts as never first
        ({"alpha": 5, "beta": 5, "gamma": 0}, {"alpha": 0.4}, "alpha"),
        ({"alpha": 5, "beta": 5, "gamma": 0}, {"beta": 0.4}, "beta"),
        # three tied: the likeliest of the three
        ({"alpha": 5, "beta": 5, "gamma": 5}, {"alpha": 0.2, "beta": 0.3, "gamma": 0.5}, "gamma"),
        # a lead beyond the close-call margin: the top leads whatever the analysis says
        ({"alpha": 9, "beta": 5, "gamma": 0}, {"alpha": 0.1, "beta": 0.9}, "alpha"),
        # within the margin, the chance of ranking first separates them
        ({"alpha": 6, "beta": 5, "gamma": 0}, {"alpha": 0.1, "beta": 0.9}, "beta"),
        # no analysis: nothing separates them, and the ranking's first is named
        ({"alpha": 5, "beta": 5, "gamma": 0}, None, "alpha"),
    ],
)
def test_the_likelier_of_tied_platforms_leads(
    points: dict[str, int], first: dict[str, float] | None, primary: str
) -> None:
    found = recommend(_pack(points), _evaluation(points, first))
    assert found.primary == primary
    assert primary not in found.secondary


@pytest.mark.parametrize(
    ("points", "first", "decided_by"),
    [
        ({"alpha": 9, "beta": 5, "gamma": 0}, {"alpha": 0.5, "beta": 0.5}, "score"),
        ({"alpha": 6, "beta": 5, "gamma": 0}, {"alpha": 0.6, "beta": 0.4}, "chance"),
        ({"alpha": 5, "beta": 5, "gamma": 0}, {"alpha": 0.52, "beta": 0.48}, "none"),
        ({"alpha": 5, "beta": 4, "gamma": 0}, {"alpha": 0.45, "beta": 0.49}, "none"),
        ({"alpha": 5, "beta": 5, "gamma": 0}, None, "none"),
    ],
)
def test_a_close_call_is_never_decided_by_the_score(
    points: dict[str, int], first: dict[str, float] | None, decided_by: str
) -> None:
    found = recommend(_pack(points), _evaluation(points, first))
    assert found.decided_by == decided_by
    assert found.close_call == (decided_by != "score")


def test_a_deciding_answer_settles_what_the_evidence_leaves_open() -> None:
    """The merchant's own answer (where the shop runs) picks among the contenders whose
    chances are within the margin, never a platform the evidence puts behind."""
    points = {"alpha": 5, "beta": 5, "gamma": 4}
    pack = _pack(points)
    shop = parse(Question, {
        "id": "shop", "type": "choice", "label": TEXT, "help": TEXT, "default": "none",
        "choices": [{"id": c, "label": TEXT} for c in ("alpha", "beta", "gamma", "none")],
    })  # fmt: skip
    meta = dataclasses.replace(pack.meta, decide_by=("shop",))
    pack = dataclasses.replace(pack, questions=(*pack.questions, shop), meta=meta)
    evaluation = dataclasses.replace(
        Scorer(pack).evaluate(build_profile(pack, {})),
        confidence=Confidence("test", {"alpha": 0.4, "beta": 0.42, "gamma": 0.18}, {}),
    )
    for shop_on, primary, decided_by in [
        ("alpha", "alpha", "answer:shop"),
        ("gamma", "beta", "none"),  # gamma is not among the open contenders
        ("none", "beta", "none"),
    ]:
        answered = dataclasses.replace(evaluation, profile={**evaluation.profile, "shop": shop_on})
        found = recommend(pack, answered)
        assert (found.primary, found.decided_by) == (primary, decided_by), shop_on


def test_a_pairing_is_shown_with_the_better_placed_of_its_platforms() -> None:
    pack = _pack({"alpha": 15, "beta": 0, "gamma": 20}, (_pairing(),))
    scorer = Scorer(pack)
    found = recommend(pack, scorer.evaluate(build_profile(pack, {})))
    assert (found.primary, found.secondary) == ("gamma", ("alpha",))
    together = [s.platform for s in found.steps if s.text.en == "together"]
    assert together == ["gamma"]
    placed: list[Any] = [s.platform for s in found.steps]
    assert placed.index("gamma") < placed.index("alpha")
