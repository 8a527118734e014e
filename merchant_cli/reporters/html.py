"""The HTML report: one self-contained page (inline CSS, no scripts or external files) to send.

Every text from the pack or the answers passes `safe.html`; the page has the same
sections as the table and Markdown reports.
"""

from __future__ import annotations

from collections.abc import Iterable

from merchant_cli.core.models import Observation
from merchant_cli.core.result import Contribution, Evaluation, PlatformScore
from merchant_cli.reporters import RenderOptions, Report, common, sections
from merchant_cli.reporters.messages import t
from merchant_cli.reporters.safe import html as escape  # controls shown; & < > " ' referenced

CSS = """
body{font-family:-apple-system,"Segoe UI","PingFang SC","Noto Sans CJK SC","Microsoft YaHei",
sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1f2328;line-height:1.55}
h1{font-size:1.6rem;border-bottom:2px solid #d0d7de;padding-bottom:.4rem}
h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
h3{font-size:1rem;margin-bottom:.3rem}
.verdict{background:#f6f8fa;border-left:4px solid #0969da;padding:.8rem 1rem;font-size:1.05rem}
table{border-collapse:collapse;width:100%}
td,th{padding:.35rem .5rem;border-bottom:1px solid #eaeef2;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.track{background:#eaeef2;border-radius:4px;height:.8rem;width:10rem;display:inline-block;
vertical-align:middle;margin-right:.5rem}
td.share{white-space:nowrap}
.fill{height:100%;border-radius:4px}
.strong{background:#1a7f37}.moderate{background:#bf8700}.weak{background:#cf222e}
.unknown{background:#8c959f}
.chance{background:#0969da}
.ev{color:#57606a;font-size:.85em;white-space:nowrap}.ev a{color:#0969da}
.quote{color:#57606a;font-size:.9em}
.certainty{color:#57606a;font-style:italic;margin:0}
.pro{color:#1a7f37;font-weight:600}.con{color:#cf222e;font-weight:600}
.risks li{border-left:3px solid #cf222e;padding-left:.5rem;list-style:none;margin-bottom:.3rem}
footer{margin-top:2rem;color:#57606a;font-size:.85em}
"""


def _ref(ids: tuple[str, ...], cited: frozenset[str]) -> str:
    """`[A13, A15]` beside a reason or a step, in grey: an id is a link only where the page
    quotes that observation below (`--evidence full`), so nothing looks like a link and
    goes nowhere."""
    shown = (f'<a href="#ev-{escape(i)}">{escape(i)}</a>' if i in cited else escape(i) for i in ids)
    return f'<span class="ev">[{", ".join(shown)}]</span>'


def _items(items: Iterable[sections.Item], cited: frozenset[str]) -> str:
    rows = []
    for item in items:
        ref = f" {_ref(item.evidence, cited)}" if item.evidence else ""
        rows.append(f"<li>{escape(item.text)}{ref}</li>")
    return "<ul>" + "".join(rows) + "</ul>"


def _grouped(groups: Iterable[tuple[str, list[sections.Item]]], cited: frozenset[str]) -> str:
    return "".join(f"<h3>{escape(name)}</h3>{_items(items, cited)}" for name, items in groups)


def _bar(percent: float, style: str) -> str:
    """A 0-100 bar: a score coloured by its fit, or a chance of ranking first."""
    width = min(max(percent, 0), 100)
    return f'<div class="track"><div class="fill {style}" style="width:{width:g}%"></div></div>'


def _ranking(evaluation: Evaluation, lang: str) -> str:
    head = "".join(
        f"<th>{escape(text)}</th>"
        for text in (
            "#",
            t("report.platform", lang),
            t("report.score", lang),
            "",
            t("report.fit", lang),
            t("report.confidence", lang),
        )
    )
    first = evaluation.confidence.first if evaluation.confidence else {}
    rows = [f"<tr>{head}</tr>"]
    for rank, score in enumerate(evaluation.ranking, 1):
        chance = first.get(score.platform)
        shown = (
            "" if chance is None else f"{_bar(chance * 100, 'chance')}{sections.percent(chance)}"
        )
        rows.append(
            f'<tr><td class="num">{rank}</td><td>{escape(score.name.get(lang))}</td>'
            f'<td class="num">{score.score}</td><td>{_bar(float(score.score), score.fit)}</td>'
            f"<td>{escape(common.fit_label(score.fit, lang))}</td>"
            f'<td class="share">{shown}</td></tr>'
        )
    return "<table>" + "".join(rows) + "</table>"


def _reason(
    contribution: Contribution, quotes: common.Quotes, lang: str, cited: frozenset[str]
) -> str:
    style = "pro" if contribution.points > 0 else "con"
    quote, corrected = quotes.of(contribution)
    quoted = f'<br><span class="quote">「{escape(quote)}」</span>' if quote else ""
    if corrected:
        note = escape(t("report.reading", lang))
        quoted += f'<span class="quote">{note}</span>'
    return (
        f'<li><span class="{style}">{common.signed(contribution.points)}</span> '
        f"{escape(contribution.reason.get(lang))} "
        f"{escape(common.partial_note(contribution, lang))} "
        f"{_ref(contribution.evidence, cited)}{quoted}</li>"
    )


