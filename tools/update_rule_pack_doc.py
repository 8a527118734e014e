"""Regenerate the field reference in docs/rule-pack.md from the models' JSON Schema."""

from __future__ import annotations

from pathlib import Path

from merchant_cli.packs.schema_doc import replace_block

DOC = Path(__file__).resolve().parents[1] / "docs" / "rule-pack.md"

if __name__ == "__main__":
    DOC.write_text(replace_block(DOC.read_text(encoding="utf-8")), encoding="utf-8")
