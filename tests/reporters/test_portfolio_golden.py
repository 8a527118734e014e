"""Golden portfolios: the summary a small merchants file gives, as a table (in both languages,
and in full) and as JSON and Markdown, through the real entry point.

The file is built here (`tests/app/test_portfolio.ROWS`), scored with the frozen golden pack
(tests/data/golden-pack/) on a fixed day; the goldens are in tests/golden/portfolio/ (not
beside the reports', whose JSON is checked against the report's schema). After an intended
change, regenerate with

    MERCHANT_CLI_UPDATE_GOLDEN=1 .venv/bin/pytest tests/reporters/test_portfolio_golden.py

and review the diff.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.app.test_portfolio import TODAY, merchants_csv
from tests.conftest import ROOT, Run

Cli = Callable[..., Run]
GOLDEN = ROOT / "tests" / "golden" / "portfolio"
PACK = ROOT / "tests" / "data" / "golden-pack"
UPDATE = os.environ.get("MERCHANT_CLI_UPDATE_GOLDEN") == "1"
KINDS = {
    "en.table.txt": ["--format", "table", "--lang", "en"],
    "zh.table.txt": ["--format", "table", "--lang", "zh"],
    "en.table-full.txt": ["--format", "table", "--lang", "en", "--detail", "full"],
    "en.json": ["--format", "json", "--lang", "en"],
    "zh.md": ["--format", "markdown", "--lang", "zh"],
}


@pytest.mark.parametrize("name", sorted(KINDS))
def test_portfolio_matches_golden(cli: Cli, tmp_path: Path, name: str) -> None:
    source = merchants_csv(tmp_path)
    result = cli("portfolio", str(source), "--rules", str(PACK), "--today", TODAY, *KINDS[name])
    assert result.code == 1, result.err  # one row is rejected
    path = GOLDEN / name
    if UPDATE:
        path.write_text(result.out, encoding="utf-8")
    assert result.out == path.read_text(encoding="utf-8"), f"regenerate: see {__name__} docstring"
