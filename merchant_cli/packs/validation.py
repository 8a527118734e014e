"""pydantic validation of the models, imported only when a pack is read from its files."""

from __future__ import annotations

from typing import Any, TypeVar, overload

from pydantic import TypeAdapter

T = TypeVar("T")
_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


def adapter(kind: Any) -> TypeAdapter[Any]:
    """The TypeAdapter of a model or type, built once (building one costs milliseconds)."""
    if kind not in _ADAPTERS:
        _ADAPTERS[kind] = TypeAdapter(kind)
    return _ADAPTERS[kind]


@overload
def parse(kind: type[T], data: Any) -> T: ...
@overload
def parse(kind: Any, data: Any) -> Any: ...
def parse(kind: Any, data: Any) -> Any:
    """`data` validated as a `kind` (e.g. `parse(Rule, {...})`); raises pydantic.ValidationError."""
    return adapter(kind).validate_python(data)
