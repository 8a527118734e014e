"""Turn raw answers (flags, files, prompts) into one normalised merchant profile.

Every source of answers passes through `coerce_answer`, so a value typed at a
prompt, given as a flag or read from a file is checked by the same rules, which
come from the question's definition in the pack.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from merchant_cli.conditions import compile_condition
from merchant_cli.errors import UsageError
from merchant_cli.i18n import Said, did_you_mean, joined, say
from merchant_cli.models import Question
from merchant_cli.pack import RulePack
from merchant_cli.record import Record, record

Answer = str | int | float | bool

_TRUE = {"true", "yes", "y", "1", "on", "是", "有"}
_FALSE = {"false", "no", "n", "0", "off", "否", "无", "没有"}


class AnswerError(ValueError):
    """One answer is not acceptable for its question; the message says why, in both languages."""

    def __init__(self, message: str, zh: str) -> None:
        super().__init__(message)
        self.zh = zh

    def text(self, lang: str) -> str:
        """The reason in `lang`; `str(exc)` stays English."""
        return self.zh if lang == "zh" else str(self)


@record(kw_only=False)
class Profile(Record):
    """A merchant's normalised answers, in the pack's question order."""

    answers: Mapping[str, Answer]


def coerce_answer(question: Question, raw: Any) -> Answer:
    """Check and normalise one answer: numbers parsed and bounded, choices known."""
    if question.type == "choice":
        return _choice(question, raw)
    if question.type == "boolean":
        return _boolean(raw)
    value = _number(raw)
    if question.type == "integer":
        if not float(value).is_integer():
            raise AnswerError(
                f"expected a whole number, got {_show(raw)}", f"应为整数，实际为 {_show(raw)}"
            )
        value = int(value)
    _check_bounds(question, value)
    return value


def _choice(question: Question, raw: Any) -> str:
    valid = [c.id for c in question.choices or ()]
    text = raw.strip() if isinstance(raw, str) else raw
    if isinstance(text, str) and text in valid:
        return text
    hint = did_you_mean(text, valid) if isinstance(text, str) else Said("", "")
    listed = ", ".join(valid)
    raise AnswerError(
        f"{_show(raw)} is not one of: {listed}{hint.en}",
        f"{_show(raw)} 不是可选值之一：{listed}{hint.zh}",
    )


def _boolean(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise AnswerError(f"expected yes or no, got {_show(raw)}", f"应为是或否，实际为 {_show(raw)}")


_CURRENCY_SIGNS = ("¥", "￥")
_CURRENCY_WORDS = ("元",)
_THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")
_PLAIN_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
"""Plain decimal text (`24.90`), most of a batch file's numbers: `float` reads it as
`_parse_number` would (it finds nothing in such text to strip or refuse), only sooner."""


def _number(raw: Any) -> int | float:
    """A finite number from a number or text; text may carry the yuan sign or 元.

    `¥24.9`, `￥24.9`, `24.9元` give 24.9. A comma is read as a thousands separator
    only in groups of three (`1,299` -> 1299, as prices are written in China);
    any other comma (`24,9`) is ambiguous and refused with the way to write it.
    """
    if isinstance(raw, str):
        raw = float(raw) if _PLAIN_NUMBER.fullmatch(raw) else _parse_number(raw)
    elif isinstance(raw, bool) or not isinstance(raw, int | float):
        raise AnswerError(f"expected a number, got {_show(raw)}", f"应为数字，实际为 {_show(raw)}")
    try:
        finite = math.isfinite(raw)
    except OverflowError:  # an int too large for a float
        finite = False
    if not finite:
        raise AnswerError(
            f"expected a finite number, got {_show(raw)}", f"应为有限数字，实际为 {_show(raw)}"
        )
    number: int | float = raw
    if isinstance(number, float) and number.is_integer() and abs(number) < 2**53:
        return int(number)
    return number


def _parse_number(raw: str) -> float:
    text = raw.strip()
    for sign in _CURRENCY_SIGNS:
        text = text.removeprefix(sign).strip()
    for word in _CURRENCY_WORDS:
        text = text.removesuffix(word).strip()
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    elif "," in text:
        raise _refused("answer.decimal_comma", raw)
    try:
        return float(text)
    except ValueError:
        raise _refused("answer.not_number", raw) from None


def _refused(key: str, raw: str) -> AnswerError:
    said = say(key, raw=_show(raw))
    return AnswerError(said.en, said.zh)


def _check_bounds(question: Question, value: float) -> None:
    low, high = question.min, question.max
    if low is not None and (value <= low if question.min_exclusive else value < low):
        relation, zh = (
            ("greater than", "必须大于") if question.min_exclusive else ("at least", "不能小于")
        )
        raise AnswerError(
            f"must be {relation} {_show(low)}, got {_show(value)}",
            f"{zh} {_show(low)}，实际为 {_show(value)}",
        )
    if high is not None and value > high:
        raise AnswerError(
            f"must be at most {_show(high)}, got {_show(value)}",
            f"不能大于 {_show(high)}，实际为 {_show(value)}",
        )


def _show(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def checked_answers(
    pack: RulePack, raw: Mapping[str, Any], named: Callable[[Question], str]
) -> tuple[dict[str, Answer], list[Said]]:
    """The answers that pass their question's checks, and a problem for each that does not,
    the answer `named` as the user gave it (a flag on the command line, a column in batch)."""
    checked: dict[str, Answer] = {}
    problems: list[Said] = []
    for key, value in raw.items():
        question = pack.question_by_id.get(key)
        if question is None:
            hint = did_you_mean(key, pack.question_by_id)
            problems.append(say("answers.unknown_question", key=repr(key), suggestion=hint))
            continue
        try:
            checked[key] = coerce_answer(question, value)
        except AnswerError as exc:
            reason = Said(str(exc), exc.zh)
            problems.append(say("answers.invalid_one", flag=named(question), reason=reason))
    return checked, problems


def merge_answers(pack: RulePack, layers: Iterable[Mapping[str, Any]]) -> dict[str, Answer]:
    """Later layers win; unknown ids and invalid values are all reported at once."""
    problems: list[Said] = []
    merged: dict[str, Answer] = {}
    for layer in layers:
        checked, found = checked_answers(pack, layer, lambda question: question.option)
        merged.update(checked)
        problems += found
    if len(problems) == 1:
        raise UsageError(problems[0])
    if problems:
        raise UsageError(say("answers.invalid_many", problems=joined(problems, "\n  ")))
    return merged


def pending_questions(pack: RulePack, answers: Mapping[str, Answer]) -> list[Question]:
    """Questions that apply given the answers so far and still have no answer."""
    return [q for q in applicable_questions(pack, answers) if q.id not in answers]


def applicable_questions(pack: RulePack, answers: Mapping[str, Answer]) -> list[Question]:
    """Questions whose `when` holds for the answers (and defaults) given so far."""
    facts: dict[str, Answer] = {}
    found = []
    for question in pack.questions:
        if compile_condition(question.when)(facts):
            found.append(question)
            value = answers.get(question.id, question.default)
            if value is not None:
                facts[question.id] = value
    return found


def build_profile(pack: RulePack, answers: Mapping[str, Any]) -> Profile:
    """The final profile: defaults filled, inapplicable answers dropped, nothing missing."""
    merged = merge_answers(pack, [answers])
    result: dict[str, Answer] = {}
    missing = []
    for question in applicable_questions(pack, merged):
        value = merged.get(question.id)
        if value is None and question.default is not None:
            value = coerce_answer(question, question.default)
        if value is None:
            missing.append(question)
        else:
            result[question.id] = value
    if missing:
        listed = Said(
            ", ".join(f"{q.id} ({q.option})" for q in missing),
            "、".join(f"{q.id}（{q.option}）" for q in missing),
        )
        raise UsageError(say("answers.missing", missing=listed), hint=say("answers.missing_hint"))
    return Profile(result)
