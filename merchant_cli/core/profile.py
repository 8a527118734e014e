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

from merchant_cli.core.conditions import compile_condition
from merchant_cli.core.errors import UsageError
from merchant_cli.core.models import Question
from merchant_cli.core.names import fold
from merchant_cli.core.pack import RulePack
from merchant_cli.core.record import Record, record
from merchant_cli.core.said import NOTHING, Said, clipped, did_you_mean, excerpt, joined, say

Answer = str | int | float | bool

_TRUE = {"true", "yes", "y", "1", "on", "是", "有"}
_FALSE = {"false", "no", "n", "0", "off", "否", "无", "没有"}


class AnswerError(ValueError):
    """One answer is not acceptable for its question; `said` says why."""

    def __init__(self, key: str, /, **values: object) -> None:
        self.said = say(key, **values)
        super().__init__(key)


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
    value = _number(raw, question)
    if question.type == "integer":
        if not float(value).is_integer():
            raise AnswerError("answer.not_whole", raw=_show(raw))
        value = int(value)
    _check_bounds(question, value)
    return value


def _choice(question: Question, raw: Any) -> str:
    """A choice by its id or its label in either language (`shoes`, `鞋类`, `Shoes`),
    ignoring case, spaces and full-width forms."""
    if isinstance(raw, str):
        found = question.choice_by_name.get(fold(raw))
        if found is not None:
            return found
    choices = question.choices or ()
    names = [name for c in choices for name in (c.id, c.label.zh, c.label.en)]
    hint = did_you_mean(raw.strip(), names) if isinstance(raw, str) else NOTHING
    listed = joined([say("question.labelled", label=c.label, id=c.id) for c in choices], ", ")
    raise AnswerError("answer.not_choice", raw=_show(raw), listed=listed, hint=hint)


def _boolean(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise AnswerError("answer.not_yes_no", raw=_show(raw))


_TYPED = str.maketrans("０１２３４５６７８９．。，－＋\u3000", "0123456789..,-+ ")
"""What a Chinese keyboard types for a number: full-width digits and signs, and the input
method's full stop (。) and comma (，), read as the ASCII ones are."""
_BEFORE = ("¥", "￥")
"""Units written before the number."""
_AFTER = ("小时", "元", "块", "篇", "条", "h")
"""Units written after it (`h` in either case)."""
_UNITS_OF_UNIT = {"元": frozenset({"¥", "￥", "元", "块"}), "小时": frozenset({"小时", "h"})}
"""The units a question accepts, by its own `unit` in Chinese: a price in yuan, hours."""
_COUNTERS = {"notes_per_week": frozenset({"篇"}), "videos_per_week": frozenset({"条"})}
"""The measure words of the contract's count questions (`--notes-per-week`,
`--videos-per-week`), which have no `unit` to show in the pack."""
_DECIMAL = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
_THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_PLAIN_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
"""Plain decimal text (`24.90`), most of a batch file's numbers: `float` reads it as
`_parse_number` would (it finds nothing in such text to strip or refuse), only sooner."""


def _units(question: Question) -> frozenset[str]:
    """The units an answer to `question` may carry (README, "Numbers as they are typed")."""
    if question.unit is not None:
        return _UNITS_OF_UNIT.get(question.unit.zh, frozenset())
    return _COUNTERS.get(question.id, frozenset())


def _number(raw: Any, question: Question | None = None) -> int | float:
    """A finite number from a number or text, as people type it.

    Text is ASCII or full-width digits with an optional sign and decimal point (`.`, `。`
    or `．`); a comma (`,` or `，`) is read as a thousands separator only in groups of
    three (`1,299` -> 1299, as prices are written in China), and any other comma
    (`24,9`) is ambiguous and refused with the way to write it. One of `question`'s units
    may come with it (`¥24.9`, `25块`, `42小时`); a unit of another question is refused.
    """
    if isinstance(raw, str):
        if _PLAIN_NUMBER.fullmatch(raw):
            raw = float(raw)
        else:
            raw = _parse_number(raw, frozenset() if question is None else _units(question))
    elif isinstance(raw, bool) or not isinstance(raw, int | float):
        raise AnswerError("answer.not_number", raw=_show(raw))
    try:
        finite = math.isfinite(raw)
    except OverflowError:  # an int too large for a float
        finite = False
    if not finite:
        raise AnswerError("answer.not_finite", raw=_show(raw))
    number: int | float = raw
    if isinstance(number, float) and number.is_integer() and abs(number) < 2**53:
        return int(number)
    return number


def _parse_number(raw: str, units: frozenset[str]) -> float:
    text = raw.translate(_TYPED).strip()
    given = []
    for sign in _BEFORE:
        if text.startswith(sign):
            given.append(sign)
            text = text.removeprefix(sign).strip()
    for word in _AFTER:
        if text.lower().endswith(word):
            given.append(word)
            text = text[: -len(word)].strip()
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    elif "," in text:
        raise AnswerError("answer.decimal_comma", raw=_show(raw))
    if not _DECIMAL.fullmatch(text):
        raise AnswerError("answer.not_number", raw=_show(raw))
    number = float(text)
    for unit in given:
        if unit not in units:
            raise AnswerError("answer.wrong_unit", raw=_show(raw), unit=unit, example=_show(number))
    return number


def _check_bounds(question: Question, value: float) -> None:
    low, high = question.min, question.max
    if low is not None and (value <= low if question.min_exclusive else value < low):
        key = "answer.above_exclusive" if question.min_exclusive else "answer.above"
        raise AnswerError(key, low=_show(low), raw=_show(value))
    if high is not None and value > high:
        raise AnswerError("answer.below", high=_show(high), raw=_show(value))


def _show(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return excerpt(value) if isinstance(value, str) else clipped(str(value))


def checked_answers(
    pack: RulePack, raw: Mapping[str, Any], named: Callable[[Question], str | Said]
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
            problems.append(say("answers.invalid_one", flag=named(question), reason=exc.said))
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
        listed = tuple(say("answers.missing_one", id=q.id, option=q.option) for q in missing)
        raise UsageError(say("answers.missing", missing=listed), hint=say("answers.missing_hint"))
    return Profile(result)
