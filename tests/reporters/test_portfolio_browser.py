"""`portfolio --reports DIR` in headless Chromium: the index and the reports it links open as
pages, their Chinese drawn in a CJK font (`scripts/check_html.py`; skipped without Chromium,
except in CI, as the HTML report's own browser test)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from urllib.parse import unquote

from tests.app.test_portfolio import TODAY, merchants_csv
from tests.conftest import Run

Cli = Callable[..., Run]


def test_chromium_opens_the_index_and_every_report_it_links(
    cli: Cli, script: ModuleType, browser: str, tmp_path: Path
) -> None:
    reports = tmp_path / "reports"
    result = cli("portfolio", str(merchants_csv(tmp_path)), "--today", TODAY, "--lang", "zh",
                 "--reports", str(reports))  # fmt: skip
    assert result.code == 1, result.err
    index = reports / "index.html"
    html = index.read_text(encoding="utf-8")
    assert script.chinese_sample(html).startswith("客户组合概览")
    probe = tmp_path / "probe"
    probe.mkdir()
    assert script.glyphs_drawn(browser, index, probe), "the index's Chinese renders as tofu"
    links = [unquote(href) for href in re.findall(r'<a href="([^"]+)"', html)]
    assert len(links) == 7
    for number, link in enumerate(links):
        page = index.parent / link  # as the browser resolves a relative link from the index
        assert page.parent == reports and page.is_file(), link
        shot = tmp_path / f"report-{number}.png"
        assert script.screenshot(browser, page, shot, (800, 600)), link
    assert script.glyphs_drawn(browser, reports / links[-1], probe), "a report renders as tofu"
