"""Interactive questionnaire (placeholder until the questionnaire lands)."""

from __future__ import annotations

from collections.abc import Mapping

from merchant_cli.errors import UsageError
from merchant_cli.pack import RulePack
from merchant_cli.profile import Answer, pending_questions


def ask_missing(pack: RulePack, answers: Mapping[str, Answer], *, lang: str) -> dict[str, Answer]:
    missing = [q for q in pending_questions(pack, answers) if q.required]
    raise UsageError("missing answers: " + ", ".join(f"{q.id} ({q.option})" for q in missing))
