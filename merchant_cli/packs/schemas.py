"""JSON Schemas of what merchant-cli reads and writes: a pack file, an answers file, a report.

Generated, never written by hand: the pack schema from the models pydantic
validates, the answers schema from the pack's own questions, the report schema
from the typed shape below that `reporters/json.py` writes. Editors validate
and complete pack and answers files with them (the `# yaml-language-server:
$schema=...` line), and the tests validate every golden report and batch line.
Imported only by `merchant-cli schema`, the docs tool and the tests.
"""

from __future__ import annotations

from typing import Any, Literal

from typing_extensions import NotRequired, TypedDict

from merchant_cli.core.models import PackFile, Question
from merchant_cli.core.pack import RulePack
from merchant_cli.packs.validation import adapter

DIALECT = "https://json-schema.org/draft/2020-12/schema"
KINDS = ("pack", "answers", "report")

Fit = Literal["strong", "moderate", "weak", "unknown"]
Grade = Literal["high", "moderate", "low", "very_low"]


class PackInfoDoc(TypedDict):
    name: str
    version: str
    as_of: str


class ContributionDoc(TypedDict):
    rule: str
    points: float
    evidence: list[str]
    reason: str
    quote: str
    reading: NotRequired[str]
    strength: NotRequired[str]
    degree: NotRequired[float]
    full_points: NotRequired[int]


class RankingDoc(TypedDict):
    platform: str
    score: float
    fit: Fit
    observations: NotRequired[int]
    contributions: NotRequired[list[ContributionDoc]]


class StepDoc(TypedDict):
    platform: str
    text: str
    evidence: list[str]


class PeerDoc(TypedDict):
    platform: str
    name: str
    text: str
    evidence: list[str]


class RecommendationDoc(TypedDict):
    primary: str
    secondary: list[str]
    close_call: bool
    contenders: list[str]
    decided_by: str
    test: list[str]
    peers: list[PeerDoc]
    steps: list[StepDoc]


class ReasonDoc(TypedDict):
    code: str
    text: str


class CertaintyDoc(TypedDict):
    grade: Grade
    reasons: list[ReasonDoc]


class ConfidenceDoc(TypedDict):
    method: str
    first: dict[str, float]
    ranges: dict[str, tuple[float, float]]
    certainty: NotRequired[dict[str, CertaintyDoc]]
    samples: NotRequired[int]
    seed: NotRequired[int]


class WhatIfDoc(TypedDict):
    changes: dict[str, str | float | bool]
    top: str
    scores: dict[str, float]
    summary: str
    rules_on: list[str]
    rules_off: list[str]


class ReportDoc(TypedDict):
    """The `evaluate --format json` document, schema_version "1"."""

    schema_version: Literal["1"]
    tool_version: str
    rule_pack: PackInfoDoc
    profile: dict[str, str | float | bool]
    ranking: list[RankingDoc]
    warnings: list[str]
    confidence: NotRequired[ConfidenceDoc]
    recommendation: NotRequired[RecommendationDoc]
    what_if: NotRequired[list[WhatIfDoc]]
    risks: NotRequired[list[StepDoc]]
    recheck: NotRequired[list[str]]


def schema(kind: str, pack: RulePack) -> dict[str, Any]:
    """The JSON Schema of `kind` (one of KINDS); answers follow `pack`'s questions."""
    if kind == "pack":
        body = adapter(PackFile).json_schema(by_alias=True)
        title = "merchant-cli rule pack file"
    elif kind == "answers":
        body = answers_schema(pack)
        title = "merchant-cli answers file"
    else:
        body = adapter(ReportDoc).json_schema(by_alias=True)
        title = "merchant-cli JSON report (schema_version 1)"
    return {"$schema": DIALECT, "title": title, **{k: v for k, v in body.items() if k != "title"}}


def files(pack: RulePack) -> dict[str, str]:
    """File name -> text of every schema, as committed in docs/schemas/ (answers from `pack`)."""
    import json

    return {
        f"{kind}.schema.json": json.dumps(schema(kind, pack), ensure_ascii=False, indent=2) + "\n"
        for kind in KINDS
    }


def answers_schema(pack: RulePack) -> dict[str, Any]:
    """One property per question: what `--answers FILE` accepts (a number may be written as
    text, e.g. "¥24.9", and is checked when read)."""
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {q.id: _answer(q) for q in pack.questions},
        "required": [q.id for q in pack.questions if q.required and q.when is None],
    }


def _answer(question: Question) -> dict[str, Any]:
    found: dict[str, Any] = {"title": question.label.en, "description": question.help.en}
    if question.type == "choice":
        found["enum"] = [c.id for c in question.choices or ()]
    elif question.type == "boolean":
        found["type"] = ["boolean", "string"]
    else:
        number: dict[str, Any] = {"type": question.type}
        if question.min is not None:
            number["exclusiveMinimum" if question.min_exclusive else "minimum"] = question.min
        if question.max is not None:
            number["maximum"] = question.max
        found["anyOf"] = [number, {"type": "string"}]
    if question.default is not None:
        found["default"] = question.default
    return found
