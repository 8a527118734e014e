"""Checks across a merged pack that no single file's schema can see.

Each check yields located Problems; errors make the pack unusable (exit 3),
warnings are reported by `rules validate` but do not stop scoring.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from merchant_cli.core.conditions import comparisons
from merchant_cli.core.errors import Problem, bounded
from merchant_cli.core.models import (
    UNSTATED_STRENGTH,
    Comparison,
    Condition,
    Question,
    Rule,
)
from merchant_cli.core.names import ID_COLUMN, ID_NAMES, fold
from merchant_cli.core.pack import RulePack
from merchant_cli.core.said import excerpt
from merchant_cli.packs.documents import format_path
from merchant_cli.packs.domains import impossible_parts

UNKNOWN = "unknown"
"""Problem kind: a reference to an id the pack does not define."""
UNUSED = "unused"
"""Problem kind: something the pack defines that nothing uses."""


def check_pack(pack: RulePack) -> list[Problem]:
    """Every cross-reference problem in the pack, errors and warnings; each check's
    listed in full up to `errors.PROBLEMS_SHOWN`, the rest counted."""
    checks = (
        _check_references,
        _check_conditions,
        _check_strengths,
        _check_one_effect,
        _check_examples,
        _check_cases,
        _check_unused,
        _check_advice,
        _check_claims,
        _check_names,
    )
    return [problem for check in checks for problem in bounded(check(pack))]


def suggest(name: str, valid: Iterable[str]) -> str:
    """`; did you mean 'womens_apparel'?` for a near miss, else nothing."""
    close = difflib.get_close_matches(name, list(valid), n=1, cutoff=0.6)
    return f"; did you mean {excerpt(close[0])}?" if close else ""


def _problem(
    pack: RulePack,
    section: str,
    ident: str,
    sub: tuple[str | int, ...],
    message: str,
    severity: str = "error",
    *,
    kind: str = "",
    subject: tuple[str, str] | None = None,
) -> Problem:
    origin = pack.origins.get((section, ident))
    if origin is None:  # built programmatically, not from a file
        file, line, column, path = section, 0, 0, f"{section}.{ident}"
    else:
        file, line, column = origin.locate(*sub)
        path = format_path((*origin.path, *sub))
    return Problem(file, line, column, message, path, severity, kind, subject)


def _unknown_at(
    pack: RulePack,
    section: str,
    ident: str,
    sub: tuple[str | int, ...],
    kind: str,
    name: str,
    valid: Iterable[str],
) -> Problem:
    """A reference to an id the pack lacks: kind `unknown`, subject (what it names, the id)."""
    message = f"unknown {kind} {excerpt(name)}{suggest(name, valid)}"
    return _problem(pack, section, ident, sub, message, kind=UNKNOWN, subject=(kind, name))


def _check_references(pack: RulePack) -> Iterator[Problem]:
    platforms = pack.platform_by_id
    for obs in pack.observations:
        for index, platform in enumerate(obs.platforms):
            if platform not in platforms:
                yield _unknown_at(
                    pack,
                    "observations",
                    obs.id,
                    ("platforms", index),
                    "platform",
                    platform,
                    platforms,
                )
        if obs.source not in pack.source_by_id:
            yield _unknown_at(
                pack, "observations", obs.id, ("source",), "source", obs.source, pack.source_by_id
            )
    for rule in pack.rules:
        if rule.platform not in platforms:
            yield _unknown_at(
                pack, "rules", rule.id, ("platform",), "platform", rule.platform, platforms
            )
        for index, evidence in enumerate(rule.evidence):
            if evidence not in pack.observation_by_id:
                yield _unknown_at(
                    pack,
                    "rules",
                    rule.id,
                    ("evidence", index),
                    "observation",
                    evidence,
                    pack.observation_by_id,
                )
    for derived in pack.derived:
        source = pack.question_by_id.get(derived.from_)
        if source is None or source.type not in ("number", "integer"):
            msg = f"`from` must name a number question; {excerpt(derived.from_)} is not one"
            yield _problem(pack, "derived", derived.id, ("from",), msg)
    if not pack.platforms:
        yield Problem("rules", 1, 1, "the pack defines no platforms")


def _check_strengths(pack: RulePack) -> Iterator[Problem]:
    """Each rule names a strength of the pack, and its points lie within that strength's range."""
    strengths = pack.meta.strengths
    for rule in pack.rules:
        if rule.strength is None:
            msg = (
                f"rule {rule.id!r} declares no `strength` (one of {', '.join(strengths)}): "
                f"its points are not checked, and its confidence range is that of "
                f"{UNSTATED_STRENGTH!r}"
            )
            yield _problem(pack, "rules", rule.id, ("id",), msg, "warning")
            continue
        strength = strengths.get(rule.strength)
        if strength is None:
            yield _unknown_at(
                pack, "rules", rule.id, ("strength",), "strength", rule.strength, strengths
            )
        elif not strength.points[0] <= abs(rule.points) <= strength.points[1]:
            low, high = strength.points
            msg = (
                f"{rule.points:+d} points is outside the {low}-{high} points a rule of strength "
                f"{rule.strength!r} may carry (either sign): weaker evidence moves a score less"
            )
            yield _problem(pack, "rules", rule.id, ("points",), msg)


