"""Find, read and validate a rule pack; report every problem with file:line:col.

A pack is a directory of YAML files, each a mapping of sections (see
`models.PackFile`). Overlays are further directories whose files are merged on
top: they may add items and replace a built-in item by reusing its id.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from merchant_cli.core.constraints import alias
from merchant_cli.core.errors import PackError, PackNotFound, Problem, bounded
from merchant_cli.core.models import PackFile, PackMeta, Sections
from merchant_cli.core.pack import RulePack
from merchant_cli.core.said import excerpt
from merchant_cli.packs import packcache
from merchant_cli.packs.documents import Document, Mark, YamlProblem, format_path
from merchant_cli.packs.origins import Marks, Origin
from merchant_cli.packs.yamlio import decode, iter_yaml_files, parse, read_bytes

if TYPE_CHECKING:
    from pydantic import ValidationError

SECTIONS = tuple(f.name for f in fields(Sections))
"""The list sections of a pack file, merged across files by id."""
_KEY = {"cases": "name"}
KIND_OF_SECTION = {"derived": "question"}
"""How messages name an item of a section, where not the section's singular (a derived
fact is referred to as a question)."""
_UNKNOWN_KEY = ("extra_forbidden", "unexpected_keyword_argument")
"""pydantic's error types for a key no field has (the latter from dataclasses)."""
RULES_ENV = "MERCHANT_CLI_RULES"


def builtin_pack_dir() -> Path:
    """The pack shipped in the wheel, or the repository's `rules/` when run from a checkout."""
    package = Path(__file__).resolve().parent.parent
    shipped = package / "_rules"
    return shipped if shipped.is_dir() else package.parent / "rules"


def default_pack_dir() -> Path:
    """`MERCHANT_CLI_RULES` when set, else the built-in pack."""
    env = os.environ.get(RULES_ENV)
    return Path(env) if env else builtin_pack_dir()


def load_pack(
    directory: Path | None = None,
    overlays: Sequence[Path] = (),
    *,
    cache: bool = True,
    follow_links: bool = False,
) -> RulePack:
    """Load, merge and check a pack; raises PackError listing every problem found.

    Every pack, built-in or not, is validated by pydantic. A valid pack is stored
    in the cache (`packcache`) under a key of its files' names and bytes; the next
    load of the same files reads it back without parsing or validating. `cache=False`
    (`rules validate`, which reports every place) always reads the files. A pack file
    that is a link to a file outside its folder is refused unless `follow_links`.
    """
    layers = (directory or default_pack_dir(), *overlays)
    files = [_read_files(layer, follow_links) for layer in layers]
    readable = all(isinstance(raw, bytes) for found in files for _, raw in found)
    where = packcache.cache_dir() if cache and readable else None
    secret = packcache.secret(where) if where else None
    entry = packcache.Entry(where, layers, _named(files), secret) if where and secret else None
    pack = entry.read() if entry else None
    if pack is None:
        pack = _load(layers, files)
        if entry:
            entry.write(pack)
    return pack


def pack_warnings(pack: RulePack) -> list[Problem]:
    """The non-fatal findings about a loaded pack (for `rules validate`)."""
    from merchant_cli.packs.checks import check_pack

    return [p for p in check_pack(pack) if p.severity != "error"]


_Files = list[tuple[Path, "bytes | YamlProblem"]]
"""A layer's files, each with its bytes or why they could not be read."""


def _read_files(layer: Path, follow_links: bool) -> _Files:
    if not layer.is_dir():  # nothing to validate: the user named the wrong folder
        raise PackNotFound(str(layer))
    return [(path, _bytes_of(path, layer, follow_links)) for path in iter_yaml_files(layer)]


def _bytes_of(path: Path, layer: Path, follow_links: bool) -> bytes | YamlProblem:
    try:
        if not follow_links and os.path.islink(path):
            _check_inside(path, layer)
        return read_bytes(path)
    except YamlProblem as exc:  # reported when the layer is read, in file order
        return exc


