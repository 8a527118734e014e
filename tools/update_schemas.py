"""Regenerate docs/schemas/*.schema.json (pack, answers, report) from the models and the
built-in pack; a test fails when the committed files differ from what the code says."""

from __future__ import annotations

from pathlib import Path

from merchant_cli.packs.loader import builtin_pack_dir, load_pack
from merchant_cli.packs.schemas import files

FOLDER = Path(__file__).resolve().parents[1] / "docs" / "schemas"

if __name__ == "__main__":
    FOLDER.mkdir(exist_ok=True)
    for name, text in files(load_pack(builtin_pack_dir())).items():
        (FOLDER / name).write_text(text, encoding="utf-8")
