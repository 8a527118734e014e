"""The validated rule pack kept on disk as plain data, so a run skips YAML and pydantic.

Reading and validating a pack costs more than the rest of a scripted run, and
the pack rarely changes. After a pack has loaded without errors, the loader
stores it here under a key that hashes everything it was built from: the
tool's version and code, and the name and bytes of every file of every layer.
The next run with the same files reads it back with `marshal`, which builds
only plain values (never code that runs), and turns them into the pack's
dataclasses without calling their validators: the data was validated when it
was stored.

A cache entry that is missing, stale, corrupt or unreadable is ignored (the
pack is then read from its files and stored again); a cache directory that
cannot be written is skipped. Nothing here ever fails a run.
"""

from __future__ import annotations

import datetime as dt
import marshal
import os
import sys

# hashlib itself costs ~5 ms to import (it loads OpenSSL); its blake2b comes from _blake2.
from _blake2 import blake2b
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any, cast

from merchant_cli import __version__
from merchant_cli.core import models
from merchant_cli.core.pack import RulePack
from merchant_cli.packs.origins import Marks, Origin

CACHE_DIR_ENV = "MERCHANT_CLI_CACHE_DIR"
"""Where to keep the cache instead of the user's cache directory."""
NO_CACHE_ENV = "MERCHANT_CLI_NO_CACHE"
"""Any non-empty value turns the cache off (nothing read, nothing written)."""
FORMAT = b"merchant-cli pack cache 1\n"
"""The first bytes of every entry; a new layout gets a new number."""
_DIGEST = 32

PackFiles = Sequence[Sequence[tuple[str, bytes]]]
"""Per layer, the (name, bytes) of each of its files, in load order."""

_KINDS: dict[bytes, type[Any]] = {
    name.encode(): kind
    for name, kind in vars(models).items()
    if isinstance(kind, type) and is_dataclass(kind) and kind.__module__ == models.__name__
}
"""The only classes an entry can name: the pack's own types."""
_DATE = b"date"
_PLAIN = (str, int, float, bool, type(None))


def cache_dir() -> Path | None:
    """`$MERCHANT_CLI_CACHE_DIR`, else the platform's user cache directory; None when off."""
    env = os.environ
    if env.get(NO_CACHE_ENV):
        return None
    if env.get(CACHE_DIR_ENV):
        return Path(env[CACHE_DIR_ENV])
    if sys.platform == "win32":
        base = env.get("LOCALAPPDATA")
        return Path(base, "merchant-cli", "Cache") if base else None
    xdg = env.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):  # the XDG spec says to ignore a relative path
        return Path(xdg, "merchant-cli")
    home = os.path.expanduser("~")
    return Path(home, ".cache", "merchant-cli") if os.path.isabs(home) else None


class Entry:
    """The cache entry of one set of layers: its file and the key its content must carry."""

    def __init__(self, directory: Path, layers: Sequence[Path], files: PackFiles) -> None:
        where = blake2b("\0".join(os.path.realpath(p) for p in layers).encode())
        self.path = directory / f"pack-{where.hexdigest()[:32]}.bin"
        self.key = _key(files)
        self.layers = layers
        self.names = [(number, name) for number, found in enumerate(files) for name, _ in found]

    def read(self) -> RulePack | None:
        """The pack stored for exactly these files, or None (missing, stale or damaged)."""
        try:
            with open(self.path, "rb") as handle:
                stored = handle.read()
        except OSError:
            return None
        start = len(FORMAT) + _DIGEST
        if stored[:start] != FORMAT + self.key:
            return None  # another layout, or these layers' files have changed
        digest, payload = stored[start : start + _DIGEST], stored[start + _DIGEST :]
        if blake2b(payload, digest_size=_DIGEST).digest() != digest:
            return None  # damaged on disk
        try:
            return self._unpack(marshal.loads(payload))
        except Exception:  # anything malformed: the files are read instead
            return None

    def write(self, pack: RulePack) -> None:
        """Store `pack` atomically (a temporary file renamed into place); give up silently."""
        try:
            payload = marshal.dumps(self._pack(pack))
        except (TypeError, ValueError):  # not plain data (a bug): the pack is simply not kept
            return
        digest = blake2b(payload, digest_size=_DIGEST).digest()
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            os.makedirs(self.path.parent, mode=0o700, exist_ok=True)
            with open(temporary, "wb") as handle:
                handle.write(FORMAT + self.key + digest + payload)
            os.replace(temporary, self.path)
        except OSError:
            try:
                os.unlink(temporary)
            except OSError:
                pass

    def _pack(self, pack: RulePack) -> tuple[Any, ...]:
        files = {name: index for index, name in enumerate(self._files())}
        origins = {
            item: (files[cast(Origin, o).marks.file], o.path) for item, o in pack.origins.items()
        }
        sections = {
            f.name: _encode(getattr(pack, f.name)) for f in fields(pack) if f.name != "origins"
        }
        return sections, origins

    def _unpack(self, stored: tuple[Any, ...]) -> RulePack:
        sections, origins = stored
        values = {name: _decode(value) for name, value in sections.items()}
        return RulePack(**values, origins=LazyOrigins(self._files(), origins))

    def _files(self) -> list[str]:
        """Each file's name as this run spells it (the layer as given, then the file name)."""
        return [str(self.layers[number] / name) for number, name in self.names]


