"""Hostile text in every output (issue 20, findings 3-5): shown, never acted on.

Generated strings mixing C0 and C1 controls, bidirectional overrides, Markdown and
HTML syntax, line breaks and spreadsheet formulas go through each output function
of `reporters.safe`, then into every text of the built-in pack (names, reasons,
quotes, labels, steps, the pack's name) and through every report format. Markdown is
read back with markdown-it (CommonMark, tables, strikethrough, and linkify: the
most eager autolinker in use) and HTML with the standard parser: a hostile report
must have exactly the elements of the same report with plain texts.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import fields, is_dataclass, replace
from functools import cache
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from merchant_cli.app.pipeline import evaluate_report
from merchant_cli.core.models import All, AnyOf, Case, Compare, Not, Text
from merchant_cli.core.pack import RulePack
from merchant_cli.core.profile import build_profile
from merchant_cli.packs.loader import builtin_pack_dir, load_pack
from merchant_cli.reporters import RenderOptions, renderer, safe
from tests.robustness.conftest import PACK_ERROR, assert_clean, cases, count, run_cli
from tests.robustness.strategies import VALID, VALID_ANSWERS

HOSTILE = [
    "\x1b]0;window title\x07", "\x1b[2J\x1b[H", "\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\",
    "\x9b31m", "\x85", "\x00", "\x7f", "\x07", "\u202egnp.exe", "\u2066x\u2069", "\u200f", "\u2028",
    "\r", "\n", "\r\n", "\n# injected heading", "\n- injected item", "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>", "[click](javascript:alert(1))", "![x](http://evil.example/x.png)",
    "<http://evil.example>", "http://evil.example/x", "www.evil.example", "evil.com",
    "user@evil.example", "//evil.example/x", "&#x6a;avascript&colon;", "&lt;b&gt;",
    '=HYPERLINK("http://evil.example","x")', "+cmd", "-2+3", "@SUM(A1:A2)", "\t=1", "\u00a0=1",
    " =1", "| a | b |", "**bold** _em_ ~~del~~ `code` $x$", "    indented", "1. item", "> quote",
    "---", "===", "\\", "*", "_", "'", '"', "%s %(prog)s %",
]  # fmt: skip
"""Pieces a generated text is made of (with arbitrary characters between them)."""
TEXTS = st.lists(
    st.one_of(st.sampled_from(HOSTILE), st.text(max_size=6)), min_size=1, max_size=4
).map("".join)
RAW = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""What a terminal acts on or a reader cannot see (`safe.terminal` escapes all of it)."""
RAW_BUT_LINES = re.compile(RAW.pattern.replace("\x00-\x1f", "\x00-\x09\x0b-\x1f"))
"""The same, but the line breaks of a multi-line output."""
MARKDOWN = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "strikethrough", "linkify"])
CONTEXTS = (
    "{}", "- {}", "### {}", "**+5** {} [A1]", "- **{}**", "> {}",
    "| # | {} |\n|---|---|\n| 1 | {} |",
)  # fmt: skip
"""Where the Markdown report puts a text: a paragraph, a list item, a heading, after or
inside emphasis, in a quote, in a table."""


def _tags(html: str) -> list[str]:
    return re.findall(r"<(/?[a-z][a-z0-9]*)", html)


# --- each output function ----------------------------------------------------------


@cases()
@given(TEXTS)
def test_terminal_text_holds_nothing_a_terminal_acts_on(text: str) -> None:
    count("output: terminal text")
    shown = safe.terminal(text)
    assert not RAW.search(shown)
    assert (shown == text) == (not RAW.search(text))


@cases()
@given(TEXTS)
def test_markdown_text_forms_no_element_and_shows_its_characters(text: str) -> None:
    count("output: Markdown text")
    shown = safe.markdown(text)
    assume(safe.terminal(text).strip())
    assert not RAW.search(shown)
    for context in CONTEXTS:
        written = MARKDOWN.render(context.format(shown, shown))
        assert _tags(written) == _tags(MARKDOWN.render(context.format("x", "x"))), written
    paragraph = MARKDOWN.render(shown)
    assert unescape(re.sub("<[^>]*>", "", paragraph)).strip("\n") == safe.terminal(text)


