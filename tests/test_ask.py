"""`llm-adapt ask` driven through a real pseudo-terminal, as a person at a keyboard would.

These are the smoke tests of the interview in a terminal (prompts, Ctrl-C, a closed terminal,
exit codes); its state machine is tested directly in test_interview.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pexpect
import yaml
from conftest import EXAMPLES, clean_env, console_script, run_cli, write

from llm_adapt.rulebase import load_rulebase

TIMEOUT = 10
RULEBASE = load_rulebase()


def counter(qid: str) -> str:
    """The "[n/total]" the interview shows before a question, from the rule base."""
    order = list(RULEBASE.questions)
    return f"[{order.index(qid) + 1}/{len(order)}]"


# The questionnaire's questions, in order, with the answers typed in the full interview.
TYPED = [
    ("knowledge_tokens", "-"),  # the optional refinements are skipped
    ("knowledge_location", "-"),
    ("style_control", "none"),
    ("output_format", "1"),  # free text: structured_output cannot apply and is not asked
    ("domain_gap", "none"),
    ("task_diversity", "single"),
    ("instruction_change", "-"),
    ("hallucination_tolerance", "low"),
    ("data_sensitivity", "internal"),
    ("deployment", "-"),
    ("preserve_general_skills", "n"),
    ("labeled_examples", "0"),  # label_quality then cannot apply and is not asked
    ("teacher_model", "-"),
    ("raw_domain_text_tokens", "-"),
    ("baseline_accuracy", "0.5"),
    ("target_accuracy", "0.9"),
    ("baseline_model", "-"),
    ("requests_per_day", "1,000"),
    ("latency_sensitivity", "medium"),
    ("model_access", "api_only"),  # so no model size or GPU questions
    ("budget", "low"),
    ("timeline", "weeks"),
    ("ml_expertise", "none"),
    ("retrieval_expertise", "2"),
]


def spawn(*args: str, cwd: Path) -> pexpect.spawn:
    # NO_COLOR keeps escape codes out, so the screen can be compared with `assess` output.
    # No delay before each line sent (pexpect waits 50 ms by default, for programs that
    # turn echo off after their prompt): the terminal keeps what is typed ahead until the
    # interview reads it.
    child = pexpect.spawn(
        console_script(),
        list(args),
        cwd=str(cwd),
        env=clean_env({"NO_COLOR": "1"}),
        dimensions=(40, 120),
        encoding="utf-8",
        timeout=TIMEOUT,
    )
    child.delaybeforesend = None
    return child


def answer(child: pexpect.spawn, text: str) -> None:
    child.expect_exact("> ")
    child.sendline(text)


def finish(child: pexpect.spawn) -> str:
    """Everything printed until the program ends, with the terminal's CRLF undone."""
    child.expect(pexpect.EOF)
    # Reap it first, so closing need not give it the 0.1 s pexpect allows a live process.
    child.wait()
    child.ptyproc.delayafterclose = 0
    child.close()
    return str(child.before).replace("\r\n", "\n")


