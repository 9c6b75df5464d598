"""The message catalogue: every sentence llm-adapt says to a user, in every language it speaks.

Rule texts (questions, rationales, next steps) live in the rule base; everything else a user
reads is here, under a dotted key whose first part names who says it (`report.`, `interview.`,
`plan.`, `schema.`, `gate.`, `assess.`). A message may hold `{placeholders}`.
"""

from __future__ import annotations

import re
from typing import Any, Literal, get_args

from llm_adapt.errors import UserError

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = get_args(Lang)
DEFAULT_LANG: Lang = "en"


def parse_lang(value: str) -> Lang:
    """A language name from the command line or LLM_ADAPT_LANG, checked."""
    for lang in LANGS:
        if value == lang:
            return lang
    raise UserError(f"--lang (or LLM_ADAPT_LANG) {value!r}: choose {' or '.join(LANGS)}")


# `{count|report|reports}`: the singular when `count` is 1, else the plural (English needs
# it; Chinese has no plural).
_PLURAL = re.compile(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")


def message(key: str, lang: Lang, **values: Any) -> str:
    """The message `key` in `lang`, its placeholders filled with `values`."""
    text = _CATALOGUE[key][lang]
    if not values:
        return text
    text = _PLURAL.sub(lambda m: m[2] if values[m[1]] == 1 else m[3], text)
    return text.format(**values)


def has_message(key: str) -> bool:
    return key in _CATALOGUE


_CATALOGUE: dict[str, dict[Lang, str]] = {
    # --- Report labels (assess text and Markdown, summaries).
    'report.recommendation': {
        'en': 'Recommendation',
        'zh': '建议',
    },
    'report.confidence': {
        'en': 'confidence',
        'zh': '置信度',
    },
    'report.margin': {
        'en': 'margin',
        'zh': '领先',
    },
    'report.scores': {
        'en': 'Scores (0-100)',
        'zh': '得分（0-100）',
    },
    'report.score': {'en': 'score', 'zh': '得分'},
    'report.points': {'en': 'points', 'zh': '分值'},
    'report.why': {
        'en': 'Why',
        'zh': '理由',
    },
    'report.sources': {
        'en': 'sources',
        'zh': '来源',
    },
    'report.blocked': {
        'en': 'Blocked',
        'zh': '不可行',
    },
    'report.blocked_short': {
        'en': 'blocked',
        'zh': '不可行',
    },
    'report.plan': {
        'en': 'Fine-tuning plan',
        'zh': '微调计划',
    },
    'report.method': {
        'en': 'method',
        'zh': '方法',
    },
    'report.kind': {
        'en': 'kind',
        'zh': '类型',
    },
    'report.memory': {
        'en': 'estimated peak memory',
        'zh': '估计峰值显存',
    },
    'report.fits': {
        'en': 'fits the GPU',
        'zh': 'GPU 放得下',
    },
    'report.does_not_fit': {
        'en': 'does NOT fit the GPU',
        'zh': 'GPU 放不下',
    },
    'report.by_method': {
        'en': 'by method',
        'zh': '各方法',
    },
    'report.examples': {
        'en': 'examples',
        'zh': '示例数',
    },
    'report.suggested': {
        'en': 'suggested',
        'zh': '建议',
    },
    'report.available': {
        'en': 'available',
        'zh': '现有',
    },
    'report.unanswered': {
        'en': 'Unanswered (each lowers confidence)',
        'zh': '未回答（会降低置信度）',
    },
    'report.what_if': {
        'en': 'What would change the advice',
        'zh': '什么会改变建议',
    },
    'report.no_what_if': {
        'en': 'No single answer change would change it.',
        'zh': '改变任何单个回答都不会改变建议。',
    },
    'report.next_steps': {
        'en': 'Next steps',
        'zh': '下一步',
    },
    'report.planned': {
        'en': 'planned',
        'zh': '计划',
    },
    'report.project': {
        'en': 'project',
        'zh': '项目',
    },
    'report.source': {
        'en': 'source',
        'zh': '来源文件',
    },
    'report.summary': {
        'en': 'Summary',
        'zh': '汇总',
    },
    'report.low': {
        'en': 'low',
        'zh': '低',
    },
    'report.medium': {
        'en': 'medium',
        'zh': '中',
    },
    'report.high': {
        'en': 'high',
        'zh': '高',
    },
    'report.prompting': {
        'en': 'Prompting',
        'zh': '提示工程',
    },
    'report.rag': {
        'en': 'RAG',
        'zh': '检索增强生成（RAG）',
    },
    'report.fine_tuning': {
        'en': 'Fine-tuning',
        'zh': '微调',
    },
    'report.hybrid': {
        'en': 'Hybrid (RAG + fine-tuning)',
        'zh': '混合（RAG + 微调）',
    },
    # --- The interview's own words (ask).
    'interview.intro': {
        'en': 'Answer with the number or the word. ? shows help, - skips a question, < goes back, Ctrl-C stops (answers are kept).',
        'zh': '请输入编号或取值。? 显示帮助，- 跳过问题，< 返回上一题，Ctrl-C 停止（已答内容会保留）。',
    },
    'interview.project_name': {
        'en': 'Project name',
        'zh': '项目名称',
    },
    'interview.project_name_hint': {
        'en': 'a short name; it also names the file the answers are saved in',
        'zh': '简短的名称；也用于保存答案的文件名',
    },
    'interview.project_name_help': {
        'en': 'The name identifies the project in reports and batch summaries.',
        'zh': '名称用于在报告和批量汇总中标识该项目。',
    },
    'interview.description': {
        'en': 'One-line description',
        'zh': '一句话描述',
    },
    'interview.description_hint': {
        'en': 'what the system will do; press Enter or type - to leave it out',
        'zh': '系统要做什么；直接回车或输入 - 可不填',
    },
    'interview.description_help': {
        'en': 'The description is kept in the project file for readers; it does not change the advice.',
        'zh': '描述保存在项目文件中供读者参考，不影响建议。',
    },
    'interview.name_required': {
        'en': 'a project name is required',
        'zh': '必须填写项目名称',
    },
    'interview.name_too_long': {
        'en': 'the name is too long ({length} characters; at most {most})',
        'zh': '名称过长（{length} 个字符；最多 {most} 个）',
    },
    'interview.hint': {
        'en': 'Hint: {hint} (type ? for help)',
        'zh': '提示：{hint}（输入 ? 查看帮助）',
    },
    'interview.why': {
        'en': 'Why it matters: ',
        'zh': '为什么重要：',
    },
    'interview.sources': {
        'en': 'Sources:',
        'zh': '来源：',
    },
    'interview.default': {
        'en': 'Default: {value} (press Enter)',
        'zh': '默认：{value}（直接回车）',
    },
    'interview.current': {
        'en': 'Current answer: {value} (press Enter to keep it)',
        'zh': '当前答案：{value}（直接回车保留）',
    },
    'interview.boolean_values': {
        'en': 'yes or no',
        'zh': '是 或 否（yes/no）',
    },
    'interview.integer_any': {
        'en': 'a whole number',
        'zh': '一个整数',
    },
    'interview.number_any': {
        'en': 'a number',
        'zh': '一个数字',
    },
    'interview.at_least': {
        'en': '{kind}, at least {low}',
        'zh': '{kind}，不小于 {low}',
    },
    'interview.above': {
        'en': '{kind}, greater than {low}',
        'zh': '{kind}，大于 {low}',
    },
    'interview.at_most': {
        'en': '{kind}, at most {high}',
        'zh': '{kind}，不大于 {high}',
    },
    'interview.and_at_most': {
        'en': '{text}, at most {high}',
        'zh': '{text}，不大于 {high}',
    },
    'interview.between': {
        'en': '{kind} from {low} to {high}',
        'zh': '{kind}，{low} 到 {high} 之间',
    },
    'interview.optional': {
        'en': 'optional: - skips it',
        'zh': '可选：输入 - 跳过',
    },
    'interview.invalid': {
        'en': 'Not accepted: {reason}',
        'zh': '无法接受：{reason}',
    },
    'interview.no_answer': {
        'en': 'no answer given (type - to skip the question, ? for help)',
        'zh': '没有输入答案（输入 - 跳过此题，? 查看帮助）',
    },
    'interview.choice_range': {
        'en': '{text} is not a number from 1 to {count}',
        'zh': '{text} 不是 1 到 {count} 之间的编号',
    },
    'interview.choice_unknown': {
        'en': '{text!r} is not one of {values}{hint}',
        'zh': '“{text}” 不是可选值之一：{values}{hint}',
    },
    'interview.choice_ambiguous': {
        'en': '{text!r} could be {values}: type more of the word, or its number',
        'zh': '“{text}” 可能是 {values}：请多输入几个字母，或输入编号',
    },
    'interview.not_boolean': {
        'en': '{text!r} is not yes or no',
        'zh': '“{text}” 不是 是/否（yes/no）',
    },
    'interview.not_number': {
        'en': '{text!r} is not {kind}',
        'zh': '“{text}” 不是{kind}',
    },
    'interview.out_of_range': {
        'en': '{text} is out of range: expected {expected}',
        'zh': '{text} 超出范围：应为{expected}',
    },
    'interview.first_question': {
        'en': 'This is the first question; there is nothing to go back to.',
        'zh': '这已是第一个问题，无法再返回。',
    },
    'interview.skipped': {
        'en': 'Skipped: left unanswered.',
        'zh': '已跳过：保持未回答。',
    },
    'interview.saving_to': {
        'en': 'Answers are saved to {path} after every answer.',
        'zh': '每次回答后答案都会保存到 {path}。',
    },
    'interview.name_taken': {
        'en': '{path} already exists, so the answers go to {new} instead.',
        'zh': '{path} 已存在，答案将保存到 {new}。',
    },
    'interview.overwrite': {
        'en': '{path} already exists. Overwrite it? [y/N] ',
        'zh': '{path} 已存在。要覆盖吗？[y/N] ',
    },
    'interview.not_overwritten': {
        'en': '{path} was left as it is. To continue that interview: llm-adapt ask --resume {path}',
        'zh': '{path} 保持不变。要继续那次访谈：llm-adapt ask --resume {path}',
    },
    'interview.rewrite_note': {
        'en': 'Note: {path} cannot be rewritten as it is written, so it is saved in the standard layout; its comments are not kept.',
        'zh': '注意：{path} 无法按原样改写，将按标准格式保存，其中的注释不会保留。',
    },
    'interview.several_lines': {
        'en': '{count} lines were pasted; give one answer, on one line',
        'zh': '粘贴了 {count} 行；请在一行中给出一个答案',
    },
    'interview.resuming': {
        'en': 'Resuming {project}: {answered} answered, {left} to go.',
        'zh': '继续 {project}：已回答 {answered} 题，还剩 {left} 题。',
    },
    'interview.resuming_skipped': {
        'en': 'Resuming {project}: {answered} answered, {skipped} skipped, {left} to go.',
        'zh': '继续 {project}：已回答 {answered} 题，跳过 {skipped} 题，还剩 {left} 题。',
    },
    'interview.skipped_kept': {
        'en': 'Skipped before, not asked again: {questions}\n(to answer them now: llm-adapt ask --resume {path} --ask-skipped)',
        'zh': '之前跳过、不再询问：{questions}\n（现在回答它们：llm-adapt ask --resume {path} --ask-skipped）',
    },
    'interview.invalid_answers': {
        'en': 'These answers in {path} cannot be used: they are left out of the file when it is next saved, and their questions are asked again:',
        'zh': '{path} 中的这些答案无法使用：下次保存时会从文件中去掉，并重新询问对应的问题：',
    },
    'interview.all_answered': {
        'en': 'Every question that applies is answered.',
        'zh': '所有适用的问题都已回答。',
    },
    'interview.interrupted': {
        'en': 'Interrupted.',
        'zh': '已中断。',
    },
    'interview.input_closed': {
        'en': 'Input closed.',
        'zh': '输入已关闭。',
    },
    'interview.kept_in': {
        'en': 'Your answers so far are saved in {path}.\nTo continue: llm-adapt ask --resume {path}',
        'zh': '目前的答案已保存在 {path}。\n继续访谈：llm-adapt ask --resume {path}',
    },
    'interview.nothing_saved': {
        'en': 'Nothing was saved yet.',
        'zh': '尚未保存任何内容。',
    },
    'interview.written': {
        'en': 'Saved to {path}\nTo see this advice again: llm-adapt assess {path}',
        'zh': '已保存到 {path}\n再次查看此建议：llm-adapt assess {path}',
    },
    'interview.report_saved': {
        'en': 'Full report, with every reason and source: {path}',
        'zh': '完整报告（全部理由和来源）：{path}',
    },
    'interview.report_not_saved': {
        'en': '{path} exists and is not an earlier report on this project, so the full report is not saved there.',
        'zh': '{path} 已存在且不是此项目之前的报告，因此完整报告没有保存到那里。',
    },
    'interview.not_a_terminal': {
        'en': 'ask is an interview and needs a terminal (standard input is not one).\nTo advise on a project file, run: llm-adapt assess FILE\nTo continue an interview saved in a file, run in a terminal: llm-adapt ask --resume FILE',
        'zh': 'ask 是交互式访谈，需要在终端中运行（标准输入不是终端）。\n要对项目文件给出建议，请运行：llm-adapt assess FILE\n要继续保存在文件中的访谈，请在终端中运行：llm-adapt ask --resume FILE',
    },
    # --- Notes of the fine-tuning plan.
    'plan.hosted': {
        'en': "The provider's service trains the model; upload the examples in its chat format and keep a held-out set for evaluation.",
        'zh': '由服务商的服务训练模型；按其对话格式上传示例，并保留留出集用于评估。',
    },
    'plan.no_size': {
        'en': 'Give model_size_b to get a memory estimate; LoRA is the default because it freezes the base weights.',
        'zh': '填写 model_size_b 即可得到显存估算；默认使用 LoRA，因为它冻结了基础权重。',
    },
    'plan.no_gpu': {
        'en': 'Give gpu_memory_gb to check the fit; the estimate is for one GPU.',
        'zh': '填写 gpu_memory_gb 以检查是否放得下；估算针对单块 GPU。',
    },
    'plan.too_big': {
        'en': 'Even QLoRA needs about {need} GB, more than the {have} GB GPU: choose a smaller base model or rent a larger GPU.',
        'zh': '即使使用 QLoRA 也需要约 {need} GB，超过了 {have} GB 的 GPU：请选择更小的基础模型或租用更大的 GPU。',
    },
    'plan.peft': {
        'en': 'PEFT (LoRA/QLoRA) freezes the original weights, which also limits catastrophic forgetting.',
        'zh': 'PEFT（LoRA/QLoRA）冻结原始权重，同时也减轻灾难性遗忘。',
    },
    'plan.raft': {
        'en': 'For the hybrid, include retrieved passages (relevant and distracting) in the training prompts so the model learns to use retrieval (RAFT).',
        'zh': '对于混合方案，在训练提示中加入检索段落（相关的和干扰的），让模型学会利用检索结果（RAFT）。',
    },
    'plan.sequential': {
        'en': 'Sequential: tune first on general domain text, then on the narrower sub-domain (general -> medical -> paediatric cardiology).',
        'zh': '顺序微调：先在通用领域文本上微调，再在更窄的子领域上微调（通用 -> 医学 -> 小儿心脏病学）。',
    },
    'plan.more_data': {
        'en': 'Collect at least {min} examples before training; you have {have}.',
        'zh': '训练前至少收集 {min} 条示例；目前有 {have} 条。',
    },
    # --- Descriptions in the JSON Schema of the project file.
    'schema.title': {
        'en': 'llm-adapt project file (format 1)',
        'zh': 'llm-adapt 项目文件（格式 1）',
    },
    'schema.description': {
        'en': 'One LLM project that wants advice on prompting, RAG, fine-tuning or a hybrid; `llm-adapt check` gates its planned_approach in CI.',
        'zh': '一个需要在提示工程、RAG、微调或混合方案之间做选择的 LLM 项目；`llm-adapt check` 在 CI 中检查其 planned_approach。',
    },
    'schema.format': {
        'en': 'Version of the project file format; only 1 exists.',
        'zh': '项目文件格式的版本；目前只有 1。',
    },
    'schema.project': {
        'en': 'Name of the project (1 to {most} characters).',
        'zh': '项目名称（1 到 {most} 个字符）。',
    },
    'schema.text': {
        'en': 'What the project does, in a sentence or two.',
        'zh': '用一两句话说明项目做什么。',
    },
    'schema.owner': {
        'en': 'The team or person responsible (free text).',
        'zh': '负责的团队或个人（自由文本）。',
    },
    'schema.planned_approach': {
        'en': 'The approach the team plans; `llm-adapt check` compares it with the advice.',
        'zh': '团队计划采用的方案；`llm-adapt check` 会把它与建议比较。',
    },
    'schema.justification': {
        'en': 'Why the plan differs from the advice: a few sentences (at least {chars} characters and {words} words) that reviewers can weigh.',
        'zh': '计划与建议不同的理由：几句话（至少 {chars} 个字符、{words} 个词），供评审者权衡。',
    },
    'schema.lang': {
        'en': 'The language the interview (llm-adapt ask) was held in; ask --resume continues in it unless --lang is given.',
        'zh': '访谈（llm-adapt ask）所用的语言；ask --resume 时沿用它，除非指定了 --lang。',
    },
    'schema.skipped': {
        'en': 'Questions left unanswered on purpose in the interview (- at the prompt): ask --resume does not ask them again unless --ask-skipped is given. They are still unanswered for the advice.',
        'zh': '访谈中有意跳过（在提示符处输入 -）的问题：ask --resume 不会再问，除非指定 --ask-skipped。对建议而言它们仍是未回答。',
    },
    'schema.answers': {
        'en': 'Answers to the questionnaire; a question left out is unanswered.',
        'zh': '问卷的回答；不写的问题视为未回答。',
    },
    'schema.approach.prompting': {
        'en': 'use the pre-trained model as it is: zero/few-shot prompts, in-context learning, prompt templates',
        'zh': '直接使用预训练模型：零样本/少样本提示、上下文学习、提示模板',
    },
    'schema.approach.rag': {
        'en': 'retrieval-augmented generation: the model answers from documents retrieved at request time',
        'zh': '检索增强生成：模型依据请求时检索到的文档作答',
    },
    'schema.approach.fine_tuning': {
        'en': "further supervised training of the model's weights (full, LoRA, QLoRA)",
        'zh': '对模型权重做进一步的监督训练（全量、LoRA、QLoRA）',
    },
    'schema.approach.hybrid': {
        'en': 'both: a fine-tuned model that answers from retrieved documents (RAFT-style)',
        'zh': '两者结合：依据检索文档作答的微调模型（RAFT 式）',
    },
    'schema.unanswered': {
        'en': 'unanswered: the same as leaving the question out',
        'zh': '未回答：与不写这个问题相同',
    },
    'schema.written': {'en': 'schema written to {path}', 'zh': '模式已写入 {path}'},
    'schema.verbose': {
        'en': 'llm-adapt: {questions} {questions|question|questions}, {packs} {packs|rule pack|rule packs}',
        'zh': 'llm-adapt：{questions} 个问题，{packs} 个规则包',
    },
    # --- The CI gate (check): verdicts, findings, tables and summaries.
    'gate.status.pass': {'en': 'pass', 'zh': '通过'},
    'gate.status.warn': {'en': 'pass (justified)', 'zh': '通过（有理由）'},
    'gate.status.staged': {'en': 'pass (later stage)', 'zh': '通过（后续阶段）'},
    'gate.icon.staged': {'en': '⚠️ pass (later stage)', 'zh': '⚠️ 通过（后续阶段）'},
    'gate.status.fail': {'en': 'FAIL', 'zh': '未通过'},
    'gate.status.error': {'en': 'ERROR', 'zh': '错误'},
    'gate.icon.pass': {'en': '✅ pass', 'zh': '✅ 通过'},
    'gate.icon.warn': {'en': '⚠️ pass (justified)', 'zh': '⚠️ 通过（有理由）'},
    'gate.icon.fail': {'en': '❌ fail', 'zh': '❌ 未通过'},
    'gate.icon.error': {'en': '⛔ invalid', 'zh': '⛔ 无效'},
    'gate.level.error': {'en': 'error', 'zh': '错误'},
    'gate.level.warning': {'en': 'warning', 'zh': '警告'},
    'gate.col.proposal': {'en': 'Proposal', 'zh': '提案'},
    'gate.col.project': {'en': 'Project', 'zh': '项目'},
    'gate.col.plan': {'en': 'Plan', 'zh': '计划'},
    'gate.col.advice': {'en': 'Advice', 'zh': '建议'},
    'gate.col.result': {'en': 'Result', 'zh': '结果'},
    'gate.col.why': {'en': 'Why', 'zh': '原因'},
    'gate.findings': {'en': 'Findings', 'zh': '发现的问题'},
    'gate.summary.checked': {
        'en': '{total} {noun} checked: {parts}',
        'zh': '共检查 {total} 个提案：{parts}',
    },
    'gate.summary.proposal': {'en': 'proposal', 'zh': '提案'},
    'gate.summary.proposals': {'en': 'proposals', 'zh': '提案'},
    'gate.summary.passed': {'en': '{count} passed', 'zh': '{count} 个通过'},
    'gate.summary.justified': {'en': '{count} on a justification', 'zh': '{count} 个凭理由通过'},
    'gate.summary.staged': {'en': '{count} as a later stage', 'zh': '{count} 个为后续阶段'},
    'gate.summary.notes': {'en': ' ({notes})', 'zh': '（其中 {notes}）'},
    'gate.summary.failed': {'en': '{count} failed', 'zh': '{count} 个未通过'},
    'gate.summary.invalid': {'en': '{count} invalid', 'zh': '{count} 个无效'},
    'gate.summary.separator': {'en': ', ', 'zh': '，'},
    'gate.options': {
        'en': '(tolerance {tolerance} points{strict}{complete}, minimum confidence {confidence})',
        'zh': '（容差 {tolerance} 分{strict}{complete}，最低置信度 {confidence}）',
    },
    'gate.options.strict': {'en': ', strict', 'zh': '，严格模式'},
    'gate.options.complete': {'en': ', answers required', 'zh': '，要求全部作答'},
    'gate.invalid': {'en': 'invalid: {message}', 'zh': '无效：{message}'},
    'gate.invalid_input': {'en': 'invalid input', 'zh': '无效输入'},
    'gate.and_more': {'en': ' (and {count} more)', 'zh': '（另有 {count} 个）'},
    'gate.blocked': {
        'en': 'planned {planned} is blocked by rule {rule}{answer}: {rationale} A justification cannot override this; the advice is {recommended} ({score}).',
        'zh': '计划的 {planned} 被规则 {rule}{answer} 阻止：{rationale} 理由无法推翻这一点；建议是 {recommended}（{score}）。',
    },
    'gate.blocked_answer': {'en': ' ({question} = {answer})', 'zh': '（{question} = {answer}）'},
    'gate.is_recommendation': {
        'en': 'planned {planned} is the recommendation ({score})',
        'zh': '计划的 {planned} 就是建议的方案（{score}）',
    },
    'gate.within_tolerance': {
        'en': 'planned {planned} ({planned_score}) is within {gap} points of the recommendation {recommended} ({score}); tolerance {tolerance}',
        'zh': '计划的 {planned}（{planned_score}）与建议的 {recommended}（{score}）相差 {gap} 分，在容差 {tolerance} 之内',
    },
    'gate.against': {
        'en': 'planned {planned} scores {planned_score}, {gap} points below the recommendation {recommended} ({score}; tolerance {tolerance})',
        'zh': '计划的 {planned} 得分 {planned_score}，比建议的 {recommended}（{score}；容差 {tolerance}）低 {gap} 分',
    },
    'gate.need': {
        'en': 'at least {chars} characters and {words} words',
        'zh': '至少 {chars} 个字符、{words} 个词',
    },
    'gate.no_justification': {
        'en': "{against}, and the proposal has no justification: add a 'justification:' ({need}) saying why, or change the plan.",
        'zh': '{against}，且提案没有给出理由：请添加 “justification:”（{need}）说明原因，或修改计划。',
    },
    'gate.short_justification': {
        'en': '{against}, and the justification {quote} is too short ({chars}, {words}; it needs {need}).',
        'zh': '{against}，且理由 {quote} 太短（{chars}，{words}；需要{need}）。',
    },
    'gate.characters': {'en': '{count} characters', 'zh': '{count} 个字符'},
    'gate.character': {'en': '{count} character', 'zh': '{count} 个字符'},
    'gate.words': {'en': '{count} words', 'zh': '{count} 个词'},
    'gate.word': {'en': '{count} word', 'zh': '{count} 个词'},
    'gate.strict': {
        'en': '{against}; strict mode accepts no justification (the proposal gives {quote})',
        'zh': '{against}；严格模式不接受任何理由（提案给出的是 {quote}）',
    },
    'gate.justified': {
        'en': '{against}; accepted on the justification {quote}',
        'zh': '{against}；凭理由 {quote} 接受',
    },
    'gate.later_stage': {
        'en': '{planned} planned: the advice is to start with {recommended}; {planned} is advised {condition}',
        'zh': '计划采用 {planned}：建议先从 {recommended} 开始；{planned} 的建议条件：{condition}',
    },
    'gate.later_stage_strict': {
        'en': '{staged}; strict mode accepts only the first stage',
        'zh': '{staged}；严格模式只接受第一阶段',
    },
    'gate.missing_plan': {
        'en': 'no planned_approach: a proposal must say which approach it plans (prompting, rag, fine_tuning or hybrid); the advice is {recommended} ({score}).',
        'zh': '没有 planned_approach：提案必须说明计划采用哪种方案（prompting、rag、fine_tuning 或 hybrid）；建议是 {recommended}（{score}）。',
    },
    'gate.incomplete': {
        'en': '{count} {noun} unanswered (require-complete): {names}',
        'zh': '{count} 个问题未回答（require-complete）：{names}',
    },
    'gate.question': {'en': 'question', 'zh': '问题'},
    'gate.questions': {'en': 'questions', 'zh': '问题'},
    'gate.low_confidence': {
        'en': "the advice's confidence is {confidence}, below the required {wanted} (margin {margin} points, {unanswered} unanswered)",
        'zh': '建议的置信度为 {confidence}，低于要求的 {wanted}（领先 {margin} 分，{unanswered} 个未回答）',
    },
    'gate.verbose': {
        'en': 'llm-adapt: {count} {count|proposal|proposals} checked, configuration {config}, {packs} {packs|rule pack|rule packs}, {seconds} s',
        'zh': 'llm-adapt：检查了 {count} 个提案，配置 {config}，{packs} 个规则包，用时 {seconds} 秒',
    },
    'gate.written': {'en': 'report written to {path}', 'zh': '报告已写入 {path}'},
    # --- assess: what the command itself says.
    'assess.reports_written': {'en': '{count} {count|report|reports} written to {path}', 'zh': '已将 {count} 份报告写入 {path}'},
    'assess.progress': {'en': 'Assessing projects', 'zh': '正在评估项目'},
    'assess.verbose': {
        'en': 'llm-adapt: {found} {found|project|projects} read ({bad} invalid), {jobs} {jobs|process|processes}, {packs} {packs|rule pack|rule packs}, {seconds} s',
        'zh': 'llm-adapt：读取 {found} 个项目（{bad} 个无效），{jobs} 个进程，{packs} 个规则包，用时 {seconds} 秒',
    },
    'assess.report_written': {'en': 'report written to {path}', 'zh': '报告已写入 {path}'},
    # --- Added with the staged advice (issue 8).
    'report.later': {
        'en': 'later stage',
        'zh': '后续阶段',
    },
    'report.unblock': {
        'en': 'what would unblock it',
        'zh': '怎样才能解除',
    },
    'report.rather_than': {
        'en': 'rather than',
        'zh': '而不是',
    },
    'report.heuristic': {
        'en': "heuristic (this tool's own reasoning, no source)",
        'zh': '经验规则（本工具自己的推理，无出处）',
    },
    'report.heuristic_short': {
        'en': 'heuristic',
        'zh': '经验规则',
    },
    'report.worth_asking': {
        'en': 'Worth answering (optional questions that could change the advice)',
        'zh': '值得回答（可能改变建议的可选问题）',
    },
    'report.sources_cited': {
        'en': 'Sources cited',
        'zh': '引用的来源',
    },
    'report.override': {
        'en': 'what-if: {question} = {answer} (set on the command line)',
        'zh': '假设：{question} = {answer}（由命令行设定）',
    },
    'report.override_unanswered': {
        'en': 'what-if: {question} left unanswered (set on the command line)',
        'zh': '假设：{question} 视为未回答（由命令行设定）',
    },
    'report.more_reasons': {
        'en': '… and {count} more in the full report',
        'zh': '……另有 {count} 条，见完整报告',
    },
    'report.unanswered_short': {
        'en': 'Unanswered',
        'zh': '未回答',
    },
    'report.start_with': {
        'en': 'Start with',
        'zh': '先做',
    },
    'report.move_to': {
        'en': 'Move to',
        'zh': '再转向',
    },
    'report.group': {
        'en': 'counted once with the other {group} rules',
        'zh': '与其他 {group} 规则合计只算一次',
    },
    'report.defers': {
        'en': 'not now',
        'zh': '暂缓',
    },
    'report.stages': {
        'en': 'Stages',
        'zh': '阶段',
    },
    'report.summary_heading': {
        'en': 'In short',
        'zh': '概要',
    },
    'report.stage_now': {
        'en': 'now',
        'zh': '现在',
    },
    'plan.distillation': {
        'en': 'Fewer than 100 labeled examples: generate the training labels with the stronger model on real inputs (distillation), check a sample by hand, and keep a human-labeled test set.',
        'zh': '标注示例不足 100 条：用更强的模型在真实输入上生成训练标注（蒸馏），人工抽查样本，并保留一份人工标注的测试集。',
    },
    'plan.continued_pretraining': {
        'en': 'Fewer than 100 labeled examples: first continue pre-training on the raw in-domain text (domain-adaptive pre-training), then tune on the labeled examples you have.',
        'zh': '标注示例不足 100 条：先在原始领域文本上继续预训练（领域自适应预训练），再用现有标注示例微调。',
    },
    # --- The plain-language paragraph and the stages' texts (narrative.py).
    'narrative.name.prompting': {
        'en': 'prompting',
        'zh': '提示工程',
    },
    'narrative.name.rag': {
        'en': 'RAG',
        'zh': '检索增强生成（RAG）',
    },
    'narrative.name.fine_tuning': {
        'en': 'fine-tuning',
        'zh': '微调',
    },
    'narrative.name.hybrid': {
        'en': 'the hybrid (RAG + fine-tuning)',
        'zh': '混合方案（RAG + 微调）',
    },
    'narrative.now': {
        'en': 'Build {name} now (confidence {confidence}).',
        'zh': '现在先做{name}（置信度：{confidence}）。',
    },
    'narrative.later': {
        'en': 'Move to {name} {condition}.',
        'zh': '{condition}，再转向{name}。',
    },
    'narrative.ruled_out': {
        'en': 'Ruled out here: {names}.',
        'zh': '此处不可行：{names}。',
    },
    'narrative.and': {
        'en': ' and ',
        'zh': '并且',
    },
    'narrative.unknown': {
        'en': 'the target',
        'zh': '目标值',
    },
    'narrative.fallback_now': {
        'en': 'It is the simplest approach that meets what the project needs.',
        'zh': '这是满足项目需要的最简单方案。',
    },
    'narrative.fallback_later': {
        'en': 'It scores highest on what the project needs, but cannot be the advice yet.',
        'zh': '它最符合项目的需要，但目前还不能作为建议。',
    },
    'narrative.high': {
        'en': 'high',
        'zh': '高',
    },
    'narrative.medium': {
        'en': 'medium',
        'zh': '中',
    },
    'narrative.low': {
        'en': 'low',
        'zh': '低',
    },
    'narrative.topic.knowledge': {
        'en': 'the outside knowledge the answers depend on',
        'zh': '回答所依赖的外部知识',
    },
    'narrative.topic.dynamism': {
        'en': 'how fast that knowledge changes',
        'zh': '知识变化的速度',
    },
    'narrative.topic.transparency': {
        'en': 'the need to cite sources',
        'zh': '引用来源的需要',
    },
    'narrative.topic.hallucination': {
        'en': 'the cost of a made-up answer',
        'zh': '编造回答的代价',
    },
    'narrative.topic.style': {
        'en': 'the tone and voice',
        'zh': '语气和声音',
    },
    'narrative.topic.format': {
        'en': 'the output format',
        'zh': '输出格式',
    },
    'narrative.topic.domain': {
        'en': "the domain's language",
        'zh': '领域语言',
    },
    'narrative.topic.tasks': {
        'en': 'the number of tasks',
        'zh': '任务的数量',
    },
    'narrative.topic.forgetting': {
        'en': "keeping the model's general skills",
        'zh': '保持模型的通用能力',
    },
    'narrative.topic.instructions': {
        'en': 'how often the instructions change',
        'zh': '说明变化的频率',
    },
    'narrative.topic.data': {
        'en': 'the amount of labeled data',
        'zh': '标注数据的数量',
    },
    'narrative.topic.labels': {
        'en': 'the quality of the labels',
        'zh': '标注的质量',
    },
    'narrative.topic.icl': {
        'en': 'what prompting measures',
        'zh': '提示的实测效果',
    },
    'narrative.topic.accuracy': {
        'en': 'the accuracy prompting reaches',
        'zh': '提示能达到的准确率',
    },
    'narrative.topic.volume': {
        'en': 'cost at the request volume',
        'zh': '请求量下的成本',
    },
    'narrative.topic.latency': {
        'en': 'response time',
        'zh': '响应时间',
    },
    'narrative.topic.deploy': {
        'en': 'where the model runs',
        'zh': '模型运行的位置',
    },
    'narrative.topic.privacy': {
        'en': 'regulated data',
        'zh': '受监管的数据',
    },
    'narrative.topic.access': {
        'en': "access to the model's weights",
        'zh': '对模型权重的访问',
    },
    'narrative.topic.hardware': {
        'en': 'the training hardware',
        'zh': '训练硬件',
    },
    'narrative.topic.timeline': {
        'en': 'the time available',
        'zh': '可用的时间',
    },
    'narrative.topic.budget': {
        'en': 'the budget',
        'zh': '预算',
    },
    'narrative.topic.skills': {
        'en': "the team's skills",
        'zh': '团队的技能',
    },
    'narrative.topic.cost': {
        'en': 'the extra cost of going beyond a prompt',
        'zh': '超出提示之外的额外成本',
    },
    'narrative.topic.hybrid': {
        'en': 'the cost of building both',
        'zh': '两者都建的成本',
    },
    'narrative.decides': {
        'en': 'What decides it: {topics}.',
        'zh': '起决定作用的是：{topics}。',
    },
    'narrative.later_why': {
        'en': 'It meets {topics} best.',
        'zh': '它最能满足：{topics}。',
    },
    # --- Hints shared by every message.
    'did_you_mean': {'en': " (did you mean '{word}'?)", 'zh': '（是不是 “{word}”？）'},
}
