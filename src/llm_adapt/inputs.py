"""Turning command-line PATHs into projects: files, directories, stdin, JSONL and CSV tables.

Every input yields either a project or its problems, so a batch never stops at a bad file.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from llm_adapt import numeric, reading
from llm_adapt import project as project_file
from llm_adapt.answers import parse_text
from llm_adapt.errors import InputError, Location, Problem, UserError, cap_problems
from llm_adapt.escape import display_name
from llm_adapt.project import ENVELOPE_KEYS, ProjectFile
from llm_adapt.rulebase import RuleBase
from llm_adapt.suggest import did_you_mean
from llm_adapt.yamlio import MAX_DEPTH

if TYPE_CHECKING:  # imported where a scan needs it: most runs name files
    import pathspec

YAML_SUFFIXES = (".yaml", ".yml")
STDIN = "-"
STDIN_NAME = "<stdin>"


@dataclass
class Loaded:
    """One project read from the inputs, or why it could not be."""

    source: str
    project: ProjectFile | None = None
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Selection:
    """Which files a directory scan reads. Patterns are gitignore's (`*`, `**`, a leading `/`
    anchors, a trailing `/` means a directory, `!` re-includes), matched against the path
    relative to the scanned directory; `.gitignore` files inside it apply below their own
    directory, the deepest one that matches deciding, as git does. Neither ever drops a
    file named on the command line.

    `on_empty(name)` hears of each scanned directory that holds no project file (once)."""

    exclude: Sequence[str] = ()
    respect_gitignore: bool = True
    on_empty: Callable[[str], None] | None = None
    _reported: set[str] = field(default_factory=set)

    def excludes(self) -> pathspec.GitIgnoreSpec | None:
        import pathspec

        return pathspec.GitIgnoreSpec.from_lines(self.exclude) if self.exclude else None

    def report_empty(self, name: str) -> None:
        if self.on_empty is not None and name not in self._reported:
            self._reported.add(name)
            self.on_empty(name)


# The specs that apply in one directory: (its path relative to the scan, the spec), outermost
# first.
_Specs = tuple[tuple[str, "pathspec.GitIgnoreSpec"], ...]


def _ignored(relative: str, is_dir: bool, excludes: pathspec.GitIgnoreSpec | None,
             specs: _Specs) -> bool:
    shown = relative + "/" if is_dir else relative
    if excludes is not None and excludes.match_file(shown):
        return True
    for base, spec in reversed(specs):  # the deepest .gitignore with a matching line decides
        decided = spec.check_file(shown[len(base) + 1:] if base else shown).include
        if decided is not None:
            return decided
    return False


def _gitignore(directory: Path) -> pathspec.GitIgnoreSpec | Problem | None:
    path = directory / ".gitignore"
    if not path.is_file():
        return None
    name = display_name(path.as_posix())
    try:
        # Bytes git would read; an odd byte in a comment should not stop a scan.
        text = reading.read_file(path, name).decode("utf-8", "replace")
    except InputError as exc:
        return exc.problems[0]
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(text.splitlines())


def _join(relative: str, name: str) -> str:
    return f"{relative}/{name}" if relative else name


def _walk(top: Path, selection: Selection) -> Iterator[tuple[Path, str | Problem]]:
    """The YAML files under a directory (hidden entries and ignored ones skipped); a directory
    that cannot be read, or a YAML name that is not a readable file, is a problem, never
    silently skipped."""
    found: list[tuple[Path, str | Problem]] = []
    excludes = selection.excludes()
    specs: dict[str, _Specs] = {"": ()}

    def unreadable(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else top
        found.append((where, Problem(Location(display_name(where.as_posix())),
                                     f"cannot read directory: {exc.strerror}")))

    for directory, subdirs, files in os.walk(top, onerror=unreadable):
        relative = Path(directory).relative_to(top).as_posix()
        relative = "" if relative == "." else relative
        here = specs.pop(relative, ())
        if selection.respect_gitignore:
            spec = _gitignore(Path(directory))
            if isinstance(spec, Problem):
                found.append((Path(directory, ".gitignore"), spec))
            elif spec is not None:
                here = (*here, (relative, spec))

        subdirs[:] = [d for d in subdirs if not d.startswith(".")
                      and not _ignored(_join(relative, d), True, excludes, here)]
        for d in subdirs:
            specs[_join(relative, d)] = here
        for name in files:
            if name.startswith(".") or Path(name).suffix.lower() not in YAML_SUFFIXES:
                continue
            if _ignored(_join(relative, name), False, excludes, here):
                continue
            path = Path(directory, name)
            try:
                mode = path.stat().st_mode
            except OSError as exc:
                why = "a broken symbolic link" if path.is_symlink() else exc.strerror
                found.append((path, Problem(Location(display_name(path.as_posix())),
                                            f"cannot read: {why}")))
                continue
            if not stat.S_ISREG(mode):
                found.append((path, Problem(Location(display_name(path.as_posix())),
                                            "not a regular file")))
                continue
            found.append((path, path.as_posix()))
    found.sort(key=lambda item: item[0])
    return iter(found)


def entries(paths: Sequence[str], selection: Selection | None = None) -> Iterator[str | Problem]:
    """Each input to read, in order (directories expanded), or the problem it is."""
    if list(paths).count(STDIN) > 1:
        raise UserError("standard input (-) can be read only once")
    selection = Selection() if selection is None else selection
    for raw in paths:
        path = Path(raw)
        if raw != STDIN and path.is_dir():
            found = [entry for _, entry in _walk(path, selection)]
            if not found:
                selection.report_empty(display_name(raw))
            yield from found
        else:
            yield raw


def discover(paths: Sequence[str], selection: Selection | None = None) -> list[str]:
    """Expand directories into the YAML files under them (sorted, hidden and ignored entries
    skipped)."""
    return [entry for entry in entries(paths, selection) if isinstance(entry, str)]


def input_files(
    paths: Sequence[str], selection: Selection | None = None, packs: Sequence[Path] = ()
) -> list[Path]:
    """The files a run reads, to keep outputs off them: the inputs, the file standard input
    is redirected from (`assess - < p.yaml`), and the rule packs' files."""
    found = [Path(name) for name in discover(paths, selection) if name != STDIN]
    if STDIN in paths and Path("/dev/stdin").exists():
        found.append(Path("/dev/stdin"))  # stat() follows it to the file behind it, if any
    for pack in packs:
        found.extend(p for p in sorted(Path(pack).glob("*")) if p.suffix in YAML_SUFFIXES)
    return found


