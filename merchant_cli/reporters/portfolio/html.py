"""The portfolio as one self-contained page (the report's stylesheet, no scripts): the
summary's sections, then a row per client, linked to its report under `--reports` (the
index of the reports folder). Every text from the input passes `safe.html`; a report's
address is percent-encoded, and relative."""

from __future__ import annotations

from merchant_cli.core.portfolio import Portfolio
from merchant_cli.reporters import RenderOptions
from merchant_cli.reporters.html import page
from merchant_cli.reporters.messages import t
from merchant_cli.reporters.portfolio import words
from merchant_cli.reporters.portfolio.words import Links
from merchant_cli.reporters.safe import html as escape


def _section(title: str, lines: list[str]) -> str:
    entries = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return f"<h2>{escape(title)}</h2><ul>{entries}</ul>"


def _table(headers: list[str], rows: list[list[str]], numeric: int = 1) -> str:
    """A table whose first `numeric` columns after the first are right-aligned numbers;
    cells are HTML already."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(
            f'<td class="num">{cell}</td>' if 0 < at <= numeric else f"<td>{cell}</td>"
            for at, cell in enumerate(row)
        ) + "</tr>"
        for row in rows
    )  # fmt: skip
    return f"<table><tr>{head}</tr>{body}</table>"


def _leads(portfolio: Portfolio, lang: str) -> str:
    headers = words.leads_headers(lang)
    rows = [[escape(cell) for cell in row] for row in words.leads_rows(portfolio, lang)]
    return f"<h2>{escape(t('portfolio.leads', lang))}</h2>" + _table(headers, rows, numeric=4)


def _clients(portfolio: Portfolio, lang: str, links: Links | None) -> str:
    rows = words.client_rows(portfolio, lang, links, escape, _link)
    headers = words.client_headers(portfolio, lang)
    return f"<h2>{escape(t('portfolio.clients', lang))}</h2>" + _table(headers, rows, numeric=0)


def _link(shown: str, href: str) -> str:
    return f'<a href="{escape(href)}">{shown}</a>'


def render(portfolio: Portfolio, options: RenderOptions, links: Links | None = None) -> str:
    lang, short = options.lang, options.short("full")
    title = t("portfolio.title", lang)
    body = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="verdict">{escape(words.counts(portfolio, lang))}</p>',
    ]
    body.append(_leads(portfolio, lang))
    body += [
        _section(heading, lines) for heading, lines in words.lists(portfolio, lang, short=short)
    ]
    if not short:
        body.append(_clients(portfolio, lang, links))
    return page(title, body, options)
