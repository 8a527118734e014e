"""Fuzz every way answers come in: `--answer`, dedicated flags and `--answers FILE`.

Whatever the input, `evaluate` must either succeed with a JSON report (exit 0) or
reject the input with a short message (exit 2); never raise or print a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from merchant_cli.packs.loader import builtin_pack_dir, load_pack
from tests.robustness.conftest import INPUT_ERROR, assert_clean, cases, count, run_cli
from tests.robustness.strategies import SPECIAL_NUMBERS, VALID, values

pytestmark = pytest.mark.usefixtures("cached_pack")

PACK = load_pack(builtin_pack_dir())
QUESTION_IDS = [q.id for q in PACK.questions]
FLAGS = [q.option for q in PACK.questions]
EVALUATE = ["evaluate", "--no-input", "--format", "json", "--lang", "en"]
YAML_TOKENS = [
    "category", "price", "notes_per_week", "shoes", ":", ": ", " ", "\n", "  ", "- ", "&a ",
    "*a", "!!python/object:os.system", "!!binary", "!x", "{", "}", "[", "]", ",", ".nan",
    ".inf", "-.inf", "1e999", "9" * 400, "2025-02-30", "'", '"', "#", "---\n", "...\n", "? ",
    "<<: ", "%YAML 1.1\n", "\t", "\ufeff", "\x00", "\\", "|\n", ">\n", "0x", "~", "yes",
]  # fmt: skip


def not_an_option(text: str) -> bool:
    """argparse reads `--answer -x` as two options, and the pack pre-parser reads
    `--answer --rules=DIR` as `--rules DIR` (a known quirk): values never start with '-'."""
    return not text.startswith("-")


def keys() -> st.SearchStrategy[str]:
    return st.sampled_from(QUESTION_IDS) | st.text(max_size=20).filter(not_an_option)


def evaluate(*argv: str) -> None:
    """Run evaluate; it succeeds with one JSON document or fails as bad input."""
    outcome = run_cli([*EVALUATE, *argv])
    assert_clean(outcome, 0, INPUT_ERROR)
    if outcome.code == 0:
        assert json.loads(outcome.out)["schema_version"] == "1"


@pytest.fixture(scope="module")
def answers_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("answers") / "answers.yaml"


@cases()
@given(keys(), st.text() | st.sampled_from(SPECIAL_NUMBERS))
def test_answer_option_values(key: str, value: str) -> None:
    count("answers: --answer")
    evaluate(*VALID, "--answer", f"{key}={value}")


@cases()
@given(st.text().filter(not_an_option))
def test_answer_option_without_equals(option: str) -> None:
    count("answers: --answer shape")
    evaluate(*VALID, "--answer", option)


@cases()
@given(st.sampled_from(FLAGS), st.text() | st.sampled_from(SPECIAL_NUMBERS))
def test_dedicated_flag_values(flag: str, value: str) -> None:
    count("answers: dedicated flags")
    evaluate(*VALID, f"{flag}={value}")


@cases()
@given(st.binary(max_size=2000))
def test_answers_file_of_arbitrary_bytes(answers_file: Path, content: bytes) -> None:
    count("answers: file bytes")
    answers_file.write_bytes(content)
    evaluate(*VALID, "--answers", str(answers_file))


@cases()
@given(st.lists(st.sampled_from(YAML_TOKENS) | st.text(max_size=3), max_size=40))
def test_answers_file_of_yaml_fragments(answers_file: Path, tokens: list[str]) -> None:
    count("answers: file YAML fragments")
    answers_file.write_text("".join(tokens), encoding="utf-8", errors="surrogatepass")
    evaluate(*VALID, "--answers", str(answers_file))


@cases()
@given(
    st.dictionaries(keys(), values(), max_size=8) | values(),
    st.sampled_from(["json", "yaml"]),
)
def test_answers_file_of_wrong_types(answers_file: Path, data: Any, syntax: str) -> None:
    count("answers: file wrong types")
    text = (
        json.dumps(data, default=str)
        if syntax == "json"
        else yaml.safe_dump(data, allow_unicode=True)
    )
    answers_file.write_text(text, encoding="utf-8", errors="surrogatepass")
    evaluate("--answers", str(answers_file))


@pytest.mark.parametrize("value", SPECIAL_NUMBERS)
@pytest.mark.parametrize("flag", ["--price", "--notes-per-week", "--live-hours-per-week"])
def test_special_numbers_in_flags(flag: str, value: str) -> None:
    evaluate(*VALID, f"{flag}={value}")


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "9" * 5000, "1" + "0" * 400])
def test_special_numbers_in_answers_files(answers_file: Path, value: str) -> None:
    answers_file.write_text(f"price: {value}\n", encoding="utf-8")
    outcome = run_cli([*EVALUATE, *VALID, "--answers", str(answers_file)])
    assert_clean(outcome, INPUT_ERROR)
    assert str(answers_file) in outcome.err
