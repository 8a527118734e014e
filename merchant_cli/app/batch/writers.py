"""Write batch results: one output row per input row, in input order, scored or rejected.

JSON Lines is for programs: its keys and values are ids under every `--lang`. CSV
and XLSX are for people: headers and values are in the `--lang` language, and each
row keeps the cells it came with, so the output lines up with the adviser's own
sheet. A row's result depends only on its class (ranking and lead), shared by many
rows, so each distinct result is rendered once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from json.encoder import encode_basestring
from typing import Any, TextIO, TypeVar

from merchant_cli.core.pack import RulePack
from merchant_cli.core.result import PlatformScore
from merchant_cli.core.rows import Rejected, Scored
from merchant_cli.core.said import Said, joined, verbatim
from merchant_cli.core.strategy import CHANCE, NONE, SCORE, Decision
from merchant_cli.reporters import safe
from merchant_cli.reporters.common import fit_label
from merchant_cli.reporters.messages import t, worded
from merchant_cli.reporters.sections import percent

OUTPUT_FORMATS = ("jsonl", "csv", "xlsx")
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030")
"""What CSV is written in: UTF-8, UTF-8 with a BOM (Excel reads it as UTF-8), or GB18030
(what Excel on Chinese Windows reads without asking)."""
_MEMO_LIMIT = 100_000

Answers = Mapping[str, Any]
"""A row's answers as given, by question id (a rejected row's are in its `cells`)."""


LEAD_COLUMNS = ("primary", "fit", "close_call", "contenders", "chance_first", "decided_by")
"""What a scored row says of its lead, in `Table._result`'s order."""


class Percent(float):
    """A chance, shown as a percentage: `62%` in CSV, a number formatted `0%` in XLSX."""

    def __str__(self) -> str:
        return percent(self)


class Table:
    """The columns of a CSV or XLSX result in one language.

    The row's id, status and error; its lead, fit, close call, contenders, chance of
    ranking first and what set the lead; each platform's score (and the rules behind
    them with `--explain`); then the row's own cells: its answers under their
    questions and the columns that are not questions, as given.
    """

    def __init__(
        self, pack: RulePack, lang: str, *, explain: bool = False, extras: Sequence[str] = ()
    ) -> None:
        self.lang = lang
        self.explain = explain
        self.platforms = [p.id for p in pack.platforms]
        self.names = {p.id: p.name.get(lang) for p in pack.platforms}
        self.labels = {q.id: q.label.get(lang) for q in pack.questions}
        self.questions = [q.id for q in pack.questions]
        self.extras = list(extras)
        self.memo: dict[int, tuple[Decision, tuple[PlatformScore, ...], list[Any]]] = {}
        self.blank = [""] * (len(LEAD_COLUMNS) + len(self.platforms) + explain)
        """A rejected row's result: every column between its error and its own cells."""

    def header(self) -> list[str]:
        words = ("id", "status", "error", *LEAD_COLUMNS)
        fixed = [t(f"batch.column.{word}", self.lang) for word in words]
        scores = [p if self.lang == "en" else self.names[p] for p in self.platforms]
        explained = [t("batch.column.contributions", self.lang)] if self.explain else []
        asked = [q if self.lang == "en" else self.labels[q] for q in self.questions]
        return [*fixed, *scores, *explained, *asked, *self.extras]

    def row(self, outcome: Scored | Rejected, answers: Answers) -> list[Any]:
        """The row's cells; `answers` are a scored row's answers as given."""
        ident, result, given = self.parts(outcome, answers)
        return [ident, *result, *given]

    def parts(
        self, outcome: Scored | Rejected, answers: Answers
    ) -> tuple[Any, list[Any], list[Any]]:
        """The row's id, its result (one list shared by every scored row of a class, so a
        writer may keep what it makes of it) and its own cells."""
        ident = outcome.row if outcome.id is None else outcome.id
        if isinstance(outcome, Rejected):
            status = t("batch.status.rejected", self.lang)
            error = worded(outcome.reason, self.lang)
            return ident, [status, error, *self.blank], self._given(outcome.cells)
        return (
            ident,
            _per_class(self.memo, outcome, self._result),
            self._given(answers, outcome.extra),
        )

    def _result(self, scored: Scored) -> list[Any]:
        """The status, the empty error and the result: the same for every row of a class."""
        lang, decision = self.lang, scored.decision
        scores = {s.platform: s.score for s in scored.ranking}
        cells: list[Any] = [
            t("batch.status.scored", lang),
            "",
            self.names[decision.primary],
            fit_label(scored.lead.fit, lang),
            t("batch.yes" if decision.close_call else "batch.no", lang),
            t("punct.list", lang).join(self.names[p] for p in decision.contenders),
            Percent(decision.chance_first),
            self._decided_by(decision.decided_by),
            *(scores[p] for p in self.platforms),
        ]
        if self.explain:
            cells.append(self._contributions(scored.ranking))
        return cells

    def _decided_by(self, decided_by: str) -> str:
        if decided_by in (SCORE, CHANCE, NONE):
            return t(f"batch.decided.{decided_by}", self.lang)
        question = decided_by.removeprefix("answer:")
        return t("batch.decided.answer", self.lang, question=self.labels.get(question, question))

    def _contributions(self, ranking: tuple[PlatformScore, ...]) -> str:
        """`douyin +12 D-01-live; ...`: each fired rule's points on each platform."""
        return "; ".join(
            f"{self.names[s.platform]} {c.points:+g} {c.rule}"
            for s in ranking
            for c in s.contributions
        )

    def _given(self, answers: Answers, extra: Answers | None = None) -> list[Any]:
        """The row's own cells: its answers by question, then its extra columns."""
        extra = answers if extra is None else extra
        return [answers.get(q, "") for q in self.questions] + [
            extra.get(c, "") for c in self.extras
        ]


