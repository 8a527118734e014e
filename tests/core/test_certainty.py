"""The certainty grade: where it starts, and each reason it is rated down for."""

from __future__ import annotations

from merchant_cli.core.certainty import grade
from merchant_cli.core.models import Text
from merchant_cli.core.result import Contribution, PlatformScore
from merchant_cli.core.said import Said, say

TEXT = Text(en="x", zh="x")


def _score(*contributions: Contribution) -> PlatformScore:
    return PlatformScore("p", TEXT, 50, "moderate", contributions)


def _rule(points: int, strength: str, evidence: str, degree: int = 10) -> Contribution:
    return Contribution(
        "r-" + evidence, points * degree / 10, (evidence,), TEXT, strength=strength,
        degree=degree, stated=points,
    )  # fmt: skip


def _keys(reasons: tuple[Said, ...]) -> list[str]:
    return [r.key.removeprefix("certainty.") for r in reasons]


def NONE(_: Contribution) -> Said | None:  # noqa: N802 - a constant, as the lists were
    return None


FIGURES = (_rule(8, "figure", "E1"), _rule(5, "report", "E2"), _rule(3, "report", "E3"))


def test_it_starts_from_the_kind_of_evidence_carrying_most_of_the_score() -> None:
    assert grade(_score(*FIGURES), [1, 1, 1], NONE, 3, 0).grade == "high"
    reports = (_rule(5, "report", "E1"), _rule(3, "report", "E2"), _rule(2, "figure", "E3"))
    found = grade(_score(*reports), [1, 1, 1], NONE, 3, 0)
    assert (found.grade, _keys(found.reasons)) == ("moderate", ["kind_report"])
    views = (_rule(4, "opinion", "E1"), _rule(3, "opinion", "E2"), _rule(2, "report", "E3"))
    found = grade(_score(*views), [1, 1, 1], NONE, 3, 0)
    assert (found.grade, _keys(found.reasons)) == ("low", ["kind_opinion"])
    other = (_rule(5, "firm", "E1"), _rule(3, "firm", "E2"), _rule(2, "firm", "E3"))
    assert grade(_score(*other), [1] * 3, NONE, 3, 0).grade == "moderate"  # as a report


def test_no_evidence_is_very_low() -> None:
    found = grade(_score(), [], NONE, 3, 0)
    assert (found.grade, found.reasons) == ("very_low", (say("certainty.no_evidence"),))


def test_indirect_evidence_says_what_keeps_it_from_full_strength() -> None:
    partial = (_rule(8, "figure", "E1", 4), _rule(5, "report", "E2", 6), _rule(3, "report", "E3"))
    detail = say("certainty.near", label=TEXT, value="260", reach="88-188")
    found = grade(_score(*partial), [1] * 3, lambda c: detail if c.rule == "r-E1" else None, 3, 0)
    assert found.grade == "moderate"
    assert found.reasons == (say("certainty.indirect", detail=detail),)
    plain = grade(_score(*partial), [1] * 3, NONE, 3, 0)
    assert plain.reasons == (say("certainty.indirect_plain"),)


def test_thin_inconsistent_and_aged_evidence_each_rate_it_down() -> None:
    alone = grade(_score(_rule(8, "figure", "E1")), [1], NONE, 3, 0)
    assert (alone.grade, _keys(alone.reasons)) == ("moderate", ["thin_one"])
    against = (*FIGURES, _rule(-8, "figure", "E4"))
    found = grade(_score(*against), [1] * 4, NONE, 3, 0)
    assert (found.grade, _keys(found.reasons)) == ("moderate", ["inconsistent"])
    aged = grade(_score(*FIGURES), [0.6] * 3, NONE, 3, 23)
    assert (aged.grade, aged.reasons) == ("moderate", (say("certainty.aged", months=23),))
    lapsed = grade(_score(*FIGURES), [0.4] * 3, NONE, 3, 40)
    assert lapsed.grade == "low"  # below even odds: two levels
    everything = grade(_score(_rule(3, "opinion", "E1", 3)), [0.3], NONE, 3, 40)
    assert everything.grade == "very_low"  # never below the last grade
