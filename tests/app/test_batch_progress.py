"""The batch progress bar speaks the run's language and fits the terminal, never cut."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from merchant_cli.app.batch.progress import progress_bar
from merchant_cli.reporters.linebreak import cells


def _drawn(lang: str, width: int) -> str:
    """The bar as it stands after 12,345 of 100,000 bytes, drawn `width` columns wide."""
    console = Console(file=io.StringIO(), width=width, force_terminal=True, color_system=None)
    with progress_bar(100_000, enabled=True, lang=lang, console=console) as progress:
        assert progress.bar is not None
        task = progress.bar.tasks[0]
        progress.bar.update(task.id, completed=12_345, rows=123_456, rate="")
        progress.update(123_456, 12_345)
        shown = Console(file=io.StringIO(), width=width, color_system=None)
        shown.print(progress.bar.get_renderable())
    output = shown.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


@pytest.mark.parametrize("width", [50, 60, 80, 120])
@pytest.mark.parametrize(("lang", "words"), [("en", ["scoring", "rows", "ETA"]),
                                             ("zh", ["评分中", "行", "剩余"])])  # fmt: skip
def test_the_bar_is_in_the_run_s_language_and_fits(lang: str, words: list[str], width: int) -> None:
    drawn = _drawn(lang, width)
    lines = drawn.splitlines()
    assert lines and all(cells(line) <= width for line in lines)
    assert all(word in drawn for word in words), drawn
    assert "123,456" in drawn and "…" not in drawn


def test_a_silent_bar_passes_messages_through() -> None:
    stream = io.StringIO()
    with progress_bar(None, enabled=False, lang="zh") as progress:
        progress.update(1, 1)
        progress.say(stream, "m.csv:2: bad\n")
    assert stream.getvalue() == "m.csv:2: bad\n"
