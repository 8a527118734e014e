"""`questions` and `observations`: what the pack asks and what evidence it holds."""

from __future__ import annotations

import argparse
from typing import Any

from merchant_cli.app.commands.common import (
    add_format_option,
    add_lang_option,
    add_pack_options,
    add_pager_option,
    emit_json,
    emit_paged,
    lang_of,
    listing_width,
    pack_from_args,
)
from merchant_cli.core.errors import UsageError
from merchant_cli.core.models import Observation, to_data
from merchant_cli.core.pack import RulePack
from merchant_cli.core.said import did_you_mean, say
from merchant_cli.reporters.listings import (
    observation_block,
    observations_listing,
    questions_listing,
)
from merchant_cli.reporters.messages import t
from merchant_cli.reporters.questions import question_data


def add_parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], lang: str) -> None:
    questions = subparsers.add_parser("questions", help=t("help.questions", lang))
    add_format_option(questions, ("table", "json"), "table", lang)
    add_lang_option(questions, lang)
    add_pager_option(questions, lang)
    add_pack_options(questions, lang)
    questions.set_defaults(handler=run_questions)

    observations = subparsers.add_parser("observations", help=t("help.observations", lang))
    observations.add_argument("ids", nargs="*", metavar="ID", help=t("help.observation_ids", lang))
    add_format_option(observations, ("table", "json"), "table", lang)
    add_lang_option(observations, lang)
    add_pager_option(observations, lang)
    add_pack_options(observations, lang)
    observations.set_defaults(handler=run_observations)


def run_questions(args: argparse.Namespace) -> int:
    pack = pack_from_args(args)
    if args.format == "json":
        emit_json([question_data(q) for q in pack.questions])
        return 0
    emit_paged(questions_listing(pack, lang_of(args), listing_width()), args)
    return 0


def observation_data(pack: RulePack, observation: Observation) -> dict[str, Any]:
    source = pack.source_by_id.get(observation.source)
    return {
        "id": observation.id,
        "platforms": list(observation.platforms),
        "summary": to_data(observation.summary),
        "quote": observation.quote,
        "source": to_data(source) if source else observation.source,
        "cited_by": [r.id for r in pack.rules if observation.id in r.evidence],
    }


def run_observations(args: argparse.Namespace) -> int:
    pack = pack_from_args(args)
    lang = lang_of(args)
    ids = _shown_ids(args.ids)
    chosen = [_observation(pack, ident) for ident in ids] or list(pack.observations)
    if args.format == "json":
        data: Any = [observation_data(pack, o) for o in chosen]
        emit_json(data[0] if len(ids) == 1 else data)
        return 0
    width = listing_width()
    if ids:
        text = "\n".join(observation_block(pack, o, lang, width) for o in chosen)
    else:
        text = observations_listing(pack, chosen, lang, width)
    emit_paged(text, args)
    return 0


def _shown_ids(ids: list[str]) -> list[str]:
    """The ids to show in full; a leading `show` (the older spelling) needs one id."""
    if ids[:1] != ["show"]:
        return ids
    if len(ids) != 2:
        raise UsageError(say("observation.show_one"))
    return ids[1:]


def _observation(pack: RulePack, ident: str) -> Observation:
    found = pack.observation_by_id.get(ident)
    if found is None:
        hint = did_you_mean(ident, pack.observation_by_id)
        raise UsageError(say("observation.unknown", name=repr(ident), suggestion=hint))
    return found
