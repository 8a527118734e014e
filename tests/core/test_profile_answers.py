"""Answers in detail: yes/no words, bounds at their ends, the order problems are found in,
and questions that apply through another question's default (mutation-tested, issue 13)."""

from __future__ import annotations

from typing import Any

import pytest

from merchant_cli.core.errors import UsageError
from merchant_cli.core.models import PackMeta, Platform, Question
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import (
    AnswerError,
    applicable_questions,
    build_profile,
    checked_answers,
    coerce_answer,
    merge_answers,
    pending_questions,
)
from merchant_cli.core.said import Said
from merchant_cli.packs.validation import parse
from merchant_cli.reporters.messages import worded

TEXT = {"en": "x", "zh": "x"}


def _question(ident: str, kind: str, **extra: Any) -> Question:
    return parse(
        Question,
        {"id": ident, "type": kind, "label": {"en": ident, "zh": ident}, "help": TEXT, **extra},
    )


def _pack(*questions: Question) -> RulePack:
    return RulePack(
        meta=parse(PackMeta, {"name": "t", "version": "1", "as_of": "2025-01-16"}),
        platforms=(parse(Platform, {"id": "alpha", "name": {"en": "Alpha", "zh": "甲"}}),),
        questions=questions,
        derived=(),
        rules=(),
    )


def en(told: Said | AnswerError | UsageError) -> str:
    """What the user reads in English: the message worded as the CLI words it."""
    return worded(told if isinstance(told, Said) else told.said, "en")


def zh(told: Said | AnswerError | UsageError) -> str:
    return worded(told if isinstance(told, Said) else told.said, "zh")


LIVE = _question("live", "boolean")


@pytest.mark.parametrize(
    "raw",
    [True, "true", "yes", "y", "1", "on", "是", "有", " YES ", "Y", "True", "ON", 1],
)
def test_yes_in_every_accepted_spelling(raw: object) -> None:
    assert coerce_answer(LIVE, raw) is True


@pytest.mark.parametrize(
    "raw",
    [False, "false", "no", "n", "0", "off", "否", "无", "没有", " No ", "N", "FALSE", "Off", 0],
)
def test_no_in_every_accepted_spelling(raw: object) -> None:
    assert coerce_answer(LIVE, raw) is False


@pytest.mark.parametrize("raw", ["maybe", "", "yesno", "2", "是的吧", None, 2, "t", "f"])
def test_anything_else_is_not_a_yes_or_no(raw: object) -> None:
    with pytest.raises(AnswerError):
        coerce_answer(LIVE, raw)


def test_a_yes_no_answer_given_as_text_reaches_the_profile_as_a_bool() -> None:
    pack = _pack(LIVE, _question("city", "boolean", default="否"))
    profile = build_profile(pack, {"live": "是"})
    assert profile.answers == {"live": True, "city": False}
    assert all(type(v) is bool for v in profile.answers.values())


@pytest.mark.parametrize(
    ("extra", "raw", "ok"),
    [
        ({"min": 0, "min_exclusive": True}, 0, False),
        ({"min": 0, "min_exclusive": True}, 0.01, True),
        ({"min": 0}, 0, True),
        ({"min": 0}, -0.01, False),
        ({"min": 5, "max": 10}, 5, True),
        ({"min": 5, "max": 10}, 10, True),
        ({"min": 5, "max": 10}, 10.01, False),
        ({"min": 5, "max": 10}, 4.99, False),
        ({"max": 10}, -1000, True),
        ({"min": -3, "min_exclusive": True}, -3, False),
        ({"min": -3, "min_exclusive": True}, -2.99, True),
    ],
)
def test_bounds_hold_exactly_at_their_ends(extra: dict[str, Any], raw: float, ok: bool) -> None:
    question = _question("n", "number", **extra)
    if ok:
        assert coerce_answer(question, raw) == raw
    else:
        with pytest.raises(AnswerError):
            coerce_answer(question, raw)


def test_whole_numbers_come_back_as_int_and_others_as_float() -> None:
    number, integer = _question("n", "number"), _question("i", "integer")
    assert type(coerce_answer(number, "24.0")) is int
    assert type(coerce_answer(number, 24.5)) is float
    assert type(coerce_answer(integer, 7.0)) is int
    assert coerce_answer(number, 2**60) == 2**60
    assert type(coerce_answer(number, float(2**60))) is float
    with pytest.raises(AnswerError):
        coerce_answer(integer, "7.5")
    with pytest.raises(AnswerError):
        coerce_answer(number, 10**400)


def test_every_answer_after_an_unknown_id_is_still_checked(pack: RulePack) -> None:
    checked, problems = checked_answers(
        pack, {"colour": "red", "price": "20", "category": "nope", "goal": "volume"}, str
    )
    assert checked == {"price": 20, "goal": "volume"}
    assert len(problems) == 2


