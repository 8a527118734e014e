"""The argument parsers: the global options, each command's own parser, the whole tree.

`cli` parses in two stages: `global_parser` reads the options that come before
the command and the command's name; then the command's own parser (for
`evaluate`, with one flag per question of the loaded pack) reads the rest.
The whole tree is built only for the top-level `--help` and for completion.
"""

from __future__ import annotations

import argparse
import gettext
import re
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from merchant_cli.app.commands.common import (
    Offered,
    add_lang_option,
    add_pack_options,
    add_pager_option,
)
from merchant_cli.app.outputs import STDERR, STDOUT, writing
from merchant_cli.app.terminal import terminal_width
from merchant_cli.core.errors import UsageError
from merchant_cli.core.pack import RulePack
from merchant_cli.core.said import did_you_mean, say
from merchant_cli.reporters.messages import argparse_texts, t

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

PROG = "merchant-cli"
COMMANDS = (
    "evaluate",
    "questions",
    "observations",
    "rules",
    "batch",
    "portfolio",
    "schema",
    "completion",
    "help",
    "version",
)
"""Every command, in the order `--help` lists them."""


class ArgumentError(UsageError):
    """A mistake argparse found (unknown option, missing or invalid value)."""


class Parser(argparse.ArgumentParser):
    """argparse without surprises: errors raise (so `cli` maps them to exit 2 in the
    run's language), long options are never abbreviated (a pack adding a flag must not
    change what an abbreviation in someone's script means), and help is laid out by
    `_Formatter` at the terminal's width."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("formatter_class", None)
        super().__init__(**{"allow_abbrev": False, **kwargs, "formatter_class": _sized()})

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        """Help and usage, whose write errors argparse would swallow (a `--help` to a full
        disk would exit 0 with nothing written): exit 74 instead."""
        if message:
            stream = file or sys.stdout
            with writing(STDERR if stream is sys.stderr else STDOUT):
                stream.write(message)

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


class _Formatter(argparse.HelpFormatter):
    """argparse's help laid out as the report is: wrapped by display cells (a Chinese
    character takes two columns, and argparse's textwrap counts one), never before a
    closing mark (`linebreak`). Descriptions and epilogs keep their own line breaks
    (examples, the exit codes); a line too long for the terminal wraps under itself."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        from merchant_cli.reporters.wrapping import wrap  # only when help is shown

        return wrap(" ".join(text.split()), width).split("\n")

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        from merchant_cli.reporters.linebreak import cells
        from merchant_cli.reporters.wrapping import wrap

        lines = []
        for line in text.splitlines():
            body = line.lstrip(" ")
            lead = len(line) - len(body)
            if cells(line) > width:
                line = " " * lead + wrap(body, width, start=lead, hang=lead)
            lines += [indent + piece if piece else piece for piece in line.split("\n")]
        return "\n".join(lines)

    def format_help(self) -> str:
        """Section headings end in `：` beside Chinese (argparse before 3.13 writes `:` itself)."""
        return re.sub(HEADING_COLON, "：", super().format_help())


HEADING_COLON = r"(?m)(?<=[\u3000-\u9fff\uff00-\uffef]):$"
"""A heading's colon after a Chinese word (compiled only when help is shown)."""


def _sized() -> Callable[..., argparse.HelpFormatter]:
    """`_Formatter` at the terminal's width (`terminal_width`, not argparse's shutil: argparse
    makes a formatter for each option it adds, and shutil's imports cost every run ~2 ms)."""

    width = terminal_width(80) - 2  # once per parser: argparse asks for every option

    def make(prog: str, **options: Any) -> argparse.HelpFormatter:
        return _Formatter(prog, **{"width": width, **options})

    return make


