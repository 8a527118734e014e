"""Build the trusted built-in pack's dataclasses from plain YAML data, without pydantic.

Importing pydantic and building its validators costs more than the rest of a
run, and the built-in pack is validated with pydantic in CI (tests compare both
paths). This builder accepts only data of exactly the expected shape, checks
the same limits, and raises `Unexpected` on anything else, so the loader falls
back to pydantic, which either accepts the data the same way or reports it.
"""

from __future__ import annotations

import datetime as dt
import types
from dataclasses import MISSING, fields, is_dataclass
from functools import cache
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

from merchant_cli.constraints import Described, Limits, alias
from merchant_cli.models import (
    CONDITION_KINDS,
    Compare,
    Comparison,
    Id,
    TaggedUnion,
    condition_kind,
)

T = TypeVar("T")
_SCALARS = (str, float, bool)


class Unexpected(Exception):
    """The data is not what this builder handles; validate it with pydantic instead."""


def build(kind: type[T], data: Any) -> T:
    """`data` as a `kind`, exactly as pydantic would build it; raises Unexpected otherwise."""
    try:
        built: T = _value(kind, data)
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise Unexpected(str(exc)) from exc
    return built


@cache
def _fields(kind: Any) -> tuple[tuple[str, str, Any, bool], ...]:
    """(name, YAML key, type, required) of each field of a dataclass."""
    hints = get_type_hints(kind, include_extras=True)
    return tuple(
        (
            f.name,
            alias(f.name),
            hints[f.name],
            f.default is MISSING and f.default_factory is MISSING,
        )
        for f in fields(kind)
    )


def _value(hint: Any, data: Any) -> Any:
    origin = get_origin(hint)
    if origin is Annotated:
        return _annotated(hint, data)
    if origin in (Union, types.UnionType):
        return _union(get_args(hint), data)
    if origin is Literal:
        if not any(type(data) is type(a) and data == a for a in get_args(hint)):
            raise Unexpected(f"{data!r} is not one of {get_args(hint)}")
        return data
    if origin in (list, tuple, dict):
        return _collection(origin, get_args(hint), data)
    if hint is Compare:
        return Compare.of(_value(dict[Id, Comparison], data))
    if isinstance(hint, type) and is_dataclass(hint):
        return _dataclass(hint, data)
    return _scalar(hint, data)


def _annotated(hint: Any, data: Any) -> Any:
    base, *marks = get_args(hint)
    if any(isinstance(mark, TaggedUnion) for mark in marks):
        return _value(CONDITION_KINDS[condition_kind(data)], data)
    value = _value(base, data)
    for mark in marks:
        if isinstance(mark, Limits) and not mark.accepts(value):
            raise Unexpected(f"{value!r} is not within {mark}")
        if not isinstance(mark, Limits | Described):
            raise Unexpected(f"unknown annotation {mark!r}")
    return value


def _union(options: tuple[Any, ...], data: Any) -> Any:
    if data is None and type(None) in options:
        return None
    rest = [o for o in options if o is not type(None)]
    if len(rest) == 1:
        return _value(rest[0], data)
    kind = float if type(data) is int else type(data)  # pydantic makes an int a float here
    if all(o in _SCALARS for o in rest) and kind in rest:
        return _scalar(kind, data)
    raise Unexpected(f"{data!r} does not fit {options}")


def _collection(origin: type, args: tuple[Any, ...], data: Any) -> Any:
    if origin is dict:
        if type(data) is not dict:
            raise Unexpected(f"expected a mapping, got {data!r}")
        return {_value(args[0], k): _value(args[1], v) for k, v in data.items()}
    if type(data) is not list:
        raise Unexpected(f"expected a list, got {data!r}")
    if origin is list:
        return [_value(args[0], item) for item in data]
    if len(args) == 2 and args[1] is Ellipsis:
        return tuple(_value(args[0], item) for item in data)
    if len(args) != len(data):
        raise Unexpected(f"expected {len(args)} items, got {data!r}")
    return tuple(_value(a, item) for a, item in zip(args, data, strict=True))


def _dataclass(kind: Any, data: Any) -> Any:
    if type(data) is not dict:
        raise Unexpected(f"expected a mapping for {kind.__name__}, got {data!r}")
    known = _fields(kind)
    unknown = set(data) - {key for _, key, _, _ in known}
    if unknown:
        raise Unexpected(f"unknown keys {sorted(map(str, unknown))} in {kind.__name__}")
    values = {}
    for name, key, hint, required in known:
        if key in data:
            values[name] = _value(hint, data[key])
        elif required:
            raise Unexpected(f"{kind.__name__} lacks {key!r}")
    return kind(**values)


def _scalar(hint: Any, data: Any) -> Any:
    if hint is float and type(data) is int:
        return float(data)
    if hint in (str, float, bool, int, dt.date) and type(data) is hint:
        return data
    raise Unexpected(f"{data!r} is not a {hint}")
