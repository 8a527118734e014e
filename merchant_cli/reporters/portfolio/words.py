"""The portfolio's words, shared by its table, Markdown and HTML forms; and the renderer of
each format (`reporters/portfolio/<format>.py`).

Every helper returns plain strings: ids, names and cells come from the input file, so each
format passes them through its own escaping (`safe`) where it lays them out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Protocol
from urllib.parse import quote

from merchant_cli.core.pack import RulePack
from merchant_cli.core.portfolio import BLIND, FEW, SILENT, UP, Client, Lever, Move, Portfolio
from merchant_cli.core.strategy import CHANCE, NONE
from merchant_cli.reporters import RenderOptions
from merchant_cli.reporters.common import answer_text
from merchant_cli.reporters.messages import t, worded
from merchant_cli.reporters.sections import percent

FORMATS = ("table", "json", "markdown", "html")
LEVERS_SHOWN = 5
"""Levers on the short summary; `--detail full` shows every one."""
LISTED = 20
"""Close calls, thin-evidence clients and rejected rows on the short summary (a portfolio of
thousands would fill screens); `--detail full` lists every one."""

Links = Mapping[int, str]
"""Row -> the relative address of that client's report (`--reports`)."""


class Renderer(Protocol):
    def __call__(
        self, portfolio: Portfolio, options: RenderOptions, links: Links | None = None
    ) -> str: ...


def renderer(fmt: str) -> Renderer:
    """The `render` function of `reporters/portfolio/<fmt>.py`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    render: Renderer = import_module(f"merchant_cli.reporters.portfolio.{fmt}").render
    return render


def platform_name(pack: RulePack, platform: str, lang: str) -> str:
    return pack.platform_by_id[platform].name.get(lang)


def platform_names(pack: RulePack, platforms: tuple[str, ...], lang: str) -> str:
    return t("punct.list", lang).join(platform_name(pack, p, lang) for p in platforms)


def client_label(client: Client, lang: str) -> str:
    """`shop-7 (Lily's shoes)`, `shop-7`, or `row 12` for a row without an id."""
    ident = t("portfolio.row", lang, row=client.row) if client.id is None else client.id
    return ident if client.name is None else t("portfolio.named", lang, id=ident, name=client.name)


def counts(portfolio: Portfolio, lang: str) -> str:
    return t(
        "portfolio.counts", lang, clients=len(portfolio.clients), scored=len(portfolio.scored),
        rejected=len(portfolio.rejected), as_of=portfolio.pack.meta.as_of.isoformat(),
        today=portfolio.today.isoformat(),
    )  # fmt: skip


def leads_rows(portfolio: Portfolio, lang: str) -> list[tuple[str, str, str, str, str]]:
    """Platform, clients, share, close calls, not separated: most clients first."""
    leads, unseparated = portfolio.leads, portfolio.unseparated
    close: dict[str, int] = dict.fromkeys(leads, 0)
    for client in portfolio.close_calls:
        assert client.scored is not None
        close[client.scored.decision.primary] += 1
    total = len(portfolio.scored)
    order = sorted(leads, key=lambda p: -leads[p])  # stable: the pack's order among equals
    return [
        (
            platform_name(portfolio.pack, p, lang),
            str(leads[p]),
            percent(leads[p] / total) if total else "",
            str(close[p]),
            str(unseparated[p]),
        )
        for p in order
    ]


def close_call_line(portfolio: Portfolio, client: Client, lang: str) -> str:
    """`shop-7: Douyin, Taobao; Douyin is likelier to rank first`."""
    assert client.scored is not None
    decision, pack = client.scored.decision, portfolio.pack
    name = platform_name(pack, decision.primary, lang)
    if decision.decided_by == CHANCE:
        how = t("portfolio.by_chance", lang, name=name)
    elif decision.decided_by == NONE:
        how = t("portfolio.by_none", lang, name=name)
    else:
        how = t("portfolio.by_answer", lang, name=name)
    names = platform_names(pack, decision.contenders, lang)
    return t("portfolio.close_call", lang, client=client_label(client, lang), names=names, how=how)


def thin_text(portfolio: Portfolio, client: Client, lang: str) -> str:
    """Why a client's evidence is thin, in words (`core.portfolio.thin_reasons`)."""
    assert client.scored is not None and client.profile is not None
    pack, lead = portfolio.pack, client.lead
    assert lead is not None
    reasons = []
    if SILENT in client.thin:
        for question_id in client.scored.silent:
            question = pack.question_by_id[question_id]
            label = question.label.get(lang)
            choice = answer_text(question, client.profile[question_id], lang)
            reasons.append(
                t("portfolio.silent", lang, label=label if lang == "zh" else label.lower(),
                  choice=choice)
            )  # fmt: skip
    name = lead.name.get(lang)
    if BLIND in client.thin:
        reasons.append(t("portfolio.blind", lang, name=name))
    if FEW in client.thin:
        count = len(lead.observations)
        key = "portfolio.few_one" if count == 1 else "portfolio.few"
        reasons.append(t(key, lang, name=name, count=count))
    return t("punct.semicolon", lang).join(reasons)


def thin_line(portfolio: Portfolio, client: Client, lang: str) -> str:
    return t(
        "portfolio.thin_line", lang, client=client_label(client, lang),
        reasons=thin_text(portfolio, client, lang),
    )  # fmt: skip