def _check_one_effect(pack: RulePack) -> Iterator[Problem]:
    """One statement moves one platform once: a rule of a platform citing an observation
    (or an observation of a claim) that an earlier rule of that platform cites must never
    apply with it (shown with answers under which both would). Each rule at fault is
    reported once, with one such partner."""
    from merchant_cli.packs.jointly import TooComplex, together
    from merchant_cli.packs.supports import MAX_CASES

    claim_of = pack.claim_of
    groups: dict[tuple[str, str], list[tuple[Rule, int]]] = {}
    for rule in pack.rules:
        claims = dict.fromkeys(claim_of.get(ident, ident) for ident in rule.evidence)
        for claim in claims:
            index = next(i for i, e in enumerate(rule.evidence) if claim_of.get(e, e) == claim)
            groups.setdefault((rule.platform, claim), []).append((rule, index))
    for (platform, claim), cited in groups.items():
        if len(cited) < 2:
            continue
        what = f"claim {excerpt(claim)}" if claim not in pack.observation_by_id else excerpt(claim)
        for found in together(pack, [rule.when for rule, _ in cited]):
            rule, index = cited[found.index if isinstance(found, TooComplex) else found.later]
            if isinstance(found, TooComplex):
                msg = (
                    f"rule {rule.id!r} cites {what} for {platform!r} with other rules, and its "
                    f"condition has more than {MAX_CASES} alternatives once `any` and `not` are "
                    "expanded: too many to show it never applies with them (simplify it)"
                )
            else:
                earlier = cited[found.earlier][0]
                shown = ", ".join(f"{k}={v}" for k, v in found.answers.items()) or "any answers"
                msg = (
                    f"rules {earlier.id!r} and {rule.id!r} both cite {what} for "
                    f"{platform!r} and can apply together (e.g. {shown}): one statement "
                    "should move a platform once (merge them, or make their conditions exclusive)"
                )
            yield _problem(pack, "rules", rule.id, ("evidence", index), msg)


def _check_advice(pack: RulePack) -> Iterator[Problem]:
    """Strategy steps, risks, pairings and peers name known platforms, facts and evidence;
    a step's conflicts name other steps, never back; a caution's `wherever` known evidence."""
    for section in ("steps", "risks", "pairings", "peers"):
        for item in getattr(pack, section):
            pairing = section == "pairings"
            named = item.platforms if pairing else (item.platform,)
            for index, platform in enumerate(named):
                if platform is not None and platform not in pack.platform_by_id:
                    where = ("platforms", index) if pairing else ("platform",)
                    yield _unknown_at(
                        pack, section, item.id, where, "platform", platform, pack.platform_by_id
                    )
            cited = [("evidence", i, e) for i, e in enumerate(item.evidence)]
            cited += [("wherever", i, e) for i, e in enumerate(getattr(item, "wherever", ()))]
            for key, index, evidence in cited:
                if evidence not in pack.observation_by_id:
                    yield _unknown_at(
                        pack,
                        section,
                        item.id,
                        (key, index),
                        "observation",
                        evidence,
                        pack.observation_by_id,
                    )
            yield from _check_condition(pack, section, item.id, item.when)
    steps = {step.id: step for step in pack.steps}
    for step in pack.steps:
        for index, other in enumerate(step.conflicts):
            if other not in steps:
                where = ("conflicts", index)
                yield _unknown_at(pack, "steps", step.id, where, "step", other, steps)
            elif step.id in steps[other].conflicts:
                msg = (
                    f"steps {step.id!r} and {other!r} each declare a conflict with the other: "
                    "say which one shows where both apply (declare it on that one only)"
                )
                yield _problem(pack, "steps", step.id, ("conflicts", index), msg)


