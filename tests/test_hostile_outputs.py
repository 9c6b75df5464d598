"""Safe outputs: nothing from an input can act on the terminal, the CI log or a Markdown reader,
and no write replaces what it should write into (an input, a device, a link)."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, clean_env, console_script
from conftest import run_cli as invoke

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"
SHOWN = sorted((HOSTILE / "shown").iterdir())
GOOD = EXAMPLES / "saas-support-docs.yaml"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


HOSTILE_NAMES = [
    "::stop-commands::pwned.yaml",
    "::error file=evil.py,line=1::forged.yaml",
    " ::warning::spaced.yaml",
    "##[error]legacy.yaml",
    "esc\x1b[31mred\x1b]0;title\x07.yaml",
    "pipe|and`tick`.yaml",
    "not-utf8-\udcff.yaml",
]
ANNOTATION = re.compile(r"^::(error|warning) file=[^:,]*(,line=\d+(,col=\d+)?)?,"
                        r"title=llm-adapt [a-z-]+::")


def _hostile_tree(root: Path) -> Path:
    folder = root / "proposals"
    folder.mkdir()
    text = GOOD.read_text()
    for name in HOSTILE_NAMES:
        (folder / name).write_text(text)
    (folder / "bad-::error::x.yaml").write_text("project: [unclosed\n")
    for path in SHOWN:
        shutil.copy(path, folder / path.name)
    return folder


def _assert_safe(text: str, *, github: bool = False) -> None:
    assert not CONTROL.search(text.replace("\t", "")), repr(text[:2000])
    assert "##[" not in text
    for line in text.splitlines():
        if line.lstrip().startswith("::"):
            assert github and ANNOTATION.match(line), line


def test_no_output_of_any_format_carries_a_command_or_a_control_character(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _hostile_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    summary = tmp_path / "step-summary.md"
    for fmt in ("text", "json", "junit", "sarif", "github"):
        result = invoke("check", "proposals", "--format", fmt,
                        env={"GITHUB_STEP_SUMMARY": str(summary)})
        assert result.returncode == 2, result.stderr
        _assert_safe(result.stdout, github=fmt == "github")
        _assert_safe(result.stderr)
        report = tmp_path / f"report.{fmt}"
        result = invoke("check", "proposals", "--format", fmt, "--output", str(report))
        assert result.returncode == 2
        _assert_safe(report.read_text(), github=fmt == "github")
        _assert_safe(result.stdout)
    _assert_safe(summary.read_text())
    assert "pwned.yaml" in summary.read_text()
    for fmt in ("text", "markdown", "json", "jsonl"):
        result = invoke("assess", "proposals", "--format", fmt)
        assert result.returncode == 2
        _assert_safe(result.stdout)
        _assert_safe(result.stderr)
        out = tmp_path / f"out-{fmt}"
        result = invoke("assess", "proposals", "--format", fmt, "--output-dir", str(out))
        for report in out.iterdir():
            _assert_safe(report.read_text())
    assert folder.exists()


def test_hostile_file_names_are_shown_escaped_and_still_name_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _hostile_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "proposals", "--format", "json")
    sources = result.stdout
    assert "proposals/::stop-commands::pwned.yaml" in sources  # mid-line: harmless
    assert "proposals/esc\\\\x1b[31mred\\\\x1b]0;title\\\\x07.yaml" in sources
    assert "proposals/not-utf8-\\\\xff.yaml" in sources
    relative = invoke("check", "::stop-commands::pwned.yaml", str(GOOD),
                      "--format", "github")
    assert relative.returncode == 2
    assert "./::stop-commands::pwned.yaml: ERROR: invalid: no such file" in relative.stdout
    assert "::error file=./%3A%3Astop-commands%3A%3Apwned.yaml,title=" in relative.stdout


def _prose(markdown: str) -> str:
    """Markdown without its code spans (where brackets and tags are only text)."""
    return re.sub(r"(`+)(.+?)\1", "", markdown)


def test_markdown_shows_html_links_and_pipes_as_text(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    _hostile_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = invoke("assess", "proposals/html-name.yaml", "--format", "markdown")
    heading = result.stdout.splitlines()[0]
    assert heading == ("# \\<script>alert(1)\\</script> \\<img src=x onerror=alert(1)> "
                       "!\\[x\\](http://example.com/pixel.png) \\| \\`tick\\`")
    out = tmp_path / "md"
    invoke("assess", "proposals", "--format", "markdown", "--output-dir", str(out))
    summary = (out / "summary.md").read_text()
    rows = [line for line in summary.splitlines() if line.startswith("| ")]
    assert rows and all(len(re.split(r"(?<!\\)\|", row)) == 7 for row in rows), rows
    assert not re.search(r"(?<!\\)[<\[\]]", _prose(summary))  # no tag, no link: all escaped
    assert "| ``proposals/pipe\\|and`tick`.yaml`` |" in summary
    step = tmp_path / "step.md"
    invoke("check", "proposals", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(step)})
    table = [line for line in step.read_text().splitlines() if line.startswith("| ")]
    assert all(len(re.split(r"(?<!\\)\|", row)) == 8 for row in table), table
    assert not re.search(r"(?<!\\)[<\[\]]", _prose(step.read_text()))


def test_a_step_summary_is_written_for_non_utf8_names(tmp_path: Path) -> None:
    name = os.fsencode(str(tmp_path)) + b"/caf\xe9.yaml"
    with open(name, "wb") as handle:
        handle.write(GOOD.read_bytes())
    summary = tmp_path / "summary.md"
    result = subprocess.run([os.fsencode(console_script()), b"check", name, b"--format",
                             b"github"], capture_output=True,
                            env=clean_env({"GITHUB_STEP_SUMMARY": str(summary)}), check=False)
    assert result.returncode == 0, result.stderr
    assert b"caf\\xe9.yaml" in result.stdout
    assert "caf\\xe9.yaml" in summary.read_text()
    sarif = subprocess.run([os.fsencode(console_script()), b"check", name, b"--format",
                            b"sarif"], capture_output=True, env=clean_env(), check=False)
    assert sarif.returncode == 0, sarif.stderr


def test_output_bytes_do_not_depend_on_the_locale(tmp_path: Path) -> None:
    name = os.fsencode(str(tmp_path)) + b"/caf\xc3\xa9-\xff.yaml"
    with open(name, "wb") as handle:
        handle.write(GOOD.read_bytes())
    for args in ([b"assess", name, b"--lang", b"zh"], [b"check", name, b"--format", b"sarif"]):
        outputs = set()
        for locale, utf8_mode in (("C.UTF-8", ""), ("C", "0")):
            env = clean_env({"LC_ALL": locale, "PYTHONUTF8": utf8_mode})
            result = subprocess.run([os.fsencode(console_script()), *args], capture_output=True,
                                    env=env, check=False)
            assert result.returncode == 0, result.stderr
            outputs.add(result.stdout)
        assert len(outputs) == 1, args


# --- writing outputs ---------------------------------------------------------------------


def test_output_onto_an_input_is_refused_and_the_input_kept(tmp_path: Path) -> None:
    project = tmp_path / "in.yaml"
    shutil.copy(GOOD, project)
    before = project.read_bytes()
    link = tmp_path / "link.yaml"
    link.symlink_to(project)
    hard = tmp_path / "hard.yaml"
    os.link(project, hard)
    for command in ("assess", "check"):
        for target in (project, link, hard):
            result = invoke(command, str(project), "--output", str(target))
            assert result.returncode == 2
            assert "is one of the inputs" in result.stderr
        result = invoke(command, str(tmp_path), "--output", str(project))
        assert result.returncode == 2 and "is one of the inputs" in result.stderr
    assert project.read_bytes() == before
    config = tmp_path / ".llm-adapt.yaml"
    config.write_text("tolerance: 5\n")
    result = invoke("check", str(GOOD), "--config", str(config), "--output", str(config))
    assert result.returncode == 2 and config.read_text() == "tolerance: 5\n"


def test_output_to_a_character_device_keeps_the_device(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("mknod needs root")
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    for command in ("assess", "check"):
        result = invoke(command, str(GOOD), "--output", str(device))
        assert result.returncode == 0, result.stderr
        assert stat.S_ISCHR(device.stat().st_mode)
    assert not list(tmp_path.glob(".null.*"))


def test_dev_stdout_is_written_through_whatever_it_is() -> None:
    for command in ("assess", "check"):
        result = subprocess.run([console_script(), command, str(GOOD), "--format", "json",
                                 "--output", "/dev/stdout"], capture_output=True, text=True,
                                env=clean_env(), check=False)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("{") and "report written to /dev/stdout" in result.stdout


def test_a_named_pipe_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "report.pipe"
    os.mkfifo(fifo)
    result = invoke("assess", str(GOOD), "--output", str(fifo))
    assert result.returncode == 2 and f"{fifo}: a named pipe with no reader" in result.stderr
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE, text=True)
    try:
        for _ in range(100):  # until cat has opened its end (a refusal leaves no trace)
            result = invoke("assess", str(GOOD), "--output", str(fifo))
            if "no reader" not in result.stderr:
                break
            time.sleep(0.05)
    finally:
        shown, _ = reader.communicate(timeout=10)
    assert result.returncode == 0, result.stderr
    assert "Recommendation" in shown and stat.S_ISFIFO(fifo.stat().st_mode)


def test_write_errors_on_devices_are_reported() -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    result = invoke("assess", str(GOOD), "--output", "/dev/full")
    assert result.returncode == 2
    assert "/dev/full: cannot write: No space left on device" in result.stderr
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_symbolic_link_is_followed_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("old\n")
    link = tmp_path / "report.txt"
    link.symlink_to(target)
    result = invoke("assess", str(GOOD), "--output", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and "Recommendation" in target.read_text()


def test_reports_respect_the_umask_and_keep_an_existing_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.txt"
        assert invoke("assess", str(GOOD), "--output", str(fresh)).returncode == 0
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        kept = tmp_path / "kept.txt"
        kept.write_text("")
        kept.chmod(0o640)
        assert invoke("check", str(GOOD), "--output", str(kept)).returncode == 0
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
        out = tmp_path / "dir"
        assert invoke("assess", str(GOOD), "--output-dir", str(out)).returncode == 0
        assert {stat.S_IMODE(p.stat().st_mode) for p in out.iterdir()} == {0o644}
    finally:
        os.umask(old)


def test_dash_is_standard_output_and_an_empty_name_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for command in ("assess", "check"):
        result = invoke(command, str(GOOD), "-o", "-", "--format", "json")
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("{")
        assert not (tmp_path / "-").exists()
        result = invoke(command, str(GOOD), "--output", "")
        assert result.returncode == 2
        assert "give a file name" in result.stderr
    assert invoke("schema", "-o", "-").stdout.startswith("{")


def test_stale_temporary_files_are_cleaned_up(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    dead = tmp_path / ".report.txt.999999999.abcd.tmp"
    dead.write_text("half a report")
    other = tmp_path / ".other.txt.999999999.abcd.tmp"
    other.write_text("not ours to remove")
    alive = tmp_path / f".report.txt.{os.getppid()}.abcd.tmp"
    alive.write_text("a live writer's")
    assert invoke("assess", str(GOOD), "--output", str(report)).returncode == 0
    assert not dead.exists() and other.exists() and alive.exists()


def test_output_dir_overwrites_only_its_own_reports(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("Alpha.yaml", "alpha.yaml", "beta.yaml"):
        shutil.copy(GOOD, inputs / name)
    out = tmp_path / "out"
    result = invoke("assess", str(inputs), "--format", "markdown", "--output-dir", str(out))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    # Names that differ only in case get distinct reports (case-insensitive file systems).
    assert names == ["Alpha.md", "alpha-2.md", "beta.md", "summary.md"]
    (inputs / "beta.yaml").unlink()
    result = invoke("assess", str(inputs), "--format", "markdown", "--output-dir", str(out))
    assert result.returncode == 0, result.stderr
    assert not (out / "beta.md").exists()  # a stale report of an earlier run is removed
    (out / "notes.md").write_text("mine")
    shutil.copy(GOOD, inputs / "notes.yaml")
    result = invoke("assess", str(inputs), "--format", "markdown", "--output-dir", str(out))
    assert result.returncode == 2
    assert "notes.md exists and was not written by llm-adapt" in result.stderr
    assert (out / "notes.md").read_text() == "mine"
    assert (out / "Alpha.md").exists()  # refused before anything was written


def test_tolerance_must_be_a_number_of_points() -> None:
    for value in ("nan", "inf", "-1", "101"):
        result = invoke("check", str(GOOD), "--tolerance", value)
        assert result.returncode == 2
        assert "give a number of points from 0 to 100" in result.stderr, value


def test_output_dir_cleans_stale_temporaries_once(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".summary.md.999999999.x.tmp"
    stale.write_text("half")
    foreign = out / ".notes.txt.999999999.x.tmp"
    foreign.write_text("not a report of this run")
    assert invoke("assess", str(GOOD), "--output-dir", str(out)).returncode == 0
    assert not stale.exists() and foreign.exists()


def test_output_onto_the_file_behind_stdin_or_a_rule_pack_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "m.yaml"
    shutil.copy(EXAMPLES / "meeting-notes.yaml", project)
    before = project.read_bytes()
    with open(project, "rb") as stdin:
        result = subprocess.run([console_script(), "assess", "-", "-o", str(project)],
                                stdin=stdin, capture_output=True, env=clean_env(), check=False)
    assert result.returncode == 2 and b"is one of the inputs" in result.stderr
    assert project.read_bytes() == before
    pack = tmp_path / "pack"
    pack.mkdir()
    rules = pack / "r.yaml"
    rules.write_text("rules: []\n")
    for command in ("assess", "check"):
        refused = invoke(command, str(project), "--rules", str(pack), "-o", str(rules))
        assert refused.returncode == 2 and "is one of the inputs" in refused.stderr, command
        assert rules.read_text() == "rules: []\n"
