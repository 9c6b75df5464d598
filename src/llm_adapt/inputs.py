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
from typing import Any, BinaryIO

from llm_adapt import numeric, reading
from llm_adapt import project as project_file
from llm_adapt.answers import parse_text
from llm_adapt.errors import InputError, Location, Problem, UserError, cap_problems
from llm_adapt.escape import display_name
from llm_adapt.project import ENVELOPE_KEYS, ProjectFile
from llm_adapt.rulebase import RuleBase
from llm_adapt.suggest import did_you_mean
from llm_adapt.yamlio import MAX_DEPTH

YAML_SUFFIXES = (".yaml", ".yml")
STDIN = "-"
STDIN_NAME = "<stdin>"


@dataclass
class Loaded:
    """One project read from the inputs, or why it could not be."""

    source: str
    project: ProjectFile | None = None
    problems: list[Problem] = field(default_factory=list)


def _walk(top: Path) -> Iterator[tuple[Path, str | Problem]]:
    """The YAML files under a directory (hidden entries skipped); a directory that cannot be
    read, or a YAML name that is not a readable file, is a problem, never silently skipped."""
    found: list[tuple[Path, str | Problem]] = []

    def unreadable(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else top
        found.append((where, Problem(Location(display_name(where.as_posix())),
                                     f"cannot read directory: {exc.strerror}")))

    for directory, subdirs, files in os.walk(top, onerror=unreadable):
        subdirs[:] = [d for d in subdirs if not d.startswith(".")]
        for name in files:
            if name.startswith(".") or Path(name).suffix.lower() not in YAML_SUFFIXES:
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


def entries(paths: Sequence[str]) -> Iterator[str | Problem]:
    """Each input to read, in order (directories expanded), or the problem it is."""
    if list(paths).count(STDIN) > 1:
        raise UserError("standard input (-) can be read only once")
    for raw in paths:
        path = Path(raw)
        if raw != STDIN and path.is_dir():
            for _, entry in _walk(path):
                yield entry
        else:
            yield raw


def discover(paths: Sequence[str]) -> list[str]:
    """Expand directories into the YAML files under them (sorted, hidden entries skipped)."""
    return [entry for entry in entries(paths) if isinstance(entry, str)]


def input_files(paths: Sequence[str]) -> list[Path]:
    """The files a run reads (standard input aside), to keep outputs off them."""
    return [Path(name) for name in discover(paths) if name != STDIN]


def load(
    paths: Sequence[str], rulebase: RuleBase, read_stdin: Callable[[int], bytes]
) -> Iterator[Loaded]:
    """Every project of every input, in order: files as given, table rows top to bottom.

    `read_stdin(n)` reads up to n bytes of standard input (decoded here, like files). No
    input is read past the size limit (reading.max_input_size())."""
    for entry in entries(paths):
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
        elif path.suffix == ".csv":
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

    def start_record(self) -> None:
        self.record_bytes = 0

    def __iter__(self) -> _CsvLines:
        return self

    def __next__(self) -> str:
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
        yield from _csv_rows(lines, csv.reader(lines), name, rulebase)


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
