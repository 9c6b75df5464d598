"""`llm-adapt ask` against what people paste and do: long and multi-line pastes, arrow keys,
control characters, hand-written files, two sessions on one file, Ctrl-D, killed saves."""

from __future__ import annotations

from pathlib import Path

import pexpect
from conftest import run_cli, write
from test_ask import answer, counter, finish, saved, spawn

LEFT = "\x1b[D"
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"  # what a terminal sends around a paste


def test_a_9000_character_paste_is_kept_whole(tmp_path: Path) -> None:
    description = ("A long description pasted from a design document. " * 200)[:9000]
    child = spawn("ask", "--output", "p.yaml", cwd=tmp_path)
    answer(child, "Long paste")
    child.expect_exact("> ")
    child.send(PASTE_START + description + PASTE_END + "\r")
    child.expect_exact(counter("external_knowledge"))
    child.expect_exact("> ")
    child.sendintr()
    finish(child)
    assert saved(tmp_path / "p.yaml")["description"] == description.strip()


def test_arrow_keys_edit_the_line(tmp_path: Path) -> None:
    child = spawn("ask", cwd=tmp_path)
    child.expect_exact("> ")
    child.send("Wiki helpr" + LEFT + "e\r")
    child.expect_exact("wiki-helper.yaml")
    answer(child, "")
    child.expect_exact(counter("external_knowledge"))
    child.expect_exact("> ")
    child.send("nox\x7fe" + LEFT + "n\r")  # backspace, then left: "no" + "n" + "e"
    # knowledge_change cannot apply without outside facts
    child.expect_exact(counter("citations_required"))
    child.expect_exact("> ")
    child.sendintr()
    finish(child)
    data = saved(tmp_path / "wiki-helper.yaml")
    assert data["project"] == "Wiki helper"
    assert data["answers"] == {"external_knowledge": "none"}


def test_a_multi_line_paste_does_not_answer_later_questions(tmp_path: Path) -> None:
    child = spawn("ask", "--output", "p.yaml", cwd=tmp_path)
    answer(child, "Pasted")
    answer(child, "")
    child.expect_exact(counter("external_knowledge"))
    child.expect_exact("> ")
    child.send(PASTE_START + "3\n2\n1" + PASTE_END + "\r")
    child.expect_exact("Not accepted: 3 lines were pasted; give one answer, on one line")
    # A terminal without bracketed paste sends the lines one by one, all at once.
    child.expect_exact("> ")
    child.send("3\r2\r1\r")
    child.expect_exact("Not accepted: 3 lines were pasted")
    answer(child, "3")
    child.expect_exact(f"{counter('knowledge_change')} How fast does that knowledge change?")
    child.expect_exact("> ")
    child.sendintr()
    finish(child)
    assert saved(tmp_path / "p.yaml")["answers"] == {"external_knowledge": "essential"}


def test_control_characters_at_the_prompt_are_refused_not_saved(tmp_path: Path) -> None:
    child = spawn("ask", "--output", "p.yaml", cwd=tmp_path)
    child.expect_exact("> ")
    child.send("Bad\x16\x1b[31m name\r")  # Ctrl-V inserts the escape character itself
    child.expect_exact("Not accepted: project: must be one line without control characters")
    assert not (tmp_path / "p.yaml").exists()
    answer(child, "Good name")
    child.expect_exact("> ")
    child.send("Line one\x16\x07 and a bell\r")
    child.expect_exact("Not accepted: description: must not contain control characters")
    answer(child, "Plain description")
    child.expect_exact(counter("external_knowledge"))
    child.expect_exact("> ")
    child.sendintr()
    finish(child)
    data = saved(tmp_path / "p.yaml")
    assert data["project"] == "Good name" and data["description"] == "Plain description"
    assert run_cli("assess", str(tmp_path / "p.yaml")).returncode == 0


HAND_WRITTEN = """\
# yaml-language-server: $schema=../llm-adapt.schema.json
# Written by hand for the review on Monday.
format: 1
project: Hand written   # the name the board knows
answers:
  # what we know so far
  model_access: open_weights  # we own the GPUs
  model_size_b: 7
  external_knowledge: none
  preserve_general_skills: yes
"""