def _check_claims(pack: RulePack) -> Iterator[Problem]:
    """A claim groups known observations, each in one claim at most; the pack's deciding
    questions are choice questions; observations' kinds have half-lives."""
    seen: dict[str, str] = {}
    for claim in pack.claims:
        for index, ident in enumerate(claim.observations):
            where = ("observations", index)
            if ident not in pack.observation_by_id:
                yield _unknown_at(
                    pack, "claims", claim.id, where, "observation", ident, pack.observation_by_id
                )
            elif ident in seen:
                msg = f"observation {ident!r} is already part of claim {seen[ident]!r}"
                yield _problem(pack, "claims", claim.id, where, msg)
            seen.setdefault(ident, claim.id)
    for ident in pack.meta.decide_by:
        question = pack.question_by_id.get(ident)
        if question is None or question.type != "choice":
            msg = f"decide_by names {ident!r}, which is not a choice question of the pack"
            yield Problem("pack", 0, 0, msg, "pack.decide_by")
    kinds = pack.meta.uncertainty.half_lives
    for obs in pack.observations:
        if obs.kind is not None and obs.kind not in kinds:
            yield _unknown_at(pack, "observations", obs.id, ("kind",), "kind", obs.kind, kinds)


def _check_conditions(pack: RulePack) -> Iterator[Problem]:
    for rule in pack.rules:
        yield from _check_condition(pack, "rules", rule.id, rule.when)
    for question in pack.questions:
        yield from _check_condition(pack, "questions", question.id, question.when)


def _check_condition(
    pack: RulePack, section: str, ident: str, condition: Condition | None
) -> Iterator[Problem]:
    facts = {**pack.question_by_id, **pack.derived_by_id}
    clean = True
    for fact, comparison, path in comparisons(condition):
        where = ("when", *path)
        if fact not in facts:
            clean = False
            yield _unknown_at(pack, section, ident, where, "question", fact, facts)
        elif message := _comparison_problem(pack, fact, comparison):
            clean = False
            yield _problem(pack, section, ident, where, message)
    if clean:  # the domain analysis needs well-typed comparisons
        for part in impossible_parts(pack, condition):
            yield _problem(pack, section, ident, ("when", *part.path), part.message)


def _comparison_problem(pack: RulePack, fact: str, comparison: Comparison) -> str | None:
    """Why `comparison` cannot apply to `fact`'s values, or None when it fits."""
    name = comparison.operator
    operand = comparison.value
    question = pack.question_by_id.get(fact)
    listed = comparison.op.members(operand)
    if question is not None and question.type in ("number", "integer"):
        if comparison.op.numeric:
            return None
        if not comparison.op.graded and all(
            isinstance(v, float | int) and not isinstance(v, bool) for v in listed
        ):
            return None
        return f"{excerpt(fact)} is a number; compare it with numbers"
    if comparison.op.numeric:
        return f"operator {name!r} needs a number, but {excerpt(fact)} is not a number question"
    if question is not None and question.type == "boolean":
        ok = all(isinstance(v, bool) for v in listed) and not comparison.op.graded
        return None if ok else f"{excerpt(fact)} is yes/no; compare it with true or false"
    valid = (
        [c.id for c in question.choices or ()]
        if question is not None
        else [b.id for b in pack.derived_by_id[fact].bands]
    )
    for value in listed:
        if value not in valid:
            hint = suggest(str(value), valid)
            return f"{excerpt(value)} is not a choice of {excerpt(fact)}{hint}"
    return None


def _check_examples(pack: RulePack) -> Iterator[Problem]:
    """A rule's examples answer questions the pack asks."""
    for rule in pack.rules:
        listed = (
            (("fires", rule.examples.fires), ("not", rule.examples.not_)) if rule.examples else ()
        )
        for key, examples in listed:
            for index, answers in enumerate(examples):
                for name in answers:
                    if name not in pack.question_by_id:
                        where = ("examples", key, index, name)
                        yield _unknown_at(
                            pack, "rules", rule.id, where, "question", name, pack.question_by_id
                        )


