"""What a question takes, in words: its values and bounds, its choices by label with the id
beside, its default. The listings show them, and so does each question flag's `--help`,
which every run builds: this module imports nothing a scripted run does not need."""

from __future__ import annotations

from typing import Any

from merchant_cli.core.models import Question, to_data
from merchant_cli.reporters.common import answer_text, show_number
from merchant_cli.reporters.messages import t


def labelled(label: str, ident: str, lang: str) -> str:
    """`鞋类（shoes）`: what a person reads, with the id a flag or a file takes beside it."""
    return t("question.labelled", lang, label=label, id=ident)


def choices_text(question: Question, lang: str) -> str:
    return t("punct.list", lang).join(
        labelled(c.label.get(lang), c.id, lang) for c in question.choices or ()
    )


def values_text(question: Question, lang: str) -> str:
    """What an answer may be: `大于0的数字（元）`, `a whole number from 0 to 1000`."""
    if question.choices:
        return choices_text(question, lang)
    kind = t(f"question.{question.type}", lang)
    low = None if question.min is None else show_number(question.min)
    high = None if question.max is None else show_number(question.max)
    if low is not None and high is not None:
        values = t("question.between", lang, kind=kind, low=low, high=high)
    elif low is not None:
        key = "question.over" if question.min_exclusive else "question.at_least"
        values = t(key, lang, kind=kind, low=low)
    elif high is not None:
        values = t("question.at_most", lang, kind=kind, high=high)
    else:
        values = kind
    if question.unit is None:
        return values
    return t("question.unit", lang, values=values, unit=question.unit.get(lang))


def default_text(question: Question, lang: str) -> str:
    """A question's default as a merchant reads it, with the id a flag takes."""
    assert question.default is not None
    shown = answer_text(question, question.default, lang)
    return labelled(shown, str(question.default), lang) if question.choices else shown


def flag_help(question: Question, lang: str) -> str:
    """A question's dedicated flag in `--help`: its help, what it takes and its default."""
    colon = t("punct.colon", lang)
    key = "question.choices" if question.choices else "question.values"
    facts = [f"{t(key, lang)}{colon}{values_text(question, lang)}"]
    if not question.required:
        facts.append(f"{t('question.default', lang)}{colon}{default_text(question, lang)}")
    between = "" if lang == "zh" else " "  # Chinese sentences run on without a space
    return question.help.get(lang) + between + t("punct.semicolon", lang).join(facts)


def question_data(question: Question) -> dict[str, Any]:
    """`questions --format json`: a question for programs. A choice question's `choices`
    give each choice's id and labels (any of which a file or flag may use); `values`, the
    ids alone, stays for older readers; `aliases` are the pack's further header names."""
    choices = question.choices
    return {
        "id": question.id,
        "flag": question.option,
        "type": question.type,
        "values": [c.id for c in choices] if choices else None,
        "choices": [{"id": c.id, "label": to_data(c.label)} for c in choices] if choices else None,
        "min": question.min,
        "max": question.max,
        "min_exclusive": question.min_exclusive,
        "default": question.default,
        "required": question.required,
        "label": to_data(question.label),
        "aliases": list(question.aliases or ()),
        "help": to_data(question.help),
    }
