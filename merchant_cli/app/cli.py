"""The command line: parse arguments, build what the command needs, run it, map errors.

Parsing has two stages (parsers built in `parsers`): the global options and
the command's name, then the command's own parser, for `evaluate` built from
the loaded pack. This module only wires: every decision about scores, answers
or formats lives in the modules it calls. `main` never raises: each error becomes a message on
stderr and the exit code the contract gives it.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Iterator, Sequence

from merchant_cli import __version__
from merchant_cli.app.commands.common import add_lang_option, emit, pack_from_args
from merchant_cli.app.interrupts import stopping_on_signals
from merchant_cli.app.outputs import STDOUT, writing
from merchant_cli.app.parsers import (
    COMMANDS,
    PROG,
    ArgumentError,
    Parser,
    build_parser,
    command_parser,
    global_parser,
    speak,
)
from merchant_cli.core.errors import Cancelled, MerchantCliError, PackError
from merchant_cli.core.pack import RulePack
from merchant_cli.core.said import did_you_mean, say
from merchant_cli.reporters.messages import default_lang, t, worded
from merchant_cli.reporters.safe import terminal

INTERNAL_ERROR = 70
"""EX_SOFTWARE: an unexpected failure inside merchant-cli (a bug, never bad input)."""


def _language(argv: Sequence[str]) -> str:
    """The language of this run's messages, known before anything can fail:
    `--lang` wherever it is given (before or after the command), else the locale."""
    finder = Parser(prog=PROG, add_help=False)
    add_lang_option(finder, "en")
    try:
        lang: str | None = finder.parse_known_args(argv)[0].lang
    except ArgumentError:  # `--lang fr`: reported by the real parser, in the locale's language
        lang = None
    return lang or default_lang()


def _parse_command(
    command: str, words: list[str], first: argparse.Namespace | None, lang: str
) -> tuple[argparse.Namespace, RulePack | None]:
    """Stage two: the command's own options; evaluate's flags come from the pack.

    For evaluate the pack options are read first by evaluate's own parser built
    without the pack (so no value of another option is taken for one), the pack
    is loaded, then the full parser, with one flag per question, reads everything.
    """
    if command != "evaluate":
        parser = command_parser(command, None, lang)
        return _with_globals(first, parser.parse_strictly(words)), None
    options = command_parser(command, None, lang, pack_options_only=True)
    known, _ = options.parse_known_args(words)
    pack = pack_from_args(_with_globals(first, known))
    args = command_parser(command, pack, lang).parse_strictly(words)
    return _with_globals(first, args), pack


def _with_globals(first: argparse.Namespace | None, args: argparse.Namespace) -> argparse.Namespace:
    """Global options given before the command count as if given after it (after wins)."""
    if first is not None:
        for name in ("lang", "rules"):
            if getattr(args, name, None) is None:
                setattr(args, name, getattr(first, name))
        args.rules_overlay = [*first.rules_overlay, *getattr(args, "rules_overlay", [])]
        args.follow_links = first.follow_links or getattr(args, "follow_links", False)
        args.no_pager = first.no_pager or getattr(args, "no_pager", False)
    return args


def _version() -> str:
    from merchant_cli.packs.loader import default_pack_dir, load_pack

    try:
        meta = load_pack(default_pack_dir()).meta
    except PackError:
        return f"{PROG} {__version__} (rule pack invalid: run `{PROG} rules validate`)\n"
    named = terminal(f"{meta.name} {meta.version}")  # the pack's (`MERCHANT_CLI_RULES`)
    return f"{PROG} {__version__}\nrule pack: {named} (evidence as of {meta.as_of.isoformat()})\n"


def _run(argv: list[str], lang: str) -> int:
    """Stage one, then the command. The command is the first word after the global
    options; an option that is not global before any word means there is no command,
    so the whole line is evaluate's (and `--output batch` names a file, not a command)."""
    first, extras = global_parser(lang).parse_known_args(argv)
    if first.version:
        emit(_version())
        return 0
    command: str | None = first.command
    words: list[str] = first.words
    if extras or command is None:  # an option before any command word: evaluate's
        if first.help and not extras:
            build_parser(None, lang).print_help()
            return 0
        return _dispatch("evaluate", argv, None, lang)
    if command == "help":
        # `help [options] [COMMAND [ACTION]] [options]`: the topic is the first word that is
        # not an option or an option's value (`help --lang zh evaluate`)
        topic = global_parser(lang).parse_known_args(words)[0]
        if topic.command is None:
            build_parser(None, lang).print_help()
            return 0
        command, words = topic.command, [*topic.words, "--help"]
    elif first.help:
        words = [*words, "--help"]
    if command not in COMMANDS:
        raise ArgumentError(
            say(
                "cli.unknown_command",
                name=repr(command),
                suggestion=did_you_mean(command, COMMANDS),
            ),
            hint=say("cli.see_help", command=PROG),
        )
    return _dispatch(command, words, first, lang)


