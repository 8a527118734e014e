"""Batch input as Excel and WPS write it: GBK and BOM CSV, workbooks, Chinese headers and
values, extra columns, blank rows. Every file is built here, in code."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from merchant_cli.app.batch.readers import (
    SAMPLE_BYTES,
    Columns,
    Lines,
    column_letter,
    csv_records,
    read_header,
)
from merchant_cli.app.batch.sheets import _text
from merchant_cli.core.batch import Record, Rejected
from merchant_cli.core.errors import UsageError
from merchant_cli.core.pack import RulePack
from merchant_cli.reporters.messages import worded
from tests.conftest import Run

Cli = Callable[..., Run]

PLAIN = [
    "id,category,price,notes_per_week,videos_per_week,live_hours_per_week,merchant_type",
    "c1,shoes,24.9,0,2,40,cluster_factory",
    "c2,womens_apparel,129,3,2,6,brand",
]
CHINESE = [
    "编号,类目,价格,每周图文笔记数,短视频,直播时长,商家类型,备注,",
    "c1,鞋类,24.9,0,2,40,产业带工厂,老客户 €,",
    ",,,,,,,,",
    "c2,女装,129,3,2,6,品牌商家,,",
]
"""The same two merchants as PLAIN, as an adviser's sheet has them: Chinese headers and
values, a `备注` column (with a character GBK lacks only in GB18030's, `€`), a blank row
and the empty column Excel leaves."""


def rows_of(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def scored(cli: Cli, path: Path, *flags: str) -> Run:
    result = cli("batch", str(path), *flags)
    assert result.code == 0, result.err
    return result


@pytest.fixture
def plain(cli: Cli, tmp_path: Path) -> list[dict[str, Any]]:
    path = tmp_path / "plain.csv"
    path.write_text("\n".join(PLAIN) + "\n", encoding="utf-8")
    rows = rows_of(scored(cli, path).out)
    return [{k: v for k, v in row.items() if k != "extra"} for row in rows]


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig", "utf-8"])
def test_excel_csv_in_each_encoding_scores_as_plain_csv(
    cli: Cli, tmp_path: Path, plain: list[dict[str, Any]], encoding: str
) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes(("\r\n".join(CHINESE) + "\r\n").encode(encoding))
    result = scored(cli, path)
    rows = rows_of(result.out)
    assert [row["row"] for row in rows] == [2, 4]  # the blank row 3: skipped, not rejected
    assert [{k: v for k, v in row.items() if k != "extra"} for row in rows] == [
        {**p, "row": r} for p, r in zip(plain, [2, 4], strict=True)
    ]
    notices = result.err.splitlines()
    assert notices[0] == f"{path}: column(s) '备注' are not questions, carried through unchanged"
    assert notices[1] == f"{path}: column(s) I have no header and are not read"
    assert notices[2] == "batch: 2 scored, 0 rejected"


def test_gbk_is_gb18030_and_may_be_forced(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "gbk.csv"
    text = "\n".join(CHINESE).replace(" €", "") + "\n"
    path.write_bytes(text.encode("gbk"))
    detected = scored(cli, path)
    assert scored(cli, path, "--input-encoding", "gbk").out == detected.out
    refused = cli("batch", str(path), "--input-encoding", "utf-8", "--lang", "zh")
    assert refused.code == 2
    assert f"{path}:1：不是 UTF-8 编码的文本" in refused.err
    assert "--input-encoding" in refused.err


def test_a_later_line_in_another_encoding_is_named_with_the_way_out(
    cli: Cli, tmp_path: Path
) -> None:
    """The encoding is chosen from the first SAMPLE_BYTES from the first line that is not
    ASCII; a line past them in another encoding fails naming its line."""
    filler = ["x,鞋类,24.9,0,2,40,cluster_factory"] * (SAMPLE_BYTES // 30 + 10)
    lines = [PLAIN[0], *filler]
    bad = len(lines) + 1
    path = tmp_path / "mixed.csv"
    data = ("\n".join(lines) + "\n").encode("utf-8") + "y,鞋类,1,0,2,40,brand\n".encode("gbk")
    path.write_bytes(data)
    result = cli("batch", str(path))
    assert result.code == 2
    assert f"{path}:{bad}: is not UTF-8 text" in result.err
    assert "--input-encoding utf-8|gb18030" in result.err


def test_text_in_no_known_encoding_and_utf16_are_refused_with_a_hint(
    cli: Cli, tmp_path: Path
) -> None:
    neither = tmp_path / "a.csv"
    neither.write_bytes(b"category,price\n\xff\xfe\xfa,1\n")
    result = cli("batch", str(neither))
    assert result.code == 2
    assert f"{neither}:2: is neither UTF-8 nor GB18030/GBK text" in result.err
    assert 'save it from Excel or WPS as "CSV UTF-8"' in result.err
    utf16 = tmp_path / "b.csv"
    utf16.write_bytes("category\tprice\n".encode("utf-16"))
    result = cli("batch", str(utf16), "--lang", "zh")
    assert (result.code, "UTF-16" in result.err) == (2, True)


def test_lines_count_bytes_and_drop_a_bom(tmp_path: Path) -> None:
    import io

    raw = "\ufeffa,b\r\n鞋类,2\r\n".encode()
    lines = Lines(io.BytesIO(raw), "m.csv")
    assert list(lines) == ["a,b\r\n", "鞋类,2\r\n"]
    assert (lines.bytes_read, lines.lines_read, lines.encoding) == (len(raw), 2, "utf-8-sig")


def workbook(path: Path, rows: list[list[Any]], *, sheet: str = "客户", first: str = "") -> Path:
    book = openpyxl.Workbook()
    front = book.active
    assert front is not None
    if first:
        front.title = first
        front.append(["说明"])
        front = book.create_sheet(sheet)
    else:
        front.title = sheet
    for row in rows:
        front.append(row)
    book.save(path)
    return path


SHEET: list[list[Any]] = [
    ["ID", "类目", "价格（元）", "Notes", "短视频", "直播时长", "商家类型", "备注", None],
    [1.0, "鞋类", 24.9, 0, 2, 40, "产业带工厂", "老客户", None],
    [None] * 9,
    ["c2", "Women's Apparel", 129, 3, 2, 6, "ＢＲＡＮＤ", None, None],
    [3, "鞋类", "cheap", 0, 2, 40, None, "x", None],
]


def test_a_workbook_is_read_with_its_sheet_headers_and_values(cli: Cli, tmp_path: Path) -> None:
    path = workbook(tmp_path / "clients.xlsx", SHEET, first="说明")
    result = cli("batch", str(path), "--sheet", "客户")
    assert result.code == 1
    rows = rows_of(result.out)
    assert [(row["row"], row["id"]) for row in rows] == [(2, "1"), (4, "c2"), (5, "3")]  # not 1.0
    assert [row["status"] for row in rows] == ["scored", "scored", "rejected"]
    assert f"{path}:5: [3] column 价格（元）: expected a number, got 'cheap'" in result.err
    assert result.err.count("备注") == 1  # named once, whatever the number of rows
    again = cli("batch", str(path), "--sheet", "客户", "--input-format", "xlsx", "-j", "2")
    assert again.out == result.out


def test_an_unknown_sheet_lists_the_sheets(cli: Cli, tmp_path: Path) -> None:
    path = workbook(tmp_path / "clients.xlsx", SHEET, first="说明")
    result = cli("batch", str(path), "--sheet", "clients", "--lang", "zh")
    assert result.code == 2
    assert "没有名为 'clients' 的工作表；现有工作表：'说明', '客户'" in result.err
    first = cli("batch", str(path))  # the first sheet: a note, no merchant
    assert first.code == 0 and first.out == ""
    csv_sheet = cli("batch", str(tmp_path / "clients.xlsx"), "--input-format", "csv")
    assert csv_sheet.code == 2
    not_a_book = tmp_path / "m.csv"
    not_a_book.write_text("\n".join(PLAIN), encoding="utf-8")
    assert "--sheet" in cli("batch", str(not_a_book), "--sheet", "x").err


def test_a_long_sheet_is_chunked_in_order(cli: Cli, tmp_path: Path) -> None:
    """More rows than a chunk holds (CHUNK_ROWS), on two workers: the same rows in order."""
    body: list[list[Any]] = [
        [f"m{n}", "shoes", 20 + n % 90, n % 5, 2, n % 50, "brand"] for n in range(4_500)
    ]
    path = workbook(tmp_path / "long.xlsx", [PLAIN[0].split(","), *body])
    one = scored(cli, path, "-j", "1")
    two = scored(cli, path, "-j", "2")
    assert one.out == two.out
    assert [row["id"] for row in rows_of(one.out)] == [f"m{n}" for n in range(4_500)]


@pytest.mark.parametrize(
    ("cell", "text"),
    [(1.0, "1"), (24.9, "24.9"), (1e20, "100000000000000000000"), ("", ""), (True, "TRUE")],
)
def test_cells_read_as_typed(cell: Any, text: str) -> None:
    assert _text(cell) == text


def test_a_date_cell_reads_as_its_day() -> None:
    import datetime as dt

    assert _text(dt.datetime(2025, 1, 16)) == "2025-01-16"
    assert _text(dt.date(2025, 1, 16)) == "2025-01-16"


def test_strict_columns_refuses_what_is_otherwise_carried(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("\n".join(CHINESE[:2]) + "\n", encoding="utf-8")
    result = cli("batch", str(path), "--strict-columns")
    assert result.code == 2
    assert f"{path}:1: unknown column '备注'" in result.err


def test_two_columns_naming_one_question_fail(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("price,价格\n1,2\n", encoding="utf-8")
    result = cli("batch", str(path))
    assert result.code == 2
    assert f"{path}:1: columns 'price' and '价格' both name price" in result.err


def test_a_near_miss_is_carried_and_named_with_a_suggestion(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("category,prise\nshoes,20\n", encoding="utf-8")
    result = cli("batch", str(path))
    assert result.code == 1
    assert "column(s) 'prise' are not questions, carried through unchanged; did you mean " in (
        result.err
    )


def header(pack: RulePack, *cells: str) -> Columns:
    return read_header(list(cells), pack.question_by_id, "m.csv").columns


def test_headers_by_id_label_alias_and_unit(pack: RulePack) -> None:
    columns = header(pack, " ID ", "Main Product Category", "ＰＲＩＣＥ（元）", "直播 时长", "备注")
    assert columns.keys == ("id", "category", "price", "live_hours_per_week", "备注")
    assert columns.extras == ("备注",)
    assert columns.written_by_question()["price"] == "ＰＲＩＣＥ（元）"


def test_repeated_and_blank_extra_columns(pack: RulePack) -> None:
    read = read_header(["备注", "price", "备注", "", "备注"], pack.question_by_id, "m.csv")
    assert read.columns.keys == ("备注", "price", "备注.1", "", "备注.2")
    assert read.blank == ("D",)
    assert [column_letter(n) for n in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


def test_records_carry_extras_skip_blank_rows_and_keep_a_bad_rows_cells(pack: RulePack) -> None:
    columns = header(pack, "id", "category", "price", "备注", "")
    rows = [["a", "shoes", "20", "note", ""], [" ", "", "", "", ""], [], ["b", "shoes", "9"]]
    records = list(csv_records(iter(rows), columns, 2))
    assert records[0] == Record(2, "a", {"category": "shoes", "price": "20"}, {"备注": "note"})
    assert len(records) == 2
    rejected = records[1]
    assert isinstance(rejected, Rejected) and rejected.row == 5
    assert rejected.cells == {"category": "shoes", "price": "9"}
    assert worded(rejected.reason, "en") == "missing column(s): 备注"
    wide = list(csv_records(iter([["a", "shoes", "1", "", "", "x"]]), columns, 2))[0]
    assert isinstance(wide, Rejected) and wide.cells["Unnamed: 5"] == "x"


def test_input_encoding_options(pack: RulePack) -> None:
    """`--encoding` forces the input's encoding where a command writes no CSV."""
    import argparse

    from merchant_cli.app.commands.inputs import add_input_options, forced_input_encoding

    parser = argparse.ArgumentParser()
    add_input_options(parser, "en", encoding=True)
    args = parser.parse_args(["-", "--encoding", "gbk"])
    assert forced_input_encoding(args) == "gbk"
    batch = argparse.Namespace(input_encoding=None, encoding="gb18030", format="csv")
    assert forced_input_encoding(batch) is None  # batch's --encoding names its CSV output's
    batch.format = "jsonl"
    assert forced_input_encoding(batch) == "gb18030"
    with pytest.raises(SystemExit):
        parser.parse_args(["-", "--input-encoding", "latin-1"])


def test_input_records_read_a_workbook(pack: RulePack, tmp_path: Path) -> None:
    import argparse

    from merchant_cli.app.commands.inputs import add_input_options, input_records

    path = workbook(tmp_path / "c.xlsx", SHEET)
    parser = argparse.ArgumentParser()
    add_input_options(parser, "en", file_option="--merchants")
    args = parser.parse_args(["--merchants", str(path), "--lang", "en"][:2])
    args.lang = "en"
    with input_records(args, pack) as records:
        found = list(records)
    assert [r.row for r in found] == [2, 4, 5]
    first = found[0]
    assert isinstance(first, Record) and first.extra == {"备注": "老客户"}
    assert first.answers["category"] == "鞋类"


def test_unreadable_workbook_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a zip")
    result = cli("batch", str(path))
    assert result.code == 2
    assert f"cannot read workbook {path}" in result.err


def test_reading_lines_refuses_a_file_in_neither_encoding() -> None:
    import io

    with pytest.raises(UsageError):
        list(Lines(io.BytesIO(b"a\n\x81\n"), "m.csv"))


def test_flags_take_choices_by_their_chinese_labels(cli: Cli) -> None:
    common = ["--price", "24.9", "--notes-per-week", "0", "--videos-per-week", "2"]
    common += ["--live-hours-per-week", "40", "--no-input", "--format", "json"]
    by_label = cli(
        "evaluate", "--category", "鞋类", "--answer", "merchant_type=产业带工厂",
        "--goal", "走量成交", *common,
    )  # fmt: skip
    by_id = cli(
        "evaluate", "--category", "shoes", "--merchant-type", "cluster_factory",
        "--goal", "volume", *common,
    )  # fmt: skip
    assert by_label.code == 0, by_label.err
    assert json.loads(by_label.out)["profile"] == json.loads(by_id.out)["profile"]


def test_questions_json_gives_each_choice_its_labels(cli: Cli) -> None:
    result = cli("questions", "--format", "json")
    questions = {q["id"]: q for q in json.loads(result.out)}
    category = questions["category"]
    assert {"id": "shoes", "label": {"en": "Shoes", "zh": "鞋类"}} in category["choices"]
    assert category["values"] == [c["id"] for c in category["choices"]]
    assert questions["price"]["choices"] is None and "价格" in questions["price"]["aliases"]
    table = cli("questions", "--lang", "zh").out
    assert "鞋类（shoes）" in table and "表头也可写：类目、品类" in table


def ods(path: Path, rows: list[list[str]]) -> Path:
    """An OpenDocument spreadsheet (as LibreOffice or WPS saves it), written by hand: a
    zip of its mimetype, manifest and content."""
    import zipfile
    from xml.sax.saxutils import escape

    def cell(value: str) -> str:
        if not value:
            return "<table:table-cell/>"
        if value.replace(".", "", 1).isdigit():
            kind = f'office:value-type="float" office:value="{value}"'
        else:
            kind = 'office:value-type="string"'
        return f"<table:table-cell {kind}><text:p>{escape(value)}</text:p></table:table-cell>"

    body = "".join(
        "<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows
    )
    office = "urn:oasis:names:tc:opendocument:xmlns"
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        f'xmlns:office="{office}:office:1.0" xmlns:table="{office}:table:1.0" '
        f'xmlns:text="{office}:text:1.0" office:version="1.2"><office:body>'
        f'<office:spreadsheet><table:table table:name="客户">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    kind = "application/vnd.oasis.opendocument.spreadsheet"
    manifest = (
        f'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        f'xmlns:manifest="{office}:manifest:1.0" manifest:version="1.2">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{kind}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as book:
        book.writestr(zipfile.ZipInfo("mimetype"), kind)  # first, stored, as the format asks
        book.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        book.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return path


def test_an_ods_workbook_reads_as_an_xlsx_does(
    cli: Cli, tmp_path: Path, plain: list[dict[str, Any]]
) -> None:
    rows = [line.split(",") for line in CHINESE]
    rows[1][7] = "老客户"
    book = ods(tmp_path / "clients.ods", rows)
    result = scored(cli, book)
    assert [{k: v for k, v in row.items() if k != "extra"} for row in rows_of(result.out)] == [
        {**p, "row": r} for p, r in zip(plain, [2, 4], strict=True)
    ]


def test_a_refused_choice_lists_the_choices_in_the_run_language(cli: Cli) -> None:
    result = cli("evaluate", "--category", "鞋", "--no-input", "--lang", "zh")
    assert result.code == 2
    assert "女装（womens_apparel）, 鞋类（shoes）" in result.err
    assert result.err.rstrip().endswith("是不是想输入 '鞋类'？")


def test_lines_in_two_encodings_fail_at_the_first_line_in_the_other() -> None:
    """A GBK line, then a UTF-8 one that is not GB18030: the file reads as its first
    line that is not ASCII, and fails at the line in the other encoding."""
    import io

    gbk, utf8 = "b,鞋类\n".encode("gbk"), "a,价\n".encode()
    lines = Lines(io.BytesIO(b"x,y\n" + gbk + utf8), "m.csv")
    with pytest.raises(UsageError) as caught:
        list(lines)
    said = caught.value.said
    assert (said.key, said.value("line"), said.value("encoding")) == (
        "batch.not_encoding",
        3,
        "GB18030",
    )


def test_json_lines_keys_name_questions_as_headers_do(pack: RulePack) -> None:
    from merchant_cli.app.batch.readers import json_keys, read_jsonl

    lines = [
        '{"编号": 7, "类目": "鞋类", "price": 20, "备注": "vip"}\n',
        '{"price": 1, "价格": 2}\n',
        '{"category": "shoes"}\n',
    ]
    records = list(read_jsonl(lines, 1, json_keys(pack.question_by_id)))
    assert records[0] == Record(1, "7", {"category": "鞋类", "price": 20}, {"备注": "vip"})
    assert isinstance(records[1], Rejected) and records[1].reason.key == "batch.duplicate_key"
    assert records[2] == Record(3, None, {"category": "shoes"})
    strict = list(read_jsonl(lines[:1], 1, json_keys(pack.question_by_id, strict=True)))
    assert strict == [Record(1, "7", {"category": "鞋类", "price": 20, "备注": "vip"})]


def test_a_json_lines_extra_key_is_carried_not_refused(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "m.jsonl"
    answers = dict(zip(PLAIN[0].split(","), PLAIN[1].split(","), strict=True))
    path.write_text(json.dumps({**answers, "备注": "vip"}) + "\n", encoding="utf-8")
    assert cli("batch", str(path)).code == 0
    assert cli("batch", str(path), "--strict-columns").code == 1
