"""The JSON Schema of the project file, generated from the questions of the rule base."""

from __future__ import annotations

import json
from typing import Any

from llm_adapt.approaches import APPROACHES
from llm_adapt.i18n import LANGS, Lang, message
from llm_adapt.project import MIN_JUSTIFICATION_CHARS, MIN_JUSTIFICATION_WORDS, PROJECT_NAME_MAX
from llm_adapt.rulebase import Question, RuleBase

DIALECT = "https://json-schema.org/draft/2020-12/schema"

def _question(question: Question, lang: Lang) -> dict[str, Any]:
    parts = [question.text(lang), question.hint(lang), question.help(lang)]
    schema: dict[str, Any] = {"title": question.text(lang), "description": "\n\n".join(parts)}
    if question.type == "choice":
        schema["enum"] = [*question.values, None]
        # Editors (VS Code's YAML extension) show these beside each value as it is completed.
        schema["enumDescriptions"] = [
            *(c.text(lang) for c in question.choices), message("schema.unanswered", lang)]
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
        return message(f"schema.{key}", lang, most=PROJECT_NAME_MAX,
                       chars=MIN_JUSTIFICATION_CHARS, words=MIN_JUSTIFICATION_WORDS)

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
                    f"- {a}: {message('schema.approach.' + a, lang)}" for a in approaches),
                "enum": [*approaches, None],
                "enumDescriptions": [message(f"schema.approach.{a}", lang) for a in approaches]
                + [message("schema.unanswered", lang)],
            },
            "justification": {"description": text("justification"),
                              "type": ["string", "null"]},
            "lang": {"description": text("lang"), "enum": [*LANGS, None]},
            "answers": {
                "description": text("answers"),
                "type": ["object", "null"],
                "additionalProperties": False,
                "properties": {qid: _question(q, lang) for qid, q in rulebase.questions.items()},
            },
            "skipped": {
                "description": text("skipped"),
                "type": ["array", "null"],
                "items": {"enum": list(rulebase.questions)},
            },
        },
    }


def schema_text(rulebase: RuleBase, lang: Lang = "en") -> str:
    """The schema as the committed file holds it: 2-space JSON, UTF-8, one final newline."""
    return json.dumps(project_schema(rulebase, lang), indent=2, ensure_ascii=False) + "\n"
