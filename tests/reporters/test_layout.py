"""The terminal report's shape: one screen by default, Chinese broken where Chinese allows.

Each example is evaluated once; the report is then laid out at every width from 40 to
120 columns, short and full, and every line is checked as the reader meets it.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest
import yaml

from merchant_cli.app.pipeline import evaluate_report
from merchant_cli.core.profile import build_profile
from merchant_cli.packs.loader import builtin_pack_dir, load_pack
from merchant_cli.reporters import RenderOptions, Report, renderer
from merchant_cli.reporters.linebreak import NO_LINE_END, NO_LINE_START, break_offsets
from tests.conftest import ROOT

EXAMPLES = sorted(path.stem for path in (ROOT / "examples").glob("*.yaml"))
TODAY = dt.date(2026, 1, 1)  # stale evidence: the longest notes
BORDERS = "│┃║╭╮╰╯─━┌┐└┘├┤┬┴┼ •·-*>→"
CLOSERS = "，。、：；！？）」』】》〉"
OPENERS = "（「『【《〈"


@cache
def _report(example: str) -> Report:
    pack = load_pack(builtin_pack_dir())
    answers = yaml.safe_load((ROOT / "examples" / f"{example}.yaml").read_text(encoding="utf-8"))
    return evaluate_report(pack, build_profile(pack, answers), today=TODAY)


def _table(example: str, lang: str, width: int, detail: str | None = None) -> list[str]:
    options = RenderOptions(lang=lang, width=width, detail=detail)
    return renderer("table")(_report(example), options).splitlines()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("example", EXAMPLES)
def test_the_default_report_fits_one_screen_and_full_shows_more(example: str, lang: str) -> None:
    short = _table(example, lang, 80)
    assert len(short) <= 40
    assert len(_table(example, lang, 80, "full")) > len(short)


@pytest.mark.parametrize(
    ("detail", "widths"), [("full", range(40, 121, 3)), ("short", range(41, 121, 4))]
)
@pytest.mark.parametrize("example", EXAMPLES)
def test_no_chinese_line_starts_with_a_closing_mark_at_any_width(
    example: str, detail: str, widths: range
) -> None:
    """Every third width for the full report (which holds all the short one's texts but the
    cut quotes), every fourth for the short one, the two offset so that between them every
    residue of a line's length is met: the suite stays quick."""
    for width in widths:
        for line in _table(example, "zh", width, detail):
            text = line.strip(BORDERS)
            assert not text or (text[0] not in CLOSERS and text[-1] not in OPENERS), (width, line)


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("甲乙丙丁，戊己", 8, ["甲乙丙", "丁，戊己"]),  # the comma takes its character along
        ("甲乙丙「丁戊", 8, ["甲乙丙", "「丁戊"]),  # the opening mark goes down with its text
        ("one two three", 8, ["one two ", "three"]),  # Latin text breaks at spaces only
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),  # an unbreakable run is folded
        ("甲乙丙 (MT\u00a0fix)", 10, ["甲乙丙 ", "(MT\u00a0fix)"]),  # never at a no-break space
    ],
)
def test_break_offsets(text: str, width: int, lines: list[str]) -> None:
    cuts = [0, *break_offsets(text, width), len(text)]
    assert [text[a:b] for a, b in zip(cuts, cuts[1:], strict=False)] == lines
    assert not set(lines[-1][:1]) & NO_LINE_START and not set(lines[0][-1:]) & NO_LINE_END
