"""Measure how smoothly the article's merchants' chances move with price and live hours.

Each of the article's seven merchants, under every goal, is swept in price from 20 to 450
yuan in 1-yuan steps and in live hours from 0 to 60 a week in half-hour steps, the other
answers fixed. For every step it finds the largest change of any platform's chance of
ranking first between the two neighbouring points, and prints the largest per merchant,
goal and answer, with where it happens, then the largest of all against issue 17's limit
of 0.2. Steps that cross a threshold the article itself names (A14's 80 and 100 yuan, for
outdoor and sports goods) are left out. Then two checks of live capacity for the
cluster factories: Douyin's and Taobao's scores rise strictly from 2 to 20 to 40 live
hours a week, and going live (0 to 20 hours) lifts Xiaohongshu no more than Douyin or
Taobao. Run:

    .venv/bin/python scripts/continuity.py [--today YYYY-MM-DD]
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from measuring import CLUSTER_MERCHANTS, Setup, merchant_goals, start, table, verdict

from merchant_cli.core.profile import Answer

LIMIT = 0.2
"""The largest move of a chance of ranking first that issue 17 allows between neighbours."""
THRESHOLDS: Mapping[str, tuple[float, ...]] = {"outdoor_sports": (80, 100)}
"""Per category, the prices the article names as thresholds (A14): a step touching one
may move a chance as far as the evidence says."""
SWEEPS: tuple[tuple[str, Sequence[float]], ...] = (
    ("price", range(20, 451)),
    ("live_hours_per_week", [k / 2 for k in range(121)]),
)
LIVE_LEVELS = (2, 20, 40)


@dataclass(frozen=True)
class Swing:
    """The largest move of one platform's chance of ranking first between neighbours."""

    size: float
    low: float
    high: float
    platform: str
    over: int
    """How many steps move some chance by more than LIMIT."""


def largest_swing(
    setup: Setup, answers: Mapping[str, Answer], name: str, values: Sequence[float]
) -> Swing:
    chances = [setup.decide({**answers, name: value}).chances for value in values]
    edges = THRESHOLDS.get(str(answers["category"]), ()) if name == "price" else ()
    found = Swing(0.0, values[0], values[0], "-", 0)
    over = 0
    for k in range(len(values) - 1):
        low, high = values[k], values[k + 1]
        if any(low <= edge <= high for edge in edges):
            continue
        size, platform = max(
            (abs(chances[k + 1].get(p, 0.0) - chances[k].get(p, 0.0)), p) for p in setup.platforms
        )
        over += size > LIMIT
        if size > found.size:
            found = Swing(size, low, high, platform, 0)
    return Swing(found.size, found.low, found.high, found.platform, over)


def swings_section(setup: Setup) -> None:
    print(
        "\nLargest move of any platform's chance of ranking first between neighbouring "
        "points (price 20-450 yuan by 1, live 0-60 h by 0.5; steps over "
        f"{LIMIT} counted):"
    )
    rows = []
    worst: tuple[Swing, str, str, str] | None = None
    for merchant, goal, answers in merchant_goals():
        for name, values in SWEEPS:
            swing = largest_swing(setup, answers, name, values)
            rows.append(
                [
                    merchant, goal, name, f"{swing.size:.3f}", f"{swing.low:g} -> {swing.high:g}",
                    swing.platform, swing.over,
                ]
            )  # fmt: skip
            if worst is None or swing.size > worst[0].size:
                worst = (swing, merchant, goal, name)
    header = ["merchant", "goal", "answer", "largest", "between", "platform", f"steps > {LIMIT}"]
    print(table(header, rows))
    assert worst is not None
    swing, merchant, goal, name = worst
    print(
        f"  Largest of all: {swing.size:.3f}, {merchant} ({goal}), {name} "
        f"{swing.low:g} -> {swing.high:g}, {swing.platform}. "
        f"At most {LIMIT}: {verdict(swing.size <= LIMIT)}"
    )


def clusters() -> list[tuple[str, str, dict[str, Answer]]]:
    return [found for found in merchant_goals() if found[0] in CLUSTER_MERCHANTS]


def scores_at(setup: Setup, answers: Mapping[str, Answer], hours: float) -> dict[str, float]:
    ranking = setup.rank({**answers, "live_hours_per_week": hours})
    return {s.platform: s.score for s in ranking}


def rising_section(setup: Setup) -> None:
    levels = "/".join(str(h) for h in LIVE_LEVELS)
    print(f"\nCluster factories: Douyin's and Taobao's scores at {levels} live hours a week:")
    rows = []
    holds = True
    for merchant, goal, answers in clusters():
        scores = [scores_at(setup, answers, hours) for hours in LIVE_LEVELS]
        row: list[object] = [merchant, goal]
        for platform in ("douyin", "taobao"):
            found = [s[platform] for s in scores]
            rising = all(a < b for a, b in zip(found, found[1:], strict=False))
            holds = holds and rising
            row += ["/".join(f"{v:g}" for v in found), verdict(rising)]
        rows.append(row)
    header = ["merchant", "goal", "douyin", "rises", "taobao", "rises"]
    print(table(header, rows))
    print(f"  Both rise strictly for every cluster factory and goal: {verdict(holds)}")


def lift_section(setup: Setup) -> None:
    print("\nCluster factories: the lift going live gives (score at 20 h minus at 0 h):")
    platforms = setup.platforms
    rows = []
    holds = True
    for merchant, goal, answers in clusters():
        before, after = scores_at(setup, answers, 0), scores_at(setup, answers, 20)
        lift = {p: after[p] - before[p] for p in platforms}
        checks = [lift["xiaohongshu"] <= lift[p] for p in ("douyin", "taobao")]
        holds = holds and all(checks)
        rows.append(
            [merchant, goal, *(f"{lift[p]:+g}" for p in platforms), *(verdict(c) for c in checks)]
        )
    header = ["merchant", "goal", *platforms, "xhs <= douyin", "xhs <= taobao"]
    print(table(header, rows))
    print(f"  Xiaohongshu lifts no more than Douyin and Taobao everywhere: {verdict(holds)}")


def main(argv: list[str] | None = None) -> None:
    setup = start(__doc__, argv, "Continuity")
    print(f"Evidence aged to {setup.today.isoformat()}")
    started = time.perf_counter()
    swings_section(setup)
    rising_section(setup)
    lift_section(setup)
    print(f"\nTiming: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
