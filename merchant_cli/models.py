"""pydantic models of a rule pack: what each YAML file may contain, and nothing more.

Every model forbids unknown keys so a typo in a rule file is an error with its
location, not a silently ignored field. Conditions are data: a mapping with one
key (`all`, `any`, `not`, or a question id with one comparison), never code.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    RootModel,
    Tag,
    model_validator,
)

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
"""Question, choice, band and platform ids: snake_case, as used in flags and JSON."""
RuleId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=80)]
"""Rule and case ids: kebab or dotted case, as users type them in `rules show`."""
ObservationId = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$", max_length=40)]
Scalar = str | float | bool


class Strict(BaseModel):
    """Base: unknown keys are errors and models are immutable once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A text in both report languages."""

    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


# --- conditions ---------------------------------------------------------------

OPERATORS = ("eq", "ne", "in", "not_in", "lt", "lte", "gt", "gte", "between")
NUMERIC_OPERATORS = frozenset({"lt", "lte", "gt", "gte", "between"})


class Comparison(Strict):
    """Exactly one operator applied to a fact (a question or derived id)."""

    eq: Scalar | None = None
    ne: Scalar | None = None
    in_: list[Scalar] | None = Field(default=None, alias="in", min_length=1)
    not_in: list[Scalar] | None = Field(default=None, min_length=1)
    lt: float | None = None
    lte: float | None = None
    gt: float | None = None
    gte: float | None = None
    between: tuple[float, float] | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _one_operator(self) -> Comparison:
        given = [name for name in OPERATORS if self.operand(name) is not None]
        if len(given) != 1:
            raise ValueError(
                f"a comparison needs exactly one operator of {', '.join(OPERATORS)}; "
                f"got {', '.join(given) or 'none'}"
            )
        if self.between is not None and self.between[0] > self.between[1]:
            raise ValueError(f"between [{self.between[0]}, {self.between[1]}] is an empty range")
        return self

    def operand(self, name: str) -> Any:
        return getattr(self, "in_" if name == "in" else name)

    @property
    def operator(self) -> str:
        return next(name for name in OPERATORS if self.operand(name) is not None)


class Compare(RootModel[dict[Id, Comparison]]):
    """`{price: {lt: 80}}`: one fact id mapped to one comparison."""

    model_config = ConfigDict(frozen=True)

    @model_validator(mode="after")
    def _one_fact(self) -> Compare:
        if len(self.root) != 1:
            raise ValueError("a comparison names exactly one question, e.g. {price: {lt: 80}}")
        return self

    @property
    def fact(self) -> str:
        return next(iter(self.root))

    @property
    def comparison(self) -> Comparison:
        return next(iter(self.root.values()))


class All(Strict):
    all: list[Condition] = Field(min_length=1)


class AnyOf(Strict):
    any: list[Condition] = Field(min_length=1)


class Not(Strict):
    not_: Condition = Field(alias="not")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _condition_kind(value: Any) -> str:
    if isinstance(value, dict) and len(value) == 1:
        key = str(next(iter(value)))
        if key in ("all", "any", "not"):
            return key
    for model, tag in ((All, "all"), (AnyOf, "any"), (Not, "not")):
        if isinstance(value, model):
            return tag
    return "compare"


Condition = Annotated[
    Annotated[All, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[Not, Tag("not")]
    | Annotated[Compare, Tag("compare")],
    Discriminator(_condition_kind),
]


# --- pack contents ------------------------------------------------------------


class Score(Strict):
    base: float = 50
    min: float = 0
    max: float = 100

    @model_validator(mode="after")
    def _ordered(self) -> Score:
        if not self.min <= self.base <= self.max:
            raise ValueError("score needs min <= base <= max")
        return self


class Fit(Strict):
    """Score thresholds of the fit bands: >= strong, >= moderate, else weak."""

    strong: float = 65
    moderate: float = 45

    @model_validator(mode="after")
    def _ordered(self) -> Fit:
        if self.moderate > self.strong:
            raise ValueError("fit.moderate must not exceed fit.strong")
        return self


class PackMeta(Strict):
    name: str = Field(min_length=1)
    version: str = Field(min_length=1)
    as_of: dt.date
    title: Text | None = None
    score: Score = Score()
    fit: Fit = Fit()


class Source(Strict):
    id: RuleId
    outlet: str
    title: str
    date: dt.date
    author: str | None = None
    url: str | None = None


class Platform(Strict):
    id: Id
    name: Text


class Observation(Strict):
    id: ObservationId
    platforms: list[Id] = Field(min_length=1)
    summary: Text
    quote: str = Field(min_length=1)
    source: RuleId


class Choice(Strict):
    id: Id
    label: Text
    covers: Text | None = None


class Question(Strict):
    id: Id
    type: Literal["choice", "number", "integer", "boolean"]
    label: Text
    help: Text
    flag: str | None = Field(default=None, pattern=r"^--[a-z][a-z0-9-]*$")
    default: Scalar | None = None
    min: float | None = None
    max: float | None = None
    min_exclusive: bool = False
    unit: Text | None = None
    choices: list[Choice] | None = None
    when: Condition | None = None

    @model_validator(mode="after")
    def _shape(self) -> Question:
        if (self.type == "choice") != (self.choices is not None):
            raise ValueError("`choices` is required for type choice and only allowed there")
        if self.type in ("choice", "boolean") and (self.min is not None or self.max is not None):
            raise ValueError(f"min/max do not apply to a {self.type} question")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min must not exceed max")
        return self

    @property
    def option(self) -> str:
        """The dedicated command-line flag for this question."""
        return self.flag or "--" + self.id.replace("_", "-")

    @property
    def required(self) -> bool:
        return self.default is None


class Band(Strict):
    id: Id
    label: Text
    below: float | None = None


class Derived(Strict):
    """A fact computed from a numeric answer: the band its value falls in."""

    id: Id
    from_: Id = Field(alias="from")
    label: Text
    bands: list[Band] = Field(min_length=1)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _ascending(self) -> Derived:
        bounds = [b.below for b in self.bands]
        if bounds[-1] is not None or any(b is None for b in bounds[:-1]):
            raise ValueError("every band but the last needs `below`; the last has none")
        finite = [b for b in bounds if b is not None]
        if finite != sorted(set(finite)):
            raise ValueError("band bounds (`below`) must increase")
        return self

    def band_of(self, value: float) -> str:
        for band in self.bands:
            if band.below is None or value < band.below:
                return band.id
        raise AssertionError("the last band is open-ended")  # pragma: no cover


class Rule(Strict):
    id: RuleId
    platform: Id
    when: Condition | None = None
    points: int = Field(ge=-100, le=100)
    reason: Text
    evidence: list[ObservationId] = Field(min_length=1)


class Expectation(Strict):
    top: Id | None = None
    order: list[Id] | None = None
    scores: dict[Id, tuple[float, float]] | None = None
    fired: list[RuleId] = []
    not_fired: list[RuleId] = []


class Case(Strict):
    name: RuleId
    description: Text | None = None
    profile: dict[Id, Scalar]
    expect: Expectation


class Advice(Strict):
    """A strategy step or a risk: shown for a recommended platform when its condition holds."""

    id: RuleId
    platform: Id
    when: Condition | None = None
    text: Text
    evidence: list[ObservationId] = Field(min_length=1)


class Pairing(Strict):
    """Two platforms the article shows working together (e.g. seed on one, convert on the other)."""

    id: RuleId
    platforms: tuple[Id, Id]
    when: Condition | None = None
    text: Text
    evidence: list[ObservationId] = Field(min_length=1)


class PackFile(Strict):
    """One YAML file of a pack: any subset of the sections, merged across files."""

    pack: PackMeta | None = None
    disable: list[RuleId] = Field(
        default=[], description="ids of rules (usually built-in ones) an overlay switches off"
    )
    sources: list[Source] = []
    platforms: list[Platform] = []
    observations: list[Observation] = []
    questions: list[Question] = []
    derived: list[Derived] = []
    rules: list[Rule] = []
    cases: list[Case] = []
    steps: list[Advice] = []
    risks: list[Advice] = []
    pairings: list[Pairing] = []


All.model_rebuild()
AnyOf.model_rebuild()
Not.model_rebuild()
Question.model_rebuild()
Rule.model_rebuild()
Advice.model_rebuild()
Pairing.model_rebuild()
