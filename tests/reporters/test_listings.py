"""The listings (`questions`, `observations`, `rules list`, `rules show`) as a person reads
them: in their language, wrapped by the tool with a hanging indent, choices by label."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from merchant_cli.core.pack import RulePack
from merchant_cli.reporters.conditions import condition_text
from merchant_cli.reporters.linebreak import NO_LINE_START, cells
from merchant_cli.reporters.listings import questions_listing
from merchant_cli.reporters.questions import values_text
from tests.conftest import Run, when

Cli = Callable[..., Run]
LISTINGS = [
    ["questions"],
    ["observations"],
    ["observations", "A13", "A18"],
    ["rules", "list"],
    ["rules", "show", "xhs-cluster-live-rooms"],
]


@pytest.mark.parametrize("columns", [60, 80])
@pytest.mark.parametrize("command", LISTINGS, ids=" ".join)
def test_listings_are_wrapped_to_the_terminal_as_chinese_is_typeset(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, command: list[str], columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    run = cli(*command, "--lang", "zh")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert len(lines) > 3
    assert all(cells(line) <= columns for line in lines), max(lines, key=cells)
    assert not [line for line in lines if line.strip()[:1] in NO_LINE_START]
    wrapped = [line for line in lines if line.startswith("    ")]
    assert wrapped, "long lines go on under a hanging indent"


def test_questions_show_choices_by_label_with_the_id_beside(cli: Cli) -> None:
    out = cli("questions", "--lang", "zh").out
    assert "鞋类（shoes）" in out and "产业带工厂（cluster_factory）" in out
    assert "默认：不指定（not_specified）" in out and "[默认: " not in out
    assert "主要售价  price  --price" in out and "取值：大于0的数字（元）" in out
    english = cli("questions", "--lang", "en").out
    assert "Shoes (shoes)" in english and "default: Not specified (not_specified)" in english
    assert "values: a whole number from 0 to 1000" in english


def test_a_listing_piped_without_columns_keeps_each_line_whole(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS")
    out = cli("rules", "list", "--lang", "zh").out
    assert all(not line.startswith(" ") for line in out.splitlines())


def test_observations_in_chinese_have_no_english_summary(cli: Cli) -> None:
    out = cli("observations", "A13", "--lang", "zh").out
    assert "Since April 2024" not in out and "自2024年4月起" in out
    assert "原文：「" in out and "已校正机翻：「" in out
    assert "来源：《TikTok难民长留不易,小红书电商急于破茧》，果小喵，2025-01-16" in out
    assert "平台" not in out.splitlines()[0] and "小红书" in out.splitlines()[0]
    english = cli("observations", "A13", "--lang", "en").out
    assert "Since April 2024" in english and "自2024年4月起" in english
    assert "source: 36Kr (36氪), reprinted from WeChat account 财经故事汇, 2025-01-16" in english


@pytest.mark.parametrize(
    ("data", "en", "zh"),
    [
        (None, "always", "总是适用"),
        ({"category": {"in": ["shoes", "bags"]}},
         "Main product category is Shoes or Bags", "主营类目为鞋类或箱包"),
        ({"category": {"not_in": ["shoes", "bags", "food"]}},
         "Main product category is not Shoes, Bags or Food and drink",
         "主营类目不为鞋类、箱包或食品饮料"),
        ({"price": {"between": [88, 188]}},
         "Typical selling price from 88 yuan to 188 yuan", "主要售价在88元至188元之间"),
        ({"all": [{"live_hours_per_week": {"gt": 0}},
                  {"any": [{"goal": {"eq": "volume"}}, {"price": {"lte": 80}}]}]},
         "Live-streaming hours per week over 0 h and "
         "(Main goal is Sales volume or Typical selling price at most 80 yuan)",
         "每周直播时长超过0小时，且（主要目标为走量成交，或主要售价不超过80元）"),
        ({"not": {"merchant_type": {"ne": "brand"}}},
         "not (Type of merchant is not Brand)", "并非（商家类型不为品牌商家）"),
        ({"price_band": {"eq": "under_25"}},
         "Price band is under 25 yuan (the article's 24.9-yuan hits)",
         "价格带为25元以下（文中24.9元爆款）"),
    ],
)  # fmt: skip
def test_conditions_read_in_words(pack: RulePack, data: object, en: str, zh: str) -> None:
    condition = None if data is None else when(data)
    assert condition_text(pack, condition, "en") == en
    assert condition_text(pack, condition, "zh") == zh


def test_values_say_the_bounds_and_the_unit(pack: RulePack) -> None:
    assert values_text(pack.question_by_id["price"], "zh") == "大于0的数字（元）"
    assert values_text(pack.question_by_id["live_hours_per_week"], "en") == (
        "a number from 0 to 168 (h)"
    )
    assert questions_listing(pack, "en", None).count("\n\n") == len(pack.questions) - 1
