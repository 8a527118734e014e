"""Answers from outside the prompt: `--answers FILE` (or `-`, stdin) and `--answer ID=VALUE`."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from merchant_cli.core.errors import UsageError
from merchant_cli.core.said import say
from merchant_cli.packs.documents import FileMissing, YamlProblem
from merchant_cli.packs.yamlio import load_file, parse, read_stream

STDIN = Path("-")
"""`--answers -`: the mapping is read from standard input."""


def read_answers_file(path: Path) -> dict[str, Any]:
    """A YAML or JSON mapping of question id -> value; any problem is a usage error."""
    try:
        if path == STDIN:
            document = parse(read_stream(sys.stdin.buffer, "<stdin>"), "<stdin>")
        else:
            document = load_file(path)
    except FileMissing:
        raise UsageError(say("file.not_found", path=path)) from None
    except YamlProblem as exc:
        raise UsageError(say("answers.unreadable", problem=exc), hint=say("answers.hint")) from None
    data = document.data
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UsageError(say("answers.not_mapping", path=document.file))
    for key, value in data.items():
        if isinstance(value, dict | list):
            mark = document.mark((key,))
            where = f"{document.file}:{mark.line}:{mark.column}"
            raise UsageError(say("answers.not_single", where=where, key=repr(key)))
    return data


def parse_answer_options(options: Sequence[str]) -> dict[str, str]:
    """`["price=129", ...]` -> `{"price": "129"}`; values are checked later, by question."""
    answers = {}
    for option in options:
        key, sep, value = option.partition("=")
        if not sep or not key.strip():
            raise UsageError(say("answers.bad_option", option=repr(option)))
        answers[key.strip()] = value
    return answers
