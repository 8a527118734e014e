"""Decision insight, computed once per evaluation and shared by every report format.

Joins the strategy (primary, secondary, steps, risks), the what-if search with
one-sentence summaries in both languages, and, when the evidence is stale, the
observations to re-check first.
"""

from __future__ import annotations

from collections.abc import Iterable

from merchant_cli.engine import Scorer
from merchant_cli.i18n import t
from merchant_cli.models import Text
from merchant_cli.record import Record, record
from merchant_cli.reporters.common import answer_text
from merchant_cli.result import Evaluation
from merchant_cli.strategy import Recommendation, recommend
from merchant_cli.whatif import Change, WhatIf, what_if

RECHECK_LIMIT = 5
"""At most this many observations named for re-checking when the evidence is stale."""
LANGS = ("en", "zh")


@record(kw_only=False)
class Scenario(Record):
    """A what-if entry with its summary sentence."""

    what_if: WhatIf
    summary: Text


@record(kw_only=False)
class Insight(Record):
    recommendation: Recommendation
    what_if: tuple[Scenario, ...]
    stale: bool
    recheck: tuple[str, ...]
    """Observation ids to re-check before deciding (only when the evidence is stale)."""


def build_insight(scorer: Scorer, evaluation: Evaluation) -> Insight:
    recommendation = recommend(scorer.pack, evaluation)
    scenarios = tuple(
        Scenario(found, summarise(scorer, evaluation, found))
        for found in what_if(scorer, evaluation)
    )
    stale = any(notice.code == "stale-evidence" for notice in evaluation.warnings)
    recheck = _recheck(evaluation, recommendation) if stale else ()
    return Insight(recommendation, scenarios, stale, recheck)


def summarise(scorer: Scorer, evaluation: Evaluation, found: WhatIf) -> Text:
    """e.g. `Live-streaming hours per week: 0 hours -> 10 hours: Douyin overtakes Xiaohongshu
    (Douyin 58 -> 71, Xiaohongshu 60 -> 56)`."""
    texts = {}
    for lang in LANGS:
        changes = _joined(lang, (_change(scorer, c, lang) for c in found.changes))
        before = {s.platform: s for s in evaluation.ranking}
        moved = sorted(
            (s for s in found.ranking if s.score != before[s.platform].score),
            key=lambda s: (-abs(s.score - before[s.platform].score), s.platform),
        )
        deltas = t("punct.comma", lang).join(
            _moved(s.name.get(lang), before[s.platform].score, s.score, lang) for s in moved
        )
        old_top = evaluation.top
        challenger = found.challenger(old_top.platform)
        if challenger is None:
            effect = deltas
        else:
            tied = challenger.score == found.scores[old_top.platform]
            verb = ("ties with", "追平") if tied else ("overtakes", "反超")
            first, second = challenger.name.get(lang), old_top.name.get(lang)
            if lang == "zh":
                effect = f"{first}{verb[1]}{second}（{deltas}）"
            else:
                effect = f"{first} {verb[0]} {second} ({deltas})"
        texts[lang] = changes + t("punct.colon", lang) + effect
    return Text(**texts)


def _change(scorer: Scorer, change: Change, lang: str) -> str:
    question = scorer.pack.question_by_id[change.question]
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


def _recheck(evaluation: Evaluation, recommendation: Recommendation) -> tuple[str, ...]:
    """The evidence the answer leans on most: the recommended platforms' rules by weight,
    then the steps' evidence."""
    chosen = [s for s in evaluation.ranking if s.platform in recommendation.platforms]
    contributions = sorted(
        (c for s in chosen for c in s.contributions), key=lambda c: (-abs(c.points), c.rule)
    )
    ids = [e for c in contributions for e in c.evidence]
    ids += [e for step in recommendation.steps for e in step.evidence]
    return tuple(dict.fromkeys(ids))[:RECHECK_LIMIT]
