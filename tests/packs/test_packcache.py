"""The pack cache: the pack its files give, re-read when anything changes, never an error."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import merchant_cli.packs.validation
from merchant_cli.core.models import PackMeta
from merchant_cli.core.pack import RulePack
from merchant_cli.packs import packcache
from merchant_cli.packs.loader import builtin_pack_dir, load_pack
from merchant_cli.packs.packcache import CACHE_DIR_ENV, NO_CACHE_ENV, cache_dir
from merchant_cli.packs.validation import parse
from merchant_cli.packs.yamlio import iter_yaml_files
from tests.conftest import CORE, DATA, ROOT

OVERLAY = ROOT / "examples" / "overlay-kuaishou"
BASE = DATA / "packs" / "base"
LAYERS = {
    "builtin": (builtin_pack_dir(), ()),
    "builtin-with-overlay": (builtin_pack_dir(), (OVERLAY,)),
    "other-pack": (BASE, ()),
}


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache directory of this test's own."""
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """The kinds pydantic was asked to validate while the test ran."""
    calls: list[Any] = []

    def spy(kind: Any, data: Any) -> Any:
        calls.append(kind)
        return parse(kind, data)

    monkeypatch.setattr(merchant_cli.packs.validation, "parse", spy)
    yield calls


def _places(pack: RulePack) -> dict[tuple[str, str], tuple[str, int, int]]:
    return {item: pack.origins[item].locate() for item in pack.origins}


@pytest.mark.parametrize("name", LAYERS)
def test_a_cached_pack_equals_the_pack_read_from_its_files(cache: Path, name: str) -> None:
    directory, overlays = LAYERS[name]
    fresh = load_pack(directory, overlays, cache=False)
    stored = load_pack(directory, overlays)  # reads the files and stores the pack
    cached = load_pack(directory, overlays)
    assert len(_entries(cache)) == 1
    assert repr(cached) == repr(stored) == repr(fresh)  # also tells 5 from 5.0, list from tuple
    assert cached == fresh
    assert _places(cached) == _places(fresh)  # each item's file:line:col, parsed on demand


def test_every_pack_is_validated_by_pydantic_once_then_read_from_the_cache(
    cache: Path, validations: list[Any]
) -> None:
    load_pack(builtin_pack_dir())
    assert len(validations) == len(list(iter_yaml_files(builtin_pack_dir())))
    load_pack(builtin_pack_dir())
    assert len(validations) == len(list(iter_yaml_files(builtin_pack_dir())))


def test_rules_validate_always_reads_the_files(
    cache: Path, validations: list[Any], capsys: pytest.CaptureFixture[str]
) -> None:
    from merchant_cli.app.cli import main

    load_pack(builtin_pack_dir())
    validations.clear()
    assert main(["rules", "validate"]) == 0
    assert len(validations) == len(list(iter_yaml_files(builtin_pack_dir())))
    capsys.readouterr()


def _copy(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(BASE, pack)
    return pack


def test_a_changed_or_renamed_file_is_read_again(cache: Path, tmp_path: Path) -> None:
    pack = _copy(tmp_path)
    meta = pack / "pack.yaml"
    assert load_pack(pack).meta.version == "0.1"
    meta.write_text(meta.read_text().replace('version: "0.1"', 'version: "0.2"'))
    assert load_pack(pack).meta.version == "0.2"
    meta.rename(pack / "zz-pack.yaml")  # the same bytes under another name
    files = {origin.locate()[0] for origin in load_pack(pack).origins.values()}
    assert str(pack / "zz-pack.yaml") in files and str(meta) not in files


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b"",
        lambda b: b"garbage",
        lambda b: b[: len(b) // 2],
        lambda b: b[:-1] + bytes([b[-1] ^ 1]),  # one bit of the payload
        lambda b: b[:30] + bytes([b[30] ^ 1]) + b[31:],  # one bit of the key
    ],
    ids=["empty", "garbage", "truncated", "payload-bit", "key-bit"],
)
def test_a_damaged_entry_is_ignored_and_rewritten(cache: Path, damage: Any) -> None:
    fresh = load_pack(BASE)
    (entry,) = _entries(cache)
    good = entry.read_bytes()
    entry.write_bytes(damage(good))
    assert repr(load_pack(BASE)) == repr(fresh)
    assert entry.read_bytes() == good


def test_an_entry_of_unexpected_data_is_ignored(cache: Path) -> None:
    """A well-formed entry (right key and checksum) whose data is not a pack: e.g. a class
    that is not a pack type, or a code object (never run, but refused all the same)."""
    load_pack(BASE)
    (path,) = _entries(cache)
    entry = _entry(cache)
    assert entry.path == path
    code = compile("1", "cache", "eval")
    payloads: list[Any] = [(b"RulePack", {}), ({"meta": (b"Path", {})}, {}), ({"meta": code}, {})]
    for payload in payloads:
        _store(entry, payload)
        assert entry.read() is None