def test_one_problem_is_reported_as_itself_and_several_together(pack: RulePack) -> None:
    _, (one,) = checked_answers(pack, {"price": "-1"}, lambda q: q.option)
    with pytest.raises(UsageError) as single:
        merge_answers(pack, [{"price": "-1"}])
    assert single.value.said == one
    layers = [{"colour": "red"}, {"price": "-1", "goal": "volume"}]
    with pytest.raises(UsageError) as several:
        merge_answers(pack, layers)
    assert several.value.said != one and en(one) in en(several.value)
    assert several.value.exit_code == 2


def test_layers_merge_in_order_and_keep_every_key(pack: RulePack) -> None:
    merged = merge_answers(pack, [{"price": 10, "goal": "volume"}, {"price": "20"}, {}])
    assert merged == {"price": 20, "goal": "volume"}


BRANCH = (
    _question("sells_online", "boolean", default=True),
    _question("shop", "choice", when={"sells_online": {"eq": True}},
              choices=[{"id": "own", "label": TEXT}, {"id": "mall", "label": TEXT}]),
    _question("fee", "number", when={"shop": {"eq": "mall"}}),
)  # fmt: skip


def test_a_question_applies_through_another_questions_default() -> None:
    pack = _pack(*BRANCH)
    assert [q.id for q in applicable_questions(pack, {})] == ["sells_online", "shop"]
    assert [q.id for q in pending_questions(pack, {})] == ["sells_online", "shop"]
    assert [q.id for q in pending_questions(pack, {"shop": "own"})] == ["sells_online"]
    assert [q.id for q in applicable_questions(pack, {"shop": "mall"})] == [
        "sells_online", "shop", "fee",
    ]  # fmt: skip
    assert [q.id for q in applicable_questions(pack, {"sells_online": False})] == ["sells_online"]


def test_a_profile_drops_what_does_not_apply_and_fills_defaults() -> None:
    pack = _pack(*BRANCH)
    profile = build_profile(pack, {"sells_online": "no", "shop": "mall", "fee": 3})
    assert profile.answers == {"sells_online": False}
    assert build_profile(pack, {"shop": "own"}).answers == {"sells_online": True, "shop": "own"}
    with pytest.raises(UsageError) as caught:
        build_profile(pack, {"shop": "mall"})
    assert caught.value.exit_code == 2 and caught.value.said_hint is not None
    assert "fee" in en(caught.value) and "--fee" in en(caught.value)


def test_a_default_is_coerced_like_an_answer() -> None:
    pack = _pack(_question("n", "integer", default=3.0), _question("b", "boolean", default="是"))
    answers = build_profile(pack, {}).answers
    assert answers == {"n": 3, "b": True}
    assert type(answers["n"]) is int


def test_several_missing_answers_are_named_together() -> None:
    pack = _pack(_question("a", "number"), _question("b", "integer"))
    with pytest.raises(UsageError) as caught:
        build_profile(pack, {})
    message = en(caught.value)
    assert "--a" in message and "--b" in message


@pytest.mark.parametrize(
    ("question", "raw", "shown"),
    [
        (LIVE, "maybe", "'maybe'"),
        (_question("n", "number"), "abc", "'abc'"),
        (_question("n", "number"), True, "True"),
        (_question("n", "number"), float("inf"), "inf"),
        (_question("i", "integer"), "7.5", "'7.5'"),
        (_question("n", "number", min=5), 4.5, "4.5"),
        (_question("n", "number", min=5, min_exclusive=True), 5, "5"),
        (_question("n", "number", max=5), 6.5, "6.5"),
        (_question("c", "choice", choices=[{"id": "shoes", "label": TEXT}]), "shoe", "'shoe'"),
        (_question("c", "choice", choices=[{"id": "shoes", "label": TEXT}]), 3, "3"),
    ],
)
def test_a_refused_answer_is_named_in_both_languages(
    question: Question, raw: object, shown: str
) -> None:
    with pytest.raises(AnswerError) as caught:
        coerce_answer(question, raw)
    assert shown in en(caught.value) and shown in zh(caught.value)
    assert zh(caught.value) != en(caught.value)


def test_a_long_refused_answer_is_shortened_to_sixty_characters() -> None:
    question = _question("n", "number")
    for raw, shortened in (("x" * 58, False), ("x" * 59, True), ("y" * 200, True)):
        with pytest.raises(AnswerError) as caught:
            coerce_answer(question, raw)
        shown = repr(raw) if not shortened else repr(raw)[:57] + "..."
        assert shown in en(caught.value) and shown in zh(caught.value)
        assert (repr(raw) in en(caught.value)) is not shortened


def test_a_refused_choice_lists_every_valid_one_and_a_bound_is_named() -> None:
    choices = [{"id": i, "label": TEXT} for i in ("shoes", "bags", "food")]
    with pytest.raises(AnswerError) as caught:
        coerce_answer(_question("c", "choice", choices=choices), "hats")
    for text in (en(caught.value), zh(caught.value)):
        assert all(i in text for i in ("shoes", "bags", "food")) and "None" not in text
    for extra, raw, bound in (({"min": 5}, 4, "5"), ({"min": 7.5, "min_exclusive": True}, 7, "7.5"),
                              ({"max": 3}, 4, "3")):  # fmt: skip
        with pytest.raises(AnswerError) as caught:
            coerce_answer(_question("n", "number", **extra), raw)
        assert bound in en(caught.value) and bound in zh(caught.value)


