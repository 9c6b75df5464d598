"""The rule base: every rule is sourced and bilingual; bad rules and packs are refused clearly."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_cli, write

from llm_adapt.errors import LlmAdaptError
from llm_adapt.rulebase import load_rulebase

SEEDS = {
    "000_dc6c3ef53c63141c.txt",
    "001_15b0010ad0c2ee7e.txt",
    "002_70e05685c58deaf6.txt",
    "003_9f80cfcc687e2087.txt",
    "004_836f35f18b0887d4.txt",
}
CONTRACT_QUESTIONS = [
    "external_knowledge",
    "knowledge_change",
    "citations_required",
    "style_control",
    "output_format",
    "domain_gap",
    "hallucination_tolerance",
    "data_sensitivity",
    "preserve_general_skills",
    "labeled_examples",
    "label_quality",
    "task_diversity",
    "baseline_accuracy",
    "target_accuracy",
    "requests_per_day",
    "latency_sensitivity",
    "model_access",
    "model_size_b",
    "gpu_memory_gb",
    "budget",
    "timeline",
    "ml_expertise",
    "retrieval_expertise",
]

GOOD_RULE = """\
rules:
  - id: pack.example
    when: {q: budget, eq: high}
    effects: {rag: 5}
    rationale: {en: "Because.", zh: "因为。"}
    sources: ["001_15b0010ad0c2ee7e.txt §2.2"]
"""


def test_every_rule_is_sourced_or_a_heuristic_and_speaks_both_languages() -> None:
    rulebase = load_rulebase()
    assert len(rulebase.rules) >= 30
    for compiled in rulebase.rules:
        rule = compiled.rule
        assert bool(rule.sources) != rule.heuristic, rule.id
        for cited in rule.sources:
            citation = rulebase.citation(cited)
            assert citation.url and citation.url.startswith("https://"), (rule.id, cited)
        assert rule.rationale.en and rule.rationale.zh
        assert re.search(r"[\u4e00-\u9fff]", rule.rationale.zh), rule.id


def test_questions_are_the_contract() -> None:
    """Format 1's questions all stay; the ones added since are optional refinements."""
    rulebase = load_rulebase()
    assert set(CONTRACT_QUESTIONS) <= set(rulebase.questions)
    for qid, question in rulebase.questions.items():
        assert question.refinement == (qid not in CONTRACT_QUESTIONS), qid
    for question in rulebase.questions.values():
        assert question.text.zh and question.help.zh and question.hint.en
        for choice in question.choices:
            assert choice.text.en and choice.text.zh


# 001 §2.2 asks eight questions; the questionnaire asks them as ten (q7, "cost and
# complexity: has the team the expertise", is budget and the two kinds of expertise).
EIGHT_QUESTIONS_OF_001 = {
    1: ("external_knowledge",),
    2: ("style_control",),
    3: ("hallucination_tolerance",),
    4: ("labeled_examples",),
    5: ("knowledge_change",),
    6: ("citations_required",),
    7: ("budget", "ml_expertise", "retrieval_expertise"),
    8: ("task_diversity",),
}

# The questions whose answer 001 §2.2 itself says which way to go (knowledge -> RAG, style ->
# fine-tuning, hallucination, freshness, transparency). For data volume (q4), resources (q7)
# and task diversity (q8) it gives no threshold, so rules cite the guides that do.
DIRECTED_BY_001 = {1, 2, 3, 5, 6}


def test_the_eight_questions_of_001_are_asked_and_drive_rules_that_cite_them() -> None:
    rulebase = load_rulebase()
    for number, qids in EIGHT_QUESTIONS_OF_001.items():
        cite = f"meta-finetune-or-not §2.2 q{number}"  # 001, by its registry id
        for qid in qids:
            assert any(s.startswith(cite) for s in rulebase.questions[qid].sources), qid
            if number not in DIRECTED_BY_001:
                continue  # 001 asks it but answers it nowhere: its rules cite other sources
            citing = [rulebase.rules[i].rule.id for i in rulebase.rules_reading.get(qid, ())
                      if any(s.startswith(cite) for s in rulebase.rules[i].rule.sources)]
            assert citing, f"no rule reading {qid} cites {cite}"


def _pack(tmp_path: Path, text: str) -> Path:
    write(tmp_path / "pack" / "extra.yaml", text)
    return tmp_path / "pack"


