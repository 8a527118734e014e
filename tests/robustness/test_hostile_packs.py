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
        ("uncertainty: {half_life: 100000}", "less than or equal to 1200"),
        ("uncertainty: {half_life: true}", "Input should be a valid number"),
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


SECRET = "".join(
    f"{user}:$6$saltsaltsalt${'h' * 86}:19000:0:99999:7:::\n" for user in ("root", "daemon")
)
"""A shadow-like file: each line is one YAML key (`...:::` ends in a key indicator)."""


def _linked_secret(tmp_path: Path) -> Path:
    secret = tmp_path / "shadow"
    secret.write_text(SECRET, encoding="utf-8")
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    (overlay / "zz.yaml").symlink_to(secret)
    return overlay


def test_a_pack_file_linking_out_of_its_folder_is_refused(tmp_path: Path) -> None:
    """Finding 9: a pack file that links to a secret (/etc/shadow) was read, and its whole
    lines echoed in "unknown key" errors; now it is not read unless --follow-links."""
    overlay = _linked_secret(tmp_path)
    outcome = run_cli(["rules", "validate", "--rules-overlay", str(overlay)])
    assert_clean(outcome, PACK_ERROR)
    assert f"{overlay / 'zz.yaml'}:1:1: is a link to {tmp_path / 'shadow'}" in outcome.out
    assert "--follow-links" in outcome.out and "saltsalt" not in outcome.out
    inside = tmp_path / "inside"
    inside.mkdir()
    (inside / "real.yml").write_text("rules: []\n", encoding="utf-8")
    (inside / "zz.yaml").symlink_to(inside / "real.yml")  # a link within the folder is fine
    assert_clean(run_cli(["rules", "validate", "--rules-overlay", str(inside)]), 0)


@pytest.mark.parametrize("how", ["followed-link", "copy"])
def test_errors_quote_at_most_sixty_characters_of_a_file(tmp_path: Path, how: str) -> None:
    """Finding 9: docs/threat-model.md promised excerpts of at most 60 characters, yet the
    lines of a secret read as a pack file were echoed whole, twice each."""
    overlay = _linked_secret(tmp_path)
    options = ["--follow-links"] if how == "followed-link" else []
    if how == "copy":
        (overlay / "zz.yaml").unlink()
        (overlay / "zz.yaml").write_text(SECRET, encoding="utf-8")
    outcome = run_cli([*options, "rules", "validate", "--rules-overlay", str(overlay)])
    assert_clean(outcome, PACK_ERROR)
    assert "unknown key 'root:$6$saltsalt" in outcome.out
    for line in SECRET.splitlines():  # no 61 characters in a row of the secret are shown
        assert not any(line[i : i + 61] in outcome.out for i in range(len(line) - 60))