class LazyOrigins(Mapping[tuple[str, str], Origin]):
    """A cached pack's origins: (section, id) -> (file number, path), made into an Origin
    (whose file is parsed for its marks only if a message asks where an item is)."""

    def __init__(self, files: list[str], stored: dict[tuple[str, str], tuple[int, Any]]) -> None:
        self._marks = [Marks(file) for file in files]
        self._stored = stored

    def __getitem__(self, item: tuple[str, str]) -> Origin:
        number, path = self._stored[item]
        return Origin(self._marks[number], path)

    def __contains__(self, item: object) -> bool:
        return item in self._stored

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._stored)

    def __len__(self) -> int:
        return len(self._stored)


def _key(files: PackFiles) -> bytes:
    """What a stored pack depends on: this tool's version and code, and every file's name
    and bytes, layer by layer (any change, even a rename, gives another key)."""
    key = blake2b(digest_size=_DIGEST)
    key.update(f"{FORMAT!r} {__version__} {sys.version}\0".encode())
    key.update(_code_stamp())
    for number, found in enumerate(files):
        for name, raw in found:
            key.update(f"{number}\0{name}\0{len(raw)}\0".encode())
            key.update(raw)
    return key.digest()


def _code_stamp() -> bytes:
    """The size and modification time of each module of the pack's types (core) and its
    validation (packs): a checkout whose code was edited (the version unchanged) does not
    reuse packs validated by the old code."""
    package = os.path.dirname(os.path.dirname(__file__))
    stats = []
    for layer in ("core", "packs"):
        with os.scandir(os.path.join(package, layer)) as entries:
            stats += [
                (layer, e.name, e.stat().st_size, e.stat().st_mtime_ns)
                for e in entries
                if e.name.endswith(".py")
            ]
    return repr(sorted(stats)).encode()


def _encode(value: Any) -> Any:
    """Marshal-ready plain data: a model is (b"ClassName", {field: value}), a date
    (b"date", ordinal); bytes never occur in a pack, so the tags cannot be mistaken."""
    if type(value) is dt.date:
        return (_DATE, value.toordinal())
    if is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__.encode()
        if _KINDS.get(name) is not type(value):
            raise TypeError(f"not a pack type: {value!r}")
        return (name, {f.name: _encode(getattr(value, f.name)) for f in fields(value)})
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_encode(item) for item in value)
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    if not isinstance(value, _PLAIN):
        raise TypeError(f"not plain data: {value!r}")
    return value


def _decode(value: Any) -> Any:
    """`_encode` undone. A model is made without its `__init__`: its validators already ran
    when the pack was stored. Any other type or class name raises (the entry is ignored)."""
    kind = type(value)
    if kind is tuple:
        if value and type(value[0]) is bytes:
            tag, content = value
            if tag == _DATE:
                return dt.date.fromordinal(content)
            model = _KINDS[tag]
            made = object.__new__(model)
            made.__dict__.update({name: _decode(item) for name, item in content.items()})
            return made
        return tuple(_decode(item) for item in value)
    if kind is list:
        return [_decode(item) for item in value]
    if kind is dict:
        return {key: _decode(item) for key, item in value.items()}
    if kind not in _PLAIN:
        raise TypeError(f"unexpected {kind.__name__} in the pack cache")
    return value
