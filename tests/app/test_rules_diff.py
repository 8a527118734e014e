"""`rules diff --merchants FILE`, through the real entry point: it names exactly the clients
whose lead or close call changes between two `batch` runs, and speaks both languages.

The goldens (tests/golden/rules-diff.*) render the tiny pack with a small overlay, so a
change to the built-in pack never rewrites them. After an intended change, regenerate
them with

    MERCHANT_CLI_UPDATE_GOLDEN=1 .venv/bin/pytest tests/app/test_rules_diff.py

and review the diff.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA, ROOT, Run

Cli = Callable[..., Run]
TODAY = "2025-06-01"
GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("MERCHANT_CLI_UPDATE_GOLDEN") == "1"
TINY = DATA / "packs" / "base"

NEW_EVIDENCE = """\
observations:
  - id: T01
    platforms: [taobao]
    summary: {en: "Taobao sells shoes.", zh: "淘宝卖鞋。"}
    quote: "淘宝卖鞋"
    source: caijing-2025-01-16
rules:
  # seeding notes weigh more, on firmer evidence
  - id: xhs-notes
    platform: xiaohongshu
    when:
      notes_per_week: {grows: {half: 2}}
    points: 7
    strength: report
    reason: {en: "Seeding notes.", zh: "种草笔记。"}
    evidence: [A16]
  # a new finding
  - id: tb-shoes
    platform: taobao
    when:
      category: {eq: shoes}
    points: 4
    strength: report
    reason: {en: "Taobao sells shoes.", zh: "淘宝卖鞋。"}
    evidence: [T01]
"""


def _merchants(path: Path) -> Path:
    """40 clients across categories, prices and capacities, and one with a bad price."""
    profiles = itertools.product(
        ["womens_apparel", "shoes", "outdoor_sports", "crafts_design", "bags"],
        [24.9, 129, 399],
        [0, 1, 4],
        [0, 3],
        [0, 6],
    )
    rows = [
        [f"c{n:02}", category, price, notes, videos, live]
        for n, (category, price, notes, videos, live) in enumerate(profiles)
        if n % 3 == 0
    ][:40]
    rows.insert(7, ["broken", "shoes", "-5", 1, 1, 1])
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(
            ["id", "category", "price", "notes_per_week", "videos_per_week",
             "live_hours_per_week"]
        )  # fmt: skip
        writer.writerows(rows)
    return path


def _overlay(path: Path, text: str = NEW_EVIDENCE) -> Path:
    path.mkdir()
    (path / "overlay.yaml").write_text(text, encoding="utf-8")
    return path


def _leads(cli: Cli, merchants: Path, *pack: str) -> dict[str, tuple[str, bool]]:
    """Each scored client's (lead, close call), as a `batch` run with `pack`'s options says."""
    run = cli("batch", str(merchants), "--format", "jsonl", "--today", TODAY, "--jobs", "1", *pack)
    assert run.code == 1, run.err  # the broken row
    rows = [json.loads(line) for line in run.out.splitlines()]
    return {
        row["id"]: (row["primary"], row["close_call"]) for row in rows if row["status"] == "scored"
    }


def test_rules_diff_names_exactly_the_clients_two_batch_runs_move(cli: Cli, tmp_path: Path) -> None:
    merchants = _merchants(tmp_path / "clients.csv")
    overlay = _overlay(tmp_path / "new-evidence")
    before = _leads(cli, merchants)
    after = _leads(cli, merchants, "--rules-overlay", str(overlay))
    assert before.keys() == after.keys() and len(before) == 40
    moved = [client for client in before if before[client] != after[client]]
    assert 0 < len(moved) < 40  # the overlay moves some clients, not all
    run = cli(
        "rules", "diff", "--merchants", str(merchants), "--rules-overlay", str(overlay),
        "--today", TODAY, "--format", "json",
    )  # fmt: skip
    assert run.code == 0, run.err
    diff = json.loads(run.out)
    assert [entry["id"] for entry in diff["changed"]] == moved
    assert diff["unchanged"] == 40 - len(moved)
    assert [(r["id"], r["by"]) for r in diff["rejected"]] == [("broken", ["before", "after"])]
    for entry in diff["changed"]:
        client = entry["id"]
        assert (entry["before"]["primary"], entry["before"]["close_call"]) == before[client]
        assert (entry["after"]["primary"], entry["after"]["close_call"]) == after[client]
        assert entry["rules"] and set(entry["rules"]) <= {"xhs-notes", "tb-shoes"}
    assert {e["rule"] for e in diff["rule_changes"]} == {"xhs-notes", "tb-shoes"}


def test_json_is_ids_under_every_language(cli: Cli, tmp_path: Path) -> None:
    merchants = _merchants(tmp_path / "clients.csv")
    overlay = _overlay(tmp_path / "new-evidence")
    words = ["rules", "diff", "--merchants", str(merchants), "--rules-overlay", str(overlay),
             "--today", TODAY, "--format", "json"]  # fmt: skip
    english, chinese = (json.loads(cli(*words, "--lang", lang).out) for lang in ("en", "zh"))
    for found in (english, chinese):
        for entry in found["rejected"]:
            entry.pop("error")
    assert english == chinese
    entry = english["changed"][0]
    assert set(entry) >= {"id", "row", "before", "after", "rules"}
    assert set(entry["before"]) >= {"primary", "close_call", "contenders", "chance_first"}


def _tiny(cli: Cli, tmp_path: Path, *words: str) -> Run:
    """`rules diff` on the tiny pack: Alpha's shoe rule halved, and a live rule for Alpha."""
    merchants = tmp_path / "clients.csv"
    merchants.write_text(
        "id,category,price,live_hours\n"
        "shoes-quiet,shoes,30,0\nshoes-live,shoes,30,2\nbags-live,bags,30,2\n"
        "bags-quiet,bags,30,0\n,shoes,30,5\nbad-price,bags,0,1\n",
        encoding="utf-8",
    )
    overlay = tmp_path / "new-evidence"
    if not overlay.exists():
        _overlay(
            overlay,
            "observations:\n  - {id: B04, platforms: [alpha], summary: {en: x, zh: x}, "
            "quote: 甲, source: src}\n"
            "rules:\n"
            "  - {id: alpha-shoes, platform: alpha, when: {category: {eq: shoes}}, points: 5,"
            " strength: figure, reason: {en: x, zh: x}, evidence: [B01]}\n"
            "  - {id: alpha-live, platform: alpha, when: {live_hours: {gt: 1}}, points: 3,"
            " strength: report, reason: {en: x, zh: x}, evidence: [B04]}\n",
        )
    return cli(
        "rules", "diff", "--merchants", str(merchants), "--rules", str(TINY),
        "--rules-overlay", str(overlay), "--against", str(TINY), "--today", TODAY, *words,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "fmt", "name"),
    [
        ("en", "table", "rules-diff.en.txt"),
        ("zh", "table", "rules-diff.zh.txt"),
        ("en", "markdown", "rules-diff.en.md"),
        ("zh", "markdown", "rules-diff.zh.md"),
    ],
)
def test_table_and_markdown_match_their_goldens(
    cli: Cli, tmp_path: Path, lang: str, fmt: str, name: str
) -> None:
    run = _tiny(cli, tmp_path, "--lang", lang, "--format", fmt)
    assert run.code == 0, run.err
    golden = GOLDEN / name
    if UPDATE:
        golden.write_text(run.out, encoding="utf-8")
    assert run.out == golden.read_text(encoding="utf-8")


