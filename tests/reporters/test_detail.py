"""`--detail`: short is the terminal table's default, full the default of the formats that
are shared; JSON holds everything whatever it says."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import CORE, Run

Cli = Callable[..., Run]
EVALUATE = ["evaluate", "--no-input", "--lang", "en", *CORE]


def test_table_is_short_unless_full_is_asked(cli: Cli) -> None:
    short, full = cli(*EVALUATE).out, cli(*EVALUATE, "--detail", "full").out
    assert "Merchant profile" not in short and "Merchant profile" in full
    assert "--detail full" in short and len(full.splitlines()) > len(short.splitlines())


def test_markdown_and_html_are_full_unless_short_is_asked(cli: Cli) -> None:
    for fmt in ("markdown", "html"):
        full = cli(*EVALUATE, "--format", fmt).out
        short = cli(*EVALUATE, "--format", fmt, "--detail", "short").out
        assert "Merchant profile" in full and "Merchant profile" not in short


def test_json_is_the_same_at_any_detail(cli: Cli) -> None:
    whole = cli(*EVALUATE, "--format", "json").out
    assert cli(*EVALUATE, "--format", "json", "--detail", "short").out == whole
