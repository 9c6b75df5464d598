"""`llm-adapt ask`: an interview in the terminal that saves after every answer, then advises."""

from __future__ import annotations

import contextlib
import errno
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from llm_adapt import reading, yamlio
from llm_adapt.answers import value_text
from llm_adapt.commands._options import (
    RulesOption,
    boundary,
    err,
    output_width,
    use_color,
)
from llm_adapt.errors import EXIT_BAD_INPUT, EXIT_INTERRUPTED, InputError, Problem, UserError
from llm_adapt.escape import display_name, printable
from llm_adapt.filelock import FileLock, Locked
from llm_adapt.i18n import DEFAULT_LANG, Lang, message, parse_lang
from llm_adapt.interview import (
    DESCRIPTION,
    PROJECT,
    Interview,
    Kind,
    expected_text,
    slug,
)
from llm_adapt.lineinput import enable_line_editing, read_answer
from llm_adapt.output import atomic_write, is_stdout
from llm_adapt.project import load_for_interview, load_text
from llm_adapt.roundtrip import RoundTrip
from llm_adapt.rulebase import Question, RuleBase, load_rulebase


@contextlib.contextmanager
def _no_interrupt() -> Iterator[None]:
    """Hold Ctrl-C back while a save runs, so the answer just given is never lost to it."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not on Windows
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _same_words(text: str, value: str) -> bool:
    """Whether a choice's text only repeats its value (`none`, `live systems`)."""
    def words(t: str) -> str:
        return " ".join(t.replace("_", " ").replace("-", " ").lower().split())

    return words(text) == words(value)


