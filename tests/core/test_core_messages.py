"""The whole message of an answer error or a notice, pinned as data (`Said`).

Other tests check that a message is present in both languages and names what it is
about; these compare the `Said` itself, key, values and separators, so a message that
lost its date, its platform or its hint is caught here, before any wording.
"""

from __future__ import annotations

from typing import Any

import pytest

from merchant_cli.core.engine import Scorer
from merchant_cli.core.errors import UsageError
from merchant_cli.core.models import PackMeta, Platform, Rule
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import (
    AnswerError,
    Profile,
    _show,
    build_profile,
    checked_answers,
    coerce_answer,
    merge_answers,
)
from merchant_cli.core.result import Notice
from merchant_cli.core.said import did_you_mean, joined, say
from merchant_cli.packs.validation import parse

ANSWERS: dict[str, Any] = {
    "category": "womens_apparel",
    "price": 129,
    "notes_per_week": 3,
    "videos_per_week": 2,
    "live_hours_per_week": 6,
}


def test_a_refused_choice_lists_every_choice(pack: RulePack) -> None:
    question = pack.question_by_id["category"]
    choices = question.choices or ()
    names = [name for c in choices for name in (c.id, c.label.zh, c.label.en)]
    with pytest.raises(AnswerError) as caught:
        coerce_answer(question, "shoe")
    expected = say(
        "answer.not_choice",
        raw=_show("shoe"),
        listed=joined([say("question.labelled", label=c.label, id=c.id) for c in choices], ", "),
        hint=did_you_mean("shoe", names),
    )
    assert caught.value.said == expected and caught.value.args == ("answer.not_choice",)


def test_missing_answers_are_listed_with_their_hint(pack: RulePack) -> None:
    with pytest.raises(UsageError) as caught:
        build_profile(pack, {"category": "shoes", "price": 30})
    missing = tuple(
        say("answers.missing_one", id=q.id, option=q.option)
        for q in pack.questions
        if q.default is None and q.id not in ("category", "price")
    )
    assert caught.value.said == say("answers.missing", missing=missing)
    assert caught.value.said_hint == say("answers.missing_hint")


def test_several_bad_answers_are_one_message_a_line_each(pack: RulePack) -> None:
    raw = {"price": "cheap", "category": "hats"}
    _, problems = checked_answers(pack, raw, lambda question: question.option)
    assert len(problems) == 2
    with pytest.raises(UsageError) as caught:
        merge_answers(pack, [raw])
    assert caught.value.said == say("answers.invalid_many", problems=joined(problems, "\n  "))


def test_the_evidence_date_notice_names_the_pack_date(pack: RulePack) -> None:
    evaluation = Scorer(pack).evaluate(build_profile(pack, ANSWERS), today=pack.meta.as_of)
    expected = say("notice.evidence_date", date=pack.meta.as_of.isoformat())
    assert Notice("evidence-date", expected) in evaluation.warnings


def test_a_platform_no_rule_reaches_is_named() -> None:
    text = {"en": "x", "zh": "x"}
    rule = parse(
        Rule, {"id": "r", "platform": "alpha", "points": 5, "reason": text, "evidence": ["E1"]}
    )
    pack = RulePack(
        meta=parse(PackMeta, {"name": "t", "version": "1", "as_of": "2025-01-16"}),
        platforms=tuple(
            parse(Platform, {"id": p, "name": {"en": p.title(), "zh": p}})
            for p in ("alpha", "beta")
        ),
        rules=(rule,),
    )
    evaluation = Scorer(pack).evaluate(Profile({}))
    beta = pack.platform_by_id["beta"]
    no_rules = [n for n in evaluation.warnings if n.code == "no-rules"]
    assert no_rules == [Notice("no-rules", say("notice.no_rules", name=beta.name))]
