"""Hostile files, each as an answers file (exit 2) and as a file of a rule pack (exit 3).

Every one must end in a short error that names the file. Those built to exhaust
memory or time run as a process limited to `MEMORY_LIMIT` bytes of address space and
`TIME_LIMIT` seconds; the others run in process, which is faster.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from merchant_cli.packs.documents import MAX_DEPTH, MAX_NODES
from merchant_cli.packs.loader import builtin_pack_dir
from merchant_cli.packs.yamlio import MAX_FILE_BYTES
from tests.robustness.conftest import (
    INPUT_ERROR,
    PACK_ERROR,
    Outcome,
    assert_clean,
    assert_one_line_error,
    run_cli,
    run_process,
)
from tests.robustness.strategies import VALID

EVALUATE = ["evaluate", "--no-input", "--format", "json", *VALID]
Runner = Callable[[Sequence[str]], Outcome]
Surface = Callable[[Path, Runner], tuple[Outcome, int, Path]]
HEAVY = {"alias bomb", "nested lists 10,000 deep", "nested mappings 10,000 deep"}
"""Cases built to exhaust memory or time: run as a bounded process."""


def alias_bomb() -> bytes:
    """The "billion laughs": nine levels of ten aliases each, 10**9 strings once expanded."""
    lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, 10)]
    return "\n".join(lines).encode()


def deep(opening: str, closing: str, depth: int = 10_000) -> bytes:
    return f"category: {opening * depth}{closing * depth}\n".encode()


HOSTILE: dict[str, tuple[bytes, str]] = {
    "alias bomb": (alias_bomb(), f"more than {MAX_NODES:,} nodes"),
    "binary junk": (bytes(range(256)) * 64, "is not UTF-8"),
    "NUL bytes": (b"category: shoes\n\x00\x00\x7fELF\x00", "contains NUL bytes"),
    "non-UTF-8 (GBK)": ("category: 鞋类\n".encode("gbk"), "is not UTF-8"),
    "UTF-16": ("category: shoes\n".encode("utf-16"), "is not UTF-8"),
    "duplicate keys": (b"category: shoes\nprice: 10\ncategory: bags\n", "duplicate key 'category'"),
    "nested lists 10,000 deep": (deep("[", "]"), "nesting"),
    "nested mappings 10,000 deep": (deep("{a: ", "}"), f"nesting deeper than {MAX_DEPTH}"),
    "invalid date": (b"category: shoes\nprice: 2025-02-30\n", "cannot read '2025-02-30'"),
    "5,000-digit integer": (b"price: " + b"9" * 5000 + b"\n", "cannot read"),
    "several documents": (b"category: shoes\n---\ncategory: bags\n", "found several"),
}

TAGS = [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:os.system ['touch {marker}']",
    "!!python/name:os.system",
    "!!python/module:os",
    "!!python/tuple [1, 2]",
    "!!binary aGVsbG8=",
    "!!set {{a: null}}",
    "!!omap [{{a: 1}}]",
    "!custom value",
    "!<tag:example.com,2025:x> value",
]


def as_answers(path: Path, run: Runner) -> tuple[Outcome, int, Path]:
    return run([*EVALUATE, "--answers", str(path)]), INPUT_ERROR, path


def as_pack_file(path: Path, run: Runner) -> tuple[Outcome, int, Path]:
    pack = path.parent / "pack"
    shutil.copytree(builtin_pack_dir(), pack)
    target = pack / "zz-hostile.yaml"
    path.rename(target)
    return run([*EVALUATE, "--rules", str(pack)]), PACK_ERROR, target


SURFACES = pytest.mark.parametrize("surface", [as_answers, as_pack_file], ids=["answers", "pack"])


@SURFACES
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_file(tmp_path: Path, surface: Surface, case: str) -> None:
    content, message = HOSTILE[case]
    path = tmp_path / "hostile.yaml"
    path.write_bytes(content)
    outcome, code, named = surface(path, run_process if case in HEAVY else run_cli)
    assert_one_line_error(outcome, code, str(named))
    assert message in outcome.err.splitlines()[0]


@SURFACES
def test_50_megabyte_file(tmp_path: Path, surface: Surface) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(50 * 2**20)  # sparse: 50 MB of NUL bytes without writing them
    outcome, code, named = surface(path, run_process)
    assert_one_line_error(outcome, code, str(named))
    assert f"larger than the {MAX_FILE_BYTES:,}-byte limit" in outcome.err


@SURFACES
@pytest.mark.parametrize("tag", TAGS)
def test_tags_are_refused_and_never_run(tmp_path: Path, surface: Surface, tag: str) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "tagged.yaml"
    path.write_text(f"category: {tag.format(marker=marker)}\n", encoding="utf-8")
    outcome, code, named = surface(path, run_cli)
    assert_one_line_error(outcome, code, str(named))
    assert "is not allowed: only plain YAML data is read" in outcome.err
    assert not marker.exists()


def test_bom_is_accepted_in_an_answers_file(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text("\ufeffcategory: bags\n", encoding="utf-8")
    outcome = run_cli([*EVALUATE, "--answers", str(path)])
    assert_clean(outcome, 0)


def test_bom_is_accepted_in_a_pack_file(pack_copy: Path) -> None:
    first = sorted(pack_copy.glob("*.yaml"))[0]
    first.write_bytes(b"\xef\xbb\xbf" + first.read_bytes())
    assert_clean(run_cli([*EVALUATE, "--rules", str(pack_copy)]), 0)


def test_directory_instead_of_an_answers_file(tmp_path: Path) -> None:
    outcome = run_cli([*EVALUATE, "--answers", str(tmp_path)])
    assert_one_line_error(outcome, INPUT_ERROR, str(tmp_path))
    assert "is a directory" in outcome.err


def test_file_instead_of_a_pack_directory(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text("pack: {}\n", encoding="utf-8")
    outcome = run_cli([*EVALUATE, "--rules", str(path)])
    assert_one_line_error(outcome, INPUT_ERROR, str(path))
    assert "directory not found" in outcome.err


def test_directory_named_like_a_pack_file_is_skipped(pack_copy: Path) -> None:
    (pack_copy / "zz-not-a-file.yaml").mkdir()
    assert_clean(run_cli([*EVALUATE, "--rules", str(pack_copy)]), 0)


@pytest.fixture
def unreadable(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """Make a file unreadable: chmod 000, or, as root (who reads anything), a refused open."""

    def deny(path: Path) -> None:
        path.chmod(0)
        if os.geteuid() == 0:
            real_open = Path.open

            def refuse(self: Path, *args: object, **kwargs: object) -> object:
                if self == path:
                    raise PermissionError(13, "Permission denied", str(self))
                return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

            monkeypatch.setattr(Path, "open", refuse)

    return deny


def test_unreadable_answers_file(tmp_path: Path, unreadable: Callable[[Path], None]) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text("category: shoes\n", encoding="utf-8")
    unreadable(path)
    outcome = run_cli([*EVALUATE, "--answers", str(path)])
    assert_one_line_error(outcome, INPUT_ERROR, str(path))
    assert "Permission denied" in outcome.err


def test_unreadable_pack_file(pack_copy: Path, unreadable: Callable[[Path], None]) -> None:
    path = pack_copy / "pack.yaml"
    unreadable(path)
    outcome = run_cli([*EVALUATE, "--rules", str(pack_copy)])
    assert_one_line_error(outcome, PACK_ERROR, str(path))
    assert "Permission denied" in outcome.err
