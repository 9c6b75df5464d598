"""What every per-project report template sees: the assessment, labels, question texts, and
the lines a report builds from its reasons, stages and citations."""

from __future__ import annotations

from typing import Any

from llm_adapt.report.interface import RenderOptions
from llm_adapt.report.labels import label
from llm_adapt.result import Assessment, Citation, Reason
from llm_adapt.templating import answer_text


def effects_text(effects: dict[str, float]) -> str:
    return ", ".join(f"{name} {points:+g}" for name, points in effects.items())


def context(assessment: Assessment, options: RenderOptions) -> dict[str, Any]:
    """What every per-project template sees."""
    lang = options.lang
    rulebase = options.rulebase
    blocked = {name for name, why in assessment.blocked.items() if why}

    def t(key: str) -> str:
        return label(key, lang)

    def question_text(qid: str) -> str:
        question = rulebase.questions.get(qid)
        return question.text(lang) if question else qid

    def names(approaches: list[str]) -> str:
        return ", ".join(t(name) for name in approaches)

    def shown_effects(reason: Reason) -> dict[str, float]:
        # A blocked approach gets no bonus on screen: its points cannot matter.
        return {k: v for k, v in reason.effects.items() if k not in blocked}

    def effects_line(reason: Reason) -> str:
        parts = []
        effects = shown_effects(reason)
        if effects:
            parts.append(effects_text(effects))
        if reason.group:
            parts.append(t("group").format(group=reason.group))
        deferred = [name for name in reason.defers if name not in blocked]
        if deferred:
            parts.append(f"{t('defers')}: {names(deferred)}")
        return " · ".join(parts)

    def sources_line(reason: Reason) -> str:
        if reason.heuristic:
            return t("heuristic")
        return f"{t('sources')}: " + "; ".join(reason.sources)

    def source_entry(citation: Citation) -> str:
        doc = rulebase.sources.get(citation.id)
        if doc is None:
            return f"{citation.title}. {citation.url or ''}".strip()
        title = doc.title_in(lang)
        title = title if title[-1] in ".?!。？！" else title + "."
        return f"{title} {doc.publisher}, {doc.date}. {doc.url or ''}".strip()

    stages = assessment.stages
    stages_line = ""
    if stages:
        stages_line = f"{t('start_with')} {t(stages[0].approach)}" + "".join(
            f" · {t('move_to')} {t(s.approach)} {s.condition}" for s in stages[1:]
        )
    # `--set` answers: the report says it is a what-if, not the project's own advice.
    override_lines = [
        t("override_unanswered").format(question=qid) if value is None
        else t("override").format(question=qid, answer=answer_text(value))
        for qid, value in assessment.overrides.items()
    ]
    runner = next(
        (name for name in assessment.ranking[1:] if name not in blocked), None
    )
    return {
        "a": assessment,
        "t": t,
        "effects": effects_text,
        "question_text": question_text,
        "lang": lang,
        "names": names,
        "shown_effects": shown_effects,
        "effects_line": effects_line,
        "sources_line": sources_line,
        "source_entry": source_entry,
        "stages_line": stages_line,
        "override_lines": override_lines,
        "runner": runner,
        "blocking": [r for r in assessment.reasons if r.blocks],
        # A reason that only moves approaches already ruled out says nothing about the choice.
        "why": [
            r for r in assessment.reasons
            if not r.blocks
            and (set(r.defers) - blocked or shown_effects(r) or not (r.effects or r.defers))
        ],
    }
