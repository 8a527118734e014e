"""The rich report for terminals: one screen by default (`screen`), every section in
panels with `--detail full`.

The console is told the output's encoding, so rich draws ASCII boxes and rules (and
`common.glyphs` ASCII bars) where the encoding cannot hold box-drawing characters.
"""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table

from merchant_cli.core.result import PlatformScore
from merchant_cli.reporters import RenderOptions, Report, common, sections
from merchant_cli.reporters.kinsoku import Kinsoku
from merchant_cli.reporters.messages import t
from merchant_cli.reporters.parts import FIT_STYLE, grouped, items, ranking, reasons
from merchant_cli.reporters.screen import print_screen


def _platform(score: PlatformScore, report: Report, quotes: common.Quotes, lang: str) -> Panel:
    evaluation = report.evaluation
    every = common.strongest(score, None)
    parts: list[RenderableType] = []
    if score.platform in evaluation.certainty:
        grade = common.certainty_text(evaluation, score.platform, lang)
        parts.append(Kinsoku(grade[:1].upper() + grade[1:], style="italic"))
    recommendation = report.insight.recommendation
    parts += [Kinsoku(text) for text in sections.peers_of(recommendation, score.platform, lang)]
    if not score.contributions:
        parts.append(Kinsoku(t("report.no_rules", lang), style="dim"))
    for heading, contributions in (
        (t("report.for", lang), every.pros),
        (t("report.against", lang), every.cons),
    ):
        if contributions:
            parts.append(Kinsoku(heading, style="bold"))
            parts.append(reasons(contributions, quotes, lang, short=False))
    title = common.platform_title(score, evaluation, lang)
    return Panel(
        Group(*parts), title=Kinsoku(title), title_align="left", border_style=FIT_STYLE[score.fit]
    )  # a title given as a str would be read as markup


def _evidence(report: Report, glyphs: common.Glyphs, lang: str) -> Panel:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="cyan")
    grid.add_column(overflow="fold")
    for observation in sections.cited(report.evaluation, report.insight, report.pack):
        text = Kinsoku("\n".join(common.summaries(observation, lang)))
        text.append(f"\n「{' '.join(observation.quote.split())}」", style="dim italic")
        if observation.reading:
            text.append(f"\n{glyphs.arrow}「{' '.join(observation.reading.split())}」", style="dim")
        text.append(f"\n{sections.source(report.pack, observation, lang)}", style="dim")
        grid.add_row(observation.id, text)
    return Panel(grid, title=t("report.evidence_full", lang), title_align="left")


def _notes(report: Report, lang: str) -> list[sections.Item]:
    """Every notice, the stale-evidence warning and what to re-check first."""
    notes = [sections.Item(text) for text in sections.notes(report.evaluation, lang)]
    return notes + sections.freshness(report.evaluation, report.insight, lang)


def _print_full(console: Console, report: Report, options: RenderOptions) -> None:
    """Every section: the strategy in full, every what-if, the risks, the profile, every
    reason of every platform, and the notes."""
    evaluation, pack, insight, lang = report.evaluation, report.pack, report.insight, options.lang
    glyphs = common.glyphs(options.encoding)
    console.rule(Kinsoku(t("report.title", lang), style="bold"))
    verdict = Kinsoku(sections.verdict(report, lang))
    console.print(
        Panel(
            verdict, title=t("report.verdict_head", lang), title_align="left", border_style="bold"
        )
    )
    console.print(ranking(evaluation, lang, glyphs, short=False))

    lead, *rest = sections.strategy_lines(evaluation, insight, lang)
    steps = grouped(sections.by_platform(evaluation, insight.recommendation.steps, lang), glyphs)
    strategy = Group(Kinsoku(lead, style="bold"), *(Kinsoku(line) for line in rest), *steps)
    console.print(Panel(strategy, title=t("report.strategy", lang), title_align="left"))
    what_if = items(sections.what_if_items(report, lang, every=True), glyphs)
    console.print(Panel(what_if, title=t("report.what_if", lang), title_align="left"))
    risks = grouped(sections.by_platform(evaluation, insight.recommendation.risks, lang), glyphs)
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
        profile.add_row(Kinsoku(label), Kinsoku(value))
    console.print(Panel(profile, title=t("report.profile", lang), title_align="left"))
    quotes = common.Quotes()
    for score in evaluation.ranking:
        console.print(_platform(score, report, quotes, lang))

    notes = _notes(report, lang)
    if notes:
        console.print(
            Panel(
                items(notes, glyphs),
                title=t("report.warnings", lang),
                title_align="left",
                border_style="yellow",
            )
        )


def print_report(console: Console, report: Report, options: RenderOptions) -> None:
    """Print the report on `console` (also used to export docs/report*.svg); `--evidence
    full` adds the cited observations, quoted, to either length."""
    if options.short("short"):
        print_screen(console, report, options)
    else:
        _print_full(console, report, options)
    if options.evidence == "full":
        glyphs = common.glyphs(options.encoding)
        console.print(_evidence(report, glyphs, options.lang))
    if not options.short("short"):
        console.print(Group(Kinsoku(sections.footer(report.evaluation, options.lang), style="dim")))


class _Output(io.StringIO):
    """A buffer that reports the encoding of where the text will go: rich draws ASCII boxes
    and rules when it is not UTF-8."""

    def __init__(self, encoding: str) -> None:
        super().__init__()
        self._target = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._target


def text_console(options: RenderOptions) -> tuple[Console, io.StringIO]:
    """A console laying text out as `options` say, and the buffer it writes to (the portfolio's
    table is printed on one too)."""
    buffer = _Output(options.encoding)
    console = Console(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="auto" if options.color else None,
        highlight=False,
        emoji=False,
    )
    return console, buffer


def render(report: Report, options: RenderOptions) -> str:
    console, buffer = text_console(options)
    print_report(console, report, options)
    return buffer.getvalue()
