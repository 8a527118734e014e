"""What the prompts look like on a real screen: wrapped, never cut, in the run's language.

The prompts are drawn by prompt_toolkit into `Screen`, at a given width, in process.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output

from merchant_cli.app.commands import evaluate
from merchant_cli.app.prompts import fitted, question_prompt, save_prompt
from merchant_cli.core.pack import RulePack
from merchant_cli.reporters.linebreak import cells
from tests.app.interactive.screen import Screen
from tests.conftest import CORE, Run

Draw = Callable[..., Screen]
"""(columns, keystrokes, *args): run the CLI at that width; return the screen the prompts drew."""


@pytest.fixture
def draw(monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Run]) -> Iterator[Draw]:
    monkeypatch.setattr(evaluate, "can_prompt", lambda args: not args.no_input)
    runs: list[Run] = []

    def run(columns: int, keys: str, *args: str) -> Screen:
        written = io.StringIO()
        output = Vt100_Output(written, lambda: Size(rows=40, columns=columns), enable_cpr=False)
        with create_pipe_input() as pipe, create_app_session(input=pipe, output=output):
            pipe.send_text(keys)
            runs.append(cli("--format", "json", *args))
        screen = Screen(400, columns)
        screen.feed(written.getvalue())
        return screen

    yield run
    assert all(r.code == 0 for r in runs), [r.err for r in runs]


HELP_WORDS = ["not counting", "influencers'", "camping,", "hiking,", "fitness"]


@pytest.mark.parametrize("columns", [60, 80])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_prompts_wrap_and_are_never_cut(draw: Draw, columns: int, lang: str) -> None:
    outdoor = "\x1b[B" * 4 + "\r"  # the fifth category, whose covers are long
    keys = outdoor + "129\r3\r2\r6\r\r\r\r\rn"
    screen = draw(columns, keys, "--lang", lang)
    assert screen.overflow == 0
    assert all(cells(line) <= columns for line in screen.lines)
    text = " ".join(line.strip() for line in screen.lines)
    if lang == "en":
        assert all(word in text for word in HELP_WORDS), text
    else:
        assert "露营、徒步、健身" in "".join(line.strip() for line in screen.lines)


def test_a_wrapped_choice_has_a_hanging_indent(pack: RulePack) -> None:
    spec = fitted(question_prompt(pack.question_by_id["category"], "en", None), 60)
    title = next(o.title for o in spec.options if o.value == "outdoor_sports")
    first, *rest = title.splitlines()
    assert rest and all(line.startswith("     ") and not line[5].isspace() for line in rest)
    assert all(cells(line) <= 60 - 3 for line in [first]) and all(len(r) <= 60 for r in rest)
    help_lines = spec.message.splitlines()[1:-1]
    assert len(help_lines) > 1 and all(line.startswith("  ") for line in help_lines)


def test_a_prompt_is_laid_out_again_for_the_width_of_each_redraw(pack: RulePack) -> None:
    width = [80]
    spec = fitted(question_prompt(pack.question_by_id["category"], "zh", None), lambda: width[0])
    title = next(o.title for o in spec.options if o.value == "outdoor_sports")
    for columns in (80, 40):
        width[0] = columns
        for shown in (f" {spec.message} ", f"{title}"):  # as questionary draws them
            assert all(cells(line) <= columns for line in shown.splitlines()), (columns, shown)
    assert "\n" not in str(title) and "\n" in f"{title}"  # made at 80, drawn at 40


@pytest.mark.parametrize(
    ("lang", "hint", "answer"), [("en", "(y/N)", "No"), ("zh", "（y 是 / N 否）", "否")]
)
def test_the_save_question_speaks_the_run_language(
    draw: Draw, lang: str, hint: str, answer: str
) -> None:
    screen = draw(100, "\r\r\r\rn", *CORE, "--lang", lang)
    save = next(line for line in screen.lines if line.startswith("? ") and line.endswith(answer))
    assert save.startswith("? 把这些回答保存到文件吗" if lang == "zh" else "? Save these answers")
    assert hint not in save  # once answered the hint gives way to the answer
    assert save_prompt(lang).instruction == hint
