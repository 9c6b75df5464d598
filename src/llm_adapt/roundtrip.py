"""Rewriting a hand-written project file without losing its comments or its key order.

`ask --resume` saves after every answer. A file written by hand has comments (the
`# yaml-language-server: $schema=...` line among them) and an order of its own; the round-trip
writer of ruamel.yaml keeps both, and only the values that changed are rewritten. It is used
for this file only: every other reading goes through `yamlio` (libyaml, positions, limits).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from llm_adapt import numeric
from llm_adapt.project import ENVELOPE_KEYS


def _yaml() -> YAML:
    handler = YAML(typ="rt")
    handler.preserve_quotes = True
    handler.width = 4096  # never fold a line the user wrote on one line
    return handler


def _plain_is_text(value: str) -> bool:
    """Whether `value`, written without quotes, reads back as this same text (to llm-adapt,
    which keeps YAML 1.1's yes/no, and to YAML 1.1 and 1.2 readers alike)."""
    try:
        if yaml.safe_load(value) != value or numeric.parse(value) is not None:
            return False
    except (yaml.YAMLError, numeric.NumberTooLong):
        return False
    return value.strip() == value and value.lower() not in ("y", "n")


def _scalar(value: Any) -> Any:
    if isinstance(value, str) and not _plain_is_text(value):
        return DoubleQuotedScalarString(value)
    return value


def _insert(mapping: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    """Set `key`, placing a new one after the keys that come before it in `order`."""
    if key in mapping:
        mapping[key] = value
        return
    rank = {k: i for i, k in enumerate(order)}
    mine = rank.get(key, len(order))
    position = 0
    for index, existing in enumerate(mapping):
        if rank.get(existing, len(order)) <= mine:
            position = index + 1
    mapping.insert(position, key, value)


class RoundTrip:
    """A project file's document, updated in place and written back with its comments."""

    def __init__(self, text: str, loaded: Mapping[str, Any]) -> None:
        """`text` is the file as read; `loaded` what llm-adapt's loader made of it."""
        document = _yaml().load(text)
        if not isinstance(document, CommentedMap):
            raise ValueError("not a mapping")
        self.document = document
        self.loaded = dict(loaded)

    @classmethod
    def parse(cls, text: str, loaded: Mapping[str, Any]) -> RoundTrip | None:
        """The round trip for `text`, or None when ruamel.yaml cannot read it."""
        try:
            return cls(text, loaded)
        except (RuamelError, ValueError, TypeError, RecursionError):
            return None

    def render(self, data: Mapping[str, Any], question_order: Sequence[str]) -> str:
        """The file with `data` (a project's to_data()) in it: values that did not change keep
        how they were written; new keys go where the usual order puts them."""
        doc = self.document
        for key in ENVELOPE_KEYS:
            if key == "answers":
                continue
            if key not in data:
                doc.pop(key, None)
            elif data[key] != self.loaded.get(key) or key not in doc:
                _insert(doc, key, _scalar(data[key]), ENVELOPE_KEYS)
        answers = data.get("answers", {})
        old = self.loaded.get("answers") or {}
        block = doc.get("answers")
        if not isinstance(block, CommentedMap):
            block = CommentedMap()
            _insert(doc, "answers", block, ENVELOPE_KEYS)
        for qid in list(block):
            if qid not in answers:
                del block[qid]
        for qid, value in answers.items():
            if qid not in block or value != old.get(qid) or type(value) is not type(old.get(qid)):
                _insert(block, qid, _scalar(value), question_order)
        self.loaded = {**dict(data), "answers": dict(answers)}
        buffer = io.StringIO()
        _yaml().dump(doc, buffer)
        return buffer.getvalue()
