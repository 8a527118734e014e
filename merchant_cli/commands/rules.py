"""`rules validate` and `rules test`: check a pack and run its example cases."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from merchant_cli.commands.common import add_format_option, add_pack_options, emit
from merchant_cli.errors import PackError, Problem
from merchant_cli.loader import default_pack_dir, load_pack, pack_warnings
from merchant_cli.pack import RulePack


def add_parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rules = subparsers.add_parser("rules", help="check, test and inspect the rule pack")
    actions = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)

    validate = actions.add_parser("validate", help="check a pack; every problem with file:line")
    validate.add_argument(
        "dir", nargs="?", type=Path, help="pack directory (default: the one in use)"
    )
    add_format_option(validate, ("text", "json"), "text")
    add_pack_options(validate)
    validate.set_defaults(handler=run_validate)

    test = actions.add_parser("test", help="run the pack's example cases")
    test.add_argument("dir", nargs="?", type=Path, help="pack directory")
    add_pack_options(test)
    test.set_defaults(handler=run_test)


def _load(args: argparse.Namespace) -> RulePack:
    return load_pack(args.dir or args.rules or default_pack_dir(), args.rules_overlay)


def run_validate(args: argparse.Namespace) -> int:
    try:
        pack = _load(args)
    except PackError as exc:
        _print_problems(exc.problems, args.format)
        return exc.exit_code
    warnings = pack_warnings(pack)
    _print_problems(warnings, args.format)
    if args.format == "text":
        emit(
            f"{pack.meta.name} {pack.meta.version}: {len(pack.rules)} rules, "
            f"{len(pack.observations)} observations, {len(pack.questions)} questions, "
            f"{len(pack.cases)} cases; 0 errors, {len(warnings)} warnings\n"
        )
    return 0


def _print_problems(problems: list[Problem], fmt: str) -> None:
    if fmt == "json":
        emit(json.dumps([p.__dict__ for p in problems], ensure_ascii=False, indent=2) + "\n")
    else:
        emit("".join(f"{p}\n" for p in problems))


def run_test(args: argparse.Namespace) -> int:
    from merchant_cli.casetest import run_cases

    results = run_cases(_load(args))
    for result in results:
        emit(f"{'PASS' if result.passed else 'FAIL'} {result.case.name}\n")
        emit("".join(f"     {failure}\n" for failure in result.failures))
    failed = sum(not r.passed for r in results)
    emit(f"{len(results) - failed} passed, {failed} failed\n")
    return 1 if failed else 0
