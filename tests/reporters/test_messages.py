"""The one message table: every key in both languages; errors shown in the run's language."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from merchant_cli.core.models import Text
from merchant_cli.core.said import did_you_mean, joined, say, verbatim
from merchant_cli.reporters.messages import _MESSAGES, worded
from tests.conftest import CORE, ROOT, Run

Cli = Callable[..., Run]
CJK = re.compile("[\u4e00-\u9fff]")
CHINESE = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
"""Chinese characters and the full-width punctuation and forms set among them."""
ASCII_PUNCTUATION_BY_CHINESE = re.compile(f"[{CHINESE}][,:;()]|[,:;()][{CHINESE}]")


@pytest.mark.parametrize("key", sorted(_MESSAGES))
def test_every_message_has_english_and_chinese(key: str) -> None:
    english, chinese = _MESSAGES[key]
    assert english.strip() and chinese.strip()
    assert not CJK.search(english), "English text with Chinese characters"
    fields = re.compile(r"{(\w+)}")
    assert set(fields.findall(english)) == set(fields.findall(chinese))


@pytest.mark.parametrize("key", sorted(_MESSAGES))
def test_chinese_messages_use_full_width_punctuation_beside_chinese(key: str) -> None:
    """Every Chinese message of the table, the help and those added later included: no
    half-width `(`, `)`, `:`, `,` or `;` beside a Chinese character."""
    found = ASCII_PUNCTUATION_BY_CHINESE.search(_MESSAGES[key][1])
    assert not found, found


JARGON = ("合理区间", "合理权重", "权重组合", "机器翻译", "plausible weighting", "Plausible range")
"""Words a merchant does not use, and a second wording of an idea the table says once
(`已校正机翻`)."""


def test_plain_words_and_one_wording_per_idea() -> None:
    for key, texts in _MESSAGES.items():
        assert not [word for word in JARGON for text in texts if word in text], key


def test_said_values_are_filled_in_their_language() -> None:
    said = say("cli.unknown_command", name="'x'", suggestion=did_you_mean("evalute", ["evaluate"]))
    assert worded(said, "en") == "unknown command 'x'; did you mean 'evaluate'?"
    assert worded(said, "zh") == "未知命令 'x'；是不是想输入 'evaluate'？"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--category", "shose", "--price", "20", "--notes-per-week", "1", "--videos-per-week",
          "1", "--live-hours-per-week", "1"], "--category：'shose' 不是可选值之一"),
        (["--category", "shoes"], "缺少回答：price（--price）"),
        (["--answers", "/nonexistent/answers.yaml"], "/nonexistent/answers.yaml：文件不存在"),
        ([*CORE, "--price", "abc"], "--price：应为数字，实际为 'abc'"),
        ([*CORE, "--notes-per-week", "￥25"],
         "--notes-per-week：'￥25' 不能带“￥”，请用阿拉伯数字，如 25"),
        ([*CORE, "--prise", "2"], "无法识别的参数：--prise 2；是不是想输入 --price？"),
        ([*CORE, "--format", "pdf"], "命令行参数有误：参数 --format：无效的取值 'pdf'（可选："),
    ],
)  # fmt: skip
def test_errors_in_chinese_under_lang_zh(cli: Cli, args: list[str], expected: str) -> None:
    result = cli("evaluate", "--lang", "zh", "--no-input", *args)
    assert result.code == 2
    assert result.err.startswith("merchant-cli：错误：") and expected in result.err


def test_errors_follow_a_chinese_locale(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_MESSAGES", "zh_CN.UTF-8")
    result = cli("evaluate", "--no-input", "--category", "shoes")
    assert result.code == 2 and "\n提示：请用对应参数" in result.err


def test_answers_file_problems_in_chinese(cli: Cli, tmp_path: Path) -> None:
    listed, broken = tmp_path / "list.yaml", tmp_path / "broken.yaml"
    listed.write_text("- shoes\n", encoding="utf-8")
    broken.write_text("category: [shoes\n", encoding="utf-8")
    for path, expected in [(listed, "回答文件必须是"), (broken, "无法读取回答文件")]:
        result = cli("evaluate", "--lang", "zh", "--no-input", "--answers", str(path))
        assert result.code == 2 and expected in result.err


def test_english_errors_are_unchanged(cli: Cli) -> None:
    result = cli("evaluate", "--no-input", "--category", "shoes")
    assert result.err.startswith("merchant-cli: error: missing answers: price (--price), ")
    assert "\nhint: give them as flags" in result.err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["rules", "show", "dy-store-liv"],
            "未知规则 'dy-store-liv'；是不是想输入 'dy-store-live'？",
        ),
        (["rules", "list", "--platform", "douyn"], "未知平台 'douyn'；是不是想输入 'douyin'？"),
        (["observations", "A99"], "未知证据编号 'A99'；是不是想输入 'A29'？"),
    ],
)
def test_unknown_ids_in_chinese(cli: Cli, args: list[str], expected: str) -> None:
    result = cli("--lang", "zh", *args)
    assert result.code == 2 and result.err == f"merchant-cli：错误：{expected}\n"


MESSAGE_KEY = re.compile(r"""\b(?:say|AnswerError|t)\(\s*"([a-z_]+\.[a-z_]+)"\s*[,)]""")


def test_every_message_the_code_names_is_in_the_table() -> None:
    """Core code names messages by key (`say`, `AnswerError`); a key missing from the
    table would only fail when that error is shown, so every key is checked here."""
    package = ROOT / "merchant_cli"
    named = {
        key
        for path in package.rglob("*.py")
        for key in MESSAGE_KEY.findall(path.read_text(encoding="utf-8"))
    }
    assert len(named) > 50
    assert named <= set(_MESSAGES), sorted(named - set(_MESSAGES))


def test_notices_and_nested_values_are_worded_in_each_language() -> None:
    listed = (say("answers.missing_one", id="price", option="--price"),)
    said = joined([say("answers.missing", missing=listed), verbatim(Text(en="E", zh="中"))], " ")
    assert worded(said, "en") == "missing answers: price (--price) E"
    assert worded(said, "zh") == "缺少回答：price（--price） 中"
