"""Generate a CSV of plausible merchants for the batch throughput benchmark (P4)."""

from __future__ import annotations

import random
from pathlib import Path

from merchant_cli.packs.loader import builtin_pack_dir, load_pack

HEADER = (
    "id", "category", "price", "notes_per_week", "videos_per_week", "live_hours_per_week",
    "merchant_type", "goal",
)  # fmt: skip


def write_merchants(path: Path, rows: int, *, seed: int = 6) -> Path:
    """`rows` merchants answering every question of the built-in pack: every category,
    merchant type and goal, distinct 2-decimal prices and realistic capacities."""
    questions = load_pack(builtin_pack_dir()).question_by_id
    categories, kinds, goals = (
        [c.id for c in questions[name].choices or ()]
        for name in ("category", "merchant_type", "goal")
    )
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(HEADER) + "\n")
        for number in range(rows):
            out.write(
                f"m{number},{rng.choice(categories)},{rng.uniform(5, 2000):.2f},"
                f"{rng.randint(0, 20)},{rng.randint(0, 20)},{rng.uniform(0, 60):.1f},"
                f"{rng.choice(kinds)},{rng.choice(goals)}\n"
            )
    return path