def _check_cases(pack: RulePack) -> Iterator[Problem]:
    for case in pack.cases:
        for key in case.profile:
            if key not in pack.question_by_id:
                yield _unknown_at(
                    pack, "cases", case.name, ("profile", key), "question", key, pack.question_by_id
                )
        for key in case.vary:
            if key not in pack.question_by_id:
                yield _unknown_at(
                    pack, "cases", case.name, ("vary", key), "question", key, pack.question_by_id
                )
        expect = case.expect
        named = [p for p in (expect.top, expect.primary) if p]
        named += [*(expect.order or ()), *(expect.scores or {}), *expect.tested]
        named += [*expect.recommended, *expect.not_recommended, *expect.top_in]
        for platform in named:
            if platform not in pack.platform_by_id:
                yield _unknown_at(
                    pack, "cases", case.name, ("expect",), "platform", platform, pack.platform_by_id
                )
        for ident in [*expect.not_cited, *expect.cautions]:
            if ident not in pack.observation_by_id:
                yield _unknown_at(
                    pack, "cases", case.name, ("expect",), "observation", ident,
                    pack.observation_by_id,
                )  # fmt: skip
        for rule_id in [*expect.fired, *expect.not_fired]:
            if rule_id in pack.rule_by_id:
                continue
            if ("rules", rule_id) in pack.origins:  # defined, then disabled by an overlay
                msg = f"case names rule {rule_id!r}, which is disabled"
                yield _problem(pack, "cases", case.name, ("expect",), msg, "warning")
            else:
                yield _unknown_at(
                    pack, "cases", case.name, ("expect",), "rule", rule_id, pack.rule_by_id
                )


def _check_names(pack: RulePack) -> Iterator[Problem]:
    """A column header names one question: no two questions share an id, label or alias
    (folded, as headers are read), and none takes a name of the id column."""
    owner = {fold(name): ID_COLUMN for name in ID_NAMES}
    for question in pack.questions:
        names = list(question.names)
        for index, name in enumerate(names):
            found = owner.setdefault(fold(name), question.id)
            if found == question.id:
                continue
            where = ("aliases", index - 3) if index >= 3 else ("label",) if index else ("id",)
            other = "the id column" if found == ID_COLUMN else f"question {found!r}"
            msg = (
                f"{excerpt(name)} also names {other} (ignoring case, spaces and full-width "
                "forms): a column header must name one question"
            )
            yield _problem(pack, "questions", question.id, where, msg)
        yield from _check_choice_names(pack, question)


def _check_choice_names(pack: RulePack, question: Question) -> Iterator[Problem]:
    """A value names one choice: no two choices of a question share an id or label."""
    owner: dict[str, str] = {}
    for index, choice in enumerate(question.choices or ()):
        for part, name in (
            ("id", choice.id),
            ("label", choice.label.en),
            ("label", choice.label.zh),
        ):
            found = owner.setdefault(fold(name), choice.id)
            if found != choice.id:
                msg = (
                    f"choices {found!r} and {choice.id!r} are both named {excerpt(name)} "
                    "(ignoring case, spaces and full-width forms): a value must name one choice"
                )
                yield _problem(pack, "questions", question.id, ("choices", index, part), msg)


def _check_unused(pack: RulePack) -> Iterator[Problem]:
    cited = {e for rule in pack.rules for e in rule.evidence}
    cited |= {e for item in (*pack.steps, *pack.risks) for e in item.evidence}
    cited |= {e for pairing in pack.pairings for e in pairing.evidence}
    cited |= {e for peer in pack.peers for e in peer.evidence}
    for obs in pack.observations:
        if obs.id not in cited:
            yield _unused(pack, "observation", obs.id, "is cited by no rule, step or risk")
    with_rules = {rule.platform for rule in pack.rules}
    for platform in pack.platforms:
        if platform.id not in with_rules:
            yield _unused(pack, "platform", platform.id, "has no rules")


def _unused(pack: RulePack, kind: str, ident: str, why: str) -> Problem:
    """A warning that the `kind` (observation, platform) `ident` serves nothing."""
    message = f"{kind} {ident!r} {why}"
    return _problem(
        pack, f"{kind}s", ident, ("id",), message, "warning", kind=UNUSED, subject=(kind, ident)
    )
