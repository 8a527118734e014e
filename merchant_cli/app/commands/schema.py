"""`merchant-cli schema pack|answers|report`: the JSON Schema of a pack file, an answers
file (from the pack's questions) or the JSON report, for editors and for programs."""

from __future__ import annotations

import argparse

from merchant_cli.app.commands.common import (
    add_command,
    add_lang_option,
    add_pack_options,
    emit_json,
    pack_from_args,
)
from merchant_cli.reporters.messages import t


def add_parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], lang: str) -> None:
    from merchant_cli.packs.schemas import KINDS

    parser = add_command(
        subparsers,
        "schema",
        help=t("help.schema", lang),
        description=t("help.schema_description", lang),
        epilog=t("help.schema_epilog", lang),
    )
    parser.add_argument("kind", choices=KINDS, help=t("help.schema_kind", lang))
    add_lang_option(parser, lang)
    add_pack_options(parser, lang)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from merchant_cli.packs.schemas import schema

    document = schema(args.kind, pack_from_args(args))
    emit_json(document)
    return 0
