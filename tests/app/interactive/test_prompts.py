"""Prompt specs are plain data: what each prompt shows and accepts, without a terminal."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput

from merchant_cli.app.prompts import CONFIRM, question_prompt, save_prompt, summary_prompt
from merchant_cli.app.questionnaire import ask_missing, equivalent_command
from merchant_cli.app.yesno import yes_no
from merchant_cli.core.models import Question
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import Answer
from merchant_cli.packs.validation import parse

CORE_ANSWERS: dict[str, Answer] = {
    "category": "shoes", "price": 59, "notes_per_week": 3, "videos_per_week": 2,
    "live_hours_per_week": 6,
}  # fmt: skip


def test_a_choice_prompt_shows_label_covers_help_and_default(pack: RulePack) -> None:
    spec = question_prompt(pack.question_by_id["merchant_type"], "zh", "not_specified")
    assert spec.kind == "select" and spec.default == "not_specified"
    assert "商家类型" in spec.message and "产业带工厂" in spec.message
    titles = {o.value: o.title for o in spec.options}
    assert titles["brand"] == "品牌商家 · 消费品牌方及其官方店铺"


def test_a_number_prompt_refuses_with_the_reason_in_the_report_language(pack: RulePack) -> None:
    price = pack.question_by_id["price"]
    english, chinese = question_prompt(price, "en", None), question_prompt(price, "zh", 129)
    assert english.kind == "text" and english.default == "" and chinese.default == "129"
    assert english.validate is not None and chinese.validate is not None
    assert english.validate("-5") == "must be greater than 0, got -5"
    assert chinese.validate("-5") == "必须大于 0，实际为 -5"
    assert chinese.validate("abc") == "应为数字，实际为 'abc'"
    assert chinese.validate("24.9") is True


def test_the_summary_lists_every_answer_after_confirm(pack: RulePack) -> None:
    answers: dict[str, Answer] = {**CORE_ANSWERS, "merchant_type": "brand", "goal": "volume"}
    spec = summary_prompt(pack, answers, "en")
    assert [o.value for o in spec.options] == [CONFIRM, *answers]
    assert spec.default == CONFIRM
    assert "Typical selling price: 59 yuan" in [o.title for o in spec.options]


def test_the_equivalent_command_leaves_out_defaults(pack: RulePack) -> None:
    answers: dict[str, Answer] = {
        **CORE_ANSWERS,
        "merchant_type": "not_specified",
        "goal": "volume",
    }
    assert equivalent_command(pack, answers, ["--lang", "zh"]) == (
        "merchant-cli evaluate --category shoes --price 59 --notes-per-week 3 "
        "--videos-per-week 2 --live-hours-per-week 6 --goal volume --no-input --lang zh"
    )


@pytest.fixture
def keys() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


@pytest.fixture
def conditional_pack(pack: RulePack) -> RulePack:
    """The built-in pack plus a yes/no question asked only of merchants who live-stream."""
    question = parse(
        Question,
        {
            "id": "live_team",
            "type": "boolean",
            "label": {"en": "Own live team", "zh": "自有直播团队"},
            "help": {"en": "Do you have your own anchors?", "zh": "是否有自己的主播？"},
            "when": {"live_hours_per_week": {"gt": 0}},
        },
    )
    return dataclasses.replace(pack, questions=(*pack.questions, question))


@pytest.mark.parametrize(("hours", "asked"), [("0", False), ("6", True)])
def test_a_question_is_asked_only_when_its_condition_holds(
    conditional_pack: RulePack, keys: PipeInput, hours: str, asked: bool
) -> None:
    given = {k: v for k, v in CORE_ANSWERS.items() if k != "live_hours_per_week"}
    keys.send_text(f"{hours}\r\r\r\r" + ("y" if asked else "") + "\r")
    answers = ask_missing(conditional_pack, given, lang="en")
    assert ("live_team" in answers) is asked
    assert answers.get("live_team", True) is True


@pytest.mark.parametrize(
    ("keys", "answer"), [("是", True), ("否", False), ("ｙ", True), ("N", False), ("x是", True)]
)
def test_a_yes_no_prompt_takes_what_a_chinese_keyboard_types(keys: str, answer: bool) -> None:
    spec = save_prompt("zh")
    assert spec.retry == "请按 y（是）或 n（否），也可输入“是”或“否”"
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        question = yes_no(
            spec.message, default=False, hint=str(spec.instruction), words=spec.words,
            retry=spec.retry,
        )  # fmt: skip
        assert question.unsafe_ask() is answer