def load(
    paths: Sequence[str],
    rulebase: RuleBase,
    read_stdin: Callable[[int], bytes],
    selection: Selection | None = None,
) -> Iterator[Loaded]:
    """Every project of every input, in order: files as given, table rows top to bottom.

    `read_stdin(n)` reads up to n bytes of standard input (decoded here, like files). No
    input is read past the size limit (reading.max_input_size())."""
    for entry in entries(paths, selection):
        yield from load_one(entry, rulebase, read_stdin)


def load_one(
    entry: str | Problem, rulebase: RuleBase, read_stdin: Callable[[int], bytes]
) -> Iterator[Loaded]:
    """Every project of one input `entries` found (a file, a table, or - for standard
    input), or the problem that input already is."""
    if isinstance(entry, Problem):
        yield Loaded(entry.location.file, problems=[entry])
        return
    limit = reading.max_input_size()
    name = STDIN_NAME if entry == STDIN else display_name(entry)
    try:
        if entry == STDIN:
            text = reading.decode(reading.read_limited(read_stdin, name, limit), name)
            yield Loaded(name, project_file.load_text(text, rulebase, file=name))
            return
        path = Path(entry)
        if path.suffix == ".jsonl":
            yield from _jsonl(path, name, rulebase, limit)
        elif path.suffix in (".csv", ".tsv"):
            yield from _csv(path, name, rulebase, limit)
        else:
            text = reading.read_text(path, name)
            yield Loaded(name, project_file.load_text(text, rulebase, file=name))
    except InputError as exc:
        yield Loaded(name, problems=cap_problems(exc.problems))


def _row(data: Any, rulebase: RuleBase, name: str, line: int) -> Loaded:
    source = f"{name}:{line}"
    try:
        return Loaded(
            source, project_file.validate(data, rulebase, source=source, file=name, line=line)
        )
    except InputError as exc:
        return Loaded(source, problems=exc.problems)


