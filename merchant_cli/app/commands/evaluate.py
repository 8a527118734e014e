"""`merchant-cli evaluate`: answers in (flags, files, prompts), one report out."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from merchant_cli.app.clock import date_argument, report_date
from merchant_cli.app.commands.common import (
    Offered,
    add_command,
    add_lang_option,
    add_output_format_option,
    add_pack_options,
    add_pager_option,
    emit_paged,
    lang_of,
    output_encoding,
    output_format,
    use_color,
)
from merchant_cli.app.outputs import check_writable, write_atomic
from merchant_cli.app.pipeline import evaluate_report
from merchant_cli.app.terminal import terminal_width
from merchant_cli.core.errors import UsageError
from merchant_cli.core.models import Question
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import Profile, build_profile, merge_answers
from merchant_cli.core.said import say
from merchant_cli.packs.answers import parse_answer_options, read_answers_file
from merchant_cli.reporters import FORMATS, RenderOptions, renderer
from merchant_cli.reporters.messages import t
from merchant_cli.reporters.questions import flag_help
from merchant_cli.reporters.safe import terminal


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    pack: RulePack | None,
    lang: str,
) -> argparse.ArgumentParser:
    parser = add_command(
        subparsers,
        "evaluate",
        help=t("help.evaluate", lang),
        description=t("help.evaluate_description", lang),
        epilog=t("help.evaluate_examples", lang),
    )
    add_evaluate_options(parser, pack, lang)
    add_lang_option(parser, lang)
    add_pager_option(parser, lang)
    add_pack_options(parser, lang)
    parser.set_defaults(evaluate_parser=parser)  # `replay_options` reads the options from it
    return parser


def add_evaluate_options(parser: argparse.ArgumentParser, pack: RulePack | None, lang: str) -> None:
    """evaluate's own options (not the global ones: `--lang`, `--no-pager`, the pack's),
    which completion also offers at the top level, where they are evaluate's too."""
    add_answer_options(parser, pack, lang)
    add_output_format_option(parser, FORMATS, lang)
    parser.add_argument(
        "--output", "-o", metavar="FILE", type=Path, help=t("help.evaluate_output", lang)
    )
    parser.add_argument("--force", action="store_true", help=t("help.evaluate_force", lang))
    parser.add_argument(
        "--evidence", choices=("short", "full"), default="short", help=t("help.evidence", lang)
    )
    parser.add_argument("--detail", choices=("short", "full"), help=t("help.detail", lang))
    parser.add_argument(
        "--today", metavar="YYYY-MM-DD", type=date_argument, help=t("help.today", lang)
    )
    parser.add_argument("--defaults", action="store_true", help=t("help.defaults", lang))


