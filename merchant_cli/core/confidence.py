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
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from itertools import accumulate, repeat
from operator import add, mul
from typing import NamedTuple, TypeVar

from merchant_cli.core.record import Record, record

METHOD = "smaa-exact"
"""Rank-1 acceptability over integer point ranges, computed exactly (no sampling)."""
QUANTILES = (0.1, 0.9)
"""The plausible range of a score shown in reports: its 10th to 90th percentile."""
EVEN = 0.5
"""No platform with no evidence for this merchant claims a better chance of ranking first."""
MAX_STATES = 4096
"""Joint outcomes of shared claims kept; a claim that would exceed it is drawn per platform."""
MAX_FOLDS = 10_000
"""Entries a `Chances` memo keeps; it restarts beyond this, so memory stays flat. A fold
holds a list of floats (a few KB): 500,000 realistic rows fill 20,000 folds and 16,000
mixes, 145 MB a process; 10,000 keeps it to 117 MB for 3.5% more time."""

KEPT_PREFIX = 64
"""The longest prefix of a platform's terms whose fold a `Chances` memo keeps."""

Distribution = dict[float, float]
"""score -> probability."""
Cells = tuple[int, list[float]]
"""A distribution over whole-point offsets: the offset of the first cell, and the cells."""
Shift = tuple[int, ...]
"""Points added to each platform (in the order of the terms' mapping) by shared claims."""


class Term(NamedTuple):
    """One uncertain amount of points on one platform: with probability `chance`, any whole
    number in `centre - half .. centre + half` (a `half` between whole numbers mixes the two
    nearest widths), otherwise nothing. A tuple, so a platform's terms key the memo of its
    folded distribution cheaply."""

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
        at = offset - start
        total[at : at + len(found)] = map(
            add, total[at : at + len(found)], map(mul, found, repeat(weight))
        )
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


def _first_unclamped(folded: Sequence[Cells], shift: Sequence[int]) -> list[float]:
    """`_first_on_grid` for shifted distributions that no bound clamps, on the scores where
    a platform can be first: none is below the highest lowest score, so a platform that
    ends below it is never first, and the grid starts there."""
    starts = [offset + moved for (offset, _), moved in zip(folded, shift, strict=True)]
    ends = [start + len(cells) for start, (_, cells) in zip(starts, folded, strict=True)]
    floor = max(starts)
    alive = [i for i, end in enumerate(ends) if end > floor]
    chances = [0.0] * len(folded)
    if len(alive) == 1:
        chances[alive[0]] = 1.0
        return chances
    last = max(ends[i] for i in alive)
    at, below = [], []
    for i in alive:
        cells, cut = folded[i][1], floor - starts[i]
        below.append(sum(cells[:cut]))
        at.append(cells[cut:] + [0.0] * (last - ends[i]))
    for i, chance in zip(alive, _first_on_grid(at, below), strict=True):
        chances[i] = chance
    return chances


def _first_on_grid(at: list[list[float]], under: Sequence[float] = ()) -> list[float]:
    """`at[i][k]`: platform i's probability of the k-th score of a common ascending grid;
    `under`: each platform's probability below the grid's first score (none by default).

    At each score v, a platform at v is first with the others below v, sharing the first
    place with each other platform also at v: the chance is the integral over z in 0..1
    of the product over the others of (P(below v) + P(at v) z), which counts 1/(k+1) for
    every k of them tied with it. Written with G = P(below v) + P(at v) / 2 and z = 1/2 + u,
    the odd powers of u integrate to nothing over -1/2..1/2: with two others the integrand
    is G_j G_k + P_j P_k / 12, the same last term for every platform; with one, G_j. More
    platforms take the polynomial in z, expanded per score and integrated term by term.
    Each step runs over every score at once (map and sum, in C)."""
    start = under or [0.0] * len(at)
    sums = [list(accumulate(mass, initial=low)) for mass, low in zip(at, start, strict=True)]
    if len(at) > 3:
        return _first_by_expansion(at, [found[:-1] for found in sums])
    twice = [list(map(add, found, found[1:])) for found in sums]  # 2 G: P(< v) + P(<= v)
    if len(at) == 1:
        return [sum(at[0])]
    if len(at) == 2:
        return [sum(map(mul, at[0], twice[1])) / 2, sum(map(mul, at[1], twice[0])) / 2]
    (p0, p1, p2), (g0, g1, g2) = at, twice
    ties = sum(map(mul, p0, map(mul, p1, p2))) / 12
    return [
        sum(map(mul, p0, map(mul, g1, g2))) / 4 + ties,
        sum(map(mul, p1, map(mul, g0, g2))) / 4 + ties,
        sum(map(mul, p2, map(mul, g0, g1))) / 4 + ties,
    ]