class _Parsed(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text += data


@cases()
@given(TEXTS)
def test_html_text_forms_no_element_and_shows_its_characters(text: str) -> None:
    count("output: HTML text")
    parsed = _Parsed()
    parsed.feed(f'<p title="{safe.html(text)}">{safe.html(text)}</p>')
    parsed.close()
    assert parsed.tags == ["p"] and parsed.text == safe.terminal(text)


NEGATIVE = re.compile(r"-[0-9]+(?:\.[0-9]+)?")


@cases()
@given(TEXTS)
def test_csv_cells_run_no_formula_whoever_reads_them(text: str) -> None:
    count("output: CSV cell")
    cell = safe.csv_cell(text)
    line = safe.csv_row([cell, 5])
    assert list(csv.reader(io.StringIO(line, newline=""))) == [[cell, "5"]]
    if NEGATIVE.fullmatch(text):
        return
    assert ("\r" in cell or "\n" in cell) <= line.startswith('"')
    for piece in re.split("[\r\n]", line[:-1]):  # a reader that ends a row at any line break
        start = piece.lstrip('"')
        assert start.startswith("'") or not start.lstrip(' \u00a0"').startswith(
            ("=", "+", "-", "@", "\t")
        ), line


@cases()
@given(TEXTS)
def test_json_reads_back_every_text_exactly_and_shows_nothing_raw(text: str) -> None:
    count("output: JSON text")
    document = safe.json(json.dumps({"text": text}, ensure_ascii=False, indent=2))
    assert json.loads(document) == {"text": text}
    assert not RAW_BUT_LINES.search(document)


# --- every report format, from a pack whose every text is hostile -------------------

TEXT_FIELDS = {"quote", "reading", "name", "version", "outlet", "title", "author"}
"""The plain-str texts of a pack (its other texts are `Text`, in both languages)."""


def with_texts(value: Any, text: str) -> Any:
    """`value` (a pack, or any part of one) with every text replaced by `text`; ids,
    conditions and numbers unchanged."""
    if isinstance(value, Text):
        return Text(en=text, zh=text)
    if isinstance(value, All | AnyOf | Not | Compare | Case):
        return value
    if is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: text
            if f.name in TEXT_FIELDS and isinstance(getattr(value, f.name), str)
            else with_texts(getattr(value, f.name), text)
            for f in fields(value)
            if f.init and f.name != "origins"
        }
        return replace(value, **changes)
    if isinstance(value, tuple | list):
        return type(value)(with_texts(item, text) for item in value)
    if isinstance(value, dict):
        return {key: with_texts(item, text) for key, item in value.items()}
    return value


def _reports(pack: RulePack, options: RenderOptions) -> dict[str, str]:
    report = evaluate_report(pack, build_profile(pack, VALID_ANSWERS), today=pack.meta.as_of)
    return {fmt: renderer(fmt)(report, options) for fmt in ("table", "markdown", "html", "json")}


_SGR = re.compile(r"\x1b\[[0-9;]*m")


@cases(0.2)
@given(TEXTS, st.sampled_from(["en", "zh"]), st.sampled_from(["short", "full"]), st.booleans())
def test_every_report_format_shows_a_hostile_pack_inert(
    text: str, lang: str, detail: str, color: bool
) -> None:
    count("output: hostile pack, every format")
    assume(text.strip())
    pack = builtin()
    options = RenderOptions(lang=lang, color=color, width=100, evidence="full", detail=detail)
    hostile = _reports(with_texts(pack, text), options)
    plain = _reports(with_texts(pack, "plain"), options)
    table = _SGR.sub("", hostile["table"]) if color else hostile["table"]
    for fmt in ("markdown", "html", "json"):
        assert not RAW_BUT_LINES.search(hostile[fmt]), fmt
    assert not RAW_BUT_LINES.search(table)  # colour: rich's own SGR codes, nothing else
    assert _tags(MARKDOWN.render(hostile["markdown"])) == _tags(MARKDOWN.render(plain["markdown"]))
    assert _tags(hostile["html"]) == _tags(plain["html"])
    document = json.loads(hostile["json"])
    reasons = {c["reason"] for p in document["ranking"] for c in p["contributions"]}
    assert reasons == {text}  # JSON keeps every text exactly as written


