"""The rule pack's types: what each YAML file may contain, and nothing more.

Frozen keyword-only dataclasses (`record`, which shares their methods instead of
compiling them per class), so importing them costs no pydantic. pydantic
validates these same classes (`validation.parse`) for every pack, forbidding
unknown keys so a typo in a rule file is an error with its location; a run whose
pack is unchanged reads the validated pack back from `packcache`. Conditions are
data: a mapping with one key (`all`, `any`, `not`, or a question id with one
comparison), never code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field, fields, is_dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, Literal

from merchant_cli.core.constraints import Described, Limits, Strict, alias
from merchant_cli.core.names import fold
from merchant_cli.core.operators import OPERATORS as OPERATOR_TABLE
from merchant_cli.core.operators import Operator
from merchant_cli.core.record import Record, record

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema

Id = Annotated[str, Limits(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
"""Question, choice, band and platform ids: snake_case, as used in flags and JSON."""
RuleId = Annotated[str, Limits(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=80)]
"""Rule and case ids: kebab or dotted case, as users type them in `rules show`."""
ObservationId = Annotated[str, Limits(pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$", max_length=40)]
NUMBER_LIMIT = 1e9
"""Largest size of any number in a pack (a price, a count, a threshold)."""
Number = Annotated[float, Limits(ge=-NUMBER_LIMIT, le=NUMBER_LIMIT, strict=True)]
"""A pack's number: written as a number (never `true` or `"5"`), within +-NUMBER_LIMIT."""
OnScale = Annotated[float, Limits(ge=0, le=100, strict=True)]
"""A score, or points between scores, on the 0-100 scale every report shows."""
Share = Annotated[float, Limits(ge=0, le=1, strict=True)]
"""A probability."""
Points = Annotated[int, Limits(ge=0, le=100, strict=True)]
"""A whole number of points, or of observations: the scale holds no more than 100."""
Scalar = str | Number | bool
NonEmpty = Limits(min_length=1)
Evidence = Annotated[list[ObservationId], NonEmpty]


@record
class Text(Strict):
    """A text in both report languages."""

    en: Annotated[str, NonEmpty]
    zh: Annotated[str, NonEmpty]

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


# --- conditions ---------------------------------------------------------------

OPERATORS = tuple(OPERATOR_TABLE)
"""The operator names a comparison may use, in the table's order (`operators.OPERATORS`)."""


@record
class Near(Strict):
    """An example's reach on a number: full strength over `range`, fading to nothing at a
    factor `fade` beyond either end (so `range: [88, 188], fade: 1.5` reaches from 59 to 282)."""

    range: Annotated[
        tuple[
            Annotated[float, Limits(gt=0, le=NUMBER_LIMIT, strict=True)],
            Annotated[float, Limits(gt=0, le=NUMBER_LIMIT, strict=True)],
        ],
        Described("the example's own values, low and high (the same number for a single one)"),
    ]
    fade: Annotated[
        float,
        Limits(gt=1, le=10, strict=True),
        Described("how far the example reaches, as a factor: 1.5 fades out at 1.5x above"),
    ]

    def __post_init__(self) -> None:
        if self.range[0] > self.range[1]:
            raise ValueError(f"near range [{self.range[0]}, {self.range[1]}] is an empty range")


@record
class Grows(Strict):
    """A capacity that counts with diminishing returns: half strength at `half`, three
    quarters at twice it, nearly full at four times it."""

    half: Annotated[float, Limits(gt=0, le=1_000_000, strict=True)]


