"""The strategy: which platform to lead with, which to run alongside or test, steps and risks.

Pure, and driven by the pack. The top platforms within `pack.close_call` points
(or tied) are a close call, and then what sets the lead is said, never left to
a platform's name (`decided_by`): the score when one platform leads by more than
the margin; else the chance of ranking first when it separates the contenders
by `pack.chance_margin`; else the merchant's own answer to a `pack.decide_by`
question (where the shop already runs), which is the merchant's situation and
not evidence; else nothing does, and the report says so.

A platform that is not a weak fit and scores within `pack.alongside` points of
the lead is run alongside it. A platform where the source reports a merchant
like this one succeeding (a `peer`, alike from half strength) is a channel to
test, whatever its score. Steps, risks and pairings (a practice the source
describes on two platforms at once) are shown only where their `when` holds; a
step that conflicts with another shows instead of it; a caution with `wherever`
is shown on every platform where the report draws on the practice it concerns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from merchant_cli.core.conditions import compile_condition, compile_degree
from merchant_cli.core.models import Advice, Condition, Peer, Text
from merchant_cli.core.operators import HALF
from merchant_cli.core.pack import RulePack
from merchant_cli.core.record import Record, record
from merchant_cli.core.result import Evaluation, PlatformScore

SCORE, CHANCE, NONE = "score", "chance", "none"
"""What set the lead (`Recommendation.decided_by`); an answer is `answer:<question id>`."""


@record(kw_only=False)
class Step(Record):
    """One thing to do (or watch) on one platform, with the evidence behind it."""

    platform: str
    text: Text
    evidence: tuple[str, ...]
    id: str = ""
    short: Text | None = None
    """A caution's one-line form, for the one-screen report."""


@record(kw_only=False)
class Tested(Record):
    """A merchant of the source like this one, and the platform it succeeded on."""

    platform: str
    name: Text
    text: Text
    evidence: tuple[str, ...]
    degree: int


@record(kw_only=False)
class Recommendation(Record):
    primary: str
    secondary: tuple[str, ...]
    steps: tuple[Step, ...]
    risks: tuple[Step, ...]
    close_call: bool = False
    """The top two are tied or within the pack's close-call margin."""
    contenders: tuple[str, ...] = ()
    """On a close call, every platform within the margin of the top, best first."""
    decided_by: str = SCORE
    """score, chance, answer:<question id> or none: what set `primary` (see the module)."""
    open: tuple[str, ...] = ()
    """When nothing set the lead: the contenders the evidence does not separate."""
    test: tuple[str, ...] = ()
    """Platforms to test because a merchant like this one succeeded there."""
    peers: tuple[Tested, ...] = ()
    """Every merchant of the source like this one, with the platform it succeeded on."""

    @property
    def platforms(self) -> tuple[str, ...]:
        return (self.primary, *self.secondary)

    @property
    def offered(self) -> tuple[str, ...]:
        """Every platform the strategy puts forward: lead, alongside and to test."""
        return (*self.platforms, *self.test)

    @property
    def separated(self) -> bool:
        """Whether something (the score, the chance or an answer) set the lead."""
        return self.decided_by != NONE


@record(kw_only=False)
class Decision(Record):
    """The lead and what set it: all of a recommendation a batch row carries."""

    primary: str
    close_call: bool
    contenders: tuple[str, ...]
    """On a close call, every platform within the margin of the top, best first."""
    decided_by: str
    open: tuple[str, ...]
    """When nothing set the lead: the contenders the evidence does not separate."""
    first: Mapping[str, float]
    """Each platform's chance of ranking first, as the report gives it."""

    @property
    def chance_first(self) -> float:
        """The lead's chance of ranking first."""
        return self.first.get(self.primary, 0.0)


def decide(
    pack: RulePack,
    ranking: Sequence[PlatformScore],
    first: Mapping[str, float],
    answers: Mapping[str, object],
) -> Decision:
    """The lead among the platforms within the close-call margin of the top, and what set it:
    the score, the chance of ranking first, the merchant's answer, or nothing (then the
    likeliest first, else the first listed, is named lead with `none`: the report says the
    evidence does not separate them)."""
    best = ranking[0].score
    contenders = [s.platform for s in ranking if best - s.score <= pack.meta.close_call]
    if len(contenders) == 1:
        return Decision(contenders[0], False, (), SCORE, (), first)
    close = tuple(contenders)
    ordered = sorted(contenders, key=lambda p: -first.get(p, 0.0))  # stable: ranking order
    likeliest = first.get(ordered[0], 0.0)
    margin = pack.meta.chance_margin
    if likeliest - first.get(ordered[1], 0.0) >= margin:
        return Decision(ordered[0], True, close, CHANCE, (), first)
    open_ = [p for p in ordered if likeliest - first.get(p, 0.0) < margin]
    unseparated = tuple(p for p in contenders if p in open_)  # in ranking order
    for question in pack.meta.decide_by:
        answer = answers.get(question)
        if answer in open_:
            return Decision(str(answer), True, close, f"answer:{question}", (), first)
    return Decision(ordered[0], True, close, NONE, unseparated, first)