@cache
def builtin() -> RulePack:
    return load_pack(builtin_pack_dir())


# --- the findings, through the command line ----------------------------------------

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\\u202egnp"
INJECTION = "\n# injected [click](javascript:alert(1)) ![x](http://evil.example/x.png) <b>"


def hostile_overlay(folder: Path, text: str) -> Path:
    """An overlay whose pack name, Douyin's name, one rule's reason and its observation's
    summary and quote are `text` (the rule fires for `VALID_ANSWERS`)."""
    folder.mkdir()
    shown = json.dumps(text)  # a JSON string is a YAML double-quoted scalar
    (folder / "hostile.yaml").write_text(
        f"pack: {{name: {shown}, version: {shown}, as_of: 2025-01-16}}\n"
        f"platforms:\n  - {{id: douyin, name: {{en: {shown}, zh: {shown}}}}}\n"
        "observations:\n"
        f"  - {{id: Z9, platforms: [douyin], summary: {{en: {shown}, zh: {shown}}}, "
        f"quote: {shown}, source: caijing-2025-01-16}}\n"
        "rules:\n"
        f"  - {{id: z9, platform: douyin, points: 3, strength: report, "
        f"reason: {{en: {shown}, zh: {shown}}}, evidence: [Z9]}}\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize(
    ("command", "shows"),
    [
        (["evaluate", "--no-input", *VALID, "--evidence", "full"], True),
        (["evaluate", "--no-input", *VALID, "--detail", "full", "--lang", "zh"], True),
        (["rules", "show", "z9"], True),
        (["observations", "Z9"], True),
        (["rules", "validate"], True),
        (["rules", "list"], True),
        (["rules", "coverage"], False),
        (["evaluate", "--help"], False),
    ],
    ids=[
        "evaluate", "evaluate-zh-full", "rules-show", "observations-show", "rules-validate",
        "rules-list", "rules-coverage", "evaluate-help",
    ],
)  # fmt: skip
def test_pack_texts_reach_the_terminal_escaped(
    tmp_path: Path, command: list[str], shows: bool
) -> None:
    """Finding 3: escape sequences (window title, clear screen, OSC 8 hidden links) and
    bidi overrides in a pack's names, reasons and quotes reached the terminal raw."""
    overlay = hostile_overlay(tmp_path / "overlay", ESCAPES + INJECTION)
    outcome = run_cli([*command, "--rules-overlay", str(overlay)])
    assert_clean(outcome, 0)
    assert not RAW_BUT_LINES.search(outcome.out + outcome.err)
    assert ("\\x1b]0;pwned\\x07" in outcome.out) == shows


def test_a_pack_file_name_is_shown_escaped_on_its_one_line(tmp_path: Path) -> None:
    """Finding 3: a newline in a pack file's name split the one-line error in two."""
    layer = tmp_path / "overlay"
    layer.mkdir()
    (layer / "bad\n\x1b[2Jname\u202e.yaml").write_text("rules: [", encoding="utf-8")
    outcome = run_cli(["rules", "validate", "--rules-overlay", str(layer)])
    assert_clean(outcome, PACK_ERROR)
    assert not RAW_BUT_LINES.search(outcome.out)
    first, *rest = outcome.out.splitlines()
    assert "bad\\n\\x1b[2Jname\\u202e.yaml:2:1: invalid YAML" in first and len(rest) == 1


