"""`portfolio --reports DIR`: one report per scored client, and the index linking them.

Each report is the one `evaluate --format FORMAT --output FILE` writes for the client's
answers (`pipeline.evaluate_report`, the same options), and each file is written
atomically; the index is written last, so it exists only once every report it links does.
A file's name comes from the client's id, made safe (`file_names`): it cannot leave DIR,
name a device (`CON`), hide (`.x`) or meet another client's file, even on a file system
that ignores case, and a Chinese id stays readable.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from merchant_cli.app.outputs import failed, write_atomic
from merchant_cli.app.pipeline import evaluate_report
from merchant_cli.core.errors import OutputError
from merchant_cli.core.portfolio import Portfolio
from merchant_cli.core.profile import Profile
from merchant_cli.core.said import say
from merchant_cli.reporters import RenderOptions, renderer
from merchant_cli.reporters.portfolio import renderer as portfolio_renderer

REPORT_FORMATS = ("html", "markdown", "json")
EXTENSIONS = {"html": ".html", "markdown": ".md", "json": ".json"}
INDEX = "index"
MAX_STEM = 80
"""Characters of an id kept in a file name (80 Chinese characters are 240 bytes: within
every file system's 255)."""
RESERVED = frozenset(
    {INDEX, "con", "prn", "aux", "nul"}
    | {f"{device}{n}" for device in ("com", "lpt") for n in range(1, 10)}
)
"""Names no report may take: the index's, and the devices Windows reserves."""
REPORT_WIDTH = 100
"""As `evaluate` lays out a report written to a file."""


def check_reports_dir(directory: Path, *, force: bool) -> None:
    """Before any work: DIR is new, or an empty directory, or `force` allows writing into it."""
    if not directory.exists():
        return
    if not directory.is_dir():
        raise OutputError(say("portfolio.not_directory", path=directory))
    if not force and any(directory.iterdir()):
        raise OutputError(
            say("portfolio.not_empty", path=directory), hint=say("portfolio.not_empty_hint")
        )


def slug(ident: str | None) -> str:
    """An id as a file name's stem: letters and digits of any script kept (NFC), every run
    of anything else (`/`, `.`, spaces, controls) one `-`, at most MAX_STEM characters."""
    text = unicodedata.normalize("NFC", ident or "")
    return re.sub(r"[\W_]+", "-", text)[:MAX_STEM].strip("-")


def file_names(clients: Iterable[tuple[int, str | None]], extension: str) -> dict[int, str]:
    """Row -> file name for each (row, id): the id's slug, or `row<N>` without one; the row
    is added to a slug that is reserved or taken already (compared without case)."""
    taken: set[str] = set()
    names = {}
    for row, ident in clients:
        stem = slug(ident)
        if not stem or stem.casefold() in RESERVED or stem.casefold() in taken:
            base = f"{stem}-row{row}" if stem else f"row{row}"
            stem, again = base, 2
            while stem.casefold() in taken:
                stem, again = f"{base}-{again}", again + 1
        taken.add(stem.casefold())
        names[row] = stem + extension
    return names


def write_reports(
    portfolio: Portfolio, directory: Path, fmt: str, lang: str, *, force: bool
) -> None:
    """Every scored client's report and the index, in `fmt`."""
    extension = EXTENSIONS[fmt]
    scored = portfolio.scored
    links = file_names(((c.row, c.id) for c in scored), extension)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise failed(directory, exc) from None
    options = RenderOptions(lang=lang, width=REPORT_WIDTH)
    render = renderer(fmt)
    for client in scored:
        assert client.profile is not None
        report = evaluate_report(portfolio.pack, Profile(client.profile), today=portfolio.today)
        write_atomic(directory / links[client.row], render(report, options), force=force)
    index = portfolio_renderer(fmt)(portfolio, options, links)
    write_atomic(directory / f"{INDEX}{extension}", index, force=force)
