"""The names people give a question or a choice: ids, labels in either language, aliases.

An adviser's sheet says `类目` or `Category` where a flag says `category`, and `鞋类`
where a flag says `shoes`. Every name is compared folded (`fold`): NFKC (full-width
forms become ASCII), case folded, spaces dropped, so `Price`, `ＰＲＩＣＥ` and
`pri ce` name one column.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Protocol


class Named(Protocol):
    """A question, as far as its names go (`models.Question`, which folds them with `fold`)."""

    @property
    def id(self) -> str: ...

    @property
    def names(self) -> tuple[str, ...]: ...

ID_COLUMN = "id"
"""The column (or JSON key) naming each row: not a question."""
ID_NAMES = ("id", "编号", "客户编号", "商家编号")
"""What a header may call the id column (folded: `ID`, `Id` too)."""

_UNIT = r"^(.+?)\s*\([^()]*\)$"
"""A header with its unit in brackets after it, `价格（元）` or `Price (yuan)` (once NFKC
has made full-width brackets ASCII)."""


def fold(text: str) -> str:
    """`text` as names are compared: NFKC, case folded, without any space."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def header_names(questions: Mapping[str, Named]) -> dict[str, str]:
    """Folded header name -> the question id it names (`ID_COLUMN` for the id column).

    The pack's checks refuse two questions claiming one name, so each name has one owner.
    """
    found = {fold(name): ID_COLUMN for name in ID_NAMES}
    for question in questions.values():
        for name in question.names:
            found.setdefault(fold(name), question.id)
    return found


def named(header: str, names: Mapping[str, str]) -> str | None:
    """The question id (or `ID_COLUMN`) `header` names, if any: as written, or without a
    unit in brackets after it (`价格（元）` is `价格`)."""
    folded = fold(header)
    found = names.get(folded)
    if found is None:
        bare = re.match(_UNIT, unicodedata.normalize("NFKC", header).strip())  # `re` caches it
        if bare is not None:
            found = names.get(fold(bare.group(1)))
    return found
