"""The core's small data modules, pinned exactly: `said`, `errors`, `constraints`,
`record`, `result`, `pack` and `insight`.

Everything else builds on these, so a slip in one shows up far away (a message with
the wrong key, a fact without its band, a re-check list in the wrong order); these
tests say what each returns, field by field, so a change shows up here first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest

from merchant_cli.core.confidence import Confidence
from merchant_cli.core.constraints import Limits, alias
from merchant_cli.core.engine import Scorer
from merchant_cli.core.errors import (
    Cancelled,
    MerchantCliError,
    OutputError,
    PackError,
    PackNotFound,
    Problem,
    TerminalClosed,
    UsageError,
)
from merchant_cli.core.insight import RECHECK_LIMIT, _recheck, build_insight
from merchant_cli.core.models import Text
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import build_profile
from merchant_cli.core.record import Record, record
from merchant_cli.core.result import Contribution, Evaluation, Notice, PackInfo, PlatformScore
from merchant_cli.core.said import (
    JOINED,
    NOTHING,
    VERBATIM,
    Said,
    did_you_mean,
    joined,
    say,
    verbatim,
)
from merchant_cli.core.strategy import Recommendation, Step
from tests.core.test_record import Placed, PlacedDataclass

TEXT = Text(en="e", zh="z")

# --- said ------------------------------------------------------------------------


def test_say_verbatim_and_joined_build_the_said_they_name() -> None:
    assert say("a.key", high="168", raw="200") == Said("a.key", (("high", "168"), ("raw", "200")))
    assert say("a.key") == Said("a.key", ())
    assert verbatim("text") == Said(VERBATIM, (("text", "text"),)) and VERBATIM == ""
    parts = [say("x"), say("y")]
    assert joined(iter(parts), "; ") == Said(JOINED, (("parts", tuple(parts)), ("separator", "; ")))
    assert JOINED == "+" and NOTHING == Said("", (("text", ""),))
    assert say("k", a=1, b=2).value("b") == 2
    with pytest.raises(KeyError):
        say("k", a=1).value("b")


def test_did_you_mean_offers_the_closest_name_or_nothing() -> None:
    valid = ["evaluate", "batch", "explain"]
    assert did_you_mean("evalute", iter(valid)) == say("cli.did_you_mean", name="'evaluate'")
    assert did_you_mean("evalute", valid, show="--{}") == say("cli.did_you_mean", name="--evaluate")
    assert did_you_mean("zzzz", valid) is NOTHING
    # difflib's ratio of "abcd" and "abxy" is exactly 0.5, below the 0.6 cut-off
    assert did_you_mean("abcd", ["abxy"]) is NOTHING
    # "abcde" and "abcxy": 0.6, exactly at the cut-off, still offered
    assert did_you_mean("abcde", ["abcxy"]) == say("cli.did_you_mean", name="'abcxy'")
    # the best of several, not the first
    assert did_you_mean("shoes", ["shoe_x", "shoes_"]) == say("cli.did_you_mean", name="'shoes_'")


# --- errors ----------------------------------------------------------------------


def test_an_error_carries_its_message_and_hint_as_said() -> None:
    plain = MerchantCliError("disk full", hint="free some space")
    assert plain.said == verbatim("disk full") and plain.said_hint == verbatim("free some space")
    assert plain.args == (verbatim("disk full"),) and plain.exit_code == 1
    keyed = UsageError(say("answer.below", high="168"), hint=say("h"))
    assert keyed.said == say("answer.below", high="168") and keyed.said_hint == say("h")
    assert UsageError("x").said_hint is None and UsageError("x").exit_code == 2
    assert OutputError("x").exit_code == 2 and TerminalClosed("x").exit_code == 129


def test_the_named_errors_say_what_they_are_about() -> None:
    assert PackNotFound("rules/x").said == say("pack.not_found", path="rules/x")
    assert PackNotFound("rules/x").exit_code == 2
    assert Cancelled().said == say("cli.cancelled") and Cancelled().exit_code == 130
    assert Cancelled("bye").said == verbatim("bye")
    assert Cancelled(say("other")).said == say("other")
    problems = [
        Problem("a.yaml", 1, 2, "bad"),
        Problem("a.yaml", 3, 4, "odd", severity="warning"),
        Problem("b.yaml", 5, 6, "worse"),
    ]
    error = PackError(problems)
    assert error.said == say("pack.invalid", count=2) and error.exit_code == 3
    assert error.problems == problems and error.problems is not problems


def test_a_problem_reads_file_line_column_severity_message_and_path() -> None:
    assert str(Problem("a.yaml", 3, 7, "bad id")) == "a.yaml:3:7: bad id"
    assert (
        str(Problem("a.yaml", 3, 7, "bad id", "rules[0].id")) == "a.yaml:3:7: bad id (rules[0].id)"
    )
    warned = Problem("a.yaml", 3, 7, "unused", severity="warning")
    assert str(warned) == "a.yaml:3:7: warning: unused"
    problem = Problem("a.yaml", 1, 1, "m")
    assert (problem.path, problem.severity, problem.kind, problem.subject) == (
        "",
        "error",
        "",
        None,
    )


# --- constraints -----------------------------------------------------------------


def test_alias_drops_only_a_trailing_underscore() -> None:
    assert [alias(n) for n in ("in_", "not_in", "from_", "_x", "name")] == [
        "in",
        "not_in",
        "from",
        "_x",
        "name",
    ]


def test_limits_give_only_what_is_set() -> None:
    assert Limits().given() == {}
    assert Limits(min_length=1, pattern="a").given() == {"min_length": 1, "pattern": "a"}
    every = Limits(min_length=1, max_length=2, pattern="p", ge=0.0, le=1.0)
    assert every.given() == {"min_length": 1, "max_length": 2, "pattern": "p", "ge": 0.0, "le": 1.0}


@pytest.mark.parametrize(
    ("limits", "value", "accepted"),
    [
        (Limits(), "", True),
        (Limits(min_length=2), "ab", True),
        (Limits(min_length=2), "a", False),
        (Limits(max_length=2), "ab", True),
        (Limits(max_length=2), "abc", False),
        (Limits(pattern="[a-z]+"), "abc", True),
        (Limits(pattern="[a-z]+"), "abc1", False),
        (Limits(pattern="[a-z]+"), "1abc", False),
        (Limits(ge=0), 0, True),
        (Limits(ge=0), -1, False),
        (Limits(le=100), 100, True),
        (Limits(le=100), 101, False),
        (Limits(ge=0, le=100), 50, True),
        (Limits(min_length=1, max_length=3, pattern="[a-z]*"), "abcd", False),
        (Limits(min_length=1, max_length=3, pattern="[a-z]*"), "", False),
        (Limits(min_length=1, max_length=3, pattern="[a-z]*"), "ab", True),
    ],
)
def test_limits_accept_exactly_what_pydantic_would(
    limits: Limits, value: Any, accepted: bool
) -> None:
    assert limits.accepts(value) is accepted


# --- record ----------------------------------------------------------------------


@record
class Shown(Record):
    name: str
    hidden: int = field(default=0, repr=False, compare=False)


@dataclass(frozen=True, kw_only=True)
class ShownDataclass:
    name: str
    hidden: int = field(default=0, repr=False, compare=False)


def _message(make: Any, *args: Any, **kwargs: Any) -> str:
    with pytest.raises(TypeError) as caught:
        make(*args, **kwargs)
    return str(caught.value)


@pytest.mark.parametrize(
    ("make", "args", "kwargs", "message"),
    [
        (Placed, (), {}, "Placed.__init__() missing 1 required argument: 'first'"),
        (
            Placed,
            ("a", 1, 2),
            {},
            "Placed.__init__() takes 3 positional arguments but 4 were given",
        ),
        (
            Placed,
            ("a",),
            {"first": "b"},
            "Placed.__init__() got multiple values for argument 'first'",
        ),
        (
            Placed,
            ("a",),
            {"colour": 1, "size": 2},
            "Placed.__init__() got an unexpected keyword argument 'colour'",
        ),
        (Shown, (), {}, "Shown.__init__() missing 1 required keyword-only argument: 'name'"),
        (Shown, ("a",), {}, "Shown.__init__() takes 1 positional arguments but 2 were given"),
    ],
)
def test_construction_errors_name_the_class_and_the_argument(
    make: Any, args: tuple[Any, ...], kwargs: dict[str, Any], message: str
) -> None:
    """Worded as Python's own, so a wrong call to a model reads as usual; and each is
    raised by the check it names (a dataclass raises the same kind of error)."""
    assert _message(make, *args, **kwargs) == message
    theirs = PlacedDataclass if make is Placed else ShownDataclass
    with pytest.raises(TypeError):
        theirs(*args, **kwargs)


def test_fields_left_out_of_repr_and_comparison_stay_out() -> None:
    assert repr(Shown(name="a", hidden=3)) == "Shown(name='a')"
    assert Shown(name="a", hidden=1) == Shown(name="a", hidden=2)
    assert hash(Shown(name="a", hidden=1)) == hash(("a",))
    assert Shown(name="a").hidden == 0
    assert Shown(name="a").__eq__(ShownDataclass(name="a")) is NotImplemented
    assert Placed("a") != Placed("a", 3) and Placed("a") == Placed("a", 2)


def test_a_frozen_field_error_names_the_field() -> None:
    made = Placed("a")
    with pytest.raises(dataclasses.FrozenInstanceError, match="^cannot assign to field 'first'$"):
        made.first = "b"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError, match="^cannot delete field 'second'$"):
        del made.second


# --- result and pack -------------------------------------------------------------


def _contribution(rule: str, points: int, *evidence: str) -> Contribution:
    return Contribution(rule, points, evidence, TEXT)


def _score(platform: str, *contributions: Contribution) -> PlatformScore:
    return PlatformScore(platform, TEXT, 50, "moderate", contributions)


def test_observations_are_distinct_in_the_order_first_cited() -> None:
    score = _score("a", _contribution("r1", 5, "B", "A"), _contribution("r2", 3, "A", "C", "B"))
    assert score.observations == ("B", "A", "C")
    contribution = _contribution("r", 1)
    assert (contribution.quote, contribution.reading, contribution.strength) == ("", None, None)


def _evaluation(*ranking: PlatformScore, warnings: tuple[Notice, ...] = ()) -> Evaluation:
    info = PackInfo("p", "1", dt.date(2025, 1, 1))
    return Evaluation(info, {}, {}, ranking, warnings)


def test_the_top_of_an_evaluation_is_its_first_platform() -> None:
    first, second = _score("a"), _score("b")
    evaluation = _evaluation(first, second)
    assert evaluation.top is first and evaluation.confidence is None


def test_facts_add_each_band_of_a_number_but_not_of_a_yes_or_no(pack: RulePack) -> None:
    derived = pack.derived[0]
    low = derived.bands[0]
    assert low.below is not None
    facts = pack.facts({derived.from_: low.below - 1, "other": "x"})
    assert facts == {derived.from_: low.below - 1, "other": "x", derived.id: low.id}
    assert pack.facts({derived.from_: low.below})[derived.id] == derived.bands[1].id
    assert pack.facts({derived.from_: float(low.below - 1)})[derived.id] == low.id
    assert derived.id not in pack.facts({derived.from_: True})
    assert derived.id not in pack.facts({derived.from_: "12"})
    assert derived.id not in pack.facts({})


def test_the_lookups_by_id_hold_every_item(pack: RulePack) -> None:
    lookups: dict[str, tuple[Any, ...]] = {
        "platform_by_id": pack.platforms,
        "observation_by_id": pack.observations,
        "question_by_id": pack.questions,
        "source_by_id": pack.sources,
        "rule_by_id": pack.rules,
        "derived_by_id": pack.derived,
    }
    for name, items in lookups.items():
        found = getattr(pack, name)
        assert list(found) == [item.id for item in items], name
        assert all(found[item.id] is item for item in items), name


# --- insight ---------------------------------------------------------------------


def _recommendation(*platforms: str, steps: tuple[Step, ...] = ()) -> Recommendation:
    return Recommendation(
        primary=platforms[0], secondary=platforms[1:], close_call=False, steps=steps, risks=()
    )


def test_recheck_leads_with_the_heaviest_rules_of_the_recommended_platforms() -> None:
    chosen = _score(
        "a",
        _contribution("r2", 3, "O3"),
        _contribution("r1", -8, "O1", "O2"),
        _contribution("r0", 3, "O4"),
    )
    other = _score("b", _contribution("rb", 20, "OB"))
    step = Step("a", TEXT, ("O9", "O1"))
    evaluation = _evaluation(other, chosen)
    found = _recheck(evaluation, _recommendation("a", steps=(step,)))
    assert found == ("O1", "O2", "O4", "O3", "O9")
    both = _recheck(evaluation, _recommendation("a", "b"))
    assert both == ("OB", "O1", "O2", "O4", "O3")


def test_recheck_names_at_most_five() -> None:
    many = _score("a", *(_contribution(f"r{n}", 10 - n, f"O{n}") for n in range(8)))
    found = _recheck(_evaluation(many), _recommendation("a"))
    assert RECHECK_LIMIT == 5 and found == ("O0", "O1", "O2", "O3", "O4")


def test_build_insight_re_checks_only_stale_evidence(pack: RulePack) -> None:
    scorer = Scorer(pack)
    answers = {
        "category": "womens_apparel",
        "price": 129,
        "notes_per_week": 3,
        "videos_per_week": 2,
        "live_hours_per_week": 6,
    }
    profile = build_profile(pack, answers)
    fresh = scorer.evaluate(profile, today=pack.meta.as_of)
    insight = build_insight(scorer, fresh)
    assert not insight.stale and insight.recheck == ()
    assert insight.what_if and insight.recommendation.primary == fresh.top.platform
    stale = scorer.evaluate(profile, today=pack.meta.as_of + dt.timedelta(days=3 * 365))
    assert any(n.code == "stale-evidence" for n in stale.warnings)
    insight = build_insight(scorer, stale)
    assert insight.stale
    assert insight.recheck == _recheck(stale, insight.recommendation) and insight.recheck
    assert isinstance(stale.confidence, Confidence | None)


def test_record_makes_a_dataclass_that_keeps_the_shared_methods() -> None:
    """Classes made here, inside the test, so the decorator itself runs under the test."""

    @record
    class Keyed(Record):
        name: str

    @record(kw_only=False)
    class Placed(Record):
        name: str

    @record()
    class Default(Record):
        name: str

    for made in (Keyed, Placed, Default):
        assert dataclasses.is_dataclass(made)
        for method in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__"):
            assert getattr(made, method) is getattr(Record, method), (made, method)
    assert [f.kw_only for f in dataclasses.fields(Keyed)] == [True]
    assert [f.kw_only for f in dataclasses.fields(Default)] == [True]
    assert [f.kw_only for f in dataclasses.fields(Placed)] == [False]
    assert Placed("a").name == "a" and Keyed(name="b").name == "b"