def test_resume_keeps_comments_and_key_order(tmp_path: Path) -> None:
    path = write(tmp_path / "hand.yaml", HAND_WRITTEN)
    child = spawn("ask", "--resume", str(path), cwd=tmp_path)
    child.expect_exact("Resuming Hand written: 4 answered")
    child.expect_exact(f"{counter('citations_required')} Must answers point to their sources")
    answer(child, "yes")
    child.expect_exact("Not accepted: 'yes' is not one of none, preferred, required")
    answer(child, "none")
    child.expect_exact(counter("style_control"))
    child.expect_exact("> ")
    child.sendintr()
    finish(child)
    text = path.read_text(encoding="utf-8")
    assert text == HAND_WRITTEN.replace(
        "  external_knowledge: none\n", "  external_knowledge: none\n  citations_required: none\n"
    )
    checked = run_cli("assess", str(path), "--format", "json")
    assert checked.returncode == 0, checked.stderr


def test_a_second_session_on_the_same_file_is_refused(tmp_path: Path) -> None:
    first = spawn("ask", "--output", "shared.yaml", cwd=tmp_path)
    answer(first, "First")
    first.expect_exact("> ")
    second = spawn("ask", "--output", "shared.yaml", cwd=tmp_path)
    second.expect_exact("shared.yaml is being edited by another llm-adapt ask (process ")
    shown = finish(second)
    assert second.exitstatus == 2, shown
    resumed = spawn("ask", "--resume", "shared.yaml", cwd=tmp_path)
    resumed.expect_exact("is being edited by another llm-adapt ask")
    finish(resumed)
    assert resumed.exitstatus == 2
    first.sendline("")
    first.expect_exact(counter("external_knowledge"))
    first.expect_exact("> ")
    first.sendintr()
    finish(first)
    assert saved(tmp_path / "shared.yaml")["project"] == "First"
    # Once the first session is over, the file is free again.
    again = spawn("ask", "--resume", "shared.yaml", cwd=tmp_path)
    again.expect_exact("Resuming First")
    again.expect_exact("> ")
    again.sendintr()
    finish(again)
    assert again.exitstatus == 130


def test_the_default_name_skips_a_file_another_session_is_writing(tmp_path: Path) -> None:
    first = spawn("ask", cwd=tmp_path)
    answer(first, "Same name")
    first.expect_exact("same-name.yaml after every answer")
    first.expect_exact("> ")
    second = spawn("ask", cwd=tmp_path)
    answer(second, "Same name")
    second.expect_exact("so the answers go to same-name-2.yaml")
    second.expect_exact("> ")
    for child in (first, second):
        child.sendintr()
        finish(child)
    assert saved(tmp_path / "same-name-2.yaml")["project"] == "Same name"


def test_ctrl_d_at_the_overwrite_question_keeps_the_file(tmp_path: Path) -> None:
    existing = write(tmp_path / "mine.yaml", "precious\n")
    child = spawn("ask", "--output", "mine.yaml", cwd=tmp_path)
    child.expect_exact("Overwrite it? [y/N]")
    child.sendeof()
    child.expect_exact("mine.yaml was left as it is")
    finish(child)
    assert child.exitstatus == 2
    assert existing.read_text() == "precious\n"


def test_resume_of_a_complete_file_to_another_output_writes_it(tmp_path: Path) -> None:
    complete = tmp_path / "complete.yaml"
    complete.write_text(
        "# the whole questionnaire\n"
        + (Path(__file__).resolve().parent.parent / "examples" / "clinic-discharge.yaml")
        .read_text(encoding="utf-8")
        # The optional refinements too: then every question that applies is answered.
        + "  structured_output: true\n  instruction_change: rarely\n  deployment: private_cloud\n"
        "  teacher_model: false\n  raw_domain_text_tokens: 0\n  baseline_model: deployed\n"
    )
    child = spawn("ask", "--resume", "complete.yaml", "--output", "copy.yaml", cwd=tmp_path)
    child.expect_exact("Every question that applies is answered.")
    shown = finish(child)
    assert child.exitstatus == 0, shown
    assert "Saved to copy.yaml" in shown
    copy = tmp_path / "copy.yaml"
    assert copy.read_text(encoding="utf-8") == complete.read_text(encoding="utf-8")


def test_a_save_killed_half_way_leaves_nothing_behind(tmp_path: Path) -> None:
    stale = write(tmp_path / ".p.yaml.999999999.x1y2.tmp", "half an answer file")
    child = spawn("ask", "--output", "p.yaml", cwd=tmp_path)
    answer(child, "Tidy")
    child.expect_exact("> ")
    child.sendintr()
    finish(child)
    assert not stale.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.yaml"]


def test_ask_needs_a_file_name_to_save_to(tmp_path: Path) -> None:
    child = spawn("ask", "--output", "-", cwd=tmp_path)
    child.expect_exact("--output: give the name of the file to save the answers in")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
