"""`merchant-cli batch` and the batch iterator: formats, bad rows, atomic output, same scores."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from merchant_cli.core.batch import BatchScorer, Record, Rejected, Scored
from merchant_cli.core.engine import evaluate
from merchant_cli.core.errors import UsageError
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import build_profile
from merchant_cli.core.strategy import recommend
from merchant_cli.reporters.messages import worded
from merchant_cli.reporters.safe import csv_cell
from tests.conftest import Run

Cli = Callable[..., Run]

HEADER = "id,category,price,notes_per_week,videos_per_week,live_hours_per_week"
GOOD = [
    "shoe-factory,shoes,24.9,0,2,40",
    "boutique,womens_apparel,129,3,2,6",
    "crafts,crafts_design,300,5,0,0",
]
ANSWERS = [dict(zip(HEADER.split(",")[1:], row.split(",")[1:], strict=True)) for row in GOOD]


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def ranking_of(cli: Cli, answers: dict[str, str], *extra: str) -> list[dict[str, Any]]:
    flags = [word for key, value in answers.items() for word in ("--answer", f"{key}={value}")]
    result = cli("evaluate", *flags, "--no-input", "--format", "json", *extra)
    assert result.code == 0, result.err
    ranking: list[dict[str, Any]] = json.loads(result.out)["ranking"]
    return ranking


def lines_of(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def test_csv_rows_score_as_evaluate_does(cli: Cli, tmp_path: Path) -> None:
    source = write(tmp_path, "m.csv", "\n".join([HEADER, *GOOD]) + "\n")
    result = cli("batch", str(source))
    assert result.code == 0, result.err
    rows = lines_of(result.out)
    assert [r["id"] for r in rows] == ["shoe-factory", "boutique", "crafts"]
    assert [r["row"] for r in rows] == [2, 3, 4]
    for row, answers in zip(rows, ANSWERS, strict=True):
        expected = ranking_of(cli, answers)
        assert row["ranking"] == [{k: e[k] for k in ("platform", "score", "fit")} for e in expected]
        assert row["top"] == expected[0]["platform"]
    assert result.err.strip() == "batch: 3 scored, 0 rejected"


def test_explain_adds_the_same_contributions(cli: Cli, tmp_path: Path) -> None:
    source = write(tmp_path, "m.csv", "\n".join([HEADER, GOOD[0]]) + "\n")
    result = cli("batch", str(source), "--explain", "--lang", "zh")
    assert result.code == 0, result.err
    assert lines_of(result.out)[0]["ranking"] == ranking_of(cli, ANSWERS[0], "--lang", "zh")


def test_bom_and_crlf_read_like_plain_csv(cli: Cli, tmp_path: Path) -> None:
    plain = cli("batch", str(write(tmp_path, "a.csv", "\n".join([HEADER, *GOOD]) + "\n")))
    odd = write(tmp_path, "b.csv", "\ufeff" + "\r\n".join([HEADER, *GOOD]) + "\r\n", "utf-8")
    assert odd.read_bytes().startswith(b"\xef\xbb\xbf")
    result = cli("batch", str(odd))
    assert result.code == 0, result.err
    assert result.out == plain.out


def test_jsonl_input_and_optional_id(cli: Cli, tmp_path: Path) -> None:
    records = [{"id": 7, **ANSWERS[0]}, ANSWERS[1]]
    source = write(tmp_path, "m.jsonl", "\n".join(json.dumps(r) for r in records) + "\n")
    result = cli("batch", str(source))
    assert result.code == 0, result.err
    rows = lines_of(result.out)
    assert rows[0]["id"] == "7" and "id" not in rows[1]
    assert rows[1]["ranking"][0]["platform"] == ranking_of(cli, ANSWERS[1])[0]["platform"]


def test_csv_without_id_column_numbers_rows(cli: Cli, tmp_path: Path) -> None:
    header = HEADER.removeprefix("id,")
    body = [row.split(",", 1)[1] for row in GOOD]
    source = write(tmp_path, "m.csv", "\n".join([header, *body]) + "\n")
    result = cli("batch", str(source), "--format", "csv")
    assert result.code == 0, result.err
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert [row["id"] for row in rows] == ["2", "3", "4"]
    expected = ranking_of(cli, ANSWERS[0])
    decision = json.loads(cli("batch", str(source)).out.splitlines()[0])
    names = {"xiaohongshu": "Xiaohongshu (RED)", "douyin": "Douyin", "taobao": "Taobao"}
    assert rows[0]["status"] == "scored" and rows[0]["error"] == ""
    assert rows[0]["primary"] == names[decision["primary"]]
    assert {p: float(rows[0][p]) for p in names} == {e["platform"]: e["score"] for e in expected}
    assert rows[0]["category"] == ANSWERS[0]["category"] and rows[0]["price"] == "24.9"


BAD = [
    ("unknown-category", "hats,20,0,2,40", "'hats' is not one of"),
    ("negative-price", "shoes,-5,0,2,40", "must be greater than 0"),
    ("missing-column", "shoes,20,0,2", "missing column(s): live_hours_per_week"),
    ("non-numeric", "shoes,cheap,0,2,40", "] column price: expected a number"),
    ("extra-columns", "shoes,20,0,2,40,9", "7 cells but the header has 6 columns"),
]


def test_bad_rows_are_rejected_with_row_numbers(cli: Cli, tmp_path: Path) -> None:
    lines = [HEADER, GOOD[0]]
    lines += [f"{ident},{cells}" for ident, cells, _ in BAD]
    lines.append(GOOD[1])
    source = write(tmp_path, "m.csv", "\n".join(lines) + "\n")
    rejects = tmp_path / "rejects.txt"
    result = cli("batch", str(source), "--rejects", str(rejects))
    assert result.code == 1
    out = lines_of(result.out)
    assert [r["id"] for r in out] == ["shoe-factory", *(b[0] for b in BAD), "boutique"]
    assert [r["status"] for r in out] == ["scored", *["rejected"] * len(BAD), "scored"]
    for row, (_, _, reason) in zip(out[1:-1], BAD, strict=True):
        assert reason.removeprefix("] ") in row["error"]
    assert out[1]["cells"]["category"] == "hats" and out[2]["cells"]["price"] == "-5"
    reported = rejects.read_text(encoding="utf-8").splitlines()
    assert len(reported) == len(BAD)
    for number, (line, (ident, _, reason)) in enumerate(zip(reported, BAD, strict=True), 3):
        assert line.startswith(f"{source}:{number}: [{ident}] "), line
        assert reason in line
    assert result.err.strip() == f"batch: 2 scored, 5 rejected (see {rejects})"


def test_rejects_default_to_stderr(cli: Cli, tmp_path: Path) -> None:
    source = write(tmp_path, "m.jsonl", '{"category": "shoes"\n[1]\n' + json.dumps(ANSWERS[0]))
    result = cli("batch", str(source))
    assert result.code == 1
    assert f"{source}:1: invalid JSON" in result.err
    assert f"{source}:2: expected a JSON object" in result.err
    assert [r["status"] for r in lines_of(result.out)] == ["rejected", "rejected", "scored"]


def test_missing_required_answer_is_a_rejected_row(cli: Cli, tmp_path: Path) -> None:
    source = write(tmp_path, "m.csv", "category,price\nshoes,20\n")
    result = cli("batch", str(source))
    assert result.code == 1
    assert ":2: missing answers: notes_per_week, videos_per_week, live_hours_per_week" in result.err


def test_bad_answers_are_named_by_column_not_by_flag(cli: Cli, tmp_path: Path) -> None:
    header = HEADER.replace("price", "价格")
    source = write(tmp_path, "m.csv", f"{header}\nm08,shoes,0,-1,2,40\n")
    result = cli("batch", str(source))
    named = "column 价格: must be greater than 0, got 0; column notes_per_week: "
    assert f"{source}:2: [m08] {named}" in result.err
    assert "--" not in result.err.splitlines()[0]


FORMULAS = ['=HYPERLINK("http://x","c")', "+cmd", "-2+3", "@SUM(A1)"]


def test_csv_output_never_holds_a_formula(cli: Cli, tmp_path: Path) -> None:
    rows = [[ident, *GOOD[0].split(",")[1:]] for ident in [*FORMULAS, "-5", "-0.5", "plain"]]
    source = tmp_path / "m.csv"
    with source.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([HEADER.split(","), *rows])
    result = cli("batch", str(source), "--format", "csv")
    assert result.code == 0, result.err
    ids = [row[0] for row in csv.reader(io.StringIO(result.out))][1:]
    assert ids == [*(f"'{f}" for f in FORMULAS), "-5", "-0.5", "plain"]
    raw = cli("batch", str(source), "--format", "csv", "--raw-cells")
    assert [row[0] for row in csv.reader(io.StringIO(raw.out))][1:] == [r[0] for r in rows]


@pytest.mark.parametrize(
    ("cell", "written"),
    [("=1+2", "'=1+2"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("-", "'-"), ("-5", "-5"), (7, 7)],
)
def test_neutral_cells(cell: object, written: object) -> None:
    assert csv_cell(cell) == written


def test_batch_output_takes_its_format_from_the_extension(cli: Cli, tmp_path: Path) -> None:
    source = write(tmp_path, "m.csv", "\n".join([HEADER, *GOOD]) + "\n")
    assert cli("batch", str(source), "-o", str(tmp_path / "out.csv")).code == 0
    rows = list(csv.reader(io.StringIO((tmp_path / "out.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 1 + len(GOOD)
    assert cli("batch", str(source), "-o", str(tmp_path / "out.ndjson")).code == 0
    lines = (tmp_path / "out.ndjson").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [row.split(",")[0] for row in GOOD]
    mismatch = cli("batch", str(source), "--format", "jsonl", "-o", str(tmp_path / "o.csv"))
    assert mismatch.code == 2 and "--format jsonl does not match" in mismatch.err


def test_fail_fast_stops_and_writes_no_output(cli: Cli, tmp_path: Path) -> None:
    rows = [HEADER, GOOD[0], "x,shoes,-1,0,2,40", GOOD[1]]
    source = write(tmp_path, "m.csv", "\n".join(rows) + "\n")
    target = tmp_path / "out.jsonl"
    result = cli("batch", str(source), "--fail-fast", "--output", str(target))
    assert result.code == 1
    assert f"stopped at {source}:3: [x]" in result.err
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [source]


def test_output_is_atomic_and_never_replaced_without_force(cli: Cli, tmp_path: Path) -> None:
    source = write(tmp_path, "m.csv", "\n".join([HEADER, *GOOD]) + "\n")
    target = tmp_path / "out.jsonl"
    target.write_text("keep me\n", encoding="utf-8")
    refused = cli("batch", str(source), "--output", str(target))
    assert refused.code == 2 and "already exists" in refused.err
    assert target.read_text(encoding="utf-8") == "keep me\n"
    replaced = cli("batch", str(source), "--output", str(target), "--force")
    assert replaced.code == 0, replaced.err
    assert replaced.out == ""
    assert len(lines_of(target.read_text(encoding="utf-8"))) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.csv", "out.jsonl"]


def test_unreadable_input_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    unknown = write(tmp_path, "a.csv", "category,prise\nshoes,20\n")
    for fmt in ("jsonl", "csv"):  # before any row is scored: not even a CSV header is written
        result = cli("batch", str(unknown), "--format", fmt, "--strict-columns")
        assert (result.code, result.out) == (2, "")
        assert "a.csv:1: unknown column 'prise'; did you mean 'price'?" in result.err
    binary = write(tmp_path, "b.csv", "category,price\n", "utf-8")
    binary.write_bytes(binary.read_bytes() + b"\xff\xff\n")
    assert cli("batch", str(binary)).code == 2
    assert cli("batch", str(tmp_path / "missing.csv")).code == 2
    assert cli("batch", str(write(tmp_path, "c.txt", ""))).code == 2
    assert cli("batch", str(tmp_path / "c.txt"), "--input-format", "csv").code == 0


CATEGORIES = ["shoes", "womens_apparel", "bags", "kids_apparel", "crafts_design", "food", "other"]
NUMBER = st.one_of(
    st.sampled_from([0, 1, 5, 24.9, 25, 49.99, 50, 79.5, 80, 100, 150, 200, 300, 500, 1000]),
    st.floats(min_value=-10, max_value=2000, allow_nan=False),
)
COUNT = st.one_of(st.integers(min_value=-1, max_value=60), st.just("many"))


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, Any]:
    answers = {
        "category": draw(st.sampled_from([*CATEGORIES, "hats"])),
        "price": draw(NUMBER),
        "notes_per_week": draw(COUNT),
        "videos_per_week": draw(COUNT),
        "live_hours_per_week": draw(NUMBER),
        "merchant_type": draw(st.sampled_from(["not_specified", "cluster_factory", "brand"])),
        "goal": draw(st.sampled_from(["seeding", "volume", "not_specified"])),
        "sells_on": draw(st.sampled_from(["douyin", "taobao", "xiaohongshu", "none"])),
    }
    keep = draw(st.lists(st.sampled_from(sorted(answers)), unique=True, min_size=4))
    return {key: answers[key] for key in keep}


@pytest.fixture(scope="module")
def shared(pack: RulePack) -> BatchScorer:
    return BatchScorer(pack)  # one memo across all examples: classes must never collide


@settings(max_examples=300, deadline=None)
@given(answers=answer_sets())
def test_batch_scores_and_leads_equal_evaluate(
    pack: RulePack, shared: BatchScorer, answers: dict[str, Any]
) -> None:
    outcome = shared.score(Record(1, None, answers))
    try:
        evaluation = evaluate(build_profile(pack, answers), pack)
    except UsageError as exc:  # evaluate refuses: batch must reject the row too
        assert isinstance(outcome, Rejected), exc.said
        reason = worded(outcome.reason, "en")
        assert not any(q.option in reason for q in pack.questions)  # columns, not flags
        return
    assert isinstance(outcome, Scored)
    assert outcome.ranking == evaluation.ranking
    assert evaluation.confidence is not None
    assert outcome.decision.first == evaluation.confidence.first
    lead = recommend(pack, evaluation)
    said = outcome.decision
    assert (said.primary, said.close_call, said.contenders, said.decided_by, said.open) == (
        lead.primary,
        lead.close_call,
        lead.contenders,
        lead.decided_by,
        lead.open,
    )
    thin = [n for n in evaluation.warnings if n.code == "thin-evidence"]
    assert len(outcome.silent) == len(thin)


def test_batch_dates_the_chance_of_ranking_first_as_evaluate_does(pack: RulePack) -> None:
    answers: dict[str, object] = {"category": "womens_apparel", "price": 150}
    answers.update(notes_per_week=3, videos_per_week=2, live_hours_per_week=10)
    answers["merchant_type"] = "boutique"
    later = pack.meta.as_of.replace(year=pack.meta.as_of.year + 2)
    outcome = BatchScorer(pack, today=later).score(Record(1, None, answers))
    evaluation = evaluate(build_profile(pack, answers), pack, today=later)
    assert isinstance(outcome, Scored) and evaluation.confidence is not None
    assert outcome.decision.first == evaluation.confidence.first
    fresh = BatchScorer(pack).score(Record(1, None, answers))
    assert isinstance(fresh, Scored) and fresh.decision.first != outcome.decision.first


def test_rejects_and_the_summary_speak_the_run_language(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    source = tmp_path / "m.csv"
    source.write_text(
        "id,category,price,notes_per_week,videos_per_week,live_hours_per_week\n"
        "m1,shoes,-5,0,0,0\nm2,shoes,5,0\n",
        encoding="utf-8",
    )
    run = cli("batch", str(source), "--lang", "zh")
    assert run.code == 1
    assert "[m1] 列 price：必须大于 0" in run.err and "[m2] 缺少列：" in run.err
    assert "批量评估：0 行已评分，2 行被拒" in run.err
    english = cli("batch", str(source), "--lang", "en")
    assert "[m1] column price: must be greater than 0" in english.err
    assert "batch: 0 scored, 2 rejected" in english.err
