"""The validated rule pack kept on disk as plain data, so a run skips YAML and pydantic.

Reading and validating a pack costs more than the rest of a scripted run, and
the pack rarely changes. After a pack has loaded without errors, the loader
stores it here under a key that hashes everything it was built from: the
tool's version and code, and the name and bytes of every file of every layer.
The next run with the same files reads it back with `marshal`, which builds
only plain values (never code that runs), and turns them into the pack's
dataclasses without calling their validators: the data was validated when it
was stored.

The directory may be shared or planted with traps, so: it is used only when it
is the user's own and no one else can write to it (else one note says why); an
entry is read only from a regular file of the user's (never through a link, never
a FIFO or device), at most `MAX_ENTRY_BYTES`; its checksum is keyed with a secret
kept beside it (`key`, 0600), so an entry anyone else wrote, with any checksum, is
refused; a bad entry is removed and the pack read from its files and stored again.
Entries are written to a temporary file made with `O_EXCL | O_NOFOLLOW` under a
random name and renamed into place, and only the `MAX_ENTRIES` newest are kept.
Nothing here ever fails a run.
"""

from __future__ import annotations

import datetime as dt
import marshal
import os
import stat
import sys
import time

# hashlib itself costs ~5 ms to import (it loads OpenSSL); its blake2b comes from _blake2.
from _blake2 import blake2b
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any, cast

from merchant_cli import __version__
from merchant_cli.core import models
from merchant_cli.core.pack import RulePack
from merchant_cli.core.said import Said, say
from merchant_cli.packs.origins import Marks, Origin

CACHE_DIR_ENV = "MERCHANT_CLI_CACHE_DIR"
"""Where to keep the cache instead of the user's cache directory."""
NO_CACHE_ENV = "MERCHANT_CLI_NO_CACHE"
"""Any non-empty value turns the cache off (nothing read, nothing written)."""
FORMAT = b"merchant-cli pack cache 2\n"
"""The first bytes of every entry; a new layout gets a new number."""
MAX_ENTRY_BYTES = 16 * 2**20
"""Largest entry written or read: a pack of some 30,000 rules (a larger one is not kept)."""
MAX_ENTRIES = 16
"""Entries kept (the most recently written): one per set of pack folders in use."""
STALE_SECONDS = 3600
"""A temporary file this old was left by a run that was killed: it is removed."""
KEY_NAME = "key"
_DIGEST = 32
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_READ = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
"""Never through a link; a FIFO opens at once (and is then refused: not a regular file)."""

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
_NOTES: list[Said] = []


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


def take_notes() -> list[Said]:
    """Why the cache was not used in this run, once (the CLI shows them on stderr)."""
    found = list(dict.fromkeys(_NOTES))
    _NOTES.clear()
    return found


def secret(directory: Path) -> bytes | None:
    """The key of the user's checksums, kept in `directory` (made if missing), or None
    when the directory is not safe to use (a note says why) or cannot be written."""
    try:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        found = os.stat(directory)
    except OSError:
        return None  # not writable, or a file in the way: run without the cache
    reason = _unsafe(found)
    if reason is not None:
        _NOTES.append(say("cache.not_used", path=str(directory), reason=say(reason)))
        return None
    path = directory / KEY_NAME
    key = _read(path, _DIGEST, private=True)
    if key is not None and len(key) == _DIGEST:
        return key
    _remove(path)
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
        with os.fdopen(handle, "wb") as stream:
            stream.write(key := os.urandom(_DIGEST))
    except OSError:
        return None
    return key


def _unsafe(found: os.stat_result) -> str | None:
    """Why a cache directory must not be used: the message key, or None when it is safe."""
    if not stat.S_ISDIR(found.st_mode):
        return "cache.not_a_directory"
    if hasattr(os, "geteuid") and found.st_uid != os.geteuid():
        return "cache.not_owned"
    if found.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "cache.writable_by_others"
    return None


