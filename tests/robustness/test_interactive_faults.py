"""Quitting the questionnaire any way a person can: Ctrl-C, Esc, Ctrl-D, or closing the terminal.

At every kind of prompt (select, text, confirm) each key ends the run with exit 130
and a one-line "cancelled"; a terminal that closes (pty hang-up, SIGHUP) ends it with
129. Never a traceback. `make test` runs one fault per prompt kind and per key; the
whole matrix runs under `make fuzz`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest

from tests.app.interactive.test_pty import spawn as spawn_in_pty
from tests.robustness.conftest import PROFILE, TIME_LIMIT, cli_env
from tests.robustness.strategies import VALID

CANCELLED, HANGUP = 130, 129
KEYS = {"Ctrl-C": "\x03", "Esc": "\x1b", "Ctrl-D": "\x04"}
QUIET = ["--answer", "merchant_type=brand", "--answer", "goal=seeding", "--answer", "sells_on=none"]
QUIET += ["--lang", "en"]


def without(flag: str) -> list[str]:
    """The valid flags minus `flag` and its value, so the questionnaire asks that one."""
    at = VALID.index(flag)
    return [*VALID[:at], *VALID[at + 2 :], *QUIET]


def to_category(child: pexpect.spawn) -> None:
    child.expect("Main product category")


def to_price(child: pexpect.spawn) -> None:
    child.expect("Typical selling price")


def to_save(child: pexpect.spawn) -> None:
    to_price(child)
    child.send("129\r")
    child.expect("Confirm and show the report")
    child.send("\r")
    child.expect("Save these answers to a file")


def to_save_path(child: pexpect.spawn) -> None:
    to_save(child)
    child.send("y")
    child.expect("File to save the answers to")


PROMPTS: dict[str, tuple[list[str], Callable[[pexpect.spawn], None]]] = {
    "select": (without("--category"), to_category),
    "text": (without("--price"), to_price),
    "confirm": (without("--price"), to_save),
    "text (save path)": (without("--price"), to_save_path),
}
FAST = {("select", "Ctrl-C"), ("text", "Esc"), ("confirm", "Ctrl-D")}
"""The faults `make test` runs: every key and every prompt kind at least once."""


def spawn(tmp_path: Path, prompt: str) -> pexpect.spawn:
    argv, reach = PROMPTS[prompt]
    child = spawn_in_pty(tmp_path, *argv, env_extra=cli_env(), timeout=TIME_LIMIT)
    reach(child)
    return child


@pytest.mark.parametrize("key", sorted(KEYS))
@pytest.mark.parametrize("prompt", sorted(PROMPTS))
def test_a_key_that_quits_exits_130(tmp_path: Path, prompt: str, key: str) -> None:
    if PROFILE != "fuzz" and (prompt, key) not in FAST:
        pytest.skip("the whole matrix runs under `make fuzz`")
    child = spawn(tmp_path, prompt)
    child.send(KEYS[key])
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == CANCELLED, child.before
    assert "merchant-cli: cancelled" in child.before
    assert "Traceback" not in child.before
    assert list(tmp_path.iterdir()) == []  # nothing saved, no temporary file left


@pytest.mark.parametrize("prompt", sorted(PROMPTS))
def test_a_terminal_that_closes_exits_129(tmp_path: Path, prompt: str) -> None:
    if PROFILE != "fuzz" and prompt != "confirm":
        pytest.skip("the whole matrix runs under `make fuzz`")
    child = spawn(tmp_path, prompt)
    child.ptyproc.delayafterclose = 1  # time to unwind before pexpect sends more signals
    child.close()  # the master side of the pty goes away: the kernel sends SIGHUP
    assert (child.exitstatus, child.signalstatus) == (HANGUP, None)
    assert list(tmp_path.iterdir()) == []
