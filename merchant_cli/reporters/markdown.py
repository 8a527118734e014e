"""The Markdown report: the table report's content, for sharing in chats and documents."""

from __future__ import annotations

from merchant_cli.i18n import t
from merchant_cli.pack import RulePack
from merchant_cli.reporters.common import (
    fit_label,
    profile_rows,
    short_quote,
    signed,
    strongest,
)
from merchant_cli.result import Contribution, Evaluation


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _reason(pack: RulePack, contribution: Contribution, lang: str) -> str:
    evidence = ", ".join(contribution.evidence)
    quote = short_quote(pack, contribution)
    quoted = f" 「{quote}」" if quote else ""
    points = signed(contribution.points)
    return f"- **{points}** {contribution.reason.get(lang)} ({evidence}){quoted}"


def render(
    evaluation: Evaluation, pack: RulePack, *, lang: str, color: bool = False, width: int = 80
) -> str:
    top = evaluation.top
    lines = [f"# {t('report.title', lang)}", ""]
    lines.append(
        t(
            "report.verdict",
            lang,
            name=top.name.get(lang),
            score=top.score,
            fit=fit_label(top.fit, lang),
        )
    )
    lines += ["", f"## {t('report.profile', lang)}", ""]
    lines += [f"- {label}: {value}" for label, value in profile_rows(evaluation, pack, lang)]
    lines += ["", f"## {t('report.ranking', lang)}", ""]
    lines.append(
        f"| # | {t('report.platform', lang)} | {t('report.score', lang)} | "
        f"{t('report.fit', lang)} |"
    )
    lines.append("|---:|---|---:|---|")
    for rank, score in enumerate(evaluation.ranking, 1):
        lines.append(
            f"| {rank} | {_cell(score.name.get(lang))} | {score.score} | "
            f"{fit_label(score.fit, lang)} |"
        )
    for score in evaluation.ranking:
        heading = f"{score.name.get(lang)}: {score.score} ({fit_label(score.fit, lang)})"
        lines += ["", f"### {heading}", ""]
        reasons = strongest(score)
        if not score.contributions:
            lines.append(t("report.no_rules", lang))
        if reasons.pros:
            lines += [f"**{t('report.for', lang)}**", ""]
            lines += [_reason(pack, c, lang) for c in reasons.pros]
            lines.append("")
        if reasons.cons:
            lines += [f"**{t('report.against', lang)}**", ""]
            lines += [_reason(pack, c, lang) for c in reasons.cons]
            lines.append("")
    lines += ["", f"## {t('report.warnings', lang)}", ""]
    lines += [f"- {notice.text.get(lang)}" for notice in evaluation.warnings]
    info = evaluation.pack
    lines += [
        "",
        "---",
        "",
        f"{t('report.pack', lang)}: {info.name} {info.version}, "
        f"{t('report.as_of', lang)} {info.as_of.isoformat()}",
        "",
    ]
    return "\n".join(line.rstrip() for line in lines).replace("\n\n\n", "\n\n")
