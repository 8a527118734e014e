"""The tool's own words (headings, labels, errors) in both languages; pack texts carry their own."""

from __future__ import annotations

import os
from collections.abc import Callable

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
        "Lead with {name} ({score}, {fit} fit; {share} chance of ranking first).",
        "主攻{name}（{score}分，适配度{fit}；居首概率{share}）。",
    ),
    "report.alongside": ("Run {names} alongside it.", "同时经营{names}。"),
    "report.alongside_them": ("Run {names} alongside them.", "同时经营{names}。"),
    "report.peer": (
        "A merchant like you succeeded here: {peer}: {text} [{evidence}].",
        "与你相似的商家在此取得了成功：{peer}，{text}［{evidence}］。",
    ),
    "report.would_flip": ("What would change this: {summary}.", "可能改变结论的因素：{summary}。"),
    "report.would_flip_cut": (
        "Only a cut in capacity would change this: {summary}.",
        "只有减少投入才会改变结论：{summary}。",
    ),
    "report.close_call_chance": (
        "Close call: {names} are within {margin} points, but their chances of ranking first "
        "separate them.",
        "势均力敌：{names}仅相差{margin}分，但居首概率把它们区分开了。",
    ),
    "report.tied_chance": (
        "Close call: {names} are tied at {score}, but their chances of ranking first "
        "separate them.",
        "势均力敌：{names}同为{score}分，但居首概率把它们区分开了。",
    ),
    "report.lead_chance": (
        "Lead with {name} ({score}, {fit} fit; {share} chance of ranking first, "
        "against {other_share} for {other}).",
        "主攻{name}（{score}分，适配度{fit}；居首概率{share}，{other}为{other_share}）。",
    ),
    "report.undecided": (
        "{names}: the evidence does not separate them ({why}).",
        "{names}：现有证据分不出高下（{why}）。",
    ),
    "report.undecided_within": (
        "within {margin} points, and about as likely to rank first",
        "相差不超过{margin}分，排名第一的概率也相近",
    ),
    "report.undecided_tied": (
        "tied at {score}, and about as likely to rank first",
        "同为{score}分，排名第一的概率也相近",
    ),
    "report.undecided_what": ("What would: {what}.", "可以帮助定夺的：{what}。"),
    "report.undecided_answer": (
        "where your main shop runs today ({option})",
        "你的主店目前在哪里经营（{option}）",
    ),
    "report.by_answer": (
        "Your shop already runs on {name}: start there. That is your own situation, not the "
        "article's evidence.",
        "你的店铺已在{name}经营：从那里起步。这是你自身的情况，并非文章的证据。",
    ),
    "report.test": (
        "Test {name} too, where a merchant like you succeeded: {peer}: {text} [{evidence}].",
        "也可以试水{name}，与你相似的商家在那里取得了成功：{peer}，{text}［{evidence}］。",
    ),
    "report.partial": ("(at {share} of {points})", "（按{points}分的{share}计）"),
    "report.certainty": ("certainty {grade}", "把握{grade}"),
    "report.certainty_why": ("certainty {grade}: {reasons}", "把握{grade}：{reasons}"),
    "report.confidence": ("Chance first", "居首概率"),
    "report.range": ("could be {low}-{high}", "可能在{low}至{high}分之间"),
    "report.observation_count": ("{count} observations", "{count}条观察"),
    "report.observation_one": ("1 observation", "1条观察"),
    # the English note is set off by a space; the Chinese parenthesis carries its own
    "report.reading": (" (machine translation corrected)", "（已校正机翻）"),
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
    "report.to_test": ("Test", "试水"),
    "report.caution": ("Caution", "注意"),
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
    "punct.or_names": (" or ", "或"),
    "punct.or_clauses": ("; or ", "；或"),
    "punct.semicolon": ("; ", "；"),
    "fit.strong": ("strong", "高"),
    "fit.moderate": ("moderate", "中"),
    "fit.weak": ("weak", "低"),
    "fit.unknown": ("unknown (too little evidence)", "证据不足"),
    "grade.high": ("high", "高"),
    "grade.moderate": ("moderate", "中"),
    "grade.low": ("low", "低"),
    "grade.very_low": ("very low", "很低"),
    "certainty.no_evidence": (
        "no evidence applies to this merchant",
        "没有适用于该商家的证据",
    ),
    "certainty.kind_report": ("reported facts, no figures", "依据报道，没有数据"),
    "certainty.kind_opinion": ("opinions", "依据观点"),
    "certainty.thin": ("rests on {count} observations", "只依据{count}条观察"),
    "certainty.thin_one": ("rests on 1 observation", "只依据1条观察"),
    "certainty.inconsistent": ("evidence for and against", "证据有利有弊"),
    "certainty.aged": ("{months} months old", "已过去{months}个月"),
    "certainty.indirect": ("indirect ({detail})", "间接（{detail}）"),
    "certainty.indirect_plain": ("indirect", "间接"),
    "certainty.near": (
        "the article's example is at {reach}, your {label} {value}",
        "文中例子为{reach}，你的{label}为{value}",
    ),
    "certainty.grows": (
        "{label} {value}: {share} of full strength",
        "{label}{value}：为满额的{share}",
    ),
    "certainty.like": (
        "{label} {value} is {share} like the article's examples",
        "{label}“{value}”与文中例子的相似度为{share}",
    ),
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
    "obs.reading": ("machine translation corrected", "已校正机翻"),
    "question.choices": ("choices", "可选"),
    "question.aliases": ("column header also", "表头也可写"),
    "question.number": ("a number", "数字"),
    "question.integer": ("a whole number", "整数"),
    "question.boolean": ("yes or no", "是或否"),
    "question.any": ("{kind}", "{kind}"),
    "question.between": ("{kind} from {low} to {high}", "{low}至{high}的{kind}"),
    "question.over": ("{kind} over {low}", "大于{low}的{kind}"),
    "question.at_least": ("{kind}, at least {low}", "不小于{low}的{kind}"),
    "question.at_most": ("{kind}, at most {high}", "不大于{high}的{kind}"),
    "question.unit": ("{values} ({unit})", "{values}（{unit}）"),
    "question.labelled": ("{label} ({id})", "{label}（{id}）"),
    "rule.points_for": ("{points} points for {platform}", "{platform}{points}分"),
    "rule.when": ("when", "条件"),
    "rule.defined_at": ("defined at", "定义于"),
    "rule.reason": ("reason", "理由"),
    "rule.evidence": ("evidence", "证据"),
    "condition.always": ("always", "总是适用"),
    "condition.and": (" and ", "，且"),
    "condition.or": (" or ", "，或"),
    "condition.not": ("not ({condition})", "并非（{condition}）"),
    "condition.group": ("({condition})", "（{condition}）"),
    "condition.or_value": (" or ", "或"),
    "condition.eq": ("{fact} is {value}", "{fact}为{value}"),
    "condition.ne": ("{fact} is not {value}", "{fact}不为{value}"),
    "condition.in": ("{fact} is {value}", "{fact}为{value}"),
    "condition.not_in": ("{fact} is not {value}", "{fact}不为{value}"),
    "condition.lt": ("{fact} under {value}", "{fact}低于{value}"),
    "condition.lte": ("{fact} at most {value}", "{fact}不超过{value}"),
    "condition.gt": ("{fact} over {value}", "{fact}超过{value}"),
    "condition.gte": ("{fact} at least {value}", "{fact}不低于{value}"),
    "condition.between": ("{fact} from {low} to {high}", "{fact}在{low}至{high}之间"),
    "condition.near": (
        "{fact} near {reach} (fading out beyond x{fade})",
        "{fact}接近{reach}（超出{fade}倍后渐不适用）",
    ),
    "condition.grows": (
        "{fact}, with diminishing returns (half strength at {half})",
        "按{fact}计，边际递减（{half}时为一半强度）",
    ),
    "condition.like": ("{fact} is like {value}", "{fact}近似{value}"),
    "condition.share": ("{value} ({share})", "{value}（{share}）"),
    "condition.range": ("{low}-{high}", "{low}至{high}"),
    "prompt.select_hint": ("(arrow keys, then Enter)", "（方向键选择，回车确认）"),
    "prompt.unit": ("{label} ({unit})", "{label}（{unit}）"),
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
    "cli.error": ("{prog}: error: {message}", "{prog}：错误：{message}"),
    "cli.plain": ("{prog}: {message}", "{prog}：{message}"),
    "cli.hint": ("hint: {hint}", "提示：{hint}"),
    "cli.see_help": ("see `{command} --help`", "参见 `{command} --help`"),
    "cli.cancelled": ("cancelled", "已取消"),
    "output.exists": ("{path} already exists", "{path} 已存在"),
    "output.cannot_write": ("cannot write {path}: {reason}", "无法写入 {path}：{reason}"),
    "output.is_directory": ("{path} is a directory", "{path} 是一个目录"),
    "output.stdout": ("the standard output", "标准输出"),
    "output.stderr": ("the standard error", "标准错误"),
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
        "name the file *.csv, *.jsonl, *.xlsx, *.xls or *.ods, or pass "
        "--input-format csv|jsonl|xlsx|xls|ods",
        "请把文件命名为 *.csv、*.jsonl、*.xlsx、*.xls 或 *.ods，或加上 "
        "--input-format csv|jsonl|xlsx|xls|ods",
    ),
    "batch.not_encoding": (
        "{name}:{line}: is not {encoding} text",
        "{name}:{line}：不是 {encoding} 编码的文本",
    ),
    "batch.detected_hint": (
        "the file's start read as {encoding}; if the file is in another encoding, pass "
        "--input-encoding utf-8|gb18030",
        "文件开头按 {encoding} 读取；如文件是其他编码，请加上 --input-encoding utf-8|gb18030",
    ),
    "batch.forced_hint": (
        "drop --input-encoding (or --encoding) to detect the encoding, or name another",
        "去掉 --input-encoding（或 --encoding）即可自动识别编码，或改用其他编码",
    ),
    "batch.unknown_encoding": (
        "{name}:{line}: is neither UTF-8 nor GB18030/GBK text",
        "{name}:{line}：既不是 UTF-8 也不是 GB18030/GBK 编码的文本",
    ),
    "batch.utf16": (
        "{name}: is UTF-16 text (Excel's \"Unicode text\"), which is not read",
        "{name}：是 UTF-16 文本（Excel 的“Unicode 文本”），无法读取",
    ),
    "batch.encoding_hint": (
        "save it from Excel or WPS as \"CSV UTF-8\" or as a workbook (.xlsx), or pass "
        "--input-encoding utf-8|utf-8-sig|gb18030|gbk",
        "请在 Excel 或 WPS 中另存为“CSV UTF-8”或工作簿（.xlsx），或加上 "
        "--input-encoding utf-8|utf-8-sig|gb18030|gbk",
    ),
    "batch.nul": (
        "{name}:{line}: contains NUL bytes (binary data?)",
        "{name}:{line}：含有 NUL 字节（是二进制数据吗？）",
    ),
    "batch.line_too_long": (
        "{name}:{line}: line longer than the {limit}-byte limit",
        "{name}:{line}：该行超过 {limit} 字节的上限",
    ),
    "batch.unknown_column": (
        "{name}:{row}: unknown column {column}{suggestion}",
        "{name}:{row}：未知的列 {column}{suggestion}",
    ),
    "batch.unknown_column_hint": (
        "the header names questions (by id or label, see `merchant-cli questions`) and `id`; "
        "without --strict-columns other columns are carried through",
        "表头应为问题（编号或名称，见 `merchant-cli questions`）和 `id`；"
        "不加 --strict-columns 时，其他列会原样带到输出中",
    ),
    "batch.duplicate_column": (
        "{name}:{row}: columns {first} and {second} both name {key}",
        "{name}:{row}：列 {first} 和 {second} 指的都是 {key}",
    ),
    "batch.extra_columns": (
        "{name}: column(s) {columns} are not questions, carried through unchanged{suggestion}",
        "{name}：列 {columns} 不是问题，原样带到输出中{suggestion}",
    ),
    "batch.blank_columns": (
        "{name}: column(s) {columns} have no header and are not read",
        "{name}：第 {columns} 列没有表头，未读取",
    ),
    "batch.column": ("column {name}", "列 {name}"),
    "batch.bad_workbook": (
        "cannot read workbook {path}: {reason}",
        "无法读取工作簿 {path}：{reason}",
    ),
    "batch.no_sheets": ("{name}: the workbook has no sheet", "{name}：工作簿中没有工作表"),
    "batch.unknown_sheet": (
        "{name}: no sheet {sheet}; its sheets are {sheets}",
        "{name}：没有名为 {sheet} 的工作表；现有工作表：{sheets}",
    ),
    "batch.sheet_not_workbook": (
        "{name}: --sheet applies to a workbook (.xlsx, .xls, .ods) only",
        "{name}：--sheet 仅适用于工作簿（.xlsx、.xls、.ods）",
    ),
    "batch.invalid_csv": (
        "{name}:{line}: invalid CSV: {error}",
        "{name}:{line}：CSV 格式无效：{error}",
    ),
    "batch.stdin_format": (
        "reading stdin needs --input-format csv|jsonl|xlsx|xls|ods",
        "从标准输入读取时需要 --input-format csv|jsonl|xlsx|xls|ods",
    ),
    "batch.cannot_read": ("cannot read {path}: {reason}", "无法读取 {path}：{reason}"),
    "batch.missing": ("missing answers: {ids}", "缺少回答：{ids}"),
    "batch.invalid_json": ("invalid JSON: {error}", "JSON 格式无效：{error}"),
    "batch.duplicate_key": ("duplicate key {key}", "键 {key} 重复"),
    "batch.bad_id": (
        "`id` must be text or a number, as in a CSV file",
        "`id` 必须是文本或数字（与 CSV 文件相同）",
    ),
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
    "progress.scoring": ("scoring", "评分中"),
    "progress.rows": ("{rows} rows", "{rows} 行"),
    "progress.rate": ("{rate} rows/s", "{rate} 行/秒"),
    "progress.eta": ("ETA", "剩余"),
    "batch.stopped": ("stopped at {line}", "已在此处停止：{line}"),
    "batch.worker_died": (
        "batch: a worker process ended unexpectedly (exit code {code})",
        "批量评估：一个工作进程意外退出（退出码 {code}）",
    ),
    "batch.extra_cells": (
        "{cells} cells but the header has {columns} columns (extra cells?)",
        "有{cells}个单元格，但表头只有{columns}列（多余的单元格？）",
    ),
    "batch.xlsx_needs_output": (
        "--format xlsx writes a workbook: name it with --output FILE.xlsx",
        "--format xlsx 写出工作簿：请用 --output 文件名.xlsx 指定",
    ),
    "batch.sheet": ("Results", "评估结果"),
    "batch.column.id": ("id", "编号"),
    "batch.column.status": ("status", "状态"),
    "batch.column.error": ("error", "问题"),
    "batch.column.primary": ("primary", "首选平台"),
    "batch.column.fit": ("fit", "适配度"),
    "batch.column.close_call": ("close_call", "难分高下"),
    "batch.column.contenders": ("contenders", "不相上下的平台"),
    "batch.column.chance_first": ("chance_first", "首选居首概率"),
    "batch.column.decided_by": ("decided_by", "首选依据"),
    "batch.column.contributions": ("contributions", "规则明细"),
    "batch.status.scored": ("scored", "已评分"),
    "batch.status.rejected": ("rejected", "被拒"),
    "batch.yes": ("yes", "是"),
    "batch.no": ("no", "否"),
    "batch.decided.score": ("score", "得分"),
    "batch.decided.chance": ("chance of ranking first", "居首概率"),
    "batch.decided.none": ("nothing: the evidence does not separate them", "证据无法区分"),
    "batch.decided.answer": ("the answer to {question}", "“{question}”的回答"),
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
    "cache.not_used": (
        "the pack cache {path} is not used: {reason}",
        "未使用规则包缓存 {path}：{reason}",
    ),
    "cache.not_owned": ("it belongs to another user", "它属于其他用户"),
    "cache.writable_by_others": (
        "other users can write to it (chmod go-w it, or set MERCHANT_CLI_CACHE_DIR)",
        "其他用户可以写入它（请执行 chmod go-w，或设置 MERCHANT_CLI_CACHE_DIR）",
    ),
    "cache.not_a_directory": ("it is not a directory", "它不是目录"),
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
        "No evidence applies to {name} for this merchant: its fit is unknown and its score is "
        "the base score, neither for nor against it.",
        "没有适用于该商家在{name}的证据：适配度为“证据不足”，分数为基础分，既不有利也不不利。",
    ),
    "notice.thin_platform": (
        "{name}'s score rests on only {count} of the evidence's observations for this "
        "merchant: treat it as a rough guide (its score could be further off).",
        "{name}的分数只依据{count}条观察，仅供粗略参考（分数可能偏差更大）。",
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
    "prompt.yes_no_retry": (
        "press y for yes or n for no",
        "请按 y（是）或 n（否），也可输入“是”或“否”",
    ),
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
    "date.bad_today": (
        "--today: expected a date as YYYY-MM-DD (e.g. 2026-11-26), got {value}",
        "--today：应为 YYYY-MM-DD 格式的日期（例如 2026-11-26），实际为 {value}",
    ),
    "batch.bad_jobs": (
        "--jobs: expected a number of processes >= 1, got {value}",
        "--jobs：应为不小于 1 的进程数，实际为 {value}",
    ),
    "pack.empty_dir": (
        "expected a rule pack directory, got an empty path",
        "应为规则包目录，实际是空路径",
    ),
    # Help: every text of `--help` and `help COMMAND` (issue 19).
    "help.description": (
        "Where should a merchant sell: Xiaohongshu, Douyin or Taobao?\n"
        "Scores each platform from cited evidence and explains why.",
        "商家该在哪里卖：小红书、抖音还是淘宝？\n依据有出处的证据给每个平台打分，并说明理由。",
    ),
    "help.exit_codes": (
        "exit codes:\n"
        "  0    success\n"
        "  1    `rules test` found a failing case; `batch` or `portfolio` rejected rows\n"
        "  2    bad usage or input: unknown flag, invalid value, missing answer,\n"
        "       unreadable answers or batch file, --output exists, no such --rules DIR\n"
        "  3    the rule pack is invalid (each problem printed as file:line:col)\n"
        "  70   internal error: a bug (MERCHANT_CLI_DEBUG=1 shows the traceback)\n"
        "  74   the output could not be written (disk full, I/O error)\n"
        "  129  the terminal closed (SIGHUP)\n"
        "  130  cancelled (Ctrl-C, Esc or Ctrl-D at a prompt)\n"
        "  141  the reader of stdout went away (`... | head`)\n"
        "  143  stopped by SIGTERM\n"
        "\n"
        "Without a command, the options are those of `evaluate`; on a terminal, without\n"
        "arguments, it asks the questions. `merchant-cli help COMMAND` shows a command's help.\n",
        "退出码：\n"
        "  0    成功\n"
        "  1    `rules test` 有未通过的用例；`batch` 或 `portfolio` 拒绝了部分行\n"
        "  2    用法或输入有误：未知参数、无效取值、缺少回答、\n"
        "       回答文件或批量文件无法读取、--output 文件已存在、--rules 目录不存在\n"
        "  3    规则包无效（每个问题以 file:line:col 列出）\n"
        "  70   内部错误：程序缺陷（设 MERCHANT_CLI_DEBUG=1 可看到回溯）\n"
        "  74   无法写出输出（磁盘已满、读写错误）\n"
        "  129  终端已关闭（SIGHUP）\n"
        "  130  已取消（在提示处按 Ctrl-C、Esc 或 Ctrl-D）\n"
        "  141  读取标准输出的程序已退出（`... | head`）\n"
        "  143  被 SIGTERM 终止\n"
        "\n"
        "不带命令时，选项与 `evaluate` 相同；在终端中不带参数运行时会逐项提问。\n"
        "`merchant-cli help 命令` 显示该命令的帮助。\n",
    ),
    "help.version_option": (
        "print versions and exit (also: `version`)",
        "显示版本并退出（也可用 `version`）",
    ),
    "help.help_command": (
        "show the help of merchant-cli or of a command",
        "显示 merchant-cli 或某个命令的帮助",
    ),
    "help.help_topic": ("e.g. evaluate, rules test", "例如 evaluate、rules test"),
    "help.version_command": ("print versions (the same as --version)", "显示版本（同 --version）"),
    "help.examples": ("examples:", "示例："),
    "help.pack_group": ("rule pack", "规则包"),
    "help.rules": (
        "use the rule pack in DIR instead of the built-in one "
        "(default: $MERCHANT_CLI_RULES, else built-in)",
        "使用 DIR 中的规则包代替内置规则包（默认：$MERCHANT_CLI_RULES，否则为内置规则包）",
    ),
    "help.rules_overlay": (
        "merge the pack in DIR on top (repeatable)",
        "把 DIR 中的规则包叠加在上面（可重复）",
    ),
    "help.follow_links": (
        "read pack files that are links to files outside their pack folder (refused by "
        "default: a pack from someone else could link to your files)",
        "读取链接到规则包目录之外文件的规则包文件（默认拒绝：他人提供的规则包可能链接到你的文件）",
    ),
    "help.lang": (
        "language of the report, messages and help (default: from LANGUAGE, LC_ALL, "
        "LC_MESSAGES or LANG; zh* gives Chinese)",
        "报告、提示和帮助的语言（默认：依据 LANGUAGE、LC_ALL、LC_MESSAGES 或 LANG，zh* 为中文）",
    ),
    "help.no_pager": (
        "print a text taller than the terminal as it is, without $PAGER or less",
        "比终端高的内容也直接打印，不经过 $PAGER 或 less",
    ),
    "help.format": ("output format (default: {default})", "输出格式（默认：{default}）"),
    "help.output_format": (
        "output format (default: from the --output file's extension, else {default})",
        "输出格式（默认：依据 --output 文件的扩展名，否则为 {default}）",
    ),
    "help.evaluate": (
        "score one merchant and print the report (the default command)",
        "为一个商家评分并输出报告（默认命令）",
    ),
    "help.evaluate_description": (
        "Score one merchant on every platform and explain the ranking.",
        "为一个商家在每个平台评分，并解释排名。",
    ),
    "help.evaluate_output": (
        "write the report to FILE (atomically) instead of stdout",
        "把报告写入 FILE（原子写入），而不是输出到标准输出",
    ),
    "help.evaluate_force": ("replace an existing --output FILE", "覆盖已存在的 --output 文件"),
    "help.evidence": (
        "full: add every cited observation's summary and full quote",
        "full：附上所引每条证据的摘要和完整原文",
    ),
    "help.detail": (
        "short: the one-screen summary (the table's default); full: every reason, what-if, "
        "risk and note (the default of markdown and html; json is always whole)",
        "short：一屏摘要（终端表格的默认）；full：全部理由、情景推演、风险和提示"
        "（markdown 和 html 的默认；json 总是完整的）",
    ),
    "help.today": (
        "the date the evidence's age is counted to (default: $SOURCE_DATE_EPOCH, else today): "
        "the same answers and date give byte-identical output",
        "计算证据时效所用的日期（默认：$SOURCE_DATE_EPOCH，否则为今天）；"
        "同样的回答和日期给出逐字节相同的输出",
    ),
    "help.defaults": (
        "on a terminal, ask only the questions without a default; the others keep it",
        "在终端中只问没有默认值的问题，其余的保留默认值",
    ),
    "help.answers_group": (
        "answers (later sources win: defaults, --answers FILE, --answer, dedicated flags)",
        "回答（后者优先：默认值、--answers、--answer、专用参数）",
    ),
    "help.answer": ("answer any question by id (repeatable)", "按编号回答任一问题（可重复）"),
    "help.answers_file": (
        "read answers from a YAML or JSON mapping of id -> value (- reads stdin)",
        "从“编号 → 回答”的 YAML 或 JSON 映射读取回答（- 表示标准输入）",
    ),
    "help.no_input": (
        "never prompt: missing answers are an error (exit 2)",
        "从不提问：缺少回答即报错（退出码 2）",
    ),
    "help.evaluate_examples": (
        "examples:\n"
        "  merchant-cli evaluate --category shoes --price 24.9 --notes-per-week 0 \\\n"
        "      --videos-per-week 2 --live-hours-per-week 40 --no-input\n"
        "  merchant-cli evaluate --answers merchant.yaml --output report.md\n"
        "  cat merchant.json | merchant-cli evaluate --answers - --format json\n",
        "示例：\n"
        "  merchant-cli evaluate --category shoes --price 24.9 --notes-per-week 0 \\\n"
        "      --videos-per-week 2 --live-hours-per-week 40 --no-input\n"
        "  merchant-cli evaluate --answers merchant.yaml --output report.md\n"
        "  cat merchant.json | merchant-cli evaluate --answers - --format json\n",
    ),
    "help.questions": (
        "list every question: id, flag, type, allowed values, default, help",
        "列出所有问题：编号、参数、类型、可选值、默认值、说明",
    ),
    "help.observations": (
        "the evidence catalog the rules cite; `observations ID` shows one in full",
        "规则所引用的证据目录；`observations 编号` 显示一条的全文",
    ),
    "help.observation_ids": (
        "show these observations in full, e.g. A13 (`observations show A13` also works)",
        "显示这些证据的全文，例如 A13（也可写 `observations show A13`）",
    ),
    "help.batch": (
        "score many merchants from a workbook, CSV or JSON Lines",
        "从工作簿、CSV 或 JSON Lines 文件为多个商家评分",
    ),
    "help.batch_description": (
        "Score every merchant in FILE (a workbook or CSV whose header names the questions "
        "by id or label in either language, or JSON Lines), one output row per input row, "
        "in order, with its status; other columns are carried through.",
        "为 FILE 中的每个商家评分（工作簿或 CSV，表头用问题的编号或中英文名称；或 JSON "
        "Lines），每个输入行按顺序对应一个输出行并注明状态；其他列原样带到结果中。",
    ),
    "help.batch_examples": (
        "examples:\n"
        "  merchant-cli batch merchants.csv --output scores.jsonl\n"
        "  merchant-cli batch clients.xlsx -o results.xlsx --lang zh\n"
        "  merchant-cli batch clients.csv -o results.csv --encoding utf-8-sig   # for Excel\n"
        "  merchant-cli batch merchants.jsonl --format csv --rejects bad.txt\n"
        "  cat merchants.csv | merchant-cli batch - --input-format csv --explain\n"
        "  merchant-cli batch merchants.csv --output scores.jsonl --jobs 1   # one process\n",
        "示例：\n"
        "  merchant-cli batch merchants.csv --output scores.jsonl\n"
        "  merchant-cli batch 客户.xlsx -o 结果.xlsx --lang zh\n"
        "  merchant-cli batch 客户.csv -o 结果.csv --encoding utf-8-sig   # 供 Excel 打开\n"
        "  merchant-cli batch merchants.jsonl --format csv --rejects bad.txt\n"
        "  cat merchants.csv | merchant-cli batch - --input-format csv --explain\n"
        "  merchant-cli batch merchants.csv --output scores.jsonl --jobs 1   # 单进程\n",
    ),
    "help.batch_file": ("input file, or - for stdin", "输入文件，- 表示标准输入"),
    "help.input_format": (
        "input format (default: from the extension)",
        "输入格式（默认：依据扩展名）",
    ),
    "help.input_encoding": (
        "the CSV input's encoding: utf-8, utf-8-sig, gb18030 or gbk (default: detected, "
        "UTF-8 or GB18030/GBK)",
        "CSV 输入文件的编码：utf-8、utf-8-sig、gb18030 或 gbk（默认自动识别 UTF-8 或 GB18030/GBK）",
    ),
    "help.sheet": (
        "the workbook's sheet to read (default: the first)",
        "要读取的工作表（默认：第一个）",
    ),
    "help.strict_columns": (
        "refuse columns that are not questions, instead of carrying them through",
        "拒绝不是问题的列，而不是把它们原样带到输出中",
    ),
    "help.batch_output": ("write results to FILE (atomically)", "把结果写入 FILE（原子写入）"),
    "help.batch_force": ("replace existing output files", "覆盖已存在的输出文件"),
    "help.explain": (
        "add the rules behind each platform's score (JSON Lines: contributions; CSV and "
        "XLSX: a contributions column)",
        "附上每个平台得分背后的规则（JSON Lines：contributions；CSV 与 XLSX：规则明细列）",
    ),
    "help.batch_encoding": (
        "encoding of the CSV written: utf-8 (default), utf-8-sig (UTF-8 with a BOM: Excel "
        "on any system) or gb18030 (Excel and WPS on Chinese Windows)",
        "写出的 CSV 的编码：utf-8（默认）、utf-8-sig（带 BOM 的 UTF-8，"
        "各系统的 Excel 均可直接打开）或 gb18030（中文 Windows 上的 Excel 与 WPS）",
    ),
    "help.raw_cells": (
        "CSV output: keep text cells starting with = + - @ as they are (by default a "
        "leading ' keeps a spreadsheet from running them as formulas)",
        "CSV 输出：以 = + - @ 开头的文本单元格保持原样（默认会在前面加 '，"
        "以免电子表格把它们当作公式执行）",
    ),
    "help.rejects": (
        "write rejected rows to FILE (default: stderr)",
        "把被拒的行写入 FILE（默认：标准错误）",
    ),
    "help.fail_fast": (
        "stop at the first bad row, writing no output",
        "遇到第一个无效行即停止，不写任何输出",
    ),
    "help.jobs": (
        "score in N processes (default: the cores available, %(default)s here); "
        "the output is the same for any N",
        "用 N 个进程评分（默认：可用的核心数，本机为 %(default)s）；N 取任何值，输出都相同",
    ),
    "help.rules_command": ("check, test and inspect the rule pack", "检查、测试和查看规则包"),
    "help.validate": (
        "check a pack; every problem with file:line",
        "检查规则包；每个问题都给出 file:line",
    ),
    "help.pack_dir_default": (
        "pack directory (default: the one in use)",
        "规则包目录（默认：当前使用的规则包）",
    ),
    "help.test": ("run the pack's example cases", "运行规则包自带的示例用例"),
    "help.pack_dir": ("pack directory", "规则包目录"),
    "help.list": (
        "one line per rule: id, platform, points, condition",
        "每条规则一行：编号、平台、分数、条件",
    ),
    "help.platform": ("only the rules of this platform", "只列出该平台的规则"),
    "help.show": ("one rule in full, with its evidence quoted", "显示一条规则的全文，并引用其证据"),
    "help.rule_id": ("rule id, e.g. dy-store-live", "规则编号，例如 dy-store-live"),
    "help.coverage": (
        "what the rules cite and address; thin spots",
        "规则引用和涉及了什么；证据薄弱之处",
    ),
    "help.diff": (
        "which clients' lead or close call changes with another pack, and the rules why",
        "换用另一个规则包后，哪些客户的主攻平台或势均力敌状态会变，以及是哪些规则引起的",
    ),
    "help.diff_description": (
        "Score every merchant in --merchants FILE with the pack given by --rules and "
        "--rules-overlay (after) and with the base pack (before: --against DIR, default the "
        "pack in use without overlays), and list every merchant whose lead or close-call "
        "status changes, with the rules whose contribution to it differs.",
        "用 --rules 和 --rules-overlay 给出的规则包（对比后）和基准规则包（对比前：--against "
        "DIR，默认为不带叠加包的当前规则包）为 --merchants 文件中的每个商家评分，列出主攻平台或"
        "势均力敌状态发生变化的每个商家，以及对它的贡献有变化的规则。",
    ),
    "help.diff_examples": (
        "examples:\n"
        "  merchant-cli rules diff --merchants clients.csv --rules-overlay new/\n"
        "  merchant-cli rules diff --merchants clients.csv --rules v2/ --against v1/\n"
        "  merchant-cli rules diff --merchants clients.csv --rules-overlay mine-v2/ \\\n"
        "      --against-overlay mine/ --format markdown > changes.md\n",
        "示例：\n"
        "  merchant-cli rules diff --merchants clients.csv --rules-overlay new/\n"
        "  merchant-cli rules diff --merchants clients.csv --rules v2/ --against v1/\n"
        "  merchant-cli rules diff --merchants clients.csv --rules-overlay mine-v2/ \\\n"
        "      --against-overlay mine/ --format markdown > changes.md\n",
    ),
    "help.against_group": ("base pack (before)", "基准规则包（对比前）"),
    "help.against": (
        "compare against the pack in DIR (default: $MERCHANT_CLI_RULES, else built-in); "
        "--rules-overlay does not apply to it",
        "与 DIR 中的规则包对比（默认：$MERCHANT_CLI_RULES，否则为内置规则包）；"
        "--rules-overlay 不作用于它",
    ),
    "help.against_overlay": (
        "merge the pack in DIR on top of the base pack (repeatable)",
        "把 DIR 中的规则包叠加在基准规则包上（可重复）",
    ),
    "help.exit_code": (
        "exit with 1 when a client's lead or close call changes, or only one pack rejects "
        "its row (as git diff --exit-code)",
        "有客户的主攻平台或势均力敌状态变化，或其所在行只被一个规则包拒绝时，以 1 退出"
        "（同 git diff --exit-code）",
    ),
    "diff.same_packs": (
        "rules diff compares two packs: give the one to try with --rules DIR or "
        "--rules-overlay DIR (the base is --against DIR, default the pack in use)",
        "rules diff 比较两个规则包：请用 --rules DIR 或 --rules-overlay DIR 给出要试用的规则包"
        "（基准为 --against DIR，默认为当前使用的规则包）",
    ),
    "diff.title": ("Rules diff", "规则包对比"),
    "diff.summary": (
        "{changed} of {total} clients change lead or close call ({unchanged} unchanged, "
        "{rejected} rejected).",
        "{total} 个客户中，{changed} 个的主攻平台或势均力敌状态有变（{unchanged} 个不变，"
        "{rejected} 个被拒）。",
    ),
    "diff.before_pack": ("Before: {pack}", "对比前：{pack}"),
    "diff.after_pack": ("After:  {pack}", "对比后：{pack}"),
    "diff.pack": ("{name} {version} (evidence as of {date})", "{name} {version}（证据截至{date}）"),
    "diff.overlay": (" + {name}", " + {name}"),
    "diff.client": ("{id} (row {row})", "{id}（第 {row} 行）"),
    "diff.row": ("row {row}", "第 {row} 行"),
    "diff.column.client": ("Client", "客户"),
    "diff.column.row": ("Row", "行"),
    "diff.column.before": ("Before", "对比前"),
    "diff.column.after": ("After", "对比后"),
    "diff.column.rules": ("Rules", "规则"),
    "diff.column.rule": ("Rule", "规则"),
    "diff.column.platform": ("Platform", "平台"),
    "diff.column.change": ("Change", "变化"),
    "diff.column.clients": ("Clients", "客户数"),
    "diff.lead": ("{name} {share}", "{name} {share}"),
    "diff.lead_close": (
        "{name} {share}, close call with {others}",
        "{name} {share}，与{others}势均力敌",
    ),
    "diff.settings_only": (
        "none: the pack's settings or its evidence's dates moved it",
        "无：是规则包设置或证据日期的变化引起的",
    ),
    "diff.rules_head": ("Rules behind the changes", "引起变化的规则"),
    "diff.added": ("added, {points}", "新增，{points}"),
    "diff.removed": ("removed (was {points})", "已删除（原为{points}）"),
    "diff.change.points": ("points {before} -> {after}", "分数 {before} → {after}"),
    "diff.change.platform": ("platform {before} -> {after}", "平台 {before} → {after}"),
    "diff.change.strength": ("strength {before} -> {after}", "证据强度 {before} → {after}"),
    "diff.change.when": ("condition changed", "条件有变"),
    "diff.change.evidence": ("evidence changed", "证据有变"),
    "diff.change.applies": (
        "applies differently (a band or default it reads changed)",
        "适用程度不同（它读取的档位或默认值有变）",
    ),
    "diff.clients": ("{count} clients", "{count} 个客户"),
    "diff.client_one": ("1 client", "1 个客户"),
    "diff.settings": (
        "Pack settings that set leads changed too: {names}",
        "决定主攻平台的规则包设置也有变化：{names}",
    ),
    "diff.rejected_head": ("Rejected rows", "被拒的行"),
    "diff.rejected_row": ("row {row}{id}: {reason} ({by})", "第 {row} 行{id}：{reason}（{by}）"),
    "diff.by.before": ("before only", "仅对比前"),
    "diff.by.after": ("after only", "仅对比后"),
    "diff.by.both": ("before and after", "对比前后均被拒"),
    "help.schema": (
        "print the JSON Schema of a pack file, an answers file or the JSON report",
        "输出规则包文件、回答文件或 JSON 报告的 JSON Schema",
    ),
    "help.schema_description": (
        "Print a JSON Schema (draft 2020-12): `pack` for a rule-pack file, `answers` for an "
        "answers file of the pack in use, `report` for `evaluate --format json`.",
        "输出 JSON Schema（draft 2020-12）：`pack` 用于规则包文件，`answers` 用于当前规则包的"
        "回答文件，`report` 用于 `evaluate --format json` 的输出。",
    ),
    "help.schema_epilog": (
        "examples:\n"
        "  merchant-cli schema report > report.schema.json\n"
        "  merchant-cli schema answers --rules-overlay my-pack > answers.schema.json\n"
        "\n"
        "In an editor with a YAML language server, a file starting with\n"
        "  # yaml-language-server: $schema=path/to/pack.schema.json\n"
        "is validated and completed as it is typed (the built-in pack's files do this).\n",
        "示例：\n"
        "  merchant-cli schema report > report.schema.json\n"
        "  merchant-cli schema answers --rules-overlay my-pack > answers.schema.json\n"
        "\n"
        "在装有 YAML language server 的编辑器里，以下面这行开头的文件\n"
        "  # yaml-language-server: $schema=path/to/pack.schema.json\n"
        "会在输入时得到校验和补全（内置规则包的文件就是这样做的）。\n",
    ),
    "help.schema_kind": ("which schema", "哪一种 schema"),
    "help.completion": (
        "print a shell completion script (bash, zsh or fish)",
        "输出 shell 补全脚本（bash、zsh 或 fish）",
    ),
    "help.completion_description": (
        "Print a completion script for SHELL: it completes commands, options, the values of "
        "choices, file names and the question flags of the rule pack in use.",
        "输出 SHELL 的补全脚本：可补全命令、选项、可选值、文件名，以及当前规则包的问题参数。",
    ),
    "help.shell": ("the shell to complete in", "要补全的 shell"),
    "completion.bash": (
        "merchant-cli completion for bash, made by shtab from merchant-cli's own parsers.\n"
        "Install it (with or without the bash-completion package), then open a new shell:\n"
        "  mkdir -p ~/.local/share/merchant-cli\n"
        "  merchant-cli completion bash > ~/.local/share/merchant-cli/completion.bash\n"
        "  echo '. ~/.local/share/merchant-cli/completion.bash' >> ~/.bashrc\n",
        "merchant-cli 的 bash 补全脚本，由 shtab 依据 merchant-cli 自己的参数解析器生成。\n"
        "安装（有没有 bash-completion 软件包都可以），然后打开一个新的 shell：\n"
        "  mkdir -p ~/.local/share/merchant-cli\n"
        "  merchant-cli completion bash > ~/.local/share/merchant-cli/completion.bash\n"
        "  echo '. ~/.local/share/merchant-cli/completion.bash' >> ~/.bashrc\n",
    ),
    "completion.zsh": (
        "merchant-cli completion for zsh, made by shtab from merchant-cli's own parsers.\n"
        "Install it, then open a new shell:\n"
        "  mkdir -p ~/.local/share/zsh/site-functions\n"
        "  merchant-cli completion zsh > ~/.local/share/zsh/site-functions/_merchant-cli\n"
        "  echo 'fpath=(~/.local/share/zsh/site-functions $fpath)' >> ~/.zshrc\n"
        "  echo 'autoload -Uz compinit && compinit' >> ~/.zshrc\n",
        "merchant-cli 的 zsh 补全脚本，由 shtab 依据 merchant-cli 自己的参数解析器生成。\n"
        "安装，然后打开一个新的 shell：\n"
        "  mkdir -p ~/.local/share/zsh/site-functions\n"
        "  merchant-cli completion zsh > ~/.local/share/zsh/site-functions/_merchant-cli\n"
        "  echo 'fpath=(~/.local/share/zsh/site-functions $fpath)' >> ~/.zshrc\n"
        "  echo 'autoload -Uz compinit && compinit' >> ~/.zshrc\n",
    ),
    "completion.fish": (
        "merchant-cli completion for fish, made by shtab from merchant-cli's own parsers.\n"
        "Install it; new shells load it:\n"
        "  mkdir -p ~/.config/fish/completions\n"
        "  merchant-cli completion fish > ~/.config/fish/completions/merchant-cli.fish\n",
        "merchant-cli 的 fish 补全脚本，由 shtab 依据 merchant-cli 自己的参数解析器生成。\n"
        "安装后，新打开的 shell 会自动加载：\n"
        "  mkdir -p ~/.config/fish/completions\n"
        "  merchant-cli completion fish > ~/.config/fish/completions/merchant-cli.fish\n",
    ),
    # The adviser's portfolio (issue 18): `merchant-cli portfolio FILE`.
    "portfolio.title": ("Portfolio", "客户组合概览"),
    "portfolio.counts": (
        "{clients} clients: {scored} scored, {rejected} rejected. Evidence as of {as_of}; "
        "chances dated {today}.",
        "共{clients}个客户：{scored}个已评分，{rejected}个被拒。证据截至{as_of}；居首概率按{today}计算。",
    ),
    "portfolio.leads": ("Leads", "主攻平台分布"),
    "portfolio.clients_count": ("Clients", "客户数"),
    "portfolio.share": ("Share", "占比"),
    "portfolio.close_count": ("Close calls", "势均力敌"),
    "portfolio.unseparated_count": ("Not separated", "证据分不出高下"),
    "portfolio.close_calls": ("Close calls ({count})", "势均力敌的客户（{count}个）"),
    "portfolio.close_call": ("{client}: {names}; {how}", "{client}：{names}；{how}"),
    "portfolio.by_chance": (
        "{name} is likelier to rank first",
        "{name}居首的概率更高",
    ),
    "portfolio.by_answer": ("{name}, where the shop already runs", "选{name}：店铺已在那里经营"),
    "portfolio.by_none": (
        "the evidence does not separate them ({name} named)",
        "现有证据分不出高下（暂列{name}）",
    ),
    "portfolio.thin": (
        "Thin or unknown evidence ({count})",
        "证据薄弱或不足的客户（{count}个）",
    ),
    "portfolio.thin_line": ("{client}: {reasons}", "{client}：{reasons}"),
    "portfolio.silent": (
        "the evidence says nothing about {label} '{choice}'",
        "证据未涉及{label}“{choice}”",
    ),
    "portfolio.blind": ("no evidence applies to {name}", "没有适用于{name}的证据"),
    "portfolio.few": ("{name} rests on {count} observations", "{name}只依据{count}条观察"),
    "portfolio.few_one": ("{name} rests on 1 observation", "{name}只依据1条观察"),
    "portfolio.levers": (
        "Levers that would change the most leads",
        "能改变最多客户主攻平台的调整",
    ),
    "portfolio.levers_none": (
        "No single change of answers the report tries changes any client's lead.",
        "报告所试的调整都不会改变任何客户的主攻平台。",
    ),
    "portfolio.more": ("{count} more: --detail full", "另有{count}项：--detail full"),
    "portfolio.lever": (
        "{change}: {count} clients ({moves})",
        "{change}：{count}个客户（{moves}）",
    ),
    "portfolio.lever_one": ("{change}: 1 client ({moves})", "{change}：1个客户（{moves}）"),
    "portfolio.lever_to": ("to {name} {count}", "转向{name}{count}个"),
    "portfolio.set": ("{label}: {value}", "{label}：{value}"),
    "portfolio.up": ("{label}: up to {value}", "{label}：提高到{value}"),
    "portfolio.down": ("{label}: down to {value}", "{label}：降低到{value}"),
    "portfolio.rejected": ("Rejected rows ({count})", "被拒的行（{count}行）"),
    "portfolio.rejected_line": ("row {row}: {error}", "第{row}行：{error}"),
    "portfolio.rejected_id": ("row {row} [{id}]: {error}", "第{row}行［{id}］：{error}"),
    "portfolio.row": ("row {row}", "第{row}行"),
    "portfolio.named": ("{id} ({name})", "{id}（{name}）"),
    "portfolio.clients": ("Clients", "客户明细"),
    "portfolio.col_row": ("Row", "行"),
    "portfolio.col_id": ("Id", "编号"),
    "portfolio.col_name": ("Name", "名称"),
    "portfolio.col_lead": ("Lead", "主攻"),
    "portfolio.col_close": ("Close call", "势均力敌"),
    "portfolio.col_thin": ("Thin evidence", "证据薄弱"),
    "portfolio.col_report": ("report", "报告"),
    "portfolio.rejected_status": ("rejected", "被拒"),
    "portfolio.summary": (
        "portfolio: {scored} scored, {rejected} rejected",
        "客户组合：{scored} 个已评分，{rejected} 个被拒",
    ),
    "portfolio.written": (
        "{count} reports and {index} written to {path}",
        "已把 {count} 份报告和 {index} 写入 {path}",
    ),
    "portfolio.not_empty": ("{path} is not empty", "{path} 不是空目录"),
    "portfolio.not_empty_hint": (
        "choose a new or empty directory, or add --force to write into it (files of the same "
        "names are replaced, others are left alone)",
        "请换一个新的或空的目录，或加上 --force 写入该目录（同名文件被替换，其他文件保持不动）",
    ),
    "portfolio.not_directory": ("{path} is not a directory", "{path} 不是目录"),
    "help.portfolio": (
        "an adviser's summary of many merchants: leads, close calls, thin evidence, levers",
        "多个商家的顾问视图：主攻平台分布、势均力敌、证据薄弱、关键调整",
    ),
    "help.portfolio_description": (
        "Score every merchant in FILE (the same files and options as batch) and print what "
        "an adviser reads first: how many clients each platform leads, the close calls, the "
        "clients whose evidence is thin or unknown, the changes of answers that would change "
        "the most leads, and the rejected rows. --reports DIR adds one report per client.",
        "为 FILE 中的每个商家评分（文件和选项与 batch 相同），并列出顾问最先要看的内容："
        "每个平台主攻的客户数、势均力敌的客户、证据薄弱或不足的客户、能改变最多客户主攻平台的"
        "回答调整，以及被拒的行。--reports DIR 另为每个客户写一份报告。",
    ),
    "help.portfolio_examples": (
        "examples:\n"
        "  merchant-cli portfolio clients.csv\n"
        "  merchant-cli portfolio clients.csv --format json --output portfolio.json\n"
        "  merchant-cli portfolio clients.csv --reports out/   # see out/index.html\n",
        "示例：\n"
        "  merchant-cli portfolio clients.csv\n"
        "  merchant-cli portfolio clients.csv --format json --output portfolio.json\n"
        "  merchant-cli portfolio clients.csv --reports out/   # 见 out/index.html\n",
    ),
    "help.portfolio_output": (
        "write the summary to FILE (atomically) instead of stdout",
        "把概览写入 FILE（原子写入），而不是输出到标准输出",
    ),
    "help.portfolio_force": (
        "replace an existing --output FILE; write into a --reports DIR that is not empty",
        "覆盖已存在的 --output 文件；允许写入非空的 --reports 目录",
    ),
    "help.portfolio_detail": (
        "short: the summary, each list cut short (the table's default); full: every list "
        "whole, and a row per client (the default of markdown and html)",
        "short：概览，各列表只列前几项（终端表格的默认）；full：完整列出各列表，并逐个列出客户"
        "（markdown 和 html 的默认）",
    ),
    "help.reports": (
        "write each scored client's report (as `evaluate` gives it) to DIR, one file per client "
        "named after its id, beside an index that links them and shows the summary",
        "把每个已评分客户的报告（与 `evaluate` 的相同）写入 DIR，每个客户一个以其编号命名的文件，"
        "另有一个链接全部报告并显示概览的索引页",
    ),
    "help.reports_format": (
        "format of the --reports files and their index (default: html)",
        "--reports 文件及其索引的格式（默认：html）",
    ),
    # argparse's own words: the English is argparse's message id, exactly (`parsers.speak`).
    "argparse.usage": ("usage: ", "用法："),
    "argparse.positional": ("positional arguments", "位置参数"),
    "argparse.options": ("options", "选项"),
    "argparse.optional": ("optional arguments", "选项"),
    "argparse.heading": ("%(heading)s:", "%(heading)s："),
    "argparse.help": ("show this help message and exit", "显示此帮助并退出"),
    "argparse.default": (" (default: %(default)s)", "（默认：%(default)s）"),
    "argparse.required": (
        "the following arguments are required: %s",
        "缺少必需的参数：%s",
    ),
    "argparse.unrecognized": ("unrecognized arguments: %s", "无法识别的参数：%s"),
    "argparse.invalid_choice": (
        "invalid choice: %(value)r (choose from %(choices)s)",
        "无效的取值 %(value)r（可选：%(choices)s）",
    ),
    "argparse.invalid_value": (
        "invalid %(type)s value: %(value)r",
        "无效的 %(type)s 值：%(value)r",
    ),
    "argparse.argument": (
        "argument %(argument_name)s: %(message)s",
        "参数 %(argument_name)s：%(message)s",
    ),
    "argparse.one": ("expected one argument", "需要一个值"),
    "argparse.at_most_one": ("expected at most one argument", "最多只能有一个值"),
    "argparse.at_least_one": ("expected at least one argument", "至少需要一个值"),
    "argparse.count": ("expected %s argument", "需要 %s 个值"),
    "argparse.counts": ("expected %s arguments", "需要 %s 个值"),
    "argparse.ambiguous": (
        "ambiguous option: %(option)s could match %(matches)s",
        "有歧义的选项：%(option)s 可能是 %(matches)s",
    ),
    "argparse.not_allowed": ("not allowed with argument %s", "不能与参数 %s 同时使用"),
    "argparse.one_of": ("one of the arguments %s is required", "参数 %s 必须给出其中一个"),
    "argparse.ignored": ("ignored explicit argument %r", "多余的值 %r"),
    "argparse.open": ("can't open '%(filename)s': %(error)s", "无法打开 '%(filename)s'：%(error)s"),
    "argparse.error": ("%(prog)s: error: %(message)s\n", "%(prog)s：错误：%(message)s\n"),
}


