"""The command line through its real entry point: exit codes, formats, files, errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CORE, DATA, Run

Cli = Callable[..., Run]


def test_version_names_tool_and_pack(cli: Cli) -> None:
    result = cli("--version")
    assert result.code == 0
    assert "merchant-cli" in result.out and "2025-01-16" in result.out


def test_evaluate_json_follows_the_contract(cli: Cli) -> None:
    result = cli("evaluate", *CORE, "--no-input", "--format", "json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["schema_version"] == "1"
    assert doc["rule_pack"]["as_of"] == "2025-01-16"
    assert doc["profile"]["category"] == "womens_apparel" and doc["profile"]["price"] == 129
    scores = [entry["score"] for entry in doc["ranking"]]
    assert scores == sorted(scores, reverse=True)
    for entry in doc["ranking"]:
        assert entry["fit"] in {"strong", "moderate", "weak"}
        for contribution in entry["contributions"]:
            keys = {"rule", "points", "strength", "evidence", "reason", "quote"}
            assert keys <= set(contribution)
    assert doc["warnings"]


def test_answer_sources_and_precedence(cli: Cli, tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("category: shoes\nprice: 10\nnotes_per_week: 0\n", encoding="utf-8")
    result = cli(
        "evaluate", "--answers", str(answers), "--answer", "price=20", "--price", "30",
        "--answer", "videos_per_week=1", "--live-hours-per-week", "0", "--notes-per-week", "2",
        "--no-input", "--format", "json",
    )  # fmt: skip
    profile = json.loads(result.out)["profile"]
    assert (profile["category"], profile["price"], profile["notes_per_week"]) == ("shoes", 30, 2)


def test_flags_take_numbers_as_a_chinese_keyboard_types_them(cli: Cli) -> None:
    for price, expected in [("25块", 25), ("24。9", 24.9), ("２４．９", 24.9)]:
        result = cli(
            "evaluate", *CORE, "--price", price, "--live-hours-per-week", "42小时",
            "--notes-per-week", "３篇", "--no-input", "--format", "json",
        )  # fmt: skip
        profile = json.loads(result.out)["profile"]
        assert (profile["price"], profile["live_hours_per_week"], profile["notes_per_week"]) == (
            expected, 42, 3,
        )  # fmt: skip


def test_missing_answers_exit_2_naming_flags(cli: Cli) -> None:
    result = cli("evaluate", "--category", "shoes", "--no-input")
    assert result.code == 2
    assert "--price" in result.err and "--live-hours-per-week" in result.err
    assert result.out == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--price", "-5"], "--price: must be greater than 0"),
        (["--category", "shoe"], "did you mean 'shoes'"),
        (["--answer", "colour=red"], "unknown question 'colour'"),
        (["--answer", "novalue"], "expected ID=VALUE"),
        (["--answers", "/nonexistent/a.yaml"], "error: /nonexistent/a.yaml: not found\n"),
        (["--format", "pdf"], "invalid choice"),
        (["--bogus"], "unrecognized arguments"),
    ],
)
def test_bad_input_exits_2_with_a_message(cli: Cli, args: list[str], message: str) -> None:
    result = cli("evaluate", *CORE, *args, "--no-input")
    assert result.code == 2
    assert message in result.err


def test_broken_pack_exits_3_with_locations(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text("pack: {name: x, version: '1', as_of: nope}\n")
    result = cli("evaluate", *CORE, "--no-input", "--rules", str(tmp_path))
    assert result.code == 3
    assert f"{tmp_path}/pack.yaml:1:" in result.err


def test_output_is_written_and_not_replaced_without_force(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    assert cli("evaluate", *CORE, "--no-input", "--format", "markdown", "-o", str(target)).code == 0
    first = target.read_text(encoding="utf-8")
    assert first.startswith("# ")
    refused = cli("evaluate", *CORE, "--no-input", "--format", "json", "-o", str(target))
    assert refused.code == 2 and "already exists" in refused.err
    assert target.read_text(encoding="utf-8") == first
    forced = cli("evaluate", *CORE, "--no-input", "--format", "json", "-o", str(target), "--force")
    assert forced.code == 0 and json.loads(target.read_text(encoding="utf-8"))
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("r.html", "<!DOCTYPE html>"),
        ("r.htm", "<!DOCTYPE html>"),
        ("r.md", "# Platform fit report"),
        ("R.MARKDOWN", "# Platform fit report"),
        ("r.json", "{"),
        ("r.txt", "─"),
        ("report", "─"),
    ],
)
def test_the_output_file_s_extension_names_the_format(
    cli: Cli, tmp_path: Path, name: str, starts: str
) -> None:
    result = cli("evaluate", *CORE, "--no-input", "--lang", "en", "-o", str(tmp_path / name))
    assert result.code == 0, result.err
    assert (tmp_path / name).read_text(encoding="utf-8").startswith(starts)


def test_format_wins_where_the_extension_names_none(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    assert cli("evaluate", *CORE, "--no-input", "--format", "json", "-o", str(target)).code == 0
    assert json.loads(target.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--format", "markdown", "-o", "r.html"],
         "--format markdown does not match {dir}/r.html, which names html"),
        (["-o", "r.csv"], "{dir}/r.csv: cannot write csv here; --format takes table, json"),
    ],
)  # fmt: skip
def test_a_file_named_for_another_format_is_an_error_saying_both(
    cli: Cli, tmp_path: Path, args: list[str], said: str
) -> None:
    words = [str(tmp_path / a) if a.startswith("r.") else a for a in args]
    result = cli("evaluate", *CORE, "--no-input", *words)
    assert result.code == 2 and said.format(dir=tmp_path) in result.err
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
def test_every_format_in_both_languages(cli: Cli, fmt: str, lang: str) -> None:
    result = cli("evaluate", *CORE, "--no-input", "--format", fmt, "--lang", lang)
    assert result.code == 0
    has_chinese = any("\u4e00" <= ch <= "\u9fff" for ch in result.out)
    if lang == "zh" or fmt != "json":
        assert has_chinese  # quotes are Chinese in every language
    assert "\x1b[" not in result.out


def test_language_follows_the_locale(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    result = cli("evaluate", *CORE, "--no-input", "--format", "markdown")
    assert "平台适配报告" in result.out


def test_questions_and_observations_json(cli: Cli) -> None:
    questions = json.loads(cli("questions", "--format", "json").out)
    assert [q["id"] for q in questions][:5] == [
        "category", "price", "notes_per_week", "videos_per_week", "live_hours_per_week",
    ]  # fmt: skip
    observations = json.loads(cli("observations", "--format", "json").out)
    assert all({"id", "platforms", "summary", "source"} <= set(o) for o in observations)
    shown = cli("observations", "show", "A13")
    assert shown.code == 0 and "A13" in shown.out
    assert cli("observations", "show", "A99").code == 2


def test_rules_validate_and_test_builtin(cli: Cli) -> None:
    assert cli("rules", "validate").code == 0
    result = cli("rules", "test")
    assert result.code == 0 and result.out.rstrip().endswith("0 failed")


def test_console_script_runs_from_any_directory(tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "merchant_cli", "evaluate", *CORE, "--no-input", "--format", "json"],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["ranking"]


def test_piped_stdin_never_prompts(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "merchant_cli", "evaluate", "--category", "shoes"],
        input="\n" * 20, capture_output=True, text=True, cwd=tmp_path, timeout=30, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and "--price" in done.stderr


def test_empty_rules_path_is_refused(cli: Cli) -> None:
    result = cli("evaluate", *CORE, "--no-input", "--rules", "")
    assert result.code == 2 and "empty path" in result.err


def test_hidden_folders_are_not_part_of_a_pack(cli: Cli, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(DATA / "loader" / "minimal", pack)
    (pack / ".venv").mkdir()
    (pack / ".venv" / "junk.yaml").write_text("not: [a, pack", encoding="utf-8")
    assert cli("rules", "validate", str(pack)).code == 0


def test_an_answer_value_is_never_read_as_a_pack_option(cli: Cli) -> None:
    result = cli("evaluate", *CORE, "--answer", "--rules=/nonexistent", "--no-input")
    assert result.code == 2 and "--answer: expected one argument" in result.err


def test_unknown_command_suggests_the_nearest(cli: Cli) -> None:
    result = cli("evalute", *CORE)
    assert result.code == 2 and "unknown command 'evalute'; did you mean 'evaluate'?" in result.err
