"""`reporters.rulesdiff`: every form has a renderer, and texts from other people's files
(client ids, overlay names, rejected cells) reach the terminal escaped and form no
Markdown of their own."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest

from merchant_cli.app.commands.rules_diff import DIFF_FORMATS
from merchant_cli.core.batch import Record
from merchant_cli.core.pack import RulePack
from merchant_cli.core.rulesdiff import RulesDiff, diff_packs
from merchant_cli.packs.loader import load_pack
from merchant_cli.reporters.rulesdiff import (
    Side,
    diff_data,
    diff_markdown,
    diff_table,
)
from tests.conftest import DATA
from tests.robustness.test_hostile_text import HOSTILE, MARKDOWN, RAW_BUT_LINES

BASE = DATA / "packs" / "base"


@pytest.fixture(scope="module")
def packs() -> tuple[RulePack, RulePack]:
    """The tiny pack, and the same with Alpha's shoe rule weighing nothing."""
    base = load_pack(BASE)
    rule = base.rule_by_id["alpha-shoes"]
    return base, replace(base, rules=(replace(rule, points=0), *base.rules[1:]))


def _diff(packs: tuple[RulePack, RulePack], ident: str, price: str = "30") -> RulesDiff:
    records = [
        Record(2, ident, {"category": "shoes", "price": "30", "live_hours": "2"}),
        Record(3, ident, {"category": "bags", "price": price}),
    ]
    return diff_packs(records, *packs, today=dt.date(2025, 6, 1))


def _tags(html: str) -> list[str]:
    return re.findall(r"<(/?[a-z][a-z0-9]*)", html)


def test_every_format_has_a_renderer(packs: tuple[RulePack, RulePack]) -> None:
    sides = Side(packs[0]), Side(packs[1])
    diff = _diff(packs, "c1")
    rendered = {
        "table": diff_table(diff, sides, "en"),
        "markdown": diff_markdown(diff, sides, "en"),
        "json": str(diff_data(diff, sides, "en")),
    }
    assert set(rendered) == set(DIFF_FORMATS)
    assert all("c1" in text for text in rendered.values())


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_ids_and_names_are_shown_not_run(
    packs: tuple[RulePack, RulePack], text: str
) -> None:
    plain = _diff(packs, "x", "-1")
    hostile = _diff(packs, text, text)
    assert hostile.changed and hostile.rejected
    for lang in ("en", "zh"):
        sides = Side(packs[0], (text,)), Side(packs[1], (text,))
        table = diff_table(hostile, sides, lang)
        assert not RAW_BUT_LINES.search(table), table
        assert len(table.splitlines()) == len(diff_table(plain, sides, lang).splitlines())
        plain_sides = Side(packs[0], ("x",)), Side(packs[1], ("x",))
        written = MARKDOWN.render(diff_markdown(hostile, sides, lang))
        expected = MARKDOWN.render(diff_markdown(plain, plain_sides, lang))
        assert _tags(written) == _tags(expected), written
