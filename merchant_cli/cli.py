"""The command line: parse arguments, build what the command needs, run it, map errors.

This module only wires: every decision about scores, answers or formats lives
in the modules it calls. `main` never raises: each error becomes a message on
stderr and the exit code the contract gives it.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence

from merchant_cli import __version__
from merchant_cli.errors import Cancelled, MerchantCliError, PackError
from merchant_cli.interrupts import stopping_on_signals
from merchant_cli.pack import RulePack

PROG = "merchant-cli"
INTERNAL_ERROR = 70
"""EX_SOFTWARE: an unexpected failure inside merchant-cli (a bug, never bad input)."""
COMMANDS = ("evaluate", "questions", "observations", "rules", "batch")


class _Parser(argparse.ArgumentParser):
    """argparse, but errors raise instead of exiting, so `main` maps them to exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _ArgumentError(message, hint=f"see `{self.prog} --help`")


class _ArgumentError(MerchantCliError):
    exit_code = 2


def build_parser(pack: RulePack | None, command: str | None = None) -> argparse.ArgumentParser:
    """The parser; evaluate's question flags come from `pack` when it is loaded.

    With `command` known only its own parser is built: each command module imports
    what it runs, and a scripted `evaluate` should not pay for `batch`'s imports.
    """
    parser = _Parser(
        prog=PROG,
        description="Where should a merchant sell: Xiaohongshu, Douyin or Taobao? "
        "Scores each platform from cited evidence and explains why.",
        epilog="Run without arguments on a terminal to be asked the questions.",
    )
    parser.add_argument("--version", action="store_true", help="print versions and exit")
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser] = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser
    )
    wanted = {command} if command else set(COMMANDS)
    if "evaluate" in wanted:
        from merchant_cli.commands import evaluate

        evaluate.add_parser(subparsers, pack)
    if wanted & {"questions", "observations"}:
        from merchant_cli.commands import info

        info.add_parsers(subparsers)
    if "batch" in wanted:
        from merchant_cli.commands import batch

        batch.add_parsers(subparsers)
    if "rules" in wanted:
        from merchant_cli.commands import rules

        rules.add_parsers(subparsers)
    return parser


def _command_of(argv: Sequence[str]) -> str | None:
    return next((arg for arg in argv if arg in COMMANDS), None)


def _pack_for_evaluate(argv: Sequence[str]) -> RulePack:
    """Load the pack before parsing evaluate's flags, which the pack defines."""
    from merchant_cli.commands.common import pack_dir
    from merchant_cli.loader import default_pack_dir, load_pack

    pre = _Parser(prog=PROG, add_help=False)
    pre.add_argument("--rules", type=pack_dir)
    pre.add_argument("--rules-overlay", type=pack_dir, action="append", default=[])
    for free_text in ("--answer", "--answers", "--output", "-o"):  # their values are not flags
        pre.add_argument(free_text, action="append")
    try:
        known, _ = pre.parse_known_args(argv)
    except _ArgumentError:  # the full parser reports the mistake, with evaluate's usage
        return load_pack(default_pack_dir())
    return load_pack(known.rules or default_pack_dir(), known.rules_overlay)


def _version() -> str:
    from merchant_cli.loader import default_pack_dir, load_pack

    try:
        meta = load_pack(default_pack_dir()).meta
    except PackError:
        return f"{PROG} {__version__} (rule pack invalid: run `{PROG} rules validate`)\n"
    return (
        f"{PROG} {__version__}\nrule pack: {meta.name} {meta.version} "
        f"(evidence as of {meta.as_of.isoformat()})\n"
    )


def _run(argv: list[str]) -> int:
    if argv in (["--version"], ["-V"]):
        sys.stdout.write(_version())
        return 0
    command = _command_of(argv)
    if command is None and argv and not argv[0].startswith("-"):
        from merchant_cli.checks import suggest

        hint = f"see `{PROG} --help`"
        raise _ArgumentError(f"unknown command {argv[0]!r}{suggest(argv[0], COMMANDS)}", hint=hint)
    if command is None and not {"-h", "--help"} & set(argv):
        argv = ["evaluate", *argv]
        command = "evaluate"
    pack = _pack_for_evaluate(argv) if command == "evaluate" else None
    args = build_parser(pack, command).parse_args(argv)
    if args.version:
        sys.stdout.write(_version())
        return 0
    if args.command == "evaluate":
        from merchant_cli.commands.evaluate import run

        assert pack is not None
        return run(args, pack)
    code: int = args.handler(args)
    return code


def _report(error: MerchantCliError) -> None:
    if isinstance(error, PackError):
        for problem in error.problems:
            sys.stderr.write(f"{problem}\n")
    label = "" if isinstance(error, Cancelled) else "error: "
    sys.stderr.write(f"{PROG}: {label}{error.message}\n")
    if error.hint:
        sys.stderr.write(f"hint: {error.hint}\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script and `python -m merchant_cli`."""
    try:
        with stopping_on_signals():
            return _run(list(sys.argv[1:] if argv is None else argv))
    except MerchantCliError as error:
        with contextlib.suppress(OSError):  # stderr may be gone (a closed terminal)
            _report(error)
        return error.exit_code
    except KeyboardInterrupt:
        sys.stderr.write(f"\n{PROG}: cancelled\n")
        return 130
    except BrokenPipeError:
        # The reader (e.g. `head`) went away: stop quietly, and keep Python from
        # complaining again while flushing stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except SystemExit as exit_:  # argparse's --help
        return exit_.code if isinstance(exit_.code, int) else 0
    except Exception as error:  # a bug: say so in one line, never a traceback
        if os.environ.get("MERCHANT_CLI_DEBUG"):
            raise
        sys.stderr.write(
            f"{PROG}: internal error: {type(error).__name__}: {error}\n"
            "hint: this is a bug; rerun with MERCHANT_CLI_DEBUG=1 for details and report it\n"
        )
        return INTERNAL_ERROR
