"""The real questionary prompts, driven in process through prompt_toolkit's pipe input."""

from __future__ import annotations

import json
import shlex
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput

from merchant_cli.app import outputs, prompts, questionnaire
from merchant_cli.app.commands import evaluate
from merchant_cli.core.errors import OutputError
from merchant_cli.core.models import Question
from merchant_cli.core.profile import Answer
from tests.conftest import CORE, ROOT, Run

DOWN, ENTER, CTRL_C, CTRL_D, CTRL_U, ESC = "\x1b[B", "\r", "\x03", "\x04", "\x15", "\x1b"
CORE_KEYS = [ENTER, "129\r", "3\r", "2\r", "6\r"]
"""Answers to the required questions, as typed: womens_apparel is the first category."""
DEFAULTS_AND_CONFIRM = [ENTER, ENTER, ENTER, ENTER]
"""Keep merchant_type, goal and sells_on at their defaults, then confirm the summary."""
NO_SAVE = "n"


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch) -> Iterator[PipeInput]:
    """Keystrokes for the prompts; the CLI believes it runs on a terminal."""
    monkeypatch.setattr(evaluate, "can_prompt", lambda args: not args.no_input)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the questions prompted, in order."""
    ids: list[str] = []

    def spy(question: Question, lang: str, current: Answer | None) -> prompts.PromptSpec:
        ids.append(question.id)
        return prompts.question_prompt(question, lang, current)

    monkeypatch.setattr(questionnaire, "question_prompt", spy)
    return ids


def typed(pipe: PipeInput, *strokes: str) -> None:
    pipe.send_text("".join(strokes))


def test_full_run_gives_the_json_of_the_equivalent_flags(
    keys: PipeInput, asked: list[str], cli: Callable[..., Run]
) -> None:
    typed(keys, *CORE_KEYS, *DEFAULTS_AND_CONFIRM, NO_SAVE)
    interactive = cli("--format", "json")
    assert interactive.code == 0, interactive.err
    assert asked == [
        "category", "price", "notes_per_week", "videos_per_week", "live_hours_per_week",
        "merchant_type", "goal", "sells_on",
    ]  # fmt: skip
    scripted = cli("evaluate", "--format", "json", *CORE, "--no-input")
    assert json.loads(interactive.out) == json.loads(scripted.out)
    command = interactive.err.strip().splitlines()[-1].strip()
    assert command == shlex.join(
        ["merchant-cli", "evaluate", *CORE, "--no-input", "--format", "json"]
    )
    assert cli(*shlex.split(command)[1:]).out == scripted.out


def test_answers_given_as_flags_are_not_asked_again(
    keys: PipeInput, asked: list[str], cli: Callable[..., Run]
) -> None:
    typed(keys, "3\r", "2\r", "6\r", *DEFAULTS_AND_CONFIRM, NO_SAVE)
    run = cli("--format", "json", "--category", "shoes", "--answer", "price=59")
    assert run.code == 0, run.err
    assert asked == [
        "notes_per_week", "videos_per_week", "live_hours_per_week", "merchant_type", "goal",
        "sells_on",
    ]  # fmt: skip
    profile = json.loads(run.out)["profile"]
    assert (profile["category"], profile["price"], profile["live_hours_per_week"]) == (
        "shoes",
        59,
        6,
    )


def test_an_answer_changed_at_the_summary_is_used(
    keys: PipeInput, asked: list[str], cli: Callable[..., Run]
) -> None:
    change_price = [DOWN, DOWN, ENTER, CTRL_U, "250\r"]
    typed(keys, *CORE_KEYS, ENTER, ENTER, ENTER, *change_price, ENTER, NO_SAVE)
    run = cli("--format", "json")
    assert run.code == 0, run.err
    assert asked[-1] == "price"
    assert json.loads(run.out)["profile"]["price"] == 250
    assert "--price 250" in run.err


def test_an_invalid_number_is_refused_then_corrected(
    keys: PipeInput, cli: Callable[..., Run]
) -> None:
    refused = ["-5\r", CTRL_U, "0\r", CTRL_U, "abc\r", CTRL_U]
    typed(keys, ENTER, *refused, "129\r", "3\r", "2.5\r", CTRL_U, "2\r", "6\r")
    typed(keys, *DEFAULTS_AND_CONFIRM, NO_SAVE)
    run = cli("--format", "json")
    assert run.code == 0, run.err
    assert json.loads(run.out)["profile"]["price"] == 129
    assert json.loads(run.out)["profile"]["videos_per_week"] == 2


@pytest.mark.parametrize(
    "strokes",
    [[ENTER, CTRL_C], [CTRL_C], [ENTER, CTRL_D], [CTRL_D], [ESC]],
    ids=["ctrl-c-text", "ctrl-c-select", "ctrl-d-text", "ctrl-d-select", "esc-select"],
)
def test_quitting_at_a_prompt_cancels_with_exit_130(
    keys: PipeInput, cli: Callable[..., Run], strokes: list[str]
) -> None:
    # A lone Esc is told from an escape sequence only by a pause: in a pipe it must come last.
    typed(keys, *strokes)
    run = cli("--format", "json")
    assert (run.code, run.out) == (130, "")
    assert run.err.strip().splitlines() == ["merchant-cli: cancelled"]


def test_end_of_input_cancels(keys: PipeInput, cli: Callable[..., Run]) -> None:
    typed(keys, ENTER)
    keys.close()
    assert cli("--format", "json").code == 130


def test_answers_are_saved_without_replacing_a_file(
    keys: PipeInput, cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "merchant-answers.yaml").write_text("keep me\n")
    save_as_mine = ["y", ENTER, CTRL_U, "mine.yaml\r"]  # the default name exists: refused
    typed(keys, *CORE_KEYS, *DEFAULTS_AND_CONFIRM, *save_as_mine)
    run = cli("--format", "json")
    assert run.code == 0, run.err
    assert (tmp_path / "merchant-answers.yaml").read_text() == "keep me\n"
    saved = yaml.safe_load((tmp_path / "mine.yaml").read_text())
    assert saved == json.loads(run.out)["profile"]
    assert "merchant-cli evaluate --answers mine.yaml --no-input" in run.err
    assert cli("--answers", "mine.yaml", "--format", "json", "--no-input").out == run.out


def test_cancelling_the_save_writes_nothing(
    keys: PipeInput, cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    typed(keys, *CORE_KEYS, *DEFAULTS_AND_CONFIRM, "y", CTRL_C)
    assert cli("--format", "json").code == 130
    assert list(tmp_path.iterdir()) == []


def test_no_input_never_prompts(keys: PipeInput, cli: Callable[..., Run]) -> None:
    run = cli("--format", "json", "--no-input")
    assert run.code == 2
    assert "missing answers" in run.err and "--category" in run.err


def test_optional_questions_are_asked_even_when_the_flags_give_every_required_one(
    keys: PipeInput, asked: list[str], cli: Callable[..., Run]
) -> None:
    brand = DOWN + DOWN + ENTER  # from the default (not_specified, the last), round to brand
    typed(keys, brand, ENTER, ENTER, ENTER, NO_SAVE)
    run = cli("--format", "json", *CORE)
    assert run.code == 0, run.err
    assert asked == ["merchant_type", "goal", "sells_on"]
    assert json.loads(run.out)["profile"]["merchant_type"] == "brand"
    assert "--merchant-type brand --no-input" in run.err.splitlines()[-1]


def test_defaults_asks_only_what_has_no_default(
    keys: PipeInput, asked: list[str], cli: Callable[..., Run]
) -> None:
    typed(keys, "6\r", ENTER, NO_SAVE)  # the required answer, the summary, the save offer
    run = cli("--format", "json", *CORE[:-2], "--defaults")
    assert run.code == 0, run.err
    assert asked == ["live_hours_per_week"]
    assert json.loads(run.out)["profile"]["merchant_type"] == "not_specified"
    assert "To run again without questions:" in run.err
    nothing_open = cli("--format", "json", *CORE, "--defaults")  # no prompt: no keys needed
    assert (nothing_open.code, nothing_open.err) == (0, "")
    assert nothing_open.out == run.out


def test_a_default_taken_unasked_can_be_changed_at_the_summary(
    keys: PipeInput, asked: list[str], cli: Callable[..., Run]
) -> None:
    to_merchant_type = DOWN * 6 + ENTER  # confirm, the five required answers, then it
    brand = DOWN + DOWN + ENTER
    typed(keys, "6\r", to_merchant_type, brand, ENTER, NO_SAVE)
    run = cli("--format", "json", *CORE[:-2], "--defaults")
    assert run.code == 0, run.err
    assert asked == ["live_hours_per_week", "merchant_type"]
    assert json.loads(run.out)["profile"]["merchant_type"] == "brand"


def test_the_printed_command_keeps_every_option_and_works_when_pasted(
    keys: PipeInput, cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    options = ["--format", "markdown", "--evidence", "full", "--lang", "zh"]
    options += ["--today", "2026-01-31"]
    typed(keys, *DEFAULTS_AND_CONFIRM, NO_SAVE)
    run = cli(*CORE, *options, "-o", "report.md")
    assert run.code == 0, run.err
    assert run.out == ""
    assert "报告已写入 report.md" in run.err
    command = shlex.split(run.err.strip().splitlines()[-1])
    for option, value in zip(options[::2], options[1::2], strict=True):
        assert command[command.index(option) + 1] == value
    assert command[command.index("--output") + 1] == "report.md" and "--force" in command
    first = (tmp_path / "report.md").read_text(encoding="utf-8")
    again = cli(*command[1:])
    assert (again.code, again.err) == (0, "")
    assert (tmp_path / "report.md").read_text(encoding="utf-8") == first


def test_a_save_path_that_cannot_be_written_asks_again(
    keys: PipeInput, cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    failures = iter([OutputError("cannot write a.yaml: Permission denied")])
    real_write = outputs.write_atomic

    def write_once_failing(path: Path, text: str, *, force: bool) -> None:
        failure = next(failures, None)
        if failure is not None:
            raise failure
        real_write(path, text, force=force)

    monkeypatch.setattr(questionnaire, "write_atomic", write_once_failing)
    no_dir = [CTRL_U, "missing/a.yaml\r", CTRL_U]  # refused at the prompt: no such directory
    typed(keys, *CORE_KEYS, *DEFAULTS_AND_CONFIRM, "y", *no_dir, "a.yaml\r", CTRL_U, "b.yaml\r")
    run = cli("--format", "json")
    assert run.code == 0, run.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.yaml"]
    assert "merchant-cli evaluate --answers b.yaml --no-input" in run.err


def test_save_path_validation(tmp_path: Path) -> None:
    (tmp_path / "taken.yaml").write_text("")
    validate = prompts.save_path_prompt("zh").validate
    assert validate is not None
    assert validate(str(tmp_path / "new.yaml")) is True
    taken = tmp_path / "taken.yaml"
    assert validate(str(taken)) == f"{taken} 已存在，请换一个文件名"
    assert validate(str(tmp_path / "no" / "x.yaml")) == f"{tmp_path / 'no'} 不是已有的目录"
    assert validate("  ") == "请输入文件名"


def test_stdin_on_a_terminal_with_no_output_to_draw_on_says_why_it_cannot_ask(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)  # stdout and stderr are captured
    run = cli("--format", "json", "--category", "shoes")
    assert run.code == 2 and "missing answers" in run.err
    assert "both are redirected" in run.err and "run on a terminal" not in run.err


def test_the_printed_command_keeps_global_options_and_overlays(
    keys: PipeInput, cli: Callable[..., Run]
) -> None:
    overlay = str(ROOT / "examples" / "overlay-kuaishou")
    typed(keys, *DEFAULTS_AND_CONFIRM, NO_SAVE)
    run = cli("--lang", "en", "--rules-overlay", overlay, "evaluate", *CORE, "--format", "json")
    assert run.code == 0, run.err
    command = shlex.split(run.err.strip().splitlines()[-1])
    assert command[command.index("--rules-overlay") + 1] == overlay
    assert command[command.index("--lang") + 1] == "en"
    assert cli(*command[1:]).out == run.out
