"""The HTML report opens as a complete page in headless Chromium (skipped without Chromium)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from merchant_cli.engine import Scorer
from merchant_cli.pack import RulePack
from merchant_cli.profile import build_profile
from merchant_cli.reporters import RenderOptions, build_report
from merchant_cli.reporters.html import render

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "check_html.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_html", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_chromium_renders_the_html_report(pack: RulePack, tmp_path: Path) -> None:
    script = _script()
    browser = script.find_browser()
    if browser is None:
        pytest.skip("no Chromium installed (apt-get install -y chromium)")
    scorer = Scorer(pack)
    answers = {"category": "bags", "price": 59, "notes_per_week": 2, "videos_per_week": 0}
    evaluation = scorer.evaluate(build_profile(pack, {**answers, "live_hours_per_week": 3}))
    page = tmp_path / "report.html"
    report = build_report(evaluation, pack)
    page.write_text(render(report, RenderOptions(lang="zh")), encoding="utf-8")
    assert script.screenshot(browser, page, tmp_path / "report.png")
