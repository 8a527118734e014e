"""Per-module mutation scores from a finished `mutmut run` (see docs/testing.md).

Reads mutmut's result files under `mutants/`, leaves out the mutants listed in
tests/mutation/equivalent.txt (one per line: the mutant's name, then why it behaves
as the original), prints a table per module and writes every surviving mutant, with
its diff, to mutation-survivors.txt (not committed). Exits 1 when any module's score
is below --fail-under.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTANTS = ROOT / "mutants"
EQUIVALENT = ROOT / "tests" / "mutation" / "equivalent.txt"
SURVIVORS = ROOT / "mutation-survivors.txt"
KILLED = {1, 3, 36, 37, -24, 24, 152, 255}
"""mutmut's exit codes for a mutant the tests (or a timeout, or the type check) caught."""
STATUS = {0: "survived", 5: "no tests", 33: "no tests", 34: "skipped", None: "not checked"}


@dataclass
class Module:
    name: str
    mutants: int = 0
    killed: int = 0
    equivalent: int = 0
    survivors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def survived(self) -> int:
        return len(self.survivors)

    @property
    def score(self) -> float:
        counted = self.mutants - self.equivalent
        return 100.0 * self.killed / counted if counted else 100.0


def read_equivalent(path: Path) -> dict[str, str]:
    """Mutant name -> why it is equivalent; `#` starts a comment line."""
    found: dict[str, str] = {}
    for line in path.read_text("utf-8").splitlines():
        text = line.strip()
        if text and not text.startswith("#"):
            name, _, reason = text.partition(" ")
            found[name] = reason.strip()
    return found


def tally(results: dict[str, dict[str, int | None]], equivalent: dict[str, str]) -> list[Module]:
    """Per module (file path -> mutant name -> exit code), the counts the table shows."""
    modules = []
    for path, codes in sorted(results.items()):
        module = Module(path)
        for name, code in sorted(codes.items()):
            module.mutants += 1
            if name in equivalent:
                module.equivalent += 1
            elif code in KILLED:
                module.killed += 1
            else:
                module.survivors.append((name, STATUS.get(code, f"exit code {code}")))
        modules.append(module)
    return modules


def table(modules: list[Module]) -> str:
    total = Module("all")
    for module in modules:
        total.mutants += module.mutants
        total.killed += module.killed
        total.equivalent += module.equivalent
        total.survivors += module.survivors
    lines = [
        "| module | mutants | killed | survived | equivalent | score |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    lines.extend(
        f"| {m.name} | {m.mutants} | {m.killed} | {m.survived} | {m.equivalent} | {m.score:.1f}% |"
        for m in [*modules, total]
    )
    return "\n".join(lines)


def load_results(mutants: Path) -> dict[str, dict[str, int | None]]:
    results = {}
    for meta in sorted(mutants.rglob("*.py.meta")):
        codes = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
        if codes:
            results[meta.relative_to(mutants).as_posix().removesuffix(".meta")] = codes
    return results


def differ() -> Callable[[str], str]:
    """mutmut's own diff of a mutant, when mutmut is installed (it is not a dev dependency)."""
    try:
        module = importlib.import_module("mutmut.mutation.diff_apply")
    except ImportError:
        return lambda name: ""
    show: Callable[[str], str] = module.get_diff_for_mutant
    return show


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--fail-under", type=float, default=0.0, help="minimum score of every module, %%"
    )
    args = parser.parse_args(argv)
    results = load_results(MUTANTS)
    if not results:
        print("no mutmut results under mutants/: run `make mutate`", file=sys.stderr)
        return 2
    equivalent = read_equivalent(EQUIVALENT)
    known = {name for codes in results.values() for name in codes}
    for name in sorted(set(equivalent) - known):
        print(f"warning: {EQUIVALENT.name} lists {name}, which mutmut did not make")
    modules = tally(results, equivalent)
    print(table(modules))
    diff = differ()
    with SURVIVORS.open("w", encoding="utf-8") as out:
        for module in modules:
            for name, status in module.survivors:
                out.write(f"{name}: {status}\n")
                try:
                    out.write(diff(name) + "\n\n")
                except Exception as exc:  # a diff is a convenience, never the verdict
                    out.write(f"(no diff: {exc})\n\n")
    survived = sum(m.survived for m in modules)
    print(f"{survived} surviving mutants written to {SURVIVORS.name}")
    below = [m for m in modules if m.score < args.fail_under]
    for module in below:
        print(
            f"{module.name}: {module.score:.1f}% is below {args.fail_under:.0f}%", file=sys.stderr
        )
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
