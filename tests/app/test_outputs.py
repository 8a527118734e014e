"""Files written by merchant-cli get the mode users expect: the umask's for a new file."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from merchant_cli.app.outputs import write_atomic


@pytest.fixture
def umask() -> Iterator[None]:
    """Each test sets its own umask; the process's is restored after it."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
@pytest.mark.usefixtures("umask")
def test_a_new_file_gets_the_umask_mode(tmp_path: Path, mask: int, mode: int) -> None:
    os.umask(mask)
    write_atomic(tmp_path / "report.md", "text\n", force=False)
    assert _mode(tmp_path / "report.md") == mode


@pytest.mark.usefixtures("umask")
def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old\n")
    target.chmod(0o640)
    write_atomic(target, "new\n", force=True)
    assert (target.read_text(), _mode(target)) == ("new\n", 0o640)
