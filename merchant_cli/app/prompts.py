"""Questions of the pack as prompt specs: plain data, so prompts are testable without a terminal.

`questionnaire` hands each spec to questionary; everything a prompt shows
(message, help, choices, default, validation) is decided here, from the pack.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Literal

from merchant_cli.core.models import Choice, Question
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import (
    Answer,
    AnswerError,
    applicable_questions,
    coerce_answer,
    pending_questions,
)
from merchant_cli.core.record import Record, record
from merchant_cli.reporters.common import answer_text
from merchant_cli.reporters.messages import t, worded
from merchant_cli.reporters.safe import terminal
from merchant_cli.reporters.wrapping import wrap

CONFIRM = "+confirm"
"""The summary's value for "confirm"; never a question id (ids are snake_case)."""


@record(kw_only=False)
class Option(Record):
    """One entry of a select prompt: the value returned and the title shown."""

    value: str
    title: str


@record(kw_only=False)
class PromptSpec(Record):
    """Everything one prompt needs; `kind` picks the questionary prompt type."""

    kind: Literal["select", "text", "confirm"]
    message: str
    default: str | bool | None = None
    options: tuple[Option, ...] = ()
    validate: Callable[[str], bool | str] | None = None
    instruction: str | None = None
    words: tuple[str, str] = ("Yes", "No")
    """How a yes/no answer is shown once given."""
    retry: str = ""
    """What a yes/no prompt says when a key other than yes or no is typed."""


def questions_to_ask(
    pack: RulePack, answers: Mapping[str, Answer], *, optional: bool
) -> list[Question]:
    """The questions still open, in pack order; those with a default only if `optional`."""
    return [q for q in pending_questions(pack, answers) if optional or q.required]


def question_prompt(question: Question, lang: str, current: Answer | None) -> PromptSpec:
    """The prompt for `question`, pre-filled with `current` (an earlier answer or the default);
    the pack's labels and help pass `safe.terminal`."""
    label = terminal(question.label.get(lang))
    if question.unit:
        label = t("prompt.unit", lang, label=label, unit=terminal(question.unit.get(lang)))
    message = f"{label}\n  {terminal(question.help.get(lang))}"
    if question.type == "choice":
        options = tuple(
            Option(c.id, terminal(_choice_text(c, lang))) for c in question.choices or ()
        )
        default = current if isinstance(current, str) else None
        return PromptSpec(
            "select", message, default, options, instruction=t("prompt.select_hint", lang)
        )
    if question.type == "boolean":
        return _yes_no(message, bool(current), lang)
    default_text = "" if current is None else str(current)
    return PromptSpec("text", f"{message}\n ", default_text, validate=_validator(question, lang))


def _choice_text(choice: Choice, lang: str) -> str:
    label = choice.label.get(lang)
    return f"{label} · {choice.covers.get(lang)}" if choice.covers else label


def _validator(question: Question, lang: str) -> Callable[[str], bool | str]:
    """Accept what `coerce_answer` accepts (the same check as flags); else say why in `lang`."""

    def validate(text: str) -> bool | str:
        try:
            coerce_answer(question, text)
        except AnswerError as exc:
            return worded(exc.said, lang)
        return True

    return validate


def summary_prompt(pack: RulePack, answers: Mapping[str, Answer], lang: str) -> PromptSpec:
    """Every applicable answer, each selectable to change it, with "confirm" first."""
    colon = t("punct.colon", lang)
    lines = [
        Option(q.id, terminal(f"{q.label.get(lang)}{colon}{answer_text(q, answers[q.id], lang)}"))
        for q in applicable_questions(pack, answers)
        if q.id in answers
    ]
    return PromptSpec(
        "select",
        t("prompt.summary", lang),
        CONFIRM,
        (Option(CONFIRM, t("prompt.confirm", lang)), *lines),
        instruction=t("prompt.select_hint", lang),
    )


def _yes_no(message: str, default: bool, lang: str) -> PromptSpec:
    """A yes/no prompt whose hint and answer words are in `lang`, like the rest of the run."""
    hint = t("prompt.yes_no_default_yes" if default else "prompt.yes_no_default_no", lang)
    words = (t("prompt.answer_yes", lang), t("prompt.answer_no", lang))
    retry = t("prompt.yes_no_retry", lang)
    return PromptSpec("confirm", message, default, instruction=hint, words=words, retry=retry)


def save_prompt(lang: str) -> PromptSpec:
    return _yes_no(t("prompt.save", lang), False, lang)


def save_path_prompt(
    lang: str, default: str = "merchant-answers.yaml", problem: str | None = None
) -> PromptSpec:
    """Ask for a new file in an existing directory: saving never replaces a file.

    `problem`: why the last attempt to save failed, shown above the question.
    """

    def validate(text: str) -> bool | str:
        if not text.strip():
            return t("prompt.empty_path", lang)
        path = Path(text.strip()).expanduser()
        directory = path.parent
        if path.exists():
            return t("prompt.exists", lang, path=path)
        if not directory.is_dir():
            return t("prompt.no_dir", lang, dir=directory)
        if not os.access(directory, os.W_OK | os.X_OK):
            return t("prompt.not_writable", lang, dir=directory)
        return True

    message = t("prompt.save_path", lang)
    if problem is not None:
        message = f"{t('prompt.save_failed', lang, reason=problem)}\n  {message}"
    return PromptSpec("text", message, default, validate=validate)


QMARK = 2
"""Columns before a prompt's message: questionary's `?` and a space."""
CHOICE = 3
"""Columns before a choice's title: the pointer ` » ` or three spaces."""


class Reflowing(str):
    """Prompt text laid out afresh each time prompt_toolkit draws it.

    questionary puts a message, and a choice's title, into the screen with `format`
    (`" {} ".format(message)`) at every redraw; this string answers `format` with itself
    laid out for the terminal's width at that moment, so a terminal made narrower (or
    wider) mid-prompt gets its text wrapped again, never cut. As a plain string it is the
    text laid out for the width it was made at.
    """

    _layout: Callable[[int], str]
    _width: Callable[[], int]

    def __new__(cls, layout: Callable[[int], str], width: Callable[[], int]) -> Reflowing:
        made = super().__new__(cls, layout(width()))
        made._layout, made._width = layout, width
        return made

    def __format__(self, spec: str) -> str:
        return format(self._layout(self._width()), spec)


def fitted(spec: PromptSpec, width: int | Callable[[], int]) -> PromptSpec:
    """`spec` with its message and choice titles wrapped to `width` columns, or to what
    `width()` says whenever the prompt is drawn (the terminal's width, as it changes).

    prompt_toolkit cuts every line of a message but the last, and every choice,
    at the terminal's edge, so each is broken here, with a hanging indent. A
    select's hint, then its answer, go on a line of their own below the help.
    """
    columns = width if callable(width) else lambda: width
    message = Reflowing(partial(_laid_message, spec.message, spec.kind == "select"), columns)
    options = tuple(
        replace(o, title=Reflowing(partial(_laid_title, o.title), columns)) for o in spec.options
    )
    return replace(spec, message=message, options=options)


def _laid_message(message: str, select: bool, width: int) -> str:
    first, *rest = message.split("\n")
    lines = [wrap(first, width, start=QMARK, hang=QMARK)]
    for line in rest:
        indent = len(line) - len(line.lstrip(" "))
        body = line[indent:]
        lines.append(" " * indent + wrap(body, width, start=indent, hang=indent) if body else line)
    if select:
        lines.append(" ")
    return "\n".join(lines)


def _laid_title(title: str, width: int) -> str:
    return wrap(title, width, start=CHOICE, hang=CHOICE + 2)