def _check_inside(link: Path, layer: Path) -> None:
    """A pack shared by someone else may link a file of it to one of the user's (a key, a
    password file), whose lines its error messages would quote: such a link is refused."""
    target = os.path.realpath(link)
    folder = os.path.realpath(layer)
    if os.path.commonpath([target, folder]) != folder:
        message = (
            f"is a link to {target}, outside the pack folder: not read "
            "(pass --follow-links to read it)"
        )
        raise YamlProblem(str(link), Mark(1, 1), message)


def _named(files: list[_Files]) -> list[list[tuple[str, bytes]]]:
    return [[(p.name, raw) for p, raw in found if isinstance(raw, bytes)] for found in files]


def _load(layers: Sequence[Path], files: list[_Files]) -> RulePack:
    """The pack read, validated, merged and checked from its files."""
    problems: list[Problem] = []
    documents: list[tuple[int, Document, PackFile]] = []
    left_out = _LeftOut()
    for number, (layer, found) in enumerate(zip(layers, files, strict=True)):
        read: list[Problem] = []
        valid = list(_read_layer(layer, found, read, left_out))
        problems.extend(bounded(read))
        documents.extend((number, doc, content) for doc, content in valid)
    unreadable = bool(problems)
    pack = _merge(documents, problems, complain_if_no_meta=not unreadable)
    if pack is not None:
        from merchant_cli.packs.checks import check_pack

        problems.extend(p for p in check_pack(pack) if not _echo(p, left_out))
    if any(p.severity == "error" for p in problems) or pack is None:
        raise PackError(problems)
    return pack


def _read_layer(
    layer: Path, found: _Files, problems: list[Problem], left_out: _LeftOut
) -> Iterable[tuple[Document, PackFile]]:
    """The layer's valid files; `left_out` collects what the invalid ones declare and mention.

    A file that fails its schema is reported and left out; references to its items
    elsewhere are then not reported again as unknown (one typo, one message).
    """
    if not found:
        problems.append(Problem(str(layer), 1, 1, "no *.yaml files in the rule pack directory"))
    for path, raw in found:
        try:
            if isinstance(raw, YamlProblem):
                raise raw
            document = parse(decode(raw, str(path)), str(path))
        except YamlProblem as exc:
            problems.append(Problem(exc.file, exc.mark.line, exc.mark.column, exc.message))
            continue
        parsed = validate_document(document, problems)
        if parsed is not None:
            yield document, parsed
        else:
            left_out.declared.update(_ids_written(document.data))
            left_out.mentioned.update(_strings(document.data))


class _LeftOut:
    """What the files that failed their schema declare (kind, id) and mention (any string)."""

    def __init__(self) -> None:
        self.declared: set[tuple[str, str]] = set()
        self.mentioned: set[str] = set()


def _echo(problem: Problem, left_out: _LeftOut) -> bool:
    """A finding that only repeats a left-out file's error: an id it declared is
    "unknown", or an item it mentions (a rule's platform, its evidence) looks unused."""
    from merchant_cli.packs.checks import UNKNOWN, UNUSED

    if problem.subject is None:
        return False
    if problem.kind == UNKNOWN:
        return problem.subject in left_out.declared
    return problem.kind == UNUSED and problem.subject[1] in left_out.mentioned


def _ids_written(data: Any) -> Iterator[tuple[str, str]]:
    """(kind, id) of every item a file's raw data declares, e.g. ("observation", "A13")."""
    if not isinstance(data, dict):
        return
    for name in SECTIONS:
        items = data.get(name)
        key = _KEY.get(name, "id")
        for item in items if isinstance(items, list) else ():
            if isinstance(item, dict) and isinstance(item.get(key), str):
                yield KIND_OF_SECTION.get(name, name.removesuffix("s")), item[key]


