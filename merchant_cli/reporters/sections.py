"""The insight sections every human report shares: verdict, strategy, what-if, risks, evidence.

Each helper returns plain strings or tuples so the table, Markdown and HTML
renderers only lay them out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from merchant_cli.i18n import t
from merchant_cli.insight import Insight
from merchant_cli.models import Observation
from merchant_cli.pack import RulePack
from merchant_cli.reporters.common import fit_label, strongest
from merchant_cli.result import Evaluation
from merchant_cli.strategy import Step
from merchant_cli.whatif import MOVE_POINTS


@dataclass(frozen=True)
class Item:
    """One line of a section: its text and the evidence ids behind it."""

    text: str
    evidence: tuple[str, ...] = ()


def bar(score: float, cells: int) -> tuple[int, int]:
    """(filled, empty) cells of a 0-100 score bar."""
    filled = min(max(round(score / 100 * cells), 0), cells)
    return filled, cells - filled


def name_of(evaluation: Evaluation, platform: str, lang: str) -> str:
    return next(s.name.get(lang) for s in evaluation.ranking if s.platform == platform)


def names(evaluation: Evaluation, platforms: tuple[str, ...], lang: str) -> str:
    return t("punct.list", lang).join(name_of(evaluation, p, lang) for p in platforms)


def verdict(evaluation: Evaluation, insight: Insight, lang: str) -> str:
    """One paragraph: what to lead with, what to run alongside, why, and what would change it."""
    top = evaluation.top
    fit = fit_label(top.fit, lang)
    parts = [t("report.lead", lang, name=top.name.get(lang), score=top.score, fit=fit)]
    secondary = insight.recommendation.secondary
    if secondary:
        parts.append(t("report.alongside", lang, names=names(evaluation, secondary, lang)))
    pros = strongest(top).pros
    if pros:
        parts.append(t("report.main_reason", lang, reason=pros[0].reason.get(lang)))
    flips = [s for s in insight.what_if if s.what_if.top.platform != top.platform]
    if flips and len(flips[0].what_if.changes) == 1:
        parts.append(t("report.would_flip", lang, summary=flips[0].summary.get(lang)))
    elif flips:
        parts.append(t("report.would_flip_two", lang, summary=flips[0].summary.get(lang)))
    else:
        parts.append(t("report.robust", lang))
    return ("" if lang == "zh" else " ").join(parts)


def strategy_lines(evaluation: Evaluation, insight: Insight, lang: str) -> tuple[str, str]:
    """(lead with ..., run alongside ...) as label: value lines."""
    recommendation = insight.recommendation
    secondary = names(evaluation, recommendation.secondary, lang) or t("report.none", lang)
    colon = t("punct.colon", lang)
    return (
        f"{t('report.primary', lang)}{colon}{name_of(evaluation, recommendation.primary, lang)}",
        f"{t('report.secondary', lang)}{colon}{secondary}",
    )


def by_platform(
    evaluation: Evaluation, steps: tuple[Step, ...], lang: str
) -> Iterator[tuple[str, list[Item]]]:
    """Steps or risks grouped under their platform's name, in recommendation order."""
    order = dict.fromkeys(step.platform for step in steps)
    for platform in order:
        items = [Item(s.text.get(lang), s.evidence) for s in steps if s.platform == platform]
        yield name_of(evaluation, platform, lang), items


def what_if_items(insight: Insight, lang: str) -> list[Item]:
    """The what-if summaries, or a line saying no single change matters."""
    if not insight.what_if:
        return [Item(t("report.what_if_none", lang, points=MOVE_POINTS))]
    return [Item(s.summary.get(lang)) for s in insight.what_if]


def freshness(evaluation: Evaluation, insight: Insight, pack: RulePack, lang: str) -> list[Item]:
    """The evidence date; when stale, the engine's warning and what to re-check first."""
    stale = [Item(n.text.get(lang)) for n in evaluation.warnings if n.code == "stale-evidence"]
    date = evaluation.pack.as_of.isoformat()
    items = stale or [Item(t("report.evidence_date", lang, date=date))]
    colon = t("punct.colon", lang)
    for ident in insight.recheck:
        summary = pack.observation_by_id[ident].summary.get(lang)
        items.append(Item(f"{t('report.recheck', lang)}{colon}{summary}", (ident,)))
    return items


def notes(evaluation: Evaluation, lang: str) -> list[str]:
    """Notices other than the dating ones, which `freshness` shows."""
    dated = ("evidence-date", "stale-evidence")
    return [n.text.get(lang) for n in evaluation.warnings if n.code not in dated]


def cited(evaluation: Evaluation, insight: Insight, pack: RulePack) -> list[Observation]:
    """Every observation the report cites, in id order, for `--evidence full`."""
    ids = {e for s in evaluation.ranking for c in s.contributions for e in c.evidence}
    recommendation = insight.recommendation
    ids |= {e for step in (*recommendation.steps, *recommendation.risks) for e in step.evidence}
    return [o for o in pack.observations if o.id in ids]


def evidence_ref(ids: tuple[str, ...]) -> str:
    return f"[{', '.join(ids)}]" if ids else ""


def footer(evaluation: Evaluation, lang: str) -> str:
    """The last line of every human report: which pack, and how old its evidence is."""
    info = evaluation.pack
    return (
        f"{t('report.pack', lang)}: {info.name} {info.version} · "
        f"{t('report.as_of', lang)} {info.as_of.isoformat()}"
    )