def saved(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_whole_interview_with_invalid_help_back_and_skip(tmp_path: Path) -> None:
    child = spawn("ask", cwd=tmp_path)
    answer(child, "Wiki helper")
    answer(child, "Answers staff questions from the wiki")
    child.expect_exact("── Knowledge ──")
    child.expect_exact(f"{counter('external_knowledge')} Does the model need facts it was not")
    child.expect_exact("3. essential  answers depend on a body of documents")
    child.expect_exact("Hint: none = everything needed is general knowledge")
    answer(child, "7")
    child.expect_exact("Not accepted: 7 is not a number from 1 to 3")
    answer(child, "essentail")
    child.expect_exact("did you mean 'essential'?")
    answer(child, "3")
    child.expect_exact(f"{counter('knowledge_change')} How fast does that knowledge change?")
    answer(child, "?")
    child.expect_exact("Why it matters: Knowledge trained into weights goes stale")
    child.expect_exact("To fine-tune or not to fine-tune §2.2 q5")
    answer(child, "2")
    child.expect_exact(f"{counter('citations_required')} Must answers point to their sources")
    answer(child, "<")
    child.expect_exact(f"{counter('knowledge_change')} How fast does that knowledge change?")
    child.expect_exact("Current answer: periodic (press Enter to keep it)")
    answer(child, "continuous")
    child.expect_exact(f"{counter('citations_required')} Must answers point to their sources")
    answer(child, "-")
    child.expect_exact("Skipped: left unanswered.")
    for qid, typed in TYPED:
        answer(child, typed)
        if qid == "model_access":
            child.expect_exact("── Budget, time and team ──")
            child.expect_exact(counter("budget"))
    shown = finish(child)
    assert child.exitstatus == 0, shown

    path = tmp_path / "wiki-helper.yaml"
    data = saved(path)
    assert data["project"] == "Wiki helper"
    assert data["description"] == "Answers staff questions from the wiki"
    assert data["answers"] == {
        "external_knowledge": "essential",
        "knowledge_change": "continuous",
        "style_control": "none",
        "output_format": "free",
        "domain_gap": "none",
        "task_diversity": "single",
        "hallucination_tolerance": "low",
        "data_sensitivity": "internal",
        "preserve_general_skills": False,
        "labeled_examples": 0,
        "baseline_accuracy": 0.5,
        "target_accuracy": 0.9,
        "requests_per_day": 1000,
        "latency_sensitivity": "medium",
        "model_access": "api_only",
        "budget": "low",
        "timeline": "weeks",
        "ml_expertise": "none",
        "retrieval_expertise": "some",
    }
    assert data["skipped"] == ["citations_required", "knowledge_tokens", "knowledge_location",
                               "instruction_change", "deployment", "teacher_model",
                               "raw_domain_text_tokens", "baseline_model"]
    # The full report saved beside the file is exactly what `assess` prints for it.
    report = run_cli("assess", "wiki-helper.yaml", cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    assert "Recommendation: RAG" in report.stdout
    assert (tmp_path / "wiki-helper.report.txt").read_text(encoding="utf-8") == report.stdout
    assert "citations_required" in report.stdout  # the skipped question is reported unanswered
    # On screen, the advice starts with the recommendation and fits on one screen.
    advice = shown[shown.index("Wiki helper  wiki-helper.yaml"):].rstrip("\n").split("\n")
    assert advice[1].startswith("Recommendation: RAG   confidence")
    assert len(advice) <= 22, advice
    assert advice[-3:] == [
        "Full report, with every reason and source: wiki-helper.report.txt",
        "Saved to wiki-helper.yaml",
        "To see this advice again: llm-adapt assess wiki-helper.yaml",
    ]
    assert report.stdout.split("\n\n")[1] in "\n".join(advice)  # the opening paragraph


def test_ctrl_c_keeps_every_answer_and_resume_finishes(tmp_path: Path) -> None:
    path = tmp_path / "triage.yaml"
    child = spawn("ask", "--output", str(path), cwd=tmp_path)
    answer(child, "Ticket triage")
    answer(child, "")
    given = {
        "external_knowledge": "none",
        "citations_required": "none",
        "style_control": "some",
        "output_format": "strict",
        "structured_output": False,  # asked only because the format is strict
        "domain_gap": "some",
    }
    for typed in given.values():
        answer(child, "no" if typed is False else str(typed))
    child.expect_exact(f"{counter('task_diversity')} How many distinct tasks must one model serve?")
    child.expect_exact("> ")
    child.sendintr()
    child.expect_exact("Interrupted.")
    child.expect_exact(f"To continue: llm-adapt ask --resume {path}")
    finish(child)
    assert child.exitstatus == 130

    data = saved(path)
    assert data == {"format": 1, "project": "Ticket triage", "answers": given}
    checked = run_cli("assess", str(path))
    assert checked.returncode == 0, checked.stderr

    child = spawn("ask", "--resume", str(path), cwd=tmp_path)
    child.expect_exact(f"Resuming Ticket triage: {len(given)} answered")
    child.expect_exact(f"{counter('task_diversity')} How many distinct tasks must one model serve?")
    rest = [
        "single", "-", "medium", "public", "-", "no", "4000", "high", "-", "-", "0.4", "0.9",
        "-", "200000", "high", "open_weights", "7", "24", "medium", "months", "some", "none",
    ]  # fmt: skip
    for typed in rest:
        answer(child, typed)
    shown = finish(child)
    assert child.exitstatus == 0, shown
    assert "Recommendation: Fine-tuning" in shown
    assert f"Saved to {path}" in shown
    answers = saved(path)["answers"]
    assert {k: answers[k] for k in given} == given
    assert answers["gpu_memory_gb"] == 24
    assert answers["label_quality"] == "high"
    assert len(answers) == 23


def test_resume_hand_written_file_asks_only_what_applies_and_is_missing(tmp_path: Path) -> None:
    path = write(
        tmp_path / "hand.yaml",
        """\
# written by hand; keys in any order
project: Hand written
format: 1
answers:
  model_access: open_weights
  model_size_b: 7
  external_knowledge: none
""",
    )
    child = spawn("ask", "--resume", str(path), cwd=tmp_path)
    child.expect_exact("Resuming Hand written: 3 answered")
    # knowledge_change cannot apply (no outside knowledge): the first question is citations.
    child.expect_exact(f"{counter('citations_required')} Must answers point to their sources")
    answer(child, "none")
    child.expect_exact(counter("style_control"))
    child.expect_exact("> ")  # line editing is on once the prompt is shown
    child.sendeof()  # the terminal closes
    child.expect_exact("Input closed.")
    child.expect_exact(f"To continue: llm-adapt ask --resume {path}")
    finish(child)
    assert child.exitstatus == 2
    assert saved(path)["answers"] == {
        "external_knowledge": "none",
        "citations_required": "none",
        "model_access": "open_weights",
        "model_size_b": 7,
    }
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# written by hand; keys in any order\nproject: Hand written\n")


def test_default_file_name_never_overwrites(tmp_path: Path) -> None:
    existing = write(tmp_path / "wiki-helper.yaml", "not mine\n")
    child = spawn("ask", cwd=tmp_path)
    answer(child, "Wiki helper")
    child.expect_exact("wiki-helper.yaml already exists, so the answers go to wiki-helper-2.yaml")
    answer(child, "-")
    answer(child, "none")
    child.expect_exact("> ")
    child.sendintr()
    child.expect_exact("--resume wiki-helper-2.yaml")
    finish(child)
    assert existing.read_text() == "not mine\n"
    assert saved(tmp_path / "wiki-helper-2.yaml")["answers"] == {"external_knowledge": "none"}


def test_output_that_exists_is_kept_unless_confirmed(tmp_path: Path) -> None:
    existing = write(tmp_path / "mine.yaml", "precious\n")
    child = spawn("ask", "--output", "mine.yaml", cwd=tmp_path)
    child.expect_exact("mine.yaml already exists. Overwrite it? [y/N]")
    child.sendline("")
    child.expect_exact("llm-adapt ask --resume mine.yaml")
    finish(child)
    assert child.exitstatus == 2
    assert existing.read_text() == "precious\n"


def test_chinese_interview(tmp_path: Path) -> None:
    child = spawn("ask", "--lang", "zh", cwd=tmp_path)
    child.expect_exact("项目名称")
    answer(child, "内部知识库问答")
    child.expect_exact("一句话描述")
    answer(child, "")
    child.expect_exact("── 知识 ──")
    child.expect_exact("模型是否需要训练时没有见过的事实")
    child.expect_exact("3. essential  回答依赖于一批文档")
    answer(child, "很多")
    child.expect_exact("无法接受：“很多” 不是可选值之一")
    answer(child, "?")
    child.expect_exact("为什么重要：微调通常不适合用于注入新知识")
    answer(child, "1")
    child.expect_exact("回答是否必须指明其来源")
    child.expect_exact("> ")
    child.sendintr()
    child.expect_exact("已中断。")
    child.expect_exact("继续访谈：llm-adapt ask --resume 内部知识库问答.yaml")
    finish(child)
    assert child.exitstatus == 130
    assert saved(tmp_path / "内部知识库问答.yaml")["answers"] == {"external_knowledge": "none"}


def test_without_a_terminal_it_refuses_at_once() -> None:
    result = run_cli("ask", input="My project\n")
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr
    assert "llm-adapt assess FILE" in result.stderr
    assert "llm-adapt ask --resume FILE" in result.stderr
    assert result.stdout == ""


def test_resume_remembers_the_language_and_the_skips_and_asks_a_bad_answer_again(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path / "h.yaml",
        "# mine\nproject: Hand\nlang: zh\nanswers:\n  external_knowledge: none\n"
        "  citations_required: always\nskipped: [style_control]\n",
    )
    child = spawn("ask", "--resume", "h.yaml", cwd=tmp_path)  # no --lang: the file's
    child.expect_exact("继续 Hand：已回答 1 题，跳过 1 题")
    child.expect_exact("之前跳过、不再询问：style_control")
    child.expect_exact("llm-adapt ask --resume h.yaml --ask-skipped")
    child.expect_exact("h.yaml 中的这些答案无法使用")
    child.expect_exact("h.yaml:6:23: answers.citations_required: 'always' is not one of")
    child.expect_exact(f"{counter('citations_required')} 回答是否必须指明其来源")
    answer(child, "req")  # the start of "required"
    # style_control was skipped before: the next question is the one after it.
    child.expect_exact(counter("output_format"))
    child.expect_exact("> ")
    child.sendintr()
    finish(child)
    assert child.exitstatus == 130
    assert path.read_text(encoding="utf-8") == (
        "# mine\nformat: 1\nproject: Hand\nlang: zh\nanswers:\n  external_knowledge: none\n"
        "  citations_required: required\nskipped: [style_control]\n"
    )
    child = spawn("ask", "--resume", "h.yaml", "--ask-skipped", "--lang", "en", cwd=tmp_path)
    child.expect_exact("Resuming Hand: 2 answered, ")
    child.expect_exact(f"{counter('style_control')} Does the output need a custom tone")
    child.expect_exact("> ")
    child.sendintr()
    finish(child)


def test_the_last_answer_gives_the_advice_on_one_screen_and_saves_the_report(
    tmp_path: Path,
) -> None:
    project = yaml.safe_load((EXAMPLES / "clinic-discharge.yaml").read_text(encoding="utf-8"))
    del project["answers"]["ml_expertise"]
    unanswered = [q for q in RULEBASE.questions if q not in project["answers"]
                  and RULEBASE.applicable(q, project["answers"]) and q != "ml_expertise"]
    project["skipped"] = unanswered
    path = write(tmp_path / "clinic.yaml", yaml.safe_dump(project, sort_keys=False))
    mine = write(tmp_path / "clinic.report.txt", "my own notes\n")
    child = spawn("ask", "--resume", "clinic.yaml", cwd=tmp_path)
    child.expect_exact(counter("ml_expertise"))
    # The English labels of ml_expertise only repeat the values: each is shown once.
    child.expect_exact("  1. none\r\n  2. some\r\n  3. strong\r\n")
    answer(child, "s")
    child.expect_exact("Not accepted: 's' could be some, strong")
    answer(child, "st")
    shown = finish(child)
    assert child.exitstatus == 0, shown
    assert "clinic.report.txt exists and is not an earlier report on this project" in shown
    assert mine.read_text(encoding="utf-8") == "my own notes\n"
    assert saved(path)["answers"]["ml_expertise"] == "strong"
    mine.unlink()
    # All answered: the advice straight away, and the report saved; a second run replaces
    # its own earlier report.
    for _ in range(2):
        child = spawn("ask", "--resume", "clinic.yaml", cwd=tmp_path)
        child.expect_exact("Every question that applies is answered.")
        shown = finish(child)
        assert child.exitstatus == 0, shown
        assert "Full report, with every reason and source: clinic.report.txt" in shown
        expected = run_cli("assess", "clinic.yaml", cwd=tmp_path).stdout
        assert (tmp_path / "clinic.report.txt").read_text(encoding="utf-8") == expected
