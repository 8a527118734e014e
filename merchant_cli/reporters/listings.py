"""What the pack holds, as text for a person: `questions`, `observations`, `rules list` and
`rules show`, in the reader's language.

Each entry is laid out by the tool, not left to the terminal: wrapped to `width` where
`linebreak` allows (never before a closing mark, never inside a word), later lines
under a hanging indent. A width of None (stdout is no terminal and `COLUMNS` is unset)
leaves every line whole, for programs reading them one by one.
"""

from __future__ import annotations

from merchant_cli.core.models import Observation, Rule
from merchant_cli.core.pack import RulePack
from merchant_cli.reporters.common import signed, source_line, summaries
from merchant_cli.reporters.conditions import condition_text
from merchant_cli.reporters.linebreak import cells
from merchant_cli.reporters.messages import t
from merchant_cli.reporters.questions import default_text, values_text
from merchant_cli.reporters.safe import terminal
from merchant_cli.reporters.wrapping import wrap

INDENT = 2
"""Fields under an entry's first line."""
HANG = 4
"""Where the later lines of a wrapped line start."""


def laid(text: str, width: int | None, *, indent: int = 0, hang: int = HANG) -> str:
    """`text` starting `indent` columns in, wrapped to `width` with later lines at `hang`;
    every line of a listing is laid here, so here its texts (the pack's) pass
    `safe.terminal`: one line each, nothing a terminal would act on."""
    text = terminal(text)
    if width is None:
        return " " * indent + text
    return " " * indent + wrap(text, width, start=indent, hang=hang)


def field(name: str, value: str, lang: str, width: int | None) -> str:
    """`  可选：…` under an entry, wrapped with a hanging indent."""
    return laid(f"{t(name, lang)}{t('punct.colon', lang)}{value}", width, indent=INDENT)


def questions_listing(pack: RulePack, lang: str, width: int | None) -> str:
    """Each question: its label, id and flag, then its help, what it takes, its default and
    the other names a batch file's column header may give it."""
    entries = []
    for question in pack.questions:
        lines = [
            laid(f"{question.label.get(lang)}  {question.id}  {question.option}", width),
            laid(question.help.get(lang), width, indent=INDENT, hang=INDENT),
        ]
        key = "question.choices" if question.choices else "question.values"
        lines.append(field(key, values_text(question, lang), lang, width))
        if not question.required:
            lines.append(field("question.default", default_text(question, lang), lang, width))
        if question.aliases:
            names = t("punct.list", lang).join(question.aliases)
            lines.append(field("question.aliases", names, lang, width))
        entries.append("\n".join(lines))
    return "\n\n".join(entries) + "\n"


def platform_names(pack: RulePack, platforms: list[str], lang: str) -> str:
    names = (
        pack.platform_by_id[p].name.get(lang) if p in pack.platform_by_id else p for p in platforms
    )
    return t("punct.list", lang).join(names)


def observations_listing(
    pack: RulePack, chosen: list[Observation], lang: str, width: int | None
) -> str:
    """One observation a line: its id, platforms and summary."""
    return "".join(
        laid(f"{o.id}  {platform_names(pack, o.platforms, lang)}  {o.summary.get(lang)}", width)
        + "\n"
        for o in chosen
    )


def observation_block(
    pack: RulePack, observation: Observation, lang: str, width: int | None, indent: int = 0
) -> str:
    """One observation in full: summary, the article's words, their corrected reading, and
    where they come from."""
    head = f"{observation.id}  {platform_names(pack, observation.platforms, lang)}"
    lines = [laid(head, width, indent=indent)]
    at = indent + INDENT
    lines += [laid(text, width, indent=at, hang=at) for text in summaries(observation, lang)]
    fields = [("obs.quote", f"「{' '.join(observation.quote.split())}」")]
    if observation.reading:
        fields.append(("obs.reading", f"「{' '.join(observation.reading.split())}」"))
    fields.append(("obs.source", source_line(pack, observation, lang)))
    for name, value in fields:
        text = f"{t(name, lang)}{t('punct.colon', lang)}{value}"
        lines.append(laid(text, width, indent=at, hang=indent + HANG))
    return "\n".join(lines) + "\n"


def rules_listing(pack: RulePack, rules: list[Rule], lang: str, width: int | None) -> str:
    """One rule a line: id, platform, points, its condition in words, evidence."""
    names = {r.id: pack.platform_by_id[r.platform].name.get(lang) for r in rules}
    id_width = max((len(r.id) for r in rules), default=0)
    name_width = max((cells(n) for n in names.values()), default=0)
    if width is not None and id_width + name_width + 9 > width // 2:
        id_width = name_width = 0  # columns would leave the conditions too little room
    lines = []
    for rule in rules:
        name = names[rule.id]
        head = f"{rule.id:<{id_width}}  {name}{' ' * (name_width - cells(name))}"
        points = f"{signed(rule.points):>3}" if name_width else signed(rule.points)
        condition = condition_text(pack, rule.when, lang)
        text = f"{head}  {points}  {condition}  [{', '.join(rule.evidence)}]"
        lines.append(laid(text, width) + "\n")
    return "".join(lines)


def rule_listing(
    pack: RulePack, rule: Rule, defined_at: str | None, lang: str, width: int | None
) -> str:
    """One rule in full: condition, where it is defined, reason, and its evidence quoted."""
    platform = pack.platform_by_id[rule.platform].name.get(lang)
    points = t("rule.points_for", lang, points=signed(rule.points), platform=platform)
    lines = [laid(f"{rule.id}{t('punct.colon', lang)}{points}", width)]
    lines.append(field("rule.when", condition_text(pack, rule.when, lang), lang, width))
    if defined_at is not None:
        lines.append(field("rule.defined_at", defined_at, lang, width))
    lines.append(field("rule.reason", rule.reason.get(lang), lang, width))
    if lang != "zh":  # beside the Chinese quotes, an English reader also gets the Chinese
        lines.append(laid(rule.reason.zh, width, indent=HANG, hang=HANG))
    evidence = f"{t('rule.evidence', lang)}{t('punct.colon', lang).rstrip()}"
    lines.append(laid(evidence, width, indent=INDENT))
    text = "\n".join(lines) + "\n"
    for ident in rule.evidence:
        if ident in pack.observation_by_id:
            text += observation_block(pack, pack.observation_by_id[ident], lang, width, HANG)
    return text
