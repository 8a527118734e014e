"""The portfolio on a terminal: the leads per platform, then the close calls, the thin
evidence, the levers and the rejected rows; `--detail full` adds every lever and a row per
client. Ids, names and cells from the input pass `safe.terminal` (one line each, nothing a
terminal acts on); every text is a `Kinsoku` (never read as markup)."""

from __future__ import annotations

from rich.panel import Panel
from rich.table import Table

from merchant_cli.core.portfolio import Portfolio
from merchant_cli.reporters import RenderOptions, common, sections
from merchant_cli.reporters.kinsoku import Kinsoku
from merchant_cli.reporters.messages import t
from merchant_cli.reporters.parts import items
from merchant_cli.reporters.portfolio import words
from merchant_cli.reporters.portfolio.words import Links
from merchant_cli.reporters.safe import terminal
from merchant_cli.reporters.table import text_console


def _leads(portfolio: Portfolio, lang: str) -> Table:
    table = Table(title=Kinsoku(t("portfolio.leads", lang)), title_justify="left")
    first, *rest = words.leads_headers(lang)
    table.add_column(Kinsoku(first))
    for header in rest:
        table.add_column(Kinsoku(header), justify="right")
    for row in words.leads_rows(portfolio, lang):
        table.add_row(*(Kinsoku(cell) for cell in row))
    return table


def _clients(portfolio: Portfolio, lang: str) -> Table:
    table = Table(title=Kinsoku(t("portfolio.clients", lang)), title_justify="left")
    for header in words.client_headers(portfolio, lang):
        table.add_column(Kinsoku(header), overflow="fold")
    for client in portfolio.clients:
        table.add_row(*(Kinsoku(terminal(c)) for c in words.client_cells(portfolio, client, lang)))
    return table


def render(portfolio: Portfolio, options: RenderOptions, links: Links | None = None) -> str:
    """The summary (`links` are for the shared formats: a terminal has no use for them)."""
    lang, short = options.lang, options.short("short")
    glyphs = common.glyphs(options.encoding)
    console, buffer = text_console(options)
    console.rule(Kinsoku(t("portfolio.title", lang), style="bold"))
    console.print(Kinsoku(words.counts(portfolio, lang)))
    console.print(_leads(portfolio, lang))
    for title, lines in words.lists(portfolio, lang, short=short):
        entries = [sections.Item(terminal(line)) for line in lines]
        console.print(Panel(items(entries, glyphs), title=Kinsoku(title), title_align="left"))
    if not short:
        console.print(_clients(portfolio, lang))
    return buffer.getvalue()