def _strings(data: Any) -> Iterator[str]:
    """Every string value in raw data (what a left-out file mentions)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def validate_document(document: Document, problems: list[Problem]) -> PackFile | None:
    """Validate one file against `PackFile`, turning pydantic errors into located Problems."""
    data: Any = {} if document.data is None else document.data
    if not isinstance(data, dict):
        problems.append(Problem(document.file, 1, 1, "a pack file must be a mapping of sections"))
        return None
    from pydantic import ValidationError

    from merchant_cli.packs.validation import parse as validate

    try:
        return validate(PackFile, data)
    except ValidationError as exc:
        problems.extend(bounded(located_errors(document, exc)))
        return None


def located_errors(document: Document, exc: ValidationError) -> list[Problem]:
    """One Problem per pydantic error, placed at the YAML node it concerns."""
    found = []
    for error in exc.errors(include_url=False):
        path = document.resolve(error["loc"])
        mark = document.mark(path)
        message = error["msg"].removeprefix("Value error, ")
        missing = [p for p in error["loc"][len(path) :] if isinstance(p, str)]
        if error["type"] in _UNKNOWN_KEY and error["loc"]:
            message = f"unknown key {excerpt(error['loc'][-1])}"
        elif error["type"] == "missing" and missing:
            message = f"missing required key {excerpt(missing[-1])}"
        elif error["type"] == "too_short" and error["loc"][-1:] == ("evidence",):
            message = "`evidence` needs at least one observation id: every rule cites its source"
        found.append(Problem(document.file, mark.line, mark.column, message, format_path(path)))
    return found


def _merge(
    files: list[tuple[int, Document, PackFile]],
    problems: list[Problem],
    *,
    complain_if_no_meta: bool = True,
) -> RulePack | None:
    """Concatenate sections; within a layer ids are unique, a later layer replaces by id."""
    meta: PackMeta | None = None
    duplicates: list[Problem] = []
    sections: dict[str, dict[str, Any]] = {name: {} for name in SECTIONS}
    origins: dict[tuple[str, str], Origin] = {}
    layer_of: dict[tuple[str, str], int] = {}
    for layer, document, content in files:
        marks = Marks(document.file, document)
        if content.pack is not None:
            given = document.data["pack"]
            meta = content.pack if meta is None else replace(meta, **_set(content.pack, given))
        for name in SECTIONS:
            key = _KEY.get(name, "id")
            for index, item in enumerate(getattr(content, name)):
                ident = getattr(item, key)
                where = Origin(marks, (name, index))
                if layer_of.get((name, ident)) == layer:
                    file, line, col = where.locate(key)
                    first = ":".join(map(str, origins[(name, ident)].locate(key)[:2]))
                    duplicates.append(
                        Problem(
                            file,
                            line,
                            col,
                            f"duplicate {name[:-1]} id {excerpt(ident)}; first defined at {first}",
                            format_path((name, index, key)),
                        )
                    )
                sections[name][ident] = item  # a later file (an overlay) replaces by id
                origins[(name, ident)] = where
                layer_of[(name, ident)] = layer
    problems.extend(bounded(duplicates))
    if meta is None:
        if not complain_if_no_meta:  # the file that had it failed and was reported
            return None
        first = files[0][1].file if files else "rules"
        problems.append(
            Problem(first, 1, 1, "no `pack:` section (name, version, as_of) in any file")
        )
        return None
    unknown: list[Problem] = []
    _disable(files, sections, unknown)
    problems.extend(bounded(unknown))
    return RulePack(
        meta=meta,
        origins=origins,
        **{name: tuple(items.values()) for name, items in sections.items()},
    )


def _disable(
    files: list[tuple[int, Document, PackFile]],
    sections: dict[str, dict[str, Any]],
    problems: list[Problem],
) -> None:
    """Drop the rules and cases named in any file's `disable:`; naming neither is an error.

    An overlay that adds a platform may make a built-in case's claim about the others
    untrue (who leads once Kuaishou competes): it switches that case off by name."""
    from merchant_cli.packs.checks import suggest

    known = [*sections["rules"], *sections["cases"]]
    for _, document, content in files:
        for index, ident in enumerate(content.disable):
            if ident in known:
                sections["rules"].pop(ident, None)
                sections["cases"].pop(ident, None)
                continue
            file, line, col = Origin(Marks(document.file, document), ("disable", index)).locate()
            message = f"cannot disable unknown rule or case {excerpt(ident)}{suggest(ident, known)}"
            problems.append(Problem(file, line, col, message, format_path(("disable", index))))


def _set(meta: PackMeta, given: dict[str, Any]) -> dict[str, Any]:
    """The fields of `meta` its file wrote (`given` is that file's `pack:` mapping)."""
    return {
        f.name: getattr(meta, f.name) for f in fields(meta) if {f.name, alias(f.name)} & set(given)
    }
