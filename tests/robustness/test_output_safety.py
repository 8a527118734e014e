"""Output safety: failed writes keep the old file, closed pipes are quiet, signals leave no debris.

Reports (`--output`), saved answers and batch results all go through
`outputs.atomic_stream`: a temporary file beside the target, renamed into place.
"""

from __future__ import annotations

import errno
import io
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from merchant_cli.app.outputs import write_atomic
from merchant_cli.core.errors import OutputError
from tests.robustness.conftest import (
    INPUT_ERROR,
    TIME_LIMIT,
    assert_clean,
    cli_env,
    run_cli,
)
from tests.robustness.strategies import VALID, VALID_ANSWERS

EVALUATE = ["evaluate", "--no-input", "--format", "json", *VALID]
OUTPUT_ERROR = 74
OLD = "the previous report\n"
Breaker = Callable[[Path], None]


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> Breaker:
    """Every temporary file in `directory` writes to /dev/full: the disk is full (ENOSPC)."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    real_mkstemp = tempfile.mkstemp

    def breaker(directory: Path) -> None:
        def mkstemp(**kwargs: Any) -> tuple[int, str]:
            handle, name = real_mkstemp(**kwargs)
            if Path(kwargs["dir"]) == directory:
                os.close(handle)
                handle = os.open("/dev/full", os.O_WRONLY)
            return handle, name

        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)

    return breaker


@pytest.fixture
def read_only_dir(monkeypatch: pytest.MonkeyPatch) -> Breaker:
    """Make `directory` read-only: chmod 555, or, as root (who writes anyway), a refused create."""
    real_mkstemp = tempfile.mkstemp

    def breaker(directory: Path) -> None:
        directory.chmod(0o555)
        if os.geteuid() == 0:

            def mkstemp(**kwargs: Any) -> tuple[int, str]:
                if Path(kwargs["dir"]) == directory:
                    raise PermissionError(13, "Permission denied", str(directory))
                return real_mkstemp(**kwargs)

            monkeypatch.setattr(tempfile, "mkstemp", mkstemp)

    return breaker


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize("fault", ["full_disk", "read_only_dir"])
def test_failed_report_write_keeps_the_old_file(
    tmp_path: Path, request: pytest.FixtureRequest, fault: str
) -> None:
    target = tmp_path / "report.json"
    target.write_text(OLD, encoding="utf-8")
    request.getfixturevalue(fault)(tmp_path)
    outcome = run_cli([*EVALUATE, "--output", str(target), "--force"])
    tmp_path.chmod(0o755)
    assert_clean(outcome, OUTPUT_ERROR if fault == "full_disk" else INPUT_ERROR)
    assert f"cannot write {target}: " in outcome.err
    assert ("No space left" in outcome.err) == (fault == "full_disk")
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []


def test_failed_answers_save_keeps_the_old_file(tmp_path: Path, full_disk: Breaker) -> None:
    """Saved answers use the same writer as reports (`questionnaire` calls `write_atomic`)."""
    target = tmp_path / "merchant-answers.yaml"
    target.write_text(OLD, encoding="utf-8")
    full_disk(tmp_path)
    with pytest.raises(OutputError, match="No space left on device"):
        write_atomic(target, "category: shoes\n", force=True)
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []


def test_existing_report_is_kept_without_force(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text(OLD, encoding="utf-8")
    outcome = run_cli([*EVALUATE, "--output", str(target)])
    assert_clean(outcome, INPUT_ERROR)
    assert "already exists" in outcome.err and "--force" in outcome.err
    assert target.read_text(encoding="utf-8") == OLD


def test_dev_full_as_the_output_says_why() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    outcome = run_cli([*EVALUATE, "--output", "/dev/full"])
    assert_clean(outcome, OUTPUT_ERROR)
    assert "cannot write /dev/full: No space left on device" in outcome.err
    assert Path("/dev/full").is_char_device()


FULL_STDOUT = [
    (EVALUATE, "en"),
    ([*EVALUATE, "--lang", "zh"], "zh"),
    (["--help"], "en"),
    (["evaluate", "--help"], "en"),
    (["--version"], "en"),
    (["rules", "list"], "en"),
    (["observations", "--format", "json"], "en"),
]


@pytest.mark.parametrize(
    ("argv", "lang"),
    FULL_STDOUT,
    ids=["evaluate", "evaluate-zh", "help", "evaluate-help", "version", "rules-list", "obs-json"],
)
def test_a_full_disk_on_stdout_is_one_line_and_exit_74(argv: list[str], lang: str) -> None:
    """Finding 8: `evaluate > /dev/full` exited 70, "internal error ... this is a bug";
    `--help > /dev/full` exited 0 with its output lost."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "w") as full:
        child = process(argv, stdout=full, stderr=subprocess.PIPE)
        _, err = child.communicate(timeout=TIME_LIMIT)
    assert child.returncode == OUTPUT_ERROR, err
    said = {"en": "cannot write the standard output: ", "zh": "无法写入 标准输出："}[lang]
    assert err.count("\n") == 1 and said in err and "internal error" not in err


