"""How sure a ranking is: each platform's probability of ranking first. Pure.

The rules that fire are fixed by the profile; what is uncertain is how much
each one should weigh. Every fired rule may carry any whole number of points
within `spread` of its stated points (wider for weaker, older evidence, never
past zero), a platform resting on few observations gets a zero-centred term
for what the evidence does not say, and so does every platform when an answer
is one the evidence never addresses. All weightings in those ranges are taken
as equally plausible: stochastic multicriteria acceptability analysis
(Lahdelma, Hokkanen & Salminen 1998; Tervonen & Figueira 2008), computed
exactly rather than sampled. A platform's total is a sum of independent
uniform integers, so its distribution is a convolution, and the chance of
ranking first follows from the platforms' distributions, ties shared equally.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import accumulate

from merchant_cli.core.record import Record, record

METHOD = "smaa-exact"
"""Rank-1 acceptability over integer point ranges, computed exactly (no sampling)."""
QUANTILES = (0.1, 0.9)
"""The plausible range of a score shown in reports: its 10th to 90th percentile."""

Distribution = dict[float, float]
"""score -> probability."""


@record(kw_only=False)
class Term(Record):
    """One uncertain amount of points: any whole number in `centre - half .. centre + half`."""

    centre: int
    half: int


@record(kw_only=False)
class Confidence(Record):
    method: str
    first: Mapping[str, float]
    """platform -> probability of ranking first; sums to 1."""
    ranges: Mapping[str, tuple[float, float]]
    """platform -> (10th, 90th) percentile of its score over the plausible weightings."""


def half_width(points: int, spread: int) -> int:
    """A rule's spread, capped so its plausible points never change sign."""
    return min(abs(points), max(spread, 0))


def distribution(base: float, terms: Sequence[Term], low: float, high: float) -> Distribution:
    """The clamped score's distribution: base plus the sum of the terms, within low..high."""
    offset = sum(t.centre - t.half for t in terms)
    cells = [1.0]
    skipped = 0
    for term in terms:
        cells, cut = _trimmed(_spread(cells, 2 * term.half + 1))
        skipped += cut
    found: Distribution = {}
    for index, mass in enumerate(cells, skipped):
        if mass > 0:  # running-sum differences may leave -1e-17 where there is nothing
            score = min(max(base + offset + index, low), high)
            found[score] = found.get(score, 0.0) + mass
    return found


def _spread(cells: list[float], width: int) -> list[float]:
    """Convolve with a uniform over `width` consecutive integers: each new cell is the sum
    of a window of `width` old ones, a difference of running sums (loops stay in C)."""
    if width == 1:
        return cells
    share = 1.0 / width
    sums = list(accumulate(cells + [0.0] * (width - 1), initial=0.0))
    behind = [0.0] * (width - 1) + sums[: len(cells)]
    return [(ahead - back) * share for ahead, back in zip(sums[1:], behind, strict=True)]


def _trimmed(cells: list[float]) -> tuple[list[float], int]:
    """The cells without the exact zeros at either end, and how many were cut from the low end.

    In a long convolution the tails underflow to exact zeros (with 1,000 rules, about 40% of
    the cells): a zero at an end adds nothing to any running sum, so every cell between is
    computed bit for bit as if the zeros were kept, and the rest stay zeros (half the work)."""
    low, high = 0, len(cells)
    while cells[low] == 0.0:  # the cells hold all the probability: some are not zero
        low += 1
    while cells[high - 1] == 0.0:
        high -= 1
    if low == 0 and high == len(cells):
        return cells, 0
    return cells[low:high], low


def first_place(distributions: Mapping[str, Distribution]) -> dict[str, float]:
    """Each platform's probability of the highest score, a tie shared equally among the tied."""
    names = list(distributions)
    values = sorted({v for d in distributions.values() for v in d})
    below = dict.fromkeys(names, 0.0)  # P(score < v), updated as v rises
    chance = dict.fromkeys(names, 0.0)
    for value in values:
        at = {name: distributions[name].get(value, 0.0) for name in names}
        for name in names:
            if not at[name]:
                continue
            # coefficients of prod over the others of (below + at * z): z counts those tied at v
            poly = [1.0]
            for other in names:
                if other != name:
                    poly = _times(poly, below[other], at[other])
            chance[name] += at[name] * sum(c / (tied + 1) for tied, c in enumerate(poly))
        for name in names:
            below[name] += at[name]
    return chance


def _times(poly: list[float], constant: float, linear: float) -> list[float]:
    out = [c * constant for c in poly] + [0.0]
    for index, c in enumerate(poly):
        out[index + 1] += c * linear
    return out


def quantile(dist: Distribution, q: float) -> float:
    total = 0.0
    for value in sorted(dist):
        total += dist[value]
        if total >= q - 1e-12:
            return value
    return max(dist)


def rounded(chances: Mapping[str, float], places: int = 4) -> dict[str, float]:
    """Probabilities rounded so that, as written, they still add up to exactly 1."""
    unit = 10**places
    scaled = {name: p * unit for name, p in chances.items()}
    floors = {name: int(v) for name, v in scaled.items()}
    missing = unit - sum(floors.values())
    by_remainder = sorted(scaled, key=lambda n: (-(scaled[n] - floors[n]), n))
    for name in by_remainder[: max(missing, 0)]:
        floors[name] += 1
    return {name: floors[name] / unit for name in chances}


def confidence(
    base: float, terms: Mapping[str, Sequence[Term]], low: float, high: float
) -> Confidence:
    """`terms`: platform -> its uncertain amounts: a fired rule each, plus thin evidence."""
    dists = {name: distribution(base, found, low, high) for name, found in terms.items()}
    ranges = {
        name: (quantile(d, QUANTILES[0]), quantile(d, QUANTILES[1])) for name, d in dists.items()
    }
    return Confidence(METHOD, rounded(first_place(dists)), ranges)