def recommend(pack: RulePack, evaluation: Evaluation) -> Recommendation:
    """The lead, the platforms alongside and to test, and the steps and risks for them."""
    meta = pack.meta
    ranking = evaluation.ranking
    found = evaluation.confidence
    lead = decide(pack, ranking, found.first if found is not None else {}, evaluation.profile)
    top = next(s for s in ranking if s.platform == lead.primary)
    secondary = tuple(
        s.platform
        for s in ranking
        if s.platform != top.platform
        and s.fit not in ("weak", "unknown")
        and top.score - s.score <= max(meta.alongside, meta.close_call)
    )
    peers = _peers(pack, evaluation)
    chosen = (top.platform, *secondary)
    test = tuple(dict.fromkeys(p.platform for p in peers if p.platform not in chosen))
    shown = (*chosen, *test)
    steps = _steps(pack, evaluation, shown)
    risks = _risks(pack, evaluation, shown, steps, peers)
    return Recommendation(
        top.platform,
        secondary,
        tuple(steps),
        tuple(risks),
        lead.close_call,
        lead.contenders,
        lead.decided_by,
        lead.open,
        test,
        peers,
    )


def _peers(pack: RulePack, evaluation: Evaluation) -> tuple[Tested, ...]:
    """The source's merchants this one is like (from half strength), most alike first."""
    found = []
    for peer in pack.peers:
        degree = compile_degree(peer.when)(evaluation.facts)
        if degree >= HALF:
            found.append(_tested(peer, degree))
    return tuple(sorted(found, key=lambda t: -t.degree))


def _tested(peer: Peer, degree: int) -> Tested:
    return Tested(peer.platform, peer.name, peer.text, tuple(peer.evidence), degree)


def _steps(pack: RulePack, evaluation: Evaluation, shown: tuple[str, ...]) -> list[Step]:
    """Each shown platform's steps, a conflicting step left out where the one that declares
    the conflict shows; then the pairings of two shown platforms, with the better placed."""
    paired: dict[str, list[Step]] = {}
    for pairing in pack.pairings:
        if set(pairing.platforms) <= set(shown) and _holds(pairing.when, evaluation):
            lead = min(pairing.platforms, key=shown.index)  # shown with the better-placed one
            paired.setdefault(lead, []).append(
                Step(lead, pairing.text, tuple(pairing.evidence), pairing.id)
            )
    steps: list[Step] = []
    for platform in shown:
        found = _applicable(pack.steps, platform, evaluation)
        overruled = {other for item in found for other in item.conflicts}
        steps += [_step(item, platform) for item in found if item.id not in overruled]
        steps += paired.get(platform, ())
    return steps


def _risks(
    pack: RulePack,
    evaluation: Evaluation,
    shown: tuple[str, ...],
    steps: list[Step],
    peers: tuple[Tested, ...],
) -> list[Step]:
    """Each shown platform's risks, and the cautions about a practice on every platform
    where the report puts it forward (a step, a pairing or a peer citing it)."""
    drawn: dict[str, set[str]] = {platform: set() for platform in shown}
    for platform, evidence in [*((s.platform, s.evidence) for s in steps),
                               *((p.platform, p.evidence) for p in peers)]:  # fmt: skip
        drawn.setdefault(platform, set()).update(evidence)
    risks: list[Step] = []
    for platform in shown:
        for risk in pack.risks:
            if risk.platform not in (None, platform) or not _holds(risk.when, evaluation):
                continue
            if risk.wherever:
                if drawn[platform] & set(risk.wherever):
                    risks.append(_step(risk, platform))
            elif risk.platform == platform:
                risks.append(_step(risk, platform))
    return risks


def _step(item: Advice, platform: str) -> Step:
    return Step(platform, item.text, tuple(item.evidence), item.id, item.short)


def _holds(condition: Condition | None, evaluation: Evaluation) -> bool:
    return compile_condition(condition)(evaluation.facts)


def _applicable(items: tuple[Advice, ...], platform: str, evaluation: Evaluation) -> list[Advice]:
    return [item for item in items if item.platform == platform and _holds(item.when, evaluation)]
