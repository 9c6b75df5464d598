"""The interview's own words (prompts, notes, reasons) in English and Chinese."""

from __future__ import annotations

from typing import Any

from llm_adapt.rulebase import Lang

_STRINGS: dict[str, dict[Lang, str]] = {
    "intro": {
        "en": "Answer with the number or the word. ? shows help, - skips a question, "
        "< goes back, Ctrl-C stops (answers are kept).",
        "zh": "请输入编号或取值。? 显示帮助，- 跳过问题，< 返回上一题，"
        "Ctrl-C 停止（已答内容会保留）。",
    },
    "project_name": {"en": "Project name", "zh": "项目名称"},
    "project_name_hint": {
        "en": "a short name; it also names the file the answers are saved in",
        "zh": "简短的名称；也用于保存答案的文件名",
    },
    "project_name_help": {
        "en": "The name identifies the project in reports and batch summaries.",
        "zh": "名称用于在报告和批量汇总中标识该项目。",
    },
    "description": {"en": "One-line description", "zh": "一句话描述"},
    "description_hint": {
        "en": "what the system will do; press Enter or type - to leave it out",
        "zh": "系统要做什么；直接回车或输入 - 可不填",
    },
    "description_help": {
        "en": "The description is kept in the project file for readers; "
        "it does not change the advice.",
        "zh": "描述保存在项目文件中供读者参考，不影响建议。",
    },
    "name_required": {"en": "a project name is required", "zh": "必须填写项目名称"},
    "name_too_long": {
        "en": "the name is too long ({length} characters; at most {most})",
        "zh": "名称过长（{length} 个字符；最多 {most} 个）",
    },
    "hint": {"en": "Hint: {hint} (type ? for help)", "zh": "提示：{hint}（输入 ? 查看帮助）"},
    "why": {"en": "Why it matters: ", "zh": "为什么重要："},
    "sources": {"en": "Sources:", "zh": "来源："},
    "default": {"en": "Default: {value} (press Enter)", "zh": "默认：{value}（直接回车）"},
    "current": {
        "en": "Current answer: {value} (press Enter to keep it)",
        "zh": "当前答案：{value}（直接回车保留）",
    },
    "boolean_values": {"en": "yes or no", "zh": "yes 或 no"},
    "integer_any": {"en": "a whole number", "zh": "一个整数"},
    "number_any": {"en": "a number", "zh": "一个数字"},
    "at_least": {"en": "{kind}, at least {low}", "zh": "{kind}，不小于 {low}"},
    "above": {"en": "{kind}, greater than {low}", "zh": "{kind}，大于 {low}"},
    "at_most": {"en": "{kind}, at most {high}", "zh": "{kind}，不大于 {high}"},
    "and_at_most": {"en": "{text}, at most {high}", "zh": "{text}，不大于 {high}"},
    "between": {"en": "{kind} from {low} to {high}", "zh": "{kind}，{low} 到 {high} 之间"},
    "optional": {"en": "optional: - skips it", "zh": "可选：输入 - 跳过"},
    "invalid": {"en": "Not accepted: {reason}", "zh": "无法接受：{reason}"},
    "no_answer": {
        "en": "no answer given (type - to skip the question, ? for help)",
        "zh": "没有输入答案（输入 - 跳过此题，? 查看帮助）",
    },
    "choice_range": {
        "en": "{text} is not a number from 1 to {count}",
        "zh": "{text} 不是 1 到 {count} 之间的编号",
    },
    "choice_unknown": {
        "en": "{text!r} is not one of {values}{hint}",
        "zh": "“{text}” 不是可选值之一：{values}{hint}",
    },
    "not_boolean": {"en": "{text!r} is not yes or no", "zh": "“{text}” 不是 yes 或 no"},
    "not_number": {"en": "{text!r} is not {kind}", "zh": "“{text}” 不是{kind}"},
    "out_of_range": {
        "en": "{text} is out of range: expected {expected}",
        "zh": "{text} 超出范围：应为{expected}",
    },
    "first_question": {
        "en": "This is the first question; there is nothing to go back to.",
        "zh": "这已是第一个问题，无法再返回。",
    },
    "skipped": {"en": "Skipped: left unanswered.", "zh": "已跳过：保持未回答。"},
    "saving_to": {
        "en": "Answers are saved to {path} after every answer.",
        "zh": "每次回答后答案都会保存到 {path}。",
    },
    "name_taken": {
        "en": "{path} already exists, so the answers go to {new} instead.",
        "zh": "{path} 已存在，答案将保存到 {new}。",
    },
    "overwrite": {
        "en": "{path} already exists. Overwrite it? [y/N] ",
        "zh": "{path} 已存在。要覆盖吗？[y/N] ",
    },
    "not_overwritten": {
        "en": "{path} was left as it is. To continue that interview: llm-adapt ask --resume {path}",
        "zh": "{path} 保持不变。要继续那次访谈：llm-adapt ask --resume {path}",
    },
    "rewrite_note": {
        "en": "Note: {path} cannot be rewritten as it is written, so it is saved in the standard "
        "layout; its comments are not kept.",
        "zh": "注意：{path} 无法按原样改写，将按标准格式保存，其中的注释不会保留。",
    },
    "several_lines": {
        "en": "{count} lines were pasted; give one answer, on one line",
        "zh": "粘贴了 {count} 行；请在一行中给出一个答案",
    },
    "resuming": {
        "en": "Resuming {project}: {answered} answered, {left} to go.",
        "zh": "继续 {project}：已回答 {answered} 题，还剩 {left} 题。",
    },
    "all_answered": {
        "en": "Every question that applies is answered.",
        "zh": "所有适用的问题都已回答。",
    },
    "interrupted": {"en": "Interrupted.", "zh": "已中断。"},
    "input_closed": {"en": "Input closed.", "zh": "输入已关闭。"},
    "kept_in": {
        "en": "Your answers so far are saved in {path}.\n"
        "To continue: llm-adapt ask --resume {path}",
        "zh": "目前的答案已保存在 {path}。\n继续访谈：llm-adapt ask --resume {path}",
    },
    "nothing_saved": {"en": "Nothing was saved yet.", "zh": "尚未保存任何内容。"},
    "written": {
        "en": "Saved to {path}\nTo see this advice again: llm-adapt assess {path}",
        "zh": "已保存到 {path}\n再次查看此建议：llm-adapt assess {path}",
    },
    "not_a_terminal": {
        "en": "ask is an interview and needs a terminal (standard input is not one).\n"
        "To advise on a project file, run: llm-adapt assess FILE\n"
        "To continue an interview saved in a file, run in a terminal: "
        "llm-adapt ask --resume FILE",
        "zh": "ask 是交互式访谈，需要在终端中运行（标准输入不是终端）。\n"
        "要对项目文件给出建议，请运行：llm-adapt assess FILE\n"
        "要继续保存在文件中的访谈，请在终端中运行：llm-adapt ask --resume FILE",
    },
}


def say(key: str, lang: Lang, **values: Any) -> str:
    """One interview string in the given language, with its {placeholders} filled in."""
    return _STRINGS[key][lang].format(**values)
