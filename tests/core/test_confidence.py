"""The chance of ranking first: exact over integer point ranges, shared fairly on ties."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from itertools import accumulate
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from merchant_cli.core import confidence as confidence_module
from merchant_cli.core.confidence import (
    Term,
    _first_by_expansion,
    _first_on_grid,
    confidence,
    distribution,
    half_width,
    rounded,
)
from merchant_cli.core.engine import Scorer


def test_a_point_mass_stays_one_score() -> None:
    assert distribution(50, [], 0, 100) == {50: 1.0}
    assert distribution(50, [Term(5, 0), Term(-2, 0)], 0, 100) == {53: 1.0}


def test_a_term_spreads_evenly_over_its_whole_numbers() -> None:
    found = distribution(50, [Term(4, 1)], 0, 100)
    assert found == pytest.approx({53: 1 / 3, 54: 1 / 3, 55: 1 / 3})


def test_two_terms_convolve() -> None:
    found = distribution(0, [Term(0, 1), Term(0, 1)], -10, 10)
    assert found == pytest.approx({-2: 1 / 9, -1: 2 / 9, 0: 3 / 9, 1: 2 / 9, 2: 1 / 9})


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_cutting_the_underflowed_tails_changes_no_bit(seed: int) -> None:
    """A long convolution drops the exact zeros at its ends as it goes; the distribution must
    be the very floats of the convolution that keeps every cell (reports stay byte-identical)."""
    chosen = random.Random(seed)
    terms = [Term(chosen.randint(-4, 6), chosen.randint(0, 3)) for _ in range(700)]
    cells = [1.0]
    for term in terms:
        cells = confidence_module._spread(cells, 2 * int(term.half) + 1)
    assert cells[0] == cells[-1] == 0.0  # the test reaches the underflow it is about
    offset = sum(t.centre - t.half for t in terms)
    kept: dict[float, float] = {}
    for index, mass in enumerate(cells):
        if mass > 0:
            score = min(max(50 + offset + index, 0), 10_000)
            kept[score] = kept.get(score, 0.0) + mass
    assert list(distribution(50, terms, 0, 10_000).items()) == list(kept.items())


def test_scores_are_clamped_with_their_mass() -> None:
    found = distribution(98, [Term(3, 2)], 0, 100)
    assert found == pytest.approx({99: 0.2, 100: 0.8})


def test_a_rule_never_changes_sign() -> None:
    assert half_width(3, 5) == 3 and half_width(-2, 5) == 2 and half_width(8, 1) == 1


def test_a_tie_is_shared_and_a_clear_lead_is_near_certain() -> None:
    tie = confidence(50, {"a": [Term(5, 2)], "b": [Term(5, 2)], "c": []}, 0, 100)
    assert tie.first == {"a": 0.5, "b": 0.5, "c": 0.0}
    all_equal = confidence(50, {"a": [], "b": [], "c": []}, 0, 100)
    assert sum(all_equal.first.values()) == 1 and max(all_equal.first.values()) <= 0.3334
    lead = confidence(50, {"a": [Term(15, 3)], "b": [Term(0, 6)], "c": []}, 0, 100)
    assert lead.first["a"] >= 0.99
    assert lead.ranges["a"] == (62, 68)


def test_rounding_keeps_the_sum_exactly_one() -> None:
    found = rounded({"a": 1 / 3, "b": 1 / 3, "c": 1 / 3})
    assert sum(int(round(v * 10_000)) for v in found.values()) == 10_000
    assert found == {"a": 0.3334, "b": 0.3333, "c": 0.3333}


def _brute_force(terms: dict[str, list[Term]]) -> dict[str, float]:
    """Enumerate every weighting: the definition the convolution must equal."""
    names = list(terms)
    ranges = [
        range(t.centre - int(t.half), t.centre + int(t.half) + 1) for n in names for t in terms[n]
    ]
    chance = dict.fromkeys(names, 0.0)
    combos = list(itertools.product(*ranges))
    for combo in combos:
        values, index = {}, 0
        for name in names:
            values[name] = 50 + sum(combo[index : index + len(terms[name])])
            index += len(terms[name])
        best = max(values.values())
        leaders = [n for n in names if values[n] == best]
        for name in leaders:
            chance[name] += 1 / len(leaders) / len(combos)
    return chance


terms_strategy = st.lists(
    st.builds(Term, st.integers(-8, 8), st.integers(0, 2), st.just(1.0), st.none(), st.just(1.0)),
    min_size=0,
    max_size=2,
)


@settings(deadline=None)
@given(st.dictionaries(st.sampled_from("abc"), terms_strategy, min_size=2, max_size=3))
def test_exact_probabilities_match_enumeration_and_sum_to_one(terms: dict[str, list[Term]]) -> None:
    found = confidence(50, terms, 0, 100)
    assert sum(found.first.values()) == pytest.approx(1, abs=1e-9)
    expected = _brute_force(terms)
    for name, value in expected.items():
        assert found.first[name] == pytest.approx(value, abs=1e-4)
    assert confidence(50, terms, 0, 100) == found  # deterministic


def test_with_the_builtin_strengths_a_tie_is_open_and_a_15_point_lead_is_not(
    tmp_path: Path,
) -> None:
    """The engine with the built-in pack's strengths and uncertainty, on rules made for it."""
    from merchant_cli.core.profile import build_profile
    from merchant_cli.packs.loader import builtin_pack_dir, load_pack

    builtin = load_pack(builtin_pack_dir())
    rules = [
        ("lead-figure", "xiaohongshu", 10, "figure", "A18", {"goal": {"eq": "volume"}}),
        ("lead-report", "xiaohongshu", 5, "report", "A16", {"goal": {"eq": "volume"}}),
        ("tie-douyin", "douyin", 5, "report", "A22", {"goal": {"eq": "seeding"}}),
        ("tie-taobao", "taobao", 5, "report", "A22", {"goal": {"eq": "seeding"}}),
    ]
    lines = ["disable: [" + ", ".join(r.id for r in builtin.rules) + "]", "cases: []", "rules:"]
    for ident, platform, points, strength, evidence, when in rules:
        lines.append(
            f"  - {{id: {ident}, platform: {platform}, points: {points}, strength: {strength}, "
            f"when: {when}, reason: {{en: x, zh: x}}, evidence: [{evidence}]}}"
        )
    (tmp_path / "rules.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pack = load_pack(builtin_pack_dir(), [tmp_path])
    answers = {"category": "shoes", "price": 30, "notes_per_week": 0, "videos_per_week": 0,
               "live_hours_per_week": 0}  # fmt: skip
    scorer = Scorer(pack)
    leads = []
    for today in (None, dt.date(2026, 11, 26), dt.date(2030, 1, 1)):
        lead = scorer.evaluate(build_profile(pack, {**answers, "goal": "volume"}), today=today)
        assert lead.ranking[0].score - lead.ranking[1].score == 15
        assert lead.confidence is not None
        leads.append(lead.confidence.first["xiaohongshu"])
        tie = scorer.evaluate(build_profile(pack, {**answers, "goal": "seeding"}), today=today)
        assert tie.confidence is not None and max(tie.confidence.first.values()) <= 0.75
    assert leads[0] >= 0.8  # on the article's date a 15-point lead is near certain...
    assert leads == sorted(leads, reverse=True) and leads[-1] < leads[0]  # ...and it ages


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ([0.0, 0.0, 0.0, 0.5, 0.5, 0.0], ([0.5, 0.5], 3)),
        ([0.5, 0.0], ([0.5], 0)),
        ([0.0, 0.25, 0.0, 0.75], ([0.25, 0.0, 0.75], 1)),
        ([1.0], ([1.0], 0)),
    ],
)
def test_only_the_zeros_at_either_end_are_cut(
    cells: list[float], expected: tuple[list[float], int]
) -> None:
    """A zero between two masses stays: only the ends are cut, and the low end's count is
    the offset of what is kept."""
    assert confidence_module._trimmed(cells) == expected


