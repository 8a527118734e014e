"""The insight sections every human report shares: verdict, strategy, what-if, risks, evidence.

Each helper returns plain strings or tuples so the table, Markdown and HTML
renderers only lay them out.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from merchant_cli.core.insight import Insight
from merchant_cli.core.models import Observation
from merchant_cli.core.pack import RulePack
from merchant_cli.core.record import Record, record
from merchant_cli.core.result import Evaluation, PlatformScore
from merchant_cli.core.strategy import CHANCE, Recommendation, Step, Tested
from merchant_cli.core.whatif import MOVE_POINTS
from merchant_cli.reporters import Report
from merchant_cli.reporters.common import fit_label, show_number, source_line
from merchant_cli.reporters.messages import t, worded
from merchant_cli.reporters.scenarios import Scenario


@record(kw_only=False)
class Item(Record):
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


def verdict(report: Report, lang: str) -> str:
    """One paragraph: the close call and what settled it (or that nothing does, and what
    would), what to lead with, what to run alongside and what to test. The reasons and
    what would change the answer have sections of their own."""
    evaluation, recommendation = report.evaluation, report.insight.recommendation
    top = _scored(evaluation, recommendation.primary)
    fit = fit_label(top.fit, lang)
    parts = []
    if recommendation.close_call and not recommendation.separated:
        parts += _undecided(report, lang)
    else:
        if recommendation.close_call:
            parts.append(close_call(evaluation, report.insight, lang))
        parts.append(_lead(evaluation, recommendation, top, fit, lang))
    secondary = tuple(p for p in recommendation.secondary if p not in recommendation.open)
    if secondary:
        key = "report.alongside_them" if recommendation.open else "report.alongside"
        parts.append(t(key, lang, names=names(evaluation, secondary, lang)))
    parts += [_test(evaluation, tested, lang) for tested in tests(recommendation)]
    return ("" if lang == "zh" else " ").join(parts)


def _lead(
    evaluation: Evaluation, recommendation: Recommendation, top: PlatformScore, fit: str, lang: str
) -> str:
    """`Lead with Douyin (65, strong fit; first in 68% ...)`, naming the runner-up's chance
    when the chance set the lead, and the merchant's own answer when that did."""
    share = _share(evaluation, top.platform)
    name, score = top.name.get(lang), top.score
    if recommendation.decided_by.startswith("answer:"):
        return t("report.by_answer", lang, name=name)
    if recommendation.decided_by == CHANCE and share is not None:
        other = next(p for p in recommendation.contenders if p != top.platform)
        return t(
            "report.lead_chance", lang, name=name, score=score, fit=fit, share=share,
            other=name_of(evaluation, other, lang), other_share=_share(evaluation, other),
        )  # fmt: skip
    key = "report.lead" if share is None else "report.lead_confident"
    return t(key, lang, name=name, score=score, fit=fit, share=share)


def _undecided(report: Report, lang: str) -> list[str]:
    """`Douyin or Taobao: the evidence does not separate them (...)`, and what would."""
    evaluation, insight = report.evaluation, report.insight
    contenders = insight.recommendation.open
    shown = [name_of(evaluation, p, lang) for p in contenders]
    joined = t("punct.list", lang).join(shown[:-1]) + t("punct.or_names", lang) + shown[-1]
    scores = {s.platform: s.score for s in evaluation.ranking}
    if len({scores[p] for p in contenders}) == 1:
        why = t("report.undecided_tied", lang, score=scores[contenders[0]])
    else:
        margin = show_number(report.pack.meta.close_call)
        why = t("report.undecided_within", lang, margin=margin)
    found = [t("report.undecided", lang, names=joined, why=why)]
    what = [s.summary.get(lang) for s in report.scenarios if s.what_if is insight.separator]
    for question in report.pack.meta.decide_by:
        if evaluation.profile.get(question) in (None, report.pack.question_by_id[question].default):
            option = report.pack.question_by_id[question].option
            what.append(t("report.undecided_answer", lang, option=option))
    if what:
        found.append(t("report.undecided_what", lang, what=t("punct.or_clauses", lang).join(what)))
    return found


