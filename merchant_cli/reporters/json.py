"""The JSON report: the contract's schema_version "1" document."""

from __future__ import annotations

import json
from typing import Any

from merchant_cli import __version__
from merchant_cli.core.confidence import Confidence
from merchant_cli.core.operators import FULL
from merchant_cli.core.result import Contribution, Evaluation, PlatformScore
from merchant_cli.core.strategy import Step
from merchant_cli.reporters import RenderOptions, Report, safe
from merchant_cli.reporters.messages import worded

SCHEMA_VERSION = "1"


def document(evaluation: Evaluation, lang: str, report: Report | None = None) -> dict[str, Any]:
    """The report as JSON-ready data (also used by batch output); with the `report`'s
    insight, it carries `recommendation`, `what_if`, `risks` and (stale evidence only)
    `recheck`."""
    info = evaluation.pack
    body = {
        "schema_version": SCHEMA_VERSION,
        "tool_version": __version__,
        "rule_pack": {"name": info.name, "version": info.version, "as_of": info.as_of.isoformat()},
        "profile": dict(evaluation.profile),
        "ranking": [ranking_entry(score, lang) for score in evaluation.ranking],
        "warnings": [worded(notice.said, lang) for notice in evaluation.warnings],
    }
    if evaluation.confidence is not None:
        body["confidence"] = confidence_document(evaluation.confidence, evaluation, lang)
    return body if report is None else {**body, **insight_document(report, lang)}


def confidence_document(found: Confidence, evaluation: Evaluation, lang: str) -> dict[str, Any]:
    """The contract's `confidence`: each platform's probability of ranking first, the 10th-90th
    percentile of its score over the plausible weightings, and the certainty of its evidence
    (a GRADE-like grade with the reasons it was rated down, as codes and in words)."""
    return {
        "method": found.method,
        "first": dict(found.first),
        "ranges": {p: [_number(low), _number(high)] for p, (low, high) in found.ranges.items()},
        "certainty": {
            platform: {
                "grade": certainty.grade,
                "reasons": [
                    {"code": reason.key.removeprefix("certainty."), "text": worded(reason, lang)}
                    for reason in certainty.reasons
                ],
            }
            for platform, certainty in evaluation.certainty.items()
        },
    }


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def insight_document(report: Report, lang: str) -> dict[str, Any]:
    """The contract's `recommendation` and `what_if` keys, plus `risks` and `recheck`."""
    insight = report.insight
    recommendation = insight.recommendation
    found: dict[str, Any] = {
        "recommendation": {
            "primary": recommendation.primary,
            "secondary": list(recommendation.secondary),
            "close_call": recommendation.close_call,
            "contenders": list(recommendation.contenders),
            "decided_by": recommendation.decided_by,
            "test": list(recommendation.test),
            "peers": [
                {
                    "platform": peer.platform,
                    "name": peer.name.get(lang),
                    "text": peer.text.get(lang),
                    "evidence": list(peer.evidence),
                }
                for peer in recommendation.peers
            ],
            "steps": [_step(step, lang) for step in recommendation.steps],
        },
        "what_if": [
            {
                "changes": scenario.what_if.values,
                "top": scenario.what_if.top.platform,
                "scores": scenario.what_if.scores,
                "summary": scenario.summary.get(lang),
                "rules_on": list(scenario.what_if.switched_on),
                "rules_off": list(scenario.what_if.switched_off),
            }
            for scenario in report.scenarios
        ],
        "risks": [_step(risk, lang) for risk in recommendation.risks],
    }
    if insight.stale:
        found["recheck"] = list(insight.recheck)
    return found


def _step(step: Step, lang: str) -> dict[str, Any]:
    return {"platform": step.platform, "text": step.text.get(lang), "evidence": list(step.evidence)}


def ranking_entry(score: PlatformScore, lang: str, *, explain: bool = True) -> dict[str, Any]:
    """One platform of the ranking; `explain` adds the rules that fired (batch leaves them out)."""
    entry: dict[str, Any] = {"platform": score.platform, "score": score.score, "fit": score.fit}
    if explain:
        entry["observations"] = len(score.observations)
        entry["contributions"] = [_contribution(c, lang) for c in score.contributions]
    return entry


def _contribution(contribution: Contribution, lang: str) -> dict[str, Any]:
    found: dict[str, Any] = {
        "rule": contribution.rule,
        "points": contribution.points,
        "evidence": list(contribution.evidence),
        "reason": contribution.reason.get(lang),
        "quote": contribution.quote,
    }
    if contribution.reading:
        found["reading"] = contribution.reading
    if contribution.strength:
        found["strength"] = contribution.strength
    if contribution.partial:
        found["degree"] = contribution.degree / FULL
        found["full_points"] = contribution.stated
    return found


def render(report: Report, options: RenderOptions) -> str:
    """The document, with `\\u` escapes where the output's encoding is not UTF-8: the same
    JSON to any parser, and nothing the encoding cannot hold."""
    full = document(report.evaluation, options.lang, report)
    return safe.json(json.dumps(full, ensure_ascii=not options.utf, indent=2)) + "\n"
