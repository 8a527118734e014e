"""The HTML report opens as a complete page in headless Chromium, its Chinese drawn in a CJK font.

Skipped without Chromium, except in CI (`CI` set), where .ci/run installs it:
there a missing browser fails, so the test can never skip unnoticed (`conftest.browser`).
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from merchant_cli.app.pipeline import evaluate_report
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import build_profile
from merchant_cli.reporters import RenderOptions
from merchant_cli.reporters.html import render

LATIN_FONTS = Path("/usr/share/fonts/truetype/dejavu")


@pytest.fixture
def zh_report(pack: RulePack, tmp_path: Path) -> Path:
    answers = {"category": "bags", "price": 59, "notes_per_week": 2, "videos_per_week": 0}
    report = evaluate_report(pack, build_profile(pack, {**answers, "live_hours_per_week": 3}))
    page = tmp_path / "report.html"
    page.write_text(render(report, RenderOptions(lang="zh")), encoding="utf-8")
    return page


def test_chromium_renders_the_chinese_report_in_a_cjk_font(
    script: ModuleType, browser: str, zh_report: Path, tmp_path: Path
) -> None:
    # The probe is a screenshot of the whole report with the glyph strip on top.
    assert script.chinese_sample(zh_report.read_text(encoding="utf-8")) == "平台适配报告"
    assert script.glyphs_drawn(browser, zh_report, tmp_path), "Chinese text renders as tofu"
    assert (tmp_path / "probe.png").stat().st_size > 10_000


def test_the_glyph_check_sees_tofu_when_no_cjk_font_is_there(
    script: ModuleType,
    browser: str,
    zh_report: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not LATIN_FONTS.is_dir():
        pytest.skip(f"needs the DejaVu fonts in {LATIN_FONTS}")
    config = tmp_path / "fonts.conf"  # fontconfig that knows only a Latin font
    config.write_text(
        f"<fontconfig><dir>{LATIN_FONTS}</dir><cachedir>{tmp_path / 'cache'}</cachedir>"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    assert not script.glyphs_drawn(browser, zh_report, tmp_path)
