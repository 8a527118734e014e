"""The one-screen terminal report: what a merchant needs to decide, in at most 40 lines.

The verdict, the ranking, then for each recommended platform its weightiest reasons
(each with the article's words) and its first step, what would change the answer, and
the notes. When that is taller than a screen, first steps and then reasons of the
platforms run alongside the lead are left to `--detail full`.
"""

from __future__ import annotations

from rich.console import Console, RenderableType
from rich.segment import Segment, SegmentLines

from merchant_cli.core.record import Record, record
from merchant_cli.reporters import RenderOptions, Report, common, parts, sections
from merchant_cli.reporters.kinsoku import Kinsoku
from merchant_cli.reporters.messages import t, worded

SHORT_REASONS = 2
"""Reasons per recommended platform on the one-screen report."""
SCREEN_LINES = 40
SHORT_LEAST = 1
"""A reason moving a score by less than a point (a rule that barely applies) is left to the
full report: one screen has room for what decides."""
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


Part = tuple[object, RenderableType]
"""A piece of the one-screen report and a key that is equal for pieces that render the
same: a platform's reasons depend on what was quoted before them, so their key holds the
fit's choices for the platforms above too."""


def _short(report: Report, options: RenderOptions, fit: _Fit) -> list[Part]:
    """The one-screen report: verdict, ranking, then for each recommended platform its
    weightiest reasons and first step, what would change the answer, and the notes."""
    evaluation, insight, lang = report.evaluation, report.insight, options.lang
    glyphs = common.glyphs(options.encoding)
    recommendation = insight.recommendation
    quotes = common.Quotes()
    shown: list[Part] = [
        ("verdict", Kinsoku(sections.verdict(report, lang), style="bold")),
        ("ranking", parts.ranking(evaluation, lang, glyphs, short=True)),
    ]
    scores = {score.platform: score for score in evaluation.ranking}
    first_steps = {step.platform: step for step in reversed(recommendation.steps)}
    for order, platform in enumerate(_recommended(report)):
        score = scores[platform]
        title = common.platform_title(score, evaluation, lang, certainty=True)
        shown.append((("title", platform), Kinsoku(title, style="bold")))
        tested = platform in recommendation.test  # the verdict says why: a peer's success
        limit = 0 if tested else fit.alongside if order else SHORT_REASONS
        weighty = common.weightiest(score, limit, SHORT_LEAST)
        reasons = parts.reasons(weighty, quotes, lang, short=True)
        step = platform in first_steps and order < fit.steps and not tested
        if step:
            first = Kinsoku(first_steps[platform].text.get(lang))
            reasons.add_row(Kinsoku(glyphs.arrow, style="bold"), first)
        shown.append((("reasons", platform, fit.alongside, step), reasons))
    warned = [
        sections.Item(f"{t('report.caution', lang)}{t('punct.colon', lang)}{text}", c.evidence)
        for c in sections.cautions(report)
        if (text := (c.short or c.text).get(lang))
    ]
    if warned:
        shown.append(("cautions", parts.items(warned, glyphs)))
    what_if = sections.what_if_items(report, lang, every=False)
    shown.append(("what-if", parts.items(what_if, glyphs)))
    notices = (n for n in evaluation.warnings if n.code not in SAID_ELSEWHERE)
    notes = [sections.Item(worded(n.said, lang)) for n in notices]
    if notes:
        shown.append(("notes", parts.items(notes, glyphs)))
    footer = sections.short_footer(evaluation, insight, lang)
    shown.append(("footer", Kinsoku(footer, style="dim")))
    return shown


def _recommended(report: Report) -> tuple[str, ...]:
    """The platforms the strategy offers: lead, alongside and to test."""
    return report.insight.recommendation.offered


def print_screen(console: Console, report: Report, options: RenderOptions) -> None:
    """The fullest one-screen report that fits `SCREEN_LINES` (the last try if none does)."""
    title = Kinsoku(t("report.title", options.lang), style="bold")
    rendered: dict[object, list[list[Segment]]] = {}  # a piece the fits share: drawn once
    for fit in _fits(len(_recommended(report))):
        lines = []
        for key, part in _short(report, options, fit):
            if key not in rendered:
                rendered[key] = console.render_lines(part, pad=False)
            lines += rendered[key]
        if len(lines) < SCREEN_LINES:  # and the title
            break
    console.rule(title)
    console.print(SegmentLines(lines, new_lines=True))  # as measured: not rendered again