def _platform(
    score: PlatformScore,
    report: Report,
    quotes: common.Quotes,
    lang: str,
    cited: frozenset[str],
    *,
    short: bool,
) -> str:
    evaluation, recommendation = report.evaluation, report.insight.recommendation
    title = common.platform_title(score, evaluation, lang)
    parts = [f"<h3>{escape(title)}</h3>"]
    if score.platform in evaluation.certainty:
        grade = common.certainty_text(evaluation, score.platform, lang)
        parts.append(f'<p class="certainty">{escape(grade)}</p>')
    peers = sections.peers_of(recommendation, score.platform, lang)
    parts += [f"<p>{escape(text)}</p>" for text in peers]
    if not score.contributions:
        parts.append(f"<p>{escape(t('report.no_rules', lang))}</p>")
    reasons = common.strongest(score, common.REASONS_SHOWN if short else None)
    for heading, items in (
        (t("report.for", lang), reasons.pros),
        (t("report.against", lang), reasons.cons),
    ):
        if items:
            parts.append(f"<p><strong>{escape(heading)}</strong></p><ul>")
            parts += [_reason(c, quotes, lang, cited) for c in items]
            parts.append("</ul>")
    return "".join(parts)


def _reading(reading: str | None) -> str:
    return f'<br><span class="quote">→「{escape(reading)}」</span>' if reading else ""


def _evidence(report: Report, observations: list[Observation], lang: str) -> str:
    """Every cited observation: summary, the article's words, their reading, the source."""
    entries = [f"<h2>{escape(t('report.evidence_full', lang))}</h2><dl>"]
    for observation in observations:
        summaries = "<br>".join(escape(s) for s in common.summaries(observation, lang))
        source = escape(sections.source(report.pack, observation, lang))
        entries.append(
            f'<dt id="ev-{escape(observation.id)}"><strong>{escape(observation.id)}</strong></dt>'
            f"<dd>{summaries}<br>"
            f'<span class="quote">「{escape(" ".join(observation.quote.split()))}」</span>'
            f'{_reading(observation.reading)}<br><span class="quote">{source}</span></dd>'
        )
    return "".join(entries) + "</dl>"


def render(report: Report, options: RenderOptions) -> str:
    evaluation, pack, found, lang = report.evaluation, report.pack, report.insight, options.lang
    short = options.short("full")
    quoted = sections.cited(evaluation, found, pack) if options.evidence == "full" else []
    cited = frozenset(o.id for o in quoted)
    title = t("report.title", lang)
    body = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="verdict">{escape(sections.verdict(report, lang))}</p>',
    ]
    body += [f"<h2>{escape(t('report.ranking', lang))}</h2>", _ranking(evaluation, lang)]
    lead, *rest = sections.strategy_lines(evaluation, found, lang)
    body += [f"<h2>{escape(t('report.strategy', lang))}</h2>"]
    body += [f"<p><strong>{escape(lead)}</strong><br>{'<br>'.join(escape(x) for x in rest)}</p>"]
    body.append(_grouped(sections.by_platform(evaluation, found.recommendation.steps, lang), cited))
    body += [
        f"<h2>{escape(t('report.what_if', lang))}</h2>",
        _items(sections.what_if_items(report, lang, every=not short), cited),
    ]
    if found.recommendation.risks and not short:
        body += [f'<h2>{escape(t("report.risks", lang))}</h2><div class="risks">']
        body += [
            _grouped(sections.by_platform(evaluation, found.recommendation.risks, lang), cited),
            "</div>",
        ]
    profile = "".join(
        f"<tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>"
        for label, value in common.profile_rows(evaluation, pack, lang)
    )
    if not short:
        body += [f"<h2>{escape(t('report.profile', lang))}</h2><table>{profile}</table>"]
    quotes = common.Quotes()
    body += [_platform(s, report, quotes, lang, cited, short=short) for s in evaluation.ranking]
    items = [sections.Item(text) for text in sections.notes(evaluation, lang)]
    items += sections.freshness(evaluation, found, lang)
    body += [f"<h2>{escape(t('report.warnings', lang))}</h2>", _items(items, cited)]
    if quoted:
        body.append(_evidence(report, quoted, lang))
    body.append(f"<footer>{escape(sections.footer(evaluation, lang))}</footer>")
    return page(title, body, options)


def page(title: str, body: list[str], options: RenderOptions) -> str:
    """A whole HTML document: `body`'s parts under the report's stylesheet, in ASCII with
    character references unless the output takes UTF-8 (`ascii_page`)."""
    html_lang = "zh-CN" if options.lang == "zh" else "en"
    document = (
        f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
    return document if options.utf else ascii_page(document)


def ascii_page(page: str) -> str:
    """The page in ASCII, every other character as a character reference: the same page
    in any encoding of stdout, and still true to its `charset=utf-8`."""
    return page.encode("ascii", "xmlcharrefreplace").decode("ascii")