def move_text(pack: RulePack, move: Move, lang: str) -> str:
    """`Live-streaming hours per week: up to 44 hours`, `Price: down to under 80 yuan`."""
    question = pack.question_by_id[move.question]
    value = answer_text(question, move.value, lang)
    if move.side != "at" and move.threshold is not None:
        value = t(f"whatif.{move.side}", lang, value=answer_text(question, move.threshold, lang))
    key = (
        "portfolio.set"
        if not move.direction
        else ("portfolio.up" if move.direction == UP else "portfolio.down")
    )
    return t(key, lang, label=question.label.get(lang), value=value)


def lever_change(pack: RulePack, lever: Lever, lang: str) -> str:
    return t("punct.and", lang).join(move_text(pack, move, lang) for move in lever.moves)


def lever_line(pack: RulePack, lever: Lever, lang: str) -> str:
    """`Goal: seeding: 12 clients (to Xiaohongshu 9, to Douyin 3)`."""
    moves = t("punct.comma", lang).join(
        t("portfolio.lever_to", lang, name=platform_name(pack, p, lang), count=n)
        for p, n in lever.to.items()
    )
    count = len(lever.clients)
    key = "portfolio.lever_one" if count == 1 else "portfolio.lever"
    return t(key, lang, change=lever_change(pack, lever, lang), count=count, moves=moves)


def lists(portfolio: Portfolio, lang: str, *, short: bool) -> list[tuple[str, list[str]]]:
    """The summary's lists, each a title and its lines: the close calls, the clients of thin
    evidence, the levers and the rejected rows (when `short`, the first few of each, and how
    many more `--detail full` shows). A list with no lines is left out, but for the levers,
    where that none would change a lead is worth saying."""
    pack = portfolio.pack
    close = [close_call_line(portfolio, c, lang) for c in portfolio.close_calls]
    thin = [thin_line(portfolio, c, lang) for c in portfolio.thin]
    levers = [lever_line(pack, lever, lang) for lever in portfolio.levers]
    rejected = [rejected_line(c, lang) for c in portfolio.rejected]
    found = [
        (t("portfolio.close_calls", lang, count=len(close)), _first(close, LISTED, short, lang)),
        (t("portfolio.thin", lang, count=len(thin)), _first(thin, LISTED, short, lang)),
        (
            t("portfolio.levers", lang),
            _first(levers, LEVERS_SHOWN, short, lang) or [t("portfolio.levers_none", lang)],
        ),
        (t("portfolio.rejected", lang, count=len(rejected)), _first(rejected, LISTED, short, lang)),
    ]
    return [(title, lines) for title, lines in found if lines]


def _first(lines: list[str], limit: int, short: bool, lang: str) -> list[str]:
    if not short or len(lines) <= limit:
        return lines
    return [*lines[:limit], t("portfolio.more", lang, count=len(lines) - limit)]


def leads_headers(lang: str) -> list[str]:
    keys = ("clients_count", "share", "close_count", "unseparated_count")
    return [t("report.platform", lang), *(t(f"portfolio.{key}", lang) for key in keys)]


def rejected_line(client: Client, lang: str) -> str:
    """`row 5 [shop-7]: price: must be greater than 0, got -5`, as batch reports it."""
    assert client.error is not None
    error = worded(client.error, lang)
    if client.id is None:
        return t("portfolio.rejected_line", lang, row=client.row, error=error)
    return t("portfolio.rejected_id", lang, row=client.row, id=client.id, error=error)


def named(portfolio: Portfolio) -> bool:
    """Whether the clients' table has a name column: some client has a name."""
    return any(client.name is not None for client in portfolio.clients)


def client_rows(
    portfolio: Portfolio,
    lang: str,
    links: Links | None,
    clean: Callable[[str], str],
    link: Callable[[str, str], str],
) -> list[list[str]]:
    """A row of cells per client, each `clean`ed for its format; under `--reports` the id
    (or, without one, "report") is made a `link(shown, href)` to its report, the address
    percent-encoded so that no data forms a link of its own."""
    rows = []
    for client in portfolio.clients:
        cells = [clean(cell) for cell in client_cells(portfolio, client, lang)]
        href = links.get(client.row) if links is not None else None
        if href is not None:
            cells[1] = link(cells[1] or clean(t("portfolio.col_report", lang)), quote(href))
        rows.append(cells)
    return rows


def client_cells(portfolio: Portfolio, client: Client, lang: str) -> list[str]:
    """Row, id, name (when some client has one), lead, chance first, close call, thin
    evidence: one row of the clients' table (a rejected row: its error as its lead)."""
    head = [str(client.row), client.id or ""] + ([client.name or ""] if named(portfolio) else [])
    if client.scored is None:
        assert client.error is not None
        status = t("portfolio.rejected_status", lang)
        return [*head, status + t("punct.colon", lang) + worded(client.error, lang), "", "", ""]
    decision = client.scored.decision
    close = platform_names(portfolio.pack, decision.contenders, lang) if decision.close_call else ""
    return [
        *head,
        platform_name(portfolio.pack, decision.primary, lang),
        percent(decision.chance_first) if decision.first else "",
        close,
        thin_text(portfolio, client, lang) if client.thin else "",
    ]


def client_headers(portfolio: Portfolio, lang: str) -> list[str]:
    keys = ["col_row", "col_id", *(["col_name"] if named(portfolio) else []), "col_lead"]
    return [
        *(t(f"portfolio.{key}", lang) for key in keys),
        t("report.confidence", lang),
        t("portfolio.col_close", lang),
        t("portfolio.col_thin", lang),
    ]
