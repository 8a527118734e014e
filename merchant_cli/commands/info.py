"""`questions` and `observations`: what the pack asks and what evidence it holds."""

from __future__ import annotations

import argparse
import json
from typing import Any

from merchant_cli.checks import suggest
from merchant_cli.commands.common import (
    add_format_option,
    add_lang_option,
    add_pack_options,
    emit,
    lang_of,
    pack_from_args,
)
from merchant_cli.errors import UsageError
from merchant_cli.i18n import t
from merchant_cli.models import Observation, Question, to_data
from merchant_cli.pack import RulePack


def add_parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    questions = subparsers.add_parser(
        "questions", help="list every question: id, flag, type, allowed values, default, help"
    )
    add_format_option(questions, ("table", "json"), "table")
    add_lang_option(questions)
    add_pack_options(questions)
    questions.set_defaults(handler=run_questions)

    observations = subparsers.add_parser("observations", help="the evidence catalog the rules cite")
    observations.add_argument("action", nargs="?", choices=("show",), help="show one observation")
    observations.add_argument("id", nargs="?", help="observation id, e.g. A13")
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
        emit(
            json.dumps([question_data(q) for q in pack.questions], ensure_ascii=False, indent=2)
            + "\n"
        )
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
        lines.append(
            f"{q.id}  {q.option}  {values}{default}\n    {q.label.get(lang)}: {q.help.get(lang)}"
        )
    emit("\n".join(lines) + "\n")
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
    chosen = list(pack.observations)
    if args.action == "show":
        if not args.id:
            raise UsageError("observations show: give an observation id, e.g. A13")
        if args.id not in pack.observation_by_id:
            raise UsageError(
                f"unknown observation {args.id!r}{suggest(args.id, pack.observation_by_id)}"
            )
        chosen = [pack.observation_by_id[args.id]]
    if args.format == "json":
        data: Any = [observation_data(pack, o) for o in chosen]
        emit(
            json.dumps(data[0] if args.action == "show" else data, ensure_ascii=False, indent=2)
            + "\n"
        )
        return 0
    blocks = []
    for obs in chosen:
        source = pack.source_by_id.get(obs.source)
        where = f"{source.outlet}, {source.date.isoformat()}" if source else obs.source
        block = f"{obs.id}  [{', '.join(obs.platforms)}]  {obs.summary.get(lang)}"
        if args.action == "show":
            block += (
                f"\n  {obs.summary.get('zh' if lang == 'en' else 'en')}"
                f"\n  {t('obs.quote', lang)}: 「{obs.quote}」\n  {t('obs.source', lang)}: {where}"
            )
        blocks.append(block)
    emit("\n".join(blocks) + "\n")
    return 0