def _json_int(text: str) -> int | str:
    # Kept as text past the digits any answer needs (int() of 5,000 digits raises): the
    # validator then says the number is too long, and names its key.
    return text if len(text) > numeric.MAX_NUMBER_CHARS else int(text)


def _too_deep(value: Any) -> bool:
    """Whether a parsed JSON value nests deeper than YAML files may (checked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return False


def _wide_encoding(handle: BinaryIO, name: str) -> Problem | None:
    """A table in UTF-16 or UTF-32 is one problem, not one per line."""
    head = handle.peek(4)[:4] if hasattr(handle, "peek") else b""
    for bom, encoding in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                          (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if head.startswith(bom):
            return Problem(Location(name, 1, 1), f"{encoding} text: save it as UTF-8")
    return None


_DEEP: Any = object()


def _jsonl(path: Path, name: str, rulebase: RuleBase, limit: int) -> Iterator[Loaded]:
    # Lines are read one at a time, each within the size limit: a table may be long.
    # They end at "\n" only: JSON strings may hold U+2028 and other separators.
    with reading.open_input(path, name) as handle:
        wide = _wide_encoding(handle, name)
        if wide is not None:
            yield Loaded(name, problems=[wide])
            return
        for line_no, raw in reading.lines(handle, limit):
            source = f"{name}:{line_no}"
            if isinstance(raw, reading.RowTooLarge):
                problem = Problem(Location(name, line_no),
                                  reading.too_large(f"line {line_no}", limit))
                yield Loaded(source, problems=[problem])
                continue
            try:
                line = reading.decode(raw, name, first_line=line_no)
            except InputError as exc:
                yield Loaded(source, problems=exc.problems)
                continue
            if not line.strip():
                continue
            try:
                data = json.loads(line, object_pairs_hook=_no_duplicates, parse_int=_json_int)
            except json.JSONDecodeError as exc:
                problem = Problem(Location(name, line_no, exc.colno), f"invalid JSON: {exc.msg}")
                yield Loaded(source, problems=[problem])
                continue
            except _DuplicateKey as exc:
                problem = Problem(Location(name, line_no), f"duplicate key {exc.args[0]!r}")
                yield Loaded(source, problems=[problem])
                continue
            except RecursionError:
                data = _DEEP  # json's own recursion limit: deeper than anything valid
            if data is _DEEP or _too_deep(data):
                problem = Problem(Location(name, line_no),
                                  f"nested more than {MAX_DEPTH} levels deep")
                yield Loaded(source, problems=[problem])
                continue
            yield _row(data, rulebase, name, line_no)


class _DuplicateKey(ValueError):
    """A JSON object that names the same key twice."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads keeps the last of two equal keys; YAML files refuse them, so tables do too.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


class _RowProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class _CsvLines:
    """The lines of a CSV file for csv.reader, each decoded and within the size limit; a bad
    line raises _RowProblem and the next call goes on after it, so later rows are kept."""

    def __init__(self, handle: BinaryIO, name: str, limit: int) -> None:
        self.lines = reading.lines(handle, limit)
        self.name = name
        self.limit = limit
        self.line = 0  # the last line handed out
        self.record_bytes = 0  # bytes of the record being read (a quoted cell spans lines)
        self.pending: str | None = None  # the first line, read ahead to see its delimiter
        self.pending_problem: _RowProblem | None = None  # or why it could not be read

    def peek(self) -> str | None:
        """The first line, read ahead (None when the file is empty or that line is bad: the
        reader then meets the problem where it is)."""
        try:
            self.pending = next(self)
        except StopIteration:
            return None
        except _RowProblem as exc:
            self.pending_problem = exc
            return None
        finally:
            self.line = 0
        return self.pending

    def start_record(self) -> None:
        self.record_bytes = 0

    def __iter__(self) -> _CsvLines:
        return self

    def __next__(self) -> str:
        if self.pending_problem is not None:
            problem, self.pending_problem = self.pending_problem, None
            self.line = 1
            raise problem
        if self.pending is not None:
            line, self.pending = self.pending, None
            self.line = 1
            self.record_bytes += len(line.encode("utf-8"))
            return line
        self.line, raw = next(self.lines)
        if isinstance(raw, reading.RowTooLarge):
            raise _RowProblem(Problem(Location(self.name, self.line),
                                      reading.too_large(f"line {self.line}", self.limit)))
        self.record_bytes += len(raw)
        if self.record_bytes > self.limit:
            raise _RowProblem(Problem(Location(self.name, self.line),
                                      reading.too_large(f"the row ending on line {self.line}",
                                                        self.limit)))
        try:
            return reading.decode(raw, self.name, first_line=self.line)
        except InputError as exc:
            raise _RowProblem(exc.problems[0]) from None