def tests(recommendation: Recommendation) -> list[Tested]:
    """The likeliest peer for each platform to test, in the order of the platforms."""
    return [next(p for p in recommendation.peers if p.platform == platform)
            for platform in recommendation.test]  # fmt: skip


def peers_of(recommendation: Recommendation, platform: str, lang: str) -> list[str]:
    """`A merchant like you succeeded here: ...` for each of the source's merchants like
    this one on `platform` (the full report shows them under the platform)."""
    return [
        t("report.peer", lang, peer=p.name.get(lang), text=p.text.get(lang),
          evidence=", ".join(p.evidence))
        for p in recommendation.peers
        if p.platform == platform
    ]  # fmt: skip


def _test(evaluation: Evaluation, tested: Tested, lang: str) -> str:
    return t(
        "report.test", lang, name=name_of(evaluation, tested.platform, lang),
        peer=tested.name.get(lang), text=tested.text.get(lang),
        evidence=", ".join(tested.evidence),
    )  # fmt: skip


def _scored(evaluation: Evaluation, platform: str) -> PlatformScore:
    return next(s for s in evaluation.ranking if s.platform == platform)


def lever(
    found: tuple[Scenario, ...], before: Mapping[str, float], lang: str
) -> tuple[str, Scenario | None]:
    """What would change the answer, and the what-if saying it: an addition or a choice
    first, a cut said as one; without one, that the answer is robust."""
    flips = [s for s in found if s.what_if.changes_lead(before)]
    kept = [s for s in flips if not any(c.cut for c in s.what_if.changes)] or flips
    if not kept:
        return t("report.robust", lang), None
    first = kept[0]
    if any(c.cut for c in first.what_if.changes):
        return t("report.would_flip_cut", lang, summary=first.summary.get(lang)), first
    key = "report.would_flip" if len(first.what_if.changes) == 1 else "report.would_flip_two"
    return t(key, lang, summary=first.summary.get(lang)), first


def close_call(evaluation: Evaluation, insight: Insight, lang: str) -> str:
    """The close-call sentence naming every contender, and that the chance of ranking first
    separates them (a close call that nothing separates is said by `_undecided`)."""
    contenders = insight.recommendation.contenders
    scores = {s.platform: s.score for s in evaluation.ranking}
    shown = [name_of(evaluation, p, lang) for p in contenders]
    named = t("punct.list", lang).join(shown[:-1]) + t("punct.and_names", lang) + shown[-1]
    if len({scores[p] for p in contenders}) == 1:
        return t("report.tied_chance", lang, names=named, score=scores[contenders[0]])
    margin = show_number(scores[contenders[0]] - scores[contenders[-1]])
    return t("report.close_call_chance", lang, names=named, margin=margin)


def _share(evaluation: Evaluation, platform: str) -> str | None:
    """`83%`: the platform's chance of ranking first, when confidence was computed."""
    if evaluation.confidence is None or platform not in evaluation.confidence.first:
        return None
    return percent(evaluation.confidence.first[platform])


def percent(share: float) -> str:
    """A probability as a whole percentage, never rounding a non-certainty to 0% or 100%."""
    value = round(share * 100)
    if value == 100 and share < 1:
        return ">99%"
    if value == 0 and share > 0:
        return "<1%"
    return f"{value}%"


def strategy_lines(evaluation: Evaluation, insight: Insight, lang: str) -> list[str]:
    """Lead with ..., run alongside ..., and to test ... (when any) as label: value lines."""
    recommendation = insight.recommendation
    secondary = names(evaluation, recommendation.secondary, lang) or t("report.none", lang)
    colon = t("punct.colon", lang)
    lines = [
        f"{t('report.primary', lang)}{colon}{name_of(evaluation, recommendation.primary, lang)}",
        f"{t('report.secondary', lang)}{colon}{secondary}",
    ]
    if recommendation.test:
        lines.append(
            f"{t('report.to_test', lang)}{colon}{names(evaluation, recommendation.test, lang)}"
        )
    return lines