class JsonLinesWriter:
    """One JSON object per row: row, id, status and error, then a scored row's lead (primary,
    close_call, contenders, chance_first, decided_by, the top of the ranking) and ranking
    (with the rules behind it under `--explain`) and its extra columns, or a rejected
    row's cells."""

    def __init__(self, stream: TextIO, *, lang: str, explain: bool) -> None:
        self.stream = stream
        self.lang = lang
        self.explain = explain
        self.memo: dict[int, tuple[Decision, tuple[PlatformScore, ...], str]] = {}

    def header(self) -> None:
        """JSON Lines has no header."""

    def write(self, outcome: Scored | Rejected, answers: Answers) -> None:
        ident = "" if outcome.id is None else f', "id": {_json_text(outcome.id)}'
        start = f'{{"row": {outcome.row}{ident}, "status": '
        if isinstance(outcome, Rejected):
            error = _json_text(worded(outcome.reason, self.lang))
            cells = _json(outcome.cells)
            self.stream.write(f'{start}"rejected", "error": {error}, "cells": {cells}}}\n')
            return
        body = _per_class(self.memo, outcome, self._body)
        extra = f', "extra": {_json(outcome.extra)}' if outcome.extra else ""
        self.stream.write(f'{start}"scored", "error": null, {body}{extra}}}\n')

    def _body(self, scored: Scored) -> str:
        from merchant_cli.reporters.json import ranking_entry

        decision = scored.decision
        data = {
            "primary": decision.primary,
            "close_call": decision.close_call,
            "contenders": list(decision.contenders),
            "chance_first": decision.chance_first,
            "decided_by": decision.decided_by,
            "top": scored.ranking[0].platform,
            "ranking": [ranking_entry(s, self.lang, explain=self.explain) for s in scored.ranking],
        }
        return _json(data)[1:-1]


T = TypeVar("T")


