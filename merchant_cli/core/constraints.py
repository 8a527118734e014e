"""Field limits declared once on the models, applied by pydantic.

Nothing here imports pydantic: its hooks run only when a TypeAdapter is first
built (validating a pack that is not in the cache, generating a schema), so
importing the models stays cheap.
"""

from __future__ import annotations

import re
from dataclasses import fields
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from merchant_cli.core.record import Record, record

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema


def alias(name: str) -> str:
    """The YAML key of a field: `in_` is written `in` (Python keywords get a trailing `_`)."""
    return name.removesuffix("_")


class Strict(Record):
    """Base of every model: pydantic rejects unknown keys and reads keywords by their alias."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {
        "extra": "forbid",
        "alias_generator": alias,
        "populate_by_name": True,
    }


@record
class Limits(Record):
    """Length, range and pattern limits of a str, list or number (pydantic's core schema keys)."""

    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    ge: float | None = None
    le: float | None = None
    gt: float | None = None
    strict: bool | None = None
    """A number must be written as one: `true` or `"5"` is not read as 1 or 5."""

    def given(self) -> dict[str, Any]:
        return {
            f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None
        }

    def accepts(self, value: Any) -> bool:
        """Whether `value` (already of the field's type) is within every limit."""
        if self.min_length is not None and len(value) < self.min_length:
            return False
        if self.max_length is not None and len(value) > self.max_length:
            return False
        if self.pattern is not None and re.fullmatch(self.pattern, value) is None:
            return False
        if self.gt is not None and not value > self.gt:
            return False
        if self.strict and isinstance(value, bool | str):
            return False
        return (self.ge is None or value >= self.ge) and (self.le is None or value <= self.le)

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        schema: Any = {**handler(source), **self.given()}
        return schema  # type: ignore[no-any-return]


class Described(NamedTuple):
    """A field's description, shown in the generated schema reference."""

    text: str

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {**handler(schema), "description": self.text}
