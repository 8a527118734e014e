"""Read YAML as plain data with the position of every node, and nothing else.

PyYAML's loaders build objects recursively, accept duplicate keys silently and
expand aliases without limit. Rule packs and answers files may come from other
people, so its walker (`yamlwalk`, which imports PyYAML only when a file is
parsed) reads the parser's event stream itself: it keeps each
node's line and column (for `file:line:col` messages), rejects every tag that
is not plain YAML data, duplicate keys, excessive nesting and alias expansion,
and never constructs anything but str, int, float, bool, None, date, list, dict.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from merchant_cli.packs.documents import Document, FileMissing, Mark, YamlProblem

MAX_FILE_BYTES = 2_000_000
"""Largest file accepted; rule packs and answers files are a few kilobytes."""


def read_text(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 file (BOM allowed) with a size limit; errors are YamlProblems."""
    return decode(read_bytes(path, max_bytes=max_bytes), str(path), max_bytes)


def read_bytes(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """A file's bytes, at most one more than `max_bytes` (so `decode` can tell it is too big).

    The loader hashes these bytes for the pack cache and parses the same bytes on a miss.
    """
    name = str(path)
    try:
        if path.is_dir():
            raise YamlProblem(name, Mark(1, 1), "is a directory, expected a file")
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise FileMissing(name) from None
    except OSError as exc:
        raise YamlProblem(name, Mark(1, 1), f"cannot read: {exc.strerror or exc}") from None


def read_stream(stream: BinaryIO, name: str, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Like `read_text`, from an open stream (standard input); `name` is shown in messages."""
    try:
        raw = stream.read(max_bytes + 1)
    except OSError as exc:
        raise YamlProblem(name, Mark(1, 1), f"cannot read: {exc.strerror or exc}") from None
    return decode(raw, name, max_bytes)


def decode(raw: bytes, name: str, max_bytes: int = MAX_FILE_BYTES) -> str:
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
    """Parse one YAML document from `text`; an empty document gives None.

    PyYAML is imported here, by the walker, the first time a file is parsed: a run
    that reads its pack from the cache (`packcache`) never pays for it.
    """
    from merchant_cli.packs.yamlwalk import walk

    return walk(text, file)


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