class _QuestionFlag(argparse.Action):
    """Stores a question's dedicated flag under the question's id, in `args.flag_answers`:
    ids never meet the other options' names, and no name is made up from an id."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        namespace.flag_answers = {**namespace.flag_answers, self.dest: values}


def add_answer_options(parser: argparse.ArgumentParser, pack: RulePack | None, lang: str) -> None:
    """One flag per question of the pack, plus the generic ways to give answers."""
    group = parser.add_argument_group(t("help.answers_group", lang))
    parser.set_defaults(flag_answers={})
    for question in pack.questions if pack else ():
        group.add_argument(
            question.option,
            dest=question.id,
            action=_QuestionFlag,
            default=argparse.SUPPRESS,
            metavar=question.id.upper() if question.choices else question.type.upper(),
            choices=_offered(question),
            help=terminal(flag_help(question, lang)).replace("%", "%%"),  # argparse formats with %
        )
    group.add_argument(
        "--answer", metavar="ID=VALUE", action="append", default=[], help=t("help.answer", lang)
    )
    group.add_argument("--answers", metavar="FILE", type=Path, help=t("help.answers_file", lang))
    group.add_argument("--no-input", action="store_true", help=t("help.no_input", lang))


def _offered(question: Question) -> Offered | None:
    """What completion offers for a question's flag: its choices' ids, or yes and no."""
    if question.choices:
        return Offered(c.id for c in question.choices)
    return Offered(("yes", "no")) if question.type == "boolean" else None


def collect_answers(args: argparse.Namespace, pack: RulePack) -> dict[str, Any]:
    """Every answer given outside the prompt, checked, later sources winning."""
    layers: list[dict[str, Any]] = []
    if args.answers is not None:
        layers.append(read_answers_file(args.answers))
    layers.append(parse_answer_options(args.answer))
    layers.append(args.flag_answers)
    return merge_answers(pack, layers)


def can_prompt(args: argparse.Namespace) -> bool:
    """A person can answer: stdin is a terminal, and so is stdout or stderr to draw prompts on.

    `merchant-cli > report.txt` still asks: the prompts go to stderr's terminal.
    """
    terminal = sys.stdout.isatty() or sys.stderr.isatty()
    return not args.no_input and sys.stdin.isatty() and terminal


def run(args: argparse.Namespace, pack: RulePack) -> int:
    lang = lang_of(args)
    today = report_date(args.today)
    fmt = output_format(args.output, args.format, FORMATS)
    if args.output is not None:
        check_writable(args.output, force=args.force)
    answers = collect_answers(args, pack)
    interactive = can_prompt(args) and _has_questions(pack, answers, args)
    if interactive:
        from merchant_cli.app.questionnaire import ask_missing

        answers = ask_missing(pack, answers, lang=lang, optional=not args.defaults)
    profile = _complete_profile(args, pack, answers)
    report = evaluate_report(pack, profile, today=today)
    to_terminal = args.output is None
    options = RenderOptions(
        lang=lang,
        color=to_terminal and use_color(),
        width=terminal_width() if to_terminal else 100,
        evidence=args.evidence,
        detail=args.detail,
        encoding=output_encoding(args.output),
    )
    text = renderer(fmt)(report, options)
    if args.output is not None:
        write_atomic(args.output, text, force=args.force)
        if interactive:
            sys.stderr.write(t("prompt.written", lang, path=terminal(str(args.output))) + "\n")
    else:
        emit_paged(text, args)
    if interactive:
        _after_questionnaire(args, pack, profile.answers, lang)
    return 0


def _complete_profile(
    args: argparse.Namespace, pack: RulePack, answers: Mapping[str, Any]
) -> Profile:
    """The profile, or the missing answers' error with the right hint.

    On a terminal with nowhere to draw prompts (stdout and stderr both
    redirected), "run on a terminal to be asked" would be wrong: say why instead.
    """
    try:
        return build_profile(pack, answers)
    except UsageError as error:
        if not args.no_input and sys.stdin.isatty():
            error.said_hint = say("answers.missing_hint_redirected")
        raise


def _has_questions(pack: RulePack, answers: Mapping[str, Any], args: argparse.Namespace) -> bool:
    """Whether the questionnaire has anything to ask (with `--defaults`, only required ones)."""
    from merchant_cli.app.prompts import questions_to_ask

    return bool(questions_to_ask(pack, answers, optional=not args.defaults))


REPLAYED_ELSEWHERE = frozenset({"answer", "answers", "no_input", "defaults"})
"""Options the printed command does not copy: the answers are given as flags (or the saved
file) and `--no-input` is always added."""


def _after_questionnaire(
    args: argparse.Namespace, pack: RulePack, answers: Mapping[str, Any], lang: str
) -> None:
    """Interactive runs only: offer to save the answers; show the command that repeats the run."""
    from merchant_cli.app.questionnaire import after_report

    sys.stderr.write(after_report(pack, answers, lang=lang, options=replay_options(args)))


def replay_options(args: argparse.Namespace) -> list[str]:
    """Every option of this run that shaped its output, as words for the printed command.

    Read from the parser, so an option added to `evaluate` later is copied too.
    The report file exists once the run is over, so `--output` brings `--force`.
    """
    parser: argparse.ArgumentParser = args.evaluate_parser
    words: list[str] = []
    for action in parser._actions:
        dest = action.dest
        answer = isinstance(action, _QuestionFlag) or dest in REPLAYED_ELSEWHERE
        if answer or not action.option_strings:
            continue
        value = getattr(args, dest, action.default)
        if value == action.default or dest == "force":
            continue
        flag = (
            action.option_strings[-1]
            if len(action.option_strings[-1]) > 2
            else action.option_strings[0]
        )
        if isinstance(value, bool):
            words.append(flag)
        else:
            for item in value if isinstance(value, list) else [value]:
                words += [flag, str(item)]
    if args.output is not None:
        words.append("--force")
    return words
