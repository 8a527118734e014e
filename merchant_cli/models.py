"""The rule pack's types: what each YAML file may contain, and nothing more.

Plain frozen dataclasses, so importing them costs no pydantic. pydantic
validates these same classes (`validation.parse`), forbidding unknown keys so a
typo in a rule file is an error with its location; the built-in pack is built
without it (`builder`). Conditions are data: a mapping with one key (`all`,
`any`, `not`, or a question id with one comparison), never code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, is_dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal

from merchant_cli.constraints import Described, Limits, Strict, alias

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema

Id = Annotated[str, Limits(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
"""Question, choice, band and platform ids: snake_case, as used in flags and JSON."""
RuleId = Annotated[str, Limits(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=80)]
"""Rule and case ids: kebab or dotted case, as users type them in `rules show`."""
ObservationId = Annotated[str, Limits(pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$", max_length=40)]
Scalar = str | float | bool
NonEmpty = Limits(min_length=1)
Evidence = Annotated[list[ObservationId], NonEmpty]


@dataclass(frozen=True, kw_only=True)
class Text(Strict):
    """A text in both report languages."""

    en: Annotated[str, NonEmpty]
    zh: Annotated[str, NonEmpty]

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


# --- conditions ---------------------------------------------------------------

OPERATORS = ("eq", "ne", "in", "not_in", "lt", "lte", "gt", "gte", "between")
NUMERIC_OPERATORS = frozenset({"lt", "lte", "gt", "gte", "between"})


@dataclass(frozen=True, kw_only=True)
class Comparison(Strict):
    """Exactly one operator applied to a fact (a question or derived id)."""

    eq: Scalar | None = None
    ne: Scalar | None = None
    in_: Annotated[list[Scalar], NonEmpty] | None = None
    not_in: Annotated[list[Scalar], NonEmpty] | None = None
    lt: float | None = None
    lte: float | None = None
    gt: float | None = None
    gte: float | None = None
    between: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        given = [name for name in OPERATORS if self.operand(name) is not None]
        if len(given) != 1:
            raise ValueError(
                f"a comparison needs exactly one operator of {', '.join(OPERATORS)}; "
                f"got {', '.join(given) or 'none'}"
            )
        if self.between is not None and self.between[0] > self.between[1]:
            raise ValueError(f"between [{self.between[0]}, {self.between[1]}] is an empty range")

    def operand(self, name: str) -> Any:
        return getattr(self, "in_" if name == "in" else name)

    @property
    def operator(self) -> str:
        return next(name for name in OPERATORS if self.operand(name) is not None)


@dataclass(frozen=True)
class Compare:
    """`{price: {lt: 80}}`: one fact id mapped to one comparison."""

    fact: str
    comparison: Comparison

    @classmethod
    def of(cls, mapping: dict[str, Comparison]) -> Compare:
        if len(mapping) != 1:
            raise ValueError("a comparison names exactly one question, e.g. {price: {lt: 80}}")
        ((fact, comparison),) = mapping.items()
        return cls(fact, comparison)

    def to_mapping(self) -> dict[str, Comparison]:
        return {self.fact: self.comparison}

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(
            cls.of,
            handler.generate_schema(dict[Id, Comparison]),
            ref=f"{__name__}.Compare",
            serialization=core_schema.plain_serializer_function_ser_schema(cls.to_mapping),
            metadata={"pydantic_js_updates": {"title": cls.__name__, "description": cls.__doc__}},
        )


@dataclass(frozen=True, kw_only=True)
class All(Strict):
    all: Annotated[list[Condition], NonEmpty]


@dataclass(frozen=True, kw_only=True)
class AnyOf(Strict):
    any: Annotated[list[Condition], NonEmpty]


@dataclass(frozen=True, kw_only=True)
class Not(Strict):
    not_: Condition


CONDITION_KINDS: dict[str, type[All | AnyOf | Not | Compare]] = {
    "all": All,
    "any": AnyOf,
    "not": Not,
    "compare": Compare,
}


def condition_kind(value: Any) -> str:
    """Which of CONDITION_KINDS a condition (data or object) is: its one key says."""
    if isinstance(value, dict) and len(value) == 1:
        key = str(next(iter(value)))
        if key in ("all", "any", "not"):
            return key
    return next(
        (tag for tag, kind in CONDITION_KINDS.items() if isinstance(value, kind)), "compare"
    )


class TaggedUnion:
    """pydantic reads a Condition as the kind `condition_kind` names (a tagged union)."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema

        choices = {tag: handler.generate_schema(kind) for tag, kind in CONDITION_KINDS.items()}
        return core_schema.tagged_union_schema(choices, condition_kind)


Condition = Annotated[All | AnyOf | Not | Compare, TaggedUnion()]


# --- pack contents ------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Score(Strict):
    base: float = 50
    min: float = 0
    max: float = 100

    def __post_init__(self) -> None:
        if not self.min <= self.base <= self.max:
            raise ValueError("score needs min <= base <= max")


@dataclass(frozen=True, kw_only=True)
class Fit(Strict):
    """Score thresholds of the fit bands: >= strong, >= moderate, else weak."""

    strong: float = 65
    moderate: float = 45

    def __post_init__(self) -> None:
        if self.moderate > self.strong:
            raise ValueError("fit.moderate must not exceed fit.strong")