class Session:
    """One run of the interview in a terminal: prompts, the file it saves to, the final advice."""

    def __init__(
        self,
        rulebase: RuleBase,
        lang: Lang,
        console: Console,
        interview: Interview,
        path: Path | None,
        roundtrip: RoundTrip | None = None,
    ) -> None:
        self.rulebase = rulebase
        self.lang = lang
        self.console = console
        self.interview = interview
        self.path = path
        self.section: str | None = None
        # The resumed file's own text, rewritten with its comments kept (None: standard layout).
        self.roundtrip = roundtrip
        self.lock: FileLock | None = None

    def hold(self, path: Path) -> None:
        """Lock the file this session saves to, so a second session cannot overwrite it."""
        lock = FileLock(path)
        lock.acquire()
        self.release()
        self.lock = lock

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    # --- output --------------------------------------------------------------------------

    def out(self, markup: str = "", indent: int = 0) -> None:
        """One paragraph; long lines wrap under their own indent, not at the margin."""
        text = Text.from_markup(markup)
        for line in text.wrap(self.console, max(20, self.console.width - indent)):
            line.rstrip()
            self.console.print(Text(" " * indent) + line)

    def say(self, key: str, style: str = "", indent: int = 0, **values: object) -> None:
        for name in ("path", "new"):  # file names are shown escaped, like everywhere else
            if name in values:
                values[name] = display_name(str(values[name]))
        text = escape(message(f"interview.{key}", self.lang, **values))
        markup = f"[{style}]{text}[/]" if style else text
        if "path" in values:
            # A line naming a file or a command must stay whole, to be copied and pasted.
            self.console.print(Text.from_markup(markup), soft_wrap=True)
        else:
            self.out(markup, indent)

    def show(self, step: str) -> None:
        """The current step: section heading when it changes, text, allowed values, hint."""
        current = self.interview.current_value()
        if step in (PROJECT, DESCRIPTION):
            key = "project_name" if step == PROJECT else "description"
            self.out()
            title = message(f"interview.{key}", self.lang)
            hint = message(f"interview.{key}_hint", self.lang)
            self.out(f"[bold]{escape(title)}[/]")
            self.out(f"[dim]{escape(hint)}[/]", 2)
        else:
            question = self.rulebase.questions[step]
            if question.section != self.section:
                self.section = question.section
                title = self.rulebase.sections[question.section].title(self.lang)
                self.out()
                self.out(f"[bold cyan]── {escape(title)} ──[/]")
            number, total = self.interview.position(step)
            self.out()
            self.out(f"[bold]{escape(f'[{number}/{total}]')} {escape(question.text(self.lang))}[/]")
            self.show_values(question)
            if question.default is not None and current is None:
                self.say("default", indent=2, value=value_text(question.default))
            self.say("hint", style="dim", indent=2, hint=question.hint(self.lang))
        if current is not None:
            self.say("current", style="yellow", indent=2, value=value_text(current))

    def show_values(self, question: Question) -> None:
        if question.type == "choice":
            width = max(len(c.value) for c in question.choices)
            for number, choice in enumerate(question.choices, start=1):
                text = choice.text(self.lang)
                if _same_words(text, choice.value):
                    # `none  none` says nothing twice: the value alone is its own label.
                    self.out(f"{number}. {escape(choice.value)}", 2)
                    continue
                self.out(f"{number}. {escape(choice.value.ljust(width))}  {escape(text)}", 2)
            return
        allowed = expected_text(question, self.lang)
        if question.optional:
            allowed += "; " + message("interview.optional", self.lang)
        self.out(f"({escape(allowed)})", 2)

    def show_help(self, step: str) -> None:
        if step in (PROJECT, DESCRIPTION):
            key = "project_name_help" if step == PROJECT else "description_help"
            self.say(key, indent=2)
            return
        question = self.rulebase.questions[step]
        why = escape(message("interview.why", self.lang))
        self.out(f"[bold]{why}[/]{escape(question.help(self.lang))}", 2)
        self.say("sources", style="bold", indent=2)
        for source in question.sources:
            citation = self.rulebase.citation(source, self.lang)
            section = f" §{citation.section}" if citation.section else ""
            self.out(f"- {escape(citation.title + section)} <{escape(citation.url or '')}>", 4)

    # --- the file ------------------------------------------------------------------------

    def choose_path(self, name: str) -> Path:
        """A new file in the current directory named after the project; never an existing one,
        nor one another session is about to create."""
        stem = slug(name)
        path, n = Path(f"{stem}.yaml"), 2
        while True:
            if not path.exists():
                try:
                    self.hold(path)
                    break
                except Locked:
                    pass
            path, n = Path(f"{stem}-{n}.yaml"), n + 1
        if n > 2:
            self.say("name_taken", path=f"{stem}.yaml", new=path)
        return path

    def save(self) -> None:
        if self.interview.name is None:
            return
        if self.path is None:
            self.path = self.choose_path(self.interview.name)
            self.say("saving_to", style="dim", path=self.path)
        project = self.interview.project_file(str(self.path))
        data = project.to_data()
        text = yamlio.dump(data)
        if self.roundtrip is not None:
            kept = self._with_comments(data)
            if kept is None:
                self.roundtrip = None
                self.say("rewrite_note", style="yellow", path=self.path)
            else:
                text = kept
        with _no_interrupt():
            atomic_write(self.path, text)

    def _with_comments(self, data: dict[str, object]) -> str | None:
        """The resumed file rewritten with `data`, if it reads back as exactly `data`."""
        assert self.roundtrip is not None
        try:
            text = self.roundtrip.render(data, list(self.rulebase.questions))
            again = load_text(text, self.rulebase, file=str(self.path))
        except (InputError, ValueError, TypeError):
            return None
        return text if again.to_data() == data else None

    # --- the loop ------------------------------------------------------------------------

    def run(self) -> None:
        interview = self.interview
        while interview.current is not None:
            step = interview.current
            self.show(step)
            while True:
                text = read_answer("> ")
                outcome = interview.submit(text)
                if outcome.kind is Kind.HELP:
                    self.show_help(step)
                    continue
                if outcome.kind is Kind.INVALID:
                    self.say("invalid", style="red", reason=printable(outcome.reason))
                    continue
                break
            if outcome.kind is Kind.BACK:
                continue
            self.save()
            if outcome.kind is Kind.SKIPPED and step not in (PROJECT, DESCRIPTION):
                self.say("skipped", style="dim")

    def farewell(self, key: str) -> None:
        """After Ctrl-C or the end of input: say what is kept and how to go on."""
        with contextlib.suppress(OSError):  # the terminal may be gone already
            self.out()
            self.say(key)
            if self.path is not None and self.path.exists():
                self.say("kept_in", path=self.path)
            else:
                self.say("nothing_saved")

    def advise(self) -> None:
        """The advice on one screen, the full report (exactly as `assess` writes it) saved
        beside the project file, and how to see either again."""
        assert self.path is not None
        project = self.interview.project_file(str(self.path))
        # The advice's machinery (scoring, templates) is loaded once the interview is over.
        from llm_adapt.report import RenderOptions, ReportFormat, renderer_for
        from llm_adapt.report.text import TextRenderer
        from llm_adapt.scoring import assess_project

        assessment = assess_project(self.rulebase, project, lang=self.lang)
        on_screen = RenderOptions(
            rulebase=self.rulebase, lang=self.lang, color=use_color(), width=output_width()
        )
        self.out()
        sys.stdout.write(TextRenderer().brief(assessment, on_screen).rstrip("\n") + "\n\n")
        to_file = RenderOptions(rulebase=self.rulebase, lang=self.lang, color=False, width=100)
        report = renderer_for(ReportFormat.TEXT).item(assessment, to_file)
        target = report_path(self.path)
        if _may_replace(target, report):
            with _no_interrupt():
                atomic_write(target, report)
            self.say("report_saved", path=target)
        else:
            self.say("report_not_saved", style="yellow", path=target)
        sys.stdout.flush()
        self.say("written", style="bold", path=self.path)


