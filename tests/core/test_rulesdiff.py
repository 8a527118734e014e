"""`core.rulesdiff`: who moves between two packs, and the rules why, on the tiny pack.

The tiny pack (tests/data/packs/base) gives Alpha +10 for shoes and Beta +10 for any
live hours, from 50 each, with a close-call margin of 3: shoes without live lead on
Alpha, shoes with live tie, bags with live lead on Beta, bags without live tie.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from merchant_cli.core.batch import Record, Rejected
from merchant_cli.core.pack import RulePack
from merchant_cli.core.rulesdiff import AFTER, BEFORE, RulesDiff, diff_packs
from merchant_cli.core.said import verbatim
from merchant_cli.packs.loader import load_pack
from tests.conftest import DATA

BASE = DATA / "packs" / "base"
TODAY = dt.date(2025, 6, 1)
CLIENTS = [
    Record(2, "shoes-quiet", {"category": "shoes", "price": "30"}),
    Record(3, "shoes-live", {"category": "shoes", "price": "30", "live_hours": "2"}),
    Record(4, "bags-live", {"category": "bags", "price": "30", "live_hours": "2"}),
    Record(5, "bags-quiet", {"category": "bags", "price": "30"}),
]
SHOES = "{category: {eq: shoes}}"
RULE = "strength: report\n    reason: {{en: x, zh: x}}\n    evidence: [{evidence}]\n"


def _rule(ident: str, platform: str, when: str, points: int, evidence: str = "B01") -> str:
    return (
        f"  - id: {ident}\n    platform: {platform}\n    when: {when}\n    points: {points}\n"
        + "    " + RULE.format(evidence=evidence)
    )  # fmt: skip


def _overlay(tmp_path: Path, text: str) -> RulePack:
    (tmp_path / "overlay.yaml").write_text(text, encoding="utf-8")
    return load_pack(BASE, [tmp_path], cache=False)


def _diff(after: RulePack, records: list[Any] | None = None) -> RulesDiff:
    return diff_packs(CLIENTS if records is None else records, load_pack(BASE), after, today=TODAY)


def test_the_same_pack_moves_nobody() -> None:
    diff = _diff(load_pack(BASE))
    assert (diff.changed, diff.unchanged, diff.rejected, diff.edits) == ((), 4, (), ())
    assert diff.settings == ()


def test_a_lighter_rule_moves_the_tie_it_decided(tmp_path: Path) -> None:
    after = _overlay(tmp_path, "rules:\n" + _rule("alpha-shoes", "alpha", SHOES, 5))
    diff = _diff(after)
    assert [m.id for m in diff.changed] == ["shoes-live"]
    moved = diff.changed[0]
    assert (moved.row, moved.before.close_call, moved.after.close_call) == (3, True, False)
    assert moved.after.primary == "beta" and moved.after.contenders == ()
    assert moved.rules == ("alpha-shoes",)
    shift = moved.shifts[0]
    assert shift.before and shift.after
    assert (shift.before.contribution.points, shift.after.contribution.points) == (10, 5)
    assert shift.moved == 5
    assert diff.unchanged == 3
    (edit,) = diff.edits
    assert (edit.rule, edit.changes, edit.clients) == ("alpha-shoes", ("points",), 1)


def test_an_added_rule_is_named_for_every_client_it_moves(tmp_path: Path) -> None:
    after = _overlay(
        tmp_path,
        "observations:\n  - {id: B04, platforms: [alpha], summary: {en: x, zh: x}, quote: 甲,"
        " source: src}\n"
        "rules:\n" + _rule("alpha-live", "alpha", "{live_hours: {gt: 0}}", 10, "B04"),
    )
    diff = _diff(after)
    assert [m.id for m in diff.changed] == ["shoes-live", "bags-live"]
    assert all(m.rules == ("alpha-live",) for m in diff.changed)
    shoes, bags = diff.changed
    assert (shoes.before.close_call, shoes.after.primary, shoes.after.close_call) == (
        True, "alpha", False,
    )  # fmt: skip
    assert (bags.before.primary, bags.before.close_call, bags.after.close_call) == (
        "beta", False, True,
    )  # fmt: skip
    assert bags.shifts[0].before is None and bags.shifts[0].after is not None
    (edit,) = diff.edits
    assert (edit.changes, edit.clients, edit.before) == (("added",), 2, None)


def test_rules_on_the_platforms_in_question_come_first_then_by_points(tmp_path: Path) -> None:
    """Gamma's rule moves 40 points, on a platform nowhere near the lead: it comes last."""
    after = _overlay(
        tmp_path,
        "platforms:\n  - {id: gamma, name: {en: Gamma, zh: 丙}}\n"
        "observations:\n  - {id: B03, platforms: [gamma], summary: {en: x, zh: x}, quote: 丙,"
        " source: src}\n"
        "rules:\n"
        + _rule("alpha-shoes", "alpha", SHOES, 4)
        + _rule("beta-live", "beta", "{live_hours: {gt: 0}}", 12, "B02")
        + _rule("gamma-live", "gamma", "{live_hours: {gt: 0}}", -40, "B03"),
    )
    moved = next(m for m in _diff(after).changed if m.id == "shoes-live")
    assert moved.rules == ("alpha-shoes", "beta-live", "gamma-live")
    assert [s.moved for s in moved.shifts] == [6, 2, 40]