def _per_class(
    memo: dict[int, tuple[Decision, tuple[PlatformScore, ...], T]],
    scored: Scored,
    make: Callable[[Scored], T],
) -> T:
    """`make(scored)`, once per class of rows: a class's rows share their ranking and lead
    (the same objects), so what is made of them is kept by the lead's identity."""
    found = memo.get(id(scored.decision))
    if found is None or found[0] is not scored.decision or found[1] is not scored.ranking:
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()
        found = memo[id(scored.decision)] = (scored.decision, scored.ranking, make(scored))
    return found[2]


def _json(data: Any) -> str:
    return safe.json(json.dumps(data, ensure_ascii=False))


def _json_text(text: str) -> str:
    return safe.json(encode_basestring(text))


class CsvWriter:
    """The `Table` as CSV. Ids and cells come from the input file, so unless `raw` a text
    cell a spreadsheet would run as a formula is written as text (`safe.csv_cell`); a cell
    with a line break is always quoted (`safe.csv_row`)."""

    def __init__(self, stream: TextIO, table: Table, *, raw: bool = False) -> None:
        self.stream = stream
        self.table = table
        self.cell: Callable[[Any], Any] = _as_is if raw else safe.csv_cell
        self.memo: dict[int, tuple[list[Any], str]] = {}

    def header(self) -> None:
        self.stream.write(safe.csv_row([self.cell(c) for c in self.table.header()]))

    def write(self, outcome: Scored | Rejected, answers: Answers) -> None:
        ident, result, given = self.table.parts(outcome, answers)
        found = self.memo.get(id(result)) if isinstance(outcome, Scored) else None
        if found is None or found[0] is not result:
            found = (result, self._cells(result))
            if isinstance(outcome, Scored):
                if len(self.memo) >= _MEMO_LIMIT:
                    self.memo.clear()
                self.memo[id(result)] = found
        own = f",{self._cells(given)}" if given else ""
        self.stream.write(f"{self._cells([ident])},{found[1]}{own}\n")

    def _cells(self, cells: list[Any]) -> str:
        if all(type(cell) is str for cell in cells):
            text = ",".join(cells)
            if _plain(text, cells):
                return text
        elif len(cells) == 1 and type(cells[0]) is int:
            return str(cells[0])  # a row number standing for a missing id
        return ",".join([safe.csv_field(self.cell(cell)) for cell in cells])


_NEVER_PLAIN = frozenset('"\r\n')
_FORMULA_START = re.compile("(?:^|,)[-=+@\t\r]")


def _plain(text: str, cells: list[str]) -> bool:
    """Whether `cells`, joined by commas into `text`, are already CSV that no spreadsheet
    reads as a formula: no quote, line break or comma inside a cell, and no cell starting
    as a formula would. Nearly every row of answers is; checking costs a few C calls."""
    return (
        text.count(",") == len(cells) - 1
        and _NEVER_PLAIN.isdisjoint(text)
        and _FORMULA_START.search(text) is None
    )


class RowsWriter:
    """The `Table`'s rows as cell values, for a workbook written in the main process."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.rows: list[list[Any]] = []

    def header(self) -> None:
        """The workbook writes the header itself."""

    def write(self, outcome: Scored | Rejected, answers: Answers) -> None:
        self.rows.append(self.table.row(outcome, answers))


def _as_is(value: Any) -> Any:
    return value


def rejection(name: str, rejected: Rejected) -> Said:
    """`FILE:ROW: [id] reason`, the way compilers report a line."""
    ident = "" if rejected.id is None else f"[{rejected.id}] "
    return joined((verbatim(f"{name}:{rejected.row}: {ident}"), rejected.reason), "")


def rejection_line(name: str, rejected: Rejected, lang: str = "en") -> str:
    """The rejection as one line (ids and cells come from the input: `safe.terminal`)."""
    return worded(rejection(name, rejected), lang, safe.terminal) + "\n"


Writer = JsonLinesWriter | CsvWriter | RowsWriter
