"""The Markdown report: the table report's sections, for sharing in chats and documents."""

from __future__ import annotations

from collections.abc import Iterable

from merchant_cli.i18n import t
from merchant_cli.pack import RulePack
from merchant_cli.reporters import RenderOptions, Report
from merchant_cli.reporters.common import (
    fit_label,
    profile_rows,
    short_quote,
    signed,
    strongest,
)
from merchant_cli.reporters.sections import (
    Item,
    bar,
    by_platform,
    cited,
    evidence_ref,
    footer,
    freshness,
    notes,
    strategy_lines,
    verdict,
    what_if_items,
)
from merchant_cli.result import Contribution

BAR_CELLS = 10


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _reason(pack: RulePack, contribution: Contribution, lang: str) -> str:
    evidence = ", ".join(contribution.evidence)
    quote = short_quote(pack, contribution)
    quoted = f" 「{quote}」" if quote else ""
    points = signed(contribution.points)
    return f"- **{points}** {contribution.reason.get(lang)} ({evidence}){quoted}"


def _items(items: Iterable[Item]) -> list[str]:
    return [f"- {item.text} {evidence_ref(item.evidence)}".rstrip() for item in items]


def _grouped(groups: Iterable[tuple[str, list[Item]]]) -> list[str]:
    lines: list[str] = []
    for name, items in groups:
        lines += [f"**{name}**", "", *_items(items), ""]
    return lines


def _bar(score: float) -> str:
    filled, empty = bar(score, BAR_CELLS)
    return "`" + "█" * filled + "░" * empty + "`"


def render(report: Report, options: RenderOptions) -> str:
    evaluation, pack, found, lang = report.evaluation, report.pack, report.insight, options.lang
    lines = [f"# {t('report.title', lang)}", "", verdict(evaluation, found, lang)]
    lines += ["", f"## {t('report.ranking', lang)}", ""]
    lines.append(
        f"| # | {t('report.platform', lang)} | {t('report.score', lang)} | | "
        f"{t('report.fit', lang)} |"
    )
    lines.append("|---:|---|---:|---|---|")
    for rank, score in enumerate(evaluation.ranking, 1):
        lines.append(
            f"| {rank} | {_cell(score.name.get(lang))} | {score.score} | "
            f"{_bar(float(score.score))} | {fit_label(score.fit, lang)} |"
        )
    lead, alongside = strategy_lines(evaluation, found, lang)
    lines += ["", f"## {t('report.strategy', lang)}", "", f"- **{lead}**", f"- {alongside}", ""]
    lines += _grouped(by_platform(evaluation, found.recommendation.steps, lang))
    lines += ["", f"## {t('report.what_if', lang)}", "", *_items(what_if_items(found, lang))]
    if found.recommendation.risks:
        lines += ["", f"## {t('report.risks', lang)}", ""]
        lines += _grouped(by_platform(evaluation, found.recommendation.risks, lang))
    lines += ["", f"## {t('report.profile', lang)}", ""]
    lines += [f"- {label}: {value}" for label, value in profile_rows(evaluation, pack, lang)]
    for score in evaluation.ranking:
        heading = f"{score.name.get(lang)}: {score.score} ({fit_label(score.fit, lang)})"
        lines += ["", f"### {heading}", ""]
        reasons = strongest(score)
        if not score.contributions:
            lines.append(t("report.no_rules", lang))
        if reasons.pros:
            lines += [f"**{t('report.for', lang)}**", ""]
            lines += [_reason(pack, c, lang) for c in reasons.pros]
            lines.append("")
        if reasons.cons:
            lines += [f"**{t('report.against', lang)}**", ""]
            lines += [_reason(pack, c, lang) for c in reasons.cons]
            lines.append("")
    lines += ["", f"## {t('report.warnings', lang)}", ""]
    lines += [f"- {text}" for text in notes(evaluation, lang)]
    lines += _items(freshness(evaluation, found, pack, lang))
    if options.evidence == "full":
        lines += ["", f"## {t('report.evidence_full', 'en')} / {t('report.evidence_full', 'zh')}"]
        for observation in cited(evaluation, found, pack):
            quote = " ".join(observation.quote.split())
            lines += ["", f"**{observation.id}** {observation.summary.en}", ""]
            lines += [observation.summary.zh, "", f"> {quote}"]
    lines += ["", "---", "", footer(evaluation, lang), ""]
    text = "\n".join(line.rstrip() for line in lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text
