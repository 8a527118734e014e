"""A YAML file read as plain data: the data, the position of every node, and the
problems reading one may raise. Shared by the reader (`yamlio`) and the walker
(`yamlwalk`) so that neither needs the other's imports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from merchant_cli.core.said import clipped

MAX_DEPTH = 64
"""Deepest nesting of lists and mappings; real packs need fewer than 15 levels."""
MAX_NODES = 200_000
"""Most nodes a document may expand to, counting every alias's copy (alias bombs)."""
CHARS_PER_NODE = 100
"""A scalar counts one node more per this many characters, so aliases of long text are bounded."""

PathKey = tuple[str | int, ...]


class Mark(NamedTuple):
    """A 1-based line and column in a file."""

    line: int
    column: int


@dataclass
class Document:
    """Plain data parsed from one file, with the mark of every node by its path."""

    file: str
    data: Any
    marks: dict[PathKey, Mark] = field(default_factory=dict)

    def mark(self, path: PathKey) -> Mark:
        """The mark of `path`, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            found = self.marks.get(path[:end])
            if found is not None:
                return found
        return Mark(1, 1)

    def resolve(self, loc: tuple[Any, ...]) -> PathKey:
        """Map a validation error's location onto a path that exists in the data.

        pydantic inserts segments of its own (union tags, model names); those are
        skipped so the message points at the YAML the user wrote.
        """
        node = self.data
        path: list[str | int] = []
        for part in loc:
            if isinstance(node, dict) and part in node:
                node = node[part]
                path.append(part)
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
                path.append(part)
        return tuple(path)


class YamlProblem(Exception):
    """The file is not acceptable plain YAML; carries the location."""

    def __init__(self, file: str, mark: Mark, message: str) -> None:
        super().__init__(f"{file}:{mark.line}:{mark.column}: {message}")
        self.file = file
        self.mark = mark
        self.message = message


class FileMissing(YamlProblem):
    """The file does not exist: no position in it means anything, so none is shown."""

    def __init__(self, file: str) -> None:
        super().__init__(file, Mark(1, 1), "not found")
        self.args = (f"{file}: not found",)


def format_path(path: PathKey) -> str:
    """`('rules', 3, 'when')` -> `rules[3].when`, as users see paths in messages."""
    out = ""
    for part in path:
        key = clipped(str(part))  # a key may be a line of a linked secret: an excerpt of it
        out += f"[{part}]" if isinstance(part, int) else (f".{key}" if out else key)
    return out
