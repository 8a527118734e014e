"""`merchant-cli portfolio FILE`: an adviser's summary of many merchants, and with
`--reports DIR` one report per client beside an index.

The file is read as batch reads it (`inputs`), every row scored as batch scores it
(`core.portfolio`); the summary is laid out by `reporters/portfolio_<format>.py`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from merchant_cli.app.clock import report_date
from merchant_cli.app.commands.common import (
    add_command,
    add_lang_option,
    add_output_format_option,
    add_pack_options,
    add_pager_option,
    emit_paged,
    lang_of,
    output_encoding,
    output_format,
    pack_from_args,
    use_color,
)
from merchant_cli.app.commands.inputs import add_input_options, input_records
from merchant_cli.app.outputs import check_writable, write_atomic
from merchant_cli.app.report_files import (
    EXTENSIONS,
    INDEX,
    REPORT_FORMATS,
    check_reports_dir,
    write_reports,
)
from merchant_cli.app.terminal import terminal_width
from merchant_cli.core.portfolio import build_portfolio
from merchant_cli.reporters import RenderOptions
from merchant_cli.reporters.messages import t
from merchant_cli.reporters.portfolio import FORMATS, renderer
from merchant_cli.reporters.safe import terminal


def add_parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], lang: str) -> None:
    parser = add_command(
        subparsers,
        "portfolio",
        help=t("help.portfolio", lang),
        description=t("help.portfolio_description", lang),
        epilog=t("help.portfolio_examples", lang),
    )
    add_input_options(parser, lang, encoding=True)
    add_output_format_option(parser, FORMATS, lang)
    parser.add_argument(
        "--output", "-o", metavar="FILE", type=Path, help=t("help.portfolio_output", lang)
    )
    parser.add_argument("--force", action="store_true", help=t("help.portfolio_force", lang))
    parser.add_argument(
        "--detail", choices=("short", "full"), help=t("help.portfolio_detail", lang)
    )
    parser.add_argument("--reports", metavar="DIR", type=Path, help=t("help.reports", lang))
    parser.add_argument(
        "--reports-format",
        choices=REPORT_FORMATS,
        default=REPORT_FORMATS[0],
        help=t("help.reports_format", lang),
    )
    add_lang_option(parser, lang)
    add_pager_option(parser, lang)
    add_pack_options(parser, lang)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    pack = pack_from_args(args)
    lang = lang_of(args)
    fmt = output_format(args.output, args.format, FORMATS)
    if args.output is not None:
        check_writable(args.output, force=args.force)
    if args.reports is not None:
        check_reports_dir(args.reports, force=args.force)
    with input_records(args, pack) as records:
        portfolio = build_portfolio(pack, records, today=report_date(args.today))
    if args.reports is not None:
        write_reports(portfolio, args.reports, args.reports_format, lang, force=args.force)
    to_terminal = args.output is None
    options = RenderOptions(
        lang=lang,
        color=to_terminal and use_color(),
        width=terminal_width() if to_terminal else 100,
        detail=args.detail,
        encoding=output_encoding(args.output),
    )
    text = renderer(fmt)(portfolio, options)
    if args.output is not None:
        write_atomic(args.output, text, force=args.force)
    else:
        emit_paged(text, args)
    scored, rejected = len(portfolio.scored), len(portfolio.rejected)
    summary = t("portfolio.summary", lang, scored=f"{scored:,}", rejected=f"{rejected:,}")
    sys.stderr.write(summary + "\n")
    if args.reports is not None:
        index = INDEX + EXTENSIONS[args.reports_format]
        where = terminal(str(args.reports))
        sys.stderr.write(t("portfolio.written", lang, count=scored, index=index, path=where) + "\n")
    return 1 if rejected else 0