def _dispatch(command: str, words: list[str], first: argparse.Namespace | None, lang: str) -> int:
    args, pack = _parse_command(command, words, first, lang)
    if command == "version":
        emit(_version())
        return 0
    if command == "evaluate":
        from merchant_cli.app.commands.evaluate import run

        assert pack is not None
        _collect_from_here()
        return run(args, pack)
    _collect_from_here()
    code: int = args.handler(args)
    return code


def _collect_from_here() -> None:
    """Started by the console script (`__main__.run`), start-up ran without the garbage
    collector: what it made (modules, the pack, the parsers) lives until exit, so it is
    frozen out of the collector's way, and collection resumes for the command's work."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _report(error: MerchantCliError, lang: str) -> None:
    """The error on stderr: each file name, pack text or input value in it passes
    `safe.terminal`, so a message is the lines it says, nothing a terminal acts on."""
    if isinstance(error, PackError):
        for problem in error.problems:
            sys.stderr.write(f"{terminal(str(problem))}\n")
    form = "cli.plain" if isinstance(error, Cancelled) else "cli.error"
    message = worded(error.said, lang, terminal)
    sys.stderr.write(t(form, lang, prog=PROG, message=message) + "\n")
    if error.said_hint is not None and (hint := worded(error.said_hint, lang, terminal)):
        sys.stderr.write(t("cli.hint", lang, hint=hint) + "\n")


def _command(words: list[str], lang: str) -> int:
    """The command's exit code; argparse's `--help` ends it with SystemExit."""
    try:
        return _run(words, lang)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 0


@contextlib.contextmanager
def _cache_notes(lang: str) -> Iterator[None]:
    """Why the pack cache was not used, said once, after the command's own output."""
    from merchant_cli.packs.packcache import take_notes

    try:
        yield
    finally:
        for note in take_notes():
            sys.stderr.write(t("cli.plain", lang, prog=PROG, message=worded(note, lang, terminal)))
            sys.stderr.write("\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script and `python -m merchant_cli`."""
    words = list(sys.argv[1:] if argv is None else argv)
    lang = _language(words)
    speak(lang)
    try:
        with stopping_on_signals(), _cache_notes(lang):
            code = _command(words, lang)
            with writing(STDOUT):  # what is still buffered (help, version) meets the disk here
                sys.stdout.flush()
            return code
    except MerchantCliError as error:
        with contextlib.suppress(OSError):  # stderr may be gone (a closed terminal)
            _report(error, lang)
        return error.exit_code
    except KeyboardInterrupt:
        cancelled = t("cli.plain", lang, prog=PROG, message=t("cli.cancelled", lang))
        sys.stderr.write(f"\n{cancelled}\n")
        return 130
    except BrokenPipeError:
        # The reader (e.g. `head`) went away: stop quietly, and keep Python from
        # complaining again while flushing stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except Exception as error:  # a bug: say so in one line, never a traceback
        if os.environ.get("MERCHANT_CLI_DEBUG"):
            raise
        sys.stderr.write(
            f"{PROG}: internal error: {type(error).__name__}: {error}\n"
            "hint: this is a bug; rerun with MERCHANT_CLI_DEBUG=1 for details and report it\n"
        )
        return INTERNAL_ERROR