def _read(path: Path, limit: int, *, private: bool = False) -> bytes | None:
    """The bytes of `path` if it is a regular file of the user's (and with `private`, one
    no one else can read) of at most `limit` bytes; else None."""
    try:
        handle = os.open(path, _READ)
    except OSError:
        return None
    try:
        found = os.fstat(handle)
        mine = not hasattr(os, "geteuid") or found.st_uid == os.geteuid()
        shared = private and found.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
        if not stat.S_ISREG(found.st_mode) or not mine or shared or found.st_size > limit:
            return None
        found_bytes = b""
        while chunk := os.read(handle, limit + 1 - len(found_bytes)):
            found_bytes += chunk
        return found_bytes
    except OSError:
        return None
    finally:
        os.close(handle)


def _remove(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


class Entry:
    """The cache entry of one set of layers: its file and the key its content must carry."""

    def __init__(
        self, directory: Path, layers: Sequence[Path], files: PackFiles, secret: bytes
    ) -> None:
        where = blake2b("\0".join(os.path.realpath(p) for p in layers).encode())
        self.path = directory / f"pack-{where.hexdigest()[:32]}.bin"
        self.key = _key(files)
        self.secret = secret
        self.layers = layers
        self.names = [(number, name) for number, found in enumerate(files) for name, _ in found]

    def read(self) -> RulePack | None:
        """The pack stored for exactly these files, or None (missing, stale or bad; a bad
        entry is removed, so the pack stored next takes its place)."""
        stored = _read(self.path, MAX_ENTRY_BYTES)
        if stored is None:
            if os.path.lexists(self.path):  # a link, a FIFO, another's file, too large
                _remove(self.path)
            return None
        start = len(FORMAT) + _DIGEST
        if stored[:start] != FORMAT + self.key:
            return None  # another layout, or these layers' files have changed: rewritten
        payload = stored[start + _DIGEST :]
        if stored != self.contents(payload):
            _remove(self.path)  # damaged, or not written by this user
            return None
        try:
            return self._unpack(marshal.loads(payload))
        except Exception:  # anything malformed: the files are read instead
            _remove(self.path)
            return None

    def contents(self, payload: bytes) -> bytes:
        """What the entry holds for `payload`: the layout, the files' key, the checksum of
        all of it keyed with the user's secret, and the payload."""
        head = FORMAT + self.key
        digest = blake2b(head + payload, digest_size=_DIGEST, key=self.secret).digest()
        return head + digest + payload

    def write(self, pack: RulePack) -> None:
        """Store `pack` atomically (a new temporary file renamed into place); give up silently."""
        try:
            payload = marshal.dumps(self._pack(pack))
        except (TypeError, ValueError):  # not plain data (a bug): the pack is simply not kept
            return
        if len(payload) > MAX_ENTRY_BYTES - 256:
            return  # a pack this large is read from its files each time
        temporary = self.path.with_name(f".{self.path.name}.{os.urandom(8).hex()}.tmp")
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW
            with os.fdopen(os.open(temporary, flags, 0o600), "wb") as stream:
                stream.write(self.contents(payload))
            os.replace(temporary, self.path)
        except OSError:
            _remove(temporary)
            return
        _prune(self.path.parent)

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


def _prune(directory: Path) -> None:
    """Keep the `MAX_ENTRIES` newest entries; remove temporary files of killed runs."""
    entries = []
    now = time.time()
    try:
        with os.scandir(directory) as found:
            for item in found:
                if item.name.endswith(".tmp") and item.name.startswith(".pack-"):
                    if now - item.stat(follow_symlinks=False).st_mtime > STALE_SECONDS:
                        _remove(Path(item.path))
                elif item.name.startswith("pack-") and item.name.endswith(".bin"):
                    entries.append((item.stat(follow_symlinks=False).st_mtime, item.path))
    except OSError:
        return
    for _, path in sorted(entries, reverse=True)[MAX_ENTRIES:]:
        _remove(Path(path))


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
