"""`make bench`: measure P1-P8 against their goals and print each figure with its ratio."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.merchants import write_merchants, write_workbook

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TOOL = str(BIN / "merchant-cli")
EXAMPLE = str(ROOT / "examples" / "merchant-shoe-factory.yaml")
RUNS = 11
BASELINE = [sys.executable, "-c", "import yaml, pydantic"]
BARE = [sys.executable, "-c", "pass"]
EVALUATE = [TOOL, "evaluate", "--answers", EXAMPLE, "--no-input"]
NO_CACHE = {**os.environ, "MERCHANT_CLI_NO_CACHE": "1"}


def wall(command: Sequence[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    return time.perf_counter() - start


def ratio_to_baseline(
    label: str, command: Sequence[str], goal: float, env: dict[str, str] | None = None
) -> None:
    """Median of RUNS interleaved runs of `command`, the baseline and a bare interpreter.

    The first run warms the file cache, the bytecode and the pack cache (as any
    second run of the tool finds it); `env` = NO_CACHE measures a run without it.
    """
    wall(command, env)
    ours, base, bare = [], [], []
    for _ in range(RUNS):
        base.append(wall(BASELINE))
        bare.append(wall(BARE))
        ours.append(wall(command, env))
    ms = {
        name: statistics.median(runs) * 1e3
        for name, runs in (("o", ours), ("b", base), ("p", bare))
    }
    ratio = ms["o"] / ms["b"]
    verdict = f"(goal <= {goal}x) {'MET' if ratio <= goal else 'MISSED'}" if goal else "(no goal)"
    print(
        f"{label}: {ms['o']:.0f} ms vs import yaml, pydantic {ms['b']:.0f} ms = {ratio:.2f}x "
        f"{verdict}; vs python -c pass {ms['p']:.0f} ms = {ms['o'] / ms['p']:.2f}x"
    )


def run_script(label: str, name: str) -> None:
    """Another engineer's benchmark, when it exists: its own output, indented."""
    script = ROOT / "benchmarks" / name
    if not script.exists():
        print(f"{label}: n/a ({script.relative_to(ROOT)} not written yet)")
        return
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, cwd=ROOT, check=False
    )
    lines = (done.stdout + done.stderr).strip().splitlines() or ["(no output)"]
    print(f"{label}: {lines[0]}")
    for line in lines[1:]:
        print(f"    {line}")


def batch(rows: int, directory: Path, output: str) -> None:
    """CSV in, JSON Lines or CSV (every column) out, on every core (the default `--jobs`);
    wall time, and the peak of the memory of the main process and its workers together."""
    source = directory / f"m{rows}.csv"
    if not source.exists():
        write_merchants(source, rows)
    seconds, peak, code = _timed([TOOL, "batch", str(source), "-o", str(directory / f"o.{output}")])
    rate = rows / seconds
    verdict = ""
    if rows == 1_000_000:
        met = rate >= 100_000 and peak <= 200
        verdict = f" (goal >= 100,000 rows/s, <= 200 MB) {'MET' if met else 'MISSED'}"
    print(
        f"P4 batch {rows:,} rows to {output}: {seconds:.1f} s = {rate:,.0f} rows/s, "
        f"peak RSS {peak:.0f} MB (all processes), exit {code}{verdict}"
    )


def workbook(rows: int, directory: Path) -> None:
    """P8: an adviser's workbook (Chinese headers and values, a notes column) read, scored
    and written back as a workbook in Chinese."""
    source = write_workbook(directory / f"clients{rows}.xlsx", rows)
    target = directory / f"results{rows}.xlsx"
    seconds, peak, code = _timed([TOOL, "batch", str(source), "-o", str(target), "--lang", "zh"])
    met = seconds <= 10
    print(
        f"P8 workbook {rows:,} rows, xlsx -> xlsx in Chinese: {seconds:.1f} s, peak RSS "
        f"{peak:.0f} MB (all processes), exit {code} (goal <= 10 s) {'MET' if met else 'MISSED'}"
    )


def _timed(command: list[str]) -> tuple[float, float, int | None]:
    """Run `command` (replacing its output); wall seconds, peak MB of its process tree, exit."""
    start = time.perf_counter()
    process = subprocess.Popen([*command, "--force"], stderr=subprocess.DEVNULL)
    peak_kib = 0
    while process.poll() is None:
        peak_kib = max(peak_kib, _tree_rss_kib(process.pid))
        time.sleep(0.05)
    return time.perf_counter() - start, peak_kib / 1024, process.returncode


def _tree_rss_kib(pid: int) -> int:
    """The resident memory of `pid` and all its descendants (the workers), in KiB (Linux
    /proc; 0 elsewhere, or for a process that has just ended)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        own = next(
            int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")
        )
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except (OSError, StopIteration):
        return 0
    return own + sum(_tree_rss_kib(int(child)) for child in children)


def main() -> None:
    print(
        f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M')}"
    )
    ratio_to_baseline("P1 evaluate --format json", [*EVALUATE, "--format", "json"], 1.0)
    ratio_to_baseline("P2 evaluate --format table", [*EVALUATE, "--format", "table"], 1.5)
    ratio_to_baseline(
        "P1 without the pack cache (first run)", [*EVALUATE, "--format", "json"], 0, NO_CACHE
    )
    run_script("P3 launch to first prompt", "startup_prompt.py")
    with tempfile.TemporaryDirectory() as directory:
        for rows, output in ((100_000, "jsonl"), (1_000_000, "jsonl"), (1_000_000, "csv")):
            batch(rows, Path(directory), output)
        workbook(10_000, Path(directory))
    run_script("P5 what-if overhead", "whatif.py")
    run_script("P6 pack size (warm cache, best of 3)", "packsize.py")
    run_script("P7 hostile packs and the pack cache (median of 5)", "validation.py")


if __name__ == "__main__":
    main()
