"""The trusted builder on mutated built-in data: it builds what pydantic builds, or falls back."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from merchant_cli.builder import Unexpected, build
from merchant_cli.loader import builtin_pack_dir
from merchant_cli.models import PackFile
from merchant_cli.validation import parse
from merchant_cli.yamlio import iter_yaml_files, load_file
from tests.robustness.conftest import cases, count
from tests.robustness.strategies import values
from tests.robustness.test_fuzz_packs import mutate, node_paths

DATA = {path.name: load_file(path).data for path in iter_yaml_files(builtin_pack_dir())}


def _build(data: Any) -> PackFile | None:
    try:
        return build(PackFile, data)
    except Unexpected:
        return None


def _validate(data: Any) -> PackFile | None:
    try:
        return parse(PackFile, data)
    except ValidationError:
        return None


@cases(1.0)
@given(st.data(), st.integers(1, 3))
def test_mutated_builtin_data_builds_as_pydantic_does_or_falls_back(
    data: st.DataObject, changes: int
) -> None:
    count("packs: trusted builder")
    document = copy.deepcopy(DATA[data.draw(st.sampled_from(sorted(DATA)), label="file")])
    for _ in range(changes):
        paths = [p for p in node_paths(document) if p]
        if not paths:
            break
        document = mutate(
            document,
            data.draw(st.sampled_from(paths), label="path"),
            data.draw(st.sampled_from(["replace", "drop", "rename", "duplicate", "stringify"])),
            data.draw(values(), label="value"),
            data.draw(st.sampled_from(["id", "in_", "when", "points", "x"]) | st.text(max_size=8)),
        )
    fast = _build(document)
    if fast is not None:  # never accepts what pydantic rejects, never builds differently
        assert repr(fast) == repr(_validate(document))
