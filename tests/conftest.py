"""Shared fixtures: the built-in pack, and the CLI run in process as users run it."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from merchant_cli.app.cli import main
from merchant_cli.core.models import Condition, Rule
from merchant_cli.core.pack import RulePack
from merchant_cli.packs.loader import builtin_pack_dir, load_pack
from merchant_cli.packs.packcache import CACHE_DIR_ENV
from merchant_cli.packs.validation import parse

ROOT = Path(__file__).resolve().parent.parent
"""The checkout: examples, docs, rules and scripts, wherever a test file sits."""
DATA = ROOT / "tests" / "data"
ARTICLE = ROOT.parent / "shared" / "seed" / "000_0a1eda73bb922fc9.txt"
"""The market article the built-in pack quotes: beside the checkout (`../shared/seed/`) where
the project is developed and in CI, not in a clone of the repository alone."""

CORE = [
    "--category", "womens_apparel", "--price", "129", "--notes-per-week", "3",
    "--videos-per-week", "2", "--live-hours-per-week", "6",
]  # fmt: skip


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture(scope="session", autouse=True)
def pack_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every run, in process or as a process, keeps its pack cache in this session's
    temporary directory, never in the user's (and starts without one)."""
    os.environ[CACHE_DIR_ENV] = str(tmp_path_factory.mktemp("pack-cache"))
    yield
    del os.environ[CACHE_DIR_ENV]


@pytest.fixture(scope="session", autouse=True)
def no_inherited_terminal_size() -> Iterator[None]:
    """No `COLUMNS` or `LINES` from whoever started the run (pytest-xdist sets 80x24 in
    its workers): a child in a pseudo-terminal measures its own, and a test that wants a
    width sets it. No `LANGUAGE` either: the tests choose the language with `LANG`."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("COLUMNS", raising=False)
        patch.delenv("LINES", raising=False)
        patch.delenv("LANGUAGE", raising=False)  # it would choose the language over LANG
        yield


def when(data: object) -> Condition:
    """A rule's `when`, read from its YAML shape as the pack loader reads it."""
    rule = parse(
        Rule,
        {"id": "r", "platform": "p", "when": data, "points": 1,
         "reason": {"en": "x", "zh": "x"}, "evidence": ["E"]},
    )  # fmt: skip
    assert rule.when is not None
    return rule.when


@pytest.fixture(scope="session")
def article() -> str:
    """The article's text. A clone without it skips the tests that read it, saying where it
    goes; under CI (`CI` set) it must be there, so the quotes are always checked."""
    if not ARTICLE.exists():
        where = "../shared/seed/" + ARTICLE.name
        if os.environ.get("CI"):
            pytest.fail(f"the source article is missing in CI: it should be at {where}")
        pytest.skip(f"the source article is not beside this clone: put it at {where}")
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def pack() -> RulePack:
    return load_pack(builtin_pack_dir())


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Run `merchant-cli ARGS` in process with a predictable environment."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("MERCHANT_CLI_RULES", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("COLUMNS", "100")

    def run(*args: str) -> Run:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return Run(code, captured.out, captured.err)

    return run