def test_exit_code_says_whether_anyone_moved(cli: Cli, tmp_path: Path) -> None:
    assert _tiny(cli, tmp_path, "--exit-code").code == 1
    same = cli(
        "rules", "diff", "--merchants", str(tmp_path / "clients.csv"), "--rules", str(TINY),
        "--against", str(TINY), "--exit-code",
    )  # fmt: skip
    assert same.code == 0, same.err
    assert same.out.startswith("0 of 6 clients change lead or close call (5 unchanged, 1 rejected)")


def test_the_base_takes_its_own_overlays(cli: Cli, tmp_path: Path) -> None:
    """`--rules-overlay` is not applied to the base: `--against-overlay` is."""
    _tiny(cli, tmp_path)
    overlay = str(tmp_path / "new-evidence")
    run = cli(
        "rules", "diff", "--merchants", str(tmp_path / "clients.csv"), "--rules", str(TINY),
        "--against", str(TINY), "--against-overlay", overlay, "--rules-overlay", overlay,
        "--format", "json",
    )  # fmt: skip
    assert json.loads(run.out)["changed"] == []


def test_nothing_to_compare_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    merchants = _merchants(tmp_path / "clients.csv")
    run = cli("rules", "diff", "--merchants", str(merchants))
    assert run.code == 2
    assert "rules diff compares two packs" in run.err
    chinese = cli("rules", "diff", "--merchants", str(merchants), "--lang", "zh")
    assert chinese.code == 2 and "比较两个规则包" in chinese.err


@pytest.mark.parametrize("option", ["--rules-overlay", "--against"])
def test_an_invalid_pack_exits_3(cli: Cli, tmp_path: Path, option: str) -> None:
    merchants = _merchants(tmp_path / "clients.csv")
    broken = _overlay(tmp_path / "broken", "rules:\n  - {id: x, platform: douyin}\n")
    run = cli("rules", "diff", "--merchants", str(merchants), option, str(broken))
    assert run.code == 3
    assert "overlay.yaml:2" in run.err


def test_a_missing_or_unreadable_file_exits_2(cli: Cli, tmp_path: Path) -> None:
    overlay = str(_overlay(tmp_path / "new-evidence"))
    missing = cli("rules", "diff", "--merchants", str(tmp_path / "none.csv"),
                  "--rules-overlay", overlay)  # fmt: skip
    assert missing.code == 2 and "not found" in missing.err
    (tmp_path / "wrong.csv").write_text("id,categry\nx,shoes\n", encoding="utf-8")
    wrong = cli("rules", "diff", "--merchants", str(tmp_path / "wrong.csv"),
                "--rules-overlay", overlay, "--strict-columns")  # fmt: skip
    assert wrong.code == 2 and "categry" in wrong.err


def test_stdin_is_read_once(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both packs score the records of one reading: a pipe can be read only once."""
    text = _merchants(tmp_path / "clients.csv").read_bytes()
    stdin: Any = io.TextIOWrapper(io.BytesIO(text), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    overlay = str(_overlay(tmp_path / "new-evidence"))
    run = cli("rules", "diff", "--merchants", "-", "--input-format", "csv",
              "--rules-overlay", overlay, "--today", TODAY, "--format", "json")  # fmt: skip
    assert run.code == 0, run.err
    found = json.loads(run.out)
    assert found["unchanged"] + len(found["changed"]) == 40
