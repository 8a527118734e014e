"""What every human-readable report shows, computed once for all formats."""

from __future__ import annotations

from collections.abc import Iterator

from merchant_cli.core.models import Observation, Question
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import Answer
from merchant_cli.core.record import Record, record
from merchant_cli.core.result import Contribution, Evaluation, PlatformScore
from merchant_cli.reporters.messages import t, worded

REASONS_SHOWN = 3


def show_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def answer_text(question: Question, value: Answer, lang: str) -> str:
    """A profile value as a merchant reads it: the choice's label, the number with its unit."""
    if question.type == "choice":
        choice = next((c for c in question.choices or () if c.id == value), None)
        return choice.label.get(lang) if choice else str(value)
    if question.type == "boolean":
        return t("prompt.yes" if value else "prompt.no", lang)
    assert isinstance(value, int | float)
    space = "" if lang == "zh" else " "
    unit = f"{space}{question.unit.get(lang)}" if question.unit else ""
    return f"{show_number(value)}{unit}"


def profile_rows(evaluation: Evaluation, pack: RulePack, lang: str) -> Iterator[tuple[str, str]]:
    """(label, value) per answered question, in the pack's order, then derived facts."""
    for question in pack.questions:
        if question.id in evaluation.profile:
            value = evaluation.profile[question.id]
            yield question.label.get(lang), answer_text(question, value, lang)
    for derived in pack.derived:
        band_id = evaluation.facts.get(derived.id)
        band = next((b for b in derived.bands if b.id == band_id), None)
        if band is not None:
            yield derived.label.get(lang), band.label.get(lang)


@record(kw_only=False)
class Reasons(Record):
    """A platform's strongest reasons for and against, strongest first."""

    pros: tuple[Contribution, ...]
    cons: tuple[Contribution, ...]


def strongest(score: PlatformScore, limit: int | None = REASONS_SHOWN) -> Reasons:
    """The `limit` strongest reasons each way (every one with `None`)."""
    pros = sorted((c for c in score.contributions if c.points > 0), key=lambda c: -c.points)
    cons = sorted((c for c in score.contributions if c.points < 0), key=lambda c: c.points)
    return Reasons(tuple(pros[:limit]), tuple(cons[:limit]))


def weightiest(score: PlatformScore, limit: int, least: float = 0) -> tuple[Contribution, ...]:
    """The `limit` reasons that move the score most, for or against, for a one-screen report;
    none that moves it by less than `least` points."""
    found = sorted(score.contributions, key=lambda c: -abs(c.points))
    return tuple(c for c in found if abs(c.points) >= least)[:limit]


def claim_quote(contribution: Contribution) -> tuple[str, bool]:
    """The article's words carrying a reason's claim, whole, and whether they are the
    corrected reading of a machine-translated passage (the verbatim quote is in JSON and
    `--evidence full`)."""
    if contribution.reading:
        return " ".join(contribution.reading.split()), True
    return " ".join(contribution.quote.split()), False


class Quotes:
    """Each passage quoted once per report: one passage often backs reasons on several
    platforms, and the evidence ids beside each reason still say where it comes from."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def of(self, contribution: Contribution) -> tuple[str, bool]:
        """`claim_quote`, or no quote when the report has already shown this passage."""
        quote, corrected = claim_quote(contribution)
        if quote in self._seen:
            return "", False
        self._seen.add(quote)
        return quote, corrected


@record(kw_only=False)
class Glyphs(Record):
    """The few non-letter characters a report draws, in a form the output encoding holds."""

    full: str
    empty: str
    bullet: str
    arrow: str


UNICODE_GLYPHS = Glyphs("█", "░", "•", "→")
ASCII_GLYPHS = Glyphs("#", "-", "*", "->")


def glyphs(encoding: str) -> Glyphs:
    """Block bars and bullets where the encoding holds them (UTF-8, GBK), else ASCII."""
    try:
        "".join(vars(UNICODE_GLYPHS).values()).encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return ASCII_GLYPHS
    return UNICODE_GLYPHS


def platform_title(
    score: PlatformScore, evaluation: Evaluation, lang: str, *, certainty: bool = False
) -> str:
    """`Douyin  65 · strong · range 60-70 · 3 observations`, or with `certainty` its grade
    and why instead of the count: `... · certainty low: indirect (...), 23 months old`."""
    parts = [f"{score.name.get(lang)}  {score.score}", fit_label(score.fit, lang)]
    found = evaluation.confidence
    if found is not None and score.platform in found.ranges:
        low, high = found.ranges[score.platform]
        parts.append(t("report.range", lang, low=show_number(low), high=show_number(high)))
    if certainty and score.platform in evaluation.certainty:
        parts.append(certainty_text(evaluation, score.platform, lang))
    else:
        count = len(score.observations)
        key = "report.observation_one" if count == 1 else "report.observation_count"
        parts.append(t(key, lang, count=count))
    return " · ".join(parts)


def certainty_text(evaluation: Evaluation, platform: str, lang: str) -> str:
    """`certainty low: indirect (...), 23 months old`: the grade and why it was rated down."""
    found = evaluation.certainty[platform]
    grade = t(f"grade.{found.grade}", lang)
    if not found.reasons:
        return t("report.certainty", lang, grade=grade)
    reasons = t("punct.comma", lang).join(worded(reason, lang) for reason in found.reasons)
    return t("report.certainty_why", lang, grade=grade, reasons=reasons)


def source_line(pack: RulePack, observation: Observation, lang: str) -> str:
    """Where an observation comes from, and when. A Chinese reader gets the source's title
    and author (its outlet is written in English), an English reader its outlet."""
    source = pack.source_by_id.get(observation.source)
    if source is None:
        return observation.source
    parts = [f"《{source.title}》", source.author] if lang == "zh" else [source.outlet]
    return t("punct.comma", lang).join([p for p in parts if p] + [source.date.isoformat()])


def summaries(observation: Observation, lang: str) -> list[str]:
    """An observation's summary in the reader's language; an English reader also gets the
    Chinese one, beside the Chinese quote."""
    texts = [observation.summary.get(lang)]
    return texts if lang == "zh" else [*texts, observation.summary.zh]


def signed(points: float) -> str:
    return f"+{show_number(points)}" if points > 0 else show_number(points)


def partial_note(contribution: Contribution, lang: str) -> str:
    """`(at 90% of +6)` for a rule that applies in part, else nothing."""
    if not contribution.partial:
        return ""
    share = f"{contribution.degree * 10}%"
    return t("report.partial", lang, share=share, points=signed(contribution.stated))


def fit_label(fit: str, lang: str) -> str:
    return t(f"fit.{fit}", lang)
