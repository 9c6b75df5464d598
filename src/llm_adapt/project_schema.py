"""The JSON Schema of the project file, generated from the questions of the rule base."""

from __future__ import annotations

import json
from typing import Any

from llm_adapt.approaches import APPROACHES
from llm_adapt.gate.core import MIN_JUSTIFICATION_CHARS, MIN_JUSTIFICATION_WORDS
from llm_adapt.project import PROJECT_NAME_MAX
from llm_adapt.rulebase import Lang, Question, RuleBase

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILE = "llm-adapt.schema.json"

_APPROACH_TEXT: dict[str, dict[Lang, str]] = {
    "prompting": {"en": "use the pre-trained model as it is: zero/few-shot prompts, in-context "
                  "learning, prompt templates",
                  "zh": "直接使用预训练模型：零样本/少样本提示、上下文学习、提示模板"},
    "rag": {"en": "retrieval-augmented generation: the model answers from documents retrieved "
            "at request time", "zh": "检索增强生成：模型依据请求时检索到的文档作答"},
    "fine_tuning": {"en": "further supervised training of the model's weights (full, LoRA, "
                    "QLoRA)", "zh": "对模型权重做进一步的监督训练（全量、LoRA、QLoRA）"},
    "hybrid": {"en": "both: a fine-tuned model that answers from retrieved documents "
               "(RAFT-style)", "zh": "两者结合：依据检索文档作答的微调模型（RAFT 式）"},
}
_UNANSWERED: dict[Lang, str] = {"en": "unanswered: the same as leaving the question out",
                                "zh": "未回答：与不写这个问题相同"}
_TEXTS: dict[str, dict[Lang, str]] = {
    "title": {"en": "llm-adapt project file (format 1)", "zh": "llm-adapt 项目文件（格式 1）"},
    "description": {
        "en": "One LLM project that wants advice on prompting, RAG, fine-tuning or a hybrid; "
              "`llm-adapt check` gates its planned_approach in CI.",
        "zh": "一个需要在提示工程、RAG、微调或混合方案之间做选择的 LLM 项目；"
              "`llm-adapt check` 在 CI 中检查其 planned_approach。"},
    "format": {"en": "Version of the project file format; only 1 exists.",
               "zh": "项目文件格式的版本；目前只有 1。"},
    "project": {"en": f"Name of the project (1 to {PROJECT_NAME_MAX} characters).",
                "zh": f"项目名称（1 到 {PROJECT_NAME_MAX} 个字符）。"},
    "text": {"en": "What the project does, in a sentence or two.",
             "zh": "用一两句话说明项目做什么。"},
    "owner": {"en": "The team or person responsible (free text).",
              "zh": "负责的团队或个人（自由文本）。"},
    "planned_approach": {
        "en": "The approach the team plans; `llm-adapt check` compares it with the advice.",
        "zh": "团队计划采用的方案；`llm-adapt check` 会把它与建议比较。"},
    "justification": {
        "en": "Why the plan differs from the advice: a few sentences (at least "
              f"{MIN_JUSTIFICATION_CHARS} characters and {MIN_JUSTIFICATION_WORDS} words) that "
              "reviewers can weigh.",
        "zh": f"计划与建议不同的理由：几句话（至少 {MIN_JUSTIFICATION_CHARS} 个字符、"
              f"{MIN_JUSTIFICATION_WORDS} 个词），供评审者权衡。"},
    "answers": {"en": "Answers to the questionnaire; a question left out is unanswered.",
                "zh": "问卷的回答；不写的问题视为未回答。"},
}


def _question(question: Question, lang: Lang) -> dict[str, Any]:
    parts = [question.text(lang), question.hint(lang), question.help(lang)]
    schema: dict[str, Any] = {"title": question.text(lang), "description": "\n\n".join(parts)}
    if question.type == "choice":
        schema["enum"] = [*question.values, None]
        # Editors (VS Code's YAML extension) show these beside each value as it is completed.
        schema["enumDescriptions"] = [c.text(lang) for c in question.choices] + [_UNANSWERED[lang]]
        schema["description"] += "\n\n" + "\n".join(
            f"- {c.value}: {c.text(lang)}" for c in question.choices)
        return schema
    schema["type"] = [question.type, "null"]
    if question.minimum is not None:
        schema["minimum"] = _number(question.minimum)
    if question.maximum is not None:
        schema["maximum"] = _number(question.maximum)
    if question.exclusive_minimum is not None:
        schema["exclusiveMinimum"] = _number(question.exclusive_minimum)
    return schema


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def project_schema(rulebase: RuleBase, lang: Lang = "en") -> dict[str, Any]:
    """The schema of a project file: the same questions, types and values the loader checks."""
    approaches = [a.value for a in APPROACHES]

    def text(key: str) -> str:
        return _TEXTS[key][lang]

    return {
        "$schema": DIALECT,
        "title": text("title"),
        "description": text("description"),
        "type": "object",
        "additionalProperties": False,
        "required": ["project"],
        "properties": {
            "format": {"description": text("format"), "const": 1, "default": 1},
            "project": {"description": text("project"), "type": "string", "minLength": 1,
                        "maxLength": PROJECT_NAME_MAX},
            "description": {"description": text("text"), "type": ["string", "null"]},
            "owner": {"description": text("owner"), "type": ["string", "null"]},
            "planned_approach": {
                "description": text("planned_approach") + "\n\n" + "\n".join(
                    f"- {a}: {_APPROACH_TEXT[a][lang]}" for a in approaches),
                "enum": [*approaches, None],
                "enumDescriptions": [_APPROACH_TEXT[a][lang] for a in approaches]
                + [_UNANSWERED[lang]],
            },
            "justification": {"description": text("justification"),
                              "type": ["string", "null"]},
            "answers": {
                "description": text("answers"),
                "type": ["object", "null"],
                "additionalProperties": False,
                "properties": {qid: _question(q, lang) for qid, q in rulebase.questions.items()},
            },
        },
    }


def schema_text(rulebase: RuleBase, lang: Lang = "en") -> str:
    """The schema as the committed file holds it: 2-space JSON, UTF-8, one final newline."""
    return json.dumps(project_schema(rulebase, lang), indent=2, ensure_ascii=False) + "\n"
