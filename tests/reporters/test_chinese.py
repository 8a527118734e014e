"""The Chinese report is Chinese throughout: the evidence's summaries, source lines and
table titles too; only the article's quotes and its sources' titles stay as written."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest
import yaml

from merchant_cli.app.pipeline import evaluate_report
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import build_profile
from merchant_cli.reporters import RenderOptions, renderer
from tests.conftest import ROOT

ENGLISH_SENTENCE = re.compile(r"[A-Za-z][A-Za-z'’-]+(?:[ ,]+[A-Za-z][A-Za-z'’-]+){2,}")
"""Three English words in a row (`YANN BOUTIQUE`, a name, is two)."""
VERBATIM = re.compile(r"「[^」]*」|《[^》]*》", re.DOTALL)
"""The article's words and a source's title, shown as written."""
MERCHANTS = ("merchant-shoe-factory", "merchant-design-studio", "merchant-apparel-brand")


def _render(pack: RulePack, merchant: str, fmt: str, lang: str, **extra: Any) -> str:
    answers = yaml.safe_load((ROOT / "examples" / f"{merchant}.yaml").read_text("utf-8"))
    report = evaluate_report(pack, build_profile(pack, answers), today=dt.date(2026, 3, 1))
    return renderer(fmt)(report, RenderOptions(lang=lang, width=80, **extra))


def _visible(text: str, fmt: str) -> str:
    if fmt == "html":
        text = re.sub(r"<style>.*?</style>", "", text, flags=re.DOTALL)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return VERBATIM.sub("", text)


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
@pytest.mark.parametrize("merchant", MERCHANTS)
def test_the_chinese_report_has_no_english_sentence(
    pack: RulePack, merchant: str, fmt: str
) -> None:
    text = _render(pack, merchant, fmt, "zh", detail="full", evidence="full")
    assert "证据原文" in text and "来源：《" in text
    assert not ENGLISH_SENTENCE.findall(_visible(text, fmt))


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_evidence_names_its_source_in_the_reader_s_language(pack: RulePack, fmt: str) -> None:
    chinese = _flat(_render(pack, "merchant-shoe-factory", fmt, "zh", evidence="full"))
    assert "来源：《TikTok难民长留不易,小红书电商急于破茧》，果小喵，2025-01-16" in chinese
    assert "Evidencequoted" not in chinese and "source:" not in chinese
    english = _flat(_render(pack, "merchant-shoe-factory", fmt, "en", evidence="full"))
    assert "source:36Kr(36氪),reprintedfromWeChataccount财经故事汇,2025-01-16" in english
    assert "证据原文" not in english


def _flat(text: str) -> str:
    """The text without the table's borders and any space: a wrapped line joined back."""
    return "".join(text.replace("│", " ").split())


def test_html_evidence_ids_link_only_where_the_evidence_is_quoted(pack: RulePack) -> None:
    plain = _render(pack, "merchant-shoe-factory", "html", "zh")
    assert "<a " not in plain and '<span class="ev">[A21-douyin]</span>' in plain
    quoted = _render(pack, "merchant-shoe-factory", "html", "zh", evidence="full")
    targets = set(re.findall(r'href="#([^"]+)"', quoted))
    anchors = set(re.findall(r' id="([^"]+)"', quoted))
    assert targets and targets <= anchors
    assert ".ev{color:#57606a" in quoted  # grey: an id that is not a link does not look like one


def test_a_corrected_reading_is_marked_with_one_wording(pack: RulePack) -> None:
    short = _render(pack, "merchant-shoe-factory", "table", "zh")
    full = _render(pack, "merchant-shoe-factory", "table", "zh", detail="full")
    assert "（已校正机翻）" in short and "（已校正机翻）" in full
    assert "机器翻译" not in short + full
