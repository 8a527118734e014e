"""The built-in pack is built without pydantic, equal to pydantic's build; all else is validated."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Iterator
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest

import merchant_cli.validation
from merchant_cli.builder import Unexpected, build
from merchant_cli.cli import main
from merchant_cli.loader import builtin_pack_dir, load_pack
from merchant_cli.models import Comparison, PackFile
from merchant_cli.validation import parse
from merchant_cli.yamlio import iter_yaml_files, load_file

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "merchant-shoe-factory.yaml"
OVERLAY = ROOT / "examples" / "overlay-kuaishou"
BASE = Path(__file__).parent / "data" / "packs" / "base"
FILES = [*iter_yaml_files(builtin_pack_dir()), *iter_yaml_files(OVERLAY)]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_both_paths_build_equal_files(path: Path) -> None:
    data = load_file(path).data
    fast, validated = build(PackFile, data), parse(PackFile, data)
    assert fast == validated
    assert repr(fast) == repr(validated)  # also tells 5 from 5.0 and True from 1


def test_both_paths_load_equal_builtin_packs() -> None:
    fast = load_pack(builtin_pack_dir())
    validated = load_pack(builtin_pack_dir(), trust_builtin=False)
    assert repr(fast) == repr(validated)


@pytest.mark.parametrize(
    "data",
    [
        {"lt": "80"},  # pydantic would coerce the string
        {"lt": True},
        {"in_": [1]},  # the field name instead of its YAML key
        {"lt": 1, "gt": 2},  # two operators: __post_init__ refuses
        {"between": [1]},
        {"eq": 10**400},
    ],
)
def test_anything_unexpected_is_left_to_pydantic(data: dict[str, Any]) -> None:
    with pytest.raises(Unexpected):
        build(Comparison, data)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """The kinds pydantic was asked to validate while the test ran."""
    calls: list[Any] = []

    def spy(kind: Any, data: Any) -> Any:
        calls.append(kind)
        return parse(kind, data)

    monkeypatch.setattr(merchant_cli.validation, "parse", spy)
    yield calls


def test_the_builtin_pack_alone_is_not_validated_by_pydantic(parses: list[Any]) -> None:
    load_pack(builtin_pack_dir())
    assert parses == []


@pytest.mark.parametrize(
    "layers",
    [(BASE, ()), (builtin_pack_dir(), (OVERLAY,))],
    ids=["other-pack", "builtin-with-overlay"],
)
def test_every_other_pack_is_validated_by_pydantic(
    parses: list[Any], layers: tuple[Path, tuple[Path, ...]]
) -> None:
    directory, overlays = layers
    load_pack(directory, overlays)
    assert len(parses) == len([*iter_yaml_files(directory), *overlays])


def test_rules_validate_validates_the_builtin_pack_with_pydantic(parses: list[Any]) -> None:
    with redirect_stdout(io.StringIO()):
        assert main(["rules", "validate"]) == 0
    assert len(parses) == len(list(iter_yaml_files(builtin_pack_dir())))


def test_evaluate_does_not_import_pydantic() -> None:
    script = (
        "import sys\n"
        "from merchant_cli.cli import main\n"
        f"argv = ['evaluate', '--answers', {str(EXAMPLE)!r}, '--no-input', '--format', 'json']\n"
        "code = main(argv)\n"
        "assert code == 0, code\n"
        "assert 'pydantic.main' not in sys.modules\n"
        "print(sorted(m for m in sys.modules if m.startswith('pydantic')), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"
