"""`rules list/show/coverage/test` and overlays, through the real entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from merchant_cli.packs.loader import builtin_pack_dir, load_pack
from tests.conftest import CORE, ROOT, Run

BASE = ROOT / "tests" / "data" / "packs" / "base"
KUAISHOU = ROOT / "examples" / "overlay-kuaishou"


def _overlay(tmp_path: Path, text: str) -> Path:
    (tmp_path / "overlay.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_list_one_line_per_rule(cli: Callable[..., Run]) -> None:
    run = cli("rules", "list", "--rules", str(BASE))
    assert run.code == 0
    assert run.out == (
        "alpha-shoes  Alpha  +10  Category is Shoes  [B01]\n"
        "beta-live    Beta   +10  Live hours over 0  [B02]\n"
    )
    chinese = cli("rules", "list", "--rules", str(BASE), "--lang", "zh")
    assert chinese.out == (
        "alpha-shoes  甲  +10  类目为鞋  [B01]\nbeta-live    乙  +10  直播时长超过0  [B02]\n"
    )


def test_list_filters_by_platform_and_speaks_json(cli: Callable[..., Run]) -> None:
    run = cli("rules", "list", "--platform", "douyin", "--format", "json")
    rules = json.loads(run.out)
    assert rules and {r["platform"] for r in rules} == {"douyin"}
    tilt = next(r for r in rules if r["id"] == "dy-traffic-tilt")
    wanted = "videos_per_week grows (half strength at 3) or merchant_type = brand"
    assert tilt["condition"] == wanted
    assert tilt["evidence"] == ["A22-douyin"]


def test_list_unknown_platform_suggests(cli: Callable[..., Run]) -> None:
    run = cli("rules", "list", "--platform", "douyn")
    assert run.code == 2
    assert "unknown platform 'douyn'; did you mean 'douyin'?" in run.err


def test_show_quotes_evidence_in_both_languages(cli: Callable[..., Run]) -> None:
    run = cli("rules", "show", "alpha-shoes", "--rules", str(BASE))
    assert run.code == 0
    assert run.out.splitlines() == [
        "alpha-shoes: +10 points for Alpha",
        "  when: Category is Shoes",
        f"  defined at: {BASE / 'pack.yaml'}:40:5",
        "  reason: Alpha likes shoes.",
        "    甲喜欢鞋。",
        "  evidence:",
        "    B01  Alpha",
        "      Alpha likes shoes.",
        "      甲喜欢鞋。",
        "      quote: 「甲喜欢鞋」",
        "      source: Example outlet, 2025-01-16",
    ]


def test_show_in_chinese_is_chinese_throughout(cli: Callable[..., Run]) -> None:
    run = cli("rules", "show", "alpha-shoes", "--rules", str(BASE), "--lang", "zh")
    assert run.out.splitlines() == [
        "alpha-shoes：甲+10分",
        "  条件：类目为鞋",
        f"  定义于：{BASE / 'pack.yaml'}:40:5",
        "  理由：甲喜欢鞋。",
        "  证据：",
        "    B01  甲",
        "      甲喜欢鞋。",
        "      原文：「甲喜欢鞋」",
        "      来源：《Example title》，2025-01-16",
    ]


def test_show_json_and_unknown_rule(cli: Callable[..., Run]) -> None:
    data = json.loads(cli("rules", "show", "dy-cluster-orders", "--format", "json").out)
    assert data["points"] == 8 and data["condition"] == "merchant_type = cluster_factory"
    assert [o["id"] for o in data["observations"]] == ["A21-douyin"]
    assert data["observations"][0]["quote"] and data["observations"][0]["summary"]["zh"]
    run = cli("rules", "show", "dy-cluster-order")
    assert run.code == 2
    assert "did you mean 'dy-cluster-orders'?" in run.err


def test_coverage_text_and_json(cli: Callable[..., Run]) -> None:
    run = cli("rules", "coverage", "--rules", str(BASE))
    assert run.code == 0
    assert "Observations cited: 2 of 2" in run.out
    assert "no rule addresses category=bags" in run.out
    data = json.loads(cli("rules", "coverage", "--rules", str(BASE), "--format", "json").out)
    assert data["observations"] == [
        {"id": "B01", "rules": 1, "cited_by": ["alpha-shoes"]},
        {"id": "B02", "rules": 1, "cited_by": ["beta-live"]},
    ]
    assert data["facts"]["category"]["shoes"] == {"alpha": ["alpha-shoes"], "beta": []}
    assert {s["subject"] for s in data["thin"]} == {
        "category=shoes",
        "category=bags",
        "price_band=low",
        "price_band=high",
    }


def test_builtin_coverage_flags_categories_the_article_never_mentions(
    cli: Callable[..., Run],
) -> None:
    data = json.loads(cli("rules", "coverage", "--format", "json").out)
    unaddressed = {s["subject"] for s in data["thin"] if s["kind"] == "unaddressed"}
    assert {"category=beauty", "category=food", "category=electronics"} <= unaddressed
    rules = json.loads(cli("rules", "list", "--format", "json").out)
    cited = {e for rule in rules for e in rule["evidence"]}
    assert all(o["rules"] > 0 for o in data["observations"] if o["id"] in cited)


def test_failing_case_shows_expected_and_actual(cli: Callable[..., Run], tmp_path: Path) -> None:
    overlay = _overlay(
        tmp_path,
        "cases:\n  - name: wrong\n    profile: {category: bags, price: 30, live_hours: 2}\n"
        "    expect: {top: alpha, scores: {beta: [50, 55]}, fired: [alpha-shoes]}\n",
    )
    run = cli("rules", "test", str(BASE), "--rules-overlay", str(overlay))
    assert run.code == 1
    assert run.out.splitlines() == [
        "PASS shoes-no-live",
        "FAIL wrong",
        "     top               expected: alpha",
        "                       actual:   beta",
        "     score of beta     expected: 50..55",
        "                       actual:   60",
        "     rule alpha-shoes  expected: fired",
        "                       actual:   not fired",
        "     ranking: beta 60 > alpha 50",
        "1 passed, 1 failed",
    ]


def test_test_json(cli: Callable[..., Run]) -> None:
    run = cli("rules", "test", str(BASE), "--format", "json")
    assert json.loads(run.out) == [
        {"name": "shoes-no-live", "passed": True, "failures": [], "ranking": "alpha 60 > beta 50"}
    ]


def test_disable_removes_a_rule(cli: Callable[..., Run], tmp_path: Path) -> None:
    overlay = _overlay(tmp_path, "disable: [beta-live]\n")
    pack = load_pack(BASE, [overlay])
    assert [r.id for r in pack.rules] == ["alpha-shoes"]
    run = cli("rules", "validate", str(BASE), "--rules-overlay", str(overlay))
    assert run.code == 0
    assert "warning: case names rule 'beta-live', which is disabled" in run.out


def test_override_by_id_replaces_a_rule(tmp_path: Path) -> None:
    overlay = _overlay(
        tmp_path,
        "rules:\n  - {id: alpha-shoes, platform: alpha, points: 3, strength: report, "
        "reason: {en: x, zh: x}, evidence: [B01]}\n",
    )
    pack = load_pack(BASE, [overlay])
    assert pack.rule_by_id["alpha-shoes"].points == 3
    assert len(pack.rules) == 2


def test_kuaishou_overlay_validates_and_its_cases_pass(cli: Callable[..., Run]) -> None:
    validate = cli("rules", "validate", "--rules-overlay", str(KUAISHOU))
    assert validate.code == 0 and "0 errors, 0 warnings" in validate.out
    test = cli("rules", "test", "--rules-overlay", str(KUAISHOU))
    assert test.code == 0 and "kuaishou-live-seller-volume" in test.out


def test_kuaishou_overlay_ranks_four_platforms_with_evidence() -> None:
    """End to end, as a user runs it: a subprocess with the overlay."""
    done = subprocess.run(
        [sys.executable, "-m", "merchant_cli", "evaluate", "--rules-overlay", str(KUAISHOU),
         *CORE, "--no-input", "--format", "json"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert {s["platform"] for s in report["ranking"]} == {
        "xiaohongshu", "douyin", "taobao", "kuaishou",
    }  # fmt: skip
    kuaishou = next(s for s in report["ranking"] if s["platform"] == "kuaishou")
    pack = load_pack(builtin_pack_dir(), [KUAISHOU])
    assert kuaishou["contributions"]
    for contribution in kuaishou["contributions"]:
        assert contribution["evidence"]
        assert set(contribution["evidence"]) <= set(pack.observation_by_id)


def test_kuaishou_quote_comes_from_the_article(article: str) -> None:
    pack = load_pack(builtin_pack_dir(), [KUAISHOU])
    assert pack.observation_by_id["A06"].quote in article


def _beta_live_with(tmp_path: Path, examples: str) -> Path:
    """An overlay replacing the base pack's `beta-live` with the same rule and `examples`."""
    return _overlay(
        tmp_path,
        "rules:\n  - id: beta-live\n    platform: beta\n    when: {live_hours: {gt: 0}}\n"
        "    points: 10\n    strength: report\n    reason: {en: x, zh: x}\n    evidence: [B02]\n"
        f"    examples: {examples}\n",
    )


def test_a_rule_carries_its_own_examples(cli: Callable[..., Run], tmp_path: Path) -> None:
    overlay = _beta_live_with(
        tmp_path, "{fires: [{live_hours: 1}, {live_hours: 0}], not: [{live_hours: 0}]}"
    )
    run = cli("rules", "test", str(BASE), "--rules-overlay", str(overlay))
    assert run.code == 1
    assert "FAIL rule beta-live" in run.out
    assert "{live_hours: 0}  expected: fires" in run.out and "actual:   does not" in run.out


def test_examples_name_known_questions(cli: Callable[..., Run], tmp_path: Path) -> None:
    overlay = _beta_live_with(tmp_path, "{fires: [{live_hour: 1}]}")
    run = cli("rules", "validate", str(BASE), "--rules-overlay", str(overlay))
    assert run.code == 3
    assert "unknown question 'live_hour'; did you mean 'live_hours'?" in run.out
