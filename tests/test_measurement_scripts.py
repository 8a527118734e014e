"""The measurement scripts' own logic (scripts/measuring.py, sweep, continuity, aging): the
grid's numbering and neighbours, the sample strides, the months, the threshold steps
left out. Their figures are the model's; what is tested here is that they count right."""

from __future__ import annotations

import datetime as dt
import itertools
import sys

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))  # the scripts import their helpers as run

import aging  # noqa: E402
import continuity  # noqa: E402
import measuring  # noqa: E402
import sweep  # noqa: E402


def test_the_grid_numbers_its_points_in_product_order_and_neighbours_differ_in_one_answer() -> None:
    grid = measuring.Grid((("a", (1, 2, 3)), ("b", ("x", "y")), ("c", (0.5, 7, 9, 11))))
    expected = [dict(zip("abc", combo, strict=True)) for combo in itertools.product(
        (1, 2, 3), ("x", "y"), (0.5, 7, 9, 11))]  # fmt: skip
    assert len(grid) == 24
    assert [grid.answers(i) for i in range(len(grid))] == expected
    for index in range(len(grid)):
        for axis, name in enumerate(grid.names):
            found = grid.neighbours(index, axis)
            assert len(found) == grid.sizes[axis] - 1
            for other in found:
                differ = {k for k, v in grid.answers(other).items() if v != expected[index][k]}
                assert differ == {name}


def test_the_consultants_grid_has_every_category_and_92160_points() -> None:
    setup = measuring.load(None)
    grid = measuring.consultants_grid(setup)
    assert len(grid) == 92_160
    assert grid.sizes == (12, 10, 4, 4, 4, 4, 3)
    assert setup.today == setup.pack.meta.as_of


def test_a_sample_takes_the_smallest_stride_of_the_ladder_that_fits_the_budget() -> None:
    assert sweep.stride(92_160, 0.001, 100.0) == 1
    assert sweep.stride(92_160, 0.005, 100.0) == 7
    assert sweep.stride(92_160, 0.005, 200.0, per_merchant=35) == 97
    assert sweep.stride(92_160, 10.0, 1.0) == sweep.LADDER[-1]


def test_months_later_keeps_the_day_or_takes_the_last_of_a_shorter_month() -> None:
    assert aging.months_later(dt.date(2025, 1, 16), 23) == dt.date(2026, 12, 16)
    assert aging.months_later(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert aging.months_later(dt.date(2023, 12, 31), 2) == dt.date(2024, 2, 29)


def test_steps_touching_a_threshold_the_article_names_are_left_out() -> None:
    setup = measuring.load(None)
    outdoor = {**measuring.MERCHANTS[0][1], "category": "outdoor_sports", "goal": "seeding"}
    shoes = {**outdoor, "category": "shoes"}
    assert continuity.largest_swing(setup, outdoor, "price", (79, 80, 81)).platform == "-"
    assert continuity.largest_swing(setup, shoes, "price", (16, 24, 30)).size > 0  # counted


def test_tables_pad_chinese_as_two_columns() -> None:
    lines = measuring.table(["name", "n"], [["十三行", 1], ["abcdefg", 22]]).splitlines()
    assert lines == ["  name      n", "  十三行    1", "  abcdefg  22"]
