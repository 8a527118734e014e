"""Sweep the built-in pack over the consultant's 92,160 merchants and print how its answers fall.

The grid of issue 17: 12 categories x 10 prices (9.9 to 800 yuan) x notes, videos and
live hours per week at four levels each x 4 merchant types x 3 goals. Per platform: the
share of merchants it ranks first for (ranking order, ties by id), leads the strategy
for, is recommended for at all, is a channel to test for (where the model has
`recommendation.test`), and each fit band's share. Then the close calls and exact ties
at the top, and within the ties how often the lead is simply the alphabetically first
platform while the chances of ranking first barely differ ("ties broken by name");
how the strategy's lead was decided (`decided_by`, where the model has it); the lead's
median chance of ranking first; and the decisive inputs: for each of the seven answers,
the share of merchants whose lead, or whose close-call status, changes when that answer
alone takes another value of the grid.

Scores, fits, first places and close calls by score gap cover the whole grid. What needs
the confidence (the lead, recommended, decided_by, chances) costs a full evaluation; when
the whole grid would take longer than --budget seconds at the measured speed, these are
computed on every k-th merchant (k from a fixed ladder, or --every) and the output says
so. Run:

    .venv/bin/python scripts/sweep.py [--today YYYY-MM-DD] [--every K] [--budget SECONDS]
"""

from __future__ import annotations

import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence

from measuring import Decision, Grid, Setup, consultants_grid, heading, load, parser, share, table

LADDER = (1, 7, 31, 97, 331, 997)
"""The strides a sample may take: fixed primes, so that runs on different machines (or
of different models) that need a sample at all mostly draw the same one."""
PILOT_STRIDE = 919
"""The merchants timed before choosing a stride (about a hundred, spread over the grid)."""
NEAR = 0.02
"""Chances of ranking first closer than this count as equal in the ties-broken-by-name figure."""


class Sweep:
    """Per-merchant answers of the ranking (whole grid) and decisions (evaluated on demand)."""

    def __init__(self, setup: Setup, grid: Grid) -> None:
        self.setup = setup
        self.grid = grid
        self.first: list[str] = []
        self.gap_close: list[bool] = []
        self.tied: list[tuple[str, ...]] = []
        self.fits: Counter[tuple[str, str]] = Counter()
        self.decisions: dict[int, Decision] = {}
        self.seconds = 0.0
        """Time spent in full evaluations (strategy included)."""

    def rank_all(self) -> None:
        margin = self.setup.pack.meta.close_call
        for index in range(len(self.grid)):
            ranking = self.setup.rank(self.grid.answers(index))
            top = ranking[0].score
            self.first.append(ranking[0].platform)
            self.gap_close.append(top - ranking[1].score <= margin)
            tied = tuple(sorted(s.platform for s in ranking if s.score == top))
            self.tied.append(tied if len(tied) > 1 else ())
            self.fits.update((s.platform, s.fit) for s in ranking)

    def decision(self, index: int) -> Decision:
        found = self.decisions.get(index)
        if found is None:
            started = time.perf_counter()
            found = self.decisions[index] = self.setup.decide(self.grid.answers(index))
            self.seconds += time.perf_counter() - started
        return found

    def ties(self, sampled: dict[int, Decision]) -> list[tuple[tuple[str, ...], Decision]]:
        """The tied platforms and the decision, for each merchant of `sampled` tied at the top."""
        return [(self.tied[i], found) for i, found in sampled.items() if self.tied[i]]

    def decisive(self, indices: Sequence[int], key: Callable[[int], object]) -> list[int]:
        """Per answer (axis), how many of `indices` change `key` when that answer alone
        takes any other value of the grid."""
        counts = [0] * len(self.grid.sizes)
        for index in indices:
            own = key(index)
            for axis in range(len(counts)):
                counts[axis] += any(key(j) != own for j in self.grid.neighbours(index, axis))
        return counts


