"""The input options `batch`, `portfolio` and `rules diff` share, and reading their file.

One place defines how a merchants file is named and read, so the three commands accept
the same files (CSV in UTF-8 or GB18030/GBK, JSON Lines, workbooks), flags and answers,
and say the same things about them.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

from merchant_cli.app.batch.readers import (
    ENCODINGS,
    INPUT_FORMATS,
    SHEET_FORMATS,
    Columns,
    Header,
    Lines,
    input_format,
    open_input,
)
from merchant_cli.app.clock import date_argument
from merchant_cli.app.commands.common import input_file, lang_of
from merchant_cli.core.errors import UsageError
from merchant_cli.core.pack import RulePack
from merchant_cli.core.rows import Record, Rejected
from merchant_cli.core.said import NOTHING, Said, say
from merchant_cli.reporters.messages import t, worded
from merchant_cli.reporters.safe import terminal

if TYPE_CHECKING:  # every run builds these options; only a run reading a file needs more
    from merchant_cli.app.batch.chunks import Chunk


def add_input_options(
    parser: argparse.ArgumentParser,
    lang: str,
    *,
    file_option: str | None = None,
    encoding: bool = False,
) -> None:
    """The merchants file (a positional `FILE`, or `file_option` such as `--merchants`), how
    to read it, and the day its chances are dated. With `encoding`, `--encoding` names the
    input's encoding too (for commands that write no CSV, whose `--encoding` is free)."""
    if file_option is None:
        parser.add_argument(
            "file", metavar="FILE", type=input_file, help=t("help.batch_file", lang)
        )
    else:
        parser.add_argument(
            file_option,
            dest="file",
            metavar="FILE",
            type=input_file,
            required=True,
            help=t("help.batch_file", lang),
        )
    parser.add_argument("--input-format", choices=INPUT_FORMATS, help=t("help.input_format", lang))
    names = ["--input-encoding", "--encoding"] if encoding else ["--input-encoding"]
    parser.add_argument(
        *names,
        dest="input_encoding",
        choices=ENCODINGS,
        metavar="ENCODING",
        help=t("help.input_encoding", lang),
    )
    parser.add_argument("--sheet", metavar="NAME", help=t("help.sheet", lang))
    parser.add_argument(
        "--strict-columns", action="store_true", help=t("help.strict_columns", lang)
    )
    parser.add_argument(
        "--today", metavar="YYYY-MM-DD", type=date_argument, help=t("help.today", lang)
    )


def forced_input_encoding(args: argparse.Namespace) -> str | None:
    """The input's encoding if the user named one: `--input-encoding`, or a command's own
    `--encoding` where its output is not CSV (batch's `--encoding` names the encoding of
    the CSV it writes, and otherwise the input's); None: detected."""
    given: str | None = args.input_encoding
    if given is None and getattr(args, "format", None) != "csv":
        given = getattr(args, "encoding", None)
    return given


def file_format(args: argparse.Namespace) -> str:
    """The input's format: `--input-format`, else the file's extension (stdin needs the flag)."""
    if args.file == Path("-") and args.input_format is None:
        raise UsageError(say("batch.stdin_format"))
    return input_format(args.file, args.input_format)


class Input(NamedTuple):
    """A merchants file opened: its columns, and its rows in chunks of whole rows."""

    name: str
    format: str
    """The chunks' format: `csv` (a sheet's rows too) or `jsonl`."""
    columns: Columns
    chunks: Iterator[Chunk]
    whole: bool
    """A file on disk, read in chunks of many rows (by every core); else a pipe, read a
    row a chunk so each row is answered as soon as it arrives."""


@contextmanager
def opened_input(args: argparse.Namespace, pack: RulePack, size: int = 1_000) -> Iterator[Input]:
    """The merchants file of `args`, its header read and checked (a wrong column fails the
    run here, before anything is written), its extra columns named once on stderr."""
    from merchant_cli.app.batch.chunks import read_chunks, sheet_chunks
    from merchant_cli.app.batch.sheets import Sheet

    fmt = file_format(args)
    name = str(args.file)
    if args.sheet is not None and fmt not in SHEET_FORMATS:
        raise UsageError(say("batch.sheet_not_workbook", name=name))
    with ExitStack() as stack:
        if fmt in SHEET_FORMATS:
            sheet = Sheet(args.file, args.sheet)
            header, chunks = sheet_chunks(
                sheet,
                pack.question_by_id,
                size,
                strict=args.strict_columns,
                file_size=input_size(args.file) or 0,
            )
            opened = Input(name, "csv", header.columns, chunks, whole=True)
        else:
            stream = stack.enter_context(open_input(args.file))
            whole = _is_file(stream)
            lines = Lines(stream, name, forced_input_encoding(args))
            header, chunks = read_chunks(
                lines, fmt, pack.question_by_id, size if whole else 1, strict=args.strict_columns
            )
            opened = Input(name, fmt, header.columns, chunks, whole)
        _say_columns(header, name, pack, lang_of(args))
        yield opened


@contextmanager
def input_records(
    args: argparse.Namespace, pack: RulePack
) -> Iterator[Iterator[Record | Rejected]]:
    """Every record of the merchants file in order, read in this process (for commands that
    look at the whole portfolio, not stream it)."""
    from merchant_cli.app.batch.chunks import file_records

    with opened_input(args, pack) as source:
        yield file_records(source.chunks, source.columns, source.format, source.name)


def _say_columns(header: Header, name: str, pack: RulePack, lang: str) -> None:
    """Name, once, the columns that are not questions (carried through) and those without
    a header (not read): never an error, but the user should know."""
    said = []
    extras = header.columns.extras
    if extras:
        near = _near_miss(extras, pack)
        listed = ", ".join(repr(column) for column in extras)
        said.append(say("batch.extra_columns", name=name, columns=listed, suggestion=near))
    if header.blank:
        said.append(say("batch.blank_columns", name=name, columns=", ".join(header.blank)))
    for notice in said:
        sys.stderr.write(worded(notice, lang, terminal) + "\n")


def _near_miss(columns: tuple[str, ...], pack: RulePack) -> Said:
    """`; did you mean 'price'?` for the first column that is a question id mistyped
    (`prise`), else nothing: a column such as `备注` is meant to be extra."""
    import difflib

    for column in columns:
        close = difflib.get_close_matches(column, list(pack.question_by_id), n=1, cutoff=0.8)
        if close:
            return say("cli.did_you_mean", name=repr(close[0]))
    return NOTHING


def _is_file(stream: BinaryIO) -> bool:
    """Whether the input is a file on disk, read in chunks by every core; a pipe or a
    terminal is read row by row in this process, each result written as soon as its row
    arrives (a chunk would wait for rows that may come much later)."""
    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError):  # no file descriptor (a test's stand-in stdin)
        return False


def input_size(path: Path) -> int | None:
    """The input file's size, for the progress bar; None for stdin or when unknown."""
    try:
        return None if path == Path("-") else path.stat().st_size
    except OSError:
        return None