@dataclass(frozen=True, kw_only=True)
class PackMeta(Strict):
    name: Annotated[str, NonEmpty]
    version: Annotated[str, NonEmpty]
    as_of: dt.date
    title: Text | None = None
    score: Score = Score()
    fit: Fit = Fit()


@dataclass(frozen=True, kw_only=True)
class Source(Strict):
    id: RuleId
    outlet: str
    title: str
    date: dt.date
    author: str | None = None
    url: str | None = None


@dataclass(frozen=True, kw_only=True)
class Platform(Strict):
    id: Id
    name: Text


@dataclass(frozen=True, kw_only=True)
class Observation(Strict):
    id: ObservationId
    platforms: Annotated[list[Id], NonEmpty]
    summary: Text
    quote: Annotated[str, NonEmpty]
    source: RuleId


@dataclass(frozen=True, kw_only=True)
class Choice(Strict):
    id: Id
    label: Text
    covers: Text | None = None


@dataclass(frozen=True, kw_only=True)
class Question(Strict):
    id: Id
    type: Literal["choice", "number", "integer", "boolean"]
    label: Text
    help: Text
    flag: Annotated[str, Limits(pattern=r"^--[a-z][a-z0-9-]*$")] | None = None
    default: Scalar | None = None
    min: float | None = None
    max: float | None = None
    min_exclusive: bool = False
    unit: Text | None = None
    choices: list[Choice] | None = None
    when: Condition | None = None

    def __post_init__(self) -> None:
        if (self.type == "choice") != (self.choices is not None):
            raise ValueError("`choices` is required for type choice and only allowed there")
        if self.type in ("choice", "boolean") and (self.min is not None or self.max is not None):
            raise ValueError(f"min/max do not apply to a {self.type} question")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min must not exceed max")

    @property
    def option(self) -> str:
        """The dedicated command-line flag for this question."""
        return self.flag or "--" + self.id.replace("_", "-")

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True, kw_only=True)
class Band(Strict):
    id: Id
    label: Text
    below: float | None = None


@dataclass(frozen=True, kw_only=True)
class Derived(Strict):
    """A fact computed from a numeric answer: the band its value falls in."""

    id: Id
    from_: Id
    label: Text
    bands: Annotated[list[Band], NonEmpty]

    def __post_init__(self) -> None:
        bounds = [b.below for b in self.bands]
        if bounds[-1] is not None or any(b is None for b in bounds[:-1]):
            raise ValueError("every band but the last needs `below`; the last has none")
        finite = [b for b in bounds if b is not None]
        if finite != sorted(set(finite)):
            raise ValueError("band bounds (`below`) must increase")

    def band_of(self, value: float) -> str:
        for band in self.bands:
            if band.below is None or value < band.below:
                return band.id
        raise AssertionError("the last band is open-ended")  # pragma: no cover


@dataclass(frozen=True, kw_only=True)
class Rule(Strict):
    id: RuleId
    platform: Id
    when: Condition | None = None
    points: Annotated[int, Limits(ge=-100, le=100)]
    reason: Text
    evidence: Evidence


@dataclass(frozen=True, kw_only=True)
class Expectation(Strict):
    top: Id | None = None
    order: list[Id] | None = None
    scores: dict[Id, tuple[float, float]] | None = None
    fired: tuple[RuleId, ...] = ()
    not_fired: tuple[RuleId, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Case(Strict):
    name: RuleId
    description: Text | None = None
    profile: dict[Id, Scalar]
    expect: Expectation


@dataclass(frozen=True, kw_only=True)
class Advice(Strict):
    """A strategy step or a risk: shown for a recommended platform when its condition holds."""

    id: RuleId
    platform: Id
    when: Condition | None = None
    text: Text
    evidence: Evidence


@dataclass(frozen=True, kw_only=True)
class Pairing(Strict):
    """Two platforms the article shows working together (e.g. seed on one, convert on the other)."""

    id: RuleId
    platforms: tuple[Id, Id]
    when: Condition | None = None
    text: Text
    evidence: Evidence


@dataclass(frozen=True, kw_only=True)
class PackFile(Strict):
    """One YAML file of a pack: any subset of the sections, merged across files."""

    pack: PackMeta | None = None
    disable: Annotated[
        tuple[RuleId, ...],
        Described("ids of rules (usually built-in ones) an overlay switches off"),
    ] = ()
    sources: tuple[Source, ...] = ()
    platforms: tuple[Platform, ...] = ()
    observations: tuple[Observation, ...] = ()
    questions: tuple[Question, ...] = ()
    derived: tuple[Derived, ...] = ()
    rules: tuple[Rule, ...] = ()
    cases: tuple[Case, ...] = ()
    steps: tuple[Advice, ...] = ()
    risks: tuple[Advice, ...] = ()
    pairings: tuple[Pairing, ...] = ()


def to_data(value: Any) -> Any:
    """`value` as JSON-ready data with YAML keys, leaving out unset (None) fields."""
    if isinstance(value, Compare):
        value = value.to_mapping()
    if is_dataclass(value) and not isinstance(value, type):
        pairs = ((alias(f.name), getattr(value, f.name)) for f in fields(value))
        return {key: to_data(item) for key, item in pairs if item is not None}
    if isinstance(value, dict):
        return {key: to_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_data(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
