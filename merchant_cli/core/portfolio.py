"""An adviser's portfolio: every client of a merchants file scored as batch scores it, summed
up as an adviser reads it first. Pure.

Each row is scored by the batch scorer (`core.batch`), so a client's lead and close call are
batch's and `evaluate`'s. On top of that, per client: whether its evidence is thin (the
report's notices: an answer the evidence never addresses, a lead no evidence applies to or
that rests on few observations), and the levers that would change its lead: the report's
own what-ifs (`core.whatif`), each scored again as batch scores a row, kept where the lead
they give differs. A lever is the same across clients when it sets the same answers to the
same values in the same direction (what-if takes its values from the pack's thresholds,
never from the client), so levers are counted across the portfolio.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from merchant_cli.core.batch import MAX_CLASSES, BatchScorer, Record, Rejected, Scored
from merchant_cli.core.names import fold
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import Answer, Profile, build_profile
from merchant_cli.core.record import Record as Data
from merchant_cli.core.record import record
from merchant_cli.core.result import Evaluation, PlatformScore
from merchant_cli.core.said import Said
from merchant_cli.core.strategy import NONE
from merchant_cli.core.whatif import Change, WhatIf, what_if

NAME_COLUMNS = frozenset(
    {"name", "shopname", "storename", "merchantname", "clientname", "merchant", "client",
     "shop", "store", "名称", "名字", "店铺", "店铺名", "店铺名称", "店名", "商家", "商家名称",
     "客户", "客户名称"}
)  # fmt: skip
"""Headers of an extra column that names the client (compared without case, spaces, `_`
or `-`): the portfolio shows the name beside the id."""

SILENT, BLIND, FEW = "thin-evidence", "no-rules", "thin-platform"
"""Why a client's evidence is thin: the engine's notice codes."""
UP, DOWN = "up", "down"


@record(kw_only=False)
class Move(Data):
    """One answer of a lever: set to `value`; a number goes `up` or `down` (a choice: "")."""

    question: str
    value: Answer
    direction: str = ""
    side: str = "at"
    """As `whatif.Change.side`: the value sits just `under` or `over` `threshold`."""
    threshold: float | None = None


Found = tuple[tuple[tuple[Move, ...], str], ...]
"""A client's levers: each change of answers that would change its lead, and the platform
it would then lead with."""


@record(kw_only=False)
class Client(Data):
    """One input row: scored (its outcome, thin-evidence reasons, levers) or rejected."""

    row: int
    id: str | None
    name: str | None
    scored: Scored | None = None
    error: Said | None = None
    profile: Mapping[str, Answer] | None = None
    """The answers as `evaluate` reads them (defaults filled): the client's own report."""
    thin: tuple[str, ...] = ()
    """SILENT, BLIND and FEW, as they apply (empty: the evidence is not thin)."""
    levers: Found = ()

    @property
    def key(self) -> str | int:
        """How the client is named where one value must do: its id, else its row number."""
        return self.row if self.id is None else self.id

    @property
    def lead(self) -> PlatformScore | None:
        return None if self.scored is None else self.scored.lead


@record(kw_only=False)
class Lever(Data):
    """A change of answers, the clients whose lead it would change, and where each would go."""

    moves: tuple[Move, ...]
    clients: tuple[Client, ...]
    to: Mapping[str, int]
    """Platform -> how many of those clients it would lead, in the pack's order."""


@record(kw_only=False)
class Portfolio(Data):
    pack: RulePack
    today: dt.date
    clients: tuple[Client, ...]
    levers: tuple[Lever, ...]
    """Most clients first; then fewer answers changed, the pack's question order, the values."""

    @property
    def scored(self) -> tuple[Client, ...]:
        return tuple(c for c in self.clients if c.scored is not None)

    @property
    def rejected(self) -> tuple[Client, ...]:
        return tuple(c for c in self.clients if c.scored is None)

    @property
    def leads(self) -> dict[str, int]:
        """Platform -> how many clients it leads (batch's `primary`), every platform of the
        pack in its order."""
        found = dict.fromkeys((p.id for p in self.pack.platforms), 0)
        for client in self.scored:
            assert client.scored is not None
            found[client.scored.decision.primary] += 1
        return found

    @property
    def unseparated(self) -> dict[str, int]:
        """Platform -> how many of the clients it leads are close calls nothing separates
        (named lead as the likeliest first, as `evaluate` names it)."""
        found = dict.fromkeys((p.id for p in self.pack.platforms), 0)
        for client in self.scored:
            assert client.scored is not None
            if client.scored.decision.decided_by == NONE:
                found[client.scored.decision.primary] += 1
        return found

    @property
    def close_calls(self) -> tuple[Client, ...]:
        return tuple(c for c in self.scored if c.scored and c.scored.decision.close_call)

    @property
    def thin(self) -> tuple[Client, ...]:
        return tuple(c for c in self.scored if c.thin)


