"""The field reference in docs/rule-pack.md is generated from the models and up to date."""

from __future__ import annotations

import dataclasses

from merchant_cli.core.models import PackFile
from merchant_cli.packs.schema_doc import render, replace_block
from tests.conftest import ROOT

DOC = ROOT / "docs" / "rule-pack.md"


def test_committed_reference_matches_the_models() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert replace_block(text) == text, "run: python tools/update_rule_pack_doc.py"


def test_reference_names_every_section_and_field() -> None:
    reference = render()
    for section in (f.name for f in dataclasses.fields(PackFile)):
        assert f"| `{section}` |" in reference
    assert "| `evidence` | list of string | yes |" in reference
