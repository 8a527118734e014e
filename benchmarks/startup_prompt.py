"""Launch to first prompt in a pseudo-terminal (goal: <= 1.3x `python -c "import questionary"`).

The interactive path pays for questionary and prompt_toolkit on top of the
scripted path; this measures what a person waits for before the first question.
Run: `.venv/bin/python benchmarks/startup_prompt.py [--runs N]`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pexpect

FIRST_PROMPT = "Main product category"
BASELINE = [sys.executable, "-c", "import questionary"]
GOAL = 1.3


def time_to_first_prompt() -> float:
    """Seconds from spawning the console script until the first question is on screen."""
    env = {**os.environ, "LANG": "C.UTF-8", "NO_COLOR": "1", "PROMPT_TOOLKIT_NO_CPR": "1"}
    start = time.perf_counter()
    child = pexpect.spawn(
        str(Path(sys.executable).parent / "merchant-cli"),
        ["--lang", "en"],
        env=env,
        encoding="utf-8",
        dimensions=(40, 120),
        timeout=30,
    )
    child.expect(FIRST_PROMPT)
    elapsed = time.perf_counter() - start
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    return elapsed


def time_baseline() -> float:
    start = time.perf_counter()
    subprocess.run(BASELINE, check=True)
    return time.perf_counter() - start


def median_ms(measure: Callable[[], float], runs: int) -> float:
    measure()  # warm the file cache
    return statistics.median(measure() for _ in range(runs)) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=15, help="runs per measurement (median)")
    runs = parser.parse_args().runs
    prompt = median_ms(time_to_first_prompt, runs)
    baseline = median_ms(time_baseline, runs)
    ratio = prompt / baseline
    verdict = "MET" if ratio <= GOAL else "MISSED"
    print(f"{prompt:.0f} ms vs import questionary {baseline:.0f} ms = {ratio:.2f}x ", end="")
    print(f"(goal <= {GOAL}x) {verdict}")
    print(f"median of {runs} runs each, in a pseudo-terminal, to {FIRST_PROMPT!r} on screen")


if __name__ == "__main__":
    main()
