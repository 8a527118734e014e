"""The input options `batch`, `portfolio` and `rules diff` share, and reading their file.

One place defines how a merchants file is named and read, so the three commands accept
the same files, flags and answers, and say the same things about them.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from merchant_cli.app.batch.readers import INPUT_FORMATS, Lines, input_format, open_input
from merchant_cli.app.clock import date_argument
from merchant_cli.app.commands.common import input_file
from merchant_cli.core.batch import Record, Rejected
from merchant_cli.core.errors import UsageError
from merchant_cli.core.pack import RulePack
from merchant_cli.core.said import say
from merchant_cli.reporters.messages import t


def add_input_options(
    parser: argparse.ArgumentParser, lang: str, *, file_option: str | None = None
) -> None:
    """The merchants file (a positional `FILE`, or `file_option` such as `--merchants`), how
    to read it, and the day its chances are dated."""
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
    parser.add_argument(
        "--today", metavar="YYYY-MM-DD", type=date_argument, help=t("help.today", lang)
    )


def file_format(args: argparse.Namespace) -> str:
    """The input's format: `--input-format`, else the file's extension (stdin needs the flag)."""
    if args.file == Path("-") and args.input_format is None:
        raise UsageError(say("batch.stdin_format"))
    return input_format(args.file, args.input_format)


@contextmanager
def input_records(
    args: argparse.Namespace, pack: RulePack
) -> Iterator[Iterator[Record | Rejected]]:
    """Every record of the merchants file in order, read in this process (for commands that
    look at the whole portfolio, not stream it)."""
    from merchant_cli.app.batch.chunks import file_records

    fmt = file_format(args)
    with open_input(args.file) as source:
        yield file_records(Lines(source, str(args.file)), fmt, pack.question_by_id)
