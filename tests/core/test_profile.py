"""Answers: every source is checked by the question's own definition in the pack."""

from __future__ import annotations

import math

import pytest

from merchant_cli.core.errors import UsageError
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import AnswerError, build_profile, coerce_answer, merge_answers
from merchant_cli.reporters.messages import worded


@pytest.mark.parametrize(
    ("question", "raw", "expected"),
    [
        ("price", "129", 129),
        ("price", "24.9", 24.9),
        ("price", " 88元 ", 88),
        ("price", "¥24.9", 24.9),
        ("price", "￥24.9", 24.9),
        ("price", "24.9元", 24.9),
        ("price", "¥ 1,299 元", 1299),
        ("price", "12,345.5", 12345.5),
        ("notes_per_week", "3", 3),
        ("notes_per_week", 3.0, 3),
        ("live_hours_per_week", "1.5", 1.5),
        ("category", "shoes", "shoes"),
        ("category", " bags ", "bags"),
    ],
)
def test_valid_answers_are_normalised(
    pack: RulePack, question: str, raw: object, expected: object
) -> None:
    assert coerce_answer(pack.question_by_id[question], raw) == expected


@pytest.mark.parametrize(
    ("question", "raw", "message"),
    [
        ("price", "0", "greater than 0"),
        ("price", "-5", "greater than 0"),
        ("price", "abc", "expected a number, got 'abc'"),
        ("price", "24,9", "'24,9' is ambiguous: write 24.9 for a decimal, 1299 for a thousand"),
        ("price", "1,29,9", "ambiguous"),
        ("price", "$24.9", "expected a number"),
        ("price", math.nan, "finite"),
        ("price", math.inf, "finite"),
        ("price", True, "expected a number"),
        ("notes_per_week", "2.5", "whole number"),
        ("live_hours_per_week", "200", "at most 168"),
        ("category", "womens_aparel", "did you mean 'womens_apparel'"),
        ("category", 3, "is not one of"),
    ],
)
def test_invalid_answers_say_why(pack: RulePack, question: str, raw: object, message: str) -> None:
    with pytest.raises(AnswerError) as caught:
        coerce_answer(pack.question_by_id[question], raw)
    assert message in worded(caught.value.said, "en")


@pytest.mark.parametrize(
    ("question", "raw", "expected"),
    [
        ("price", "25块", 25),
        ("price", "24。9", 24.9),
        ("price", "２４．９", 24.9),
        ("price", "￥２４．９元", 24.9),
        ("price", "1，299", 1299),
        ("price", "　24.9　", 24.9),
        ("live_hours_per_week", "42小时", 42),
        ("live_hours_per_week", "1.5h", 1.5),
        ("live_hours_per_week", "40 H", 40),
        ("notes_per_week", "３篇", 3),
        ("videos_per_week", "2条", 2),
        ("notes_per_week", "－1", "at least 0"),
    ],
)
def test_numbers_as_a_chinese_keyboard_types_them(
    pack: RulePack, question: str, raw: str, expected: object
) -> None:
    """Full-width digits and signs, the input method's 。 ． ， and the unit of the question."""
    if isinstance(expected, str):
        with pytest.raises(AnswerError) as caught:
            coerce_answer(pack.question_by_id[question], raw)
        assert expected in worded(caught.value.said, "en")
    else:
        assert coerce_answer(pack.question_by_id[question], raw) == expected


@pytest.mark.parametrize(
    ("question", "raw", "zh"),
    [
        ("notes_per_week", "￥25", "'￥25' 不能带“￥”，请用阿拉伯数字，如 25"),
        ("videos_per_week", "3篇", "'3篇' 不能带“篇”，请用阿拉伯数字，如 3"),
        ("price", "42小时", "'42小时' 不能带“小时”，请用阿拉伯数字，如 42"),
        ("live_hours_per_week", "40元", "'40元' 不能带“元”，请用阿拉伯数字，如 40"),
        ("price", "24，9", "'24，9' 有歧义：小数请写 24.9，千位以上请直接写 1299"),
        ("price", "25_000", "应为数字，实际为 '25_000'"),
        ("price", "٢٥", "应为数字，实际为 '٢٥'"),
        ("price", "2.5e1", "应为数字，实际为 '2.5e1'"),
        ("price", "二十五", "应为数字，实际为 '二十五'"),
        ("price", "inf", "应为数字，实际为 'inf'"),
        ("price", "0x19", "应为数字，实际为 '0x19'"),
    ],
)
def test_a_unit_of_another_question_and_undocumented_forms_are_refused(
    pack: RulePack, question: str, raw: str, zh: str
) -> None:
    with pytest.raises(AnswerError) as caught:
        coerce_answer(pack.question_by_id[question], raw)
    assert worded(caught.value.said, "zh") == zh


def test_the_refused_unit_is_named_in_english_too(pack: RulePack) -> None:
    with pytest.raises(AnswerError) as caught:
        coerce_answer(pack.question_by_id["notes_per_week"], "￥25")
    assert worded(caught.value.said, "en") == (
        "'￥25' cannot carry ￥; write the number alone, e.g. 25"
    )


def test_later_sources_win(pack: RulePack) -> None:
    merged = merge_answers(pack, [{"price": 10}, {"price": "20"}])
    assert merged == {"price": 20}


def test_every_bad_answer_is_reported_at_once(pack: RulePack) -> None:
    with pytest.raises(UsageError) as caught:
        merge_answers(pack, [{"price": "-1", "category": "nope", "colour": "red"}])
    message = worded(caught.value.said, "en")
    assert (
        "--price" in message and "--category" in message and "unknown question 'colour'" in message
    )


def test_missing_answers_name_ids_and_flags(pack: RulePack) -> None:
    with pytest.raises(UsageError) as caught:
        build_profile(pack, {"category": "shoes"})
    message = worded(caught.value.said, "en")
    assert "price (--price)" in message
    assert "live_hours_per_week (--live-hours-per-week)" in message


def test_defaults_fill_optional_questions(pack: RulePack) -> None:
    profile = build_profile(pack, {
        "category": "shoes", "price": 30, "notes_per_week": 1, "videos_per_week": 1,
        "live_hours_per_week": 0,
    })  # fmt: skip
    optional = [q for q in pack.questions if not q.required]
    assert optional
    for question in optional:
        assert profile.answers[question.id] == question.default


def test_refused_prices_say_how_to_write_them_in_chinese(pack: RulePack) -> None:
    with pytest.raises(AnswerError) as caught:
        coerce_answer(pack.question_by_id["price"], "24,9")
    assert worded(caught.value.said, "zh") == "'24,9' 有歧义：小数请写 24.9，千位以上请直接写 1299"
