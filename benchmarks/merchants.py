"""Generate plausible merchants for the batch benchmarks: a CSV of ids (P4), and the
workbook an adviser keeps, Chinese headers and values and a notes column (P8)."""

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


def write_workbook(path: Path, rows: int, *, seed: int = 8) -> Path:
    """`rows` merchants as an adviser's `.xlsx`: the questions' Chinese labels as headers,
    choices by their Chinese labels, numbers as numbers, and a `备注` column."""
    import xlsxwriter

    pack = load_pack(builtin_pack_dir())
    questions = pack.question_by_id
    choices = {
        name: [c.label.zh for c in questions[name].choices or ()]
        for name in ("category", "merchant_type", "goal")
    }
    rng = random.Random(seed)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("客户")
    header = ["编号", *(questions[name].label.zh for name in HEADER[1:]), "备注"]
    sheet.write_row(0, 0, header)
    for number in range(1, rows + 1):
        sheet.write_row(
            number,
            0,
            [
                f"客户{number:05d}",
                rng.choice(choices["category"]),
                round(rng.uniform(5, 2000), 2),
                rng.randint(0, 20),
                rng.randint(0, 20),
                round(rng.uniform(0, 60), 1),
                rng.choice(choices["merchant_type"]),
                rng.choice(choices["goal"]),
                rng.choice(["", "老客户", "需回访", "展会认识"]),
            ],
        )
    book.close()
    return path
