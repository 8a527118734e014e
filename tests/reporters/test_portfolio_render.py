"""The portfolio's renderers: every format, names from an extra column, links to the
reports, input texts escaped for each output."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser

import pytest

from merchant_cli.core.batch import Record
from merchant_cli.core.pack import RulePack
from merchant_cli.core.portfolio import Portfolio, build_portfolio
from merchant_cli.reporters import RenderOptions
from merchant_cli.reporters.portfolio import FORMATS, renderer
from tests.core.test_portfolio import BAGS, SHOES

LINKS = {2: "鞋厂.html", 3: "a b.html"}


@pytest.fixture(scope="module")
def portfolio(pack: RulePack) -> Portfolio:
    records = [
        Record(2, "鞋厂", SHOES, {"店铺名称": "<i>一号</i>"}),
        Record(3, "a b", BAGS, {"店铺名称": "Lily | 1"}),
    ]
    return build_portfolio(pack, records, today=dt.date(2026, 3, 1))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_format_renders_in_both_languages(
    portfolio: Portfolio, fmt: str, lang: str
) -> None:
    text = renderer(fmt)(portfolio, RenderOptions(lang=lang, detail="full"), LINKS)
    assert "鞋厂" in text
    if fmt != "json":
        assert ("客户组合概览" in text) == (lang == "zh")


def test_the_name_column_shows_names(portfolio: Portfolio) -> None:
    table = renderer("table")(portfolio, RenderOptions(detail="full", width=160))
    assert "Name" in table and "<i>一号</i>" in table and "Lily | 1" in table
    data = json.loads(renderer("json")(portfolio, RenderOptions()))
    assert [c["name"] for c in data["clients"]] == ["<i>一号</i>", "Lily | 1"]


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.links += [value or "" for name, value in attrs if name == "href"]
        if tag not in ("meta", "br"):
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open.pop() == tag


def test_the_html_index_is_one_balanced_page_with_relative_links(portfolio: Portfolio) -> None:
    page = renderer("html")(portfolio, RenderOptions(lang="zh"), LINKS)
    parser = _Page()
    parser.feed(page)
    assert parser.open == []
    assert parser.links == ["%E9%9E%8B%E5%8E%82.html", "a%20b.html"]
    assert "<i>" not in page and "&lt;i&gt;一号&lt;/i&gt;" in page and "<script" not in page


def test_markdown_escapes_names_and_encodes_links(portfolio: Portfolio) -> None:
    text = renderer("markdown")(portfolio, RenderOptions(), LINKS)
    assert "Lily \\| 1" in text and "&lt;i>" in text
    assert "[a b](<a%20b.html>)" in text


def test_without_links_there_is_no_link(portfolio: Portfolio) -> None:
    assert "](" not in renderer("markdown")(portfolio, RenderOptions())
    assert "href" not in renderer("html")(portfolio, RenderOptions())


def test_a_client_without_an_id_links_its_report_all_the_same(pack: RulePack) -> None:
    records = [Record(2, None, SHOES)]
    nameless = build_portfolio(pack, records, today=dt.date(2026, 3, 1))
    page = renderer("html")(nameless, RenderOptions(), {2: "row2.html"})
    assert '<a href="row2.html">report</a>' in page
    text = renderer("markdown")(nameless, RenderOptions(lang="zh"), {2: "row2.md"})
    assert "[报告](<row2.md>)" in text


def test_a_page_for_a_narrow_encoding_is_ascii(portfolio: Portfolio) -> None:
    page = renderer("html")(portfolio, RenderOptions(lang="zh", encoding="ascii"))
    assert page.isascii() and "&#23458;" in page  # 客


def test_a_short_summary_lists_the_first_few_and_says_how_many_more(pack: RulePack) -> None:
    many = [Record(row, f"bags-{row}", BAGS) for row in range(2, 32)]
    large = build_portfolio(pack, many, today=dt.date(2026, 3, 1))
    assert len(large.close_calls) == 30
    short = renderer("table")(large, RenderOptions(width=120))
    assert "bags-21:" in short and "bags-22:" not in short and "10 more: --detail full" in short
    full = renderer("markdown")(large, RenderOptions())
    assert "bags-31:" in full and "more: --detail full" not in full
