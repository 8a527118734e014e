"""`rules validate`, `rules test`, `rules list`, `rules show`, `rules coverage` and `rules diff`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from merchant_cli.app.commands.common import (
    add_format_option,
    add_lang_option,
    add_pack_options,
    emit,
    emit_json,
    load_args_pack,
    pack_dir,
)
from merchant_cli.core.errors import PackError, Problem, errors_in
from merchant_cli.packs.loader import pack_warnings
from merchant_cli.reporters.messages import t, worded
from merchant_cli.reporters.safe import terminal

if TYPE_CHECKING:
    from merchant_cli.packs.casetest import Mismatch


def add_parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], lang: str) -> None:
    from merchant_cli.app.commands import rules_diff, rules_view

    rules = subparsers.add_parser("rules", help=t("help.rules_command", lang))
    actions = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)

    validate = actions.add_parser("validate", help=t("help.validate", lang))
    validate.add_argument("dir", nargs="?", type=pack_dir, help=t("help.pack_dir_default", lang))
    add_format_option(validate, ("text", "json"), "text", lang)
    add_lang_option(validate, lang)
    add_pack_options(validate, lang)
    validate.set_defaults(handler=run_validate)

    test = actions.add_parser("test", help=t("help.test", lang))
    test.add_argument("dir", nargs="?", type=pack_dir, help=t("help.pack_dir", lang))
    add_format_option(test, ("text", "json"), "text", lang)
    add_lang_option(test, lang)
    add_pack_options(test, lang)
    test.set_defaults(handler=run_test)

    rules_view.add_parsers(actions, lang)
    rules_diff.add_parsers(actions, lang)


def run_validate(args: argparse.Namespace) -> int:
    try:
        pack = load_args_pack(args, cache=False)  # from the files: messages need their places
    except PackError as exc:
        _print_problems(exc.problems, args.format)
        return exc.exit_code
    warnings = pack_warnings(pack)
    _print_problems(warnings, args.format)
    if args.format == "text":
        named = terminal(f"{pack.meta.name} {pack.meta.version}")
        emit(
            f"{named}: {len(pack.rules)} rules, "
            f"{len(pack.observations)} observations, {len(pack.questions)} questions, "
            f"{len(pack.cases)} cases; 0 errors, {sum(p.count for p in warnings):,} warnings\n"
        )
    return 0


def _print_problems(problems: list[Problem], fmt: str) -> None:
    if fmt == "json":
        emit_json([p.__dict__ for p in problems])
        return
    emit("".join(f"{terminal(str(p))}\n" for p in problems))
    errors = errors_in(problems)
    if errors:
        emit(f"{errors:,} errors, {sum(p.count for p in problems) - errors:,} warnings\n")


def run_test(args: argparse.Namespace) -> int:
    from merchant_cli.packs.casetest import Outcome, run_cases, run_examples

    pack = load_args_pack(args)
    results: list[Outcome] = [*run_cases(pack), *run_examples(pack)]
    failed = sum(not r.passed for r in results)
    if args.format == "json":
        data: list[dict[str, Any]] = [
            {
                "name": r.name,
                "passed": r.passed,
                "failures": [_worded(f) for f in r.failures],
                "ranking": r.ranking,
            }
            for r in results
        ]
        emit_json(data)
        return 1 if failed else 0
    lines = []
    for result in results:
        lines.append(f"{'PASS' if result.passed else 'FAIL'} {result.name}")
        if result.passed:
            continue
        width = max(len(f.what) for f in result.failures)
        for failure in map(_worded, result.failures):
            lines.append(f"     {failure['what']:<{width}}  expected: {failure['expected']}")
            lines.append(f"     {'':<{width}}  actual:   {failure['actual']}")
        if result.ranking:
            lines.append(f"     ranking: {result.ranking}")
    lines.append(f"{len(results) - failed} passed, {failed} failed")
    emit("".join(f"{terminal(line)}\n" for line in lines))
    return 1 if failed else 0


def _worded(failure: Mismatch) -> dict[str, str]:
    """A failed expectation as `rules test` shows it; pack tools speak English."""
    actual = failure.actual
    return {
        **failure.__dict__,
        "actual": actual if isinstance(actual, str) else worded(actual, "en"),
    }
