"""Read a 10,000-row workbook with python-calamine (as batch does) and with openpyxl.

`python -m benchmarks.sheets [ROWS]`: writes the merchants of `merchants.py` as an .xlsx
(with xlsxwriter), then prints the median of 5 reads of every row, as text, by each
library: the figure behind choosing calamine for batch input.
"""

from __future__ import annotations

import csv
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.merchants import write_merchants

RUNS = 5


def write_workbook(path: Path, rows: int) -> Path:
    """The benchmark's merchants as a workbook: numbers as numbers, text as text."""
    import xlsxwriter

    source = write_merchants(path.with_suffix(".csv"), rows)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("merchants")
    with source.open(encoding="utf-8", newline="") as lines:
        for number, cells in enumerate(csv.reader(lines)):
            sheet.write_row(number, 0, [_typed(cell) for cell in cells])
    book.close()
    return path


def _typed(cell: str) -> str | float:
    try:
        return float(cell)
    except ValueError:
        return cell


def with_calamine(path: Path) -> int:
    from merchant_cli.app.batch.sheets import Sheet

    return sum(1 for _ in Sheet(path, None))


def with_openpyxl(path: Path) -> int:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for row in book.active.iter_rows(values_only=True) if [str(c) for c in row])
    book.close()
    return count


def median_seconds(read: Callable[[Path], int], path: Path, rows: int) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        assert read(path) == rows + 1
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(rows: int = 10_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_workbook(Path(folder) / "merchants.xlsx", rows)
        size = path.stat().st_size
        print(f"{rows:,} rows, {size / 1024:.0f} KiB .xlsx; median of {RUNS} reads of every row")
        for name, read in (("python-calamine", with_calamine), ("openpyxl", with_openpyxl)):
            seconds = median_seconds(read, path, rows)
            print(f"  {name:16} {seconds * 1000:8.0f} ms  {rows / seconds:>10,.0f} rows/s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
