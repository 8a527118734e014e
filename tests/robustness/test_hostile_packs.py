"""Hostile rule packs that are valid YAML (issue 20): the checks must stay fast and short,
and every number the model uses must be bounded.

Timings are measured in `make bench` (benchmarks/validation.py); here the work is counted:
the one-statement check once tried every combination of answers (each a call to
`RulePack.facts`), and it may no longer try any.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks.hostile import write_overlay
from merchant_cli.core.errors import PROBLEMS_SHOWN
from merchant_cli.core.pack import RulePack
from merchant_cli.packs.loader import builtin_pack_dir, load_pack
from tests.robustness.conftest import PACK_ERROR, assert_clean, run_cli

TRIES = 100
"""Answer combinations the one-statement check may evaluate: about one per rule at fault."""


@pytest.mark.parametrize(("kind", "rules"), [("combinations", 20), ("exclusive", 1_000)])
def test_rules_citing_one_statement_are_compared_without_trying_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, rules: int
) -> None:
    """Finding 1: a 6 KB overlay of 20 rules stalled validation for minutes, and a price
    table of 1,000 rules took 106 s: each pair of rules was tested on every answer."""
    overlay = write_overlay(tmp_path / kind, kind, rules)
    facts = RulePack.facts
    tried = 0

    def counted(pack: RulePack, answers: Any) -> dict[str, Any]:
        nonlocal tried
        tried += 1
        assert tried <= TRIES, "the check is trying answer combinations"
        return facts(pack, answers)

    monkeypatch.setattr(RulePack, "facts", counted)
    pack = load_pack(builtin_pack_dir(), [overlay], cache=False)
    assert len(pack.rules) > rules


def test_rules_that_all_fire_together_are_refused_in_a_few_lines(tmp_path: Path) -> None:
    """Finding 1: 2,000 rules that fire together printed 1,999,000 errors (550 MB); now
    each rule at fault is one problem, and past the first few they are counted."""
    overlay = write_overlay(tmp_path / "together", "together", 300)
    outcome = run_cli(["rules", "validate", "--rules-overlay", str(overlay)])
    assert_clean(outcome, PACK_ERROR)
    lines = outcome.out.splitlines()
    assert len(lines) == PROBLEMS_SHOWN + 2
    assert f"and {299 - PROBLEMS_SHOWN:,} more like the {PROBLEMS_SHOWN} above" in lines[-2]
    assert lines[-1] == "299 errors, 0 warnings"


OVERLAY_META = "pack: {{name: hostile, version: '1', as_of: 2025-01-16, {}}}\n"


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("uncertainty: {thin_below: 30000000}", "less than or equal to 100"),
        ("uncertainty: {thin_spread: 100000}", "less than or equal to 100"),
        ("uncertainty: {silent_spread: 100000}", "less than or equal to 100"),
        ("uncertainty: {per_year: 100000}", "less than or equal to 100"),
        ("score: {base: 50, min: -1.0e+300, max: 1.0e+300}", "greater than or equal to 0"),
        ("close_call: 1.0e+300", "less than or equal to 100"),
        ("fit: {strong: 1.0e+300, moderate: 0}", "less than or equal to 100"),
    ],
)
def test_every_pack_setting_is_bounded(tmp_path: Path, setting: str, message: str) -> None:
    """Finding 2: `thin_below: 30000000` passed `rules validate`, then exhausted memory."""
    (tmp_path / "pack.yaml").write_text(OVERLAY_META.format(setting), encoding="utf-8")
    outcome = run_cli(["rules", "validate", "--rules-overlay", str(tmp_path)])
    assert_clean(outcome, PACK_ERROR)
    assert f"{tmp_path / 'pack.yaml'}:1:" in outcome.out and message in outcome.out


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("points: true", "Input should be a valid integer"),
        ("points: '5'", "Input should be a valid integer"),
        ("points: 5, when: {price: {lt: 1.0e+300}}", "less than or equal to 1000000000"),
        ("points: 5, when: {price: {eq: 1.0e+300}}", "less than or equal to 1000000000"),
    ],
)
def test_rule_numbers_are_numbers_within_bounds(tmp_path: Path, rule: str, message: str) -> None:
    """Finding 11: `points: true` was read as 1; a threshold of 1.0e+300 was accepted."""
    fields = f"id: hostile, platform: douyin, {rule}, reason: {{en: x, zh: x}}, evidence: [A21]"
    (tmp_path / "rules.yaml").write_text(f"rules:\n  - {{{fields}}}\n", encoding="utf-8")
    outcome = run_cli(["rules", "validate", "--rules-overlay", str(tmp_path)])
    assert_clean(outcome, PACK_ERROR)
    assert f"{tmp_path / 'rules.yaml'}:2:" in outcome.out and message in outcome.out
