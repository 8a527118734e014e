"""`--today` and SOURCE_DATE_EPOCH fix the date behind "N months ago": reproducible reports."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.conftest import CORE, Run

Cli = Callable[..., Run]
EVALUATE = ["evaluate", *CORE, "--no-input", "--format", "json", "--lang", "en"]


def _age(run: Run) -> str:
    assert run.code == 0, run.err
    warnings: list[str] = json.loads(run.out)["warnings"]
    return next(w for w in warnings if "as of" in w)


def test_today_fixes_the_evidence_age(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # 2027-01-15: --today wins over it
    first = cli(*EVALUATE, "--today", "2026-11-26")
    assert "22 months ago" in _age(first)
    assert cli(*EVALUATE, "--today", "2026-11-26").out == first.out


def test_source_date_epoch_is_read_as_a_utc_date(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    assert "24 months ago" in _age(cli(*EVALUATE))
    assert cli(*EVALUATE).out == cli(*EVALUATE, "--today", "2027-01-15").out


@pytest.mark.parametrize("value", ["2026-13-01", "yesterday", ""])
def test_a_bad_today_is_a_usage_error(cli: Cli, value: str) -> None:
    run = cli(*EVALUATE, "--today", value)
    assert (run.code, run.out) == (2, "")
    assert "--today: expected a date as YYYY-MM-DD" in run.err


@pytest.mark.parametrize("value", ["soon", "-5", "1.5e9", "", "9" * 30])
def test_a_bad_source_date_epoch_is_a_usage_error(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    run = cli(*EVALUATE)
    assert (run.code, run.out) == (2, "")
    assert "SOURCE_DATE_EPOCH" in run.err
