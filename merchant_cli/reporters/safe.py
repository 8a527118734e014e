"""Output safety: one function per output kind, for every text from outside the tool.

A rule pack, an answers or batch file and a file's name are written by someone
else. Every text that came from one (a reason, a quote, a platform's name, a
label, a pack's name, a file name, a batch id or cell) passes the function of
the output it goes to, at the place it is put into that output:

- `terminal`: control characters (C0, DEL, C1: escape sequences that set a
  window's title, clear the screen or hide a link), bidirectional controls and
  line separators are shown escaped (`\\x1b`, `\\n`, `\\u202e`), so a text is one
  line that shows what it holds. Every human-readable output starts from it.
- `markdown`: `terminal`, then every character CommonMark or GitHub gives a
  meaning where it stands is escaped: no heading, list, quote, emphasis, code, raw
  HTML, entity, link, image or autolinked address is ever formed from data.
- `html`: `terminal`, then `&`, `<`, `>` and quotes as references (as `html.escape`).
- `csv_cell`: a cell a spreadsheet would run as a formula gets a `'`, at its start
  (before any leading spaces) and after every line break inside it; `csv_field`
  quotes every cell with a comma, a quote or a line break (some readers end a row
  at a bare CR, even inside quotes).
- `json`, for a whole document: `json.dumps` escapes quotes and C0 controls, and
  `json` writes the rest of what `terminal` escapes as `\\u` escapes too. A parser
  reads every text exactly as it was written; a terminal showing it acts on none.

The tables are built at import (a few microseconds); the patterns are compiled when
first used (`re` keeps them), so a run that writes no Markdown or CSV never pays.
"""

from __future__ import annotations

import re
from typing import Any

_UNSEEN = [*range(0x20), *range(0x7F, 0xA0), 0x061C, 0x200E, 0x200F, 0x2028, 0x2029] + [
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
]
"""What a terminal acts on or a reader cannot see: C0 and C1 controls, DEL, bidirectional
marks, embeddings, overrides and isolates, and line and paragraph separators."""
_NAMED = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}
_TERMINAL = {
    code: _NAMED.get(code) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    for code in _UNSEEN
}
_LINES = {code: shown for code, shown in _TERMINAL.items() if code != 0x0A}
_JSON = {code: f"\\u{code:04x}" for code in _UNSEEN if code >= 0x20}
_JSON_CHARS = [chr(code) for code in _JSON]
"""C0 never reaches `json`: `json.dumps` escapes it (and a raw one outside a string is
the document's own line breaks)."""


def terminal(text: str, *, lines: bool = False) -> str:
    """`text` as one line a terminal shows as written: what it would act on, escaped;
    with `lines`, its line breaks kept (a text laid out in a box, where one only wraps)."""
    return text.translate(_LINES if lines else _TERMINAL)


def json(document: str) -> str:
    """A document `json.dumps` wrote, with what a terminal would act on as `\\u` escapes
    (such characters occur only inside its strings, where an escape reads back the same).
    A document without any (nearly every one) is returned after one fast scan per
    character: translating a whole report would cost a scripted run ~1 ms."""
    if not any(char in document for char in _JSON_CHARS):
        return document
    return document.translate(_JSON)


_MARKDOWN = (
    r"[\\`*_\[\]<|~@$]|/(?=/)|(?<=[A-Za-z0-9])\.(?=[A-Za-z]{2})"
    r"|^(?:\s|[-+=#>]|\d+(?=[.)]( |$)))|\s$"
)
"""What gives Markdown a meaning inside a line: emphasis, code, links and images, raw HTML,
table cells, strikethrough and math, and what renderers turn into links (an address's
`@`, `//` or `.` before a domain's letters, as in `www.example.com`); at the start of a
line, indentation, a list item, a heading, a quote or an underline; a space at either end
(trimmed, or closing no emphasis around it)."""


def _escaped(found: re.Match[str]) -> str:
    text = found.group()
    if text == "<":
        return "&lt;"  # `\<` would leave `<script` in the file for a filter to trip on
    if text.isspace():
        return f"&#{ord(text)};"  # a space at an end: never trimmed, indented or flanking
    if text[0].isdigit():
        return f"{text}\\"  # `1\.` is no list item
    return f"\\{text}"


def markdown(text: str) -> str:
    """`text` as inline Markdown (in a paragraph, a list item, a table cell or a heading)
    that shows exactly its characters, `terminal`'s escapes included."""
    return re.sub(_MARKDOWN, _escaped, terminal(text).replace("&", "&amp;"))


_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})
"""What `html.escape` replaces (that module loads the whole entity table at import)."""


def html(text: str) -> str:
    """`text` as HTML text or an attribute value."""
    return terminal(text).translate(_HTML)


_FORMULA = r"(^|[\r\n])([ \u00a0\"]*)(?=[=+\-@\t\r])"
"""Where a spreadsheet would read a formula: `=`, `+`, `-`, `@`, a tab or a CR (OWASP, CSV
injection) at a cell's start or after a line break, even after spaces or quotes (a reader
that ends a row at a line break inside a quoted cell reads what follows as a new cell)."""
_NEGATIVE_NUMBER = r"-[0-9]+(?:\.[0-9]+)?"


def csv_cell(value: Any) -> Any:
    """`value`, with a `'` wherever a spreadsheet would start reading a formula: at the
    start and after each line break (before spaces and quotes). A negative number is data."""
    if not isinstance(value, str) or re.fullmatch(_NEGATIVE_NUMBER, value):
        return value
    return re.sub(_FORMULA, r"\1'\2", value)


def csv_row(cells: list[Any]) -> str:
    """One CSV line, ended by LF."""
    return ",".join(map(csv_field, cells)) + "\n"


def csv_field(cell: Any) -> str:
    """A cell as CSV text: quoted (quotes doubled) when it holds a comma, a quote or a line
    break, so that no reader, not even one that ends a row at a bare CR, splits it."""
    text = str(cell)
    if re.search('[,"\r\n]', text):
        return '"' + text.replace('"', '""') + '"'
    return text
