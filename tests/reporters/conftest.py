"""The browser the HTML tests open pages in, and scripts/check_html.py, which drives it."""

from __future__ import annotations

import importlib.util
import os
from types import ModuleType

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "check_html.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_html", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return _script()


@pytest.fixture
def browser(script: ModuleType) -> str:
    """Chromium's path; skipped without it, except in CI (`CI` set), where .ci/run installs
    it: there a missing browser fails, so a browser test can never skip unnoticed."""
    found: str | None = script.find_browser()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("no Chromium in CI: .ci/run should have installed it")
        pytest.skip("no Chromium installed (apt-get install -y chromium fonts-noto-cjk)")
    return found
