"""Issue 18's acceptance, as the consultant with 40 clients would run it: her file as Excel
and WPS on Chinese Windows write it (GBK CSV, UTF-8 CSV with a BOM, a workbook), with
Chinese headers and values, a `备注` column, a blank row and two bad cells."""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from merchant_cli.core.pack import RulePack
from tests.conftest import Run

Cli = Callable[..., Run]
HEADER = [
    "编号", "类目", "价格", "每周图文笔记数", "每周短视频数", "每周直播时长", "商家类型",
    "主要目标", "备注",
]  # fmt: skip
BAD = {7: ("价格", "很便宜"), 23: ("类目", "帽子")}
"""Client number -> the column and cell that make its row bad."""
BLANK_AFTER = 10
HEADER_LINE = ",".join(HEADER)


def clients(pack: RulePack) -> list[list[Any]]:
    """40 clients, their choices by their Chinese labels, two with a bad cell."""
    labels = {
        name: [c.label.zh for c in pack.question_by_id[name].choices or ()]
        for name in ("category", "merchant_type", "goal")
    }
    rng = random.Random(18)
    rows: list[list[Any]] = []
    for number in range(1, 41):
        row: list[Any] = [
            f"客户{number:02d}",
            rng.choice(labels["category"]),
            round(rng.uniform(10, 800), 1),
            rng.randint(0, 10),
            rng.randint(0, 10),
            rng.choice([0, 2, 10, 40]),
            rng.choice(labels["merchant_type"]),
            rng.choice(labels["goal"]),
            rng.choice(["", "老客户", "需回访"]),
        ]
        if number in BAD:
            column, cell = BAD[number]
            row[HEADER.index(column)] = cell
        rows.append(row)
    return rows


def write_csv(path: Path, rows: list[list[Any]], encoding: str) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # as Excel writes it
    writer.writerow(HEADER)
    for number, row in enumerate(rows, start=1):
        writer.writerow(row)
        if number == BLANK_AFTER:
            writer.writerow([""] * len(HEADER))
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "客户"
    sheet.append(HEADER)
    for number, row in enumerate(rows, start=1):
        sheet.append(row)
        if number == BLANK_AFTER:
            sheet.append([None] * len(HEADER))
    book.save(path)
    return path


@pytest.fixture(params=["gbk", "utf-8-sig", "xlsx"])
def clients_file(request: pytest.FixtureRequest, tmp_path: Path, pack: RulePack) -> Path:
    rows = clients(pack)
    if request.param == "xlsx":
        return write_xlsx(tmp_path / "客户.xlsx", rows)
    return write_csv(tmp_path / "客户.csv", rows, request.param)


def test_forty_clients_give_forty_rows(cli: Cli, clients_file: Path, pack: RulePack) -> None:
    result = cli("batch", str(clients_file), "--format", "jsonl")
    assert result.code == 1, result.err
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert [row["id"] for row in rows] == [f"客户{n:02d}" for n in range(1, 41)]
    rejected = [row["id"] for row in rows if row["status"] == "rejected"]
    assert rejected == [f"客户{n:02d}" for n in sorted(BAD)]
    given = clients(pack)
    for row, client in zip(rows, given, strict=True):
        carried = row["extra"] if row["status"] == "scored" else row["cells"]
        assert carried.get("备注", "") == client[-1]
    assert "备注" in result.err  # named once on stderr, never an error
    assert result.err.count("备注") == 1


def test_forty_clients_in_a_chinese_workbook(cli: Cli, clients_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "结果.xlsx"
    result = cli("batch", str(clients_file), "-o", str(target), "--lang", "zh")
    assert result.code == 1, result.err
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "编号" and "备注" in rows[0] and len(rows) == 41
    statuses = [row[1] for row in rows[1:]]
    assert statuses.count("被拒") == 2 and statuses.count("已评分") == 38


def test_a_bom_for_excel(cli: Cli, clients_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "结果.csv"
    cli("batch", str(clients_file), "-o", str(target), "--encoding", "utf-8-sig", "--lang", "zh")
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 41 and rows[0][-1] == "备注"


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_title_above_the_table_is_passed_over(
    cli: Cli, tmp_path: Path, pack: RulePack, kind: str
) -> None:
    """Advisers' sheets often start with a title and a blank row above the header."""
    rows = clients(pack)[:3]
    title = ["2025年客户清单", *[""] * (len(HEADER) - 1)]
    blank = [""] * len(HEADER)
    if kind == "xlsx":
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        for row in ([title[0]], [], HEADER, *rows):
            sheet.append(row)
        path = tmp_path / "客户.xlsx"
        book.save(path)
    else:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows([title, blank, HEADER, *rows])
        path = tmp_path / "客户.csv"
        path.write_bytes(buffer.getvalue().encode("gbk"))
    result = cli("batch", str(path))
    assert result.code == 0, result.err
    out = [json.loads(line) for line in result.out.splitlines()]
    assert [(row["row"], row["id"]) for row in out] == [(4, "客户01"), (5, "客户02"), (6, "客户03")]


def test_a_header_of_unknown_columns_is_still_a_header(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("foo,bar\n1,2\n", encoding="utf-8")
    result = cli("batch", str(path), "--strict-columns")
    assert result.code == 2 and "unknown column 'foo'" in result.err
    titled = tmp_path / "t.csv"
    titled.write_text("客户清单\n" + HEADER_LINE + "\n", encoding="utf-8")
    assert cli("batch", str(titled), "--strict-columns").code == 2  # 备注 is not a question
    assert "'备注'" in cli("batch", str(titled), "--strict-columns").err
