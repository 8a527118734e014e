"""The rich report for terminals: one screen by default, every section with `--detail full`.

Every Text is a `Kinsoku`, so Chinese lines break where Chinese typesetting allows.
The console is told the output's encoding, so rich draws ASCII boxes (and we draw
ASCII bars) where the encoding cannot hold box-drawing characters.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.containers import Lines
from rich.measure import Measurement
from rich.panel import Panel
from rich.table import Table

from merchant_cli.i18n import t
from merchant_cli.insight import Insight
from merchant_cli.pack import RulePack
from merchant_cli.reporters import RenderOptions, Report, common, sections
from merchant_cli.reporters.kinsoku import Kinsoku
from merchant_cli.result import Contribution, Evaluation, PlatformScore

BAR_CELLS = 20
SHORT_REASONS = 2
"""Reasons per recommended platform on the one-screen report."""
SCREEN_LINES = 40
"""The one-screen report's height at most, whatever the width."""
FIT_STYLE = {"strong": "bold green", "moderate": "yellow", "weak": "red"}


def _bar(score: PlatformScore, glyphs: common.Glyphs) -> Kinsoku:
    filled, empty = sections.bar(float(score.score), BAR_CELLS)
    cells = Kinsoku(glyphs.full * filled, style=FIT_STYLE[score.fit])
    cells.append(glyphs.empty * empty, style="dim")
    return cells


class _Cited:
    """A reason with its quote run on after it: on the reason's last line when a third of
    that line is free, else on one line more; cut with `…`. A one-screen report shows
    where each claim comes from; `--detail full` and JSON give the whole passage."""

    def __init__(self, reason: Kinsoku, quote: Kinsoku) -> None:
        self.reason = reason
        self.whole = Kinsoku(f"{reason.plain} ", spans=list(reason.spans))
        self.whole.append_text(quote)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.whole)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        own = self.reason.wrap(console, width)
        keep = len(own) + (own[-1].cell_len > width * 2 // 3)
        lines = self.whole.wrap(console, width)
        if len(lines) > keep:
            lines = Lines(lines[:keep])
            lines[-1].truncate(width - 1)
            lines[-1].append("…", style="dim")
        yield Kinsoku("\n").join(lines)


def _reasons(
    contributions: Iterable[Contribution], quotes: common.Quotes, lang: str, *, short: bool
) -> Table:
    """`+8 reason [ids]` rows with their quotes (each passage once): below the reason in
    full, run on after it in a short report, where a corrected reading is marked first."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for contribution in contributions:
        text = Kinsoku(contribution.reason.get(lang))
        text.append(f" {sections.evidence_ref(contribution.evidence)}", style="cyan")
        quote, corrected = quotes.of(contribution)
        style = "green" if contribution.points > 0 else "red"
        points = Kinsoku(common.signed(contribution.points), style=style)
        if not quote:
            grid.add_row(points, text)
        elif short:
            shown = Kinsoku(t("report.reading_short", lang) if corrected else "", style="dim")
            shown.append(f"「{quote}」", style="dim italic")
            grid.add_row(points, _Cited(text, shown))
        else:
            text.append(f"\n「{quote}」", style="dim italic")
            if corrected:
                text.append(t("report.reading", lang), style="dim")
            grid.add_row(points, text)
    return grid


def _platform(
    score: PlatformScore, evaluation: Evaluation, quotes: common.Quotes, lang: str
) -> Panel:
    reasons = common.strongest(score, None)
    parts: list[RenderableType] = []
    if not score.contributions:
        parts.append(Kinsoku(t("report.no_rules", lang), style="dim"))
    for heading, items in (
        (t("report.for", lang), reasons.pros),
        (t("report.against", lang), reasons.cons),
    ):
        if items:
            parts.append(Kinsoku(heading, style="bold"))
            parts.append(_reasons(items, quotes, lang, short=False))
    title = common.platform_title(score, evaluation, lang)
    return Panel(Group(*parts), title=title, title_align="left", border_style=FIT_STYLE[score.fit])


def _items(items: Iterable[sections.Item], glyphs: common.Glyphs) -> Table:
    """A bulleted list whose wrapped lines stay indented under their text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for item in items:
        text = Kinsoku(item.text)
        if item.evidence:
            text.append(f" {sections.evidence_ref(item.evidence)}", style="cyan")
        grid.add_row(glyphs.bullet, text)
    return grid


def _grouped(
    groups: Iterable[tuple[str, list[sections.Item]]], glyphs: common.Glyphs
) -> list[RenderableType]:
    parts: list[RenderableType] = []
    for name, items in groups:
        parts += [Kinsoku(name, style="bold"), _items(items, glyphs)]
    return parts


def _ranking(evaluation: Evaluation, lang: str, glyphs: common.Glyphs, *, short: bool) -> Table:
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
            _bar(score, glyphs),
            Kinsoku(common.fit_label(score.fit, lang), style=FIT_STYLE[score.fit]),
            *chance,
        )
    return ranking


def _evidence(
    evaluation: Evaluation, insight: Insight, pack: RulePack, glyphs: common.Glyphs
) -> Panel:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="cyan")
    grid.add_column(overflow="fold")
    for observation in sections.cited(evaluation, insight, pack):
        text = Kinsoku(observation.summary.en)
        text.append(f"\n{observation.summary.zh}")
        text.append(f"\n「{' '.join(observation.quote.split())}」", style="dim italic")
        if observation.reading:
            text.append(f"\n{glyphs.arrow}「{' '.join(observation.reading.split())}」", style="dim")
        grid.add_row(observation.id, text)
    return Panel(
        grid, title=t("report.evidence_full", "en") + " / " + t("report.evidence_full", "zh")
    )


