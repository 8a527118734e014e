"""Generated inputs shared by the fuzz tests: valid flags, odd numbers, values of any type."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

VALID_ANSWERS: dict[str, Any] = {
    "category": "shoes",
    "price": 24.9,
    "notes_per_week": 0,
    "videos_per_week": 2,
    "live_hours_per_week": 40,
}
"""Every required answer of the built-in pack (a Guangzhou-style shoe factory)."""
VALID = [
    arg
    for key, value in VALID_ANSWERS.items()
    for arg in ("--" + key.replace("_", "-"), str(value))
]
"""The same answers as the contract's dedicated flags."""

SPECIAL_NUMBERS = [
    "nan", "NaN", "-nan", "inf", "-inf", "Infinity", ".inf", "1e309", "-1e309", "1e-400",
    "0", "-0", "-1", "", "   ", "1_000", "0x1A", "0o17", "12元", "１２", "٣", "1,5", "1.5.5",
    "9" * 5000, "1" + "0" * 400, "true", "null", "~", "[]", "{}", "\x00", "\udcff",
]  # fmt: skip


def scalars() -> st.SearchStrategy[Any]:
    """Single values of every type a YAML or JSON file can hold, and some it cannot."""
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(-(10**400), 10**400),
        st.floats(),
        st.text(),
        st.sampled_from(SPECIAL_NUMBERS),
        st.dates(),
    )


def values() -> st.SearchStrategy[Any]:
    """Scalars, lists and mappings nested a few levels."""
    return st.recursive(
        scalars(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=8,
    )
