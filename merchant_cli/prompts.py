"""Questions of the pack as prompt specs: plain data, so prompts are testable without a terminal.

`questionnaire` hands each spec to questionary; everything a prompt shows
(message, help, choices, default, validation) is decided here, from the pack.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from merchant_cli.i18n import t
from merchant_cli.models import Question
from merchant_cli.pack import RulePack
from merchant_cli.profile import Answer, AnswerError, applicable_questions, coerce_answer
from merchant_cli.reporters.common import answer_text

CONFIRM = "+confirm"
"""The summary's value for "confirm"; never a question id (ids are snake_case)."""


@dataclass(frozen=True)
class Option:
    """One entry of a select prompt: the value returned and the title shown."""

    value: str
    title: str


@dataclass(frozen=True)
class PromptSpec:
    """Everything one prompt needs; `kind` picks the questionary prompt type."""

    kind: Literal["select", "text", "confirm"]
    message: str
    default: str | bool | None = None
    options: tuple[Option, ...] = ()
    validate: Callable[[str], bool | str] | None = None
    instruction: str | None = None


def question_prompt(question: Question, lang: str, current: Answer | None) -> PromptSpec:
    """The prompt for `question`, pre-filled with `current` (an earlier answer or the default)."""
    unit = f" ({question.unit.get(lang)})" if question.unit else ""
    message = f"{question.label.get(lang)}{unit}\n  {question.help.get(lang)}"
    if question.type == "choice":
        options = tuple(
            Option(
                c.id,
                f"{c.label.get(lang)} · {c.covers.get(lang)}" if c.covers else c.label.get(lang),
            )
            for c in question.choices or ()
        )
        default = current if isinstance(current, str) else None
        return PromptSpec(
            "select", message, default, options, instruction=t("prompt.select_hint", lang)
        )
    if question.type == "boolean":
        return PromptSpec("confirm", message, bool(current))
    default_text = "" if current is None else str(current)
    return PromptSpec("text", f"{message}\n ", default_text, validate=_validator(question, lang))


def _validator(question: Question, lang: str) -> Callable[[str], bool | str]:
    """Accept what `coerce_answer` accepts (the same check as flags); else say why in `lang`."""

    def validate(text: str) -> bool | str:
        try:
            coerce_answer(question, text)
        except AnswerError as exc:
            return exc.text(lang)
        return True

    return validate


def summary_prompt(pack: RulePack, answers: Mapping[str, Answer], lang: str) -> PromptSpec:
    """Every applicable answer, each selectable to change it, with "confirm" first."""
    lines = [
        Option(q.id, f"{q.label.get(lang)}: {answer_text(q, answers[q.id], lang)}")
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


def save_prompt(lang: str) -> PromptSpec:
    return PromptSpec("confirm", t("prompt.save", lang), False)


def save_path_prompt(lang: str, default: str = "merchant-answers.yaml") -> PromptSpec:
    """Ask for a file name that does not exist yet: saving never replaces a file."""

    def validate(text: str) -> bool | str:
        if not text.strip():
            return t("prompt.empty_path", lang)
        path = Path(text.strip()).expanduser()
        return t("prompt.exists", lang, path=path) if path.exists() else True

    return PromptSpec("text", t("prompt.save_path", lang), default, validate=validate)
