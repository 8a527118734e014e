"""`merchant-cli schema pack|answers|report`: the JSON Schema of a pack file, an answers
file (from the pack's questions) or the JSON report, for editors and for programs."""

from __future__ import annotations

import argparse

from merchant_cli.app.commands.common import (
    add_command,
    add_pack_options,
    emit_json,
    pack_from_args,
)

EPILOG = """\
examples:
  merchant-cli schema report > report.schema.json
  merchant-cli schema answers --rules-overlay my-pack > answers.schema.json

In an editor with a YAML language server, a file starting with
  # yaml-language-server: $schema=path/to/pack.schema.json
is validated and completed as it is typed (the built-in pack's files do this).
"""


def add_parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from merchant_cli.packs.schemas import KINDS

    parser = add_command(
        subparsers,
        "schema",
        help="print the JSON Schema of a pack file, an answers file or the JSON report",
        description="Print a JSON Schema (draft 2020-12): `pack` for a rule-pack file, "
        "`answers` for an answers file of the pack in use, `report` for `evaluate --format json`.",
        epilog=EPILOG,
    )
    parser.add_argument("kind", choices=KINDS, help="which schema")
    add_pack_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from merchant_cli.packs.schemas import schema

    document = schema(args.kind, pack_from_args(args))
    emit_json(document)
    return 0
