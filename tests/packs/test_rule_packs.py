"""Every kind of rule-pack mistake, each a fixture pack under tests/data/packs/.

Each fixture is overlaid on the tiny valid pack `base/` and holds an
`expected.txt`: the exact `file:line:col: message (path)` lines that
`rules validate` must print for it, in order. Adding a fixture adds a test.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, Run

PACKS = Path("tests/data/packs")
BASE = PACKS / "base"
FIXTURES = sorted(p.name for p in (ROOT / PACKS).iterdir() if p.is_dir() and p.name != "base")


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # expected.txt names files relative to the repository


def _validate(cli: Callable[..., Run], name: str, *extra: str) -> Run:
    return cli("rules", "validate", str(BASE), "--rules-overlay", str(PACKS / name), *extra)


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_reports_exactly_its_problems(cli: Callable[..., Run], name: str) -> None:
    expected = (ROOT / PACKS / name / "expected.txt").read_text(encoding="utf-8").splitlines()
    run = _validate(cli, name)
    problems = [line for line in run.out.splitlines() if line.startswith(str(PACKS))]
    assert problems == expected
    has_error = any(": warning: " not in line for line in expected)
    assert run.code == (3 if has_error else 0)


def test_every_kind_of_problem_has_a_fixture() -> None:
    kinds = {
        "schema-error", "unknown-key", "duplicate-id", "duplicate-yaml-key", "unknown-evidence",
        "unknown-question", "bad-choice", "wrong-operator", "no-evidence", "never-fires",
        "contradictory-range", "uncited-observation", "platform-without-rules", "python-tag",
        "other-tag", "disable-unknown", "several-problems", "one-statement-two-effects",
        "strength-out-of-range", "unknown-strength", "no-strength",
    }  # fmt: skip
    assert kinds <= set(FIXTURES)


def test_several_problems_are_all_reported_in_one_run(cli: Callable[..., Run]) -> None:
    run = _validate(cli, "several-problems")
    files = {line.split(":")[0] for line in run.out.splitlines() if line.startswith(str(PACKS))}
    assert {Path(f).name for f in files} == {
        "a-rules.yaml",
        "b-broken.yaml",
        "c-dup-key.yaml",
        "d-notes.yaml",
    }
    assert run.out.splitlines()[-1] == "6 errors, 1 warnings"


def test_json_lists_the_same_problems_errors_and_warnings(cli: Callable[..., Run]) -> None:
    text = _validate(cli, "several-problems").out.splitlines()[:-1]
    run = _validate(cli, "several-problems", "--format", "json")
    problems = json.loads(run.out)
    assert run.code == 3
    assert [p["severity"] for p in problems].count("warning") == 1
    rendered = [
        f"{p['file']}:{p['line']}:{p['column']}: "
        f"{'' if p['severity'] == 'error' else 'warning: '}{p['message']}"
        + (f" ({p['path']})" if p["path"] else "")
        for p in problems
    ]
    assert rendered == text


def test_warnings_alone_exit_zero_in_json(cli: Callable[..., Run]) -> None:
    run = _validate(cli, "uncited-observation", "--format", "json")
    assert run.code == 0
    assert json.loads(run.out) == [
        {
            "file": "tests/data/packs/uncited-observation/rules.yaml",
            "line": 2,
            "column": 6,
            "message": "observation 'B09' is cited by no rule, step or risk",
            "path": "observations[0].id",
            "severity": "warning",
            "kind": "unused",
            "subject": ["observation", "B09"],
            "count": 1,
        }
    ]


def test_base_pack_is_clean_and_its_cases_pass(cli: Callable[..., Run]) -> None:
    run = cli("rules", "validate", str(BASE))
    assert (run.code, run.out) == (0, "tiny 0.1: 2 rules, 2 observations, 3 questions, "
                                      "1 cases; 0 errors, 0 warnings\n")  # fmt: skip
    assert cli("rules", "test", str(BASE)).code == 0


def test_python_tags_never_run(cli: Callable[..., Run], tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    pack = tmp_path / "evil"
    pack.mkdir()
    (pack / "rules.yaml").write_text(
        f'rules: !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8"
    )
    assert cli("rules", "validate", str(BASE), "--rules-overlay", str(pack)).code == 3
    assert not marker.exists()
