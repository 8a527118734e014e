"""`merchant-cli batch FILE`: score many merchants from CSV or JSON Lines, streaming."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO

from merchant_cli.batch import Scored, score_records
from merchant_cli.batchio import (
    INPUT_FORMATS,
    OUTPUT_FORMATS,
    CsvWriter,
    JsonLinesWriter,
    Lines,
    Writer,
    input_format,
    read_records,
    rejection_line,
)
from merchant_cli.commands.common import (
    add_command,
    add_format_option,
    add_lang_option,
    add_pack_options,
    input_file,
    lang_of,
    pack_from_args,
)
from merchant_cli.errors import MerchantCliError, UsageError
from merchant_cli.i18n import Said, say, t
from merchant_cli.outputs import atomic_stream, check_writable
from merchant_cli.pack import RulePack

PROGRESS_EVERY = 2_000
"""Rows between progress-bar updates (redrawing per row would cost more than scoring)."""


class Stopped(MerchantCliError):
    """`--fail-fast` met a bad row: nothing is written to `--output`."""

    exit_code = 1


EXAMPLES = """\
examples:
  merchant-cli batch merchants.csv --output scores.jsonl
  merchant-cli batch merchants.jsonl --format csv --rejects bad.txt
  cat merchants.csv | merchant-cli batch - --input-format csv --explain
"""


def add_parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        subparsers,
        "batch",
        help="score many merchants from CSV or JSON Lines",
        description="Score every merchant in FILE (a CSV with a header of question ids, "
        "or JSON Lines of id -> value objects); an `id` column is carried through.",
        epilog=EXAMPLES,
    )
    parser.add_argument("file", metavar="FILE", type=input_file, help="input file, or - for stdin")
    parser.add_argument(
        "--input-format", choices=INPUT_FORMATS, help="input format (default: from extension)"
    )
    add_format_option(parser, OUTPUT_FORMATS, "jsonl")
    parser.add_argument(
        "--output", "-o", metavar="FILE", type=Path, help="write results to FILE (atomically)"
    )
    parser.add_argument("--force", action="store_true", help="replace existing output files")
    parser.add_argument(
        "--explain", action="store_true", help="JSON Lines: add each platform's contributions"
    )
    parser.add_argument(
        "--raw-cells",
        action="store_true",
        help="CSV output: keep text cells starting with = + - @ as they are "
        "(by default a leading ' keeps a spreadsheet from running them as formulas)",
    )
    parser.add_argument(
        "--rejects", metavar="FILE", type=Path, help="write rejected rows to FILE (default: stderr)"
    )
    parser.add_argument(
        "--fail-fast", action="store_true", help="stop at the first bad row, writing no output"
    )
    add_lang_option(parser)
    add_pack_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    pack = pack_from_args(args)
    if args.file == Path("-") and args.input_format is None:
        raise UsageError(say("batch.stdin_format"))
    fmt = input_format(args.file, args.input_format)
    for target in (args.output, args.rejects):
        if target is not None:
            check_writable(target, force=args.force)
    with ExitStack() as stack:
        source = stack.enter_context(_open_input(args.file))
        out = _open_output(stack, args.output, sys.stdout, force=args.force)
        rejects = _open_output(stack, args.rejects, sys.stderr, force=args.force)
        lines = Lines(source, str(args.file))
        writer = _writer(args, pack, out)
        scored, rejected = _score(args, pack, fmt, lines, writer, rejects)
    lang = lang_of(args)
    where = t("batch.see_rejects", lang, path=args.rejects) if rejected and args.rejects else ""
    summary = t("batch.summary", lang, scored=f"{scored:,}", rejected=f"{rejected:,}", where=where)
    sys.stderr.write(summary + "\n")
    return 1 if rejected else 0


def _score(
    args: argparse.Namespace,
    pack: RulePack,
    fmt: str,
    lines: Lines,
    writer: Writer,
    rejects: TextIO,
) -> tuple[int, int]:
    """Stream every row through the scorer; returns (scored, rejected)."""
    from merchant_cli.batchprogress import progress_bar

    name = str(args.file)
    lang = lang_of(args)
    records = read_records(lines, fmt, pack.question_by_id, name)
    scored = rejected = 0
    writer.header()
    with progress_bar(_input_size(args.file), enabled=sys.stderr.isatty()) as progress:
        for outcome in score_records(pack, records):
            if isinstance(outcome, Scored):
                writer.write(outcome)
                scored += 1
            else:
                if args.fail_fast:
                    line = rejection_line(name, outcome).strip()
                    raise Stopped(
                        say(
                            "batch.stopped",
                            line=Said(line, rejection_line(name, outcome, "zh").strip()),
                        )
                    )
                rejected += 1
                progress.say(rejects, rejection_line(name, outcome, lang))
            if (scored + rejected) % PROGRESS_EVERY == 0:
                progress.update(scored + rejected, lines.bytes_read)
    return scored, rejected


def _writer(args: argparse.Namespace, pack: RulePack, out: TextIO) -> Writer:
    if args.format == "csv":
        return CsvWriter(out, [p.id for p in pack.platforms], raw=args.raw_cells)
    return JsonLinesWriter(out, lang=lang_of(args), explain=args.explain)


@contextmanager
def _open_input(path: Path) -> Iterator[BinaryIO]:
    if path == Path("-"):
        yield sys.stdin.buffer
        return
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise UsageError(say("batch.cannot_read", path=path, reason=exc.strerror or exc)) from None
    with handle:
        yield handle


def _open_output(stack: ExitStack, path: Path | None, default: TextIO, *, force: bool) -> TextIO:
    return default if path is None else stack.enter_context(atomic_stream(path, force=force))


def _input_size(path: Path) -> int | None:
    try:
        return None if path == Path("-") else path.stat().st_size
    except OSError:
        return None