def stride(total: int, seconds: float, budget: float, per_merchant: int = 1) -> int:
    """The smallest stride of the ladder whose sample fits the budget at `seconds` each."""
    for k in LADDER:
        if -(-total // k) * per_merchant * seconds <= budget:
            return k
    return LADDER[-1]


def main(argv: list[str] | None = None) -> None:
    found = parser(__doc__)
    found.add_argument("--every", type=int, help="evaluate every K-th merchant (default: timed)")
    found.add_argument("--budget", type=float, default=180.0, help="seconds (default 180)")
    args = found.parse_args(argv)
    if args.every is not None and args.every < 1:
        found.error("--every must be at least 1")
    setup = load(args.today)
    grid = consultants_grid(setup)
    total = len(grid)
    sweep = Sweep(setup, grid)
    heading(setup, "Sweep")
    print(f"{total:,} merchants, evidence aged to {setup.today.isoformat()}")

    started = time.perf_counter()
    sweep.rank_all()
    ranked = time.perf_counter() - started

    pilot = range(0, total, PILOT_STRIDE)
    for index in pilot:
        sweep.decision(index)
    each = sweep.seconds / len(pilot)
    every = args.every or (
        1 if total * each <= args.budget else stride(total, each, args.budget / 2)
    )
    sample = list(range(0, total, every))
    neighbours = 1 + sum(size - 1 for size in grid.sizes)
    # a stride of the ladder over the grid, not a stride of the sample: a product of two
    # strides (31 x 31) can alias with the grid's own (a category spans 7,680 merchants)
    apart = 1 if every == 1 else max(every, stride(total, each, args.budget / 2, neighbours))
    around = list(range(0, total, apart))
    sampled = {index: sweep.decision(index) for index in sample}

    if every == 1:
        print("Every figure covers the whole grid.")
    else:
        print(
            f"A full evaluation takes {each * 1000:.2f} ms here: the whole grid would take "
            f"{total * each:.0f} s, over the {args.budget:.0f} s budget. Figures marked "
            f"[sample] cover one merchant in {every} ({len(sample):,}); the decisive inputs, "
            f"one in {apart} ({len(around):,}) and all their neighbours. "
            "Figures marked [grid] cover the whole grid."
        )
    mark = "" if every == 1 else " [sample]"
    whole = "" if every == 1 else " [grid]"

    platforms_table(sweep, list(sampled.values()), mark, whole)
    ties_section(sweep, sampled, mark, whole)
    decided_section(sweep, sampled, mark)
    decisive_section(sweep, around, mark, whole)

    print(
        f"\nTiming: ranking {total:,} merchants {ranked:.1f} s "
        f"({ranked / total * 1e6:.0f} us each); "
        f"{len(sweep.decisions):,} full evaluations {sweep.seconds:.1f} s "
        f"({sweep.seconds / len(sweep.decisions) * 1000:.2f} ms each, strategy included)"
    )


def platforms_table(sweep: Sweep, decided: list[Decision], mark: str, whole: str) -> None:
    total = len(sweep.grid)
    first = Counter(sweep.first)
    lead = Counter(d.primary for d in decided)
    recommended = Counter(p for d in decided for p in d.recommended)
    tests = [d.test for d in decided if d.test is not None]
    tested = Counter(p for found in tests for p in found)
    bands = ("strong", "moderate", "weak", "unknown")
    print("\nPer platform (share of merchants):")
    header = [
        "platform", f"first{whole}", f"lead{mark}", f"recommended{mark}", f"test{mark}",
        *(f"{band}{whole}" for band in bands),
    ]  # fmt: skip
    rows = [
        [
            platform,
            share(first[platform], total),
            share(lead[platform], len(decided)),
            share(recommended[platform], len(decided)),
            share(tested[platform], len(decided)) if tests else "n/a",
            *(share(sweep.fits[platform, band], total) for band in bands),
        ]
        for platform in sweep.setup.platforms
    ]
    print(table(header, rows))
    others = sorted({fit for _, fit in sweep.fits} - set(bands))
    if others:
        print(f"  other fit values: {', '.join(others)}")


def ties_section(sweep: Sweep, sampled: dict[int, Decision], mark: str, whole: str) -> None:
    total = len(sweep.grid)
    margin = sweep.setup.pack.meta.close_call
    close = sum(sweep.gap_close)
    tied = [t for t in sweep.tied if t]
    print(f"\nClose calls and ties at the top (close-call margin {margin} points):")
    print(f"  close calls by score gap{whole}: {share(close, total)}")
    strategy_close = sum(d.close_call for d in sampled.values())
    disagree = sum(d.close_call != sweep.gap_close[i] for i, d in sampled.items())
    print(
        f"  close calls by the strategy{mark}: {share(strategy_close, len(sampled))}"
        f" (disagrees with the score gap for {disagree:,} merchants)"
    )
    print(f"  exact ties at the top{whole}: {share(len(tied), total)}")
    ties = sweep.ties(sampled)
    print(
        f"  Exact ties: share of the grid{whole}; then{mark}, of those ties, how often the lead "
        "is the alphabetically first tied platform, how often the tied platforms' chances of "
        f"ranking first differ by less than {NEAR}, and both (ties broken by name):"
    )
    groups = [("all ties", ties, len(tied))] + [
        (" = ".join(names), [t for t in ties if t[0] == names], count)
        for names, count in Counter(tied).most_common()
    ]
    rows = [
        [
            label,
            share(count, total),
            share(sum(d.primary == names[0] for names, d in found), len(found)),
            share(sum(_spread(d, names) < NEAR for names, d in found), len(found)),
            share(sum(_by_name(d, names) for names, d in found), len(found)),
        ]
        for label, found, count in groups
    ]
    print(
        table(
            ["tied at the top", "of the grid", "lead first by name", "chances near", "both"], rows
        )
    )


def decided_section(sweep: Sweep, sampled: dict[int, Decision], mark: str) -> None:
    decided = list(sampled.values())
    chances = [d.chances[d.primary] for d in decided]
    print(f"\nThe lead's chance of ranking first{mark}: median {statistics.median(chances):.2f}")
    ways = Counter(d.decided_by for d in decided if d.decided_by is not None)
    if not ways:
        print("How the lead was decided: the model has no decided_by.")
        return
    print(f"How the lead was decided (decided_by){mark}:")
    print(
        table(
            ["decided_by", "share"], [[w, share(n, len(decided))] for w, n in sorted(ways.items())]
        )
    )
    close_by_score = sum(d.close_call and d.decided_by == "score" for d in decided)
    ties = sweep.ties(sampled)
    even = [d for names, d in ties if _spread(d, names) < 0.05]
    wrong = sum(
        not (d.decided_by == "none" or (d.decided_by or "").startswith("answer:")) for d in even
    )
    print(f"  close calls decided by score (should be 0): {close_by_score:,}")
    print(f"  exact ties within 0.05 decided other than none or answer (should be 0): {wrong:,}")


def decisive_section(sweep: Sweep, around: list[int], mark: str, whole: str) -> None:
    grid = sweep.grid
    every = list(range(len(grid)))
    lead = sweep.decisive(around, lambda i: sweep.decision(i).primary)
    close = sweep.decisive(around, lambda i: sweep.decision(i).close_call)
    gap = sweep.decisive(every, sweep.gap_close.__getitem__)
    first = sweep.decisive(every, sweep.first.__getitem__)
    print(
        "\nDecisive inputs: share of merchants whose answer changes when this input alone "
        "takes any other value of the grid:"
    )
    header = [
        "input", f"lead{mark}", f"close call{mark}", f"close call by gap{whole}",
        f"ranked first{whole}",
    ]  # fmt: skip
    rows = [
        [
            name,
            share(lead[k], len(around)),
            share(close[k], len(around)),
            share(gap[k], len(every)),
            share(first[k], len(every)),
        ]
        for k, name in enumerate(grid.names)
    ]
    print(table(header, rows))


def _by_name(decision: Decision, names: tuple[str, ...]) -> bool:
    """The lead of a tie is the alphabetically first tied platform, and the chances of
    ranking first do not tell the tied platforms apart: in practice, a tie broken by name."""
    return decision.primary == names[0] and _spread(decision, names) < NEAR


def _spread(decision: Decision, names: tuple[str, ...]) -> float:
    """How far apart the tied platforms' chances of ranking first are."""
    found = [decision.chances.get(name, 0.0) for name in names]
    return max(found) - min(found)


if __name__ == "__main__":
    main()