def _by_definition(terms: dict[str, list[Term]], steps: int = 600) -> dict[str, float]:
    """The chance of ranking first straight from the definition, on a grid of the two draws
    each claim on several platforms makes: u decides which of its terms apply (those whose
    chance exceeds u), v places each within its range; any other term draws its own (a
    claim moves one platform once, so its terms on one platform never apply together)."""
    names = list(terms)
    spans: dict[str, set[str]] = {}
    for name in names:
        for term in terms[name]:
            spans.setdefault(term.claim or "", set()).add(name)
    draws: dict[object, list[tuple[str, Term]]] = {}
    for name in names:
        for index, term in enumerate(terms[name]):
            shared = term.claim is not None and len(spans[term.claim]) > 1
            draws.setdefault(term.claim if shared else (name, index), []).append((name, term))
    grid = [(k + 0.5) / steps for k in range(steps)]  # 600: exact for widths 1, 3 and 5
    quarters = [(k + 0.5) / 40 for k in range(40)]  # exact for chances in quarters
    outcomes: list[dict[tuple[int, ...], float]] = []
    for members in draws.values():
        found: dict[tuple[int, ...], float] = {}
        for u in quarters:
            for v in grid:
                shift = [0] * len(names)
                for name, term in members:
                    if u < term.chance:
                        width = 2 * int(term.half) + 1
                        shift[names.index(name)] += term.centre - int(term.half) + int(v * width)
                key = tuple(shift)
                found[key] = found.get(key, 0.0) + 1
        total = sum(found.values())
        outcomes.append({k: w / total for k, w in found.items()})
    chance = dict.fromkeys(names, 0.0)
    for combo in itertools.product(*(list(o.items()) for o in outcomes)):
        weight = 1.0
        scores: tuple[int, ...] = (50,) * len(names)
        for moved, w in combo:
            weight *= w
            scores = tuple(a + b for a, b in zip(scores, moved, strict=True))
        best = max(scores)
        leaders = [n for n, v in zip(names, scores, strict=True) if v == best]
        for name in leaders:
            chance[name] += weight / len(leaders)
    return chance


