"""`rules diff --merchants FILE`: which clients' lead or close call a pack changes, and why.

The pack under test is the one every command uses (`--rules`, `--rules-overlay`); the
base is `--against DIR` (default: the pack in use, without overlays) with its own
`--against-overlay` layers. Overlays are not applied to the base: the commonest diff
is "the pack I use, with this overlay, against the pack I use", and an overlay on both
sides would cancel out.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from merchant_cli.app.clock import report_date
from merchant_cli.app.commands.common import (
    add_format_option,
    add_lang_option,
    add_overlay_option,
    add_pack_options,
    emit,
    emit_json,
    lang_of,
    pack_dir,
    pack_from_args,
)
from merchant_cli.app.commands.inputs import add_input_options, input_records
from merchant_cli.core.errors import UsageError
from merchant_cli.core.pack import RulePack
from merchant_cli.core.said import say
from merchant_cli.packs.loader import default_pack_dir, load_pack
from merchant_cli.reporters.messages import t

DIFF_FORMATS = ("table", "markdown", "json")
"""The forms `rules diff` prints (the renderers are imported only when it runs)."""


def add_parsers(actions: argparse._SubParsersAction[argparse.ArgumentParser], lang: str) -> None:
    diff = actions.add_parser(
        "diff",
        help=t("help.diff", lang),
        description=t("help.diff_description", lang),
        epilog=t("help.diff_examples", lang),
    )
    add_input_options(diff, lang, file_option="--merchants", encoding=True)
    add_format_option(diff, DIFF_FORMATS, "table", lang)
    diff.add_argument("--exit-code", action="store_true", help=t("help.exit_code", lang))
    add_lang_option(diff, lang)
    add_pack_options(diff, lang)
    base = diff.add_argument_group(t("help.against_group", lang))
    base.add_argument("--against", metavar="DIR", type=pack_dir, help=t("help.against", lang))
    add_overlay_option(base, "--against-overlay", t("help.against_overlay", lang))
    diff.set_defaults(handler=run_diff)


def run_diff(args: argparse.Namespace) -> int:
    from merchant_cli.core.rulesdiff import diff_packs
    from merchant_cli.reporters.rulesdiff import Side, diff_data, diff_markdown, diff_table

    if not (args.rules or args.rules_overlay or args.against or args.against_overlay):
        raise UsageError(say("diff.same_packs"))
    after = pack_from_args(args)
    before = _base_pack(args)
    with input_records(args, after) as records:
        diff = diff_packs(records, before, after, today=report_date(args.today))
    lang = lang_of(args)
    packs = Side(before, _names(args.against_overlay)), Side(after, _names(args.rules_overlay))
    if args.format == "json":
        emit_json(diff_data(diff, packs, lang))
    else:
        render = diff_markdown if args.format == "markdown" else diff_table
        emit(render(diff, packs, lang))
    moved = diff.changed or any(len(r.by) == 1 for r in diff.rejected)
    return 1 if args.exit_code and moved else 0


def _names(overlays: list[Path]) -> tuple[str, ...]:
    """An overlay as the report names it: its folder's name (`new-evidence`), not its path."""
    return tuple(path.resolve().name for path in overlays)


def _base_pack(args: argparse.Namespace) -> RulePack:
    directory = args.against or default_pack_dir()
    return load_pack(directory, args.against_overlay, follow_links=args.follow_links)
