"""The tool's own words (headings, labels) in both languages; pack texts carry their own."""

from __future__ import annotations

import os

LANGS = ("en", "zh")

_MESSAGES: dict[str, tuple[str, str]] = {
    "report.title": ("Platform fit report", "平台适配报告"),
    "report.profile": ("Merchant profile", "商家画像"),
    "report.ranking": ("Ranking", "平台排名"),
    "report.platform": ("Platform", "平台"),
    "report.score": ("Score", "得分"),
    "report.fit": ("Fit", "适配度"),
    "report.why": ("Why", "理由"),
    "report.for": ("For", "有利因素"),
    "report.against": ("Against", "不利因素"),
    "report.evidence": ("Evidence", "证据"),
    "report.warnings": ("Notes", "提示"),
    "report.pack": ("Rule pack", "规则包"),
    "report.as_of": ("evidence as of", "证据截至"),
    "report.no_rules": ("No rule applies.", "没有适用的规则。"),
    "report.verdict": ("Best fit: {name} ({score}, {fit}).", "最适合:{name}({score} 分,{fit})。"),
    "report.verdict_head": ("Verdict", "结论"),
    "report.lead": (
        "Lead with {name} ({score}, {fit} fit).",
        "主攻{name}（{score}分，适配度{fit}）。",
    ),
    "report.alongside": ("Run {names} alongside it.", "同时经营{names}。"),
    "report.main_reason": ("The main reason: {reason}", "主要理由：{reason}"),
    "report.would_flip": ("What would change this: {summary}.", "什么会改变结论：{summary}。"),
    "report.would_flip_two": (
        "No single answer change puts another platform first; two would: {summary}.",
        "改变任何一个回答都不会让其他平台排到第一，但同时改变两个可以：{summary}。",
    ),
    "report.robust": (
        "No change of one or two answers puts another platform first.",
        "改变一个或两个回答都不会让其他平台排到第一。",
    ),
    "report.strategy": ("Strategy", "经营策略"),
    "report.primary": ("Lead with", "主攻"),
    "report.secondary": ("Run alongside", "同时经营"),
    "report.none": ("none", "无"),
    "report.what_if": ("What if", "假如"),
    "report.what_if_none": (
        "No single answer change moves any platform by {points} points or more.",
        "改变任何一个回答都不会让任何平台的分数变化 {points} 分以上。",
    ),
    "report.risks": ("Risks", "风险"),
    "report.evidence_date": ("Evidence as of {date}.", "证据截至 {date}。"),
    "report.recheck": ("Re-check first", "请优先核实"),
    "report.evidence_full": ("Evidence quoted", "证据原文"),
    "punct.colon": (": ", "："),
    "punct.list": (", ", "、"),
    "punct.comma": (", ", "，"),
    "punct.and": (" and ", "，"),
    "fit.strong": ("strong", "强"),
    "fit.moderate": ("moderate", "中"),
    "fit.weak": ("weak", "弱"),
    "question.id": ("id", "编号"),
    "question.flag": ("flag", "参数"),
    "question.type": ("type", "类型"),
    "question.values": ("values", "取值"),
    "question.default": ("default", "默认"),
    "question.help": ("help", "说明"),
    "obs.platforms": ("platforms", "平台"),
    "obs.summary": ("summary", "摘要"),
    "obs.source": ("source", "来源"),
    "obs.quote": ("quote", "原文"),
    "prompt.select_hint": ("(arrow keys, then Enter)", "（方向键选择，回车确认）"),
    "whatif.change": ("{label}: {old} -> {new}", "{label}：{old} → {new}"),
    "whatif.score": ("{name} {old} -> {new}", "{name} {old} → {new}"),
    "whatif.under": ("under {value}", "低于{value}"),
    "whatif.over": ("over {value}", "超过{value}"),
    "prompt.yes": ("yes", "是"),
    "prompt.no": ("no", "否"),
    "prompt.summary": (
        "Your answers: confirm, or choose one to change it",
        "你的回答：确认，或选择一项进行修改",
    ),
    "prompt.confirm": ("Confirm and show the report", "确认并生成报告"),
    "prompt.save": ("Save these answers to a file?", "把这些回答保存到文件吗？"),
    "prompt.save_path": ("File to save the answers to", "保存回答的文件"),
    "prompt.exists": (
        "{path} already exists; choose another name",
        "{path} 已存在，请换一个文件名",
    ),
    "prompt.empty_path": ("enter a file name", "请输入文件名"),
    "prompt.saved": ("Answers saved to {path}", "回答已保存到 {path}"),
    "prompt.again": (
        "To run again without questions:",
        "下次无需回答问题，可直接运行：",
    ),
    # The questionnaire and its files (issue 11).
    "prompt.yes_no_default_yes": ("(Y/n)", "（Y 是 / n 否）"),
    "prompt.yes_no_default_no": ("(y/N)", "（y 是 / N 否）"),
    "prompt.answer_yes": ("Yes", "是"),
    "prompt.answer_no": ("No", "否"),
    "prompt.no_dir": ("{dir} is not a directory", "{dir} 不是已有的目录"),
    "prompt.not_writable": ("cannot write in {dir}", "无法在 {dir} 中写入文件"),
    "prompt.save_failed": (
        "{reason}; choose another file",
        "{reason}；请换一个文件",
    ),
    "prompt.written": ("Report written to {path}", "报告已写入 {path}"),
}


def t(key: str, lang: str, **values: object) -> str:
    """The message `key` in `lang`, formatted with `values`."""
    english, chinese = _MESSAGES[key]
    text = chinese if lang == "zh" else english
    return text.format(**values) if values else text


def default_lang() -> str:
    """`zh` when the locale environment says Chinese, else `en`."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