@record
class Comparison(Strict):
    """Exactly one operator applied to a fact (a question or derived id)."""

    eq: Scalar | None = None
    ne: Scalar | None = None
    in_: Annotated[list[Scalar], NonEmpty] | None = None
    not_in: Annotated[list[Scalar], NonEmpty] | None = None
    lt: Number | None = None
    lte: Number | None = None
    gt: Number | None = None
    gte: Number | None = None
    between: tuple[Number, Number] | None = None
    near: Annotated[
        Near | None, Described("graded: how near a number is to an example's range")
    ] = None
    grows: Annotated[
        Grows | None, Described("graded: a capacity counted with diminishing returns")
    ] = None
    like: Annotated[
        dict[Id, Annotated[float, Limits(gt=0, le=1, strict=True)]] | None,
        Described("graded: choice -> how like the example it is (0..1]; other choices 0"),
    ] = None

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

    @cached_property
    def operator(self) -> str:
        """Found once per comparison: scoring, what-if and the checks each ask it of every
        comparison of a pack of thousands of rules."""
        return next(name for name in OPERATORS if self.operand(name) is not None)

    @property
    def op(self) -> Operator:
        """The operator's definition: how it tests, reads and narrows."""
        return OPERATOR_TABLE[self.operator]

    @property
    def value(self) -> Any:
        """The operand of the one operator given."""
        return self.operand(self.operator)


@record(kw_only=False)
class Compare(Record):
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
        """Read as `{fact: comparison}`, written back the same way. The schema is written
        as the plain dict pydantic_core's helpers would build, so the core imports none
        of pydantic."""
        return {
            "type": "function-after",
            "function": {"type": "no-info", "function": cls.of},
            "schema": handler.generate_schema(dict[Id, Comparison]),
            "ref": f"{__name__}.Compare",
            "serialization": {"type": "function-plain", "function": cls.to_mapping},
            "metadata": {
                "pydantic_js_updates": {"title": cls.__name__, "description": cls.__doc__}
            },
        }


@record
class All(Strict):
    all: Annotated[list[Condition], NonEmpty]


@record
class AnyOf(Strict):
    any: Annotated[list[Condition], NonEmpty]


@record
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
        choices = {tag: handler.generate_schema(kind) for tag, kind in CONDITION_KINDS.items()}
        return {"type": "tagged-union", "choices": choices, "discriminator": condition_kind}


Condition = Annotated[All | AnyOf | Not | Compare, TaggedUnion()]


# --- pack contents ------------------------------------------------------------


@record
class Score(Strict):
    base: OnScale = 50
    min: OnScale = 0
    max: OnScale = 100

    def __post_init__(self) -> None:
        if not self.min <= self.base <= self.max:
            raise ValueError("score needs min <= base <= max")


@record
class Fit(Strict):
    """Score thresholds of the fit bands: >= strong, >= moderate, else weak."""

    strong: OnScale = 65
    moderate: OnScale = 45

    def __post_init__(self) -> None:
        if self.moderate > self.strong:
            raise ValueError("fit.moderate must not exceed fit.strong")


@record
class Strength(Strict):
    """How far one kind of evidence may move a score, and how sure that amount is.

    A rule of this strength carries between `points[0]` and `points[1]` points
    (either sign); the confidence analysis lets each fired rule's points vary by
    `spread` either side of its stated points (never past zero), so weaker
    evidence gives wider plausible weightings.
    """

    points: tuple[Points, Points]
    spread: Points

    def __post_init__(self) -> None:
        if self.points[0] > self.points[1]:
            raise ValueError("strength points [low, high] needs low <= high")


UNSTATED_STRENGTH = "report"
"""How the confidence analysis weighs a rule that declares no strength."""


def _default_strengths() -> dict[str, Strength]:
    """For a pack that declares none: the usual names, any points, wider spreads for weaker
    evidence. The built-in pack narrows the points each may carry."""
    return {
        "figure": Strength(points=(0, 100), spread=1),
        "report": Strength(points=(0, 100), spread=2),
        "opinion": Strength(points=(0, 100), spread=3),
    }


def _default_half_lives() -> dict[str, float]:
    return {"policy": 12, "market": 36, "example": 24, "view": 24}