def _store(entry: packcache.Entry, data: Any) -> None:
    import marshal

    entry.path.write_bytes(entry.contents(marshal.dumps(data)))


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("pack-*.bin"))


def _entry(cache: Path, layer: Path = BASE) -> packcache.Entry:
    """The entry of the pack in `layer` alone, as the loader makes it."""
    secret = packcache.secret(cache)
    assert secret is not None
    files = [[(p.name, p.read_bytes()) for p in iter_yaml_files(layer)]]
    return packcache.Entry(cache, [layer], files, secret)


def test_an_unwritable_cache_directory_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    monkeypatch.setenv(CACHE_DIR_ENV, str(blocked / "cache"))
    assert load_pack(BASE).meta.name
    assert load_pack(BASE).meta.name


def test_the_cache_can_be_turned_off(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NO_CACHE_ENV, "1")
    load_pack(BASE)
    assert not cache.exists()


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("linux", {"XDG_CACHE_HOME": "/xdg"}, Path("/xdg/merchant-cli")),
        ("linux", {"XDG_CACHE_HOME": "rel", "HOME": "/h"}, Path("/h/.cache/merchant-cli")),
        ("linux", {"HOME": "/h/u"}, Path("/h/u/.cache/merchant-cli")),
        ("darwin", {"HOME": "/Users/u"}, Path("/Users/u/.cache/merchant-cli")),
        ("win32", {"LOCALAPPDATA": "/appdata"}, Path("/appdata/merchant-cli/Cache")),
        ("linux", {CACHE_DIR_ENV: "/mine", "XDG_CACHE_HOME": "/xdg"}, Path("/mine")),
        ("linux", {NO_CACHE_ENV: "1", CACHE_DIR_ENV: "/mine"}, None),
        ("win32", {}, None),
    ],
)  # fmt: skip
def test_where_the_cache_lives(
    monkeypatch: pytest.MonkeyPatch, platform: str, env: dict[str, str], expected: Path | None
) -> None:
    for name in (CACHE_DIR_ENV, NO_CACHE_ENV, "XDG_CACHE_HOME", "LOCALAPPDATA", "HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "platform", platform)
    assert cache_dir() == expected


def _evaluate_in_a_process(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`evaluate` with flags only (an answers file would be YAML to parse), and which of
    PyYAML and pydantic it imported, on stderr."""
    script = (
        "import sys\n"
        "from merchant_cli.app.cli import main\n"
        f"code = main(['evaluate', *{CORE!r}, '--no-input', '--format', 'json'])\n"
        "assert code == 0, code\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('yaml', 'pydantic'))\n"
        "print(repr(loaded), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    return done


def test_a_cache_hit_imports_neither_pydantic_nor_yaml(cache: Path) -> None:
    env = {**os.environ, CACHE_DIR_ENV: str(cache), "NO_COLOR": "1"}
    first = _evaluate_in_a_process(env)
    second = _evaluate_in_a_process(env)
    assert "pydantic" in first.stderr and "yaml" in first.stderr
    assert second.stderr.strip().splitlines()[-1] == "[]"
    assert second.stdout == first.stdout
    uncached = _evaluate_in_a_process({**env, NO_CACHE_ENV: "1"})
    assert uncached.stdout == first.stdout


def test_defaults_survive_the_cache(cache: Path) -> None:
    """Fields left to their defaults (a dict made by a factory) come back equal, not shared."""
    meta = load_pack(BASE).meta
    cached = load_pack(BASE).meta
    assert isinstance(cached, PackMeta) and cached == meta
    assert cached.strengths is not meta.strengths


def test_a_pack_that_is_not_plain_data_is_not_kept(cache: Path) -> None:
    """Only a programming error could put another object in a pack; the run goes on."""
    pack = dataclasses.replace(load_pack(BASE, cache=False), cases=({"a", "set"},))  # type: ignore[arg-type]
    entry = _entry(cache)
    entry.write(pack)
    assert not entry.path.exists()


# --- a cache directory others can reach (issue 20, finding 6) -------------------------


def _list_rules() -> Any:
    """`rules list` of the base pack in a process of its own, bounded in time and memory."""
    from tests.robustness.conftest import run_process

    return run_process(["rules", "list", "--rules", str(BASE)])


@pytest.mark.parametrize("trap", ["fifo", "link-to-dev-zero", "directory"])
def test_an_entry_that_is_no_regular_file_is_replaced(cache: Path, trap: str) -> None:
    """Finding 6: an entry that is a FIFO hung every run; a link to /dev/zero read until
    memory ran out. Now neither is opened for reading, and a good entry takes its place."""
    path = _entry(cache).path
    if trap == "fifo":
        os.mkfifo(path)
    elif trap == "directory":
        path.mkdir()
    else:
        path.symlink_to("/dev/zero")
    first = _list_rules()
    assert first.code == 0 and "alpha-shoes" in first.out, first.err
    assert first.err == ""
    if trap != "directory":  # a directory in the way is left alone (the pack is read each time)
        assert path.is_file() and not path.is_symlink()
        assert _entry(cache).read() is not None


def _doctored(entry: packcache.Entry, points: Any) -> None:
    """The entry as someone without the user's secret would write it: the pack with its
    first rule's points changed, and an unkeyed checksum over the payload."""
    import marshal

    stored = entry.path.read_bytes()
    start = len(packcache.FORMAT) + 2 * 32
    sections, origins = marshal.loads(stored[start:])
    name, rule = sections["rules"][0]
    sections["rules"] = (
        (name, {**rule, "points": points}),
        *sections["rules"][1:],
    )
    payload = marshal.dumps((sections, origins))
    for digest in (hashlib.blake2b(payload, digest_size=32).digest(), stored[start - 32 : start]):
        entry.path.write_bytes(stored[: start - 32] + digest + payload)
        assert entry.read() is None  # neither checksum is the user's keyed one
        assert not entry.path.exists()  # and the entry is removed, to be written again
        entry.path.write_bytes(stored[: start - 32] + digest + payload)


@pytest.mark.parametrize("points", [60, "a lot"])
def test_an_entry_written_by_anyone_else_is_refused_and_replaced(
    cache: Path, points: Any
) -> None:
    """Finding 6: the checksum was unkeyed, so a doctored entry (a rule raised to 60
    points) was accepted silently; one that broke the models failed every later run."""
    load_pack(BASE)
    entry = _entry(cache)
    _doctored(entry, points)
    for _ in range(2):
        pack = load_pack(BASE)
        assert pack.rules[0].points == 10
    assert entry.read() is not None  # a good entry again


def test_a_planted_link_at_a_temporary_name_is_never_followed(cache: Path, tmp_path: Path) -> None:
    """Finding 6: the temporary name was `.<entry>.<pid>.tmp`, opened without O_EXCL or
    O_NOFOLLOW: a link planted there made the user overwrite a file of their own."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    path = _entry(cache).path
    for pid in {os.getpid(), *range(os.getpid() - 64, os.getpid() + 64)}:
        (cache / f".{path.name}.{pid}.tmp").symlink_to(victim)
    load_pack(BASE)
    assert victim.read_text() == "precious\n"
    assert path.is_file()


@pytest.mark.parametrize("mode", [0o777, 0o775, 0o722], ids=["777", "775", "722"])
def test_a_directory_others_can_write_is_not_used(
    cache: Path, mode: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """Finding 6: the folder's owner and mode were never checked: in a shared
    `MERCHANT_CLI_CACHE_DIR` anyone could plant entries and links."""
    from merchant_cli.app.cli import main

    cache.mkdir()
    cache.chmod(mode)
    assert main(["rules", "list", "--rules", str(BASE)]) == 0
    assert main(["rules", "list", "--rules", str(BASE)]) == 0
    err = capsys.readouterr().err.splitlines()
    note = f"merchant-cli: the pack cache {cache} is not used: other users can write to it"
    assert len(err) == 2 and all(line.startswith(note) for line in err)  # once a run
    assert list(cache.iterdir()) == []


def test_a_key_others_could_read_is_replaced(cache: Path) -> None:
    load_pack(BASE)
    key = cache / packcache.KEY_NAME
    assert key.stat().st_mode & 0o777 == 0o600
    old = key.read_bytes()
    key.chmod(0o644)
    load_pack(BASE)
    assert key.stat().st_mode & 0o777 == 0o600 and key.read_bytes() != old


def test_only_the_newest_entries_and_no_stale_temporary_files_are_kept(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding 11: nothing ever removed an entry, or a temporary file of a killed run."""
    monkeypatch.setattr(packcache, "MAX_ENTRIES", 2)
    load_pack(BASE)
    stale = cache / ".pack-0123.bin.0123456789abcdef.tmp"
    stale.write_bytes(b"half an entry")
    os.utime(stale, (1, 1))
    layers = [_copy(tmp_path / str(n)) for n in range(3)]
    for layer in layers:
        load_pack(layer)
    assert {p.name for p in _entries(cache)} == {_entry(cache, n).path.name for n in layers[1:]}
    assert not stale.exists()


def test_a_pack_too_large_for_the_cache_is_read_from_its_files(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding 11: a 100,000-rule pack left a 45 MB entry; entries are now bounded."""
    monkeypatch.setattr(packcache, "MAX_ENTRY_BYTES", 1_000, raising=False)
    assert load_pack(BASE).rules
    assert _entries(cache) == []
