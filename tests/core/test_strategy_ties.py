"""Strategy at its edges: which tied platform leads, and where a pairing is shown (issue 13)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from merchant_cli.core.confidence import Confidence
from merchant_cli.core.engine import Scorer
from merchant_cli.core.profile import build_profile
from merchant_cli.core.result import Evaluation
from merchant_cli.core.strategy import recommend
from tests.core.test_strategy import _pack, _pairing


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
        # no tie: the top leads whatever the analysis says
        ({"alpha": 6, "beta": 5, "gamma": 0}, {"alpha": 0.1, "beta": 0.9}, "alpha"),
        # no analysis: the ranking's order
        ({"alpha": 5, "beta": 5, "gamma": 0}, None, "alpha"),
    ],
)
def test_the_likelier_of_tied_platforms_leads(
    points: dict[str, int], first: dict[str, float] | None, primary: str
) -> None:
    found = recommend(_pack(points), _evaluation(points, first))
    assert found.primary == primary
    assert primary not in found.secondary


def test_a_pairing_is_shown_with_the_better_placed_of_its_platforms() -> None:
    pack = _pack({"alpha": 15, "beta": 0, "gamma": 20}, (_pairing(),))
    scorer = Scorer(pack)
    found = recommend(pack, scorer.evaluate(build_profile(pack, {})))
    assert (found.primary, found.secondary) == ("gamma", ("alpha",))
    together = [s.platform for s in found.steps if s.text.en == "together"]
    assert together == ["gamma"]
    placed: list[Any] = [s.platform for s in found.steps]
    assert placed.index("gamma") < placed.index("alpha")
