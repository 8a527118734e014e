"""The argument parsers: the global options, each command's own parser, the whole tree.

`cli` parses in two stages: `global_parser` reads the options that come before
the command and the command's name; then the command's own parser (for
`evaluate`, with one flag per question of the loaded pack) reads the rest.
The whole tree is built only for the top-level `--help` and for completion.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any

from merchant_cli.app.commands.common import (
    add_lang_option,
    add_pack_options,
    add_pager_option,
    terminal_width,
)
from merchant_cli.core.errors import UsageError
from merchant_cli.core.pack import RulePack
from merchant_cli.core.said import did_you_mean, say

PROG = "merchant-cli"
COMMANDS = (
    "evaluate",
    "questions",
    "observations",
    "rules",
    "batch",
    "schema",
    "completion",
    "help",
    "version",
)
"""Every command, in the order `--help` lists them."""
EXIT_CODES = """\
exit codes:
  0    success
  1    `rules test` found a failing case; `batch` rejected some rows
  2    bad usage or input: unknown flag, invalid value, missing answer,
       unreadable answers or batch file, --output exists, no such --rules DIR
  3    the rule pack is invalid (each problem printed as file:line:col)
  70   internal error: a bug (MERCHANT_CLI_DEBUG=1 shows the traceback)
  129  the terminal closed (SIGHUP)
  130  cancelled (Ctrl-C, Esc or Ctrl-D at a prompt)
  141  the reader of stdout went away (`... | head`)
  143  stopped by SIGTERM

Without a command, the options are those of `evaluate`; on a terminal, without
arguments, it asks the questions. `merchant-cli help COMMAND` shows a command's help.
"""


class ArgumentError(UsageError):
    """A mistake argparse found (unknown option, missing or invalid value)."""


class Parser(argparse.ArgumentParser):
    """argparse without surprises: errors raise (so `cli` maps them to exit 2 in the
    run's language) and long options are never abbreviated (a pack adding a flag
    must not change what an abbreviation in someone's script means)."""

    def __init__(self, **kwargs: Any) -> None:
        kind = kwargs.pop("formatter_class", argparse.HelpFormatter)
        super().__init__(**{"allow_abbrev": False, **kwargs, "formatter_class": _sized(kind)})

    def error(self, message: str) -> None:  # type: ignore[override]
        raise ArgumentError(
            say("cli.bad_arguments", message=message), hint=say("cli.see_help", command=self.prog)
        )

    def parse_strictly(self, words: Sequence[str]) -> argparse.Namespace:
        """`parse_args`, but an unknown option is answered with the nearest known one."""
        args, extras = self.parse_known_args(words)
        if extras:
            chosen = _innermost(self, args)
            flag = next((w.partition("=")[0] for w in extras if w.startswith("-")), "")
            known = [o for a in chosen._actions for o in a.option_strings if o.startswith("--")]
            raise ArgumentError(
                say(
                    "cli.unknown_option",
                    words=" ".join(extras),
                    suggestion=did_you_mean(flag, known, show="{}") if flag else "",
                ),
                hint=say("cli.see_help", command=chosen.prog),
            )
        return args


def _sized(kind: type[argparse.HelpFormatter]) -> Callable[..., argparse.HelpFormatter]:
    """`kind` at the terminal's width (`terminal_width`, not argparse's shutil: argparse makes
    a formatter for each option it adds, and shutil's imports cost every run ~2 ms)."""

    width = terminal_width(80) - 2  # once per parser: argparse asks for every option

    def make(prog: str, **options: Any) -> argparse.HelpFormatter:
        return kind(prog, **{"width": width, **options})

    return make


class _PackOptionsParser(Parser):
    """A command's parser without `--help`, to read its pack options before the pack exists."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**{**kwargs, "add_help": False})


def _innermost(
    parser: argparse.ArgumentParser, args: argparse.Namespace
) -> argparse.ArgumentParser:
    """The sub-command parser `args` went through (`rules list`'s, not `rules`')."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            chosen = action.choices.get(getattr(args, action.dest, None) or "")
            if chosen is not None:
                return _innermost(chosen, args)
    return parser


def add_global_options(parser: argparse.ArgumentParser) -> None:
    """The options that may come before the command (and apply to every command)."""
    parser.add_argument(
        "--version", "-V", action="store_true", help="print versions and exit (also: `version`)"
    )
    add_lang_option(parser)
    add_pager_option(parser)
    add_pack_options(parser)


def global_parser() -> Parser:
    """Stage one: the global options, the command's name and, untouched, its words."""
    parser = Parser(prog=PROG, add_help=False)
    add_global_options(parser)
    parser.add_argument("-h", "--help", action="store_true")
    parser.add_argument("command", nargs="?")
    parser.add_argument("words", nargs=argparse.REMAINDER)
    return parser


def command_parser(
    command: str, pack: RulePack | None, *, pack_options_only: bool = False
) -> Parser:
    """Stage two: the parser of `command` alone (each command module imports what it runs,
    and a scripted `evaluate` should not pay for `batch`'s imports)."""
    holder = Parser(prog=PROG)
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser] = holder.add_subparsers(
        parser_class=_PackOptionsParser if pack_options_only else Parser
    )
    _add_command(subparsers, command, pack)
    parser = subparsers.choices[command]
    assert isinstance(parser, Parser)
    return parser


def build_parser(pack: RulePack | None) -> Parser:
    """The whole tree: every command with its options, for `--help` and shell completion."""
    parser = Parser(
        prog=PROG,
        description="Where should a merchant sell: Xiaohongshu, Douyin or Taobao?\n"
        "Scores each platform from cited evidence and explains why.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_global_options(parser)
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser] = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=Parser
    )
    for command in COMMANDS:
        if command not in subparsers.choices:
            _add_command(subparsers, command, pack)
    return parser


def _add_command(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    command: str,
    pack: RulePack | None,
) -> None:
    if command == "evaluate":
        from merchant_cli.app.commands import evaluate

        evaluate.add_parser(subparsers, pack)
    elif command in ("questions", "observations"):
        from merchant_cli.app.commands import info

        info.add_parsers(subparsers)
    elif command == "batch":
        from merchant_cli.app.commands import batch

        batch.add_parsers(subparsers)
    elif command == "rules":
        from merchant_cli.app.commands import rules

        rules.add_parsers(subparsers)
    elif command == "schema":
        from merchant_cli.app.commands import schema

        schema.add_parsers(subparsers)
    elif command == "completion":
        from merchant_cli.app.commands import completion

        completion.add_parsers(subparsers, build_parser)
    elif command == "help":
        topic = subparsers.add_parser("help", help="show the help of merchant-cli or of a command")
        topic.add_argument("topic", nargs="*", metavar="COMMAND", help="e.g. evaluate, rules test")
    elif command == "version":
        subparsers.add_parser("version", help="print versions (the same as --version)")
