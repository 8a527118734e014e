"""The tool's own words (headings, labels, errors) in both languages; pack texts carry their own."""

from __future__ import annotations

import os

from merchant_cli.core.models import Text
from merchant_cli.core.said import JOINED, VERBATIM, Said

LANGS = ("en", "zh")

_MESSAGES: dict[str, tuple[str, str]] = {
    "report.title": ("Platform fit report", "平台适配报告"),
    "report.profile": ("Merchant profile", "商家画像"),
    "report.ranking": ("Ranking", "平台排名"),
    "report.platform": ("Platform", "平台"),
    "report.score": ("Score", "得分"),
    "report.fit": ("Fit", "适配度"),
    "report.for": ("For", "有利因素"),
    "report.against": ("Against", "不利因素"),
    "report.warnings": ("Notes", "提示"),
    "report.pack": ("Rule pack", "规则包"),
    "report.as_of": ("evidence as of {date}", "证据截至{date}"),
    "report.stale_short": (
        "Evidence as of {date}, out of date: re-check it",
        "证据截至{date}，可能已过时，请先核实",
    ),
    "report.fresh_short": ("Evidence as of {date}", "证据截至{date}"),
    "report.more": ("everything: --detail full", "完整报告：--detail full"),
    "report.no_rules": ("No rule applies.", "没有适用的规则。"),
    "report.verdict_head": ("Verdict", "结论"),
    "report.lead": (
        "Lead with {name} ({score}, {fit} fit).",
        "主攻{name}（{score}分，适配度{fit}）。",
    ),
    "report.lead_confident": (
        "Lead with {name} ({score}, {fit} fit; first in {share} of plausible weightings).",
        "主攻{name}（{score}分，适配度{fit}；在{share}的合理权重组合下排名第一）。",
    ),
    "report.alongside": ("Run {names} alongside it.", "同时经营{names}。"),
    "report.would_flip": ("What would change this: {summary}.", "可能改变结论的因素：{summary}。"),
    "report.would_flip_cut": (
        "Only a cut in capacity would change this: {summary}.",
        "只有减少投入才会改变结论：{summary}。",
    ),
    "report.close_call": (
        "Close call: {names} are within {margin} points; "
        "the evidence does not separate them, so weigh them together.",
        "势均力敌：{names}仅相差{margin}分，现有证据分不出高下，请一并权衡。",
    ),
    "report.tied": (
        "Close call: {names} are tied at {score}; the evidence does not separate them, "
        "so weigh them together.",
        "势均力敌：{names}同为{score}分，现有证据分不出高下，请一并权衡。",
    ),
    "report.confidence": ("Chance first", "居首概率"),
    "report.range": ("Plausible range", "合理区间"),
    "report.observation_count": ("{count} observations", "{count}条观察"),
    "report.observation_one": ("1 observation", "1条观察"),
    "report.reading": (" (machine translation corrected)", "（已校正机器翻译）"),
    # the English note is set off by a space; the Chinese parenthesis carries its own
    "report.reading_short": ("(MT\u00a0corrected)", "（已校正机翻）"),
    "report.would_flip_two": (
        "No single answer change puts another platform first; two would: {summary}.",
        "单改一个回答不会让其他平台排到第一，同时改两个则会：{summary}。",
    ),
    "report.robust": (
        "No change of one or two answers puts another platform first.",
        "即使改变一两个回答，也不会有其他平台排到第一。",
    ),
    "report.strategy": ("Strategy", "经营策略"),
    "report.primary": ("Lead with", "主攻"),
    "report.secondary": ("Run alongside", "同时经营"),
    "report.none": ("none", "无"),
    "report.what_if": ("What if", "情景推演"),
    "report.what_if_none": (
        "No single answer change moves any platform by {points} points or more.",
        "单独改变任何一个回答，都不会让任一平台的分数变动{points}分或以上。",
    ),
    "report.risks": ("Risks", "风险"),
    "report.recheck": ("Re-check first", "请优先核实"),
    "report.evidence_full": ("Evidence quoted", "证据原文"),
    "punct.colon": (": ", "："),
    "punct.list": (", ", "、"),
    "punct.comma": (", ", "，"),
    "punct.and": (" and ", "，"),
    "punct.and_names": (" and ", "和"),
    "fit.strong": ("strong", "高"),
    "fit.moderate": ("moderate", "中"),
    "fit.weak": ("weak", "低"),
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
    "whatif.cut": ("{label}: {old} -> {new} (a cut)", "{label}：{old} → {new}（减少投入）"),
    "whatif.score": ("{name} {old} -> {new}", "{name} {old} → {new}"),
    "whatif.under": ("under {value}", "低于{value}"),
    "whatif.over": ("over {value}", "超过{value}"),
    "whatif.overtakes": (
        "{first} overtakes {second} ({deltas})",
        "{first}反超{second}（{deltas}）",
    ),
    "whatif.ties": ("{first} ties with {second} ({deltas})", "{first}追平{second}（{deltas}）"),
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
    "pager.prompt": ("space: next page · b: back · q: quit", "空格：下一页 · b：上一页 · q：退出"),
    "cli.error": ("{prog}: error: {message}", "{prog}：错误：{message}"),
    "cli.plain": ("{prog}: {message}", "{prog}：{message}"),
    "cli.hint": ("hint: {hint}", "提示：{hint}"),
    "cli.see_help": ("see `{command} --help`", "参见 `{command} --help`"),
    "cli.cancelled": ("cancelled", "已取消"),
    "output.exists": ("{path} already exists", "{path} 已存在"),
    "output.format_mismatch": (
        "--format {given} does not match {path}, which names {named}",
        "--format {given} 与文件名 {path} 不符，该扩展名表示 {named}",
    ),
    "output.format_hint": (
        "drop --format to write what the extension names, or rename the file",
        "去掉 --format 即按扩展名的格式写入，或给文件改名",
    ),
    "output.format_unknown": (
        "{path}: cannot write {named} here; --format takes {formats}",
        "{path}：这里不能写 {named} 格式；--format 可选 {formats}",
    ),
    "batch.unknown_format": (
        "{path}: cannot tell the format from the extension {extension}",
        "{path}：无法从扩展名 {extension} 判断格式",
    ),
    "batch.unknown_format_hint": (
        "name the file *.csv or *.jsonl, or pass --input-format csv|jsonl",
        "请把文件命名为 *.csv 或 *.jsonl，或加上 --input-format csv|jsonl",
    ),
    "batch.not_utf8": ("{name}:{line}: is not UTF-8 text", "{name}:{line}：不是 UTF-8 文本"),
    "batch.unknown_column": (
        "{name}:1: unknown column {column}{suggestion}",
        "{name}:1：未知的列 {column}{suggestion}",
    ),
    "batch.unknown_column_hint": (
        "the header names question ids (see `merchant-cli questions`) and `id`",
        "表头应为问题编号（见 `merchant-cli questions`）和 `id`",
    ),
    "batch.duplicate_column": (
        "{name}:1: a column appears twice in the header",
        "{name}:1：表头中有重复的列",
    ),
    "batch.invalid_csv": (
        "{name}:{line}: invalid CSV: {error}",
        "{name}:{line}：CSV 格式无效：{error}",
    ),
    "batch.stdin_format": (
        "reading stdin needs --input-format csv|jsonl",
        "从标准输入读取时需要 --input-format csv|jsonl",
    ),
    "batch.cannot_read": ("cannot read {path}: {reason}", "无法读取 {path}：{reason}"),
    "batch.missing": ("missing answers: {ids}", "缺少回答：{ids}"),
    "batch.invalid_json": ("invalid JSON: {error}", "JSON 格式无效：{error}"),
    "batch.not_object": (
        "expected a JSON object of question id -> value",
        "应为“问题编号 → 回答”的 JSON 对象",
    ),
    "batch.nested": ("the answer to {key} must be a single value", "{key} 的回答必须是单个值"),
    "batch.summary": (
        "batch: {scored} scored, {rejected} rejected{where}",
        "批量评估：{scored} 行已评分，{rejected} 行被拒{where}",
    ),
    "batch.see_rejects": (" (see {path})", "（见 {path}）"),
    "batch.stopped": ("stopped at {line}", "已在此处停止：{line}"),
    "batch.worker_died": (
        "batch: a worker process ended unexpectedly (exit code {code})",
        "批量评估：一个工作进程意外退出（退出码 {code}）",
    ),
    "batch.extra_cells": (
        "{cells} cells but the header has {columns} columns (extra cells?)",
        "有{cells}个单元格，但表头只有{columns}列（多余的单元格？）",
    ),
    "batch.missing_cells": ("missing column(s): {columns}", "缺少列：{columns}"),
    "output.force_hint": ("use --force to replace it", "如需覆盖，请加 --force"),
    "cli.did_you_mean": ("; did you mean {name}?", "；是不是想输入 {name}？"),
    "cli.unknown_command": ("unknown command {name}{suggestion}", "未知命令 {name}{suggestion}"),
    "cli.unknown_option": (
        "unrecognized arguments: {words}{suggestion}",
        "无法识别的参数：{words}{suggestion}",
    ),
    "cli.bad_arguments": ("{message}", "命令行参数有误：{message}"),
    "file.not_found": ("{path}: not found", "{path}：文件不存在"),
    "pack.not_found": (
        "{path}: rule pack directory not found",
        "{path}：规则包目录不存在",
    ),
    "pack.invalid": (
        "the rule pack is invalid ({count} problem(s))",
        "规则包无效（{count} 个问题）",
    ),
    "answers.unreadable": ("{problem}", "无法读取回答文件：{problem}"),
    "answers.hint": (
        "an answers file is a YAML or JSON mapping, e.g. `category: shoes`",
        "回答文件应为 YAML 或 JSON 映射，例如 `category: shoes`",
    ),
    "answers.not_mapping": (
        "{path}: an answers file must be a mapping of question id -> value",
        "{path}：回答文件必须是“问题编号 -> 值”的映射",
    ),
    "answers.not_single": (
        "{where}: the answer to {key} must be a single value",
        "{where}：{key} 的回答必须是单个值",
    ),
    "answers.bad_option": (
        "--answer {option}: expected ID=VALUE, e.g. --answer price=129",
        "--answer {option}：应为 ID=VALUE 形式，例如 --answer price=129",
    ),
    "answers.unknown_question": (
        "unknown question {key}{suggestion}",
        "未知问题 {key}{suggestion}",
    ),
    "answers.invalid_one": ("{flag}: {reason}", "{flag}：{reason}"),
    "answers.invalid_many": ("invalid answers:\n  {problems}", "以下回答无效：\n  {problems}"),
    "answers.missing": ("missing answers: {missing}", "缺少回答：{missing}"),
    "answers.missing_hint": (
        "give them as flags, with --answer ID=VALUE or --answers FILE, "
        "or run on a terminal without --no-input to be asked",
        "请用对应参数、--answer ID=VALUE 或 --answers FILE 给出，"
        "或在终端中去掉 --no-input 运行以逐项回答",
    ),
    "answer.not_number": ("expected a number, got {raw}", "应为数字，实际为 {raw}"),
    "answer.decimal_comma": (
        "{raw} is ambiguous: write 24.9 for a decimal, 1299 for a thousand and more",
        "{raw} 有歧义：小数请写 24.9，千位以上请直接写 1299",
    ),
    "answer.wrong_unit": (
        "{raw} cannot carry {unit}; write the number alone, e.g. {example}",
        "{raw} 不能带“{unit}”，请用阿拉伯数字，如 {example}",
    ),
    "answer.not_whole": ("expected a whole number, got {raw}", "应为整数，实际为 {raw}"),
    "answer.not_choice": (
        "{raw} is not one of: {listed}{hint}",
        "{raw} 不是可选值之一：{listed}{hint}",
    ),
    "answer.not_yes_no": ("expected yes or no, got {raw}", "应为是或否，实际为 {raw}"),
    "answer.not_finite": ("expected a finite number, got {raw}", "应为有限数字，实际为 {raw}"),
    "answer.above_exclusive": (
        "must be greater than {low}, got {raw}",
        "必须大于 {low}，实际为 {raw}",
    ),
    "answer.above": ("must be at least {low}, got {raw}", "不能小于 {low}，实际为 {raw}"),
    "answer.below": ("must be at most {high}, got {raw}", "不能大于 {high}，实际为 {raw}"),
    "answers.missing_one": ("{id} ({option})", "{id}（{option}）"),
    # Notices: what the engine found about the evidence behind this report.
    "notice.thin_evidence": (
        "The evidence says little or nothing about {label} '{choice}': its scores rest on "
        "general observations only, and the confidence is lower for it.",
        "证据中几乎没有关于{label}“{choice}”的内容，其评分仅基于一般性观察，结论的把握也相应降低。",
    ),
    "notice.no_rules": (
        "No rule applies to {name} for this merchant; its score is the base score.",
        "没有规则适用于该商家在{name}的情况，其分数为基础分。",
    ),
    "notice.thin_platform": (
        "{name}'s score rests on only {count} of the evidence's observations for this "
        "merchant: treat it as a rough guide (its plausible range is wider).",
        "{name}的分数只依据{count}条观察，仅供粗略参考（其合理区间更宽）。",
    ),
    "notice.stale_evidence": (
        "The evidence is as of {date}, {months} months ago: platform policies, traffic rules "
        "and fees may have changed; re-check them before deciding.",
        "证据截至{date}，距今已{months}个月：平台政策、流量规则和费用可能已经变化，决策前请重新核实。",
    ),
    "notice.evidence_date": ("The evidence is as of {date}.", "证据截至{date}。"),
    "rule.unknown": ("unknown rule {name}{suggestion}", "未知规则 {name}{suggestion}"),
    "platform.unknown": ("unknown platform {name}{suggestion}", "未知平台 {name}{suggestion}"),
    "observation.show_one": (
        "observations show: give one observation id, e.g. A13",
        "observations show：请给出一个证据编号，例如 A13",
    ),
    "observation.unknown": (
        "unknown observation {name}{suggestion}",
        "未知证据编号 {name}{suggestion}",
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
    "answers.missing_hint_redirected": (
        "give them as flags, with --answer ID=VALUE or --answers FILE, or leave stdout "
        "or stderr on the terminal to be asked (both are redirected now)",
        "请用对应参数、--answer ID=VALUE 或 --answers FILE 给出，"
        "或让标准输出或标准错误留在终端上以逐项回答（现在两者都被重定向了）",
    ),
    "date.bad_epoch": (
        "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, got {value}",
        "SOURCE_DATE_EPOCH 应为自 1970-01-01 UTC 起的整数秒数，实际为 {value}",
    ),
    "date.epoch_range": (
        "SOURCE_DATE_EPOCH is out of range: {value}",
        "SOURCE_DATE_EPOCH 超出范围：{value}",
    ),
    "date.epoch_hint": (
        "unset it, or give the date with --today YYYY-MM-DD",
        "请取消该变量，或用 --today YYYY-MM-DD 指定日期",
    ),
}


def t(key: str, lang: str, /, **values: object) -> str:
    """The message `key` in `lang`, formatted with `values`."""
    english, chinese = _MESSAGES[key]
    text = chinese if lang == "zh" else english
    return text.format(**values) if values else text


def worded(said: Said, lang: str) -> str:
    """`said` in words, in `lang`: the table's message filled with its values, each shown
    in the same language."""
    given = dict(said.values)
    if said.key == VERBATIM:
        return str(_shown(given["text"], lang))
    if said.key == JOINED:
        parts: tuple[Said, ...] = given["parts"]  # type: ignore[assignment]
        return str(given["separator"]).join(worded(part, lang) for part in parts)
    return t(said.key, lang, **{name: _shown(value, lang) for name, value in given.items()})


def _shown(value: object, lang: str) -> object:
    if isinstance(value, Said):
        return worded(value, lang)
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, tuple):  # a list of items, e.g. missing answers
        return t("punct.list", lang).join(str(_shown(item, lang)) for item in value)
    return value


def default_lang() -> str:
    """`zh` when the locale environment says Chinese, else `en`."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
