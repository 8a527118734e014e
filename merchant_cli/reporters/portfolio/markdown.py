"""The portfolio in Markdown, to share: the summary's sections, then a row per client (linked
to its report under `--reports`). Every text from the input passes `safe.markdown`; a
report's address is percent-encoded, so no data forms a link of its own."""

from __future__ import annotations

from merchant_cli.core.portfolio import Portfolio
from merchant_cli.reporters import RenderOptions
from merchant_cli.reporters.messages import t
from merchant_cli.reporters.portfolio import words
from merchant_cli.reporters.portfolio.words import Links
from merchant_cli.reporters.safe import markdown as md


def _section(title: str, lines: list[str]) -> list[str]:
    return ["", f"## {md(title)}", "", *(f"- {md(line)}" for line in lines)]


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _clients(portfolio: Portfolio, lang: str, links: Links | None) -> list[str]:
    """A row per client; under `--reports` its id (or, without one, "report") links to its
    report."""
    headers = words.client_headers(portfolio, lang)
    lines = ["", f"## {md(t('portfolio.clients', lang))}", "", _row([md(h) for h in headers])]
    lines.append(_row(["---:", *(["---"] * (len(headers) - 1))]))
    lines += [_row(cells) for cells in words.client_rows(portfolio, lang, links, md, _link)]
    return lines


def _link(shown: str, href: str) -> str:
    return f"[{shown}](<{href}>)"


def render(portfolio: Portfolio, options: RenderOptions, links: Links | None = None) -> str:
    lang, short = options.lang, options.short("full")
    lines = [f"# {md(t('portfolio.title', lang))}", "", md(words.counts(portfolio, lang))]
    lines += ["", f"## {md(t('portfolio.leads', lang))}", ""]
    lines.append(_row([md(header) for header in words.leads_headers(lang)]))
    lines.append(_row(["---", "---:", "---:", "---:", "---:"]))
    lines += [_row([md(cell) for cell in row]) for row in words.leads_rows(portfolio, lang)]
    for title, entries in words.lists(portfolio, lang, short=short):
        lines += _section(title, entries)
    if not short:
        lines += _clients(portfolio, lang, links)
    return "\n".join(lines) + "\n"