@record
class Uncertainty(Strict):
    """How dated and thin evidence widens the plausible weightings (never the scores)."""

    half_lives: Annotated[
        dict[Id, Annotated[float, Limits(gt=0, le=1200, strict=True)]],
        Described(
            "months after which a claim of each kind (an observation's `kind`) still holds with "
            "even odds: platform policy ages fast, market structure slowly"
        ),
    ] = field(default_factory=_default_half_lives)
    half_life: Annotated[
        float,
        Limits(gt=0, le=1200, strict=True),
        Described("the half-life in months of an observation that names no `kind`"),
    ] = 24
    thin_below: Annotated[
        Points,
        Described(
            "a platform resting on fewer distinct observations than this is thinly evidenced"
        ),
    ] = 3
    thin_spread: Annotated[
        Points, Described("points of spread per observation a thin platform lacks")
    ] = 3
    silent_spread: Annotated[
        Points,
        Described(
            "points of spread on every platform when an answer is one the evidence never addresses"
        ),
    ] = 4


@record
class PackMeta(Strict):
    name: Annotated[str, NonEmpty]
    version: Annotated[str, NonEmpty]
    as_of: dt.date
    title: Text | None = None
    scope: Annotated[
        Text | None, Described("what the evidence leaves out, said once in every report")
    ] = None
    score: Score = Score()
    fit: Fit = Fit()
    close_call: Annotated[
        OnScale, Described("the top two within this many points (or tied) are a close call")
    ] = 3
    alongside: Annotated[
        OnScale,
        Described("a platform (not weak) within this many points of the top is run alongside it"),
    ] = 8
    strengths: Annotated[
        dict[Id, Strength], Described("evidence strengths rules may declare, by name")
    ] = field(default_factory=_default_strengths)
    uncertainty: Uncertainty = Uncertainty()
    chance_margin: Annotated[
        Share,
        Described(
            "a close call is decided by the chance of ranking first when the contenders' "
            "chances differ by at least this much"
        ),
    ] = 0.05
    decide_by: Annotated[
        tuple[Id, ...],
        Described(
            "questions whose answer (a platform id, such as where the merchant sells today) may "
            "settle a close call the evidence leaves open; never evidence, never points"
        ),
    ] = ()


@record
class Source(Strict):
    id: RuleId
    outlet: str
    title: str
    date: dt.date
    author: str | None = None
    url: str | None = None


@record
class Platform(Strict):
    id: Id
    name: Text


QUOTE_LIMIT = 240
"""Longest quote: the article's own words that carry one claim, not a paragraph."""


@record
class Observation(Strict):
    """One claim of a source, in its own words."""

    id: ObservationId
    platforms: Annotated[list[Id], NonEmpty]
    summary: Text
    quote: Annotated[
        str,
        NonEmpty,
        Limits(max_length=QUOTE_LIMIT),
        Described("the source's own words carrying the claim, verbatim; two excerpts joined by …"),
    ]
    reading: Annotated[
        str | None,
        Described("the quote with machine-translation errors corrected, where it has any"),
    ] = None
    as_of: Annotated[
        dt.date | None, Described("when the fact was reported, if earlier than the source's date")
    ] = None
    kind: Annotated[
        Id | None,
        Described("what kind of claim it is (`uncertainty.half_lives`): how fast it ages"),
    ] = None
    source: RuleId


@record
class Claim(Strict):
    """Observations that carry one claim between them (several reports of one trend): the
    claim moves a platform once, however many of them its rules cite."""

    id: RuleId
    observations: Annotated[list[ObservationId], Limits(min_length=2)]
    summary: Text


@record
class Choice(Strict):
    id: Id
    label: Text
    covers: Text | None = None


