"""The typed library API: what `from merchant_cli import ...` offers, and that it is typed."""

from __future__ import annotations

from pathlib import Path

import pytest

import merchant_cli
from merchant_cli import Rejected, Scored, build_profile, evaluate, load_pack, score_batch, worded

SHOES = {
    "category": "shoes",
    "price": 24.9,
    "notes_per_week": 0,
    "videos_per_week": 2,
    "live_hours_per_week": 40,
}


def test_public_names_resolve() -> None:
    for name in merchant_cli.__all__:
        assert getattr(merchant_cli, name) is not None
    with pytest.raises(AttributeError):
        _ = merchant_cli.no_such_thing


def test_py_typed_is_shipped() -> None:
    assert (Path(merchant_cli.__file__).parent / "py.typed").is_file()


def test_evaluate_and_score_batch_agree() -> None:
    pack = load_pack()
    single = evaluate(build_profile(pack, SHOES), pack)
    outcomes = list(score_batch(pack, [SHOES, {**SHOES, "price": -1}, SHOES]))
    first, bad, again = outcomes
    assert isinstance(first, Scored) and isinstance(again, Scored)
    assert first.ranking == single.ranking == again.ranking
    assert first.top.platform == single.top.platform
    assert isinstance(bad, Rejected) and bad.row == 2
    assert "must be greater than 0" in worded(bad.reason, "en")
