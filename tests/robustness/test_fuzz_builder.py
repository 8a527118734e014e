"""The trusted builder on mutated built-in data: it builds what pydantic builds, or falls back."""

from __future__ import annotations

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
from tests.robustness.test_fuzz_packs import mutated

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
    original = DATA[data.draw(st.sampled_from(sorted(DATA)), label="file")]
    document = mutated(original, data, changes, ["id", "in_", "when", "points", "x"])
    fast = _build(document)
    if fast is not None:  # never accepts what pydantic rejects, never builds differently
        assert repr(fast) == repr(_validate(document))