def t(key: str, lang: str, /, **values: object) -> str:
    """The message `key` in `lang`, formatted with `values`."""
    english, chinese = _MESSAGES[key]
    text = chinese if lang == "zh" else english
    return text.format(**values) if values else text


def worded(said: Said, lang: str, clean: Callable[[str], str] | None = None) -> str:
    """`said` in words, in `lang`: the table's message filled with its values, each shown
    in the same language. `clean` (`safe.terminal` for the terminal) is applied to every
    value that did not come from the table: a pack's text, a file name, an input cell."""
    given = dict(said.values)
    if said.key == VERBATIM:
        return _shown(given["text"], lang, clean)
    if said.key == JOINED:
        parts: tuple[Said, ...] = given["parts"]  # type: ignore[assignment]
        return str(given["separator"]).join(worded(part, lang, clean) for part in parts)
    return t(said.key, lang, **{name: _shown(value, lang, clean) for name, value in given.items()})


def _shown(value: object, lang: str, clean: Callable[[str], str] | None) -> str:
    if isinstance(value, Said):
        return worded(value, lang, clean)
    if isinstance(value, tuple):  # a list of items, e.g. missing answers
        return t("punct.list", lang).join(_shown(item, lang, clean) for item in value)
    text = value.get(lang) if isinstance(value, Text) else str(value)
    return text if clean is None else clean(text)


def argparse_texts(lang: str) -> dict[str, str]:
    """argparse's own words in `lang`, by argparse's English message id (`argparse.*` keys)."""
    if lang != "zh":
        return {}
    return {en: zh for key, (en, zh) in _MESSAGES.items() if key.startswith("argparse.")}


def default_lang() -> str:
    """`zh` when the locale environment says Chinese, else `en`, read as gettext reads it:
    `LANGUAGE` (a list, `zh_CN:en`: its first entry in Chinese or English decides), then
    `LC_ALL`, `LC_MESSAGES` and `LANG`, the first one set deciding. Only the variables are
    read, never `setlocale`: a locale the machine has not generated works as well."""
    for entry in os.environ.get("LANGUAGE", "").split(":"):
        if entry.lower().startswith(LANGS):
            return "zh" if entry.lower().startswith("zh") else "en"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
