"""The JSON report: the contract's schema_version "1" document."""

from __future__ import annotations

import json
from typing import Any

from merchant_cli import __version__
from merchant_cli.pack import RulePack
from merchant_cli.result import Evaluation, PlatformScore

SCHEMA_VERSION = "1"


def document(evaluation: Evaluation, lang: str) -> dict[str, Any]:
    """The report as JSON-ready data (also used by batch output)."""
    info = evaluation.pack
    return {
        "schema_version": SCHEMA_VERSION,
        "tool_version": __version__,
        "rule_pack": {"name": info.name, "version": info.version, "as_of": info.as_of.isoformat()},
        "profile": dict(evaluation.profile),
        "ranking": [ranking_entry(score, lang) for score in evaluation.ranking],
        "warnings": [notice.text.get(lang) for notice in evaluation.warnings],
    }


def ranking_entry(score: PlatformScore, lang: str, *, explain: bool = True) -> dict[str, Any]:
    """One platform of the ranking; `explain` adds the rules that fired (batch leaves them out)."""
    entry: dict[str, Any] = {"platform": score.platform, "score": score.score, "fit": score.fit}
    if explain:
        entry["contributions"] = [
            {
                "rule": c.rule,
                "points": c.points,
                "evidence": list(c.evidence),
                "reason": c.reason.get(lang),
            }
            for c in score.contributions
        ]
    return entry


def render(
    evaluation: Evaluation, pack: RulePack, *, lang: str, color: bool = False, width: int = 80
) -> str:
    return json.dumps(document(evaluation, lang), ensure_ascii=False, indent=2) + "\n"