def test_whole_numbers_up_to_two_to_the_53_become_int() -> None:
    number = _question("n", "number")
    assert type(coerce_answer(number, "1299.0")) is int
    assert type(coerce_answer(number, float(2**53 - 2))) is int
    assert type(coerce_answer(number, float(2**53))) is float
    assert type(coerce_answer(number, float(2**54))) is float


def test_an_answer_of_another_type_is_shown_as_written() -> None:
    import datetime as dt

    with pytest.raises(AnswerError) as caught:
        coerce_answer(_question("n", "number"), dt.date(2025, 1, 2))
    assert "2025-01-02" in en(caught.value) and "datetime" not in en(caught.value)


def test_each_problem_is_reported_in_both_languages_with_its_reason(pack: RulePack) -> None:
    _, problems = checked_answers(pack, {"qzx": 1, "price": "-1"}, lambda q: q.option)
    unknown, invalid = problems
    with pytest.raises(AnswerError) as caught:
        coerce_answer(pack.question_by_id["price"], "-1")
    assert zh(caught.value) in zh(invalid) and en(caught.value) in en(invalid)
    for said in problems:
        assert "None" not in en(said) and "None" not in zh(said)
    assert "qzx" in en(unknown) and "qzx" in zh(unknown)
    _, (near,) = checked_answers(pack, {"prise": 1}, str)
    assert "price" in en(near) and "price" in zh(near)


def test_missing_answers_are_named_in_both_languages() -> None:
    pack = _pack(_question("a", "number"), _question("b", "integer"))
    with pytest.raises(UsageError) as caught:
        build_profile(pack, {})
    for lang in ("en", "zh"):
        text = worded(caught.value.said, lang)
        assert "--a" in text and "--b" in text and "None" not in text


def test_a_refused_choice_that_is_not_text_gets_no_suggestion() -> None:
    """Refused as a text with no near match is: the same message but for the value."""
    question = _question(
        "c", "choice", choices=[{"id": i, "label": TEXT} for i in ("shoes", "bags")]
    )
    refused = []
    for raw in (3, "zz"):
        with pytest.raises(AnswerError) as caught:
            coerce_answer(question, raw)
        refused.append(caught.value)
    number, text = refused
    assert en(number).replace("3", "V") == en(text).replace("'zz'", "V")
    assert zh(number).replace("3", "V") == zh(text).replace("'zz'", "V")


def test_an_inclusive_and_an_exclusive_minimum_are_refused_differently() -> None:
    refused = []
    for exclusive, raw in ((False, 4), (True, 5)):
        with pytest.raises(AnswerError) as caught:
            coerce_answer(_question("n", "number", min=5, min_exclusive=exclusive), raw)
        refused.append(caught.value)
    inclusive, exclusive_ = refused
    assert en(inclusive).split("5")[0] != en(exclusive_).split("5")[0]
    assert zh(inclusive).split("5")[0] != zh(exclusive_).split("5")[0]


@pytest.mark.parametrize(
    ("question", "raw"),
    [
        (_question("weight", "number", unit={"en": "kg", "zh": "公斤"}), "25元"),
        (_question("stalls", "integer"), "3篇"),
        (_question("stalls", "integer"), "¥3"),
    ],
)
def test_a_question_of_another_pack_takes_no_unit_it_does_not_know(
    question: Question, raw: str
) -> None:
    """Units are known for yuan, hours and the contract's counts; any other question's
    answer is a plain number, and a unit on it is refused with the reason."""
    with pytest.raises(AnswerError) as caught:
        coerce_answer(question, raw)
    assert "请用阿拉伯数字" in zh(caught.value)
    assert coerce_answer(question, raw.strip("元篇¥")) in (25, 3)


@pytest.mark.parametrize(
    "raw", ["shoes", " SHOES ", "鞋类", "Shoes", "ｓｈｏｅｓ", "鞋 类", "\u3000鞋类\u3000"]
)
def test_a_choice_is_its_id_or_its_label_in_either_language(raw: str) -> None:
    question = _question(
        "category",
        "choice",
        choices=[
            {"id": "shoes", "label": {"en": "Shoes", "zh": "鞋类"}},
            {"id": "bags", "label": {"en": "Bags", "zh": "箱包"}},
        ],
    )
    assert coerce_answer(question, raw) == "shoes"
    with pytest.raises(AnswerError):
        coerce_answer(question, "鞋")


def test_a_choice_id_wins_over_another_choices_label() -> None:
    question = _question(
        "goal",
        "choice",
        choices=[
            {"id": "volume", "label": {"en": "Seeding", "zh": "走量"}},
            {"id": "seeding", "label": {"en": "Awareness", "zh": "种草"}},
        ],
    )
    assert coerce_answer(question, "seeding") == "seeding"
    assert coerce_answer(question, "走量") == "volume"
