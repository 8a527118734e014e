"""How one `evaluate` grows with the pack: the built-in pack plus 100 / 1,000 / 5,000 rules.

An adviser covering many categories writes packs of hundreds or thousands of rules.
Each generated rule cites an observation of its own (one statement, one effect) and
tests one or two answers the way real rules do (a category, a price threshold, live
hours with notes, a range of videos). Goals: 1,000 rules <= 0.5 s, 5,000 <= 2 s per
`evaluate` of the whole command (start-up, loading, scoring, what-if, the report), the
best of three runs: the pack cache is warm, as for an adviser re-running a pack (the
first run after a pack changes also validates it). Run: `.venv/bin/python
benchmarks/packsize.py` (also part of `make bench`).
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOL = str(Path(sys.executable).parent / "merchant-cli")
EXAMPLE = str(ROOT / "examples" / "merchant-shoe-factory.yaml")
SIZES = {100: None, 1_000: 0.5, 5_000: 2.0}
PER_FILE = 1_000
"""Rules per generated file (a pack file is limited to 200,000 YAML nodes)."""
CATEGORIES = ("womens_apparel", "shoes", "bags", "kids_apparel", "outdoor_sports", "home")
PLATFORMS = ("xiaohongshu", "douyin", "taobao")


def write_pack(rules: int, folder: Path) -> Path:
    """An overlay of `rules` generated rules (the same ones for the same count)."""
    chosen = random.Random(rules)
    for start in range(0, rules, PER_FILE):
        lines = ["observations:"]
        numbers = range(start, min(rules, start + PER_FILE))
        lines += [
            f"  - {{id: G{i}, platforms: [{PLATFORMS[i % 3]}], summary: {{en: g, zh: g}}, "
            "quote: g, source: caijing-2025-01-16}"
            for i in numbers
        ]
        lines.append("rules:")
        for i in numbers:
            lines.append(
                f"  - {{id: g-{i}, platform: {PLATFORMS[i % 3]}, when: {_condition(chosen)}, "
                f"points: {chosen.choice([-3, -2, 2, 3, 4])}, strength: report, "
                f"reason: {{en: g, zh: g}}, evidence: [G{i}]}}"
            )
        (folder / f"generated-{start // PER_FILE:02d}.yaml").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )
    return folder


def _condition(chosen: random.Random) -> str:
    kind = chosen.randrange(4)
    if kind == 0:
        return f"{{category: {{eq: {chosen.choice(CATEGORIES)}}}}}"
    if kind == 1:
        return f"{{price: {{lt: {chosen.randrange(10, 1000)}}}}}"
    if kind == 2:
        live, notes = chosen.randrange(0, 60), chosen.randrange(1, 20)
        both = f"{{live_hours_per_week: {{gte: {live}}}}}, {{notes_per_week: {{lt: {notes}}}}}"
        return f"{{all: [{both}]}}"
    low, high = chosen.randrange(0, 5), chosen.randrange(5, 30)
    return f"{{videos_per_week: {{between: [{low}, {high}]}}}}"


def seconds(overlay: Path) -> float:
    """The best of three runs of a whole `evaluate --format json` with the overlay."""
    command = [TOOL, "evaluate", "--rules-overlay", str(overlay), "--answers", EXAMPLE]
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(
            [*command, "--no-input", "--format", "json"], check=True, capture_output=True
        )
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        for rules, goal in SIZES.items():
            folder = Path(directory) / str(rules)
            folder.mkdir()
            took = seconds(write_pack(rules, folder))
            verdict = (
                "" if goal is None else f" (goal <= {goal} s) {'MET' if took <= goal else 'MISSED'}"
            )
            print(f"pack + {rules:,} rules: evaluate {took:.2f} s{verdict}")


if __name__ == "__main__":
    main()