@record
class Question(Strict):
    id: Id
    type: Literal["choice", "number", "integer", "boolean"]
    label: Text
    help: Text
    flag: Annotated[str, Limits(pattern=r"^--[a-z][a-z0-9-]*$")] | None = None
    default: Scalar | None = None
    min: Number | None = None
    max: Number | None = None
    min_exclusive: bool = False
    unit: Text | None = None
    choices: list[Choice] | None = None
    when: Condition | None = None
    lever: Annotated[
        Literal["more", "any"] | None,
        Described(
            "an answer the merchant can act on, so what-if may change it: `more` for a "
            "capacity (adding to it is preferred), `any` for a price or goal"
        ),
    ] = None
    aliases: Annotated[
        list[Annotated[str, Limits(min_length=1, max_length=64)]] | None,
        Described(
            "more names a column header may give the question, besides its id and labels "
            "(`类目`, `品类`); compared ignoring case, spaces and full-width forms"
        ),
    ] = None

    def __post_init__(self) -> None:
        if (self.type == "choice") != (self.choices is not None):
            raise ValueError("`choices` is required for type choice and only allowed there")
        if self.type in ("choice", "boolean") and (self.min is not None or self.max is not None):
            raise ValueError(f"min/max do not apply to a {self.type} question")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min must not exceed max")
        for name in self.aliases or ():
            if not fold(name):
                raise ValueError(f"alias {name!r} is blank")

    @cached_property
    def choice_by_name(self) -> dict[str, str]:
        """Folded name -> choice id: a choice is its id or its label in either language
        (`鞋类`, `Shoes`, `shoes`), as people write it in a sheet or on a flag. An id wins
        over a label; the pack's checks refuse two choices sharing a label."""
        choices = self.choices or ()
        found = {fold(name): c.id for c in reversed(choices) for name in (c.label.en, c.label.zh)}
        found.update((fold(c.id), c.id) for c in choices)
        return found

    @property
    def names(self) -> tuple[str, ...]:
        """Every name a column header may give this question: its id, labels and aliases."""
        return (self.id, self.label.en, self.label.zh, *(self.aliases or ()))

    @property
    def option(self) -> str:
        """The dedicated command-line flag for this question."""
        return self.flag or "--" + self.id.replace("_", "-")

    @property
    def required(self) -> bool:
        return self.default is None


@record
class Band(Strict):
    id: Id
    label: Text
    below: Number | None = None


@record
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


Answers = dict[Id, Scalar]


@record
class RuleExamples(Strict):
    """Answers for which a rule's condition holds (`fires`) and does not (`not`): the rule's
    own tests, run by `rules test`, as yamllint's rules carry PASS/FAIL examples."""

    fires: tuple[Answers, ...] = ()
    not_: tuple[Answers, ...] = ()


@record
class Rule(Strict):
    id: RuleId
    platform: Id
    when: Condition | None = None
    points: Annotated[int, Limits(ge=-100, le=100, strict=True)]
    strength: Annotated[
        Id | None,
        Described(
            "how strong the cited evidence is: a name from `pack.strengths`; a rule without "
            "one gets a warning, no range check, and the spread of `report`"
        ),
    ] = None
    reason: Text
    evidence: Evidence
    examples: RuleExamples | None = None


FitBand = Literal["strong", "moderate", "weak", "unknown"]


