"""End to end in a real pseudo-terminal: `python -m merchant_cli` as a person runs it."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pexpect
import pytest

from merchant_cli.reporters.linebreak import cells
from tests.app.interactive.screen import Screen

DOWN, ENTER, CTRL_C = "\x1b[B", "\r", "\x03"
TIMEOUT = 20


def spawn(
    tmp_path: Path,
    *args: str,
    env_extra: Mapping[str, str] = {},
    timeout: float = TIMEOUT,
    columns: int = 120,
    stdout_to: str | None = None,
) -> pexpect.spawn:
    """`python -m merchant_cli ARGS` in a 40x120 pty, English, no colour, built-in pack.

    `columns`: another width; `stdout_to`: a file in `tmp_path` that stdout is
    redirected to, as `merchant-cli > FILE` in a shell (stdin and stderr stay on the pty).
    """
    env = {
        **os.environ,
        "NO_COLOR": "1",
        "LANG": "C.UTF-8",
        "TERM": "xterm",
        "PROMPT_TOOLKIT_NO_CPR": "1",  # pexpect does not answer cursor position requests
    }
    env.pop("FORCE_COLOR", None)
    env.pop("MERCHANT_CLI_RULES", None)
    env.update(env_extra)
    command = [sys.executable, "-m", "merchant_cli", *args]
    if stdout_to is not None:
        command = ["/bin/sh", "-c", f'exec "$@" > {shlex.quote(stdout_to)}', "sh", *command]
    return pexpect.spawn(
        command[0],
        command[1:],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        dimensions=(40, columns),
        timeout=timeout,
    )


def type_keys(child: pexpect.spawn, text: str) -> None:
    for key in text:
        child.send(key)


def ended(child: pexpect.spawn) -> int:
    """Wait for the run to end; its exit status."""
    child.expect(pexpect.EOF)
    child.close()
    status: int = child.exitstatus
    return status


def test_a_chinese_session_typed_key_by_key_ends_in_the_report(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--lang", "zh")
    child.expect("主营类目")
    child.expect("手提包")  # the covers of the choices are shown
    type_keys(child, DOWN + DOWN + ENTER)  # bags
    for label, answer in [
        ("主要售价", "-1"),
        ("必须大于 0", "\x15129"),  # refused at the prompt, then corrected
        ("每周图文笔记数", "3"),
        ("每周短视频数", "2"),
        ("每周直播时长", "6"),
    ]:
        child.expect(label)
        type_keys(child, answer + ENTER)
    for label in ("商家类型", "主要目标", "目前主要在哪里开店", "你的回答"):
        child.expect(label)
        child.send(ENTER)
    child.expect("平台适配报告")
    child.expect("把这些回答保存到文件吗")
    child.send("n")
    child.expect("下次无需回答问题")
    child.expect("merchant-cli evaluate --category bags --price 129")
    assert ended(child) == 0
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_at_a_prompt_cancels_with_exit_130(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--lang", "en")
    child.expect("Main product category")
    child.send(ENTER)
    child.expect("Typical selling price")
    child.send(CTRL_C)
    child.expect("cancelled")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in (child.before or "")


@pytest.mark.parametrize("args", [[], ["evaluate", "--category", "shoes"]])
def test_piped_input_never_prompts(tmp_path: Path, args: list[str]) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "merchant_cli", *args],
        input="shoes\n129\n",
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=tmp_path,
        env={**os.environ, "LANG": "C.UTF-8"},
        check=False,
    )
    assert run.returncode == 2
    assert "missing answers" in run.stderr and "--price" in run.stderr
    assert "Traceback" not in run.stderr


REQUIRED = [
    "--category", "shoes", "--price", "30", "--notes-per-week", "1", "--videos-per-week", "1",
    "--live-hours-per-week", "1",
]  # fmt: skip
NO_LIVE_HOURS = [*REQUIRED[:-2], "--lang", "en"]


def test_optional_questions_are_asked_with_their_default_preselected(tmp_path: Path) -> None:
    child = spawn(tmp_path, *REQUIRED, "--lang", "en")
    child.expect("Type of merchant")
    child.expect(r"» (\x1b\[[0-9;]*m)*Not specified")  # the pointer starts at the default
    child.send(ENTER)
    child.expect("Main goal")
    child.send(ENTER)
    child.expect("Where your main shop runs today")
    child.send(ENTER)
    child.expect("Your answers")
    child.send(ENTER)
    child.expect("Platform fit report")
    child.expect(r"Save these answers to a file\? (\x1b\[[0-9;]*m)*\(y/N\)")
    child.send("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_defaults_takes_the_defaults_without_asking(tmp_path: Path) -> None:
    child = spawn(tmp_path, *REQUIRED, "--lang", "en", "--defaults")
    child.expect("Platform fit report")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "?" not in (child.before or "").split("Platform fit report")[0]


def test_a_redirected_stdout_still_asks_on_the_terminal(tmp_path: Path) -> None:
    child = spawn(tmp_path, *NO_LIVE_HOURS, stdout_to="report.txt")
    child.expect("Live-streaming hours per week")
    child.send("6" + ENTER)
    for label in ("Type of merchant", "Main goal", "Where your main shop runs", "Your answers"):
        child.expect(label)
        child.send(ENTER)
    child.expect("Save these answers")
    child.send("n")
    child.expect("merchant-cli evaluate --category shoes")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    report = (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert "Platform fit report" in report
    assert "?" not in report.split("Platform fit report")[0]  # no prompt reached the file


def test_at_60_columns_help_text_wraps_instead_of_being_cut(tmp_path: Path) -> None:
    child = spawn(tmp_path, *NO_LIVE_HOURS, columns=60)
    child.expect("own store can live-stream")
    child.expect("not counting influencers'")  # cut at 80 columns before wrapping existed
    child.expect("live rooms.")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_a_terminal_made_narrower_mid_prompt_gets_the_text_wrapped_again(tmp_path: Path) -> None:
    """From 80 to 50 columns at the first question: prompt_toolkit draws it again, and the
    message and choices come wrapped to the new width (no line cut at the edge)."""
    child = spawn(tmp_path, "--lang", "zh", columns=80)
    child.expect("回车确认")
    child.expect("其他")  # the last choice: the whole prompt is on the screen
    child.setwinsize(40, 50)  # SIGWINCH
    redrawn = ""
    for text in ("回车确认", "其他"):
        child.expect(text)
        redrawn += str(child.before) + str(child.after)
    child.send(CTRL_C)
    assert ended(child) == 130
    screen = Screen(40, 50)
    screen.feed(redrawn)
    assert screen.overflow == 0
    text = "".join(line.strip() for line in screen.lines)
    assert "其他类目的结论仅依据内容与直播投入" in text and "户外与运动装备及服饰" in text
    assert any(line.startswith("  ") and cells(line) > 40 for line in screen.lines)


def test_a_key_other_than_yes_or_no_is_answered_with_what_to_press(tmp_path: Path) -> None:
    child = spawn(tmp_path, *REQUIRED[:-2], "--lang", "zh", "--defaults")
    child.expect("每周直播时长")
    child.send("6" + ENTER)
    child.expect("你的回答")
    child.send(ENTER)
    child.expect("把这些回答保存到文件吗")
    child.send("x")
    child.expect("请按 y（是）或 n（否）")
    child.send("否")
    child.expect("下次无需回答问题")
    assert ended(child) == 0
