"""Safe YAML: plain data only, with every node's position, within limits."""

from __future__ import annotations

import datetime as dt

import pytest

from merchant_cli.packs.documents import Mark, YamlProblem, format_path
from merchant_cli.packs.yamlio import parse


def test_data_and_marks() -> None:
    doc = parse("a: 1\nb:\n  - x: [1, 2]\n    no: yes\nc: 2025-01-16\n", "f.yaml")
    assert doc.data == {"a": 1, "b": [{"x": [1, 2], "no": True}], "c": dt.date(2025, 1, 16)}
    assert doc.mark(("b", 0, "x", 1)) == Mark(3, 12)
    assert doc.mark(("b", 0, "missing")) == Mark(3, 5)


def test_keys_keep_their_spelling() -> None:
    assert parse("no: 1\non: 2\n", "f").data == {"no": 1, "on": 2}


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("a: !!python/object:os.system x\n", "f:1:4", "is not allowed"),
        ("a: !custom x\n", "f:1:4", "is not allowed"),
        ("a: !!binary aGk=\n", "f:1:4", "is not allowed"),
        ("a: 1\na: 2\n", "f:2:1", "duplicate key 'a'"),
        ("a: [\n", "f:2:1", "invalid YAML"),
        ("x: .nan\n", "f:1:4", "not a finite number"),
        ("a: 1\n---\nb: 2\n", "f:2:1", "several"),
        ("? [a]\n: 1\n", "f:1:3", "plain strings"),
    ],
)
def test_rejections_are_located(text: str, where: str, message: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        parse(text, "f")
    assert str(caught.value).startswith(where)
    assert message in caught.value.message


def test_alias_bomb_is_stopped() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    with pytest.raises(YamlProblem, match="expands to more than"):
        parse("\n".join(lines) + "\n", "bomb.yaml")


def test_deep_nesting_is_stopped() -> None:
    with pytest.raises(YamlProblem, match="nesting deeper"):
        parse("[" * 100 + "]" * 100, "deep.yaml")


def test_format_path() -> None:
    assert format_path(("rules", 3, "when", "all", 0)) == "rules[3].when.all[0]"
