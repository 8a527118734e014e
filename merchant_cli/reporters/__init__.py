"""One renderer per output format, each turning the same Evaluation into text.

Renderers are imported on demand so a JSON run never pays for rich.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Protocol

from merchant_cli.pack import RulePack
from merchant_cli.result import Evaluation

if TYPE_CHECKING:  # insight imports reporters.common, so not at run time
    from merchant_cli.insight import Insight

FORMATS = ("table", "json", "markdown", "html")


class Renderer(Protocol):
    def __call__(
        self,
        evaluation: Evaluation,
        pack: RulePack,
        *,
        lang: str,
        color: bool,
        width: int,
        insight: Insight | None = None,
        evidence: str = "short",
    ) -> str: ...


def renderer(fmt: str) -> Renderer:
    """The `render` function of the reporter module for `fmt`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    module = import_module(f"merchant_cli.reporters.{fmt}")
    render: Renderer = module.render
    return render
