"""Fuzz `merchant-cli batch`: CSV and JSON Lines rows of any shape, and files of any bytes.

A bad row is rejected with its row number (exit 1); a file that cannot be read at all
is bad input (exit 2); nothing raises. Every line on stdout is a complete result.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from merchant_cli.app.batch.readers import MAX_LINE_BYTES
from merchant_cli.app.terminal import MAX_COLUMNS, terminal_width
from merchant_cli.packs.loader import builtin_pack_dir, load_pack
from tests.robustness.conftest import (
    INPUT_ERROR,
    MEMORY_LIMIT,
    TIME_LIMIT,
    Outcome,
    assert_clean,
    cases,
    cli_env,
    count,
    run_cli,
)
from tests.robustness.strategies import SPECIAL_NUMBERS, VALID, VALID_ANSWERS, scalars, values

pytestmark = pytest.mark.usefixtures("cached_pack")

PACK = load_pack(builtin_pack_dir())
COLUMNS = ["id", *(q.id for q in PACK.questions)]
SUMMARY = re.compile(r"^batch: ([\d,]+) scored, ([\d,]+) rejected", re.MULTILINE)


@pytest.fixture(scope="module")
def batch_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("batch")


def run_batch(path: Path, fmt: str, *codes: int) -> Outcome:
    """Run batch on `path`; check the exit code, the summary and every output line."""
    outcome = run_cli(["batch", str(path), "--input-format", fmt, "--format", "jsonl"])
    assert_clean(outcome, *codes)
    lines = [json.loads(line) for line in outcome.out.splitlines()]
    for line in lines:
        assert isinstance(line["row"], int) and line["status"] in ("scored", "rejected")
    if outcome.code in (0, 1):
        summary = SUMMARY.search(outcome.err)
        assert summary is not None, outcome.err
        statuses = [line["status"] for line in lines]
        assert int(summary[1].replace(",", "")) == statuses.count("scored")
        assert int(summary[2].replace(",", "")) == statuses.count("rejected")
        assert (outcome.code == 1) == (summary[2] != "0")
    return outcome


def cells() -> st.SearchStrategy[str]:
    return st.text(max_size=12) | st.sampled_from(SPECIAL_NUMBERS) | scalars().map(str)


@cases(0.5)
@given(
    st.lists(st.sampled_from(COLUMNS), min_size=1, unique=True),
    st.lists(st.lists(cells(), max_size=10), max_size=8),
)
def test_csv_rows(batch_dir: Path, header: list[str], rows: list[list[str]]) -> None:
    count("batch: CSV rows")
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    path = batch_dir / "rows.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8", errors="surrogatepass")
    run_batch(path, "csv", 0, 1, INPUT_ERROR)


@cases(0.5)
@given(st.lists(st.text(max_size=40), max_size=8))
def test_csv_lines_of_any_text(batch_dir: Path, lines: list[str]) -> None:
    count("batch: CSV text")
    path = batch_dir / "text.csv"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    run_batch(path, "csv", 0, 1, INPUT_ERROR)


def json_rows() -> st.SearchStrategy[str]:
    mapping = st.dictionaries(st.sampled_from(COLUMNS) | st.text(max_size=8), values(), max_size=8)
    return (mapping | values()).map(lambda data: json.dumps(data, default=str)) | st.text()


@cases(0.5)
@given(st.lists(json_rows(), max_size=8))
def test_jsonl_rows(batch_dir: Path, rows: list[str]) -> None:
    count("batch: JSON Lines rows")
    path = batch_dir / "rows.jsonl"
    path.write_text("\n".join(rows), encoding="utf-8", errors="surrogatepass")
    run_batch(path, "jsonl", 0, 1, INPUT_ERROR)


@cases(0.5)
@given(st.binary(max_size=2000), st.sampled_from(["csv", "jsonl"]))
def test_batch_file_of_arbitrary_bytes(batch_dir: Path, content: bytes, fmt: str) -> None:
    count("batch: file bytes")
    path = batch_dir / "bytes.txt"
    path.write_bytes(content)
    run_batch(path, fmt, 0, 1, INPUT_ERROR)


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("huge-cell.csv", "id,category\n1," + "x" * 300_000 + "\n", INPUT_ERROR),
        ("nul.csv", "id,category\n1,sho\x00es\n", INPUT_ERROR),
        ("not-utf8.csv", b"id,category\n1,\xff\xfe\n", INPUT_ERROR),
        ("digits.jsonl", '{"price": ' + "9" * 5000 + "}\n", 1),
        ("nan.jsonl", json.dumps({**VALID_ANSWERS, "price": float("nan")}) + "\n", 1),
        ("big-int.jsonl", json.dumps({**VALID_ANSWERS, "price": 10**400}) + "\n", 1),
        ("deep.jsonl", "[" * 100_000 + "]" * 100_000 + "\n", 1),
        ("empty.csv", "", 0),
    ],
)
def test_hostile_batch_files(batch_dir: Path, name: str, content: str | bytes, code: int) -> None:
    path = batch_dir / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    outcome = run_batch(path, path.suffix[1:], code)
    if code:
        assert str(path) in outcome.err


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def test_a_line_without_end_is_refused_after_a_mebibyte() -> None:
    """Finding 10: a 1 GB CSV of one line was read into memory whole (7.4 GB at its peak):
    now at most `MAX_LINE_BYTES` of a line are read, in a process limited to 512 MB."""
    with subprocess.Popen(
        [sys.executable, "-m", "merchant_cli", "batch", "-", "--input-format", "jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        bufsize=0,
        env=cli_env(),
        preexec_fn=limit_memory,
    ) as child:
        assert child.stdin is not None and child.stderr is not None
        block = b'{"id": "' + b"x" * 2**20
        with contextlib.suppress(BrokenPipeError):
            for _ in range(MEMORY_LIMIT // len(block) + 64):  # more than the process may hold
                child.stdin.write(block)
        err = child.stderr.read().decode()
        assert child.wait(TIME_LIMIT) == INPUT_ERROR, err
    assert err == f"merchant-cli: error: -:1: line longer than the {MAX_LINE_BYTES:,}-byte limit\n"


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ({**VALID_ANSWERS, "id": "a"}, None),
        ('{"id": "a", "price": 10, "price": 24.9}', "duplicate key 'price'"),
        ({**VALID_ANSWERS, "id": True}, "`id` must be text or a number"),
        ({**VALID_ANSWERS, "id": ["=cmd"]}, "`id` must be text or a number"),
        ({**VALID_ANSWERS, "id": "  "}, None),
    ],
    ids=["plain", "duplicate-key", "id-bool", "id-list", "id-blank"],
)
def test_json_lines_rows_are_read_as_strictly_as_csv_rows(
    batch_dir: Path, row: object, reason: str | None
) -> None:
    """Finding 11: duplicate keys in a JSON Lines row were silently last-wins (YAML refuses
    them), and an `id` of any JSON type was taken as text."""
    path = batch_dir / "strict.jsonl"
    line = row if isinstance(row, str) else json.dumps(row)
    path.write_text(line + "\n", encoding="utf-8")
    outcome = run_batch(path, "jsonl", 0 if reason is None else 1)
    if reason is not None:
        assert f"{path}:1: {reason}" in outcome.err


def test_a_huge_terminal_width_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    """Finding 10: `COLUMNS=99999999` made evaluate lay out a report for over a minute."""
    monkeypatch.setenv("COLUMNS", "99999999")
    assert terminal_width() == MAX_COLUMNS
    outcome = run_cli(["evaluate", "--no-input", *VALID, "--detail", "full", "--evidence", "full"])
    assert_clean(outcome, 0)
    assert max(map(len, outcome.out.splitlines())) <= MAX_COLUMNS
