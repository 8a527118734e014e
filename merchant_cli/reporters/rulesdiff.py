"""`rules diff`: who moves when the evidence changes, as JSON for programs and as a table
or Markdown for the adviser, in the `--lang` language.

Client ids, rule ids and a pack's names come from other people's files: each passes
`safe.terminal` in the table and `safe.markdown` in Markdown where it is put in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from merchant_cli.core.operators import FULL
from merchant_cli.core.pack import RulePack
from merchant_cli.core.record import Record, record
from merchant_cli.core.rulesdiff import ADDED, AFTER, BEFORE, Edit, Moved, Part, RulesDiff
from merchant_cli.core.strategy import Decision
from merchant_cli.reporters.common import signed
from merchant_cli.reporters.linebreak import cells
from merchant_cli.reporters.messages import t, worded
from merchant_cli.reporters.safe import markdown, terminal
from merchant_cli.reporters.sections import percent


@record(kw_only=False)
class Side(Record):
    """One of the packs compared, and the names of the overlays merged into it (shown to
    people, never in JSON: they are folders of this machine)."""

    pack: RulePack
    overlays: tuple[str, ...] = ()


Packs = tuple[Side, Side]
"""The base pack (before) and the pack under test (after)."""


def diff_data(diff: RulesDiff, packs: Packs, lang: str) -> dict[str, Any]:
    """The JSON document: keys and values are ids under every `--lang` (a rejected row's
    error is worded in it, as `batch` words it)."""
    return {
        "packs": {BEFORE: _pack_data(packs[0].pack), AFTER: _pack_data(packs[1].pack)},
        "changed": [_moved_data(moved) for moved in diff.changed],
        "unchanged": diff.unchanged,
        "rejected": [
            {"row": r.row, "id": r.id, "error": worded(r.reason, lang), "by": list(r.by)}
            for r in diff.rejected
        ],
        "rule_changes": [
            {"rule": e.rule, "changes": list(e.changes), "clients": e.clients} for e in diff.edits
        ],
        "settings": list(diff.settings),
    }


def _pack_data(pack: RulePack) -> dict[str, str]:
    meta = pack.meta
    return {"name": meta.name, "version": meta.version, "as_of": meta.as_of.isoformat()}


def _moved_data(moved: Moved) -> dict[str, Any]:
    return {
        "id": moved.id,
        "row": moved.row,
        BEFORE: _lead_data(moved.before),
        AFTER: _lead_data(moved.after),
        "rules": list(moved.rules),
        "contributions": [
            {"rule": s.rule, BEFORE: _part_data(s.before), AFTER: _part_data(s.after)}
            for s in moved.shifts
        ],
    }


def _lead_data(decision: Decision) -> dict[str, Any]:
    return {
        "primary": decision.primary,
        "close_call": decision.close_call,
        "contenders": list(decision.contenders),
        "chance_first": decision.chance_first,
        "decided_by": decision.decided_by,
    }


def _part_data(part: Part | None) -> dict[str, Any] | None:
    if part is None:
        return None
    found = part.contribution
    return {"platform": part.platform, "points": found.points, "degree": found.degree / FULL}


class _Words:
    """The texts both human-readable forms show, in one language."""

    def __init__(self, diff: RulesDiff, packs: Packs, lang: str) -> None:
        self.diff, self.packs, self.lang = diff, packs, lang
        self.names = {p.id: p.name.get(lang) for side in packs for p in side.pack.platforms}

    def headline(self) -> str:
        diff = self.diff
        total = len(diff.changed) + diff.unchanged + len(diff.rejected)
        values = {"changed": len(diff.changed), "unchanged": diff.unchanged, "total": total}
        return t("diff.summary", self.lang, **values, rejected=len(diff.rejected))

    def packs_compared(self) -> list[str]:
        return [
            t(f"diff.{name}_pack", self.lang, pack=self._pack(side))
            for name, side in zip((BEFORE, AFTER), self.packs, strict=True)
        ]

    def _pack(self, side: Side) -> str:
        meta, lang = side.pack.meta, self.lang
        named = t("diff.pack", lang, name=meta.name, version=meta.version, date=meta.as_of)
        return "".join([named, *(t("diff.overlay", lang, name=name) for name in side.overlays)])

    def lead(self, decision: Decision) -> str:
        """`Douyin 48%, close call with Taobao`: the lead, its chance, who it is close to."""
        share = percent(decision.chance_first)
        name = self.name(decision.primary)
        others = [self.name(p) for p in decision.contenders if p != decision.primary]
        if not decision.close_call:
            return t("diff.lead", self.lang, name=name, share=share)
        names = t("punct.list", self.lang).join(others)
        return t("diff.lead_close", self.lang, name=name, share=share, others=names)

    def name(self, platform: str) -> str:
        return self.names.get(platform, platform)

    def client(self, moved: Moved) -> str:
        if moved.id is None:
            return t("diff.row", self.lang, row=moved.row)
        return t("diff.client", self.lang, id=moved.id, row=moved.row)

    def rules(self, moved: Moved) -> str:
        return ", ".join(moved.rules) or t("diff.settings_only", self.lang)

    def change(self, edit: Edit) -> str:
        """What the pack under test changed in a rule, in words."""
        lang, old, new = self.lang, edit.before, edit.after
        if new is None or old is None:
            rule = new or old
            assert rule is not None
            key = "diff.added" if ADDED in edit.changes else "diff.removed"
            return t(key, lang, points=signed(rule.points))
        values = {
            "points": (signed(old.points), signed(new.points)),
            "platform": (self.name(old.platform), self.name(new.platform)),
            "strength": (old.strength or "-", new.strength or "-"),
        }
        words = [
            t(f"diff.change.{name}", lang, before=values[name][0], after=values[name][1])
            if name in values
            else t(f"diff.change.{name}", lang)
            for name in edit.changes
        ]
        return t("punct.comma", lang).join(words) or t("diff.change.applies", lang)

    def platform_of(self, edit: Edit) -> str:
        rule = edit.after or edit.before
        assert rule is not None
        return self.name(rule.platform)

    def clients(self, count: int) -> str:
        return t("diff.client_one" if count == 1 else "diff.clients", self.lang, count=count)

    def settings(self) -> str:
        names = ", ".join(self.diff.settings)
        return t("diff.settings", self.lang, names=names) if names else ""

    def by(self, by: tuple[str, ...]) -> str:
        return t("diff.by." + (by[0] if len(by) == 1 else "both"), self.lang)

    def rejected(self, clean: Callable[[str], str]) -> list[str]:
        lines = []
        for refused in self.diff.rejected:
            ident = "" if refused.id is None else f" [{clean(refused.id)}]"
            reason = worded(refused.reason, self.lang, clean)
            values = {"row": refused.row, "id": ident, "reason": reason}
            lines.append(t("diff.rejected_row", self.lang, **values, by=self.by(refused.by)))
        return lines


def diff_table(diff: RulesDiff, packs: Packs, lang: str) -> str:
    """The terminal form, narrow enough for 80 columns: a headline, each client that
    moves (its lead before and after, and the rules why), the rules behind them, then
    the rows that could not be scored."""
    words = _Words(diff, packs, lang)
    colon = t("punct.colon", lang)
    sections = [[words.headline(), *words.packs_compared()]]
    if diff.changed:
        sections.append(
            [
                line
                for moved in diff.changed
                for line in (
                    words.client(moved),
                    f"  {words.lead(moved.before)}",
                    f"  → {words.lead(moved.after)}",
                    f"  {t('diff.column.rules', lang)}{colon}{words.rules(moved)}",
                )
            ]
        )
    if diff.edits:
        edits = [
            [e.rule, words.platform_of(e), words.change(e), words.clients(e.clients)]
            for e in diff.edits
        ]
        sections.append([_heading("diff.rules_head", lang), *_columns(edits)])
    if diff.settings:
        sections.append([words.settings()])
    if diff.rejected:
        rejected = [f"  {line}" for line in words.rejected(terminal)]
        sections.append([_heading("diff.rejected_head", lang), *rejected])
    return "\n\n".join("\n".join(map(terminal, lines)) for lines in sections) + "\n"


def _heading(key: str, lang: str) -> str:
    return f"{t(key, lang)}{t('punct.colon', lang).rstrip()}"


def _columns(rows: list[list[str]]) -> list[str]:
    """Rows of cells, indented, in columns two spaces apart by display width (a Chinese
    character takes two); the last column is not padded."""
    widths = [max(cells(row[i]) for row in rows) for i in range(len(rows[0]))]
    padded = ([c + " " * (w - cells(c)) for c, w in zip(row, widths, strict=True)] for row in rows)
    return ["  " + "  ".join(row).rstrip() for row in padded]


def diff_markdown(diff: RulesDiff, packs: Packs, lang: str) -> str:
    """The form to share: the same as the table, as Markdown headings, tables and lists."""
    words = _Words(diff, packs, lang)
    lines = [f"# {t('diff.title', lang)}", "", markdown(words.headline()), ""]
    lines += [f"- {markdown(line)}" for line in words.packs_compared()]
    if diff.changed:
        head = [t(f"diff.column.{c}", lang) for c in ("client", "row", BEFORE, AFTER, "rules")]
        lines += ["", _md_row(head), _md_row(["---"] * len(head))]
        lines += [
            _md_row(
                [
                    markdown(m.id or ""),
                    str(m.row),
                    markdown(words.lead(m.before)),
                    markdown(words.lead(m.after)),
                    markdown(words.rules(m)),
                ]
            )
            for m in diff.changed
        ]
    if diff.edits:
        head = [t(f"diff.column.{c}", lang) for c in ("rule", "platform", "change", "clients")]
        lines += ["", f"## {t('diff.rules_head', lang)}", "", _md_row(head)]
        lines.append(_md_row(["---"] * len(head)))
        lines += [
            _md_row(
                [
                    markdown(e.rule),
                    markdown(words.platform_of(e)),
                    markdown(words.change(e)),
                    str(e.clients),
                ]
            )
            for e in diff.edits
        ]
    if diff.settings:
        lines += ["", markdown(words.settings())]
    if diff.rejected:
        lines += ["", f"## {t('diff.rejected_head', lang)}", ""]
        lines += [f"- {line}" for line in words.rejected(markdown)]
    return "\n".join(lines) + "\n"


def _md_row(cells_: list[str]) -> str:
    return "| " + " | ".join(cells_) + " |"