def report_path(project: Path) -> Path:
    """Where the interview saves the full report: beside the project file, named after it."""
    return project.with_name(project.stem + ".report.txt")


def _may_replace(target: Path, report: str) -> bool:
    """Whether the report may be written to `target`: a new file, or an earlier report on
    the same project file (its first line names the same project and file); never a file of
    the user's that happens to have the name."""
    if not target.exists() and not target.is_symlink():
        return True
    if not target.is_file():
        return False
    try:
        with target.open(encoding="utf-8") as existing:
            first = existing.readline()
    except (OSError, UnicodeDecodeError):
        return False
    return first == report.split("\n", 1)[0] + "\n"


def _confirm(console: Console, question: str) -> bool:
    """A yes/no question; anything but yes (Ctrl-D included) is no."""
    try:
        answer = input(question).strip().lower()
    except EOFError:
        console.print()
        return False
    return answer in ("y", "yes", "是")


def _start(
    rulebase: RuleBase,
    lang: Lang | None,
    console: Console,
    output: Path | None,
    resume: Path | None,
    ask_skipped: bool = False,
) -> Session:
    """The session: a new interview, or the one saved in `resume`, in `lang` (None: the
    language the file was written in, else English)."""
    path = output if output is not None else resume
    if output is not None and (is_stdout(output) or str(output) in ("", ".")):
        raise UserError("--output: give the name of the file to save the answers in")
    if output is not None and output.is_dir():
        raise UserError(f"--output {output}: is a directory; give a file name")
    if ask_skipped and resume is None:
        raise UserError("--ask-skipped goes with --resume FILE (the file that lists them)")
    first = lang or DEFAULT_LANG
    session = Session(rulebase, first, console, Interview.start(rulebase, first), path)
    if path is not None:
        session.hold(path)  # before reading: the file must not change under this session
    text = ""
    dropped: list[Problem] = []
    if resume is not None:
        shown = display_name(str(resume))
        if not resume.exists() and not resume.is_symlink():
            raise UserError(
                f"{shown}: no such file (to start an interview saved there: "
                f"llm-adapt ask --output {shown})"
            )
        text = reading.read_text(resume, shown)
        # One bad answer must not lock the user out of their own file: it is asked again.
        project, dropped, again = load_for_interview(text, rulebase, file=shown)
        language = lang or project.lang or DEFAULT_LANG
        session.lang = language
        session.interview = Interview.resume(
            rulebase, project, language, ask_skipped=ask_skipped, again=again
        )
        session.roundtrip = RoundTrip.parse(text, project.to_data())
        lang = language
    lang = lang or DEFAULT_LANG
    interview = session.interview
    same = output is not None and resume is not None and output.resolve() == resume.resolve()
    if (
        output is not None
        and output.exists()
        and not same
        and not _confirm(console, message("interview.overwrite", lang, path=output))
    ):
        raise UserError(message("interview.not_overwritten", lang, path=output))
    say_ = session.say
    say_("intro", style="dim")
    if resume is not None:
        answered = len(interview.answers)
        skipped = interview.skipped_unanswered()
        say_(
            "resuming_skipped" if skipped else "resuming",
            style="bold",
            project=interview.name,
            answered=answered,
            skipped=len(skipped),
            left=interview.remaining(),
        )
        if skipped:
            say_("skipped_kept", style="dim", questions=", ".join(skipped), path=path)
        if dropped:
            say_("invalid_answers", style="yellow", path=path)
            for problem in dropped:
                session.console.print(Text("  " + printable(str(problem))), soft_wrap=True)
        if interview.finished:
            say_("all_answered")
        elif session.roundtrip is None and text != yamlio.dump(
            interview.project_file(str(path)).to_data()
        ):
            say_("rewrite_note", style="yellow", path=path)
    if path is not None and not interview.finished:
        say_("saving_to", style="dim", path=path)
    if resume is not None and output is not None and not same:
        session.save()  # --resume A --output B: B holds the answers even if none is added
    return session