def build_portfolio(
    pack: RulePack, records: Iterable[Record | Rejected], *, today: dt.date | None = None
) -> Portfolio:
    """Every record scored as batch scores it, with its thin evidence and levers, in order."""
    batch = BatchScorer(pack, today=today)
    levers = _Levers(batch)
    clients = []
    for given in records:
        outcome = given if isinstance(given, Rejected) else batch.score(given)
        name = client_name(given.extra if isinstance(given, Record) else given.cells)
        if isinstance(outcome, Rejected):
            clients.append(Client(outcome.row, outcome.id, name, error=outcome.reason))
            continue
        assert isinstance(given, Record)
        profile = build_profile(pack, given.answers)
        clients.append(
            Client(
                outcome.row,
                outcome.id,
                name,
                outcome,
                profile=profile.answers,
                thin=thin_reasons(pack, outcome),
                levers=levers(outcome, profile),
            )
        )
    return Portfolio(pack, batch.today, tuple(clients), _counted(pack, clients))


def client_name(cells: Mapping[str, Any]) -> str | None:
    """The first extra cell under a name-like header (`NAME_COLUMNS`), if it holds text."""
    for column, value in cells.items():
        plain = fold(str(column)).replace("_", "").replace("-", "")
        if plain in NAME_COLUMNS and value is not None and str(value).strip():
            return str(value).strip()
    return None


def thin_reasons(pack: RulePack, scored: Scored) -> tuple[str, ...]:
    """Why the evidence behind a client's lead is thin, as `evaluate`'s notices say it: an
    answer the evidence never addresses; no evidence for the lead at all (its fit unknown);
    or a lead resting on fewer observations than the pack's `thin_below`."""
    lead = scored.lead
    found = [SILENT] if scored.silent else []
    if not lead.contributions:
        found.append(BLIND)
    elif len(lead.observations) < pack.meta.uncertainty.thin_below:
        found.append(FEW)
    return tuple(found)


class _Levers:
    """The levers of each client, kept per profile: clients of the same answers share them."""

    def __init__(self, batch: BatchScorer) -> None:
        self.batch = batch
        self.memo: dict[tuple[tuple[str, Answer], ...], Found] = {}

    def __call__(self, scored: Scored, profile: Profile) -> Found:
        key = tuple(profile.answers.items())
        found = self.memo.get(key)
        if found is None:
            if len(self.memo) >= MAX_CLASSES:
                self.memo.clear()
            found = self.memo[key] = self._levers(scored, profile)
        return found

    def _levers(self, scored: Scored, profile: Profile) -> Found:
        """The what-ifs of the client's report after which batch (and `evaluate`) would lead
        with another platform, each with that platform. The search reads the answers, the
        facts and the ranking only: the evaluation it starts from is batch's ranking, without
        the chances and notes a report adds (the same what-ifs, at a fraction of the cost)."""
        scorer = self.batch.scorer
        facts = scorer.facts(profile.answers)
        evaluation = Evaluation(scorer.info, profile.answers, facts, scored.ranking, ())
        found = []
        for scenario in what_if(scorer, evaluation):
            after = self._lead_after(scored, profile, scenario)
            if after is not None and after != scored.decision.primary:
                found.append((tuple(_move(change) for change in scenario.changes), after))
        return tuple(found)

    def _lead_after(self, scored: Scored, profile: Profile, scenario: WhatIf) -> str | None:
        answers = {**profile.answers, **scenario.values}
        outcome = self.batch.score(Record(scored.row, scored.id, answers))
        return outcome.decision.primary if isinstance(outcome, Scored) else None


def _move(change: Change) -> Move:
    direction = ""
    if not isinstance(change.new, str | bool):
        assert isinstance(change.old, int | float)
        direction = UP if change.new > change.old else DOWN
    return Move(change.question, change.new, direction, change.side, change.threshold)


def _counted(pack: RulePack, clients: list[Client]) -> tuple[Lever, ...]:
    """Each distinct lever with the clients it moves, most clients first."""
    found: dict[tuple[tuple[str, Answer, str], ...], tuple[tuple[Move, ...], list[Client]]] = {}
    goes: dict[tuple[tuple[str, Answer, str], ...], list[str]] = {}
    for client in clients:
        for moves, after in client.levers:
            key = tuple((m.question, m.value, m.direction) for m in moves)
            entry = found.setdefault(key, (moves, []))
            if not entry[1] or entry[1][-1] is not client:
                entry[1].append(client)
                goes.setdefault(key, []).append(after)
    position = {q.id: i for i, q in enumerate(pack.questions)}
    platforms = [p.id for p in pack.platforms]

    def order(key: tuple[tuple[str, Answer, str], ...]) -> tuple[Any, ...]:
        spots = tuple((position[q], d, v) for q, v, d in key)
        return (-len(found[key][1]), len(key), spots)

    return tuple(
        Lever(
            found[key][0],
            tuple(found[key][1]),
            {p: n for p in platforms if (n := goes[key].count(p))},
        )
        for key in sorted(found, key=order)
    )
