"""The merged, validated rule pack the engine and every command work from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from functools import cached_property
from typing import Any, Protocol

from merchant_cli.core.models import (
    Derived,
    Observation,
    PackMeta,
    Platform,
    Question,
    Rule,
    Sections,
    Source,
)
from merchant_cli.core.record import record


class Locates(Protocol):
    """Where an item of the pack was written (`packs.origins.Origin`), found on demand."""

    @property
    def path(self) -> tuple[str | int, ...]:
        """The item's keys from its file's top."""

    def locate(self, *sub: str | int) -> tuple[str, int, int]:
        """(file, line, column) of the item, or of `sub` within it."""


@record
class RulePack(Sections):
    """Every section of the pack, merged across its files in file order."""

    meta: PackMeta
    origins: Mapping[tuple[str, str], Locates] = field(
        default_factory=dict, compare=False, repr=False
    )
    """(section, id) -> where it was written, for messages about that item."""

    def facts(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        """The answers plus every derived fact (such as the price band) conditions may test."""
        facts = dict(answers)
        for derived in self.derived:
            value = answers.get(derived.from_)
            if isinstance(value, int | float) and not isinstance(value, bool):
                facts[derived.id] = derived.band_of(value)
        return facts

    @cached_property
    def platform_by_id(self) -> dict[str, Platform]:
        return {p.id: p for p in self.platforms}

    @cached_property
    def observation_by_id(self) -> dict[str, Observation]:
        return {o.id: o for o in self.observations}

    @cached_property
    def question_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def source_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    @cached_property
    def rule_by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}

    @cached_property
    def derived_by_id(self) -> dict[str, Derived]:
        return {d.id: d for d in self.derived}

    @cached_property
    def claim_of(self) -> dict[str, str]:
        """observation id -> the claim it belongs to: its claim's id, or its own id."""
        found = {o.id: o.id for o in self.observations}
        for claim in self.claims:
            found.update(dict.fromkeys(claim.observations, claim.id))
        return found