def test_a_rule_without_a_source_does_not_load(tmp_path: Path) -> None:
    pack = _pack(
        tmp_path, GOOD_RULE.replace('    sources: ["001_15b0010ad0c2ee7e.txt §2.2"]\n', "")
    )
    with pytest.raises(LlmAdaptError) as info:
        load_rulebase([pack])
    message = str(info.value)
    assert "extra.yaml:2:5: rule 'pack.example': rules.0: sources: Field required" in message

    result = run_cli("assess", str(EXAMPLES / "meeting-notes.yaml"), "--rules", str(pack))
    assert result.returncode == 2
    assert "rule 'pack.example'" in result.stderr and "sources" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_source_must_be_a_known_document(tmp_path: Path) -> None:
    pack = _pack(
        tmp_path, GOOD_RULE.replace("001_15b0010ad0c2ee7e.txt", "001_15b0010ad0c2ee7f.txt")
    )
    with pytest.raises(LlmAdaptError, match=r"not a known source document .*did you mean '001_"):
        load_rulebase([pack])
    pack = _pack(tmp_path, GOOD_RULE.replace('"001_15b0010ad0c2ee7e.txt §2.2"', '"a blog post"'))
    with pytest.raises(LlmAdaptError, match="must read '<source id> §section'"):
        load_rulebase([pack])


def test_a_condition_on_an_unknown_question_does_not_load(tmp_path: Path) -> None:
    pack = _pack(tmp_path, GOOD_RULE.replace("{q: budget, eq: high}", "{q: budgett, eq: high}"))
    with pytest.raises(LlmAdaptError) as info:
        load_rulebase([pack])
    assert (
        "rule 'pack.example': condition reads unknown question 'budgett' (did you mean 'budget'?)"
    ) in str(info.value)


def test_conditions_are_typed(tmp_path: Path) -> None:
    cases = {
        "{q: budget, eq: huge}": "'huge' is not a possible answer to 'budget'",
        "{q: budget, gte: 3}": "'gte' cannot compare the choice question 'budget'",
        "{q: labeled_examples, gte: many}": "'gte' needs a number",
        "{q: budget, eq: high, ne: low}": "needs exactly one of",
        "{all: []}": "'all' needs a non-empty list",
        "{eval: '1'}": "unknown condition ['eval']",
    }
    for condition, expected in cases.items():
        pack = _pack(tmp_path, GOOD_RULE.replace("{q: budget, eq: high}", condition))
        with pytest.raises(LlmAdaptError, match=re.escape(expected)):
            load_rulebase([pack])


