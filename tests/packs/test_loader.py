"""Loading packs: the built-in one, and broken ones reported with file:line:col."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from merchant_cli.core.errors import PackError, PackNotFound
from merchant_cli.core.models import QUOTE_LIMIT
from merchant_cli.packs.loader import builtin_pack_dir, load_pack
from merchant_cli.packs.yamlio import iter_yaml_files
from merchant_cli.reporters.messages import worded
from tests.conftest import DATA, ROOT

DATA = DATA / "loader"


def _problems(directory: Path) -> list[str]:
    with pytest.raises(PackError) as caught:
        load_pack(directory)
    return [str(p).removeprefix(str(DATA) + "/") for p in caught.value.problems]


def test_builtin_pack_loads_and_is_consistent() -> None:
    pack = load_pack(builtin_pack_dir())
    assert {p.id for p in pack.platforms} >= {"xiaohongshu", "douyin", "taobao"}
    assert len(pack.cases) >= 10
    for rule in pack.rules:
        assert rule.evidence and all(e in pack.observation_by_id for e in rule.evidence)
    for observation in pack.observations:
        assert observation.quote and observation.source in pack.source_by_id


def test_builtin_quotes_are_verbatim_in_the_article(article: str) -> None:
    """Every quote of the article's observations is its own words: each excerpt (joined by
    …) occurs verbatim in the article (../shared/seed/, beside every checkout CI runs)."""
    pack = load_pack(builtin_pack_dir())
    from_article = [o for o in pack.observations if o.source == "caijing-2025-01-16"]
    assert len(from_article) >= 30
    for observation in from_article:
        assert len(observation.quote) <= QUOTE_LIMIT, observation.id
        for excerpt in observation.quote.split("…"):
            assert excerpt and excerpt in article, (observation.id, excerpt)
        if observation.reading is not None:
            assert observation.reading != observation.quote, observation.id
            assert observation.reading.count("…") == observation.quote.count("…")


def test_minimal_pack_loads() -> None:
    pack = load_pack(DATA / "minimal")
    assert [r.id for r in pack.rules] == ["alpha-shoes", "beta-cheap"]


def test_schema_errors_are_located() -> None:
    assert _problems(DATA / "broken") == [
        "broken/pack.yaml:36:5: unknown key 'colour' (rules[0].colour)",
    ]


def test_reference_errors_are_located(tmp_path: Path) -> None:
    text = (DATA / "minimal" / "pack.yaml").read_text(encoding="utf-8")
    text = text.replace("{category: {eq: shoes}}", "{category: {eq: shoe}}")
    text = text.replace("evidence: [O1]\ncases", "evidence: [O9]\ncases")
    (tmp_path / "pack.yaml").write_text(text, encoding="utf-8")
    problems = [p.removeprefix(str(tmp_path) + "/") for p in _problems(tmp_path)]
    assert problems == [
        "pack.yaml:44:16: unknown observation 'O9' (rules[1].evidence[0])",
        "pack.yaml:33:12: 'shoe' is not a choice of 'category'; did you mean 'shoes'? "
        "(rules[0].when.category)",
    ]


def test_missing_directory_is_not_found_not_an_invalid_pack(tmp_path: Path) -> None:
    with pytest.raises(PackNotFound) as caught:
        load_pack(tmp_path / "nope")
    assert caught.value.exit_code == 2
    assert worded(caught.value.said, "en") == f"{tmp_path / 'nope'}: rule pack directory not found"


def test_band_of_a_missing_question_is_reported_not_a_crash(tmp_path: Path) -> None:
    text = (DATA / "minimal" / "pack.yaml").read_text(encoding="utf-8")
    text = text.replace("when: {price: {lt: 50}}", "when: {band: {eq: low}}")
    text += (
        "derived:\n  - id: band\n    from: cost\n    label: {en: Band, zh: 价格带}\n"
        "    bands: [{id: low, below: 10, label: {en: Low, zh: 低}}, "
        "{id: high, label: {en: High, zh: 高}}]\n"
    )
    (tmp_path / "pack.yaml").write_text(text, encoding="utf-8")
    problems = _problems(tmp_path)
    assert any("`from` must name a number question; 'cost' is not one" in p for p in problems)


def test_a_file_left_out_is_not_echoed_by_references_to_it(tmp_path: Path) -> None:
    """One typo in an observation: its schema errors only, not "unknown observation" for
    every rule citing it, nor "cited by no rule" for what only it mentions."""
    text = (DATA / "minimal" / "pack.yaml").read_text(encoding="utf-8")
    (tmp_path / "pack.yaml").write_text(text.replace("evidence: [O1]", "evidence: [O2]"))
    (tmp_path / "more.yaml").write_text(
        "observations:\n"
        "  - {id: O2, platforms: [alpha], summary: {en: a, zh: 甲}, qoute: 甲, source: article}\n"
        "  - {id: O3, platforms: [beta], summary: {en: b, zh: 乙}, quote: 乙, source: article}\n",
        encoding="utf-8",
    )
    problems = [p.removeprefix(str(tmp_path) + "/") for p in _problems(tmp_path)]
    assert problems == [
        "more.yaml:2:5: missing required key 'quote' (observations[0])",
        "more.yaml:2:59: unknown key 'qoute' (observations[0].qoute)",
        "pack.yaml:11:5: warning: observation 'O1' is cited by no rule, step or risk "
        "(observations[0].id)",
    ]


def test_the_merged_pack_has_every_section_a_file_may_hold() -> None:
    from dataclasses import fields

    from merchant_cli.core.pack import RulePack
    from merchant_cli.packs.loader import SECTIONS

    merged = tuple(f.name for f in fields(RulePack) if f.name not in ("meta", "origins"))
    assert merged == SECTIONS


def test_a_pack_is_its_folder_not_its_sub_folders(tmp_path: Path) -> None:
    shutil.copytree(DATA / "minimal", tmp_path / "pack")
    for nested in ("examples", "tests/data", "venv/lib"):
        (tmp_path / "pack" / nested).mkdir(parents=True)
        (tmp_path / "pack" / nested / "broken.yaml").write_text("not: [a, pack", encoding="utf-8")
    assert [p.name for p in iter_yaml_files(tmp_path / "pack")] == ["pack.yaml"]
    assert load_pack(tmp_path / "pack").meta


def test_the_repository_root_is_not_a_pack_of_its_examples() -> None:
    root = ROOT
    with pytest.raises(PackError) as caught:
        load_pack(root)
    assert all(root in (Path(p.file), Path(p.file).parent) for p in caught.value.problems)
