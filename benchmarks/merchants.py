"""Generate a CSV of plausible merchants for the batch throughput benchmark (P4)."""

from __future__ import annotations

import random
from pathlib import Path

from merchant_cli.loader import builtin_pack_dir, load_pack

HEADER = ("id", "category", "price", "notes_per_week", "videos_per_week", "live_hours_per_week")


def write_merchants(path: Path, rows: int, *, seed: int = 6) -> Path:
    """`rows` merchants with every category of the built-in pack and realistic ranges."""
    categories = [
        c.id for c in load_pack(builtin_pack_dir()).question_by_id["category"].choices or ()
    ]
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(HEADER) + "\n")
        for number in range(rows):
            out.write(
                f"m{number},{rng.choice(categories)},{rng.uniform(5, 2000):.2f},"
                f"{rng.randint(0, 20)},{rng.randint(0, 20)},{rng.uniform(0, 60):.1f}\n"
            )
    return path
