"""A rule's condition in words, in the reader's language: the questions' and choices'
labels, the numbers with their units (`core.conditions.describe` keeps the ids, for JSON
and pack authors)."""

from __future__ import annotations

from typing import Any

from merchant_cli.core.models import All, AnyOf, Compare, Condition, Not
from merchant_cli.core.pack import RulePack
from merchant_cli.reporters.common import answer_text, show_number
from merchant_cli.reporters.messages import t


def condition_text(pack: RulePack, condition: Condition | None, lang: str) -> str:
    """`商家类型为产业带工厂，且主营类目为女装、箱包或鞋类`; `always` for no condition."""
    if condition is None:
        return t("condition.always", lang)
    if isinstance(condition, All | AnyOf):
        parts = condition.all if isinstance(condition, All) else condition.any
        joiner = t("condition.and" if isinstance(condition, All) else "condition.or", lang)
        return joiner.join(_part(pack, part, type(condition), lang) for part in parts)
    if isinstance(condition, Not):
        return t("condition.not", lang, condition=condition_text(pack, condition.not_, lang))
    return _comparison(pack, condition, lang)


def _part(pack: RulePack, condition: Condition, parent: type, lang: str) -> str:
    """A part of an `all` or `any`, grouped when it is itself a group of the other kind."""
    text = condition_text(pack, condition, lang)
    simple = isinstance(condition, Compare | Not) or type(condition) is parent
    return text if simple else t("condition.group", lang, condition=text)


def _comparison(pack: RulePack, compare: Compare, lang: str) -> str:
    comparison = compare.comparison
    operator, operand = comparison.operator, comparison.value
    fact = _fact_label(pack, compare.fact, lang)
    if operator == "between":
        low, high = (_value(pack, compare.fact, v, lang) for v in operand)
        return t("condition.between", lang, fact=fact, low=low, high=high)
    if operator == "near":
        low, high = (_value(pack, compare.fact, v, lang) for v in operand.range)
        reach = low if low == high else t("condition.range", lang, low=low, high=high)
        return t("condition.near", lang, fact=fact, reach=reach, fade=show_number(operand.fade))
    if operator == "grows":
        half = _value(pack, compare.fact, operand.half, lang)
        return t("condition.grows", lang, fact=fact, half=half)
    if operator == "like":
        shares = [
            t("condition.share", lang, value=_value(pack, compare.fact, v, lang), share=f"{s:.0%}")
            for v, s in operand.items()
        ]
        return t("condition.like", lang, fact=fact, value=_either(shares, lang))
    listed = operand if isinstance(operand, list) else [operand]
    value = _either([_value(pack, compare.fact, v, lang) for v in listed], lang)
    return t(f"condition.{operator}", lang, fact=fact, value=value)


def _either(values: list[str], lang: str) -> str:
    """`女装、箱包或鞋类`, `Bags, Shoes or Children's apparel`."""
    if len(values) == 1:
        return values[0]
    return t("punct.list", lang).join(values[:-1]) + t("condition.or_value", lang) + values[-1]


def _fact_label(pack: RulePack, fact: str, lang: str) -> str:
    question = pack.question_by_id.get(fact)
    if question is not None:
        return question.label.get(lang)
    derived = pack.derived_by_id.get(fact)
    return derived.label.get(lang) if derived is not None else fact


def _value(pack: RulePack, fact: str, value: Any, lang: str) -> str:
    """A value as the merchant reads it: a choice's or band's label, a number with its unit."""
    question = pack.question_by_id.get(fact)
    if question is not None:
        return answer_text(question, value, lang)
    derived = pack.derived_by_id.get(fact)
    band = next((b for b in derived.bands if b.id == value), None) if derived else None
    if band is not None:
        return band.label.get(lang)
    return show_number(value) if isinstance(value, int | float) else str(value)
