"""How sure a ranking is: each platform's probability of ranking first. Pure.

What is uncertain is how much each piece of evidence should weigh, whether it
applies to this merchant at all, and whether it still holds. Every rule that
applies may carry any whole number of points within `half` of its stated points
(wider for weaker evidence, never past zero); a rule that applies only in part
(a graded condition: the merchant is 40% like the article's example) applies in
that share of the plausible worlds and not in the rest; and a claim that has
aged applies only with the probability that it still holds. A platform resting
on little evidence gets a zero-centred term for what the evidence does not say,
and so does every platform when an answer is one the evidence never addresses.

All worlds in those ranges are weighed as their probabilities say: stochastic
multicriteria acceptability analysis (Lahdelma, Hokkanen & Salminen 1998;
Tervonen & Figueira 2008), computed exactly rather than sampled. Terms of one
platform are independent, so its total is a convolution; terms of one claim
on several platforms (one statement moving Douyin and Taobao alike) are drawn
once for all of them: the computation runs once per joint outcome of those
shared draws, each with its probability. The chance of ranking first follows
from the platforms' distributions, ties shared equally.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from itertools import accumulate, repeat
from operator import add, mul, truediv

from merchant_cli.core.record import Record, record

METHOD = "smaa-exact"
"""Rank-1 acceptability over integer point ranges, computed exactly (no sampling)."""
QUANTILES = (0.1, 0.9)
"""The plausible range of a score shown in reports: its 10th to 90th percentile."""
EVEN = 0.5
"""No platform with no evidence for this merchant claims a better chance of ranking first."""
MAX_STATES = 4096
"""Joint outcomes of shared claims kept; a claim that would exceed it is drawn per platform."""

Distribution = dict[float, float]
"""score -> probability."""
Cells = tuple[int, list[float]]
"""A distribution over whole-point offsets: the offset of the first cell, and the cells."""
Shift = tuple[int, ...]
"""Points added to each platform (in the order of the terms' mapping) by shared claims."""


@record(kw_only=False)
class Term(Record):
    """One uncertain amount of points on one platform: with probability `chance`, any whole
    number in `centre - half .. centre + half` (a `half` between whole numbers mixes the two
    nearest widths), otherwise nothing."""

    centre: int
    half: float
    chance: float = 1.0
    claim: str | None = None
    """Terms of one claim on several platforms are drawn together (one statement, one draw)."""
    held: float = 1.0
    """The chance its claim still holds today: it applies with `chance * held` when ranking
    first is weighed, and with `chance` in the score's plausible range (which describes the
    evidence as it stood, the way the score does)."""

    @property
    def today(self) -> Term:
        """This term as it stands today: applying only where its claim still holds."""
        return Term(self.centre, self.half, self.chance * self.held, self.claim)


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
    """The clamped score's distribution: base plus the terms, each drawn on its own."""
    return _clamped(base, _folded(terms), 0, low, high)


def _folded(terms: Iterable[Term]) -> Cells:
    cells: Cells = (0, [1.0])
    for term in terms:
        cells = _with(cells, term)
    return cells


def _with(cells: Cells, term: Term) -> Cells:
    """`cells` convolved with one term: nothing with probability 1 - chance, else a uniform
    of its width (two widths, weighted, for a half-width between whole numbers)."""
    whole = math.floor(term.half)
    share = term.half - whole
    parts: list[tuple[float, Cells]] = []
    if term.chance < 1:
        parts.append((1 - term.chance, cells))
    if term.chance > 0:
        parts.append((term.chance * (1 - share), _uniform(cells, term.centre, whole)))
        if share > 0:
            parts.append((term.chance * share, _uniform(cells, term.centre, whole + 1)))
    return _mixed([part for part in parts if part[0] > 0])


def _uniform(cells: Cells, centre: int, half: int) -> Cells:
    offset, found = cells
    spread, cut = _trimmed(_spread(found, 2 * half + 1))
    return offset + centre - half + cut, spread


def _mixed(parts: Sequence[tuple[float, Cells]]) -> Cells:
    """The weighted sum of distributions that may start at different offsets."""
    if len(parts) == 1 and parts[0][0] == 1:
        return parts[0][1]
    start = min(offset for _, (offset, _) in parts)
    end = max(offset + len(found) for _, (offset, found) in parts)
    total = [0.0] * (end - start)
    for weight, (offset, found) in parts:
        for index, mass in enumerate(found, offset - start):
            total[index] += weight * mass
    return start, total


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


def _clamped(base: float, cells: Cells, shift: int, low: float, high: float) -> Distribution:
    offset, found = cells
    scores: Distribution = {}
    for index, mass in enumerate(found, offset + shift):
        if mass > 0:  # running-sum differences may leave -1e-17 where there is nothing
            score = min(max(base + index, low), high)
            scores[score] = scores.get(score, 0.0) + mass
    return scores


def first_place(distributions: Mapping[str, Distribution]) -> dict[str, float]:
    """Each platform's probability of the highest score, a tie shared equally among the tied."""
    names = list(distributions)
    dists = [distributions[name] for name in names]
    grid = sorted({v for d in dists for v in d})
    chances = _first_on_grid([[d.get(v, 0.0) for v in grid] for d in dists])
    return dict(zip(names, chances, strict=True))


def _first_on_grid(at: list[list[float]]) -> list[float]:
    """`at[i][k]`: platform i's probability of the k-th score of a common ascending grid.

    At each score v, a platform at v is first with the others below v, sharing the first
    place with each other platform also at v: the chance is the integral over z in 0..1
    of the product over the others of (P(below v) + P(at v) z), which counts 1/(k+1) for
    every k of them tied with it. The integrand is a polynomial of degree n - 1 in z, so
    Gauss-Legendre quadrature with ceil(n/2) nodes gives it exactly; inside 0..1 no factor
    of a platform at v is zero, so the product over the others is the whole product divided
    by its own factor. Each step runs over every score at once (map and sum, in C)."""
    below = [list(accumulate(mass, initial=0.0))[:-1] for mass in at]  # P(score < v)
    chance = [0.0] * len(at)
    for z, weight in _gauss_legendre((len(at) + 1) // 2):
        factors = [
            list(map(add, low, map(mul, tie, repeat(z))))
            for low, tie in zip(below, at, strict=True)
        ]
        whole = factors[0]
        for factor in factors[1:]:
            whole = list(map(mul, whole, factor))
        for i, (tie, factor) in enumerate(zip(at, factors, strict=True)):
            safe = [f if f else 1.0 for f in factor]  # zero only where the platform has no mass
            chance[i] += weight * sum(map(truediv, map(mul, tie, whole), safe))
    return chance


def _aligned(
    base: float, folded: Sequence[Cells], shift: Sequence[int], low: float, high: float
) -> list[list[float]] | None:
    """The platforms' shifted distributions on one grid of whole points, or None when a
    score would be clamped (the clamped mass then sits off the grid: `first_place` on
    dictionaries takes that case)."""
    starts = [offset + moved for (offset, _), moved in zip(folded, shift, strict=True)]
    ends = [start + len(cells) for start, (_, cells) in zip(starts, folded, strict=True)]
    if base + min(starts) < low or base + max(ends) - 1 > high:
        return None
    first, last = min(starts), max(ends)
    return [
        [0.0] * (start - first) + cells + [0.0] * (last - start - len(cells))
        for start, (_, cells) in zip(starts, folded, strict=True)
    ]


@cache
def _gauss_legendre(count: int) -> tuple[tuple[float, float], ...]:
    """The nodes and weights of Gauss-Legendre quadrature on 0..1 with `count` nodes: exact
    for polynomials of degree up to 2 * count - 1 (Newton's method on the Legendre
    polynomial, from the usual first guesses)."""
    found = []
    for k in range(1, count + 1):
        x = math.cos(math.pi * (k - 0.25) / (count + 0.5))
        for _ in range(100):
            p0, p1 = 1.0, x
            for n in range(2, count + 1):
                p0, p1 = p1, ((2 * n - 1) * x * p1 - (n - 1) * p0) / n
            slope = count * (x * p1 - p0) / (x * x - 1) if count > 1 else 1.0
            step = p1 / slope
            x -= step
            if abs(step) < 1e-16:
                break
        p0, p1 = 1.0, x
        for n in range(2, count + 1):
            p0, p1 = p1, ((2 * n - 1) * x * p1 - (n - 1) * p0) / n
        slope = count * (x * p1 - p0) / (x * x - 1) if count > 1 else 1.0
        found.append(((1 - x) / 2, 1 / ((1 - x * x) * slope * slope)))
    return tuple(found)


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
    base: float,
    terms: Mapping[str, Sequence[Term]],
    low: float,
    high: float,
    *,
    unknown: Iterable[str] = (),
) -> Confidence:
    """`terms`: platform -> its uncertain amounts (a rule each, plus thin evidence).

    `unknown` names platforms no evidence applies to: none of them is given a better than
    even chance of ranking first (what the tool does not know cannot make a platform
    likely to lead); any excess goes to the others in proportion to their chances.
    """
    names = list(terms)
    today = {name: [term.today for term in found] for name, found in terms.items()}
    alone, states = _shared(names, today)
    folded = [_folded(alone[name]) for name in names]
    chances = dict.fromkeys(names, 0.0)
    for shift, weight in states.items():
        aligned = _aligned(base, folded, shift, low, high)
        if aligned is None:
            dists = {
                name: _clamped(base, cells, moved, low, high)
                for name, cells, moved in zip(names, folded, shift, strict=True)
            }
            found = first_place(dists)
        else:
            found = dict(zip(names, _first_on_grid(aligned), strict=True))
        for name, chance in found.items():
            chances[name] += weight * chance
    ranges = {name: _range(distribution(base, terms[name], low, high)) for name in names}
    return Confidence(METHOD, rounded(_at_most_even(chances, set(unknown))), ranges)


def _range(dist: Distribution) -> tuple[float, float]:
    return quantile(dist, QUANTILES[0]), quantile(dist, QUANTILES[1])


def _at_most_even(chances: dict[str, float], unknown: set[str]) -> dict[str, float]:
    excess = sum(max(chances[name] - EVEN, 0.0) for name in unknown if name in chances)
    if excess <= 0:
        return chances
    capped = {name: min(p, EVEN) if name in unknown else p for name, p in chances.items()}
    others = [name for name in chances if name not in unknown]
    weight = sum(capped[name] for name in others)
    for name in others:
        capped[name] += excess * (capped[name] / weight if weight else 1 / len(others))
    return capped


def _shared(
    names: list[str], terms: Mapping[str, Sequence[Term]]
) -> tuple[dict[str, list[Term]], dict[Shift, float]]:
    """Each platform's terms drawn on their own, and the joint outcomes of the claims that
    move several platforms: points added to each platform, with their probability."""
    alone: dict[str, list[Term]] = {name: [] for name in names}
    by_claim: dict[str, list[tuple[int, Term]]] = {}
    for index, name in enumerate(names):
        for term in terms[name]:
            if term.claim is None:
                alone[name].append(term)
            else:
                by_claim.setdefault(term.claim, []).append((index, term))
    states: dict[Shift, float] = {(0,) * len(names): 1.0}
    for claim in sorted(by_claim):
        members = by_claim[claim]
        outcomes = _outcomes(members, len(names)) if len({i for i, _ in members}) > 1 else None
        joined = None if outcomes is None else _joined(states, outcomes)
        if joined is None:
            for index, term in members:
                alone[names[index]].append(term)
        else:
            states = joined
    return alone, states


def _outcomes(members: list[tuple[int, Term]], count: int) -> dict[Shift, float]:
    """One claim's joint outcomes. A single draw u decides which of its terms apply (those
    whose chance exceeds u: one statement holds or not, for every platform it moves), and a
    single draw v places each applying term within its range (`floor(v * width)`)."""
    found: dict[Shift, float] = {}
    cuts = sorted({0.0, 1.0, *(t.chance for _, t in members if 0 < t.chance < 1)})
    for start, end in zip(cuts, cuts[1:], strict=False):
        applying = [(i, t) for i, t in members if t.chance > start]
        if not applying:
            nothing = (0,) * count
            found[nothing] = found.get(nothing, 0.0) + end - start
            continue
        widths = [2 * math.floor(t.half) + 1 for _, t in applying]
        steps = sorted({k / w for w in widths for k in range(w + 1)})
        for low, high in zip(steps, steps[1:], strict=False):
            middle = (low + high) / 2
            shift = [0] * count
            for (index, term), width in zip(applying, widths, strict=True):
                shift[index] += term.centre - width // 2 + math.floor(middle * width)
            key = tuple(shift)
            found[key] = found.get(key, 0.0) + (end - start) * (high - low)
    return found


def _joined(states: dict[Shift, float], outcomes: dict[Shift, float]) -> dict[Shift, float] | None:
    """Every pair of an earlier state and an outcome of this claim, or None past MAX_STATES."""
    joined: dict[Shift, float] = {}
    for shift, weight in states.items():
        for moved, chance in outcomes.items():
            key = tuple(a + b for a, b in zip(shift, moved, strict=True))
            joined[key] = joined.get(key, 0.0) + weight * chance
            if len(joined) > MAX_STATES:
                return None
    return joined