def _first_by_expansion(at: list[list[float]], below: list[list[float]]) -> list[float]:
    """`_first_on_grid` for any number of platforms: the product over the others of
    (P(below v) + P(at v) z) as a polynomial in z, its coefficients lists over the grid,
    integrated term by term (the coefficient of z^k adds 1/(k+1) of its weight)."""
    chance = []
    for i, mass in enumerate(at):
        others = [j for j in range(len(at)) if j != i]
        poly = [below[others[0]], at[others[0]]]  # coefficients of z^0, z^1 ... per score
        for j in others[1:]:
            low, tie = below[j], at[j]
            poly = [
                list(map(mul, poly[0], low)),
                *(
                    list(map(add, map(mul, poly[k], low), map(mul, poly[k - 1], tie)))
                    for k in range(1, len(poly))
                ),
                list(map(mul, poly[-1], tie)),
            ]
        chance.append(sum(sum(map(mul, mass, c)) / (k + 1) for k, c in enumerate(poly)))
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


class Chances:
    """Each platform's chance of ranking first, with memos of what repeats between merchants.

    A batch of a million merchants has some ten thousand distinct sets of applying rules;
    between them, one platform's terms repeat (its folded distribution is kept), and so do
    the few claims shared by several platforms (their joint outcomes are kept). `evaluate`
    and `batch` use this same computation, so their numbers are the same.
    """

    def __init__(self) -> None:
        self.folds: dict[tuple[Term, ...], Cells] = {}
        self.todays: dict[Term, Term] = {}
        self.joints: dict[tuple[tuple[int, Term], ...], _Joint] = {}
        self.mixes: dict[tuple[tuple[Term, ...], tuple[tuple[int, float], ...]], Cells] = {}

    def first(
        self,
        base: float,
        terms: Mapping[str, Sequence[Term]],
        low: float,
        high: float,
        *,
        unknown: Iterable[str] = (),
    ) -> dict[str, float]:
        """`terms`: platform -> its uncertain amounts (a rule each, plus thin evidence).

        `unknown` names platforms no evidence applies to: none of them is given a better
        than even chance of ranking first (what the tool does not know cannot make a
        platform likely to lead); any excess goes to the others in proportion to their
        chances. The chances are rounded to four places, adding up to 1.
        """
        names = list(terms)
        on: dict[str | None, int] = {}  # claim -> the platform it moves, or -1 for several
        for index, found in enumerate(terms.values()):
            for term in found:
                on[term.claim] = index if on.get(term.claim, index) == index else -1
        alone: list[list[Term]] = [[] for _ in names]
        shared: list[tuple[int, Term]] = []
        todays = self.todays
        for index, found in enumerate(terms.values()):
            for term in found:
                today = todays.get(term) or _keep(todays, term, partial(_today, term))
                if term.claim is None or on[term.claim] >= 0:
                    alone[index].append(today)
                else:
                    shared.append((index, today))
        joint = _keep(self.joints, tuple(shared), lambda: _joint(shared, len(names)))
        for index, term in joint.demoted:
            alone[index].append(term)
        keys = [tuple(found) for found in alone]
        folded = [self._folded(key) for key in keys]
        if joint.relative is None or _reaches_a_bound(base, folded, joint, low, high):
            chances = _over_states(base, names, folded, joint.states, low, high)
        else:
            moving, shifts, fixed = joint.relative
            if moving is not None:
                cells = folded[moving]
                folded[moving] = _keep(
                    self.mixes,
                    (keys[moving], shifts),
                    lambda: _mixed([(w, (cells[0] + d, cells[1])) for d, w in shifts]),
                )
            chances = dict(zip(names, _first_unclamped(folded, fixed), strict=True))
        return rounded(_at_most_even(chances, set(unknown)))

    def _folded(self, terms: tuple[Term, ...]) -> Cells:
        """The terms' folded distribution, from that of the longest prefix kept: merchants
        who differ in one rule's degree share the rest. Prefixes up to KEPT_PREFIX terms
        are kept (a platform's applying rules are a few dozen); a pack applying thousands
        at once folds the rest in a loop, keeping only the whole."""
        found = self.folds.get(terms)
        if found is not None:
            return found
        known = max(min(len(terms) - 1, KEPT_PREFIX), 0)
        cells = None
        while known > 0 and cells is None:
            cells = self.folds.get(terms[:known])
            known -= cells is None
        folded = (0, [1.0]) if cells is None else cells
        for index in range(known, len(terms)):
            folded = _with(folded, terms[index])
            if index < KEPT_PREFIX or index == len(terms) - 1:
                _keep(self.folds, terms[: index + 1], partial(_same, folded))
        return folded


