"""Export the rich report of the example shoe factory as docs/report.svg (shown in the README).

Usage: python scripts/export_svg.py [OUTPUT.svg]
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import yaml
from rich.console import Console

from merchant_cli.engine import Scorer
from merchant_cli.loader import builtin_pack_dir, load_pack
from merchant_cli.profile import build_profile
from merchant_cli.reporters import RenderOptions, build_report
from merchant_cli.reporters.table import print_report

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "merchant-shoe-factory.yaml"
TODAY = dt.date(2025, 6, 1)  # fixed, so the image does not change with the date
WIDTH = 100


def main(argv: list[str]) -> int:
    output = Path(argv[0]) if argv else ROOT / "docs" / "report.svg"
    pack = load_pack(builtin_pack_dir())
    scorer = Scorer(pack)
    answers = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    evaluation = scorer.evaluate(build_profile(pack, answers), today=TODAY)
    console = Console(
        file=io.StringIO(), record=True, width=WIDTH, force_terminal=True, color_system="truecolor"
    )
    print_report(console, build_report(evaluation, pack), RenderOptions(lang="en", width=WIDTH))
    console.save_svg(
        str(output), title="merchant-cli evaluate --answers merchant-shoe-factory.yaml"
    )
    sys.stdout.write(f"wrote {output}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