class _Catalog(gettext.NullTranslations):
    """argparse's own words (usage, options, its error messages) in the run's language.

    argparse asks the standard library's gettext for each of them (its `_` and `ngettext`
    are gettext's); this catalog answers from the message table's `argparse.*` entries,
    keyed by argparse's English message ids, so no compiled catalog ships with the tool."""

    def __init__(self, texts: dict[str, str]) -> None:
        super().__init__()
        self._texts = texts

    def gettext(self, message: str) -> str:
        return self._texts.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        english = msgid1 if n == 1 else msgid2
        return self._texts.get(english, english)


def speak(lang: str) -> None:
    """Have argparse speak `lang` from now on: before any parser is built, as argparse
    words its group titles and `--help`'s help when a parser is made."""
    catalog = _Catalog(argparse_texts(lang))
    setattr(argparse, "_", catalog.gettext)  # noqa: B010 (argparse's own gettext names)
    setattr(argparse, "ngettext", catalog.ngettext)  # noqa: B010


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


def add_global_options(parser: argparse.ArgumentParser, lang: str) -> None:
    """The options that may come before the command (and apply to every command)."""
    parser.add_argument("--version", "-V", action="store_true", help=t("help.version_option", lang))
    add_lang_option(parser, lang)
    add_pager_option(parser, lang)
    add_pack_options(parser, lang)


def global_parser(lang: str) -> Parser:
    """Stage one: the global options, the command's name and, untouched, its words."""
    parser = Parser(prog=PROG, add_help=False)
    add_global_options(parser, lang)
    parser.add_argument("-h", "--help", action="store_true")
    parser.add_argument("command", nargs="?")
    parser.add_argument("words", nargs=argparse.REMAINDER)
    return parser


def command_parser(
    command: str, pack: RulePack | None, lang: str, *, pack_options_only: bool = False
) -> Parser:
    """Stage two: the parser of `command` alone (each command module imports what it runs,
    and a scripted `evaluate` should not pay for `batch`'s imports)."""
    holder = Parser(prog=PROG)
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser] = holder.add_subparsers(
        parser_class=_PackOptionsParser if pack_options_only else Parser
    )
    _add_command(subparsers, command, pack, lang)
    parser = subparsers.choices[command]
    assert isinstance(parser, Parser)
    return parser


def build_parser(pack: RulePack | None, lang: str) -> Parser:
    """The whole tree: every command with its options, for `--help` and shell completion."""
    parser = Parser(
        prog=PROG, description=t("help.description", lang), epilog=t("help.exit_codes", lang)
    )
    add_global_options(parser, lang)
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser] = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=Parser
    )
    for command in COMMANDS:
        if command not in subparsers.choices:
            _add_command(subparsers, command, pack, lang)
    return parser


def _add_command(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    command: str,
    pack: RulePack | None,
    lang: str,
) -> None:
    if command == "evaluate":
        from merchant_cli.app.commands import evaluate

        evaluate.add_parser(subparsers, pack, lang)
    elif command in ("questions", "observations"):
        from merchant_cli.app.commands import info

        info.add_parsers(subparsers, lang)
    elif command == "batch":
        from merchant_cli.app.commands import batch

        batch.add_parsers(subparsers, lang)
    elif command == "portfolio":
        from merchant_cli.app.commands import portfolio

        portfolio.add_parsers(subparsers, lang)
    elif command == "rules":
        from merchant_cli.app.commands import rules

        rules.add_parsers(subparsers, lang)
    elif command == "schema":
        from merchant_cli.app.commands import schema

        schema.add_parsers(subparsers, lang)
    elif command == "completion":
        from merchant_cli.app.commands import completion

        completion.add_parsers(subparsers, build_parser, lang)
    elif command == "help":
        topic = subparsers.add_parser("help", help=t("help.help_command", lang))
        topic.add_argument(
            "topic",
            nargs="*",
            metavar="COMMAND",
            choices=Offered(COMMANDS),  # offered by completion: `help <Tab>`
            help=t("help.help_topic", lang),
        )
    elif command == "version":
        subparsers.add_parser("version", help=t("help.version_command", lang))
