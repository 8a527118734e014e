"""What the measurement scripts share: the pack and one Scorer, the article's merchants,
the consultant's grid, one merchant's decision, and plain text tables.

The scripts measure the decision model before and after it changes, so they use only
entry points that exist on both sides (load_pack, Scorer, build_profile, recommend) and
read what the new model adds (`decided_by`, `test`) with getattr, as None when absent.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from merchant_cli.core.engine import Scorer
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import Answer, build_profile
from merchant_cli.core.result import PlatformScore
from merchant_cli.core.strategy import recommend
from merchant_cli.packs.loader import builtin_pack_dir, load_pack

GOALS = ("seeding", "volume", "not_specified")


def _merchant(
    category: str, price: float, notes: int, videos: int, live: float, kind: str
) -> dict[str, Answer]:
    return {
        "category": category, "price": price, "notes_per_week": notes, "videos_per_week": videos,
        "live_hours_per_week": live, "merchant_type": kind,
    }  # fmt: skip


MERCHANTS: tuple[tuple[str, dict[str, Answer]], ...] = (
    ("十三行 shoe factory", _merchant("shoes", 24.9, 0, 2, 40, "cluster_factory")),
    ("优遇家", _merchant("shoes", 24.9, 0, 0, 20, "not_specified")),
    ("澜怡织鹿", _merchant("womens_apparel", 138, 3, 3, 30, "cluster_factory")),
    ("桑坡", _merchant("shoes", 199, 1, 2, 20, "cluster_factory")),
    ("Jimo sweater factory", _merchant("womens_apparel", 128, 2, 1, 30, "cluster_factory")),
    ("YANN-like boutique", _merchant("womens_apparel", 299, 5, 2, 0, "boutique")),
    ("800-yuan designer trousers", _merchant("womens_apparel", 800, 5, 0, 0, "boutique")),
)
"""The article's merchants as issue 17 states them, without a goal: each is measured
under every goal (the YANN-like boutique and the trousers state seeding)."""

CLUSTER_MERCHANTS = ("十三行 shoe factory", "澜怡织鹿", "桑坡", "Jimo sweater factory")


def merchant_goals() -> list[tuple[str, str, dict[str, Answer]]]:
    """(merchant, goal, answers) for every merchant under every goal."""
    return [(name, goal, {**found, "goal": goal}) for name, found in MERCHANTS for goal in GOALS]


@dataclass(frozen=True)
class Decision:
    """What the strategy says for one merchant: the lead, how it was reached, how sure."""

    ranking: tuple[PlatformScore, ...]
    primary: str
    recommended: tuple[str, ...]
    close_call: bool
    chances: Mapping[str, float]
    decided_by: str | None
    """The new model's `Recommendation.decided_by`; None where the model has none."""
    test: tuple[str, ...] | None
    """The new model's channels to test (`Recommendation.test`); None where it has none."""


@dataclass(frozen=True)
class Setup:
    """The built-in pack, compiled once, and the date evidence is aged to."""

    pack: RulePack
    scorer: Scorer
    today: dt.date

    @property
    def platforms(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.pack.platforms)

    def rank(self, answers: Mapping[str, Answer]) -> tuple[PlatformScore, ...]:
        """Scores and fits alone: no confidence, no strategy (the cheap path)."""
        return self.scorer.rank(self.scorer.facts(build_profile(self.pack, answers).answers))

    def decide(self, answers: Mapping[str, Answer], today: dt.date | None = None) -> Decision:
        """The full evaluation with its confidence, and the strategy drawn from it."""
        evaluation = self.scorer.evaluate(
            build_profile(self.pack, answers), today=today or self.today
        )
        found = recommend(self.pack, evaluation)
        assert evaluation.confidence is not None
        test = getattr(found, "test", None)
        return Decision(
            ranking=evaluation.ranking,
            primary=found.primary,
            recommended=(found.primary, *found.secondary),
            close_call=found.close_call,
            chances=evaluation.confidence.first,
            decided_by=getattr(found, "decided_by", None),
            test=None if test is None else tuple(test),
        )


def parser(doc: str | None) -> argparse.ArgumentParser:
    """A parser with `--today`, described by the script's docstring's first line."""
    found = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    found.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        help="the date evidence is aged to (default: the pack's own date)",
    )
    return found


def load(today: dt.date | None) -> Setup:
    pack = load_pack(builtin_pack_dir())
    return Setup(pack, Scorer(pack), today or pack.meta.as_of)


def heading(setup: Setup, what: str) -> None:
    meta = setup.pack.meta
    print(f"{what}: pack {meta.name} {meta.version} (as of {meta.as_of.isoformat()})")


def start(doc: str | None, argv: list[str] | None, what: str) -> Setup:
    """The set-up of a script whose only option is `--today`, its heading printed."""
    setup = load(parser(doc).parse_args(argv).today)
    heading(setup, what)
    return setup


class Grid:
    """A grid of answers, every combination of each question's values, numbered in
    itertools.product order (the last question varies fastest)."""

    def __init__(self, axes: Sequence[tuple[str, Sequence[Answer]]]) -> None:
        self.names = tuple(name for name, _ in axes)
        self.values = tuple(tuple(values) for _, values in axes)
        self.sizes = tuple(len(values) for values in self.values)
        self.strides = tuple(math.prod(self.sizes[k + 1 :]) for k in range(len(self.sizes)))

    def __len__(self) -> int:
        return math.prod(self.sizes)

    def answers(self, index: int) -> dict[str, Answer]:
        return {
            name: values[index // stride % size]
            for name, values, stride, size in zip(
                self.names, self.values, self.strides, self.sizes, strict=True
            )
        }

    def neighbours(self, index: int, axis: int) -> list[int]:
        """The points that differ from `index` in the value of `axis` alone."""
        stride, size = self.strides[axis], self.sizes[axis]
        at = index // stride % size
        start = index - at * stride
        return [start + k * stride for k in range(size) if k != at]


def consultants_grid(setup: Setup) -> Grid:
    """The consultant's 92,160 merchants: 12 categories x 10 prices x notes, videos and live
    hours at four levels x 4 merchant types x 3 goals."""
    category = setup.pack.question_by_id["category"]
    grid = Grid(
        (
            ("category", [c.id for c in category.choices or ()]),
            ("price", (9.9, 24.9, 50, 79, 99, 138, 189, 250, 400, 800)),
            ("notes_per_week", (0, 1, 3, 10)),
            ("videos_per_week", (0, 1, 3, 10)),
            ("live_hours_per_week", (0, 2, 10, 40)),
            ("merchant_type", ("cluster_factory", "brand", "boutique", "not_specified")),
            ("goal", GOALS),
        )
    )
    assert len(grid) == 92_160, len(grid)
    return grid


def share(count: int | float, total: int) -> str:
    return f"{count / total:.1%}" if total else "-"


def verdict(holds: bool) -> str:
    return "yes" if holds else "NO"


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Columns padded to their widest cell (CJK counted double), the first left-aligned."""
    cells = [list(header), *([str(c) for c in row] for row in rows)]
    widths = [max(_width(row[k]) for row in cells) for k in range(len(header))]
    lines = []
    for row in cells:
        padded = [
            cell + " " * (wide - _width(cell)) if k == 0 else " " * (wide - _width(cell)) + cell
            for k, (cell, wide) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  " + "  ".join(padded).rstrip())
    return "\n".join(lines)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
