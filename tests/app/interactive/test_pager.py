"""A report taller than the terminal goes through `$PAGER` (else `less -R`); one that fits,
a piped one, or one whose pager cannot start is printed as it is."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys

import pexpect
import pytest

from merchant_cli.app.pager import pager_command
from tests.conftest import ROOT

EXAMPLE = str(ROOT / "examples" / "merchant-shoe-factory.yaml")
FAKE_PAGER = shlex.join(
    [sys.executable, "-c", "import sys; print('PAGED', len(sys.stdin.read().splitlines()))"]
)
"""A pager that says it was used and how many lines it was given."""
REPORT = ["-m", "merchant_cli", "evaluate", "--answers", EXAMPLE, "--no-input", "--lang", "en"]


def _environment(pager: str) -> dict[str, str]:
    env = {**os.environ, "NO_COLOR": "1", "LANG": "C.UTF-8", "TERM": "xterm", "PAGER": pager}
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    return env


def _terminal(*args: str, rows: int, pager: str) -> str:
    """The output of `python -m merchant_cli ARGS` in a rows x 80 pty, after it exits 0."""
    child = pexpect.spawn(
        sys.executable,
        [*REPORT, *args],
        env=_environment(pager),
        encoding="utf-8",
        dimensions=(rows, 80),
        timeout=30,
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    return str(child.before)


def test_a_report_taller_than_the_terminal_goes_through_the_pager() -> None:
    shown = _terminal("--detail", "full", rows=24, pager=FAKE_PAGER)
    assert "PAGED" in shown and "Platform fit report" not in shown
    assert int(shown.split("PAGED")[1].split()[0]) > 24


def test_a_report_that_fits_is_printed_as_it_is() -> None:
    shown = _terminal(rows=60, pager=FAKE_PAGER)
    assert "Platform fit report" in shown and "PAGED" not in shown


def test_a_pager_that_cannot_start_leaves_the_report_printed() -> None:
    shown = _terminal("--detail", "full", rows=24, pager="/nonexistent/pager -R")
    assert "Platform fit report" in shown and "Merchant profile" in shown


def test_a_piped_report_is_never_paged() -> None:
    result = subprocess.run(
        [sys.executable, *REPORT, "--detail", "full"],
        env=_environment(FAKE_PAGER),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=True,
    )
    assert "PAGED" not in result.stdout and "Merchant profile" in result.stdout


def test_the_pager_is_pager_split_as_words_else_less(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGER", "most -s")
    assert pager_command() == ["most", "-s"]
    for unset in ("", "  ", "'unbalanced"):
        monkeypatch.setenv("PAGER", unset)
        assert pager_command() == ["less", "-R"]