@boundary
def ask_command(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Save the answers to FILE (default: a new file "
            "named after the project, in the current directory).",
            show_default=False,
        ),
    ] = None,
    resume: Annotated[
        Path | None,
        typer.Option(
            "--resume",
            metavar="FILE",
            help="Continue the interview saved in FILE (or a hand-written "
            "project file) at its first unanswered question.",
            show_default=False,
        ),
    ] = None,
    ask_skipped: Annotated[
        bool,
        typer.Option(
            "--ask-skipped",
            help="With --resume: ask again the questions skipped before (by default they "
            "stay skipped).",
        ),
    ] = False,
    rules: RulesOption = [],  # noqa: B006 - typer reads the default; it is never mutated
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", envvar="LLM_ADAPT_LANG", metavar="en|zh", show_default=False,
            help="Language of the questions and the advice: en or zh (default: the "
            "language of the file resumed, else en).",
        ),
    ] = None,
) -> None:
    """Interview: answer the questions one at a time, then get the advice.

    The project file is saved after every answer, so Ctrl-C or a closed terminal loses
    nothing; continue with --resume FILE. At the end the advice fits on one screen, and the
    full report is saved beside the file (NAME.report.txt). Needs a terminal; for a file,
    use `assess`.

    Exit codes: 0 done; 2 bad usage, no terminal, or the input ended early; 130 Ctrl-C.
    """
    chosen = parse_lang(lang) if lang is not None else None
    language = chosen or DEFAULT_LANG
    if not sys.stdin.isatty():
        raise UserError(message("interview.not_a_terminal", language))
    rulebase = load_rulebase(rules)
    console = Console(highlight=False, color_system="auto" if use_color() else None)
    enable_line_editing()
    session: Session | None = None
    try:
        session = _start(rulebase, chosen, console, output, resume, ask_skipped)
        session.run()
        session.advise()
    except KeyboardInterrupt:
        if session is not None:
            session.farewell("interrupted")
        else:
            err("llm-adapt: " + message("interview.interrupted", language))
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except (EOFError, OSError) as exc:
        # A closed terminal shows up as the end of input, or as EIO on the next read.
        if isinstance(exc, OSError) and exc.errno != errno.EIO:
            raise
        if session is not None:
            session.farewell("input_closed")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    finally:
        if session is not None:
            session.release()
