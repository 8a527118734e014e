"""One renderer per output format, each turning the same Evaluation into text.

Renderers are imported on demand so a JSON run never pays for rich.
"""

from __future__ import annotations

import codecs
from importlib import import_module
from typing import TYPE_CHECKING, Protocol

from merchant_cli.core.pack import RulePack
from merchant_cli.core.record import Record, record
from merchant_cli.core.result import Evaluation

if TYPE_CHECKING:
    from merchant_cli.core.insight import Insight
    from merchant_cli.reporters.scenarios import Scenario

FORMATS = ("table", "json", "markdown", "html")


@record(kw_only=False)
class Report(Record):
    """Everything a report shows, computed once by the command and laid out by each format."""

    evaluation: Evaluation
    pack: RulePack
    insight: Insight
    scenarios: tuple[Scenario, ...]
    """The insight's what-ifs, each with its sentence."""


@record(kw_only=False)
class RenderOptions(Record):
    """How to lay a report out; formats ignore what does not apply to them."""

    lang: str = "en"
    color: bool = False
    width: int = 100
    evidence: str = "short"
    """`full` adds every cited observation, quoted, in both languages."""
    detail: str | None = None
    """`short`: one screen; `full`: every reason, what-if, risk and note; `None`: the
    format's own default (short for the terminal table, full for the shared formats)."""
    encoding: str = "utf-8"
    """Where the text goes: a report for a narrower encoding draws ASCII boxes and bars."""

    @property
    def utf(self) -> bool:
        """Whether the output's encoding holds every character (a UTF)."""
        try:
            return codecs.lookup(self.encoding).name.startswith("utf")
        except LookupError:
            return False

    def short(self, default: str) -> bool:
        """Whether to lay out the one-screen report, given the format's default detail."""
        return (self.detail or default) == "short"


class Renderer(Protocol):
    def __call__(self, report: Report, options: RenderOptions) -> str: ...


def renderer(fmt: str) -> Renderer:
    """The `render` function of the reporter module for `fmt`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    module = import_module(f"merchant_cli.reporters.{fmt}")
    render: Renderer = module.render
    return render
