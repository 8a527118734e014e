"""The portfolio as one JSON document: ids for keys and values under every `--lang`; only
the texts (a rejected row's error) are in the run's language, as `evaluate`'s JSON words
its warnings."""

from __future__ import annotations

import json
from typing import Any

from merchant_cli import __version__
from merchant_cli.core.portfolio import Client, Lever, Move, Portfolio
from merchant_cli.reporters import RenderOptions, safe
from merchant_cli.reporters.json import SCHEMA_VERSION
from merchant_cli.reporters.messages import worded
from merchant_cli.reporters.portfolio.words import Links


def document(portfolio: Portfolio, lang: str, links: Links | None = None) -> dict[str, Any]:
    """`leads`, `close_calls` and one entry per input row in `clients` (the contract's), with
    the counts, the thin-evidence clients, the levers and the rejected rows beside them."""
    meta = portfolio.pack.meta
    return {
        "schema_version": SCHEMA_VERSION,
        "tool_version": __version__,
        "rule_pack": {"name": meta.name, "version": meta.version, "as_of": meta.as_of.isoformat()},
        "today": portfolio.today.isoformat(),
        "counts": {
            "clients": len(portfolio.clients),
            "scored": len(portfolio.scored),
            "rejected": len(portfolio.rejected),
            "close_calls": len(portfolio.close_calls),
            "unseparated": sum(portfolio.unseparated.values()),
            "thin": len(portfolio.thin),
        },
        "leads": portfolio.leads,
        "unseparated": portfolio.unseparated,
        "close_calls": [client.key for client in portfolio.close_calls],
        "thin": [client.key for client in portfolio.thin],
        "levers": [_lever(lever) for lever in portfolio.levers],
        "rejected": [
            {"row": c.row, "id": c.id, "error": _error(c, lang)} for c in portfolio.rejected
        ],
        "clients": [_client(client, lang, links) for client in portfolio.clients],
    }


def _changes(moves: tuple[Move, ...]) -> dict[str, Any]:
    """As a what-if's `changes` in `evaluate`'s JSON: question id -> new value."""
    return {move.question: move.value for move in moves}


def _lever(lever: Lever) -> dict[str, Any]:
    return {
        "changes": _changes(lever.moves),
        "directions": {m.question: m.direction for m in lever.moves if m.direction},
        "clients": len(lever.clients),
        "ids": [client.key for client in lever.clients],
        "to": dict(lever.to),
    }


def _error(client: Client, lang: str) -> str | None:
    return None if client.error is None else worded(client.error, lang)


def _client(client: Client, lang: str, links: Links | None) -> dict[str, Any]:
    entry: dict[str, Any] = {"row": client.row, "id": client.id, "name": client.name}
    scored = client.scored
    if scored is None:
        entry |= {
            "status": "rejected", "primary": None, "close_call": None, "contenders": [],
            "chance_first": None, "decided_by": None, "score": None, "fit": None,
            "thin": None, "thin_reasons": [], "silent": [], "levers": [],
        }  # fmt: skip
    else:
        decision, lead = scored.decision, client.lead
        assert lead is not None
        entry |= {
            "status": "scored",
            "primary": decision.primary,
            "close_call": decision.close_call,
            "contenders": list(decision.contenders),
            "chance_first": decision.chance_first if decision.first else None,
            "decided_by": decision.decided_by,
            "score": lead.score,
            "fit": lead.fit,
            "thin": bool(client.thin),
            "thin_reasons": list(client.thin),
            "silent": list(scored.silent),
            "levers": [{"changes": _changes(moves), "to": to} for moves, to in client.levers],
        }
    entry["error"] = _error(client, lang)
    if links is not None:
        entry["report"] = links.get(client.row)
    return entry


def render(portfolio: Portfolio, options: RenderOptions, links: Links | None = None) -> str:
    """The document, `\\u` escapes where the output's encoding is not UTF-8 (as `evaluate`'s)."""
    data = document(portfolio, options.lang, links)
    return safe.json(json.dumps(data, ensure_ascii=not options.utf, indent=2)) + "\n"
