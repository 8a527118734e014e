"""A report taller than the terminal goes through `$MERCHANT_CLI_PAGER` or `$PAGER` (else
`less -R`), with git's `LESS=FRX` and jj's `LESSCHARSET=utf-8` unless the user set them; one
that fits, a piped one, `--no-pager`, or one whose pager cannot start or fails is printed."""

from __future__ import annotations

import json
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
RECORDER = shlex.join(
    [
        sys.executable,
        "-c",
        "import json, os, sys; sys.stdin.read(); "
        "print('PAGED', json.dumps({k: os.environ.get(k) for k in ('LESS', 'LESSCHARSET')}))",
    ]
)
"""A pager that says it was used and the environment it was given."""
REPORT = ["-m", "merchant_cli", "evaluate", "--answers", EXAMPLE, "--no-input", "--lang", "en"]


def _environment(pager: str, **extra: str) -> dict[str, str]:
    env = {**os.environ, "NO_COLOR": "1", "LANG": "C.UTF-8", "TERM": "xterm", "PAGER": pager}
    for name in ("COLUMNS", "LINES", "LESS", "LESSCHARSET", "MERCHANT_CLI_PAGER", "LC_ALL"):
        env.pop(name, None)
    return {**env, **extra}


def _terminal(*args: str, rows: int, pager: str, **extra: str) -> str:
    """The output of the report `python -m merchant_cli evaluate ... ARGS` in a rows x 80 pty."""
    return _in_pty([*REPORT, *args], rows=rows, env=_environment(pager, **extra))


def _in_pty(argv: list[str], *, rows: int, env: dict[str, str], columns: int = 80) -> str:
    """The output of `python ARGV` in a rows x columns pty, after it exits 0."""
    child = pexpect.spawn(
        sys.executable, argv, env=env, encoding="utf-8", dimensions=(rows, columns), timeout=30
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


def _pager_saw(shown: str) -> dict[str, str | None]:
    assert "PAGED" in shown and "Platform fit report" not in shown
    seen: dict[str, str | None] = json.loads(shown.split("PAGED", 1)[1].strip().splitlines()[0])
    return seen


def test_the_pager_gets_less_options_and_charset_under_lang_c() -> None:
    """As git and jj set them: quit when it fits, colours, no alternate screen (the report
    stays after q); UTF-8 text shown as text where the locale is not generated."""
    seen = _pager_saw(_terminal("--detail", "full", rows=20, pager=RECORDER, LANG="C"))
    assert set(seen["LESS"] or "") >= {"F", "R", "X"}
    assert seen["LESSCHARSET"] == "utf-8"


def test_the_user_s_less_options_are_left_alone() -> None:
    seen = _pager_saw(
        _terminal("--detail", "full", rows=20, pager=RECORDER, LESS="-S", LESSCHARSET="latin1")
    )
    assert seen == {"LESS": "-S", "LESSCHARSET": "latin1"}


def test_merchant_cli_pager_wins_over_pager() -> None:
    shown = _terminal("--detail", "full", rows=20, pager="false", MERCHANT_CLI_PAGER=RECORDER)
    _pager_saw(shown)


@pytest.mark.parametrize(
    ("args", "pager", "extra"),
    [
        (["--no-pager"], FAKE_PAGER, {}),
        ([], "cat", {}),
        ([], FAKE_PAGER, {"MERCHANT_CLI_PAGER": "cat"}),
        ([], FAKE_PAGER, {"MERCHANT_CLI_PAGER": ""}),
    ],
)
def test_the_pager_can_be_turned_off(args: list[str], pager: str, extra: dict[str, str]) -> None:
    shown = _terminal("--detail", "full", *args, rows=20, pager=pager, **extra)
    assert "PAGED" not in shown and "Platform fit report" in shown and "Merchant profile" in shown


def test_no_pager_before_the_command_counts_too() -> None:
    argv = ["-m", "merchant_cli", "--no-pager", *REPORT[2:], "--detail", "full"]
    assert "Merchant profile" in _in_pty(argv, rows=20, env=_environment(FAKE_PAGER))


def test_a_pager_that_fails_leaves_the_report_printed() -> None:
    shown = _terminal("--detail", "full", rows=20, pager="false")
    assert "Platform fit report" in shown and "Merchant profile" in shown


@pytest.mark.parametrize(
    "listing",
    [["questions"], ["observations"], ["rules", "list"], ["rules", "show", "dy-store-live"]],
)
def test_listings_are_paged_like_the_report(listing: list[str]) -> None:
    argv = ["-m", "merchant_cli", *listing, "--lang", "zh"]
    assert "PAGED" in _in_pty(argv, rows=10, columns=60, env=_environment(FAKE_PAGER))


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
    monkeypatch.delenv("MERCHANT_CLI_PAGER", raising=False)
    monkeypatch.setenv("PAGER", "most -s")
    assert pager_command() == ["most", "-s"]
    for unset in ("", "  ", "'unbalanced"):
        monkeypatch.setenv("PAGER", unset)
        assert pager_command() == ["less", "-R"]
    monkeypatch.setenv("PAGER", "cat")
    assert pager_command() is None
    monkeypatch.setenv("MERCHANT_CLI_PAGER", "more")
    assert pager_command() == ["more"]
