"""The interactive questionnaire: ask what is missing, review before scoring, offer to save.

Imported only on the interactive path, so questionary's import cost is paid
only when a person is at the terminal. `_ask` is the one place that calls it.
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import questionary
from prompt_toolkit.application import get_app_session
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings

from merchant_cli.app.outputs import write_atomic
from merchant_cli.app.prompts import (
    CONFIRM,
    PromptSpec,
    fitted,
    question_prompt,
    save_path_prompt,
    save_prompt,
    summary_prompt,
)
from merchant_cli.app.yesno import yes_no
from merchant_cli.core.errors import Cancelled, OutputError, TerminalClosed
from merchant_cli.core.models import Question
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import Answer, applicable_questions, coerce_answer, pending_questions
from merchant_cli.reporters.messages import t, worded

PROG = "merchant-cli"


def ask_missing(
    pack: RulePack, answers: Mapping[str, Answer], *, lang: str, optional: bool = True
) -> dict[str, Answer]:
    """Ask every applicable question still open, then review until confirmed.

    `optional` False (`--defaults`): a question with a default keeps it unasked,
    though the review can still change it.
    """
    current = dict(answers)
    _ask_pending(pack, current, lang, optional)
    while (choice := _ask(summary_prompt(pack, current, lang))) != CONFIRM:
        _ask_question(pack.question_by_id[choice], current, lang)
        _ask_pending(pack, current, lang, optional)
    return {q.id: current[q.id] for q in applicable_questions(pack, current) if q.id in current}


def _ask_pending(pack: RulePack, answers: dict[str, Answer], lang: str, optional: bool) -> None:
    """In pack order; each answer may make later questions (their `when`) apply or not.

    Unless `optional`, a question with a default takes it unasked; it is in the
    answers all the same, so the review shows it and can change it.
    """
    while pending := pending_questions(pack, answers):
        question = pending[0]
        if optional or question.required:
            _ask_question(question, answers, lang)
        else:
            answers[question.id] = coerce_answer(question, question.default)


def _ask_question(question: Question, answers: dict[str, Answer], lang: str) -> None:
    current = answers.get(question.id, question.default)
    answers[question.id] = coerce_answer(question, _ask(question_prompt(question, lang, current)))


def after_report(
    pack: RulePack, answers: Mapping[str, Answer], *, lang: str, options: Sequence[str]
) -> str:
    """Offer to save the answers; return the lines that tell how to repeat the run."""
    lines = []
    command = equivalent_command(pack, answers, options)
    if _ask(save_prompt(lang)):
        path = _save(answers_yaml(answers), lang)
        lines.append(t("prompt.saved", lang, path=path))
        command = shlex.join([PROG, "evaluate", "--answers", str(path), "--no-input", *options])
    lines += [t("prompt.again", lang), f"  {command}"]
    return "\n".join(lines) + "\n"


def _save(text: str, lang: str) -> Path:
    """Ask for a file and write `text` to it; a failed write asks again, saying why."""
    spec = save_path_prompt(lang)
    while True:
        path = Path(str(_ask(spec)).strip()).expanduser()
        try:
            write_atomic(path, text, force=False)
        except OutputError as exc:
            spec = save_path_prompt(lang, str(path), problem=worded(exc.said, lang))
        else:
            return path


def equivalent_command(
    pack: RulePack, answers: Mapping[str, Answer], options: Sequence[str] = ()
) -> str:
    """The non-interactive command giving the same report: one flag per non-default answer."""
    words = [PROG, "evaluate"]
    for question in pack.questions:
        value = answers.get(question.id)
        if value is not None and value != question.default:
            words += [question.option, _flag_value(value)]
    return shlex.join([*words, "--no-input", *options])


def _flag_value(value: Answer) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def answers_yaml(answers: Mapping[str, Answer]) -> str:
    """An answers file for `--answers FILE`: question id -> value."""
    import yaml  # only when answers are saved: the first prompt should not wait for it

    body = yaml.safe_dump(dict(answers), allow_unicode=True, sort_keys=False)
    return f"# {PROG} answers: {PROG} evaluate --answers FILE\n{body}"


def _cancel_keys() -> KeyBindings:
    """Esc and Ctrl-D cancel like Ctrl-C, at every kind of prompt."""
    keys = KeyBindings()

    @keys.add("escape", eager=True)
    def _escape(event: KeyPressEvent) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    @keys.add("c-d", eager=True)
    def _end(event: KeyPressEvent) -> None:
        event.app.exit(exception=EOFError, style="class:aborting")

    return keys


def _terminal() -> dict[str, Any]:
    """Where prompts draw: stdout's terminal, or stderr's when stdout is redirected.

    `merchant-cli > report.txt` asks on the terminal and writes only the report
    to the file. The empty answer keeps prompt_toolkit's own choice (stdout, or
    whatever output the current app session has, as tests set).
    """
    if sys.stdout.isatty() or not sys.stderr.isatty():
        return {}
    from prompt_toolkit.output import create_output

    return {"output": create_output(stdout=sys.stderr)}


def _ask(spec: PromptSpec) -> Any:
    """The one place that calls questionary; any way of quitting becomes `Cancelled`."""
    session = _terminal()
    output = session.get("output") or get_app_session().output
    spec = fitted(spec, lambda: output.get_size().columns)  # laid out again on a resize
    if spec.kind == "select":
        choices = [questionary.Choice(o.title, value=o.value) for o in spec.options]
        question = questionary.select(
            spec.message,
            choices,
            default=spec.default if isinstance(spec.default, str) else None,
            instruction=spec.instruction,
            **session,
        )
    elif spec.kind == "confirm":
        hint = spec.instruction or ""
        question = yes_no(
            spec.message,
            default=bool(spec.default),
            hint=hint,
            words=spec.words,
            retry=spec.retry,
            **session,
        )
    else:
        question = questionary.text(
            spec.message, default=str(spec.default or ""), validate=spec.validate, **session
        )
    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), _cancel_keys()])
    try:
        return question.unsafe_ask()
    except (KeyboardInterrupt, EOFError):
        raise Cancelled() from None
    except OSError:  # EIO: the terminal closed before SIGHUP arrived
        raise TerminalClosed("the terminal closed") from None
