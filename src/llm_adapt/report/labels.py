"""Report labels: the catalogue's `report.` messages, or the key itself (an approach id a rule
pack added, say) when the catalogue has none."""

from __future__ import annotations

from llm_adapt.i18n import Lang, has_message, message


def label(key: str, lang: Lang) -> str:
    name = f"report.{key}"
    return message(name, lang) if has_message(name) else key