@record
class Expectation(Strict):
    """What a case asserts: orders, sets, bands and ranges rather than exact sums."""

    top: Id | None = None
    top_in: Annotated[
        tuple[Id, ...],
        Described("the top platform is one of these (a close call may go either way)"),
    ] = ()
    order: list[Id] | None = None
    scores: dict[Id, tuple[OnScale, OnScale]] | None = None
    fit: Annotated[dict[Id, list[FitBand]], Described("platform -> fit bands allowed")] = field(
        default_factory=dict
    )
    recommended: Annotated[
        tuple[Id, ...],
        Described("platforms the strategy must lead with, run alongside or offer to test"),
    ] = ()
    not_recommended: tuple[Id, ...] = ()
    close_call: bool | None = None
    confidence: Annotated[
        dict[Id, tuple[Share, Share]],
        Described("platform -> [low, high] of its probability of ranking first"),
    ] = field(default_factory=dict)
    fired: tuple[RuleId, ...] = ()
    not_fired: tuple[RuleId, ...] = ()
    not_cited: Annotated[
        tuple[ObservationId, ...],
        Described("observations no reason of the report may rest on"),
    ] = ()
    tested: Annotated[
        tuple[Id, ...], Described("platforms the strategy must offer as a channel to test")
    ] = ()
    decided_by: Annotated[
        tuple[str, ...], Described("what may set the lead: score, chance, answer:<id>, none")
    ] = ()
    primary: Annotated[Id | None, Described("the platform the strategy leads with")] = None
    cautions: Annotated[
        tuple[ObservationId, ...],
        Described("observations the risks shown must cite (a caution's legal source ...)"),
    ] = ()
    equal_scores: Annotated[bool | None, Described("every platform has the same score")] = None


@record
class Case(Strict):
    name: RuleId
    description: Text | None = None
    profile: dict[Id, Scalar]
    vary: Annotated[
        dict[Id, tuple[Scalar, ...]],
        Described("answers to vary: the expectations must hold for every value of each"),
    ] = field(default_factory=dict)
    expect: Expectation


@record
class Advice(Strict):
    """A strategy step or a risk: shown for a recommended platform when its condition holds."""

    id: RuleId
    platform: Id | None = None
    when: Condition | None = None
    text: Text
    evidence: Evidence
    conflicts: Annotated[
        tuple[RuleId, ...],
        Described(
            "steps this one contradicts: where both would show, this one does and they do not"
        ),
    ] = ()
    wherever: Annotated[
        tuple[ObservationId, ...],
        Described(
            "a caution shown on every recommended platform where the report draws on one of "
            "these observations (a practice it reports), whatever the platform"
        ),
    ] = ()
    short: Annotated[
        Text | None, Described("the caution in a line or two, for the one-screen report")
    ] = None

    def __post_init__(self) -> None:
        if self.platform is None and not self.wherever:
            raise ValueError("advice needs a `platform`, or `wherever` for a caution")


@record
class Peer(Strict):
    """A merchant of the source whose success on a platform makes it a channel to test for
    merchants like it, whatever the scores say."""

    id: RuleId
    platform: Id
    name: Text
    when: Annotated[
        Condition,
        Described("how like this merchant a profile is (a graded condition): alike from half"),
    ]
    text: Annotated[Text, Described("what the source reports the merchant achieved")]
    evidence: Evidence


@record
class Pairing(Strict):
    """A practice the article describes on two platforms at once (e.g. one live room
    streamed on both with copy written for each); shown when both are recommended."""

    id: RuleId
    platforms: tuple[Id, Id]
    when: Condition | None = None
    text: Text
    evidence: Evidence


@record
class Sections(Record):
    """The list sections of a pack, in order: what one file may hold (`PackFile`) and what
    the merged pack holds (`RulePack`), merged across files by id."""

    sources: tuple[Source, ...] = ()
    platforms: tuple[Platform, ...] = ()
    observations: tuple[Observation, ...] = ()
    questions: tuple[Question, ...] = ()
    derived: tuple[Derived, ...] = ()
    claims: tuple[Claim, ...] = ()
    rules: tuple[Rule, ...] = ()
    cases: tuple[Case, ...] = ()
    steps: tuple[Advice, ...] = ()
    risks: tuple[Advice, ...] = ()
    pairings: tuple[Pairing, ...] = ()
    peers: tuple[Peer, ...] = ()


@record
class PackFile(Strict, Sections):
    """One YAML file of a pack: any subset of the sections, merged across files."""

    pack: PackMeta | None = None
    disable: Annotated[
        tuple[RuleId, ...],
        Described("ids of rules or cases (usually built-in ones) an overlay switches off"),
    ] = ()


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
