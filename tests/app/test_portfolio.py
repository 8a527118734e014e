"""`merchant-cli portfolio FILE` through the real entry point: batch's leads and close calls
row by row, exit codes, `--reports DIR` with `evaluate`'s own report per client."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from merchant_cli.core.batch import Record, Scored, score_records
from merchant_cli.core.pack import RulePack
from tests.conftest import Run

Cli = Callable[..., Run]
TODAY = "2026-03-01"
COLUMNS = ["id", "category", "price", "notes_per_week", "videos_per_week",
           "live_hours_per_week", "merchant_type", "goal"]  # fmt: skip
ROWS = [
    ["shoe-1", "shoes", "24.9", "0", "2", "40", "cluster_factory", "volume"],
    ["studio", "crafts_design", "299", "6", "1", "0", "boutique", "seeding"],
    ["brand", "womens_apparel", "129", "2", "3", "6", "brand", "volume"],
    ["bad", "shoes", "-5", "0", "2", "40", "cluster_factory", "volume"],
    ["../x", "bags", "59", "2", "0", "3", "brand", "not_specified"],
    ["鞋厂", "shoes", "39", "1", "1", "10", "cluster_factory", "volume"],
    ["", "kids_apparel", "89", "3", "3", "3", "brand", "volume"],
    ["CON", "bags", "59", "2", "0", "3", "brand", "not_specified"],
]
"""Eight clients: a rejected one, a close call or more, thin evidence, ids that are no file
names (`../x`, `CON`, none), a Chinese one."""


def merchants_csv(tmp_path: Path, rows: list[list[str]] = ROWS) -> Path:
    path = tmp_path / "merchants.csv"
    lines = [",".join(COLUMNS), *(",".join(row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def portfolio_json(cli: Cli, source: Path, *extra: str) -> dict[str, Any]:
    result = cli("portfolio", str(source), "--format", "json", "--today", TODAY, *extra)
    assert result.code in (0, 1), result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


def test_json_agrees_with_batch_row_by_row(cli: Cli, tmp_path: Path, pack: RulePack) -> None:
    source = merchants_csv(tmp_path)
    data = portfolio_json(cli, source)
    batch = cli("batch", str(source), "--today", TODAY, "--jobs", "1")
    assert batch.code == 1
    batch_rows = {row["row"]: row for row in map(json.loads, batch.out.splitlines())}
    records = [
        Record(number, row[0] or None, dict(zip(COLUMNS[1:], row[1:], strict=True)))
        for number, row in enumerate(ROWS, start=2)
    ]
    outcomes = list(score_records(pack, records, today=dt.date.fromisoformat(TODAY)))
    clients = data["clients"]
    assert [c["row"] for c in clients] == [o.row for o in outcomes] == list(range(2, 10))
    for client, outcome in zip(clients, outcomes, strict=True):
        row = batch_rows[client["row"]]
        assert client["status"] == row["status"] and client["id"] == row.get("id")
        if not isinstance(outcome, Scored):
            assert client["status"] == "rejected"
            continue
        assert client["primary"] == outcome.decision.primary
        assert client["close_call"] == outcome.decision.close_call
        assert client["contenders"] == list(outcome.decision.contenders)
        assert client["decided_by"] == outcome.decision.decided_by
        assert client["chance_first"] == outcome.decision.chance_first
        assert (client["primary"], client["close_call"]) == (row["primary"], row["close_call"])
    scored = [c for c in clients if c["status"] == "scored"]
    assert len(scored) == sum(row["status"] == "scored" for row in batch_rows.values())
    assert sum(data["leads"].values()) == len(scored) and len(clients) == len(batch_rows)
    for platform, count in data["leads"].items():
        assert count == sum(c["primary"] == platform for c in scored)
    keys = [c["id"] if c["id"] is not None else c["row"] for c in scored if c["close_call"]]
    assert data["close_calls"] == keys and keys


def test_json_is_ids_under_every_language(cli: Cli, tmp_path: Path) -> None:
    source = merchants_csv(tmp_path)
    english, chinese = portfolio_json(cli, source), portfolio_json(cli, source, "--lang", "zh")
    assert "不能" in chinese["rejected"][0]["error"] or "必须" in chinese["rejected"][0]["error"]
    for data in (english, chinese):
        data["rejected"][0]["error"] = data["clients"][3]["error"] = None
    assert english == chinese


def test_json_lists_thin_evidence_levers_and_rejected_rows(cli: Cli, tmp_path: Path) -> None:
    data = portfolio_json(cli, merchants_csv(tmp_path))
    assert data["counts"] == {"clients": 8, "scored": 7, "rejected": 1,
                              "close_calls": len(data["close_calls"]),
                              "unseparated": 0, "thin": len(data["thin"])}  # fmt: skip
    assert "studio" in data["thin"]
    studio = data["clients"][1]
    assert studio["thin"] and studio["thin_reasons"] == ["thin-evidence"]
    assert studio["silent"] == ["category"]
    assert data["rejected"] == [
        {"row": 5, "id": "bad", "error": "price: must be greater than 0, got -5"}
    ]
    counts = [lever["clients"] for lever in data["levers"]]
    assert counts == sorted(counts, reverse=True) and counts
    for lever in data["levers"]:
        having = [c for c in data["clients"] if any(x["changes"] == lever["changes"]
                                                    for x in c["levers"])]  # fmt: skip
        assert len(having) >= lever["clients"] == len(lever["ids"])


def test_exit_codes(cli: Cli, tmp_path: Path) -> None:
    good = merchants_csv(tmp_path, [row for row in ROWS if row[0] != "bad"])
    assert cli("portfolio", str(good), "--today", TODAY).code == 0
    result = cli("portfolio", str(merchants_csv(tmp_path)), "--today", TODAY)
    assert result.code == 1 and "7 scored, 1 rejected" in result.err
    assert cli("portfolio", str(tmp_path / "missing.csv")).code == 2
    assert cli("portfolio", str(good), "--format", "pdf").code == 2
    assert cli("portfolio", str(good), "--today", "March").code == 2
    assert cli("portfolio", str(good), "--reports-format", "table").code == 2
    assert cli("portfolio", str(good), "-o", str(tmp_path / "out.csv")).code == 2
    unknown = tmp_path / "m.txt"
    unknown.write_text("x\n", encoding="utf-8")
    assert cli("portfolio", str(unknown)).code == 2


def test_the_table_is_in_the_run_s_language(cli: Cli, tmp_path: Path) -> None:
    source = merchants_csv(tmp_path)
    english = cli("portfolio", str(source), "--today", TODAY)
    chinese = cli("portfolio", str(source), "--today", TODAY, "--lang", "zh")
    assert "Leads" in english.out and "Close calls" in english.out
    assert "主攻平台分布" in chinese.out and "势均力敌" in chinese.out
    assert "客户组合：7 个已评分，1 个被拒" in chinese.err
    assert "Chance first" not in english.out  # the per-client table is --detail full's
    assert "Chance first" in cli("portfolio", str(source), "--detail", "full").out


def test_output_takes_its_format_from_the_extension(cli: Cli, tmp_path: Path) -> None:
    source = merchants_csv(tmp_path)
    page = tmp_path / "portfolio.html"
    assert cli("portfolio", str(source), "-o", str(page)).code == 1
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    again = cli("portfolio", str(source), "-o", str(page))
    assert again.code == 2 and "already exists" in again.err
    assert cli("portfolio", str(source), "-o", str(page), "--force").code == 1


def _links(index: str) -> list[str]:
    return [unquote(href) for href in re.findall(r'<a href="([^"]+)"', index)]


def test_reports_are_evaluate_s_report_for_each_scored_client(
    cli: Cli, tmp_path: Path
) -> None:
    source, reports = merchants_csv(tmp_path), tmp_path / "reports"
    result = cli("portfolio", str(source), "--today", TODAY, "--reports", str(reports))
    assert result.code == 1, result.err
    assert "7 reports and index.html written" in result.err
    files = sorted(path.name for path in reports.iterdir())
    assert files == sorted(["shoe-1.html", "studio.html", "brand.html", "x.html", "鞋厂.html",
                            "row8.html", "CON-row9.html", "index.html"])  # fmt: skip
    index = (reports / "index.html").read_text(encoding="utf-8")
    links = _links(index)
    assert sorted(links) == sorted(name for name in files if name != "index.html")
    assert "7 scored, 1 rejected" in index and "Leads" in index
    by_file = dict(zip(links, [r for r in ROWS if r[0] != "bad"], strict=True))
    for name, row in by_file.items():
        answers = [f"--answer={k}={v}" for k, v in zip(COLUMNS[1:], row[1:], strict=True)]
        single = tmp_path / f"single-{len(answers)}-{row[0].replace('/', '_') or 'none'}.html"
        made = cli("evaluate", *answers, "--no-input", "--today", TODAY, "-o", str(single))
        assert made.code == 0, made.err
        assert (reports / name).read_bytes() == single.read_bytes(), name


def test_reports_refuse_a_directory_that_is_not_empty(cli: Cli, tmp_path: Path) -> None:
    source, reports = merchants_csv(tmp_path), tmp_path / "reports"
    reports.mkdir()
    (reports / "notes.txt").write_text("mine", encoding="utf-8")
    refused = cli("portfolio", str(source), "--reports", str(reports))
    assert refused.code == 2 and "is not empty" in refused.err and "--force" in refused.err
    assert sorted(p.name for p in reports.iterdir()) == ["notes.txt"]
    forced = cli("portfolio", str(source), "--reports", str(reports), "--force")
    assert forced.code == 1 and (reports / "index.html").is_file()
    assert (reports / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert cli("portfolio", str(source), "--reports", str(source)).code == 2


@pytest.mark.parametrize(("fmt", "index"), [("markdown", "index.md"), ("json", "index.json")])
def test_reports_in_another_format(cli: Cli, tmp_path: Path, fmt: str, index: str) -> None:
    source, reports = merchants_csv(tmp_path), tmp_path / "reports"
    result = cli("portfolio", str(source), "--reports", str(reports), "--reports-format", fmt)
    assert result.code == 1, result.err
    extension = Path(index).suffix
    assert len(list(reports.glob(f"*{extension}"))) == 8
    text = (reports / index).read_text(encoding="utf-8")
    if fmt == "json":
        linked = [c["report"] for c in json.loads(text)["clients"] if c["report"]]
        assert json.loads((reports / linked[0]).read_text(encoding="utf-8"))["ranking"]
    else:
        linked = [unquote(href) for href in re.findall(r"\]\(<([^>]+)>\)", text)]
    assert len(linked) == 7 and all((reports / name).is_file() for name in linked)


def test_input_texts_are_escaped_in_every_format(cli: Cli, tmp_path: Path) -> None:
    rows = [["<b>x</b>", "shoes", "24.9", "0", "2", "40", "cluster_factory", "volume"],
            ["=cmd|x", "bags", "59", "2", "0", "3", "brand", "not_specified"]]  # fmt: skip
    source, reports = merchants_csv(tmp_path, rows), tmp_path / "reports"
    assert cli("portfolio", str(source), "--reports", str(reports)).code == 0
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert "<b>" not in index and "&lt;b&gt;x&lt;/b&gt;" in index
    markdown = cli("portfolio", str(source), "--format", "markdown").out
    assert "<b>" not in markdown and "=cmd\\|x" in markdown


def test_the_table_shows_control_characters_of_an_id_escaped(cli: Cli, tmp_path: Path) -> None:
    rows = [['"a\x1b]0;x\x07\nb"', "bags", "59", "2", "0", "3", "brand", "not_specified"]]
    source = merchants_csv(tmp_path, rows)
    for detail in ("short", "full"):
        out = cli("portfolio", str(source), "--detail", detail).out
        assert "\x1b" not in out and "\x07" not in out
        assert "a\\x1b]0;x\\x07\\nb" in out
