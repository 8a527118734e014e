"""What `batch` writes: one row per input row with its status, the lead as `evaluate` gives
it, CSV and XLSX for people (the `--lang` language, Excel's encodings, no formulas)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from merchant_cli.app.batch.writers import Percent, Table
from merchant_cli.app.commands import batch as batch_command
from merchant_cli.core.batch import BatchScorer, Record, Rejected, Scored
from merchant_cli.core.pack import RulePack
from tests.conftest import Run

Cli = Callable[..., Run]
HEADER = "id,category,price,notes_per_week,videos_per_week,live_hours_per_week"
ROWS = [
    "shoe-factory,shoes,24.9,0,2,40",
    "bad-price,shoes,cheap,0,2,40",
    "beauty,beauty,150,8,3,0",
    '"=HYPERLINK(""http://x"",""c"")",crafts_design,300,5,0,0',
]


def merchants(tmp_path: Path, rows: list[str] = ROWS) -> Path:
    path = tmp_path / "m.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def lead_of(cli: Cli, answers: dict[str, str]) -> dict[str, Any]:
    flags = [word for key, value in answers.items() for word in ("--answer", f"{key}={value}")]
    result = cli("evaluate", *flags, "--no-input", "--format", "json")
    assert result.code == 0, result.err
    found: dict[str, Any] = json.loads(result.out)
    return found


def test_every_row_in_order_with_the_lead_evaluate_gives(cli: Cli, tmp_path: Path) -> None:
    result = cli("batch", str(merchants(tmp_path)))
    assert result.code == 1
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert [row["row"] for row in rows] == [2, 3, 4, 5]
    assert [row["status"] for row in rows] == ["scored", "rejected", "scored", "scored"]
    assert rows[1]["error"] == "column price: expected a number, got 'cheap'"
    assert rows[1]["cells"]["price"] == "cheap" and "ranking" not in rows[1]
    for row, line in zip(rows, ROWS, strict=True):
        if row["status"] == "rejected":
            continue
        assert row["error"] is None
        answers = dict(zip(HEADER.split(",")[1:], next(csv.reader([line]))[1:], strict=True))
        report = lead_of(cli, answers)
        recommendation = report["recommendation"]
        assert row["primary"] == recommendation["primary"]
        assert row["close_call"] == recommendation["close_call"]
        assert row["contenders"] == recommendation["contenders"]
        assert row["decided_by"] == recommendation["decided_by"]
        assert row["chance_first"] == report["confidence"]["first"][row["primary"]]
        assert row["top"] == report["ranking"][0]["platform"]


def test_json_lines_stay_ids_under_chinese(cli: Cli, tmp_path: Path) -> None:
    english = cli("batch", str(merchants(tmp_path)))
    chinese = cli("batch", str(merchants(tmp_path)), "--lang", "zh")
    for en, zh in zip(english.out.splitlines(), chinese.out.splitlines(), strict=True):
        en_row, zh_row = json.loads(en), json.loads(zh)
        for row in (en_row, zh_row):
            row.pop("error")
        assert en_row == zh_row


def test_csv_for_people_in_chinese(cli: Cli, tmp_path: Path) -> None:
    result = cli("batch", str(merchants(tmp_path)), "--format", "csv", "--lang", "zh")
    rows = list(csv.reader(io.StringIO(result.out)))
    assert rows[0][:9] == [
        "编号", "状态", "问题", "首选平台", "适配度", "难分高下", "不相上下的平台",
        "首选居首概率", "首选依据",
    ]  # fmt: skip
    assert rows[0][9:12] == ["小红书", "抖音", "淘宝"] and "主营类目" in rows[0]
    statuses = [row[1] for row in rows[1:]]
    assert statuses == ["已评分", "被拒", "已评分", "已评分"]
    assert rows[1][3] in ("小红书", "抖音", "淘宝") and rows[1][5] in ("是", "否")
    assert rows[1][7].endswith("%")
    assert "price" in rows[2][2] and "应为数字" in rows[2][2]
    assert rows[2][rows[0].index("主要售价")] == "cheap"
    assert rows[4][0].startswith("'=")  # a formula from the input is written as text


def test_explain_adds_a_column_to_csv(cli: Cli, tmp_path: Path) -> None:
    result = cli("batch", str(merchants(tmp_path)), "--format", "csv", "--explain")
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert "contributions" in rows[0] and "+" in rows[0]["contributions"]
    assert rows[1]["contributions"] == ""


@pytest.mark.parametrize(
    ("encoding", "start"), [("utf-8-sig", b"\xef\xbb\xbf"), ("gb18030", "编号".encode("gb18030"))]
)
def test_csv_in_excel_encodings(cli: Cli, tmp_path: Path, encoding: str, start: bytes) -> None:
    target = tmp_path / "out.csv"
    result = cli(
        "batch", str(merchants(tmp_path)), "-o", str(target), "--encoding", encoding, "--lang", "zh"
    )
    assert result.code == 1, result.err
    assert target.read_bytes().startswith(start)
    assert target.read_text(encoding=encoding).splitlines()[2].split(",")[1] == "被拒"


def test_xlsx_opens_in_openpyxl_in_chinese(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    result = cli("batch", str(merchants(tmp_path)), "-o", str(target), "--lang", "zh")
    assert result.code == 1, result.err
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:3] == ["编号", "状态", "问题"] and len(rows) == 1 + len(ROWS)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:T{1 + len(ROWS)}"
    formula = sheet.cell(row=5, column=1)
    assert formula.data_type == "s" and formula.value == '=HYPERLINK("http://x","c")'
    assert isinstance(rows[1][7], float) and sheet.cell(row=2, column=8).number_format == "0%"
    assert rows[2][1] == "被拒" and rows[2][3] is None
    assert all(sheet.column_dimensions[c].width >= 6 for c in "ABC")


def test_xlsx_needs_a_file(cli: Cli, tmp_path: Path) -> None:
    result = cli("batch", str(merchants(tmp_path)), "--format", "xlsx")
    assert result.code == 2 and "--output" in result.err


def test_xlsx_is_the_same_for_any_number_of_jobs(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch_command, "CHUNK_ROWS", 2)
    source = merchants(tmp_path, ROWS * 3)
    found = []
    for jobs in ("1", "3"):
        target = tmp_path / f"out{jobs}.xlsx"
        assert cli("batch", str(source), "-o", str(target), "--jobs", jobs).code == 1
        sheet = openpyxl.load_workbook(target).active
        assert sheet is not None
        found.append([[cell.value for cell in row] for row in sheet.iter_rows()])
    assert found[0] == found[1] and len(found[0]) == 1 + 3 * len(ROWS)


def test_a_table_row_carries_extra_columns(pack: RulePack) -> None:
    table = Table(pack, "en", extras=["备注", "name"])
    scorer = BatchScorer(pack)
    answers = {"category": "shoes", "price": "24.9", "notes_per_week": "0",
               "videos_per_week": "2", "live_hours_per_week": "40"}  # fmt: skip
    scored = scorer.score(Record(2, "a", answers, {"备注": "VIP", "name": "Li"}))
    assert isinstance(scored, Scored)
    row = table.row(scored, answers)
    assert row[-2:] == ["VIP", "Li"] and table.header()[-2:] == ["备注", "name"]
    assert isinstance(row[7], Percent) and str(Percent(0.625)) == "62%"
    rejected = Rejected(3, None, _reason(), {"price": "x", "备注": "new"})
    assert table.row(rejected, {})[0] == 3 and table.row(rejected, {})[-2:] == ["new", ""]


def _reason() -> Any:
    from merchant_cli.core.said import say

    return say("batch.missing", ids="price")
