"""`merchant-cli batch FILE`: score many merchants from CSV or JSON Lines, streaming."""

from __future__ import annotations

import argparse
import io
import os
import sys
from contextlib import ExitStack, closing
from pathlib import Path
from typing import TextIO

from merchant_cli.app.batch.sinks import Results, TextResults, WorkbookResults
from merchant_cli.app.batch.work import Settings
from merchant_cli.app.batch.writers import ENCODINGS, OUTPUT_FORMATS, rejection, rejection_line
from merchant_cli.app.clock import report_date
from merchant_cli.app.commands.common import (
    add_command,
    add_lang_option,
    add_output_format_option,
    add_pack_options,
    lang_of,
    output_format,
    pack_from_args,
)
from merchant_cli.app.commands.inputs import (
    Input,
    add_input_options,
    file_format,
    input_size,
    opened_input,
)
from merchant_cli.app.outputs import (
    STDERR,
    STDOUT,
    atomic_binary,
    atomic_stream,
    check_writable,
    writing,
)
from merchant_cli.core.errors import MerchantCliError, UsageError
from merchant_cli.core.pack import RulePack
from merchant_cli.core.rows import Rejected
from merchant_cli.core.said import say, verbatim
from merchant_cli.reporters.messages import t
from merchant_cli.reporters.safe import terminal

CHUNK_ROWS = 2_000
"""Rows sent to a worker at once, and between progress-bar updates: enough to make the
cost of a hand-over small, few enough that the bar moves and memory stays small."""


class Stopped(MerchantCliError):
    """`--fail-fast` met a bad row: nothing is written to `--output`."""

    exit_code = 1


def add_parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], lang: str) -> None:
    parser = add_command(
        subparsers,
        "batch",
        help=t("help.batch", lang),
        description=t("help.batch_description", lang),
        epilog=t("help.batch_examples", lang),
    )
    add_input_options(parser, lang)
    add_output_format_option(parser, OUTPUT_FORMATS, lang)
    parser.add_argument(
        "--output", "-o", metavar="FILE", type=Path, help=t("help.batch_output", lang)
    )
    parser.add_argument("--force", action="store_true", help=t("help.batch_force", lang))
    parser.add_argument("--encoding", choices=ENCODINGS, help=t("help.batch_encoding", lang))
    parser.add_argument("--explain", action="store_true", help=t("help.explain", lang))
    parser.add_argument("--raw-cells", action="store_true", help=t("help.raw_cells", lang))
    parser.add_argument("--rejects", metavar="FILE", type=Path, help=t("help.rejects", lang))
    parser.add_argument("--fail-fast", action="store_true", help=t("help.fail_fast", lang))
    parser.add_argument(
        "--jobs",
        "-j",
        metavar="N",
        type=jobs_count,
        default=default_jobs(),
        help=t("help.jobs", lang),
    )
    add_lang_option(parser, lang)
    add_pack_options(parser, lang)
    parser.set_defaults(handler=run)


def default_jobs() -> int:
    """The cores this process may run on (its CPU affinity, where the system has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def jobs_count(value: str) -> int:
    """`--jobs N`: a whole number of processes, at least 1."""
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise UsageError(say("batch.bad_jobs", value=repr(value)))
    return jobs


def run(args: argparse.Namespace) -> int:
    pack = pack_from_args(args)
    file_format(args)  # a file of no known format fails before the outputs are checked
    args.format = output_format(args.output, args.format, OUTPUT_FORMATS)
    if args.format == "xlsx" and args.output is None:
        raise UsageError(say("batch.xlsx_needs_output"))
    for target in (args.output, args.rejects):
        if target is not None:
            check_writable(target, force=args.force)
    with ExitStack() as stack:
        source = stack.enter_context(opened_input(args, pack, CHUNK_ROWS))
        out = _open_results(stack, args)
        rejects = _open_output(stack, args.rejects, sys.stderr, force=args.force)
        scored, rejected = _score(args, pack, source, out, rejects)
    lang = lang_of(args)
    shown = terminal(str(args.rejects))
    where = t("batch.see_rejects", lang, path=shown) if rejected and args.rejects else ""
    summary = t("batch.summary", lang, scored=f"{scored:,}", rejected=f"{rejected:,}", where=where)
    sys.stderr.write(summary + "\n")
    return 1 if rejected else 0


def _score(
    args: argparse.Namespace,
    pack: RulePack,
    source: Input,
    out: Results,
    rejects: TextIO,
) -> tuple[int, int]:
    """Stream every row through the scorers, writing results in input order; returns
    (scored, rejected)."""
    from merchant_cli.app.batch.pool import PackSource, scored_chunks
    from merchant_cli.app.batch.progress import progress_bar

    name = source.name
    lang = lang_of(args)
    out_name = STDOUT if args.output is None else verbatim(str(args.output))
    rejects_name = STDERR if args.rejects is None else verbatim(str(args.rejects))
    jobs = args.jobs if source.whole else 1
    settings = Settings(
        name,
        source.format,
        source.columns,
        args.format,
        lang,
        args.explain,
        args.raw_cells,
        args.fail_fast,
        report_date(args.today),
    )
    with writing(out_name):
        out.start(pack, settings)
    pack_source = PackSource(args.rules, tuple(args.rules_overlay), args.follow_links)
    scored = rejected = 0
    with (
        scored_chunks(source.chunks, jobs, pack, pack_source, settings) as results,
        progress_bar(input_size(args.file), enabled=sys.stderr.isatty(), lang=lang) as progress,
    ):  # workers are started before the bar's thread: a fork copies no running thread
        for done in results:
            with writing(out_name):
                out.write(done)
            scored += done.scored
            for outcome in done.rejected:
                if args.fail_fast:
                    raise _stopped(name, outcome)
                rejected += 1
                with writing(rejects_name):
                    progress.say(rejects, rejection_line(name, outcome, lang))
            if done.error is not None:
                raise UsageError(done.error)
            progress.update(scored + rejected, done.bytes_read)
    return scored, rejected


def _stopped(name: str, outcome: Rejected) -> Stopped:
    return Stopped(say("batch.stopped", line=rejection(name, outcome)))


def _open_results(stack: ExitStack, args: argparse.Namespace) -> Results:
    """Where the results go: `--output` (written atomically) or stdout; a workbook only to
    a file. CSV is written in `--encoding` (UTF-8 by default)."""
    if args.format == "xlsx":
        binary = stack.enter_context(atomic_binary(args.output, force=args.force))
        book = WorkbookResults(binary)
        stack.enter_context(closing(book))
        return book
    encoding = (args.encoding or "utf-8") if args.format == "csv" else "utf-8"
    if args.output is not None:
        stream = stack.enter_context(
            atomic_stream(args.output, force=args.force, encoding=encoding)
        )
        return TextResults(stream)
    if args.encoding is not None and args.format == "csv":
        wrapper = io.TextIOWrapper(sys.stdout.buffer, encoding=encoding, newline="")
        stack.callback(wrapper.detach)
        stack.callback(wrapper.flush)
        return TextResults(wrapper)
    return TextResults(sys.stdout)


def _open_output(stack: ExitStack, path: Path | None, default: TextIO, *, force: bool) -> TextIO:
    return default if path is None else stack.enter_context(atomic_stream(path, force=force))
