"""`rules list`, `rules show ID` and `rules coverage`: what the pack knows, and how well."""

from __future__ import annotations

import argparse
from typing import Any

from merchant_cli.app.commands.common import (
    add_format_option,
    add_lang_option,
    add_pack_options,
    emit,
    emit_json,
    load_args_pack,
)
from merchant_cli.app.commands.info import observation_data
from merchant_cli.core.conditions import describe
from merchant_cli.core.errors import UsageError
from merchant_cli.core.models import Rule, to_data
from merchant_cli.core.pack import RulePack
from merchant_cli.core.said import did_you_mean, say
from merchant_cli.packs.coverage import Coverage, coverage
from merchant_cli.reporters.safe import terminal


def add_parsers(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    listing = actions.add_parser("list", help="one line per rule: id, platform, points, condition")
    listing.add_argument("--platform", metavar="ID", help="only the rules of this platform")
    add_format_option(listing, ("text", "json"), "text")
    add_lang_option(listing)
    add_pack_options(listing)
    listing.set_defaults(handler=run_list)

    show = actions.add_parser("show", help="one rule in full, with its evidence quoted")
    show.add_argument("id", help="rule id, e.g. dy-store-live")
    add_format_option(show, ("text", "json"), "text")
    add_lang_option(show)
    add_pack_options(show)
    show.set_defaults(handler=run_show)

    cover = actions.add_parser("coverage", help="what the rules cite and address; thin spots")
    add_format_option(cover, ("text", "json"), "text")
    add_lang_option(cover)
    add_pack_options(cover)
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
    rows = [
        (r.id, r.platform, f"{r.points:+d}", terminal(describe(r.when)), ", ".join(r.evidence))
        for r in chosen
    ]
    widths = [max((len(row[i]) for row in rows), default=0) for i in range(3)]
    emit(
        "".join(
            f"{ident:<{widths[0]}}  {platform:<{widths[1]}}  {points:>{widths[2]}}  "
            f"{condition}  [{evidence}]\n"
            for ident, platform, points, condition, evidence in rows
        )
    )
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
    platform = pack.platform_by_id[rule.platform].name
    lines = [
        f"{rule.id}: {rule.points:+d} points for {rule.platform} ({platform.en} / {platform.zh})",
        f"  when:       {data['condition']}",
        f"  defined at: {data['defined_at']}",
        f"  reason:     {rule.reason.en}",
        f"              {rule.reason.zh}",
        "  evidence:",
    ]
    for obs in observations:
        source = obs["source"]
        cited = f"{source['outlet']}, {source['date']}" if isinstance(source, dict) else source
        lines += [
            f"    {obs['id']}  {obs['summary']['en']}",
            f"         {obs['summary']['zh']}",
            f"         「{obs['quote']}」",
            f"         source: {cited}",
        ]
    emit("".join(f"{terminal(line)}\n" for line in lines))  # each line's texts: the pack's
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