def test_a_full_disk_under_batch_output_is_exit_74(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    source = tmp_path / "m.jsonl"
    source.write_text(f"{ROW}\n" * 3, encoding="utf-8")
    with open("/dev/full", "w") as full:
        child = process(["batch", str(source)], stdout=full, stderr=subprocess.PIPE)
        _, err = child.communicate(timeout=TIME_LIMIT)
    assert child.returncode == OUTPUT_ERROR and "No space left on device" in err, err


class _Failing(io.StringIO):
    """A stdout whose device fails: every write is an I/O error (EIO)."""

    def write(self, text: str) -> int:
        raise OSError(errno.EIO, "Input/output error")


def test_an_io_error_on_stdout_is_exit_74(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", _Failing())
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    from merchant_cli.app.cli import main

    assert main(EVALUATE) == OUTPUT_ERROR
    assert err.getvalue() == (
        "merchant-cli: error: cannot write the standard output: Input/output error\n"
    )


def test_a_device_is_written_to_never_replaced() -> None:
    outcome = run_cli([*EVALUATE, "--output", os.devnull, "--force"])
    assert_clean(outcome, 0)
    assert Path(os.devnull).is_char_device()


def process(argv: list[str], **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "merchant_cli", *argv], env=cli_env(), text=True, **kwargs
    )


@pytest.mark.parametrize(
    "argv",
    [
        EVALUATE,
        ["evaluate", "--no-input", "--format", "markdown", *VALID],
        ["observations"],
        ["rules", "list"],
    ],
    ids=["evaluate-json", "evaluate-markdown", "observations", "rules-list"],
)
def test_a_closed_pipe_ends_quietly(argv: list[str]) -> None:
    """`merchant-cli ... | head` when head has already gone: exit 141 (128 + SIGPIPE), no noise."""
    reader, writer = os.pipe()
    os.close(reader)  # nobody will ever read: the first write fails with EPIPE
    child = process(argv, stdout=writer, stderr=subprocess.PIPE)
    os.close(writer)
    _, err = child.communicate(timeout=TIME_LIMIT)
    assert child.returncode == 141
    assert err == ""


def test_piping_into_head_keeps_the_first_lines() -> None:
    shell = f"{sys.executable} -m merchant_cli rules list | head -n 2"
    done = subprocess.run(
        ["sh", "-c", shell], capture_output=True, text=True, timeout=TIME_LIMIT, env=cli_env()
    )
    assert done.returncode == 0
    assert len(done.stdout.splitlines()) == 2
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


ROW = json.dumps(VALID_ANSWERS)
ROWS = 120
"""Rows fed to a batch before the signal: their results fit in a pipe's buffer (64 KB)."""


def start_batch(tmp_path: Path, *extra: str) -> subprocess.Popen[str]:
    """A batch reading JSON Lines from a pipe that stays open, so it is mid-run until told."""
    child = process(
        ["batch", "-", "--input-format", "jsonl", *extra],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert child.stdin is not None
    child.stdin.write(f"{ROW}\n" * ROWS)
    child.stdin.flush()
    return child


def stop(child: subprocess.Popen[str], ready: Callable[[], bool]) -> tuple[str, str]:
    deadline = time.monotonic() + TIME_LIMIT
    while not ready():
        assert child.poll() is None and time.monotonic() < deadline, "batch ended early"
        time.sleep(0.05)
    child.send_signal(signal.SIGTERM)
    out, err = child.communicate(timeout=TIME_LIMIT)
    return out, err


def test_sigterm_mid_batch_to_stdout_leaves_only_whole_rows(tmp_path: Path) -> None:
    child = start_batch(tmp_path)
    assert child.stdout is not None
    stdout = child.stdout
    out, err = stop(child, lambda: bool(select.select([stdout], [], [], 0)[0]))
    rows = [json.loads(line)["row"] for line in out.splitlines()]
    assert child.returncode == 128 + signal.SIGTERM
    assert rows == list(range(1, len(rows) + 1)) and out.endswith("\n")
    assert "stopped by SIGTERM" in err and "Traceback" not in err


def test_sigterm_mid_batch_to_a_file_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "results.jsonl"
    child = start_batch(tmp_path, "--output", str(target))
    _, err = stop(child, lambda: bool(leftovers(tmp_path)))  # its temporary file exists
    assert child.returncode == 128 + signal.SIGTERM
    assert "stopped by SIGTERM" in err and "Traceback" not in err
    assert not target.exists()
    assert leftovers(tmp_path) == []
