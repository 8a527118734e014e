"""The rich report for terminals: ranking with bars, reasons with evidence, notes."""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from merchant_cli.i18n import t
from merchant_cli.pack import RulePack
from merchant_cli.reporters.common import (
    fit_label,
    profile_rows,
    short_quote,
    signed,
    strongest,
)
from merchant_cli.result import Contribution, Evaluation, PlatformScore

BAR_CELLS = 20
FIT_STYLE = {"strong": "bold green", "moderate": "yellow", "weak": "red"}


def _bar(score: PlatformScore) -> Text:
    filled = round(float(score.score) / 100 * BAR_CELLS)
    bar = Text("█" * filled, style=FIT_STYLE[score.fit])
    bar.append("░" * (BAR_CELLS - filled), style="dim")
    return bar


def _reasons(pack: RulePack, contributions: tuple[Contribution, ...], lang: str) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for contribution in contributions:
        text = Text(contribution.reason.get(lang))
        text.append(f" [{', '.join(contribution.evidence)}]", style="cyan")
        quote = short_quote(pack, contribution)
        if quote:
            text.append(f"\n「{quote}」", style="dim italic")
        style = "green" if contribution.points > 0 else "red"
        grid.add_row(Text(signed(contribution.points), style=style), text)
    return grid


def _platform(score: PlatformScore, pack: RulePack, lang: str) -> Panel:
    reasons = strongest(score)
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
    title = f"{score.name.get(lang)}  {score.score} · {fit_label(score.fit, lang)}"
    return Panel(Group(*parts), title=title, title_align="left", border_style=FIT_STYLE[score.fit])


def render(
    evaluation: Evaluation, pack: RulePack, *, lang: str, color: bool = False, width: int = 100
) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="auto" if color else None,
        highlight=False,
        emoji=False,
    )
    top = evaluation.top
    console.rule(Text(t("report.title", lang), style="bold"))
    console.print(
        Text(
            t(
                "report.verdict",
                lang,
                name=top.name.get(lang),
                score=top.score,
                fit=fit_label(top.fit, lang),
            ),
            style="bold",
        )
    )

    profile = Table.grid(padding=(0, 2))
    profile.add_column(style="dim")
    profile.add_column()
    for label, value in profile_rows(evaluation, pack, lang):
        profile.add_row(label, value)
    console.print(Panel(profile, title=t("report.profile", lang), title_align="left"))

    ranking = Table(title=t("report.ranking", lang), title_justify="left", expand=False)
    ranking.add_column("#", justify="right")
    ranking.add_column(t("report.platform", lang))
    ranking.add_column(t("report.score", lang), justify="right")
    ranking.add_column("")
    ranking.add_column(t("report.fit", lang))
    for rank, score in enumerate(evaluation.ranking, 1):
        ranking.add_row(
            str(rank),
            score.name.get(lang),
            str(score.score),
            _bar(score),
            Text(fit_label(score.fit, lang), style=FIT_STYLE[score.fit]),
        )
    console.print(ranking)

    for score in evaluation.ranking:
        console.print(_platform(score, pack, lang))

    notes = Text()
    for index, notice in enumerate(evaluation.warnings):
        notes.append(("\n" if index else "") + f"• {notice.text.get(lang)}")
    console.print(
        Panel(notes, title=t("report.warnings", lang), title_align="left", border_style="yellow")
    )
    info = evaluation.pack
    console.print(
        Padding(
            Text(
                f"{t('report.pack', lang)}: {info.name} {info.version} · "
                f"{t('report.as_of', lang)} {info.as_of.isoformat()}",
                style="dim",
            ),
            (0, 0),
        )
    )
    return buffer.getvalue()
