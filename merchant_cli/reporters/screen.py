"""The one-screen terminal report: what a merchant needs to decide, in at most 40 lines.

The verdict, the ranking, then for each recommended platform its weightiest reasons
(each with the article's words) and its first step, what would change the answer, and
the notes. When that is taller than a screen, first steps and then reasons of the
platforms run alongside the lead are left to `--detail full`.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType

from merchant_cli.core.record import Record, record
from merchant_cli.reporters import RenderOptions, Report, common, parts, sections
from merchant_cli.reporters.kinsoku import Kinsoku
from merchant_cli.reporters.messages import t, worded

SHORT_REASONS = 2
"""Reasons per recommended platform on the one-screen report."""
SCREEN_LINES = 40
"""The one-screen report's height at most, whatever the width."""
SAID_ELSEWHERE = ("thin-platform", "evidence-date", "stale-evidence")
"""Notices the one-screen report leaves out: the platform titles count observations,
the footer dates the evidence."""


@record(kw_only=False)
class _Fit(Record):
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
    shown: list[RenderableType] = [
        Kinsoku(sections.verdict(evaluation, insight, lang), style="bold"),
        parts.ranking(evaluation, lang, glyphs, short=True),
    ]
    scores = {score.platform: score for score in evaluation.ranking}
    first_steps = {step.platform: step for step in reversed(recommendation.steps)}
    for order, platform in enumerate(_recommended(report)):
        score = scores[platform]
        shown.append(Kinsoku(common.platform_title(score, evaluation, lang), style="bold"))
        limit = fit.alongside if order else SHORT_REASONS
        reasons = parts.reasons(common.weightiest(score, limit), quotes, lang, short=True)
        if platform in first_steps and order < fit.steps:  # its evidence: in the full report
            step = Kinsoku(first_steps[platform].text.get(lang))
            reasons.add_row(Kinsoku(glyphs.arrow, style="bold"), step)
        shown.append(reasons)
    shown.append(parts.items(sections.what_if_items(report, lang, every=False), glyphs))
    notices = (n for n in evaluation.warnings if n.code not in SAID_ELSEWHERE)
    notes = [sections.Item(worded(n.said, lang)) for n in notices]
    if notes:
        shown.append(parts.items(notes, glyphs))
    shown.append(Kinsoku(sections.short_footer(evaluation, insight, lang), style="dim"))
    return shown


def _recommended(report: Report) -> tuple[str, ...]:
    recommendation = report.insight.recommendation
    return (recommendation.primary, *recommendation.secondary)


def print_screen(console: Console, report: Report, options: RenderOptions) -> None:
    """The fullest one-screen report that fits `SCREEN_LINES` (the last try if none does)."""
    title = Kinsoku(t("report.title", options.lang), style="bold")
    for fit in _fits(len(_recommended(report))):
        screen = Group(*_short(report, options, fit))
        if len(console.render_lines(screen, pad=False)) < SCREEN_LINES:  # and the title
            break
    console.rule(title)
    console.print(screen)
