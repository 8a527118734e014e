"""Fuzz rule packs: arbitrary YAML, and the built-in pack with values, keys and items mutated.

A pack may come from anyone. Every command that reads one must either work or
report the pack invalid (exit 3); a pack that loads must score and test cleanly.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from merchant_cli.packs.loader import builtin_pack_dir
from tests.robustness.conftest import (
    INPUT_ERROR,
    PACK_ERROR,
    assert_clean,
    cases,
    count,
    run_cli,
)
from tests.robustness.strategies import VALID, values

Path_ = tuple[str | int, ...]

ORIGINAL = {p.name: p.read_text(encoding="utf-8") for p in builtin_pack_dir().glob("*.yaml")}
PARSED = {name: yaml.safe_load(text) for name, text in ORIGINAL.items()}

COMMANDS: list[tuple[list[str], tuple[int, ...]]] = [
    (["evaluate", "--no-input", "--format", "json", *VALID], (0, INPUT_ERROR, PACK_ERROR)),
    (["rules", "validate", "--format", "json"], (0, PACK_ERROR)),
    (["rules", "test"], (0, 1, PACK_ERROR)),
    (["questions", "--format", "json"], (0, PACK_ERROR)),
    (["rules", "list"], (0, PACK_ERROR)),
]


def node_paths(node: Any, prefix: Path_ = ()) -> Iterator[Path_]:
    """Every path in a parsed document, the root included."""
    yield prefix
    children = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in children:
        yield from node_paths(child, (*prefix, key))


def parent_of(data: Any, path: Path_) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def mutated(original: Any, data: st.DataObject, changes: int, keys: list[str]) -> Any:
    """A copy of `original` with `changes` random edits drawn from `data` (keys from `keys`)."""
    document = copy.deepcopy(original)
    for _ in range(changes):
        paths = [p for p in node_paths(document) if p]
        if not paths:
            break
        document = mutate(
            document,
            data.draw(st.sampled_from(paths), label="path"),
            data.draw(st.sampled_from(["replace", "drop", "rename", "duplicate", "stringify"])),
            data.draw(values(), label="value"),
            data.draw(st.sampled_from(keys) | st.text(max_size=8)),
        )
    return document


def mutate(data: Any, path: Path_, kind: str, value: Any, key: str) -> Any:
    """`data` with one change at `path`: a new value, a dropped or renamed key, a copied item."""
    parent, last = parent_of(data, path), path[-1]
    if kind == "replace":
        parent[last] = value
    elif kind == "drop":
        del parent[last]
    elif kind == "rename" and isinstance(parent, dict):
        parent[key] = parent.pop(last)
    elif kind == "duplicate" and isinstance(parent, list) and isinstance(last, int):
        parent.insert(last, copy.deepcopy(parent[last]))
    elif kind == "stringify":
        parent[last] = json.dumps(parent[last], default=str)
    return data


@pytest.fixture(scope="module")
def pack_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A writable copy of the built-in pack; each case rewrites one file and restores it."""
    directory = tmp_path_factory.mktemp("fuzzpack")
    for name, text in ORIGINAL.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def run_with_file(pack_dir: Path, name: str, text: str, command: int) -> None:
    target = pack_dir / name
    target.write_text(text, encoding="utf-8", errors="surrogatepass")
    argv, codes = COMMANDS[command]
    try:
        outcome = run_cli([*argv, "--rules", str(pack_dir)])
    finally:
        if name in ORIGINAL:
            target.write_text(ORIGINAL[name], encoding="utf-8")
        else:
            target.unlink()
    assert_clean(outcome, *codes)
    if outcome.code == PACK_ERROR:
        assert str(pack_dir) in outcome.out + outcome.err, "a pack error names the file"


commands = st.integers(0, len(COMMANDS) - 1)


@cases(0.3)
@given(st.data(), st.integers(1, 3), commands)
def test_mutated_builtin_pack(
    pack_dir: Path, data: st.DataObject, changes: int, command: int
) -> None:
    count("packs: mutated built-in")
    name = data.draw(st.sampled_from(sorted(PARSED)), label="file")
    document = mutated(PARSED[name], data, changes, ["id", "when", "points", "platform", "x"])
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    run_with_file(pack_dir, name, text, command)


@cases(0.15)
@given(st.dictionaries(st.text(max_size=10), values(), max_size=6) | values(), commands)
def test_arbitrary_yaml_as_a_pack_file(pack_dir: Path, document: Any, command: int) -> None:
    count("packs: arbitrary YAML")
    text = yaml.safe_dump(document, allow_unicode=True)
    run_with_file(pack_dir, "zz-fuzz.yaml", text, command)


@cases(0.15)
@given(st.text(), commands)
def test_arbitrary_text_as_a_pack_file(pack_dir: Path, text: str, command: int) -> None:
    count("packs: arbitrary text")
    run_with_file(pack_dir, "zz-fuzz.yaml", text, command)
