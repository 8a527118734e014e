"""What the pack's rules cover: the observations they cite and the answers they address.

Pure functions over a RulePack for `rules coverage`. A rule addresses a value
when its condition names it (`eq`/`in`, as `conditions.values_named`, which the
engine's thin-evidence note reads, also counts); a numeric comparison on a price
addresses each price band its range overlaps.
"""

from __future__ import annotations

from collections.abc import Iterator

from merchant_cli.core.conditions import comparisons
from merchant_cli.core.models import Comparison, Condition
from merchant_cli.core.pack import RulePack
from merchant_cli.core.record import Record, record
from merchant_cli.packs.domains import Interval, Values, admitted, band_range, fact_domains, narrow

Cells = dict[str, dict[str, dict[str, tuple[str, ...]]]]
"""fact -> value -> platform -> ids of the rules that address that value there."""


@record(kw_only=False)
class ThinSpot(Record):
    """A place where the evidence says little: `kind` is uncited, unaddressed or partial."""

    kind: str
    subject: str
    platforms: tuple[str, ...]
    message: str


@record(kw_only=False)
class Coverage(Record):
    citations: dict[str, tuple[str, ...]]
    """observation id -> ids of the rules that cite it, in pack order."""
    cells: Cells
    thin: tuple[ThinSpot, ...]


def addressed_values(
    pack: RulePack, condition: Condition | None, domains: dict[str, Values] | None = None
) -> Iterator[tuple[str, str]]:
    """(fact, value) pairs of the choice and band values a condition addresses."""
    domains = fact_domains(pack) if domains is None else domains
    for fact, comparison, _ in comparisons(condition):
        if comparison.op.selects:
            for value in comparison.op.members(comparison.value):
                yield fact, str(value)
        yield from _bands_overlapped(pack, domains, fact, comparison)


def _bands_overlapped(
    pack: RulePack, domains: dict[str, Values], fact: str, comparison: Comparison
) -> Iterator[tuple[str, str]]:
    domain = domains.get(fact)
    if not isinstance(domain, Interval):
        return
    for _, values in admitted(pack, domains, fact, comparison):
        if not isinstance(values, Interval) or narrow(domain, values) == domain:
            continue  # not numeric, or no narrower than the question itself
        for derived in pack.derived:
            if derived.from_ != fact:
                continue
            for band in derived.bands:
                span = band_range(pack, derived.id, frozenset({band.id}))
                if span is not None and not (span & values & domain).empty:
                    yield derived.id, band.id


def coverage(pack: RulePack) -> Coverage:
    """Citations per observation, rules per (fact value, platform), and the thin spots."""
    citations = {
        obs.id: tuple(r.id for r in pack.rules if obs.id in r.evidence) for obs in pack.observations
    }
    cells: Cells = {}
    domains = fact_domains(pack)
    for fact, values in _finite_facts(pack).items():
        cells[fact] = {value: {p.id: () for p in pack.platforms} for value in values}
    for rule in pack.rules:
        for fact, value in dict.fromkeys(addressed_values(pack, rule.when, domains)):
            row = cells.get(fact, {}).get(value)
            if row is not None and rule.platform in row:
                row[rule.platform] = (*row[rule.platform], rule.id)
    return Coverage(citations, cells, tuple(_thin(pack, citations, cells)))


def _finite_facts(pack: RulePack) -> dict[str, list[str]]:
    facts = {q.id: [c.id for c in q.choices] for q in pack.questions if q.choices}
    facts.update({d.id: [b.id for b in d.bands] for d in pack.derived})
    return facts


def _thin(
    pack: RulePack, citations: dict[str, tuple[str, ...]], cells: Cells
) -> Iterator[ThinSpot]:
    for obs_id, rules in citations.items():
        if not rules:
            platforms = tuple(pack.observation_by_id[obs_id].platforms)
            yield ThinSpot(
                "uncited", obs_id, platforms, f"observation {obs_id} is cited by no rule"
            )
    defaults = {q.id: q.default for q in pack.questions}
    for fact, rows in cells.items():
        for value, row in rows.items():
            if value == defaults.get(fact):
                continue  # "not specified" needs no evidence of its own
            missing = tuple(p for p, rules in row.items() if not rules)
            subject = f"{fact}={value}"
            if len(missing) == len(row):
                yield ThinSpot("unaddressed", subject, missing, f"no rule addresses {subject}")
            elif missing:
                yield ThinSpot(
                    "partial", subject, missing, f"{subject}: no rule for {', '.join(missing)}"
                )
