"""The Jinja environment: templates are package data, loaded through importlib.resources."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Any

import jinja2

from llm_adapt.escape import md_code, md_text
from llm_adapt.report.interface import RenderOptions
from llm_adapt.report.strings import label
from llm_adapt.result import Assessment


def _load(name: str) -> str:
    return (files("llm_adapt.report") / "templates" / name).read_text(encoding="utf-8")


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


def _signed(value: float) -> str:
    return f"{value:+g}"


def _effects(effects: dict[str, float]) -> str:
    return ", ".join(f"{name} {_signed(points)}" for name, points in effects.items())


def _answer(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_load),
        autoescape=False,  # text and Markdown; each template escapes what its format needs
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(number=_number, signed=_signed, answer=_answer, effects=_effects)
    return env


class _Markdown(str):
    """Text already written as Markdown (a code span): not escaped again."""


def _md_finalize(value: Any) -> str:
    # Every {{ value }} of a Markdown template is escaped unless a filter made it Markdown.
    if isinstance(value, _Markdown):
        return str(value)
    return md_text("" if value is None else value)


def _code(value: Any) -> _Markdown:
    return _Markdown(md_code(value))


@lru_cache(maxsize=1)
def markdown_environment() -> jinja2.Environment:
    """The environment of Markdown templates: every value is escaped (HTML, links, images,
    emphasis, table pipes), and `| code` shows one as inline code instead."""
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_load),
        autoescape=False,
        finalize=_md_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(number=_number, signed=_signed, answer=_answer, effects=_effects,
                       code=_code)
    return env


def context(assessment: Assessment, options: RenderOptions) -> dict[str, Any]:
    """What every per-project template sees."""
    lang = options.lang
    rulebase = options.rulebase

    def question_text(qid: str) -> str:
        question = rulebase.questions.get(qid)
        return question.text(lang) if question else qid

    return {
        "a": assessment,
        "t": lambda key: label(key, lang),
        "question_text": question_text,
        "lang": lang,
    }
