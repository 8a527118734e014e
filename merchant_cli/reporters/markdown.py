"""The Markdown report: the table report's sections, for sharing in chats and documents.

Markdown passes raw HTML through to whatever renders it, and texts come from
packs and answers that other people may write, so every text put into the
report's own syntax (headings, lists, the table, emphasis) passes
`safe.markdown`: a pack's `<script>`, `[link](...)` or `# heading` is shown as
written, never run or formed.
"""

from __future__ import annotations

from collections.abc import Iterable

from merchant_cli.core.result import Contribution
from merchant_cli.reporters import RenderOptions, Report, common, sections
from merchant_cli.reporters.messages import t
from merchant_cli.reporters.safe import markdown as md

BAR_CELLS = 10


def _reason(contribution: Contribution, quotes: common.Quotes, lang: str) -> str:
    evidence = md(", ".join(contribution.evidence))
    quote, corrected = quotes.of(contribution)
    quoted = f" 「{md(quote)}」" if quote else ""
    if corrected:
        quoted += t("report.reading", lang)
    points = common.signed(contribution.points)
    reason = " ".join(
        filter(None, (contribution.reason.get(lang), common.partial_note(contribution, lang)))
    )
    return f"- **{points}** {md(reason)} ({evidence}){quoted}"


def _items(items: Iterable[sections.Item]) -> list[str]:
    """`- text [A13, A21]`: a bracket at the end of a line links nothing (no definition
    can be formed from data, whose `[` are escaped)."""
    return [f"- {md(item.text)} {_ref(item.evidence)}".rstrip() for item in items]


def _ref(ids: tuple[str, ...]) -> str:
    return f"[{md(', '.join(ids))}]" if ids else ""


def _grouped(groups: Iterable[tuple[str, list[sections.Item]]]) -> list[str]:
    lines: list[str] = []
    for name, items in groups:
        lines += [f"**{md(name)}**", "", *_items(items), ""]
    return lines


def _bar(score: float, glyphs: common.Glyphs) -> str:
    filled, empty = sections.bar(score, BAR_CELLS)
    return "`" + glyphs.full * filled + glyphs.empty * empty + "`"


def render(report: Report, options: RenderOptions) -> str:
    evaluation, pack, found, lang = report.evaluation, report.pack, report.insight, options.lang
    glyphs = common.glyphs(options.encoding)
    short = options.short("full")
    lines = [f"# {t('report.title', lang)}", "", md(sections.verdict(report, lang))]
    lines += ["", f"## {t('report.ranking', lang)}", ""]
    first = evaluation.confidence.first if evaluation.confidence else {}
    lines.append(
        f"| # | {t('report.platform', lang)} | {t('report.score', lang)} | | "
        f"{t('report.fit', lang)} | {t('report.confidence', lang)} |"
    )
    lines.append("|---:|---|---:|---|---|---:|")
    for rank, score in enumerate(evaluation.ranking, 1):
        chance = md(sections.percent(first[score.platform])) if score.platform in first else ""
        lines.append(
            f"| {rank} | {md(score.name.get(lang))} | {score.score} | "
            f"{_bar(float(score.score), glyphs)} | {common.fit_label(score.fit, lang)} | {chance} |"
        )
    lead, *rest = sections.strategy_lines(evaluation, found, lang)
    lines += ["", f"## {t('report.strategy', lang)}", "", f"- **{md(lead)}**"]
    lines += [*(f"- {md(line)}" for line in rest), ""]
    lines += _grouped(sections.by_platform(evaluation, found.recommendation.steps, lang))
    lines += [
        "",
        f"## {t('report.what_if', lang)}",
        "",
        *_items(sections.what_if_items(report, lang, every=not short)),
    ]
    if found.recommendation.risks and not short:
        lines += ["", f"## {t('report.risks', lang)}", ""]
        lines += _grouped(sections.by_platform(evaluation, found.recommendation.risks, lang))
    if not short:
        lines += ["", f"## {t('report.profile', lang)}", ""]
        colon = t("punct.colon", lang)
        profile = common.profile_rows(evaluation, pack, lang)
        lines += [f"- {md(label)}{colon}{md(value)}" for label, value in profile]
    quotes = common.Quotes()
    for score in evaluation.ranking:
        heading = md(common.platform_title(score, evaluation, lang))
        lines += ["", f"### {heading}", ""]
        if score.platform in evaluation.certainty:
            lines += [f"*{md(common.certainty_text(evaluation, score.platform, lang))}*", ""]
        lines += [*map(md, sections.peers_of(found.recommendation, score.platform, lang)), ""]
        reasons = common.strongest(score, common.REASONS_SHOWN if short else None)
        if not score.contributions:
            lines.append(t("report.no_rules", lang))
        if reasons.pros:
            lines += [f"**{t('report.for', lang)}**", ""]
            lines += [_reason(c, quotes, lang) for c in reasons.pros]
            lines.append("")
        if reasons.cons:
            lines += [f"**{t('report.against', lang)}**", ""]
            lines += [_reason(c, quotes, lang) for c in reasons.cons]
            lines.append("")
    lines += ["", f"## {t('report.warnings', lang)}", ""]
    lines += [f"- {md(text)}" for text in sections.notes(evaluation, lang)]
    lines += _items(sections.freshness(evaluation, found, lang))
    if options.evidence == "full":
        lines += ["", f"## {t('report.evidence_full', lang)}"]
        for observation in sections.cited(evaluation, found, pack):
            quote = md(" ".join(observation.quote.split()))
            summary, *more = map(md, common.summaries(observation, lang))
            lines += ["", f"**{md(observation.id)}** {summary}", ""]
            lines += [*(line for other in more for line in (other, "")), f"> {quote}"]
            if observation.reading:
                lines += [">", f"> {glyphs.arrow} {md(' '.join(observation.reading.split()))}"]
            lines += ["", md(sections.source(pack, observation, lang))]
    lines += ["", "---", "", md(sections.footer(evaluation, lang)), ""]
    text = "\n".join(line.rstrip() for line in lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text
