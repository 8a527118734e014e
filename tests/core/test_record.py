"""`@record` classes behave as `@dataclass(frozen=True)` classes of the same fields do."""

from __future__ import annotations

import dataclasses
from dataclasses import FrozenInstanceError, dataclass, field
from typing import Any

import pytest

from merchant_cli.core.record import Record, record


@record
class Keyed(Record):
    name: str
    size: float = 1
    tags: list[str] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class KeyedDataclass:
    name: str
    size: float = 1
    tags: list[str] = field(default_factory=list)


@record(kw_only=False)
class Placed(Record):
    first: str
    second: int = 2


@dataclass(frozen=True)
class PlacedDataclass:
    first: str
    second: int = 2


def _outcome(make: Any, *args: Any, **kwargs: Any) -> Any:
    """What constructing gives: the fields' values, or the error's type."""
    try:
        made = make(*args, **kwargs)
    except TypeError:
        return TypeError
    return dataclasses.astuple(made)


@pytest.mark.parametrize(
    ("ours", "theirs", "args", "kwargs"),
    [
        (Keyed, KeyedDataclass, (), {"name": "a"}),
        (Keyed, KeyedDataclass, (), {"name": "a", "size": 2.5, "tags": ["x"]}),
        (Keyed, KeyedDataclass, (), {}),
        (Keyed, KeyedDataclass, ("a",), {}),
        (Keyed, KeyedDataclass, (), {"name": "a", "colour": "red"}),
        (Placed, PlacedDataclass, ("a",), {}),
        (Placed, PlacedDataclass, ("a", 3), {}),
        (Placed, PlacedDataclass, ("a",), {"second": 3}),
        (Placed, PlacedDataclass, ("a", 3), {"second": 3}),
        (Placed, PlacedDataclass, ("a", 3, 4), {}),
        (Placed, PlacedDataclass, (), {"second": 3}),
    ],
)
def test_construction_accepts_and_refuses_what_a_dataclass_does(
    ours: Any, theirs: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    assert _outcome(ours, *args, **kwargs) == _outcome(theirs, *args, **kwargs)


def test_repr_equality_hash_and_fields_are_a_dataclass_s() -> None:
    ours, theirs = Placed("a", 3), PlacedDataclass("a", 3)
    assert repr(ours) == repr(theirs).replace("PlacedDataclass", "Placed")
    assert ours == Placed("a", 3) and ours != Placed("a", 4) and ours != theirs
    assert hash(ours) == hash(theirs) == hash(Placed("a", 3))
    assert [f.name for f in dataclasses.fields(ours)] == ["first", "second"]
    assert dataclasses.replace(ours, second=5) == Placed("a", 5)
    assert Keyed(name="a").tags == [] and Keyed(name="a").tags is not Keyed(name="a").tags
    with pytest.raises(TypeError):
        hash(Keyed(name="a"))  # a list field, as with a dataclass


def test_fields_cannot_be_assigned_or_deleted() -> None:
    made = Keyed(name="a")
    with pytest.raises(FrozenInstanceError):
        made.name = "b"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del made.name


def test_post_init_runs_after_the_fields_are_set() -> None:
    @record
    class Checked(Record):
        low: int
        high: int

        def __post_init__(self) -> None:
            if self.low > self.high:
                raise ValueError("low > high")

    assert Checked(low=1, high=2).high == 2
    with pytest.raises(ValueError, match="low > high"):
        Checked(low=3, high=2)
