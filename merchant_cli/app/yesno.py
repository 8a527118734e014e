"""A yes/no prompt in the run's language: questionary's confirm says Yes/No and (y/N) in English.

It behaves like questionary's confirm (y or n answers at once, Enter takes the
default) but shows the hint and the answer words it is given (`prompts` picks
them in the run's language), takes the answers a Chinese keyboard types (是 and
否 from the input method, full-width ｙ and ｎ), says what to press when another
key is typed rather than ignoring it, and returns a `questionary.Question`, so
`questionnaire._ask` runs it like every other prompt.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import questionary
from prompt_toolkit import PromptSession
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from questionary.styles import merge_styles_default

YES = "yYｙＹ是"
"""Keys that answer yes: y, full-width ｙ as typed in a Chinese input method's
full-width mode, and 是 as the input method commits it."""
NO = "nNｎＮ否"


def yes_no(
    message: str,
    *,
    default: bool,
    hint: str,
    words: tuple[str, str],
    retry: str = "",
    **session: Any,
) -> questionary.Question:
    """Ask `message`; a key of `YES` is yes, of `NO` no, Enter is `default`; the answer shows
    as `words`. Any other key shows `retry` (what to press) beside the hint.

    `session`: more PromptSession options (the output to draw on).
    """
    state: dict[str, bool | None] = {"answer": None, "nudged": False}

    def tokens() -> StyleAndTextTuples:
        shown: StyleAndTextTuples = [("class:qmark", "?"), ("class:question", f" {message} ")]
        answer = state["answer"]
        if answer is None:
            nudge: StyleAndTextTuples = [("class:answer", f"{retry} ")] if state["nudged"] else []
            return [*shown, ("class:instruction", f"{hint} "), *nudge]
        return [*shown, ("class:answer", words[0] if answer else words[1])]

    def other(event: KeyPressEvent) -> None:
        """Any other key types nothing, and the prompt says what to press."""
        state["nudged"] = True

    keys = KeyBindings()

    def choose(value: bool | None) -> Callable[[KeyPressEvent], None]:
        def handler(event: KeyPressEvent) -> None:
            state["answer"] = default if value is None else value
            event.app.exit(result=state["answer"])

        return handler

    for key in YES:
        keys.add(key)(choose(True))
    for key in NO:
        keys.add(key)(choose(False))
    keys.add("enter", eager=True)(choose(None))
    keys.add("c-c", eager=True)(_interrupt)
    keys.add("<any>")(other)
    prompt: PromptSession[bool] = PromptSession(
        tokens, key_bindings=keys, style=merge_styles_default([]), **session
    )
    return questionary.Question(prompt.app)


def _interrupt(event: KeyPressEvent) -> None:
    event.app.exit(exception=KeyboardInterrupt, style="class:aborting")
