"""Write batch results, JSON Lines or CSV, a row at a time; each distinct ranking rendered once."""

from __future__ import annotations

import json
from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any, TextIO

from merchant_cli.app.batch.readers import ID_COLUMN
from merchant_cli.core.batch import Rejected, Scored
from merchant_cli.core.result import PlatformScore
from merchant_cli.core.said import Said, joined, verbatim
from merchant_cli.reporters import safe
from merchant_cli.reporters.messages import worded

OUTPUT_FORMATS = ("jsonl", "csv")
_MEMO_LIMIT = 100_000

class JsonLinesWriter:
    """One JSON object per scored row: row, id, top and the ranking (plus contributions)."""

    def __init__(self, stream: TextIO, *, lang: str, explain: bool) -> None:
        self.stream = stream
        self.lang = lang
        self.explain = explain
        self.memo: dict[int, tuple[tuple[PlatformScore, ...], str]] = {}

    def header(self) -> None:
        """JSON Lines has no header."""

    def write(self, scored: Scored) -> None:
        body = _memo(self.memo, scored.ranking, self._body)
        ident = "" if scored.id is None else f', "id": {safe.json(encode_basestring(scored.id))}'
        self.stream.write(f'{{"row": {scored.row}{ident}, {body}\n')

    def _body(self, ranking: tuple[PlatformScore, ...]) -> str:
        from merchant_cli.reporters.json import ranking_entry

        data = {
            "top": ranking[0].platform,
            "ranking": [ranking_entry(s, self.lang, explain=self.explain) for s in ranking],
        }
        return safe.json(json.dumps(data, ensure_ascii=False))[1:]


class CsvWriter:
    """id, top platform, its fit, then one score column per platform in the pack's order.

    Ids come from the input file and platform ids from the pack, so unless `raw`
    a text cell a spreadsheet would run as a formula is written as text
    (`safe.csv_cell`); a cell with a line break is always quoted (`safe.csv_row`).
    """

    def __init__(self, stream: TextIO, platforms: list[str], *, raw: bool = False) -> None:
        self.stream = stream
        self.platforms = platforms
        self.cell: Callable[[Any], Any] = _as_is if raw else safe.csv_cell
        self.memo: dict[int, tuple[tuple[PlatformScore, ...], str]] = {}

    def header(self) -> None:
        cells = [self.cell(c) for c in (ID_COLUMN, "top", "fit", *self.platforms)]
        self.stream.write(safe.csv_row(cells))

    def write(self, scored: Scored) -> None:
        rest = _memo(self.memo, scored.ranking, self._rest)
        ident = scored.row if scored.id is None else self.cell(scored.id)
        self.stream.write(f"{safe.csv_field(ident)},{rest}")

    def _rest(self, ranking: tuple[PlatformScore, ...]) -> str:
        """The row after its id: the same for every row of one ranking."""
        scores = {s.platform: s.score for s in ranking}
        top = [self.cell(ranking[0].platform), self.cell(ranking[0].fit)]
        return safe.csv_row([*top, *(scores[p] for p in self.platforms)])


def _as_is(value: Any) -> Any:
    return value


def _memo(
    memo: dict[int, tuple[Any, Any]],
    ranking: tuple[PlatformScore, ...],
    make: Callable[[tuple[PlatformScore, ...]], Any],
) -> Any:
    """Render each distinct ranking once (rankings are shared by every row of a class)."""
    found = memo.get(id(ranking))
    if found is not None and found[0] is ranking:
        return found[1]
    if len(memo) >= _MEMO_LIMIT:
        memo.clear()
    value = make(ranking)
    memo[id(ranking)] = (ranking, value)
    return value


def rejection(name: str, rejected: Rejected) -> Said:
    """`FILE:ROW: [id] reason`, the way compilers report a line."""
    ident = "" if rejected.id is None else f"[{rejected.id}] "
    return joined((verbatim(f"{name}:{rejected.row}: {ident}"), rejected.reason), "")


def rejection_line(name: str, rejected: Rejected, lang: str = "en") -> str:
    """The rejection as one line (ids and cells come from the input: `safe.terminal`)."""
    return worded(rejection(name, rejected), lang, safe.terminal) + "\n"


Writer = JsonLinesWriter | CsvWriter
