"""The pieces both terminal layouts are built of: bars, reasons with their quotes, bulleted
lists, the ranking. Every Text is a `Kinsoku`, so Chinese lines break where Chinese
typesetting allows.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import RenderableType
from rich.table import Table

from merchant_cli.core.result import Contribution, Evaluation, PlatformScore
from merchant_cli.reporters import common, sections
from merchant_cli.reporters.kinsoku import Kinsoku
from merchant_cli.reporters.messages import t

BAR_CELLS = 20
FIT_STYLE = {"strong": "bold green", "moderate": "yellow", "weak": "red", "unknown": "dim"}


def bar(score: PlatformScore, glyphs: common.Glyphs) -> Kinsoku:
    filled, empty = sections.bar(float(score.score), BAR_CELLS)
    cells = Kinsoku(glyphs.full * filled, style=FIT_STYLE[score.fit])
    cells.append(glyphs.empty * empty, style="dim")
    return cells


def reasons(
    contributions: Iterable[Contribution], quotes: common.Quotes, lang: str, *, short: bool
) -> Table:
    """`+8 reason [ids]` rows with their quotes (each passage once, always whole: the words
    that carry the claim): below the reason in full, run on after it in a short report,
    where a corrected reading is marked first."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for contribution in contributions:
        text = Kinsoku(contribution.reason.get(lang))
        if not short and contribution.partial:
            text.append(f" {common.partial_note(contribution, lang)}", style="dim")
        text.append(f" {sections.evidence_ref(contribution.evidence)}", style="cyan")
        quote, corrected = quotes.of(contribution)
        style = "green" if contribution.points > 0 else "red"
        points = Kinsoku(common.signed(contribution.points), style=style)
        if not quote:
            grid.add_row(points, text)
        elif short:
            note = f" {t('report.reading', lang).strip()}" if corrected else " "
            text.append(note, style="dim")
            text.append(f"「{quote}」", style="dim italic")
            grid.add_row(points, text)
        else:
            text.append(f"\n「{quote}」", style="dim italic")
            if corrected:
                text.append(t("report.reading", lang), style="dim")
            grid.add_row(points, text)
    return grid


def items(entries: Iterable[sections.Item], glyphs: common.Glyphs) -> Table:
    """A bulleted list whose wrapped lines stay indented under their text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for item in entries:
        text = Kinsoku(item.text)
        if item.evidence:
            text.append(f" {sections.evidence_ref(item.evidence)}", style="cyan")
        grid.add_row(glyphs.bullet, text)
    return grid


def grouped(
    groups: Iterable[tuple[str, list[sections.Item]]], glyphs: common.Glyphs
) -> list[RenderableType]:
    parts: list[RenderableType] = []
    for name, entries in groups:
        parts += [Kinsoku(name, style="bold"), items(entries, glyphs)]
    return parts


def ranking(evaluation: Evaluation, lang: str, glyphs: common.Glyphs, *, short: bool) -> Table:
    """Score, bar, fit and chance of ranking first; the short report drops the frame."""
    ranking = (
        Table(box=None, padding=(0, 1), header_style="bold", pad_edge=False)
        if short
        else Table(title=t("report.ranking", lang), title_justify="left")
    )
    ranking.add_column("#", justify="right")
    ranking.add_column(Kinsoku(t("report.platform", lang)))
    ranking.add_column(Kinsoku(t("report.score", lang)), justify="right")
    ranking.add_column("", no_wrap=True)
    ranking.add_column(Kinsoku(t("report.fit", lang)))
    first = evaluation.confidence.first if evaluation.confidence else {}
    if first:
        ranking.add_column(Kinsoku(t("report.confidence", lang)), justify="right")
    for rank, score in enumerate(evaluation.ranking, 1):
        chance = [Kinsoku(sections.percent(first[score.platform]))] if first else []
        ranking.add_row(
            str(rank),
            Kinsoku(score.name.get(lang)),
            str(score.score),
            bar(score, glyphs),
            Kinsoku(common.fit_label(score.fit, lang), style=FIT_STYLE[score.fit]),
            *chance,
        )
    return ranking
