"""The portfolio: batch's leads and close calls summed up, thin evidence as the report says
it, and levers that are the report's what-ifs which would change a lead."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from merchant_cli.core.batch import BatchScorer, Record, Rejected, Scored, score_records
from merchant_cli.core.engine import Scorer
from merchant_cli.core.insight import build_insight
from merchant_cli.core.pack import RulePack
from merchant_cli.core.portfolio import (
    BLIND,
    FEW,
    SILENT,
    Portfolio,
    build_portfolio,
    client_name,
    thin_reasons,
)
from merchant_cli.core.profile import build_profile
from merchant_cli.core.said import say

TODAY = dt.date(2026, 3, 1)
SHOES = {"category": "shoes", "price": "24.9", "notes_per_week": "0", "videos_per_week": "2",
         "live_hours_per_week": "40", "merchant_type": "cluster_factory",
         "goal": "volume"}  # fmt: skip
BAGS = {"category": "bags", "price": "59", "notes_per_week": "2", "videos_per_week": "0",
        "live_hours_per_week": "3", "merchant_type": "brand"}  # fmt: skip
CRAFTS = {"category": "crafts_design", "price": "299", "notes_per_week": "6",
          "videos_per_week": "1", "live_hours_per_week": "0", "merchant_type": "boutique",
          "goal": "seeding"}  # fmt: skip


def records() -> list[Record | Rejected]:
    return [
        Record(2, "shoes", SHOES, {"店铺名称": "鞋厂一号", "备注": "x"}),
        Record(3, "bags", BAGS),
        Rejected(4, "broken", say("batch.missing", ids="price"), {"name": "Broken Ltd"}),
        Record(5, "crafts", CRAFTS, {"Name": " Studio "}),
        Record(6, None, {**BAGS, "price": "-1"}),
        Record(7, "bags-too", BAGS),
    ]


@pytest.fixture(scope="module")
def portfolio(pack: RulePack) -> Portfolio:
    return build_portfolio(pack, records(), today=TODAY)


def test_every_row_is_one_client_in_order_scored_as_batch_scores_it(
    pack: RulePack, portfolio: Portfolio
) -> None:
    batch = list(score_records(pack, records(), today=TODAY))
    assert [c.row for c in portfolio.clients] == [o.row for o in batch] == [2, 3, 4, 5, 6, 7]
    for client, outcome in zip(portfolio.clients, batch, strict=True):
        if isinstance(outcome, Scored):
            assert client.scored is not None
            assert client.scored.decision == outcome.decision
            assert client.scored.ranking == outcome.ranking
        else:
            assert client.scored is None and client.error == outcome.reason
    assert [c.key for c in portfolio.rejected] == ["broken", 6]


def test_leads_count_every_scored_client_once_under_its_primary(portfolio: Portfolio) -> None:
    leads = portfolio.leads
    assert list(leads) == ["xiaohongshu", "douyin", "taobao"]  # the pack's order, zeros kept
    assert sum(leads.values()) == len(portfolio.scored) == 4
    for platform, count in leads.items():
        led = [c for c in portfolio.scored if c.scored and c.scored.decision.primary == platform]
        assert count == len(led)
    close = [c.key for c in portfolio.scored if c.scored and c.scored.decision.close_call]
    assert [c.key for c in portfolio.close_calls] == close


def test_names_come_from_a_name_like_extra_column() -> None:
    assert client_name({"备注": "x", "店铺名称": "鞋厂一号"}) == "鞋厂一号"
    assert client_name({"Shop Name": " Lily "}) == "Lily"
    assert client_name({"client_name": "A", "name": "B"}) == "A"  # the first one wins
    assert client_name({"name": "  "}) is None
    assert client_name({"notes": "x"}) is None


def test_a_client_carries_its_name(portfolio: Portfolio) -> None:
    names = {c.key: c.name for c in portfolio.clients}
    assert names == {"shoes": "鞋厂一号", "bags": None, "broken": "Broken Ltd",
                     "crafts": "Studio", 6: None, "bags-too": None}  # fmt: skip


def test_thin_evidence_is_what_evaluate_s_notices_say(pack: RulePack) -> None:
    scorer = Scorer(pack)
    batch = BatchScorer(pack, today=TODAY)
    for answers in (SHOES, BAGS, CRAFTS):
        scored = batch.score(Record(1, None, answers))
        assert isinstance(scored, Scored)
        evaluation = scorer.evaluate(build_profile(pack, answers), today=TODAY)
        codes = {notice.code for notice in evaluation.warnings}
        lead = next(s for s in evaluation.ranking if s.platform == scored.decision.primary)
        found = thin_reasons(pack, scored)
        assert (SILENT in found) == ("thin-evidence" in codes)
        assert (BLIND in found) == (lead.fit == "unknown")
        assert (FEW in found) == (bool(lead.contributions) and len(lead.observations) < 3)


def test_crafts_are_thin_evidence(portfolio: Portfolio) -> None:
    crafts = next(c for c in portfolio.clients if c.id == "crafts")
    assert crafts.scored is not None and crafts.scored.silent == ("category",)
    assert SILENT in crafts.thin and crafts in portfolio.thin


def _lead_with(pack: RulePack, answers: dict[str, Any]) -> str:
    evaluation = Scorer(pack).evaluate(build_profile(pack, answers), today=TODAY)
    return build_insight(Scorer(pack), evaluation).recommendation.primary


def test_a_lever_is_a_what_if_of_the_report_after_which_evaluate_leads_elsewhere(
    pack: RulePack, portfolio: Portfolio
) -> None:
    for client in portfolio.scored:
        assert client.scored is not None and client.profile is not None
        evaluation = Scorer(pack).evaluate(build_profile(pack, client.profile), today=TODAY)
        shown = {
            tuple(scenario.values.items())
            for scenario in build_insight(Scorer(pack), evaluation).what_if
        }
        for moves, after in client.levers:
            changes = {move.question: move.value for move in moves}
            assert tuple(changes.items()) in shown
            assert after != client.scored.decision.primary
            assert _lead_with(pack, {**client.profile, **changes}) == after


def test_levers_are_counted_across_clients_most_first(portfolio: Portfolio) -> None:
    assert portfolio.levers
    counts = [len(lever.clients) for lever in portfolio.levers]
    assert counts == sorted(counts, reverse=True)
    for lever in portfolio.levers:
        key = [(m.question, m.value, m.direction) for m in lever.moves]
        having = [
            c for c in portfolio.scored
            if any([(m.question, m.value, m.direction) for m in moves] == key
                   for moves, _ in c.levers)
        ]  # fmt: skip
        assert list(lever.clients) == having
        assert sum(lever.to.values()) == len(having)


def test_the_same_lever_for_two_clients_of_the_same_answers(portfolio: Portfolio) -> None:
    bags = [c for c in portfolio.clients if c.id in ("bags", "bags-too")]
    assert bags[0].levers == bags[1].levers
    for moves, _ in bags[0].levers:
        lever = next(lever for lever in portfolio.levers if lever.moves == moves)
        assert {"bags", "bags-too"} <= {c.key for c in lever.clients}


def test_a_number_lever_says_its_direction(portfolio: Portfolio) -> None:
    for lever in portfolio.levers:
        for move in lever.moves:
            numeric = not isinstance(move.value, str | bool)
            assert (move.direction in ("up", "down")) == numeric


def test_an_empty_file_is_an_empty_portfolio(pack: RulePack) -> None:
    empty = build_portfolio(pack, [], today=TODAY)
    assert empty.clients == () and empty.levers == ()
    assert empty.leads == {"xiaohongshu": 0, "douyin": 0, "taobao": 0}
    assert empty.today == TODAY


def test_a_close_call_nothing_separates_is_counted_under_its_named_lead(pack: RulePack) -> None:
    idle = {"category": "bags", "price": "129", "notes_per_week": "0", "videos_per_week": "0",
            "live_hours_per_week": "0", "merchant_type": "not_specified",
            "goal": "volume"}  # fmt: skip
    found = build_portfolio(pack, [Record(2, "idle", idle), Record(3, "shoes", SHOES)], today=TODAY)
    idle_client = found.clients[0]
    assert idle_client.scored is not None
    decision = idle_client.scored.decision
    assert decision.decided_by == "none" and decision.close_call
    assert found.leads[decision.primary] >= 1 and found.unseparated[decision.primary] == 1
    assert sum(found.unseparated.values()) == 1
