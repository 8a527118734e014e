"""`batch --jobs N`: any number of processes writes the same bytes, rejects and exit code.

Chunks are made tiny here so that a few rows already cross between processes and
chunk boundaries fall everywhere: inside runs of bad rows, next to quoted newlines.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from merchant_cli.app.batch import pool as batchpool
from merchant_cli.app.commands import batch as batch_command
from tests.conftest import Run
from tests.core.test_batch import answer_sets
from tests.robustness.conftest import TIME_LIMIT, cli_env

Cli = Callable[..., Run]
COLUMNS = [
    "id", "category", "price", "notes_per_week", "videos_per_week", "live_hours_per_week",
    "merchant_type",
]  # fmt: skip


@pytest.fixture(autouse=True)
def tiny_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_command, "CHUNK_ROWS", 3)


def csv_text(rows: list[dict[str, Any]], odd: list[str]) -> str:
    """A CSV of `rows` (some with a quoted newline in their id), then `odd` raw lines."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for number, row in enumerate(rows):
        ident = f"m{number}\nsecond line" if number % 4 == 1 else f"m{number}"
        writer.writerow([ident, *(row.get(column, "") for column in COLUMNS[1:])])
    return buffer.getvalue() + "".join(line + "\n" for line in odd)


def jsonl_text(rows: list[dict[str, Any]], odd: list[str]) -> str:
    return "".join(json.dumps({"id": n, **row}) + "\n" for n, row in enumerate(rows)) + "".join(
        line + "\n" for line in odd
    )


def same_for_any_jobs(cli: Cli, path: Path, *options: str) -> Run:
    one = cli("batch", str(path), "--jobs", "1", *options)
    for jobs in ("2", "3"):
        many = cli("batch", str(path), "--jobs", jobs, *options)
        assert (many.code, many.out, many.err) == (one.code, one.out, one.err)
    return one


ODD = ["", "shoes,1", "x,hats,1,1,1,1,brand", "[1]", '{"price": "cheap"}', "x,,,,,,"]
ODD_LINES = st.lists(st.sampled_from(ODD), max_size=4)


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(answer_sets(), max_size=12), ODD_LINES, st.sampled_from(["csv", "jsonl"]))
def test_any_number_of_jobs_gives_the_same_output(
    cli: Cli, tmp_path: Path, rows: list[dict[str, Any]], odd: list[str], fmt: str
) -> None:
    path = tmp_path / f"m.{fmt}"
    path.write_text((csv_text if fmt == "csv" else jsonl_text)(rows, odd), encoding="utf-8")
    result = same_for_any_jobs(cli, path)
    assert result.code in (0, 1), result.err
    same_for_any_jobs(cli, path, "--format", "csv")


GOOD = "shoes,24.9,0,2,40,cluster_factory"


def test_rows_keep_their_numbers_across_chunks(cli: Cli, tmp_path: Path) -> None:
    lines = [",".join(COLUMNS), *(f"m{n},{GOOD}" for n in range(2, 9))]
    lines[4] = 'm4,shoes,-1,0,2,40,"cluster\n_factory"'  # row 5 spans lines 5-6
    path = tmp_path / "m.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = same_for_any_jobs(cli, path)
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert [row["row"] for row in rows] == [2, 3, 4, 5, 6, 7, 8]
    assert [row["status"] for row in rows].count("rejected") == 1 and rows[3]["id"] == "m4"
    assert f"{path}:5: [m4] column price: must be greater than 0" in result.err


def test_fail_fast_with_jobs_stops_at_the_first_bad_row(cli: Cli, tmp_path: Path) -> None:
    rows = [f"m{n},{GOOD}" for n in range(2, 20)]
    rows[9] = "m11,hats,1,1,1,1,brand"
    rows[14] = "m16,shoes,-1,1,1,1,brand"
    path = tmp_path / "m.csv"
    path.write_text("\n".join([",".join(COLUMNS), *rows]) + "\n", encoding="utf-8")
    result = same_for_any_jobs(cli, path, "--fail-fast")
    assert result.code == 1
    assert f"stopped at {path}:11: [m11]" in result.err and "m16" not in result.err
    out = [json.loads(line) for line in result.out.splitlines()]
    assert [row["row"] for row in out] == list(range(2, 12))  # up to the row it stopped at
    assert out[-1]["status"] == "rejected" and out[-2]["status"] == "scored"
    target = tmp_path / "out.jsonl"
    assert cli("batch", str(path), "--fail-fast", "--jobs", "2", "-o", str(target)).code == 1
    assert not target.exists()