def cautions(report: Report) -> list[Step]:
    """The cautions about a practice the report draws on (`wherever`), once each, for the
    one-screen report: the full report lists them under every platform they concern."""
    about = {risk.id for risk in report.pack.risks if risk.wherever}
    shown: dict[str, Step] = {}
    for risk in report.insight.recommendation.risks:
        if risk.id in about:
            shown.setdefault(risk.id, risk)
    return list(shown.values())


def by_platform(
    evaluation: Evaluation, steps: tuple[Step, ...], lang: str
) -> Iterator[tuple[str, list[Item]]]:
    """Steps or risks grouped under their platform's name, in recommendation order."""
    order = dict.fromkeys(step.platform for step in steps)
    for platform in order:
        items = [Item(s.text.get(lang), s.evidence) for s in steps if s.platform == platform]
        yield name_of(evaluation, platform, lang), items


def what_if_items(report: Report, lang: str, *, every: bool) -> list[Item]:
    """What would change the answer first, then (with `every`) the other what-ifs."""
    if not report.scenarios:
        return [Item(t("report.what_if_none", lang, points=MOVE_POINTS))]
    before = {s.platform: s.score for s in report.evaluation.ranking}
    sentence, shown = lever(report.scenarios, before, lang)
    rest = [Item(s.summary.get(lang)) for s in report.scenarios if s is not shown]
    return [Item(sentence), *(rest if every else ())]


def freshness(evaluation: Evaluation, insight: Insight, lang: str) -> list[Item]:
    """The engine's warning when the evidence is stale, and which of the cited observations
    to re-check first (by id: the reasons above cite them); else nothing, as the footer
    dates the evidence."""
    stale = [Item(worded(n.said, lang)) for n in evaluation.warnings if n.code == "stale-evidence"]
    if insight.recheck:
        ids = t("punct.list", lang).join(insight.recheck)
        stale.append(Item(f"{t('report.recheck', lang)}{t('punct.colon', lang)}{ids}"))
    return stale


def notes(evaluation: Evaluation, lang: str) -> list[str]:
    """Notices other than the dating ones, which `freshness` shows."""
    dated = ("evidence-date", "stale-evidence")
    return [worded(n.said, lang) for n in evaluation.warnings if n.code not in dated]


def cited(evaluation: Evaluation, insight: Insight, pack: RulePack) -> list[Observation]:
    """Every observation the report cites, in id order, for `--evidence full`."""
    ids = {e for s in evaluation.ranking for c in s.contributions for e in c.evidence}
    recommendation = insight.recommendation
    ids |= {e for step in (*recommendation.steps, *recommendation.risks) for e in step.evidence}
    return [o for o in pack.observations if o.id in ids]


def source(pack: RulePack, observation: Observation, lang: str) -> str:
    """`来源：《…》，2025-01-16`: the line under an observation quoted in full."""
    line = source_line(pack, observation, lang)
    return f"{t('obs.source', lang)}{t('punct.colon', lang)}{line}"


def evidence_ref(ids: tuple[str, ...]) -> str:
    return f"[{', '.join(ids)}]" if ids else ""


def footer(evaluation: Evaluation, lang: str) -> str:
    """The last line of every full report: which pack, and how old its evidence is."""
    info = evaluation.pack
    dated = t("report.as_of", lang, date=info.as_of.isoformat())
    return f"{t('report.pack', lang)}{t('punct.colon', lang)}{info.name} {info.version} · {dated}"


def short_footer(evaluation: Evaluation, insight: Insight, lang: str) -> str:
    """The last line of a one-screen report: how old the evidence is, whether it is out of
    date (the full warning is left out), and how to see everything."""
    key = "report.stale_short" if insight.stale else "report.fresh_short"
    dated = t(key, lang, date=evaluation.pack.as_of.isoformat())
    return f"{dated} · {t('report.more', lang)}"
