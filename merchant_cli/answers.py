"""Answers from outside the prompt: `--answers FILE` and `--answer ID=VALUE`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from merchant_cli.errors import UsageError
from merchant_cli.yamlio import YamlProblem, load_file


def read_answers_file(path: Path) -> dict[str, Any]:
    """A YAML or JSON mapping of question id -> value; any problem is a usage error."""
    try:
        document = load_file(path)
    except YamlProblem as exc:
        raise UsageError(
            f"{exc}", hint="an answers file is a YAML or JSON mapping, e.g. `category: shoes`"
        ) from None
    data = document.data
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UsageError(f"{path}:1:1: an answers file must be a mapping of question id -> value")
    for key, value in data.items():
        if isinstance(value, dict | list):
            mark = document.mark((key,))
            raise UsageError(
                f"{path}:{mark.line}:{mark.column}: the answer to {key!r} must be a single value"
            )
    return data


def parse_answer_options(options: Sequence[str]) -> dict[str, str]:
    """`["price=129", ...]` -> `{"price": "129"}`; values are checked later, by question."""
    answers = {}
    for option in options:
        key, sep, value = option.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--answer {option!r}: expected ID=VALUE, e.g. --answer price=129")
        answers[key.strip()] = value
    return answers
