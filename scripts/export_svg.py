"""Export the one-screen report of the example shoe factory as docs/report.svg (English)
and docs/report.zh.svg (Chinese), both shown in the README.

Usage: python scripts/export_svg.py [OUTPUT_DIR]
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import sys
from pathlib import Path

import yaml
from rich.cells import cell_len
from rich.console import Console

from merchant_cli.app.pipeline import evaluate_report
from merchant_cli.core.profile import build_profile
from merchant_cli.packs.loader import builtin_pack_dir, load_pack
from merchant_cli.reporters import RenderOptions
from merchant_cli.reporters.table import print_report

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "merchant-shoe-factory.yaml"
TODAY = dt.date(2025, 6, 1)  # fixed, so the pictures do not change with the date
WIDTH = 80  # the one screen the default report is made for
PICTURES = {"en": "report.svg", "zh": "report.zh.svg"}


TEXT = re.compile(r'textLength="([0-9.]+)"([^>]*)>([^<]*)</text>')


def wide_text_lengths(svg: str) -> str:
    """Stretch each text run to its width in cells: rich sizes a run by its characters
    (`textLength` = cell width x characters), which squeezes Chinese, two cells a character,
    into half its width."""

    def stretch(found: re.Match[str]) -> str:
        text = html.unescape(found[3])
        length = float(found[1]) / max(len(text), 1) * cell_len(text)
        return f'textLength="{length:g}"{found[2]}>{found[3]}</text>'

    return TEXT.sub(stretch, svg)


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else ROOT / "docs"
    pack = load_pack(builtin_pack_dir())
    answers = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    report = evaluate_report(pack, build_profile(pack, answers), today=TODAY)
    for lang, name in PICTURES.items():
        console = Console(
            file=io.StringIO(),
            record=True,
            width=WIDTH,
            force_terminal=True,
            color_system="truecolor",
        )
        print_report(console, report, RenderOptions(lang=lang, width=WIDTH))
        command = f"merchant-cli evaluate --answers {EXAMPLE.name} --lang {lang}"
        svg = console.export_svg(title=command)
        (folder / name).write_text(wide_text_lengths(svg), encoding="utf-8")
        sys.stdout.write(f"wrote {folder / name}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