def _csv(path: Path, name: str, rulebase: RuleBase, limit: int) -> Iterator[Loaded]:
    # A cell may be as large as a row may (the csv module's default stops at 128 KiB).
    csv.field_size_limit(max(limit, csv.field_size_limit()))
    with reading.open_input(path, name) as handle:
        wide = _wide_encoding(handle, name)
        if wide is not None:
            yield Loaded(name, problems=[wide])
            return
        lines = _CsvLines(handle, name, limit)
        delimiter = "\t" if path.suffix.lower() == ".tsv" else _delimiter(lines.peek())
        yield from _csv_rows(lines, csv.reader(lines, delimiter=delimiter), name, rulebase)


def _delimiter(header: str | None) -> str:
    """The header's delimiter: a comma, a semicolon (spreadsheets where the comma is the
    decimal mark) or a tab; a comma when the header alone cannot tell."""
    if header is None:
        return ","
    try:
        return csv.Sniffer().sniff(header, delimiters=",;\t").delimiter
    except csv.Error:  # one column, or nothing the sniffer can decide on
        return ","


def _next_record(lines: _CsvLines, reader: Any, name: str) -> tuple[int, list[str] | Problem]:
    """The next record and the line it starts on; a bad record is a problem, and the reader
    goes on with the line after it. Raises StopIteration at the end."""
    first = lines.line + 1
    lines.start_record()
    try:
        return first, next(reader)
    except _RowProblem as exc:
        return first, exc.problem
    except csv.Error as exc:
        return first, Problem(Location(name, first), f"invalid CSV: {exc}")


def _csv_rows(lines: _CsvLines, reader: Any, name: str, rulebase: RuleBase) -> Iterator[Loaded]:
    try:
        _, first = _next_record(lines, reader, name)
    except StopIteration:
        yield Loaded(name, problems=[Problem(Location(name, 1), "empty CSV file: no header row")])
        return
    if isinstance(first, Problem):
        yield Loaded(name, problems=[first])
        return
    header = [h.strip() for h in first]
    known = set(ENVELOPE_KEYS) - {"answers"}
    bad = []
    for col, column in enumerate(header, start=1):
        if column in header[: col - 1]:
            bad.append(Problem(Location(name, 1, col), f"duplicate column {column!r}"))
        elif column not in known and column not in rulebase.questions:
            hint = did_you_mean(column, [*known, *rulebase.questions]) if len(bad) < 20 else ""
            bad.append(Problem(Location(name, 1, col), f"unknown column '{column}'{hint}"))
    if bad:
        yield Loaded(name, problems=cap_problems(bad))
        return
    while True:
        try:
            line_no, cells = _next_record(lines, reader, name)
        except StopIteration:
            break
        if isinstance(cells, Problem):
            yield Loaded(f"{name}:{cells.location.line or line_no}", problems=[cells])
            continue
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problem = Problem(
                Location(name, line_no), f"row has {len(cells)} cells, the header has {len(header)}"
            )
            yield Loaded(f"{name}:{line_no}", problems=[problem])
            continue
        data: dict[str, Any] = {"answers": {}}
        for column, cell in zip(header, cells, strict=True):
            if not cell.strip():
                continue  # an empty cell is an unanswered question
            if column in rulebase.questions:
                data["answers"][column] = parse_text(rulebase.questions[column], cell)
            elif column == "format":
                data[column] = _format_cell(cell.strip())
            else:
                data[column] = cell.strip()
        yield _row(data, rulebase, name, line_no)


def _format_cell(text: str) -> Any:
    """`format` as a number when it is one (ASCII digits only: `²` is a digit to Python)."""
    try:
        number = numeric.parse(text)
    except numeric.NumberTooLong:
        return text
    return text if number is None else number
