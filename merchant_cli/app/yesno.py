"""A yes/no prompt in the run's language: questionary's confirm says Yes/No and (y/N) in English.

It behaves like questionary's confirm (y or n answers at once, Enter takes the
default) but shows the hint and the answer words it is given (`prompts` picks
them in the run's language), and returns a `questionary.Question`, so
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


def yes_no(
    message: str, *, default: bool, hint: str, words: tuple[str, str], **session: Any
) -> questionary.Question:
    """Ask `message`; y/Y is yes, n/N is no, Enter is `default`; the answer shows as `words`.

    `session`: more PromptSession options (the output to draw on).
    """
    state: dict[str, bool | None] = {"answer": None}

    def tokens() -> StyleAndTextTuples:
        shown: StyleAndTextTuples = [("class:qmark", "?"), ("class:question", f" {message} ")]
        answer = state["answer"]
        if answer is None:
            return [*shown, ("class:instruction", f"{hint} ")]
        return [*shown, ("class:answer", words[0] if answer else words[1])]

    keys = KeyBindings()

    def choose(value: bool | None) -> Callable[[KeyPressEvent], None]:
        def handler(event: KeyPressEvent) -> None:
            state["answer"] = default if value is None else value
            event.app.exit(result=state["answer"])

        return handler

    for key, value in (("y", True), ("Y", True), ("n", False), ("N", False)):
        keys.add(key)(choose(value))
    keys.add("enter", eager=True)(choose(None))
    keys.add("c-c", eager=True)(_interrupt)
    keys.add("<any>")(_ignore)
    prompt: PromptSession[bool] = PromptSession(
        tokens, key_bindings=keys, style=merge_styles_default([]), **session
    )
    return questionary.Question(prompt.app)


def _interrupt(event: KeyPressEvent) -> None:
    event.app.exit(exception=KeyboardInterrupt, style="class:aborting")


def _ignore(event: KeyPressEvent) -> None:
    """Any other key types nothing: the answer is y or n."""