def _today(term: Term) -> Term:
    return term.today


K = TypeVar("K")
V = TypeVar("V")


def _same(value: V) -> V:
    return value


def _keep(memo: dict[K, V], key: K, make: Callable[[], V]) -> V:
    """`memo[key]`, made when missing; the memo restarts when full, so memory stays flat."""
    found = memo.get(key)
    if found is None:
        if len(memo) >= MAX_FOLDS:
            memo.clear()
        found = memo[key] = make()
    return found


class _Joint(NamedTuple):
    """The joint outcomes of the claims shared by several platforms, and what they reduce to."""

    states: dict[Shift, float]
    demoted: tuple[tuple[int, Term], ...]
    """Shared terms drawn per platform after all (past MAX_STATES, or on one platform)."""
    lowest: Shift
    highest: Shift
    relative: tuple[int | None, tuple[tuple[int, float], ...], Shift] | None
    """The outcomes as one platform's shifts against the others (see `_relative`)."""


def _joint(shared: list[tuple[int, Term]], count: int) -> _Joint:
    """The joint outcomes of the shared claims' terms (platform index, term), claim by claim."""
    by_claim: dict[str, list[tuple[int, Term]]] = {}
    for index, term in shared:
        by_claim.setdefault(term.claim or "", []).append((index, term))
    states: dict[Shift, float] = {(0,) * count: 1.0}
    demoted: list[tuple[int, Term]] = []
    for claim in sorted(by_claim):
        members = by_claim[claim]
        outcomes = _outcomes(members, count) if len({i for i, _ in members}) > 1 else None
        joined = None if outcomes is None else _joined(states, outcomes)
        if joined is None:
            demoted.extend(members)
        else:
            states = joined
    demoted.sort(key=lambda member: member[0])  # stable: per platform, in claim order
    lowest = tuple(min(shift[i] for shift in states) for i in range(count))
    highest = tuple(max(shift[i] for shift in states) for i in range(count))
    return _Joint(states, tuple(demoted), lowest, highest, _relative(states, count))


def _reaches_a_bound(
    base: float, folded: list[Cells], joint: _Joint, low: float, high: float
) -> bool:
    """Whether some score, in some outcome of the shared claims, would be clamped."""
    return any(
        base + offset + least < low or base + offset + len(cells) - 1 + most > high
        for (offset, cells), least, most in zip(folded, joint.lowest, joint.highest, strict=True)
    )


def confidence(
    base: float,
    terms: Mapping[str, Sequence[Term]],
    low: float,
    high: float,
    *,
    unknown: Iterable[str] = (),
    chances: Chances | None = None,
) -> Confidence:
    """The chances of ranking first (`Chances.first`) and each score's plausible range."""
    first = (chances or Chances()).first(base, terms, low, high, unknown=unknown)
    ranges = {name: _range(distribution(base, terms[name], low, high)) for name in terms}
    return Confidence(METHOD, first, ranges)


def _over_states(
    base: float,
    names: list[str],
    folded: list[Cells],
    states: Mapping[Shift, float],
    low: float,
    high: float,
) -> dict[str, float]:
    """The chances of ranking first in each joint outcome of the shared claims, weighed."""
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
    return chances


def _relative(
    states: Mapping[Shift, float], count: int
) -> tuple[int | None, tuple[tuple[int, float], ...], Shift] | None:
    """The shared claims' outcomes as one platform's shifts against the others, if they are.

    Who ranks first does not change when every platform moves by the same points, as long
    as no score reaches a bound (`_reaches_a_bound`). So each outcome can be taken relative
    to one platform; when then at most one platform still moves (one statement moving
    Douyin and Taobao alike, measured from Taobao, moves only Douyin), its shifts mix into
    its own distribution and one pass over the scores gives the exact chances that one pass
    per outcome would. Returns (the moving platform or None, its shifts with their
    probabilities, every platform's fixed shift), or None when more than one would move.
    """
    for reference in range(count):
        moved: dict[Shift, float] = {}
        for shift, weight in states.items():
            key = tuple(points - shift[reference] for points in shift)
            moved[key] = moved.get(key, 0.0) + weight
        first = next(iter(moved))
        moving = [i for i in range(count) if any(key[i] != first[i] for key in moved)]
        if not moving:
            return None, (), first
        if len(moving) == 1:
            (which,) = moving
            shifts: dict[int, float] = {}
            for key, weight in moved.items():
                shifts[key[which]] = shifts.get(key[which], 0.0) + weight
            fixed = tuple(0 if i == which else first[i] for i in range(count))
            return which, tuple(shifts.items()), fixed
    return None


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
