"""Golden reports: table (one screen at 80 and 120 columns, in full at 80), Markdown,
HTML and JSON, in both languages.

Three contrasting merchants from examples/. The goldens live in tests/golden/;
after an intended change to a report, regenerate them with

    MERCHANT_CLI_UPDATE_GOLDEN=1 .venv/bin/pytest tests/reporters/test_golden.py

and review the diff. `today` is fixed per merchant, so the goldens never depend
on the date they are run (one merchant is shown with fresh evidence, two stale).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from html.parser import HTMLParser
from typing import Any

import pytest
import yaml
from rich.cells import cell_len

from merchant_cli.app.pipeline import evaluate_report
from merchant_cli.core.models import Platform
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import build_profile
from merchant_cli.packs.loader import load_pack
from merchant_cli.packs.validation import parse
from merchant_cli.reporters import FORMATS, RenderOptions, Report, renderer
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("MERCHANT_CLI_UPDATE_GOLDEN") == "1"
MERCHANTS = {
    "merchant-shoe-factory": dt.date(2025, 6, 1),
    "merchant-design-studio": dt.date(2026, 3, 1),
    "merchant-apparel-brand": dt.date(2026, 3, 1),
}
KINDS = {
    "table-80.txt": ("table", 80, None),
    "table-120.txt": ("table", 120, None),
    "table-full-80.txt": ("table", 80, "full"),
    "md": ("markdown", 80, None),
    "html": ("html", 80, None),
    "json": ("json", 80, None),
}


@pytest.fixture(scope="module")
def golden_pack() -> RulePack:
    """The frozen pack the goldens render (tests/data/golden-pack/), not rules/: a points
    change in the built-in pack does not rewrite every golden report."""
    return load_pack(ROOT / "tests" / "data" / "golden-pack")


def _report(pack: RulePack, merchant: str) -> Report:
    answers: dict[str, Any] = yaml.safe_load(
        (ROOT / "examples" / f"{merchant}.yaml").read_text(encoding="utf-8")
    )
    return evaluate_report(pack, build_profile(pack, answers), today=MERCHANTS[merchant])


def _render(pack: RulePack, merchant: str, fmt: str, width: int, lang: str, **extra: Any) -> str:
    report = _report(pack, merchant)
    return renderer(fmt)(report, RenderOptions(lang=lang, width=width, **extra))


def _without_css(text: str) -> str:
    """The stylesheet is the same in every HTML report; goldens hold the content only."""
    return re.sub(
        r"<style>.*?</style>", "<style>/* reporters/html.py CSS */</style>", text, flags=re.DOTALL
    )


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("merchant", sorted(MERCHANTS))
def test_report_matches_golden(
    golden_pack: RulePack, merchant: str, lang: str, kind: str
) -> None:
    fmt, width, detail = KINDS[kind]
    text = _without_css(_render(golden_pack, merchant, fmt, width, lang, detail=detail))
    path = GOLDEN / f"{merchant}.{lang}.{kind}"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"regenerate: see {__name__} docstring"


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("merchant", sorted(MERCHANTS))
def test_chinese_table_lines_fill_exactly_the_width(
    pack: RulePack, merchant: str, width: int
) -> None:
    """Wide characters counted right: no line overflows, every panel border meets its edge."""
    lines = _render(pack, merchant, "table", width, "zh", detail="full").splitlines()
    ranking = next(cell_len(line) for line in lines if line.startswith("┏"))
    for line in lines:
        assert cell_len(line) <= width, line
        if line[:1] in "╭╰":
            assert cell_len(line) == width, line
        if line[:1] in "│┃":  # a panel's line, or the ranking table's
            assert cell_len(line) in (width, ranking), line


def test_every_format_has_a_renderer_that_takes_the_insight(pack: RulePack) -> None:
    for fmt in FORMATS:
        assert _render(pack, "merchant-shoe-factory", fmt, 100, "en")


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_full_evidence_quotes_every_cited_observation_in_both_languages(
    pack: RulePack, fmt: str
) -> None:
    text = _render(pack, "merchant-design-studio", fmt, 200, "en", evidence="full")
    observation = pack.observation_by_id["A26"]  # cited by a risk, quoted in full only here
    assert observation.reading is not None
    flat = "".join(text.replace("│", " ").split())  # wrapped lines joined back
    parts = (observation.summary.en, observation.summary.zh, observation.quote, observation.reading)
    for part in parts:
        assert "".join(part.split()) in flat


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.seen: set[str] = set()
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.add(tag)
        self.attributes += [f"{k}={v}" for k, v in attrs]
        if tag not in ("meta", "br"):
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open.pop() == tag


def test_html_is_one_balanced_page_with_nothing_external(pack: RulePack) -> None:
    text = _render(pack, "merchant-apparel-brand", "html", 80, "zh")
    parser = _Tags()
    parser.feed(text)
    assert parser.open == [] and {"html", "head", "style", "body", "table"} <= parser.seen
    assert "script" not in parser.seen and "link" not in parser.seen
    assert not [a for a in parser.attributes if a.startswith(("src=", "href="))]


def test_html_escapes_pack_texts(pack: RulePack) -> None:
    hostile = parse(Platform, {"id": "douyin", "name": {"en": "<b>Dou</b>", "zh": "<b>"}})
    platforms = tuple(hostile if p.id == "douyin" else p for p in pack.platforms)
    changed = dataclasses.replace(pack, platforms=platforms)
    text = _render(changed, "merchant-shoe-factory", "html", 80, "en")
    assert "<b>" not in text and "&lt;b&gt;Dou&lt;/b&gt;" in text
