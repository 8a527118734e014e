"""The plain-number fast path of `coerce_answer` accepts and rejects exactly what the
general parser does: every text gives the same answer, or the same error, either way."""

from __future__ import annotations

import re
from unittest import mock

from hypothesis import example, given, settings
from hypothesis import strategies as st

from merchant_cli.core import profile
from merchant_cli.core.profile import AnswerError, coerce_answer
from merchant_cli.packs.loader import builtin_pack_dir, load_pack
from merchant_cli.reporters.messages import worded

PACK = load_pack(builtin_pack_dir())
NUMBERS = [q for q in PACK.questions if q.type in ("number", "integer")]
NEVER = re.compile(r"(?!)")
"""A pattern that matches nothing: with it, every text takes the general parser."""

NUMBER_LIKE = st.text(
    alphabet="0123456789.,-+eE_ ¥￥元块hH小时篇条０９．。，－٣\u00a0\u3000\t", max_size=12
)


def outcome(raw: str, question_index: int) -> tuple[str, object]:
    question = NUMBERS[question_index % len(NUMBERS)]
    try:
        value = coerce_answer(question, raw)
    except AnswerError as exc:
        return "refused", (worded(exc.said, "en"), worded(exc.said, "zh"))
    return type(value).__name__, value


@settings(max_examples=1_000, deadline=None)
@given(NUMBER_LIKE | st.text(max_size=12), st.integers(min_value=0))
@example("24.90", 0)
@example("0", 0)
@example("007", 0)
@example("1.", 0)
@example(".5", 0)
@example("1_000", 0)
@example("٣", 0)
@example("9" * 400, 0)
@example("1e3", 0)
@example("２４．９", 0)
@example("25块", 0)
def test_fast_path_equals_the_general_parser(raw: str, question_index: int) -> None:
    fast = outcome(raw, question_index)
    with mock.patch.object(profile, "_PLAIN_NUMBER", NEVER):
        general = outcome(raw, question_index)
    assert fast == general


def test_the_questions_cover_both_number_types() -> None:
    assert {q.type for q in NUMBERS} == {"number", "integer"}
