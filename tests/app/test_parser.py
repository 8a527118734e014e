"""Parsing without surprises: the command is the first word, values stay values, help and
completion come from the real parsers."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CORE, ROOT, Run

Cli = Callable[..., Run]
EXAMPLES = ROOT / "examples"


@pytest.mark.parametrize("prefix", [["evaluate"], []])
@pytest.mark.parametrize("name", ["batch", "rules", "evaluate", "help"])
def test_a_value_named_like_a_command_is_a_value(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, prefix: list[str], name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli(*prefix, *CORE, "--no-input", "--format", "json", "--output", name)
    assert result.code == 0, result.err
    assert json.loads((tmp_path / name).read_text(encoding="utf-8"))["ranking"]


def test_a_choice_value_named_like_a_command_is_checked_as_an_answer(cli: Cli) -> None:
    result = cli("--category", "batch", "--no-input")
    assert result.code == 2 and "--category: 'batch' is not one of" in result.err


@pytest.mark.parametrize("args", [["--price=-5"], ["--answer", "price=-5"], ["--price", "-5"]])
def test_negative_values_reach_the_answer_check(cli: Cli, args: list[str]) -> None:
    result = cli(*CORE, *args, "--no-input")
    assert result.code == 2 and "--price: must be greater than 0, got -5" in result.err


def test_global_options_before_the_command_apply_to_it(cli: Cli) -> None:
    result = cli("--lang", "zh", "questions")
    assert result.code == 0 and "主营类目" in result.out
    overlaid = cli("--rules-overlay", str(EXAMPLES / "overlay-kuaishou"), "evaluate", *CORE,
                   "--no-input", "--format", "json")  # fmt: skip
    assert "kuaishou" in {entry["platform"] for entry in json.loads(overlaid.out)["ranking"]}


def test_an_unknown_option_suggests_the_nearest(cli: Cli) -> None:
    result = cli(*CORE, "--prise", "20", "--no-input")
    assert result.code == 2
    assert "unrecognized arguments: --prise 20; did you mean --price?" in result.err
    assert "hint: see `merchant-cli evaluate --help`" in result.err
    spelled = cli("evaluate", *CORE, "--no-inptu")
    assert "did you mean --no-input?" in spelled.err


def test_options_are_never_abbreviated(cli: Cli) -> None:
    assert cli(*CORE, "--no-inp").code == 2


@pytest.mark.parametrize(
    ("words", "same_as"),
    [
        (["help"], ["--help"]),
        (["help", "evaluate"], ["evaluate", "--help"]),
        (["help", "rules", "validate"], ["rules", "validate", "--help"]),
        (["-h", "batch"], ["batch", "--help"]),
        (["version"], ["--version"]),
    ],
)
def test_help_and_version_commands(cli: Cli, words: list[str], same_as: list[str]) -> None:
    result, expected = cli(*words), cli(*same_as)
    assert result.code == expected.code == 0
    assert result.out == expected.out and result.out


def test_help_teaches_exit_codes_and_examples(cli: Cli) -> None:
    top = cli("--help").out
    for code in ("0", "1", "2", "3", "70", "129", "130", "141", "143"):
        assert f"\n  {code} " in top
    evaluate = cli("evaluate", "--help").out
    assert "--category" in evaluate and "examples:\n  merchant-cli evaluate" in evaluate
    assert "examples:\n  merchant-cli batch" in cli("batch", "--help").out


def test_help_of_an_unknown_command_suggests_the_nearest(cli: Cli) -> None:
    result = cli("help", "evalute")
    assert result.code == 2 and "did you mean 'evaluate'?" in result.err


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_name_the_commands_and_question_flags(cli: Cli, shell: str) -> None:
    result = cli("completion", shell)
    assert result.code == 0
    assert "evaluate" in result.out and "--live-hours-per-week" in result.out


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_bash_completion_script_is_valid_bash(cli: Cli, tmp_path: Path) -> None:
    script = tmp_path / "merchant-cli.bash"
    script.write_text(cli("completion", "bash").out, encoding="utf-8")
    checked = subprocess.run(["bash", "-n", str(script)], capture_output=True, check=False)
    assert checked.returncode == 0, checked.stderr


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("evaluate --category ''", {"shoes", "bags", "womens_apparel", "other"}),
        ("--merchant-type ''", {"cluster_factory", "brand", "boutique", "not_specified"}),
        ("evaluate --goal s", {"seeding"}),
        ("--pr", {"--price"}),
        ("help ''", {"evaluate", "questions", "rules", "batch", "completion"}),
        ("evaluate --answers m", {"m.yaml", "merchants.csv"}),
        ("--output r", {"report.md"}),
        ("batch me", {"merchants.csv"}),
        ("batch merchants.csv --rejects r", {"report.md"}),
        ("rules validate p", {"pack"}),
        ("questions --rules p", {"pack"}),
    ],
)
def test_bash_completes_choices_files_top_level_options_and_help_topics(
    cli: Cli, tmp_path: Path, words: str, offered: set[str]
) -> None:
    """In a plain bash (no rc files, no bash-completion package), as the README installs it."""
    script = tmp_path / "completion.bash"
    script.write_text(cli("completion", "bash").out, encoding="utf-8")
    for name in ("m.yaml", "merchants.csv", "report.md"):
        (tmp_path / name).touch()
    (tmp_path / "pack").mkdir()
    complete = (
        f". {script}; COMP_WORDS=(merchant-cli {words}); COMP_CWORD=$((${{#COMP_WORDS[@]}}-1)); "
        '_shtab_merchant_cli 2>/dev/null; printf "%s\\n" "${COMPREPLY[@]}"'
    )
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", complete],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert offered <= set(done.stdout.split()), done.stdout + done.stderr


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_script_s_header_gives_the_readme_s_install_steps(cli: Cli, shell: str) -> None:
    script = cli("completion", shell).out
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    header = script.split("\n\n", 1)[0]
    steps = [line[4:] for line in header.splitlines() if line.startswith("#   ")]
    assert steps and all(step in readme for step in steps)
    assert "AUTOMATICALLY GENERATED" not in script and "bash_completion/" not in script
    assert cli("completion", "--help").out.count(steps[0]) == 1


def test_completion_is_not_imported_by_ordinary_runs() -> None:
    code = "import sys; from merchant_cli.app.cli import main; print('shtab' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stdout.strip() == "False", done.stderr


def test_answers_from_stdin(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (EXAMPLES / "merchant-shoe-factory.yaml").read_text(encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    result = cli("evaluate", "--answers", "-", "--no-input", "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["profile"]["category"] == "shoes"


def test_answers_from_stdin_must_be_a_mapping(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"[1, 2]\n")))
    result = cli("evaluate", "--answers", "-", "--no-input")
    assert result.code == 2
    assert "<stdin>: an answers file must be a mapping of question id -> value" in result.err


@pytest.mark.parametrize(
    "args",
    [
        ["evaluate", *CORE, "--no-input", "--answers", "/nonexistent/answers.yaml"],
        ["batch", "/nonexistent/answers.yaml"],
    ],
)
def test_a_missing_file_is_not_found_without_a_position(cli: Cli, args: list[str]) -> None:
    result = cli(*args)
    assert result.code == 2
    assert result.err == "merchant-cli: error: /nonexistent/answers.yaml: not found\n"


@pytest.mark.parametrize(
    "args",
    [
        ["evaluate", *CORE, "--no-input", "--rules", "/nonexistent-pack"],
        ["evaluate", *CORE, "--no-input", "--rules-overlay", "/nonexistent-pack"],
        ["rules", "validate", "/nonexistent-pack"],
    ],
)
def test_a_missing_pack_folder_is_bad_usage(cli: Cli, args: list[str]) -> None:
    result = cli(*args)
    assert result.code == 2
    assert result.err == "merchant-cli: error: /nonexistent-pack: rule pack directory not found\n"


def test_observations_id_shows_one(cli: Cli) -> None:
    shown, older = cli("observations", "A13"), cli("observations", "show", "A13")
    assert shown.code == 0 and shown.out == older.out and "「" in shown.out
    one = json.loads(cli("observations", "A13", "--format", "json").out)
    assert one["id"] == "A13"


@pytest.mark.parametrize("args", [["A99"], ["show", "A99"]])
def test_an_unknown_observation_suggests_the_nearest(cli: Cli, args: list[str]) -> None:
    result = cli("observations", *args)
    assert result.code == 2
    assert result.err == "merchant-cli: error: unknown observation 'A99'; did you mean 'A29'?\n"