def test_a_rule_moved_to_another_platform_moves_its_points_twice(tmp_path: Path) -> None:
    after = _overlay(tmp_path, "rules:\n" + _rule("alpha-shoes", "beta", SHOES, 10))
    diff = _diff(after)
    assert [m.id for m in diff.changed] == ["shoes-quiet", "shoes-live"]
    assert diff.changed[0].shifts[0].moved == 20
    assert diff.edits[0].changes == ("platform",)


def test_a_weaker_claim_is_a_change_though_no_point_moves(tmp_path: Path) -> None:
    """Strength sets the chance of ranking first, which names the lead of a tie."""
    rule = _rule("alpha-shoes", "alpha", SHOES, 10)
    diff = _diff(_overlay(tmp_path, "rules:\n" + rule.replace("report", "opinion")))
    assert [m.id for m in diff.changed] == ["shoes-live"]
    moved = diff.changed[0]
    assert (moved.before.primary, moved.after.primary) == ("alpha", "beta")
    assert moved.rules == ("alpha-shoes",) and moved.shifts[0].moved == 0
    assert diff.edits[0].changes == ("strength",)


def test_a_setting_that_sets_leads_is_named(tmp_path: Path) -> None:
    pack = "pack: {name: tiny, version: '0.2', as_of: 2025-01-16, close_call: 15}\n"
    after = _overlay(tmp_path, pack)
    diff = _diff(after)
    assert [m.id for m in diff.changed] == ["shoes-quiet", "bags-live"]
    assert all(m.rules == () and m.after.close_call for m in diff.changed)
    assert diff.settings == ("close_call",) and diff.edits == ()


def test_a_row_only_the_new_pack_rejects_says_so(tmp_path: Path) -> None:
    """A pack that adds a required question rejects the rows that do not answer it."""
    after = _overlay(
        tmp_path,
        "questions:\n  - {id: team, type: integer, label: {en: Team, zh: 团队}, "
        "help: {en: People., zh: 人数。}, min: 0}\n",
    )
    diff = _diff(after)
    assert diff.changed == () and diff.unchanged == 0
    assert [(r.id, r.by) for r in diff.rejected] == [(c.id, (AFTER,)) for c in CLIENTS]
    assert diff.rejected[0].reason.key == "batch.missing"


def test_an_answer_only_the_new_pack_asks_is_left_aside_for_the_base(tmp_path: Path) -> None:
    after = _overlay(
        tmp_path,
        "questions:\n  - {id: team, type: integer, label: {en: Team, zh: 团队}, "
        "help: {en: People., zh: 人数。}, min: 0}\n",
    )
    answered = [c._replace(answers={**c.answers, "team": "3"}) for c in CLIENTS]
    diff = _diff(after, answered)
    assert (diff.changed, diff.unchanged, diff.rejected) == ((), 4, ())


def test_a_bad_row_is_rejected_by_both_and_the_rest_go_on() -> None:
    records = [
        Rejected(2, "broken", verbatim("bad CSV")),
        Record(3, "bad-price", {"category": "shoes", "price": "-1"}),
        *CLIENTS[1:],
    ]
    diff = _diff(load_pack(BASE), records)
    assert [(r.row, r.id, r.by) for r in diff.rejected] == [
        (2, "broken", (BEFORE, AFTER)),
        (3, "bad-price", (BEFORE, AFTER)),
    ]
    assert diff.unchanged == 3
