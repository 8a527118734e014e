"""What-if overhead: evaluate with the decision insight vs a plain evaluate (goal: <= 2x).

Both sides do what `merchant-cli evaluate` does after start-up: load the pack,
build the profile, score it; the insight side also runs the what-if search and
the strategy. Run: `.venv/bin/python benchmarks/whatif.py`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from merchant_cli.core.engine import Scorer
from merchant_cli.core.insight import build_insight
from merchant_cli.core.profile import build_profile
from merchant_cli.packs.loader import builtin_pack_dir, load_pack

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 30
GOAL = 2.0


def _plain(answers: dict[str, Any]) -> None:
    pack = load_pack(builtin_pack_dir())
    Scorer(pack).evaluate(build_profile(pack, answers))


def _with_insight(answers: dict[str, Any]) -> None:
    pack = load_pack(builtin_pack_dir())
    scorer = Scorer(pack)
    build_insight(scorer, scorer.evaluate(build_profile(pack, answers)))


def _best(run: Callable[[dict[str, Any]], None], answers: dict[str, Any]) -> float:
    """The fastest of ROUNDS runs: the least disturbed by other load on the machine."""
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        run(answers)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    worst = 0.0
    for example in sorted((ROOT / "examples").glob("merchant-*.yaml")):
        answers = yaml.safe_load(example.read_text(encoding="utf-8"))
        plain, insight = _best(_plain, answers), _best(_with_insight, answers)
        ratio = insight / plain
        worst = max(worst, ratio)
        print(
            f"{example.stem:28} plain {plain * 1000:7.2f} ms  "
            f"with what-if {insight * 1000:7.2f} ms  ratio {ratio:.2f}x"
        )
    print(f"worst ratio {worst:.2f}x (goal <= {GOAL:.1f}x): {'ok' if worst <= GOAL else 'OVER'}")
    return 0 if worst <= GOAL else 1


if __name__ == "__main__":
    raise SystemExit(main())
