"""Shared helpers of the robustness suite: case budgets, and the CLI run in process or as a process.

Two hypothesis profiles size every property: `fast` (the default, for `make test`) and
`fuzz` (`HYPOTHESIS_PROFILE=fuzz`, for `make fuzz`). The cases each test actually ran
are counted and printed at the end of the session.
"""

from __future__ import annotations

import io
import os
import resource
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import merchant_cli.app.commands.common
import merchant_cli.packs.loader
from merchant_cli.app.cli import main
from merchant_cli.core.pack import RulePack
from merchant_cli.packs.loader import builtin_pack_dir

_HEALTH = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]
settings.register_profile("fast", max_examples=30, deadline=None, suppress_health_check=_HEALTH)
settings.register_profile(
    "fuzz", max_examples=7_500, deadline=None, suppress_health_check=_HEALTH, print_blob=True
)
PROFILE = "fuzz" if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz" else "fast"

INPUT_ERROR, PACK_ERROR = 2, 3
MEMORY_LIMIT = 512 * 2**20
"""Address-space limit of a CLI run as a process: a hostile file must not need more."""
TIME_LIMIT = 60
"""Seconds before a CLI run as a process counts as hung (a guard, not a benchmark)."""

CASES: Counter[str] = Counter()
"""Generated cases actually run, by test, for the end-of-session summary."""


def cases(weight: float = 1.0) -> settings:
    """Settings of one property: the chosen profile's budget scaled by `weight`."""
    base = settings.get_profile(PROFILE)
    return settings(base, max_examples=max(1, round(base.max_examples * weight)))


def count(name: str) -> None:
    """Record one generated case of test `name`."""
    CASES[name] += 1


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if CASES:
        terminalreporter.write_line(
            f"robustness cases run ({PROFILE} profile): {sum(CASES.values()):,} in total; "
            + ", ".join(f"{name} {n:,}" for name, n in sorted(CASES.items()))
        )


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str


def run_cli(argv: Sequence[str]) -> Outcome:
    """`merchant-cli ARGV` in process; any exception escaping `main` fails the test."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return Outcome(code, out.getvalue(), err.getvalue())


def run_process(argv: Sequence[str], *, stdin: str | None = None) -> Outcome:
    """`python -m merchant_cli ARGV` as a process, bounded in memory and time."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    done = subprocess.run(
        [sys.executable, "-m", "merchant_cli", *argv],
        input=stdin or "",
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        env=cli_env(),
        preexec_fn=limit_memory,
    )
    return Outcome(done.returncode, done.stdout, done.stderr)


def cli_env() -> dict[str, str]:
    """The environment of a CLI process: no colour, English, the built-in pack."""
    env = {k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "MERCHANT_CLI_RULES"}}
    env.update(NO_COLOR="1", LANG="C.UTF-8", LC_ALL="C.UTF-8", PYTHONIOENCODING="utf-8")
    env["MERCHANT_CLI_DEBUG"] = "1"  # an internal error shows its traceback, failing the test
    return env


def assert_clean(outcome: Outcome, *codes: int) -> None:
    """The run ended with one of `codes`, and a failure is a short message, not a traceback."""
    assert outcome.code in codes, (outcome.code, outcome.err[-2000:])
    assert "Traceback" not in outcome.err and "Traceback" not in outcome.out
    if outcome.code != 0:
        assert (outcome.err or outcome.out).strip(), "a failure must say why"


def assert_one_line_error(outcome: Outcome, code: int, name: str) -> None:
    """Exit `code` with a first error line that names the file `name`."""
    assert_clean(outcome, code)
    first = outcome.err.splitlines()[0]
    assert name in first, outcome.err
    assert len(first) < 400, first


@cache
def _cached_pack(directory: Path, overlays: tuple[Path, ...]) -> RulePack:
    return _load_pack(directory, overlays)


_load_pack = merchant_cli.packs.loader.load_pack


@pytest.fixture(scope="module")
def cached_pack() -> Iterator[None]:
    """Load each rule pack once per module, so fuzzing answers does not re-read YAML."""
    with pytest.MonkeyPatch.context() as patch:
        for module in (merchant_cli.packs.loader, merchant_cli.app.commands.common):
            patch.setattr(
                module,
                "load_pack",
                lambda directory=None, overlays=(), **_: _cached_pack(
                    directory or builtin_pack_dir(), tuple(overlays)
                ),
            )
        yield


@pytest.fixture(scope="session", autouse=True)
def _plain_environment() -> Iterator[None]:
    """No colour, English, the built-in pack: the same for in-process runs as for processes."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in cli_env().items():
            patch.setenv(name, value)
        patch.delenv("FORCE_COLOR", raising=False)
        patch.delenv("MERCHANT_CLI_RULES", raising=False)
        yield


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    """A private copy of the built-in pack that a test may add hostile files to."""
    target = tmp_path / "rules"
    shutil.copytree(builtin_pack_dir(), target)
    return target
