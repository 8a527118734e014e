"""The YAML event walker behind `yamlio.parse`: the only module that imports PyYAML.

It is imported on first parse, so a run whose pack comes from the cache never
loads PyYAML. The limits it enforces are declared in `documents`.
"""

from __future__ import annotations

import math
from typing import Any

import yaml

from merchant_cli.core.said import clipped, excerpt
from merchant_cli.packs.documents import (
    CHARS_PER_NODE,
    MAX_DEPTH,
    MAX_NODES,
    Document,
    Mark,
    PathKey,
    YamlProblem,
)

try:
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - pure-Python fallback when libyaml is missing
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

_SCALAR_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "str", "timestamp")
}
_COLLECTION_TAGS = {"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_STR = "tag:yaml.org,2002:str"


def walk(text: str, file: str) -> Document:
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
            message = f"tag {excerpt(tag)} is not allowed: only plain YAML data is read"
            raise self._fail(event, message)

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
            raise self._fail(event, f"unknown alias *{clipped(str(event.anchor))}")
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
                raise self._fail(event, f"duplicate key {excerpt(event.value)}")
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
