"""Help screens read like other CLIs': no type names leaked by typer, option names whole,
no word broken at a hyphen, and paragraphs filled to the width rather than keeping the
docstring's line breaks."""

from __future__ import annotations

import itertools
import re

import pytest
from conftest import run_cli

COMMANDS = [[], ["ask"], ["assess"], ["check"], ["schema"]]
TYPE_NAME = re.compile(r"<(?:list|str|int|float|bool|path|Path)\b[^>]*>|\{[A-Z]+\}")


def help_screen(command: list[str], width: int) -> str:
    result = run_cli(*command, "--help", env={"COLUMNS": str(width)})
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "root")
def test_help_fits_and_leaks_no_type_names(command: list[str], width: int) -> None:
    screen = help_screen(command, width)
    lines = screen.splitlines()
    assert TYPE_NAME.findall(screen) == []
    assert [line for line in lines if len(line) > width] == []
    assert [line for line in lines if line != line.rstrip()] == []
    # A line ending in "word-" followed by a line starting with a letter is a word cut in two.
    broken = [(a, b) for a, b in itertools.pairwise(lines)
              if re.search(r"[A-Za-z]-$", a) and re.match(r"\s*[A-Za-z]", b)]
    assert broken == []


@pytest.mark.parametrize("command", [["assess"], ["check"]])
def test_paths_show_as_path_dots(command: list[str]) -> None:
    screen = help_screen(command, 80)
    assert f"Usage: llm-adapt {command[0]} [OPTIONS] PATH..." in screen
    assert re.search(r"^  PATH\.\.\.  ", screen, re.MULTILINE)


@pytest.mark.parametrize("command", COMMANDS[1:], ids=lambda c: c[0])
def test_every_option_name_is_shown_whole(command: list[str]) -> None:
    from typer.main import get_command

    from llm_adapt.cli import app

    group = get_command(app)
    click_command = group.get_command(None, command[0])  # type: ignore[attr-defined]
    screen = help_screen(command, 80)
    for param in click_command.params:
        for name in [*param.opts, *getattr(param, "secondary_opts", [])]:
            if name.startswith("-"):
                assert re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", screen), name


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "root")
def test_description_paragraphs_are_filled_to_the_width(command: list[str]) -> None:
    """Within a paragraph of the description, each line is as full as it can be: the next
    line's first word would not have fitted at its end (docstring breaks are not kept)."""
    width = 80
    screen = help_screen(command, width)
    description = screen.split("\n\n", 1)[1]
    description = re.split(r"\n(?:Arguments|Options|Commands):\n", description)[0]
    for paragraph in description.split("\n\n"):
        lines = paragraph.splitlines()
        for line, following in itertools.pairwise(lines):
            first_word = following.split()[0]
            assert len(line) + 1 + len(first_word) > width, (line, following)
