"""Wrapping by display width: a Chinese character takes two terminal cells, and Chinese text
breaks between characters, never before closing punctuation."""

from __future__ import annotations

import re
import unicodedata

import pytest

from llm_adapt.report.wrap import wrap
from llm_adapt.rulebase import load_rulebase

CLOSING = "。，、；：！？）」』】"
INDENT = 4


def cells(text: str) -> int:
    """Display width, computed here from the Unicode tables (not with the program's helper)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def chinese_texts() -> list[str]:
    rulebase = load_rulebase()
    texts = [c.rule.rationale.zh for c in rulebase.rules]
    texts += [q.help.zh for q in rulebase.questions.values()]
    return texts


def shown(text: str, width: int) -> list[str]:
    """The lines as a report prints them: the first after the indent, the rest indented."""
    return (" " * INDENT + wrap(text, width, INDENT)).split("\n")


@pytest.mark.parametrize("width", [40, 61, 100])
def test_no_line_is_wider_than_the_width(width: int) -> None:
    for text in chinese_texts():
        for line in shown(text, width):
            assert cells(line) <= width, (width, line)


@pytest.mark.parametrize("width", [40, 61, 100])
def test_wrapping_keeps_every_character_and_every_latin_word_whole(width: int) -> None:
    for text in chinese_texts():
        lines = shown(text, width)
        assert "".join("".join(lines).split()) == "".join(text.split())
        for word in re.findall(r"[A-Za-z0-9][A-Za-z0-9_.%-]*", text):
            assert any(word in line for line in lines), (word, lines)
        for line in lines[1:]:
            assert line.startswith(" " * INDENT)
            assert line.strip()[0] not in CLOSING, line


def test_chinese_lines_are_filled_to_the_width() -> None:
    """Chinese breaks between any two characters, so a line is full to within one character
    and the punctuation that sticks to it (a Latin-style wrap would break only at spaces,
    leaving a whole paragraph on one line)."""
    text = ("模型只能通过不提供微调的接口访问，其权重无法修改；"
            "只能在其上构建提示和检索增强方案。") * 4
    assert " " not in text
    for width in (30, 41, 80):
        lines = shown(text, width)
        assert len(lines) > 1
        for line in lines[:-1]:
            assert width - 4 < cells(line) <= width, (width, line)


def test_a_narrow_width_still_leaves_room_for_twenty_cells() -> None:
    lines = wrap("数据" * 30, 10, INDENT).split("\n")
    assert all(cells(line.strip()) <= 20 for line in lines)
    assert cells(lines[0]) == 20
