"""Sweep the built-in pack over 31,104 merchants and print how its answers are spread.

The grid of the decision-quality issue: 12 categories x 8 prices x notes, videos and
live hours per week at three levels each x 4 merchant types x 3 goals. For each
platform, the share of merchants it ranks first for (ties go by id in the ranking)
and the share it is the lead of the strategy for (ties go to the likelier first); the
share of close calls (and exact ties); the median chance of ranking first of the
leader; and how often each platform is recommended at all (lead or alongside). Run:

    .venv/bin/python scripts/sweep.py [--today YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import statistics
from collections import Counter

from merchant_cli.core.engine import Scorer
from merchant_cli.core.profile import build_profile
from merchant_cli.core.strategy import recommend
from merchant_cli.packs.loader import builtin_pack_dir, load_pack

PRICES = (9.9, 24.9, 59, 89, 129, 199, 399, 999)
NOTES = (0, 3, 10)
VIDEOS = (0, 3, 10)
LIVE = (0, 10, 40)
TYPES = ("cluster_factory", "brand", "boutique", "not_specified")
GOALS = ("seeding", "volume", "not_specified")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 11, 26))
    today = parser.parse_args().today
    pack = load_pack(builtin_pack_dir())
    scorer = Scorer(pack)
    categories = [c.id for c in pack.question_by_id["category"].choices or ()]
    first: Counter[str] = Counter()
    primary: Counter[str] = Counter()
    recommended: Counter[str] = Counter()
    weak: Counter[str] = Counter()
    close = ties = 0
    leader_chance = []
    grid = itertools.product(categories, PRICES, NOTES, VIDEOS, LIVE, TYPES, GOALS)
    total = 0
    for category, price, notes, videos, live, kind, goal in grid:
        answers = {
            "category": category, "price": price, "notes_per_week": notes,
            "videos_per_week": videos, "live_hours_per_week": live, "merchant_type": kind,
            "goal": goal,
        }  # fmt: skip
        evaluation = scorer.evaluate(build_profile(pack, answers), today=today)
        found = recommend(pack, evaluation)
        total += 1
        first[evaluation.top.platform] += 1
        primary[found.primary] += 1
        recommended.update(found.platforms)
        weak.update(s.platform for s in evaluation.ranking if s.fit == "weak")
        close += found.close_call
        ties += evaluation.ranking[0].score == evaluation.ranking[1].score
        assert evaluation.confidence is not None
        leader_chance.append(evaluation.confidence.first[evaluation.top.platform])
    print(f"{total:,} merchants, evidence aged as of {today.isoformat()}")
    for platform in (p.id for p in pack.platforms):
        print(
            f"  {platform:12} first {first[platform] / total:6.1%}   "
            f"lead {primary[platform] / total:6.1%}   "
            f"recommended {recommended[platform] / total:6.1%}   weak {weak[platform] / total:6.1%}"
        )
    print(f"  close calls {close / total:.1%} (exact ties {ties / total:.1%})")
    print(f"  leader's chance of ranking first: median {statistics.median(leader_chance):.2f}")


if __name__ == "__main__":
    main()
