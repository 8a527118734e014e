"""`tools/mutation_report.py`: the per-module table `make mutate` prints, from mutmut's data."""

from __future__ import annotations

import json
from pathlib import Path

from tools.mutation_report import load_results, read_equivalent, table, tally


def test_scores_leave_out_equivalent_mutants_and_count_timeouts_as_killed(tmp_path: Path) -> None:
    meta = tmp_path / "pkg" / "mod.py.meta"
    meta.parent.mkdir()
    codes = {"pkg.mod.x_f__mutmut_1": 1, "pkg.mod.x_f__mutmut_2": 0,
             "pkg.mod.x_f__mutmut_3": 36, "pkg.mod.x_f__mutmut_4": 0,
             "pkg.mod.x_f__mutmut_5": 33}  # fmt: skip
    meta.write_text(json.dumps({"exit_code_by_key": codes}), "utf-8")
    (tmp_path / "empty.py.meta").write_text(json.dumps({"exit_code_by_key": {}}), "utf-8")
    listed = tmp_path / "equivalent.txt"
    listed.write_text("# a comment\n\npkg.mod.x_f__mutmut_4 same result\n", "utf-8")
    equivalent = read_equivalent(listed)
    assert equivalent == {"pkg.mod.x_f__mutmut_4": "same result"}
    (module,) = tally(load_results(tmp_path), equivalent)
    assert (module.name, module.mutants, module.killed, module.equivalent) == (
        "pkg/mod.py", 5, 2, 1,
    )  # fmt: skip
    assert module.survivors == [("pkg.mod.x_f__mutmut_2", "survived"),
                                ("pkg.mod.x_f__mutmut_5", "no tests")]  # fmt: skip
    assert module.score == 50.0
    assert "| pkg/mod.py | 5 | 2 | 2 | 1 | 50.0% |" in table([module]).splitlines()