def _notes(report: Report, lang: str, *, short: bool) -> list[sections.Item]:
    """The engine's notices. A short report leaves out what it says elsewhere: the
    evidence's date (its footer) and the thin platforms (their titles count observations)."""
    if short:
        said = ("thin-platform", "evidence-date", "stale-evidence")
        notices = report.evaluation.warnings
        return [sections.Item(n.text.get(lang)) for n in notices if n.code not in said]
    notes = [sections.Item(text) for text in sections.notes(report.evaluation, lang)]
    return notes + sections.freshness(report.evaluation, report.insight, lang)


@dataclass(frozen=True)
class _Fit:
    """How much of the one-screen report to show: tried fullest first, until it fits."""

    alongside: int
    """Reasons for each platform run alongside the lead (the lead keeps `SHORT_REASONS`)."""
    steps: int
    """How many recommended platforms, in order, show their first step."""


def _fits(platforms: int) -> list[_Fit]:
    """First steps go from the last platform up before any reason does."""
    fits = [_Fit(SHORT_REASONS, shown) for shown in range(platforms, 0, -1)]
    return [*fits, _Fit(1, 1)]


def _short(report: Report, options: RenderOptions, fit: _Fit) -> list[RenderableType]:
    """The one-screen report: verdict, ranking, then for each recommended platform its
    weightiest reasons and first step, what would change the answer, and the notes."""
    evaluation, insight, lang = report.evaluation, report.insight, options.lang
    glyphs = common.glyphs(options.encoding)
    recommendation = insight.recommendation
    quotes = common.Quotes()
    parts: list[RenderableType] = [
        Kinsoku(sections.verdict(evaluation, insight, lang), style="bold"),
        _ranking(evaluation, lang, glyphs, short=True),
    ]
    scores = {score.platform: score for score in evaluation.ranking}
    first_steps = {step.platform: step for step in reversed(recommendation.steps)}
    for order, platform in enumerate(_recommended(report)):
        score = scores[platform]
        parts.append(Kinsoku(common.platform_title(score, evaluation, lang), style="bold"))
        limit = fit.alongside if order else SHORT_REASONS
        reasons = _reasons(common.weightiest(score, limit), quotes, lang, short=True)
        if platform in first_steps and order < fit.steps:  # its evidence: in the full report
            step = Kinsoku(first_steps[platform].text.get(lang))
            reasons.add_row(Kinsoku(glyphs.arrow, style="bold"), step)
        parts.append(reasons)
    parts.append(_items(sections.what_if_items(evaluation, insight, lang, every=False), glyphs))
    notes = _notes(report, lang, short=True)
    if notes:
        parts.append(_items(notes, glyphs))
    parts.append(Kinsoku(sections.short_footer(evaluation, insight, lang), style="dim"))
    return parts


def _recommended(report: Report) -> tuple[str, ...]:
    recommendation = report.insight.recommendation
    return (recommendation.primary, *recommendation.secondary)


def _print_short(console: Console, report: Report, options: RenderOptions) -> None:
    """The fullest one-screen report that fits `SCREEN_LINES` (the last try if none does)."""
    title = Kinsoku(t("report.title", options.lang), style="bold")
    for fit in _fits(len(_recommended(report))):
        shown = Group(*_short(report, options, fit))
        if len(console.render_lines(shown, pad=False)) < SCREEN_LINES:  # and the title
            break
    console.rule(title)
    console.print(shown)


def _print_full(console: Console, report: Report, options: RenderOptions) -> None:
    """Every section: the strategy in full, every what-if, the risks, the profile, every
    reason of every platform, and the notes."""
    evaluation, pack, insight, lang = report.evaluation, report.pack, report.insight, options.lang
    glyphs = common.glyphs(options.encoding)
    console.rule(Kinsoku(t("report.title", lang), style="bold"))
    verdict = Kinsoku(sections.verdict(evaluation, insight, lang))
    console.print(
        Panel(
            verdict, title=t("report.verdict_head", lang), title_align="left", border_style="bold"
        )
    )
    console.print(_ranking(evaluation, lang, glyphs, short=False))

    lead, alongside = sections.strategy_lines(evaluation, insight, lang)
    steps = _grouped(sections.by_platform(evaluation, insight.recommendation.steps, lang), glyphs)
    strategy = Group(Kinsoku(lead, style="bold"), Kinsoku(alongside), *steps)
    console.print(Panel(strategy, title=t("report.strategy", lang), title_align="left"))
    what_if = _items(sections.what_if_items(evaluation, insight, lang, every=True), glyphs)
    console.print(Panel(what_if, title=t("report.what_if", lang), title_align="left"))
    risks = _grouped(sections.by_platform(evaluation, insight.recommendation.risks, lang), glyphs)
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
        console.print(_platform(score, evaluation, quotes, lang))

    notes = _notes(report, lang, short=False)
    if notes:
        console.print(
            Panel(
                _items(notes, glyphs),
                title=t("report.warnings", lang),
                title_align="left",
                border_style="yellow",
            )
        )


def print_report(console: Console, report: Report, options: RenderOptions) -> None:
    """Print the report on `console` (also used to export docs/report*.svg); `--evidence
    full` adds the cited observations, quoted, to either length."""
    if options.short("short"):
        _print_short(console, report, options)
    else:
        _print_full(console, report, options)
    if options.evidence == "full":
        glyphs = common.glyphs(options.encoding)
        console.print(_evidence(report.evaluation, report.insight, report.pack, glyphs))
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


def render(report: Report, options: RenderOptions) -> str:
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
    print_report(console, report, options)
    return buffer.getvalue()