shared_terms = st.builds(
    Term,
    st.integers(-6, 6),
    st.integers(0, 2),
    st.sampled_from([0.25, 0.5, 0.75, 1.0]),
    st.sampled_from([None, "k1", "k2"]),
    st.just(1.0),  # a term is a tuple: hypothesis would draw its defaulted fields too
)


@settings(deadline=None, max_examples=40)
@given(
    st.dictionaries(
        st.sampled_from("abc"), st.lists(shared_terms, max_size=2), min_size=2, max_size=3
    )
)
def test_shared_claims_and_partial_rules_match_the_definition(terms: dict[str, list[Term]]) -> None:
    """Rules that apply in part, and claims drawn once across platforms, computed exactly:
    the same chances as the definition worked out on a fine grid of its draws."""
    found = confidence(50, terms, -100, 200)
    expected = _by_definition(terms)
    assert sum(found.first.values()) == pytest.approx(1, abs=1e-9)
    for name, value in expected.items():
        assert found.first[name] == pytest.approx(value, abs=1e-4)  # rounded to 4 places


def test_a_claim_drawn_once_cannot_separate_the_platforms_it_moves_alike() -> None:
    """One statement moving two platforms by the same points leaves them exactly tied when
    drawn once; drawn twice, chance alone would pull them apart half the time."""
    same = Term(5, 2, 1.0, "A22")
    shared = confidence(50, {"douyin": [same], "taobao": [same], "xhs": [Term(0, 0)]}, 0, 100)
    assert shared.first["douyin"] == shared.first["taobao"] == 0.5
    apart = confidence(50, {"douyin": [Term(5, 2)], "taobao": [Term(5, 2)]}, 0, 100)
    assert apart.first["douyin"] == apart.first["taobao"] == 0.5  # still even, but...
    alone = distribution(50, [Term(5, 2), Term(-5, 2)], -100, 200)
    assert len(alone) > 1  # ...independent draws leave room for either to lead


def test_a_partial_rule_applies_in_its_share_of_the_worlds() -> None:
    found = distribution(50, [Term(6, 0, 0.4)], 0, 100)
    assert found == pytest.approx({50: 0.6, 56: 0.4})
    aged = confidence(50, {"a": [Term(6, 0, 1.0, None, 0.5)], "b": []}, 0, 100)
    assert aged.first["a"] == pytest.approx(0.75)  # applies in half the worlds, ties the rest
    assert aged.ranges["a"] == (56, 56)  # the range describes the evidence as it stood


def test_no_platform_without_evidence_claims_better_than_even() -> None:
    found = confidence(50, {"a": [], "b": [Term(-6, 1)], "c": [Term(-8, 1)]}, 0, 100, unknown=["a"])
    assert found.first["a"] == 0.5 and sum(found.first.values()) == pytest.approx(1)


grids = st.integers(1, 12).flatmap(
    lambda size: st.lists(
        st.lists(st.floats(0, 1), min_size=size, max_size=size).filter(lambda m: sum(m) > 0),
        min_size=1,
        max_size=4,
    )
)


@settings(deadline=None, max_examples=200)
@given(grids)
def test_the_closed_forms_equal_the_expanded_integral(masses: list[list[float]]) -> None:
    """Up to three platforms, the chance of ranking first is taken in closed form; any
    number by expanding the polynomial: both are the same integral."""
    at = [[m / sum(mass) for m in mass] for mass in masses]
    below = [list(accumulate(mass, initial=0.0))[:-1] for mass in at]
    expected = _first_by_expansion(at, below) if len(at) > 1 else [1.0]
    assert _first_on_grid(at) == pytest.approx(expected, abs=1e-12)
    assert sum(_first_on_grid(at)) == pytest.approx(1, abs=1e-12)


def test_thousands_of_terms_on_one_platform_fold_without_recursing() -> None:
    """A pack applying thousands of rules at once (`make bench` P6: 5,000) folds in a loop;
    the fold is the same whether a prefix was kept or not."""
    terms = [confidence_module.Term(centre=(i % 5) - 2, half=1.0, chance=0.5) for i in range(3000)]
    fresh = confidence_module.Chances().first(50, {"a": terms, "b": terms[:10]}, 0, 100)
    warm = confidence_module.Chances()
    warm.first(50, {"a": terms[:40], "b": terms[:10]}, 0, 100)
    assert warm.first(50, {"a": terms, "b": terms[:10]}, 0, 100) == fresh
    assert abs(sum(fresh.values()) - 1) < 1e-9
