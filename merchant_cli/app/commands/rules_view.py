"""`rules list`, `rules show ID` and `rules coverage`: what the pack knows, and how well."""

from __future__ import annotations

import argparse
from typing import Any

from merchant_cli.app.commands.common import (
    add_format_option,
    add_lang_option,
    add_pack_options,
    add_pager_option,
    emit,
    emit_json,
    emit_paged,
    lang_of,
    listing_width,
    load_args_pack,
)
from merchant_cli.app.commands.info import observation_data
from merchant_cli.core.conditions import describe
from merchant_cli.core.errors import UsageError
from merchant_cli.core.models import Rule, to_data
from merchant_cli.core.pack import RulePack
from merchant_cli.core.said import did_you_mean, say
from merchant_cli.packs.coverage import Coverage, coverage
from merchant_cli.reporters.listings import rule_listing, rules_listing
from merchant_cli.reporters.messages import t
from merchant_cli.reporters.safe import terminal


def add_parsers(actions: argparse._SubParsersAction[argparse.ArgumentParser], lang: str) -> None:
    listing = actions.add_parser("list", help=t("help.list", lang))
    listing.add_argument("--platform", metavar="ID", help=t("help.platform", lang))
    add_format_option(listing, ("text", "json"), "text", lang)
    add_lang_option(listing, lang)
    add_pager_option(listing, lang)
    add_pack_options(listing, lang)
    listing.set_defaults(handler=run_list)

    show = actions.add_parser("show", help=t("help.show", lang))
    show.add_argument("id", help=t("help.rule_id", lang))
    add_format_option(show, ("text", "json"), "text", lang)
    add_lang_option(show, lang)
    add_pager_option(show, lang)
    add_pack_options(show, lang)
    show.set_defaults(handler=run_show)

    cover = actions.add_parser("coverage", help=t("help.coverage", lang))
    add_format_option(cover, ("text", "json"), "text", lang)
    add_lang_option(cover, lang)
    add_pack_options(cover, lang)
    cover.set_defaults(handler=run_coverage)


def rule_data(pack: RulePack, rule: Rule) -> dict[str, Any]:
    origin = pack.origins.get(("rules", rule.id))
    where = ":".join(map(str, origin.locate())) if origin else None
    return {
        **to_data(rule),
        "condition": describe(rule.when),
        "defined_at": where,
    }


def run_list(args: argparse.Namespace) -> int:
    pack = load_args_pack(args)
    if args.platform is not None and args.platform not in pack.platform_by_id:
        hint = did_you_mean(args.platform, pack.platform_by_id)
        raise UsageError(say("platform.unknown", name=repr(args.platform), suggestion=hint))
    chosen = [r for r in pack.rules if args.platform in (None, r.platform)]
    if args.format == "json":
        emit_json([rule_data(pack, r) for r in chosen])
        return 0
    emit_paged(rules_listing(pack, chosen, lang_of(args), listing_width()), args)
    return 0


def run_show(args: argparse.Namespace) -> int:
    pack = load_args_pack(args)
    rule = pack.rule_by_id.get(args.id)
    if rule is None:
        hint = did_you_mean(args.id, pack.rule_by_id)
        raise UsageError(say("rule.unknown", name=repr(args.id), suggestion=hint))
    observations = [
        observation_data(pack, pack.observation_by_id[e])
        for e in rule.evidence
        if e in pack.observation_by_id
    ]
    data = rule_data(pack, rule)
    if args.format == "json":
        emit_json({**data, "observations": observations})
        return 0
    text = rule_listing(pack, rule, data["defined_at"], lang_of(args), listing_width())
    emit_paged(text, args)
    return 0


def coverage_data(found: Coverage) -> dict[str, Any]:
    return {
        "observations": [
            {"id": obs_id, "rules": len(rules), "cited_by": list(rules)}
            for obs_id, rules in found.citations.items()
        ],
        "facts": {
            fact: {
                value: {platform: list(ids) for platform, ids in row.items()}
                for value, row in rows.items()
            }
            for fact, rows in found.cells.items()
        },
        "thin": [spot.__dict__ for spot in found.thin],
    }


def run_coverage(args: argparse.Namespace) -> int:
    pack = load_args_pack(args)
    found = coverage(pack)
    if args.format == "json":
        emit_json(coverage_data(found))
        return 0
    cited = sum(bool(rules) for rules in found.citations.values())
    lines = [f"Observations cited: {cited} of {len(found.citations)}"]
    width = max((len(obs_id) for obs_id in found.citations), default=0)
    lines += [
        f"  {obs_id:<{width}}  {len(rules)} rule{'s' * (len(rules) != 1)}  {', '.join(rules)}"
        for obs_id, rules in found.citations.items()
    ]
    platforms = [p.id for p in pack.platforms]
    for fact, rows in found.cells.items():
        first = max(len(fact), *(len(value) + 2 for value in rows))
        lines += ["", f"{fact:<{first}}  " + "  ".join(platforms)]
        for value, row in rows.items():
            counts = "  ".join(f"{len(row[p]):>{len(p)}}" for p in platforms)
            lines.append(f"  {value:<{first - 2}}  {counts}")
    lines += ["", f"Thin spots ({len(found.thin)}):"]
    lines += [f"  - {spot.message}" for spot in found.thin] or ["  none"]
    emit("".join(f"{terminal(line)}\n" for line in lines))
    return 0
