"""Hostile packs and the pack cache (issue 20): validation time and output, start-up with
and without the cache. Part of `make bench`; run alone: `.venv/bin/python
benchmarks/validation.py`.

Each figure is the median of RUNS runs of the whole command as a user starts it (the
console script), on the overlays of `benchmarks/hostile.py`:

- 60 rules citing one statement (`combinations`: six answers each), `rules validate`;
- a price table of 1,000 exclusive rules citing one statement, `rules validate`;
- 2,000 rules that all fire together, refused by `rules validate` (exit 3), and the size
  of what it prints;
- the 20-rule `combinations` overlay, `evaluate` with an empty pack cache (cold);
- `evaluate --format json` of the built-in pack: the first run after a pack changes
  (cache cold: validates and stores), a later one (cache warm), and one without the
  cache (`MERCHANT_CLI_NO_CACHE=1`: validates every time).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: `benchmarks.hostile` is beside it

from benchmarks.hostile import write_overlay  # noqa: E402

TOOL = str(Path(sys.executable).parent / "merchant-cli")
EXAMPLE = str(ROOT / "examples" / "merchant-shoe-factory.yaml")
EVALUATE = [TOOL, "evaluate", "--answers", EXAMPLE, "--no-input", "--format", "json"]
RUNS = 5


def timed(command: Sequence[str], env: dict[str, str]) -> tuple[float, int, int]:
    """Seconds, exit code and bytes written (stdout and stderr) of one run."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env, check=False)
    return time.perf_counter() - start, done.returncode, len(done.stdout) + len(done.stderr)


def median(
    command: Sequence[str], env: dict[str, str], fresh_cache: bool = False
) -> tuple[float, int, int]:
    """The median time of RUNS runs (each with an empty cache when `fresh_cache`), with the
    exit code and output size of the last."""
    times = []
    for _ in range(RUNS):
        if fresh_cache:
            env = {**env, "MERCHANT_CLI_CACHE_DIR": tempfile.mkdtemp(prefix="bench-cache-")}
        seconds, code, size = timed(command, env)
        times.append(seconds)
    return statistics.median(times), code, size


def verdict(seconds: float, goal: float) -> str:
    return f"(goal <= {goal} s) {'MET' if seconds <= goal else 'MISSED'}"


def main() -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        validate = [TOOL, "rules", "validate", "--rules-overlay"]
        for kind, rules, goal in (("combinations", 60, 0.5), ("exclusive", 1_000, 3.0)):
            overlay = write_overlay(folder / f"{kind}-{rules}", kind, rules)
            seconds, code, _ = median([*validate, str(overlay)], env)
            print(
                f"validate {rules:,} rules citing one statement ({kind}): {seconds:.2f} s, "
                f"exit {code} {verdict(seconds, goal)}"
            )
        overlay = write_overlay(folder / "together-2000", "together", 2_000)
        seconds, code, size = median([*validate, str(overlay)], env)
        met = seconds <= 10 and size <= 1_000_000 and code == 3
        print(
            f"refuse 2,000 rules that fire together: {seconds:.2f} s, exit {code}, "
            f"{size:,} bytes printed (goal <= 10 s, <= 1 MB, exit 3) "
            f"{'MET' if met else 'MISSED'}"
        )
        overlay = write_overlay(folder / "combinations-20", "combinations", 20)
        command = [*EVALUATE, "--rules-overlay", str(overlay)]
        seconds, code, _ = median(command, env, fresh_cache=True)
        print(
            f"evaluate with the 20-rule overlay, cold cache: {seconds:.2f} s, exit {code} "
            f"{verdict(seconds, 3.0)}"
        )
    cold, _, _ = median(EVALUATE, env, fresh_cache=True)
    warm_env = {**env, "MERCHANT_CLI_CACHE_DIR": tempfile.mkdtemp(prefix="bench-cache-")}
    timed(EVALUATE, warm_env)
    warm, _, _ = median(EVALUATE, warm_env)
    off, _, _ = median(EVALUATE, {**env, "MERCHANT_CLI_NO_CACHE": "1"})
    print(
        f"pack cache, evaluate --format json: cold {cold * 1e3:.0f} ms, warm {warm * 1e3:.0f} "
        f"ms, without the cache {off * 1e3:.0f} ms (the cache saves {(off - warm) * 1e3:.0f} "
        "ms a run)"
    )


if __name__ == "__main__":
    main()
