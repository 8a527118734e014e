"""`questions` and `observations`: what the pack asks and what evidence it holds."""

from __future__ import annotations

import argparse
from typing import Any

from merchant_cli.app.commands.common import (
    add_format_option,
    add_lang_option,
    add_pack_options,
    emit,
    emit_json,
    lang_of,
    pack_from_args,
)
from merchant_cli.core.errors import UsageError
from merchant_cli.core.models import Observation, Question, to_data
from merchant_cli.core.pack import RulePack
from merchant_cli.core.said import did_you_mean, say
from merchant_cli.reporters.messages import t
from merchant_cli.reporters.safe import terminal


def add_parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    questions = subparsers.add_parser(
        "questions", help="list every question: id, flag, type, allowed values, default, help"
    )
    add_format_option(questions, ("table", "json"), "table")
    add_lang_option(questions)
    add_pack_options(questions)
    questions.set_defaults(handler=run_questions)

    observations = subparsers.add_parser(
        "observations",
        help="the evidence catalog the rules cite; `observations ID` shows one in full",
    )
    observations.add_argument(
        "ids",
        nargs="*",
        metavar="ID",
        help="show these observations in full, e.g. A13 (`observations show A13` also works)",
    )
    add_format_option(observations, ("table", "json"), "table")
    add_lang_option(observations)
    add_pack_options(observations)
    observations.set_defaults(handler=run_observations)


def question_data(question: Question) -> dict[str, Any]:
    return {
        "id": question.id,
        "flag": question.option,
        "type": question.type,
        "values": [c.id for c in question.choices] if question.choices else None,
        "min": question.min,
        "max": question.max,
        "min_exclusive": question.min_exclusive,
        "default": question.default,
        "required": question.required,
        "label": to_data(question.label),
        "help": to_data(question.help),
    }


def run_questions(args: argparse.Namespace) -> int:
    pack = pack_from_args(args)
    lang = lang_of(args)
    if args.format == "json":
        emit_json([question_data(q) for q in pack.questions])
        return 0
    lines = []
    for q in pack.questions:
        if q.choices:
            values = ", ".join(c.id for c in q.choices)
        else:
            low = "" if q.min is None else f"{'>' if q.min_exclusive else '>='} {q.min:g}"
            high = "" if q.max is None else f"<= {q.max:g}"
            values = " ".join(filter(None, [q.type, low, high]))
        default = "" if q.required else f"  [{t('question.default', lang)}: {q.default}]"
        lines.append(f"{q.id}  {q.option}  {values}{default}")
        lines.append(f"    {q.label.get(lang)}{t('punct.colon', lang)}{q.help.get(lang)}")
    emit("".join(f"{terminal(line)}\n" for line in lines))  # labels and help: the pack's
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
    lines = []
    for obs in chosen:
        source = pack.source_by_id.get(obs.source)
        where = f"{source.outlet}, {source.date.isoformat()}" if source else obs.source
        lines.append(f"{obs.id}  [{', '.join(obs.platforms)}]  {obs.summary.get(lang)}")
        if ids:
            lines += [
                f"  {obs.summary.get('zh' if lang == 'en' else 'en')}",
                f"  {t('obs.quote', lang)}: 「{obs.quote}」",
                f"  {t('obs.source', lang)}: {where}",
            ]
    emit("".join(f"{terminal(line)}\n" for line in lines))  # summaries, quotes: the pack's
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
