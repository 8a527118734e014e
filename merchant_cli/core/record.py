"""Frozen keyword-only dataclasses whose methods are shared instead of generated per class.

`@dataclass(frozen=True, kw_only=True)` writes and compiles six methods for each
class (`__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__`, `__delattr__`):
for the pack's models that was the largest single cost of a scripted run's
start-up. `@record` keeps the rest of a dataclass (`fields()`, `replace()`,
pydantic's validation, mypy's view of it) and `Record` gives every class the same
behaviour from one set of methods, read off the class's dataclass fields.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, Field, FrozenInstanceError, dataclass, fields
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, overload

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:  # typing_extensions costs ~10 ms to import; the marker only matters to type checkers

    def dataclass_transform(**_: Any) -> Any:
        return lambda decorator: decorator


R = TypeVar("R", bound="Record")


@overload
def record(cls: type[R], /) -> type[R]: ...
@overload
def record(*, kw_only: bool = True) -> Callable[[type[R]], type[R]]: ...
@dataclass_transform(kw_only_default=True, frozen_default=True)
def record(cls: type[R] | None = None, /, *, kw_only: bool = True) -> Any:
    """Make `cls` (a `Record`) a frozen dataclass without generating methods; its fields
    are keyword-only unless `@record(kw_only=False)`."""

    def make(cls: type[R]) -> type[R]:
        return dataclass(init=False, repr=False, eq=False, kw_only=kw_only)(cls)

    return make if cls is None else make(cls)


class Record:
    """What `@dataclass(frozen=True)` would generate, once for all classes."""

    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    def __init__(self, *given: Any, **values: Any) -> None:
        specs = self.__dataclass_fields__
        positional = [name for name, spec in specs.items() if not spec.kw_only]
        if len(given) > len(positional):
            raise TypeError(
                f"{type(self).__qualname__}.__init__() takes {len(positional) + 1} positional "
                f"arguments but {len(given) + 1} were given"
            )
        for name, value in zip(positional, given, strict=False):  # the rest by keyword
            if name in values:
                raise TypeError(
                    f"{type(self).__qualname__}.__init__() got multiple values for argument "
                    f"{name!r}"
                )
            values[name] = value
        for name, spec in specs.items():
            if name in values:
                value = values.pop(name)
            elif spec.default is not MISSING:
                value = spec.default
            elif spec.default_factory is not MISSING:
                value = spec.default_factory()
            else:
                raise TypeError(
                    f"{type(self).__qualname__}.__init__() missing 1 required "
                    f"{'keyword-only ' if spec.kw_only else ''}argument: {name!r}"
                )
            object.__setattr__(self, name, value)
        if values:
            raise TypeError(
                f"{type(self).__qualname__}.__init__() got an unexpected keyword argument "
                f"{next(iter(values))!r}"
            )
        post_init = getattr(self, "__post_init__", None)
        if post_init is not None:
            post_init()

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
        return f"{type(self).__qualname__}({shown})"

    def _compared(self) -> tuple[Any, ...]:
        return tuple(getattr(self, f.name) for f in fields(self) if f.compare)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Record)
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash(self._compared())

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")
