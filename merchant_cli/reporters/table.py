"""The rich report for terminals: verdict, ranking bars, strategy, what-if, risks, reasons."""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from merchant_cli.i18n import t
from merchant_cli.insight import Insight
from merchant_cli.pack import RulePack
from merchant_cli.reporters import RenderOptions, Report, common, sections
from merchant_cli.result import Contribution, Evaluation, PlatformScore

BAR_CELLS = 20
FIT_STYLE = {"strong": "bold green", "moderate": "yellow", "weak": "red"}


def _bar(score: PlatformScore) -> Text:
    filled, empty = sections.bar(float(score.score), BAR_CELLS)
    cells = Text("█" * filled, style=FIT_STYLE[score.fit])
    cells.append("░" * empty, style="dim")
    return cells


def _reasons(pack: RulePack, contributions: tuple[Contribution, ...], lang: str) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for contribution in contributions:
        text = Text(contribution.reason.get(lang))
        text.append(f" [{', '.join(contribution.evidence)}]", style="cyan")
        quote, corrected = common.claim_quote(contribution)
        if quote:
            text.append(f"\n「{quote}」", style="dim italic")
        if corrected:
            text.append(f" ({t('report.reading', lang)})", style="dim")
        style = "green" if contribution.points > 0 else "red"
        grid.add_row(Text(common.signed(contribution.points), style=style), text)
    return grid


def _platform(score: PlatformScore, evaluation: Evaluation, pack: RulePack, lang: str) -> Panel:
    reasons = common.strongest(score)
    parts: list[Text | Table] = []
    if not score.contributions:
        parts.append(Text(t("report.no_rules", lang), style="dim"))
    for heading, items in (
        (t("report.for", lang), reasons.pros),
        (t("report.against", lang), reasons.cons),
    ):
        if items:
            parts.append(Text(heading, style="bold"))
            parts.append(_reasons(pack, items, lang))
    title = common.platform_title(score, evaluation, lang)
    return Panel(Group(*parts), title=title, title_align="left", border_style=FIT_STYLE[score.fit])


def _items(items: Iterable[sections.Item]) -> Table:
    """A bulleted list whose wrapped lines stay indented under their text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for item in items:
        text = Text(item.text)
        if item.evidence:
            text.append(f" {sections.evidence_ref(item.evidence)}", style="cyan")
        grid.add_row("•", text)
    return grid


def _grouped(groups: Iterable[tuple[str, list[sections.Item]]]) -> list[RenderableType]:
    parts: list[RenderableType] = []
    for name, items in groups:
        parts += [Text(name, style="bold"), _items(items)]
    return parts


def _ranking(evaluation: Evaluation, lang: str) -> Table:
    ranking = Table(title=t("report.ranking", lang), title_justify="left", expand=False)
    ranking.add_column("#", justify="right")
    ranking.add_column(t("report.platform", lang))
    ranking.add_column(t("report.score", lang), justify="right")
    ranking.add_column("")
    ranking.add_column(t("report.fit", lang))
    first = evaluation.confidence.first if evaluation.confidence else {}
    if first:
        ranking.add_column(t("report.confidence", lang), justify="right")
    for rank, score in enumerate(evaluation.ranking, 1):
        chance = [sections.percent(first[score.platform])] if score.platform in first else []
        ranking.add_row(
            str(rank),
            score.name.get(lang),
            str(score.score),
            _bar(score),
            Text(common.fit_label(score.fit, lang), style=FIT_STYLE[score.fit]),
            *chance,
        )
    return ranking


def _evidence(evaluation: Evaluation, insight: Insight, pack: RulePack) -> Panel:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="cyan")
    grid.add_column(overflow="fold")
    for observation in sections.cited(evaluation, insight, pack):
        text = Text(observation.summary.en)
        text.append(f"\n{observation.summary.zh}")
        text.append(f"\n「{' '.join(observation.quote.split())}」", style="dim italic")
        if observation.reading:
            text.append(f"\n→「{' '.join(observation.reading.split())}」", style="dim")
        grid.add_row(observation.id, text)
    return Panel(
        grid, title=t("report.evidence_full", "en") + " / " + t("report.evidence_full", "zh")
    )


def print_report(console: Console, report: Report, options: RenderOptions) -> None:
    """Print every section of the report on `console` (also used to export docs/report.svg)."""
    evaluation, pack, insight, lang = report.evaluation, report.pack, report.insight, options.lang
    console.rule(Text(t("report.title", lang), style="bold"))
    console.print(
        Panel(
            Text(sections.verdict(evaluation, insight, lang)),
            title=t("report.verdict_head", lang),
            title_align="left",
            border_style="bold",
        )
    )
    console.print(_ranking(evaluation, lang))

    lead, alongside = sections.strategy_lines(evaluation, insight, lang)
    steps = _grouped(sections.by_platform(evaluation, insight.recommendation.steps, lang))
    strategy = Group(Text(lead, style="bold"), Text(alongside), *steps)
    console.print(Panel(strategy, title=t("report.strategy", lang), title_align="left"))
    console.print(
        Panel(
            _items(sections.what_if_items(insight, lang)),
            title=t("report.what_if", lang),
            title_align="left",
        )
    )
    risks = _grouped(sections.by_platform(evaluation, insight.recommendation.risks, lang))
    if risks:
        console.print(
            Panel(
                Group(*risks), title=t("report.risks", lang), title_align="left", border_style="red"
            )
        )

    profile = Table.grid(padding=(0, 2))
    profile.add_column(style="dim")
    profile.add_column()
    for label, value in common.profile_rows(evaluation, pack, lang):
        profile.add_row(label, value)
    console.print(Panel(profile, title=t("report.profile", lang), title_align="left"))
    for score in evaluation.ranking:
        console.print(_platform(score, evaluation, pack, lang))

    items = [sections.Item(text) for text in sections.notes(evaluation, lang)]
    items += sections.freshness(evaluation, insight, pack, lang)
    console.print(
        Panel(
            _items(items),
            title=t("report.warnings", lang),
            title_align="left",
            border_style="yellow",
        )
    )
    if options.evidence == "full":
        console.print(_evidence(evaluation, insight, pack))
    console.print(Text(sections.footer(evaluation, lang), style="dim"))


def render(report: Report, options: RenderOptions) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="auto" if options.color else None,
        highlight=False,
        emoji=False,
    )
    print_report(console, report, options)
    return buffer.getvalue()
