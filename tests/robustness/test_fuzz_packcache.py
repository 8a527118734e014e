"""The pack cache reader on damaged entries: it returns the pack or nothing, and never raises."""

from __future__ import annotations

import marshal
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from merchant_cli.core.pack import RulePack
from merchant_cli.packs import packcache
from merchant_cli.packs.loader import builtin_pack_dir, load_pack
from merchant_cli.packs.yamlio import iter_yaml_files
from tests.robustness.conftest import cases, count

LAYERS = [builtin_pack_dir()]
FILES = [[(p.name, p.read_bytes()) for p in iter_yaml_files(LAYERS[0])]]
FRESH = repr(load_pack(LAYERS[0], cache=False))
DIRECTORY = Path(tempfile.mkdtemp(prefix="merchant-cli-fuzz-cache-"))


def _entry() -> tuple[packcache.Entry, bytes]:
    """The built-in pack's entry, freshly written, and its bytes."""
    secret = packcache.secret(DIRECTORY)
    assert secret is not None
    entry = packcache.Entry(DIRECTORY, LAYERS, FILES, secret)
    entry.write(load_pack(LAYERS[0], cache=False))
    return entry, entry.path.read_bytes()


ENTRY, GOOD = _entry()

_tags = st.sampled_from([b"date", b"Rule", b"Text", b"PackMeta", b"RulePack", b"Path", b""])
_plain = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
_data = st.recursive(
    _plain | st.binary(max_size=4),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=4).map(tuple)
        | st.dictionaries(st.text(max_size=4) | st.integers(), inner, max_size=4)
        | st.tuples(_tags, st.dictionaries(st.text(max_size=6), inner, max_size=4))
        | st.tuples(_tags, st.integers())
    ),
    max_leaves=30,
)


def _read(stored: bytes) -> RulePack | None:
    ENTRY.path.write_bytes(stored)
    return ENTRY.read()


@cases(0.5)
@given(st.data())
def test_damaged_bytes_give_the_pack_or_nothing(data: st.DataObject) -> None:
    count("cache: damaged entry")
    stored = bytearray(GOOD)
    for _ in range(data.draw(st.integers(1, 4), label="changes")):
        at = data.draw(st.integers(0, len(stored) - 1), label="at")
        how = data.draw(st.sampled_from(["flip", "cut", "insert"]), label="how")
        if how == "flip":
            stored[at] ^= data.draw(st.integers(1, 255), label="bits")
        elif how == "cut":
            del stored[at:]
        else:
            stored[at:at] = data.draw(st.binary(min_size=1, max_size=8), label="bytes")
        if not stored:
            break
    pack = _read(bytes(stored))
    assert pack is None or repr(pack) == FRESH


@cases(0.5)
@given(_data, _data)
def test_well_formed_entries_of_any_data_never_raise(sections: Any, origins: Any) -> None:
    """Past the key and checksum (as an entry of the user's own might be): any data."""
    count("cache: arbitrary data")
    _read(ENTRY.contents(marshal.dumps((sections, origins))))
