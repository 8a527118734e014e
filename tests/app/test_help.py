"""Help in the run's language: every help text from the message table, argparse's own words
through gettext, the language from `--lang` or the locale, even one the machine lacks."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator

import pytest

from merchant_cli.app.commands.common import every_parser
from merchant_cli.app.parsers import COMMANDS, build_parser, speak
from merchant_cli.core.pack import RulePack
from merchant_cli.reporters.linebreak import cells
from merchant_cli.reporters.messages import _MESSAGES, default_lang
from tests.conftest import Run

Cli = Callable[..., Run]
CJK = re.compile("[\u4e00-\u9fff]")
ENGLISH_WORDS = re.compile(r"[A-Za-z]{3,}(?: [A-Za-z]{3,}){2,}")
"""Three English words in a row: a sentence argparse or the tool left untranslated."""


@pytest.fixture
def chinese_tree(pack: RulePack) -> Iterator[argparse.ArgumentParser]:
    speak("zh")
    yield build_parser(pack, "zh")
    speak("en")


def test_every_option_of_every_command_is_explained_in_chinese(
    chinese_tree: argparse.ArgumentParser,
) -> None:
    for parser in every_parser(chinese_tree):
        for action in parser._actions:
            if action.help not in (None, argparse.SUPPRESS):
                assert CJK.search(action.help), (parser.prog, action.option_strings, action.help)
        for group in parser._action_groups:
            assert CJK.search(group.title or "中"), (parser.prog, group.title)


@pytest.mark.parametrize(
    "words",
    [
        ["help", "evaluate", "--lang", "zh"],
        ["help", "--lang", "zh", "evaluate"],
        ["evaluate", "--help", "--lang", "zh"],
        ["--lang", "zh", "help", "evaluate"],
    ],
)
def test_help_of_a_command_in_chinese(cli: Cli, words: list[str]) -> None:
    result = cli(*words)
    assert result.code == 0, result.err
    assert result.out.startswith("用法：merchant-cli evaluate")
    assert "选项：" in result.out and "显示此帮助并退出" in result.out
    assert "鞋类（shoes）" in result.out and "示例：" in result.out
    assert not ENGLISH_WORDS.search(result.out.replace("merchant-cli", ""))


@pytest.mark.parametrize("words", [["help", "--lang", "zh"], ["--help", "--lang", "zh"]])
def test_top_level_help_in_chinese(cli: Cli, words: list[str]) -> None:
    result = cli(*words)
    assert result.code == 0, result.err
    assert "商家该在哪里卖" in result.out and "退出码：" in result.out
    assert "位置参数：" in result.out and "为一个商家评分并输出报告" in result.out


@pytest.mark.parametrize("command", [c for c in COMMANDS if c not in ("help", "version")])
def test_each_command_s_help_in_chinese_fits_the_terminal(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    words = ["rules", "list"] if command == "rules" else [command]
    out = cli("help", *words, "--lang", "zh").out
    assert out.startswith("用法：")
    long_lines = [line for line in out.splitlines() if cells(line) > 60 and "[" not in line]
    assert not long_lines, "help text wraps to the terminal, counting a Chinese character as two"


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m merchant_cli ARGS` in a process, with only these locale variables set."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    return subprocess.run(
        [sys.executable, "-m", "merchant_cli", *args],
        env={**base, "NO_COLOR": "1", "COLUMNS": "80", **env},
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    "env",
    [
        {"LANG": "zh_CN.UTF-8"},  # not generated on this machine, as on most servers
        {"LC_ALL": "zh_CN.UTF-8"},
        {"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "C.UTF-8"},
        {"LANGUAGE": "zh_CN:en", "LANG": "C.UTF-8"},
    ],
)
def test_the_locale_chooses_chinese_even_when_it_is_not_generated(env: dict[str, str]) -> None:
    helped = _run("evaluate", "--help", **env)
    assert helped.returncode == 0, helped.stderr
    assert helped.stdout.startswith("用法：") and "显示此帮助并退出" in helped.stdout
    wrong = _run("evaluate", "--format", "pdf", **env)
    assert wrong.returncode == 2
    assert "merchant-cli：错误：命令行参数有误：参数 --format：无效的取值 'pdf'" in wrong.stderr


def test_lang_wins_over_the_locale() -> None:
    helped = _run("evaluate", "--help", "--lang", "en", LANG="zh_CN.UTF-8")
    assert helped.stdout.startswith("usage: ") and "show this help message" in helped.stdout


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANGUAGE": "fr:zh_CN", "LANG": "C"}, "zh"),
        ({"LANGUAGE": "en_GB:zh", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LANGUAGE": "fr", "LC_ALL": "zh_SG"}, "zh"),
        ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_MESSAGES": "zh_HK", "LANG": "en_US.UTF-8"}, "zh"),
    ],
)
def test_the_language_is_read_as_gettext_reads_it(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], lang: str
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert default_lang() == lang


def test_argparse_words_keep_their_placeholders() -> None:
    placeholders = re.compile(r"%(?:\(\w+\))?[sr]")
    for key, (english, chinese) in _MESSAGES.items():
        if key.startswith("argparse."):
            assert placeholders.findall(english) == placeholders.findall(chinese), key