def test_a_pack_rule_with_a_new_id_is_added(tmp_path: Path) -> None:
    # A pack that forbids fine-tuning for its organisation, next to the built-in rules.
    pack = _pack(
        tmp_path,
        """\
rules:
  - id: org.no_training
    when: {always: true}
    blocks: [fine_tuning, hybrid]
    rationale: {en: "Our policy forbids training models.", zh: "我们的政策禁止训练模型。"}
    sources: ["003_9f80cfcc687e2087.txt §2. 区别与比较"]
""",
    )
    assert len(load_rulebase([pack]).rules) == len(load_rulebase().rules) + 1
    result = run_cli(
        "assess", str(EXAMPLES / "ticket-router.yaml"), "--rules", str(pack), "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["recommendation"] not in ("fine_tuning", "hybrid")
    assert data["blocked"]["fine_tuning"] == ["Our policy forbids training models."]


def test_a_pack_rule_with_a_built_in_id_replaces_that_rule(tmp_path: Path) -> None:
    """format.strict (a strict output format favours fine-tuning) redefined by a pack: the
    advice shows the pack's effects and rationale, once, and follows them."""
    example = str(EXAMPLES / "ticket-router.yaml")
    before = json.loads(run_cli("assess", example, "--format", "json").stdout)
    (builtin,) = [r for r in before["reasons"] if r["rule"] == "format.strict"]
    assert builtin["effects"]["fine_tuning"] > 0 and before["recommendation"] == "fine_tuning"
    pack = _pack(
        tmp_path,
        """\
rules:
  - id: format.strict
    when: {q: output_format, eq: strict}
    effects: {prompting: 100, fine_tuning: -100}
    rationale: {en: "Our parser repairs any format.", zh: "我们的解析器能修复任何格式。"}
    sources: ["001_15b0010ad0c2ee7e.txt §1.1"]
""",
    )
    assert len(load_rulebase([pack]).rules) == len(load_rulebase().rules)
    result = run_cli("assess", example, "--rules", str(pack), "--format", "json")
    assert result.returncode == 0, result.stderr
    after = json.loads(result.stdout)
    (replaced,) = [r for r in after["reasons"] if r["rule"] == "format.strict"]
    assert replaced["effects"] == {"prompting": 100, "fine_tuning": -100}
    assert replaced["rationale"] == "Our parser repairs any format."
    assert builtin["rationale"] not in result.stdout
    assert after["recommendation"] == "prompting"


def test_broken_yaml_in_a_pack_names_file_line_and_column(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "rules:\n  - id: x\n    when: {q: budget\n")
    result = run_cli("assess", str(EXAMPLES / "meeting-notes.yaml"), "--rules", str(pack))
    assert result.returncode == 2
    assert re.search(r"extra\.yaml:\d+:\d+: invalid YAML", result.stderr)


def test_seed_file_names_stay_valid_citations() -> None:
    rulebase = load_rulebase()
    citation = rulebase.citation("001_15b0010ad0c2ee7e.txt §2.2 q3")
    assert citation.id == "meta-finetune-or-not"
    assert citation.url == "https://ai.meta.com/blog/when-to-fine-tune-llms-vs-other-techniques/"
    assert citation.section == "2.2 q3"
    assert citation.title == "To fine-tune or not to fine-tune"
    assert rulebase.citation("001_15b0010ad0c2ee7e.txt", "zh").title.startswith("什么时候")


def test_every_cited_source_is_a_registry_entry_with_a_url() -> None:
    rulebase = load_rulebase()
    cited = [s for c in rulebase.rules for s in c.rule.sources]
    cited += [s for q in rulebase.questions.values() for s in q.sources]
    cited += [s for b in rulebase.playbooks.values() for s in b.sources]
    for source in cited:
        citation = rulebase.citation(source)
        assert citation.url and citation.url.startswith("https://"), source
        doc = rulebase.sources[citation.id]
        assert doc.title.en and doc.title.original and doc.publisher and doc.date
    # The registry holds every seed, by its file name too.
    for seed in SEEDS:
        assert rulebase.source(seed) is not None, seed


def test_a_source_without_a_url_cannot_be_cited(tmp_path: Path) -> None:
    # Seed 000 names no site: it is listed in the registry, but a reader could not follow it.
    pack = _pack(
        tmp_path, GOOD_RULE.replace("001_15b0010ad0c2ee7e.txt", "000_dc6c3ef53c63141c.txt")
    )
    with pytest.raises(LlmAdaptError, match="has no URL a reader could follow"):
        load_rulebase([pack])


def test_a_feasibility_rule_cannot_vote(tmp_path: Path) -> None:
    """Whatever makes an approach possible is not a reason to need it: a feasibility rule with
    positive points is refused, with the file, the line and the rule id."""
    pack = _pack(
        tmp_path,
        GOOD_RULE.replace(
            "    effects: {rag: 5}\n", "    kind: feasibility\n    effects: {rag: 5}\n"
        ),
    )
    with pytest.raises(LlmAdaptError) as info:
        load_rulebase([pack])
    message = str(info.value)
    assert "extra.yaml:2:5: rule 'pack.example': rules.0: a feasibility rule may only block" in (
        message
    )
    assert "gives rag +5 points" in message


def test_rule_kinds_are_checked(tmp_path: Path) -> None:
    cases = {
        "    kind: need\n    blocks: [rag]\n": "a need rule cannot block",
        "    kind: evidence\n    group: x\n": "evidence rules are not grouped",
        "    heuristic: true\n": "a heuristic rule is the tool's own reasoning",
        "    kind: guess\n": "kind",
    }
    for extra, expected in cases.items():
        pack = _pack(
            tmp_path,
            GOOD_RULE.replace("    effects: {rag: 5}\n", extra + "    effects: {rag: 5}\n"),
        )
        with pytest.raises(LlmAdaptError, match=re.escape(expected)):
            load_rulebase([pack])
    # A heuristic without sources loads, and reports say so.
    heuristic = GOOD_RULE.replace(
        '    sources: ["001_15b0010ad0c2ee7e.txt §2.2"]\n', "    heuristic: true\n"
    )
    rulebase = load_rulebase([_pack(tmp_path, heuristic)])
    rule = next(c.rule for c in rulebase.rules if c.rule.id == "pack.example")
    assert rule.heuristic and rule.rule_kind == "need"


def test_built_in_blocks_say_what_unblocks_and_deferrals_say_when() -> None:
    rulebase = load_rulebase()
    for compiled in rulebase.rules:
        rule = compiled.rule
        if rule.blocks:
            assert rule.unblock is not None, rule.id
        if rule.rule_kind == "feasibility":
            assert all(points <= 0 for points in rule.effects.values()), rule.id
        if rule.rule_kind != "need":
            continue
        # Needs share a group only with correlated needs; every group has at least two rules.
    for name, members in rulebase.groups:
        assert len(members) >= 2, name


def test_the_fingerprint_follows_the_rule_files_bytes_not_where_they_are(tmp_path: Path) -> None:
    from llm_adapt.rulebase import fingerprint

    builtin = load_rulebase().fingerprint
    assert re.fullmatch(r"sha256:[0-9a-f]{16}", builtin)
    assert fingerprint([("a", "x"), ("b", "y")]) == fingerprint([("a", "x"), ("b", "y")])
    # Names and texts are kept apart: moving a character from one to the other is a change.
    assert fingerprint([("a", "xb")]) != fingerprint([("ax", "b")])
    first = _pack(tmp_path / "one", GOOD_RULE)
    second = _pack(tmp_path / "two", GOOD_RULE)
    packed = load_rulebase([first]).fingerprint
    assert packed != builtin
    assert load_rulebase([second]).fingerprint == packed  # same content, another directory
    edited = _pack(tmp_path / "three", GOOD_RULE + "\n# a comment\n")
    assert load_rulebase([edited]).fingerprint not in (packed, builtin)
