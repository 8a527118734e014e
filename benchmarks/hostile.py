"""Overlays an adviser could be sent: many rules citing one statement (issue 20, finding 1).

Each overlay adds one observation (Z1, on Douyin) and `rules` rules that all cite it,
so the one-statement check must show that no two of them fire together:

- `combinations`: rules each testing the category, the merchant type, the goal, the
  price, notes and live hours, exclusive on price (the probe's 6 KB overlay: every pair
  has ~100,000 answer combinations to try when they are enumerated);
- `exclusive`: a price table, one rule per yuan (`price >= i` and `price < i + 1`);
- `together`: rules that all fire for a high price and many live hours, each with its
  own thresholds: every pair fires together, so every rule but the first is refused.

Used by `benchmarks/validation.py` (timings) and tests/robustness/test_hostile_packs.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

HEAD = """\
observations:
  - id: Z1
    platforms: [douyin]
    summary: {en: one statement, zh: 一条陈述}
    quote: 一条陈述
    source: caijing-2025-01-16
rules:
"""
CATEGORIES = ("womens_apparel", "shoes", "bags", "kids_apparel", "outdoor_sports", "home")


def _combinations(i: int) -> str:
    categories = ", ".join(CATEGORIES[j % 6] for j in range(i, i + 3))
    return (
        f"{{all: [{{category: {{in: [{categories}]}}}}, {{merchant_type: {{ne: brand}}}}, "
        f"{{goal: {{ne: volume}}}}, {{price: {{between: [{10 * i + 1}, {10 * i + 5}]}}}}, "
        f"{{notes_per_week: {{gte: {i % 7}}}}}, {{live_hours_per_week: {{gte: {i % 9}}}}}]}}"
    )


def _exclusive(i: int) -> str:
    return f"{{all: [{{price: {{gte: {i}}}}}, {{price: {{lt: {i + 1}}}}}]}}"


def _together(i: int) -> str:
    return f"{{all: [{{price: {{gt: {i}}}}}, {{live_hours_per_week: {{gte: {i % 100}}}}}]}}"


KINDS: dict[str, Callable[[int], str]] = {
    "combinations": _combinations,
    "exclusive": _exclusive,
    "together": _together,
}


def write_overlay(folder: Path, kind: str, rules: int) -> Path:
    """An overlay folder of `rules` rules of `kind`, all citing Z1 for Douyin."""
    folder.mkdir(parents=True, exist_ok=True)
    condition = KINDS[kind]
    lines = [
        f"  - {{id: z-{i}, platform: douyin, when: {condition(i)}, points: 3, "
        "strength: report, reason: {en: z, zh: z}, evidence: [Z1]}"
        for i in range(rules)
    ]
    (folder / "z.yaml").write_text(HEAD + "\n".join(lines) + "\n", encoding="utf-8")
    return folder