def test_batch_ids_reach_the_reject_line_escaped(tmp_path: Path) -> None:
    """Finding 3: a batch id with escape sequences reached the terminal raw on its reject line."""
    source = tmp_path / "m.csv"
    source.write_text(
        f'id,{",".join(VALID_ANSWERS)}\n"x{ESCAPES}\r\ny",shoes,-1,0,2,40\n', encoding="utf-8"
    )
    outcome = run_cli(["batch", str(source)])
    assert_clean(outcome, 1)
    assert not RAW_BUT_LINES.search(outcome.err)
    assert f"{source}:2: [x\\x1b]0;pwned\\x07" in outcome.err.splitlines()[0]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_pack_texts_form_nothing_in_a_shared_report(tmp_path: Path, fmt: str) -> None:
    """Finding 4: a newline in a platform name injected a heading; `javascript:` links,
    phishing links and remote images passed; ESC and BEL landed in .md and .html files."""
    written = {}
    for name, text in (("hostile", ESCAPES + INJECTION), ("plain", "plain")):
        overlay = hostile_overlay(tmp_path / name, text)
        target = tmp_path / f"{name}.{fmt}"
        command = ["evaluate", "--no-input", *VALID, "--format", fmt, "--evidence", "full"]
        assert_clean(run_cli([*command, "--rules-overlay", str(overlay), "-o", str(target)]), 0)
        written[name] = target.read_text(encoding="utf-8")
    assert not RAW_BUT_LINES.search(written["hostile"])
    shown = {k: MARKDOWN.render(v) if fmt == "markdown" else v for k, v in written.items()}
    assert _tags(shown["hostile"]) == _tags(shown["plain"])
    assert "[click](javascript:alert(1))" in unescape(re.sub("<[^>]*>", "", shown["hostile"]))


def test_csv_cells_with_line_breaks_are_quoted_and_neutral(tmp_path: Path) -> None:
    """Finding 5: a bare CR in a cell was not quoted, so a reader that ends rows at CR
    started a row with a live formula; JSON Lines ids were not neutralised the same way."""
    row = ",".join(str(v) for v in VALID_ANSWERS.values())
    csv_source = tmp_path / "m.csv"
    csv_source.write_text(f'id,{",".join(VALID_ANSWERS)}\n"x\r=HYPERLINK(1)",{row}\n')
    jsonl_source = tmp_path / "m.jsonl"
    jsonl_source.write_text(json.dumps({"id": "y\n@SUM(1)\r+2", **VALID_ANSWERS}) + "\n")
    for source in (csv_source, jsonl_source):
        outcome = run_cli(["batch", str(source), "--format", "csv"])
        assert_clean(outcome, 0)
        ident = next(csv.reader(io.StringIO(outcome.out.split("\n", 1)[1], newline="")))[0]
        assert ident in ("x\r'=HYPERLINK(1)", "y\n'@SUM(1)\r'+2")
        for piece in re.split("[\r\n]", outcome.out):
            assert not piece.lstrip('" ').startswith(("=", "+", "@")), outcome.out


def test_a_pack_question_shows_in_help_escaped_whatever_it_holds(tmp_path: Path) -> None:
    """A pack's help text is argparse help: `50% off` made `evaluate --help` an internal
    error, and its escape sequences reached the terminal."""
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    help_text = json.dumps(f"Get 50% off %(prog)s {ESCAPES}")
    (overlay / "q.yaml").write_text(
        "questions:\n  - {id: goal, type: choice, default: seeding, "
        f"label: {{en: Goal, zh: 目标}}, help: {{en: {help_text}, zh: {help_text}}}, "
        "choices: [{id: seeding, label: {en: S, zh: S}}, {id: volume, label: {en: V, zh: V}}, "
        "{id: not_specified, label: {en: N, zh: N}}]}\n",
        encoding="utf-8",
    )
    outcome = run_cli(["evaluate", "--help", "--rules-overlay", str(overlay)])
    assert_clean(outcome, 0)
    assert not RAW_BUT_LINES.search(outcome.out)
    assert "Get 50% off %(prog)s \\x1b]0;pwned\\x07" in " ".join(outcome.out.split())
