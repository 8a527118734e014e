"""The JSON Schemas: current with the code, and every file and output we ship validates."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from merchant_cli.core.pack import RulePack
from merchant_cli.packs.schemas import files
from tests.conftest import ROOT, Run

FOLDER = ROOT / "docs" / "schemas"
Validator = jsonschema.Draft202012Validator


def _schema(kind: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((FOLDER / f"{kind}.schema.json").read_text("utf-8"))
    Validator.check_schema(loaded)
    return loaded


def _data(path: Path) -> Any:
    """YAML as JSON would hold it (dates as text)."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text("utf-8")), default=str))


def test_committed_schemas_match_the_code(pack: RulePack) -> None:
    for name, text in files(pack).items():
        assert (FOLDER / name).read_text("utf-8") == text, "run: python tools/update_schemas.py"


def test_the_schema_command_prints_them(cli: Callable[..., Run]) -> None:
    for kind in ("pack", "answers", "report"):
        run = cli("schema", kind)
        assert run.code == 0 and json.loads(run.out) == _schema(kind)
    assert cli("schema", "cases").code == 2


@pytest.mark.parametrize(
    "path",
    [*sorted((ROOT / "rules").glob("*.yaml")), ROOT / "examples/overlay-kuaishou/kuaishou.yaml"],
    ids=lambda p: p.name,
)
def test_pack_files_validate_and_name_their_schema(path: Path) -> None:
    assert not list(Validator(_schema("pack")).iter_errors(_data(path)))
    assert path.read_text("utf-8").startswith("# yaml-language-server: $schema=")


def test_a_typo_in_a_pack_file_is_caught_by_the_schema() -> None:
    data = _data(ROOT / "rules" / "rules-douyin.yaml")
    data["rules"][0]["piont"] = 3
    assert list(Validator(_schema("pack")).iter_errors(data))


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.yaml")), ids=lambda p: p.name)
def test_example_answers_validate(path: Path) -> None:
    assert not list(Validator(_schema("answers")).iter_errors(_data(path)))
    assert list(Validator(_schema("answers")).iter_errors({**_data(path), "categry": "x"}))


@pytest.mark.parametrize("path", sorted((ROOT / "tests" / "golden").glob("*.json")), ids=str)
def test_golden_json_reports_validate(path: Path) -> None:
    assert not list(Validator(_schema("report")).iter_errors(json.loads(path.read_text("utf-8"))))


def test_batch_lines_validate(cli: Callable[..., Run], tmp_path: Path) -> None:
    report = _schema("report")
    line_schema = {
        "$defs": report["$defs"],
        "type": "object",
        "required": ["row", "top", "ranking"],
        "properties": {
            "row": {"type": "integer"},
            "id": {"type": "string"},
            "top": {"type": "string"},
            "ranking": {"type": "array", "items": {"$ref": "#/$defs/RankingDoc"}},
        },
    }
    source = tmp_path / "m.csv"
    source.write_text(
        "id,category,price,notes_per_week,videos_per_week,live_hours_per_week\n"
        "a,shoes,24.9,0,2,40\nb,beauty,150,8,3,0\n",
        encoding="utf-8",
    )
    for extra in ((), ("--explain",)):
        run = cli("batch", str(source), *extra)
        lines = [json.loads(line) for line in run.out.splitlines()]
        assert len(lines) == 2
        for line in lines:
            assert not list(Validator(line_schema).iter_errors(line))
