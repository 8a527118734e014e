"""Read YAML as plain data with the position of every node, and nothing else.

PyYAML's loaders build objects recursively, accept duplicate keys silently and
expand aliases without limit. Rule packs and answers files may come from other
people, so this module walks the parser's event stream itself: it keeps each
node's line and column (for `file:line:col` messages), rejects every tag that
is not plain YAML data, duplicate keys, excessive nesting and alias expansion,
and never constructs anything but str, int, float, bool, None, date, list, dict.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import yaml

try:
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - pure-Python fallback when libyaml is missing
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

MAX_FILE_BYTES = 2_000_000
"""Largest file accepted; rule packs and answers files are a few kilobytes."""
MAX_DEPTH = 64
"""Deepest nesting of lists and mappings; real packs need fewer than 15 levels."""
MAX_NODES = 200_000
"""Most nodes a document may expand to, counting every alias's copy (alias bombs)."""
CHARS_PER_NODE = 100
"""A scalar counts one node more per this many characters, so aliases of long text are bounded."""

_SCALAR_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "str", "timestamp")
}
_COLLECTION_TAGS = {"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_STR = "tag:yaml.org,2002:str"

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Mark:
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
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read_text(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 file (BOM allowed) with a size limit; errors are YamlProblems."""
    name = str(path)
    try:
        if path.is_dir():
            raise YamlProblem(name, Mark(1, 1), "is a directory, expected a file")
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise FileMissing(name) from None
    except OSError as exc:
        raise YamlProblem(name, Mark(1, 1), f"cannot read: {exc.strerror or exc}") from None
    return _decoded(raw, name, max_bytes)


def read_stream(stream: BinaryIO, name: str, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Like `read_text`, from an open stream (standard input); `name` is shown in messages."""
    try:
        raw = stream.read(max_bytes + 1)
    except OSError as exc:
        raise YamlProblem(name, Mark(1, 1), f"cannot read: {exc.strerror or exc}") from None
    return _decoded(raw, name, max_bytes)


def _decoded(raw: bytes, name: str, max_bytes: int) -> str:
    """The text of `raw`, within the size limit, UTF-8 (BOM allowed), without NUL."""
    if len(raw) > max_bytes:
        raise YamlProblem(name, Mark(1, 1), f"file is larger than the {max_bytes:,}-byte limit")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(name, Mark(line, 1), "is not UTF-8 text") from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise YamlProblem(name, Mark(line, 1), "contains NUL bytes (binary data?)")
    return text


def load_file(path: Path) -> Document:
    """Read and parse one YAML file."""
    return parse(read_text(path), str(path))


def parse(text: str, file: str) -> Document:
    """Parse one YAML document from `text`; an empty document gives None."""
    builder = _Builder(file)
    try:
        for event in yaml.parse(text, Loader=_Parser):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Mark(mark.line + 1, mark.column + 1) if mark else Mark(1, 1)
        reason = exc.problem or exc.context or "invalid YAML"
        raise YamlProblem(file, where, f"invalid YAML: {reason}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(file, Mark(1, 1), f"invalid YAML: {exc}") from None
    return Document(file, builder.result, builder.marks)


class _Container:
    """A list or mapping being built, with what is needed to finish it."""

    def __init__(self, value: list[Any] | dict[str, Any], path: PathKey, anchor: str | None):
        self.value = value
        self.path = path
        self.anchor = anchor
        self.pending_key: str | None = None
        self.size = 1


class _Builder:
    """Turns parser events into plain data, enforcing the limits in this module."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.stack: list[_Container] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.marks: dict[PathKey, Mark] = {}
        self.result: Any = None
        self.nodes = 0
        self.documents = 0
        self._scalars = yaml.SafeLoader("")

    def _fail(self, event: yaml.Event, message: str) -> YamlProblem:
        return YamlProblem(self.file, _mark_of(event), message)

    def _count(self, event: yaml.Event, size: int) -> None:
        self.nodes += size
        if self.nodes > MAX_NODES:
            raise self._fail(
                event, f"document expands to more than {MAX_NODES:,} nodes (too many aliases?)"
            )

    def _check_tag(self, event: yaml.Event, tag: str | None, allowed: set[str]) -> None:
        if tag is not None and tag not in allowed and tag != "!":
            raise self._fail(event, f"tag {tag!r} is not allowed: only plain YAML data is read")

    def _next_path(self) -> PathKey | None:
        """The path of the next value, or None when the next scalar is a mapping key."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.value, list):
            return (*top.path, len(top.value))
        if top.pending_key is None:
            return None
        return (*top.path, top.pending_key)

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self._fail(event, "expected one YAML document, found several")
        elif isinstance(event, yaml.ScalarEvent):
            self._scalar(event)
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            self._start(event)
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            done = self.stack.pop()
            if done.anchor is not None:
                self.anchors[done.anchor] = (done.value, done.size)
            if self.stack:
                self.stack[-1].size += done.size
        elif isinstance(event, yaml.AliasEvent):
            self._alias(event)

    def _start(self, event: yaml.SequenceStartEvent | yaml.MappingStartEvent) -> None:
        self._check_tag(event, event.tag, _COLLECTION_TAGS)
        path = self._next_path()
        if path is None:
            raise self._fail(event, "mapping keys must be plain strings, not lists or mappings")
        if len(self.stack) >= MAX_DEPTH:
            raise self._fail(event, f"nesting deeper than {MAX_DEPTH} levels")
        self._count(event, 1)
        value: list[Any] | dict[str, Any] = [] if isinstance(event, yaml.SequenceStartEvent) else {}
        self._place(event, path, value)
        self.stack.append(_Container(value, path, event.anchor))

    def _alias(self, event: yaml.AliasEvent) -> None:
        path = self._next_path()
        if path is None:
            raise self._fail(event, "an alias cannot be a mapping key")
        if event.anchor not in self.anchors:
            raise self._fail(event, f"unknown alias *{event.anchor}")
        value, size = self.anchors[event.anchor]
        self._count(event, size)
        if self.stack:
            self.stack[-1].size += size
        self._place(event, path, value)

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        self._check_tag(event, event.tag, _SCALAR_TAGS)
        path = self._next_path()
        size = 1 + len(event.value) // CHARS_PER_NODE
        self._count(event, size)
        if path is None:  # a mapping key: kept as written, so `no:` stays "no"
            top = self.stack[-1]
            assert isinstance(top.value, dict)
            if event.value in top.value:
                raise self._fail(event, f"duplicate key {event.value!r}")
            top.pending_key = event.value
            self.marks[(*top.path, event.value)] = _mark_of(event)
            return
        tag = event.tag
        if tag is None or tag == "!":
            tag = self._scalars.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, event.value, event.implicit
            )
        if tag == _STR:  # most of a pack's scalars: no constructor needed
            value: Any = event.value
        else:
            value = self._construct(event, tag)
        if self.stack:
            self.stack[-1].size += size
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, size)
        self._place(event, path, value)

    def _construct(self, event: yaml.ScalarEvent, tag: str) -> Any:
        """A non-string scalar through PyYAML's safe constructor, finite numbers only."""
        node = yaml.ScalarNode(tag, event.value, None, None, event.style)
        shown = event.value if len(event.value) <= 40 else event.value[:37] + "..."
        try:
            value = self._scalars.construct_object(node)
        except (ValueError, KeyError, AttributeError):  # `2025-02-30`, `!!int x`, 5,000 digits
            raise self._fail(event, f"cannot read {shown!r} as {tag.rsplit(':', 1)[-1]}") from None
        if not _finite(value):
            raise self._fail(event, f"{shown!r} is not a finite number")
        return value

    def _place(self, event: yaml.Event, path: PathKey, value: Any) -> None:
        if path not in self.marks:
            self.marks[path] = _mark_of(event)
        if not self.stack:
            self.result = value
            return
        top = self.stack[-1]
        if isinstance(top.value, list):
            top.value.append(value)
        else:
            assert top.pending_key is not None
            top.value[top.pending_key] = value
            top.pending_key = None


def _finite(value: Any) -> bool:
    """False for NaN, infinities and ints too large for a float (they break arithmetic)."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return True
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _mark_of(event: yaml.Event) -> Mark:
    mark = event.start_mark
    return Mark(mark.line + 1, mark.column + 1) if mark is not None else Mark(1, 1)


def iter_yaml_files(directory: Path) -> Iterator[Path]:
    """The pack's files in a stable order: the *.yaml / *.yml directly in `directory`.

    Sub-folders are not read: a pack is one folder, so pointing at a repository or
    a folder of packs never gathers examples, test data or a virtual env's files.
    Hidden files (editor backups, `.something.yaml`) are not part of a pack either.
    """
    found = [
        p
        for p in directory.iterdir()
        if p.suffix in {".yaml", ".yml"} and not p.name.startswith(".") and p.is_file()
    ]
    yield from sorted(found, key=lambda p: p.name)
