"""Options and helpers shared by several subcommands."""

from __future__ import annotations

import argparse
import codecs
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from merchant_cli.app.outputs import STDOUT, writing
from merchant_cli.app.terminal import terminal_width
from merchant_cli.core.errors import UsageError
from merchant_cli.core.pack import RulePack
from merchant_cli.core.said import say
from merchant_cli.packs.loader import default_pack_dir, load_pack
from merchant_cli.reporters import safe
from merchant_cli.reporters.messages import LANGS, default_lang, t


def pack_dir(value: str) -> Path:
    """A pack directory argument; empty would silently mean the current directory."""
    if not value.strip():
        raise UsageError(say("pack.empty_dir"))
    return Path(value)


class Offered(tuple[str, ...]):
    """Values shell completion offers for an argument (shtab reads its `choices`) that
    argparse refuses none of: an answer is checked by its question, which also knows what
    else may name a choice, and a `help` topic by `help`."""

    def __contains__(self, value: object) -> bool:
        return True


def input_file(value: str) -> Path:
    """An input file argument (`-` is stdin): a missing file is reported now, as not found."""
    path = Path(value)
    if value != "-" and not path.exists():
        raise UsageError(say("file.not_found", path=value))
    return path


def add_command(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    *,
    help: str,
    description: str,
    epilog: str,
) -> argparse.ArgumentParser:
    """A command's parser; its epilog (examples, how to install) keeps its line breaks."""
    return subparsers.add_parser(name, help=help, description=description, epilog=epilog)


def every_parser(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """`parser` and each command's and sub-command's parser under it, once each."""
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from every_parser(sub)


def add_pack_options(parser: argparse.ArgumentParser, lang: str) -> None:
    group = parser.add_argument_group(t("help.pack_group", lang))
    group.add_argument("--rules", metavar="DIR", type=pack_dir, help=t("help.rules", lang))
    add_overlay_option(group, "--rules-overlay", t("help.rules_overlay", lang))
    group.add_argument("--follow-links", action="store_true", help=t("help.follow_links", lang))


def add_overlay_option(group: argparse._ArgumentGroup, flag: str, help: str) -> None:
    """A repeatable pack folder merged on top of a pack, in the order given."""
    group.add_argument(flag, metavar="DIR", type=pack_dir, action="append", default=[], help=help)


def add_lang_option(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("--lang", choices=LANGS, default=None, help=t("help.lang", lang))


def add_pager_option(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("--no-pager", action="store_true", help=t("help.no_pager", lang))


def emit_paged(text: str, args: argparse.Namespace) -> None:
    """`emit` through the pager, unless `--no-pager` was given (before or after the command)."""
    emit(text, page=not getattr(args, "no_pager", False))


def add_format_option(
    parser: argparse.ArgumentParser, choices: tuple[str, ...], default: str, lang: str
) -> None:
    parser.add_argument(
        "--format", choices=choices, default=default, help=t("help.format", lang, default=default)
    )


def add_output_format_option(
    parser: argparse.ArgumentParser, choices: tuple[str, ...], lang: str
) -> None:
    """`--format` of a command that writes `--output FILE`: left unset, so that the file's
    extension can choose (`output_format`)."""
    help = t("help.output_format", lang, default=choices[0])
    parser.add_argument("--format", choices=choices, help=help)


FORMAT_OF_EXTENSION = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".xlsx": "xlsx",
}
"""Extensions that name one format: `-o report.html` means HTML, not terminal text."""


def output_format(output: Path | None, given: str | None, choices: tuple[str, ...]) -> str:
    """`--format` when given, else the format `--output`'s extension names, else the first
    of `choices` (the command's default). A file named for another format than `--format`,
    or for one the command cannot write, is an error that says both."""
    named = FORMAT_OF_EXTENSION.get(output.suffix.lower()) if output is not None else None
    if given is not None:
        if named is not None and named != given:
            raise UsageError(
                say("output.format_mismatch", given=given, path=output, named=named),
                hint=say("output.format_hint"),
            )
        return given
    if named is None:
        return choices[0]
    if named not in choices:
        raise UsageError(
            say("output.format_unknown", path=output, named=named, formats=", ".join(choices))
        )
    return named


def pack_from_args(args: argparse.Namespace) -> RulePack:
    directory = args.rules or default_pack_dir()
    return load_pack(directory, args.rules_overlay, follow_links=args.follow_links)


def lang_of(args: argparse.Namespace) -> str:
    lang: str | None = args.lang
    return lang or default_lang()


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def use_color() -> bool:
    """rich's conventions: colour on a terminal, off with NO_COLOR, on with FORCE_COLOR."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stdout_is_terminal()


def listing_width() -> int | None:
    """The width listings are wrapped to: `COLUMNS`, else that of stdout's terminal; None
    (lines left whole, for programs reading them) when neither is there."""
    return terminal_width(0) or None


def output_encoding(output: Path | None) -> str:
    """The encoding a report is written in: stdout's (a GBK console, `PYTHONIOENCODING`,
    `LANG=C`), or UTF-8 for a file written with `--output`."""
    if output is not None:
        return "utf-8"
    return getattr(sys.stdout, "encoding", None) or "utf-8"


ASCII_LOOKALIKES = str.maketrans(
    {"\u00a0": " ", "·": "-", "•": "*", "→": "->", "…": "...", "—": "-", "–": "-"}
    | dict.fromkeys("「」“”『』", '"')
    | dict.fromkeys("‘’", "'")
)
"""Typography the report uses, in ASCII, for an encoding that lacks it."""


def _degrade(error: UnicodeError) -> tuple[str, int]:
    """An encoding error handler: a look-alike where there is one, else `?`."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    lost = error.object[error.start : error.end].translate(ASCII_LOOKALIKES)
    return "".join(c if c.isascii() else "?" for c in lost), error.end


codecs.register_error("merchant-cli-degrade", _degrade)


def emit(text: str, *, page: bool = False) -> None:
    """Write to stdout whatever its encoding: a character it cannot hold degrades to a
    look-alike or `?` (reporters already draw ASCII boxes and bars). With `page`, a
    text taller than the terminal goes through the pager."""
    encoding = output_encoding(None)
    text = text.encode(encoding, "merchant-cli-degrade").decode(encoding)
    if page and sys.stdout.isatty():  # the pager's imports only where it may run
        from merchant_cli.app.pager import page_if_tall

        if page_if_tall(text, encoding):
            return
    with writing(STDOUT):
        sys.stdout.write(text)
        sys.stdout.flush()


def emit_json(data: Any) -> None:
    """`data` as an indented JSON document on stdout (`safe.json`: texts as written, nothing
    a terminal would act on)."""
    import json

    emit(safe.json(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


def load_args_pack(args: argparse.Namespace, *, cache: bool = True) -> RulePack:
    """The pack named by DIR, else `--rules`, else the default; plus every overlay."""
    directory: Path | None = getattr(args, "dir", None)
    layers = directory or args.rules or default_pack_dir(), args.rules_overlay
    return load_pack(*layers, cache=cache, follow_links=args.follow_links)
