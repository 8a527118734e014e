"""The what-if sentences: each scenario the search found, said in both languages.

e.g. `Live-streaming hours per week: 0 hours -> 10 hours: Douyin overtakes Xiaohongshu
(Douyin 58 -> 71, Xiaohongshu 60 -> 56)`.
"""

from __future__ import annotations

from collections.abc import Iterable

from merchant_cli.core.models import Text
from merchant_cli.core.pack import RulePack
from merchant_cli.core.record import Record, record
from merchant_cli.core.result import Evaluation
from merchant_cli.core.whatif import Change, WhatIf
from merchant_cli.reporters.common import answer_text
from merchant_cli.reporters.messages import LANGS, t


@record(kw_only=False)
class Scenario(Record):
    """A what-if entry with its summary sentence."""

    what_if: WhatIf
    summary: Text


def scenarios(
    pack: RulePack, evaluation: Evaluation, found: Iterable[WhatIf]
) -> tuple[Scenario, ...]:
    return tuple(Scenario(each, summarise(pack, evaluation, each)) for each in found)


def summarise(pack: RulePack, evaluation: Evaluation, found: WhatIf) -> Text:
    before = {s.platform: s.score for s in evaluation.ranking}
    moved = sorted(
        (s for s in found.ranking if s.score != before[s.platform]),
        key=lambda s: (-abs(s.score - before[s.platform]), s.platform),
    )
    old_top = evaluation.top
    challenger = found.challenger(old_top.platform)
    texts = {}
    for lang in LANGS:
        changes = _joined(lang, (_change(pack, c, lang) for c in found.changes))
        deltas = t("punct.comma", lang).join(
            _moved(s.name.get(lang), before[s.platform], s.score, lang) for s in moved
        )
        if challenger is None:
            effect = deltas
        else:
            tied = challenger.score == found.scores[old_top.platform]
            key = "whatif.ties" if tied else "whatif.overtakes"
            first, second = challenger.name.get(lang), old_top.name.get(lang)
            effect = t(key, lang, first=first, second=second, deltas=deltas)
        texts[lang] = changes + t("punct.colon", lang) + effect
    return Text(**texts)


def _change(pack: RulePack, change: Change, lang: str) -> str:
    question = pack.question_by_id[change.question]
    new = answer_text(question, change.new, lang)
    if change.side != "at" and change.threshold is not None:
        limit = answer_text(question, change.threshold, lang)
        new = t(f"whatif.{change.side}", lang, value=limit)
    old = answer_text(question, change.old, lang)
    key = "whatif.cut" if change.cut else "whatif.change"
    return t(key, lang, label=question.label.get(lang), old=old, new=new)


def _moved(name: str, old: float, new: float, lang: str) -> str:
    return t("whatif.score", lang, name=name, old=old, new=new)


def _joined(lang: str, parts: Iterable[str]) -> str:
    return t("punct.and", lang).join(parts)