def test_a_csv_error_in_a_later_chunk_names_its_line(cli: Cli, tmp_path: Path) -> None:
    rows = [f"m{n},{GOOD}" for n in range(2, 12)]
    rows[6] = "m8," + "x" * 200_000 + ",1,1,1,1,brand"
    path = tmp_path / "m.csv"
    path.write_text("\n".join([",".join(COLUMNS), *rows]) + "\n", encoding="utf-8")
    result = same_for_any_jobs(cli, path)
    assert result.code == 2
    assert f"{path}:8:" in result.err


@pytest.mark.parametrize("value", ["0", "-2", "two"])
def test_jobs_must_be_a_positive_number(cli: Cli, tmp_path: Path, value: str) -> None:
    path = tmp_path / "m.csv"
    path.write_text(",".join(COLUMNS) + "\n", encoding="utf-8")
    result = cli("batch", str(path), "--jobs", value)
    assert result.code == 2
    assert "expected a number of processes >= 1" in result.err


def _deaf_worker(pipe: Connection) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    pipe.send("deaf")
    pipe.recv()


def test_a_worker_deaf_to_sigterm_is_killed_not_waited_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The run never waits for ever on a worker that missed its SIGTERM."""
    monkeypatch.setattr(batchpool, "ENDING_GRACE", 0.2)
    context = batchpool._context()
    mine, theirs = context.Pipe()
    process = context.Process(target=_deaf_worker, args=(theirs,), daemon=True)
    process.start()
    assert mine.recv() == "deaf"
    process.terminate()
    batchpool._end(process)
    assert process.exitcode == -signal.SIGKILL


def test_stop_signals_wait_while_a_worker_is_made() -> None:
    """A SIGTERM that arrives while a worker is forked is held, then handled here as usual."""
    caught: list[int] = []
    previous = signal.signal(signal.SIGTERM, lambda signum, _frame: caught.append(signum))
    try:
        with batchpool._stops_held():
            os.kill(os.getpid(), signal.SIGTERM)
            assert caught == []
        assert caught == [signal.SIGTERM]
    finally:
        signal.signal(signal.SIGTERM, previous)


def _workers(pid: int) -> list[int]:
    try:
        return [int(n) for n in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    """Whether `pid` still runs (a zombie waiting for its new parent to reap it does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


WORKERS_END = 20
"""Seconds the workers of a killed batch get to notice (a guard: they take milliseconds)."""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads Linux /proc")
def test_workers_end_with_a_killed_batch_and_its_output_is_cleaned_next_time(
    tmp_path: Path,
) -> None:
    """Finding 7: `batch --jobs 4` killed with SIGKILL left its workers running for ever
    (each held the others' ends of their pipes) and its temporary output on disk."""
    source = tmp_path / "m.csv"
    source.write_text(",".join(COLUMNS) + "\n" + f"m,{GOOD}\n" * 100_000, encoding="utf-8")
    target = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "merchant_cli", "batch", str(source), "-o", str(target)]
    child = subprocess.Popen([*command, "--jobs", "4"], env=cli_env(), stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + TIME_LIMIT
        while len(workers := _workers(child.pid)) < 4:
            assert child.poll() is None and time.monotonic() < deadline, "no workers started"
            time.sleep(0.01)
        child.kill()
        child.wait()
        deadline = time.monotonic() + WORKERS_END
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(map(_alive, workers)), "workers outlived the batch"
    finally:
        for pid in workers:  # on failure: end what this test started
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
    debris = [p for p in tmp_path.iterdir() if p.name.startswith(".out.jsonl.")]
    assert debris and not target.exists()  # SIGKILL leaves the temporary file; nothing else
    source.write_text(",".join(COLUMNS) + "\n" + f"m,{GOOD}\n", encoding="utf-8")
    assert subprocess.run(command, env=cli_env(), capture_output=True).returncode == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
