"""Turning command-line PATHs into projects: files, directories, stdin, JSONL and CSV tables.

Every input yields either a project or its problems, so a batch never stops at a bad file.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from llm_adapt import project as project_file
from llm_adapt.answers import parse_text
from llm_adapt.errors import InputError, Location, Problem, UserError
from llm_adapt.project import ENVELOPE_KEYS, ProjectFile
from llm_adapt.rulebase import RuleBase
from llm_adapt.suggest import did_you_mean

YAML_SUFFIXES = (".yaml", ".yml")
STDIN = "-"
STDIN_NAME = "<stdin>"


@dataclass
class Loaded:
    """One project read from the inputs, or why it could not be."""

    source: str
    project: ProjectFile | None = None
    problems: list[Problem] = field(default_factory=list)


def _decode(data: bytes, name: str) -> str:
    try:
        # utf-8-sig: spreadsheet tools and some editors start UTF-8 files with a BOM.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(Location(name), "not UTF-8 text")]) from exc


def _read_text(path: Path, name: str) -> str:
    try:
        return _decode(path.read_bytes(), name)
    except FileNotFoundError as exc:
        raise InputError([Problem(Location(name), "no such file")]) from exc
    except IsADirectoryError as exc:  # pragma: no cover - directories are expanded first
        raise InputError([Problem(Location(name), "is a directory")]) from exc
    except OSError as exc:
        raise InputError([Problem(Location(name), f"cannot read: {exc.strerror}")]) from exc


def discover(paths: Sequence[str]) -> list[str]:
    """Expand directories into the YAML files under them (sorted, hidden entries skipped)."""
    if list(paths).count(STDIN) > 1:
        raise UserError("standard input (-) can be read only once")
    found: list[str] = []
    for raw in paths:
        path = Path(raw)
        if raw != STDIN and path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in YAML_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            found.extend(p.as_posix() for p in files)
        else:
            found.append(raw)
    return found


def load(
    paths: Sequence[str], rulebase: RuleBase, read_stdin: Callable[[], bytes]
) -> Iterator[Loaded]:
    """Every project of every input, in order: files as given, table rows top to bottom.

    `read_stdin` returns standard input's bytes (decoded here, like files)."""
    for name in discover(paths):
        yield from load_one(name, rulebase, read_stdin)


def load_one(name: str, rulebase: RuleBase, read_stdin: Callable[[], bytes]) -> Iterator[Loaded]:
    """Every project of one discovered input (a file, a table, or - for standard input)."""
    try:
        if name == STDIN:
            text = _decode(read_stdin(), STDIN_NAME)
            yield Loaded(STDIN_NAME, project_file.load_text(text, rulebase, file=STDIN_NAME))
            return
        path = Path(name)
        text = _read_text(path, name)
        if path.suffix == ".jsonl":
            yield from _jsonl(text, name, rulebase)
        elif path.suffix == ".csv":
            yield from _csv(text, name, rulebase)
        else:
            yield Loaded(name, project_file.load_text(text, rulebase, file=name))
    except InputError as exc:
        yield Loaded(STDIN_NAME if name == STDIN else name, problems=exc.problems)


def _row(data: Any, rulebase: RuleBase, name: str, line: int) -> Loaded:
    source = f"{name}:{line}"
    try:
        return Loaded(
            source, project_file.validate(data, rulebase, source=source, file=name, line=line)
        )
    except InputError as exc:
        return Loaded(source, problems=exc.problems)


def _jsonl(text: str, name: str, rulebase: RuleBase) -> Iterator[Loaded]:
    # split("\n"), not splitlines(): JSON strings may hold U+2028 and other separators.
    for line_no, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line, object_pairs_hook=_no_duplicates)
        except json.JSONDecodeError as exc:
            problem = Problem(Location(name, line_no, exc.colno), f"invalid JSON: {exc.msg}")
            yield Loaded(f"{name}:{line_no}", problems=[problem])
            continue
        except _DuplicateKey as exc:
            problem = Problem(Location(name, line_no), f"duplicate key {exc.args[0]!r}")
            yield Loaded(f"{name}:{line_no}", problems=[problem])
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


def _csv(text: str, name: str, rulebase: RuleBase) -> Iterator[Loaded]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        yield from _csv_rows(reader, name, rulebase)
    except csv.Error as exc:  # a NUL byte, an oversized field: the rest cannot be read
        yield Loaded(
            f"{name}:{reader.line_num}",
            problems=[Problem(Location(name, reader.line_num or 1), f"invalid CSV: {exc}")],
        )


def _csv_rows(reader: Any, name: str, rulebase: RuleBase) -> Iterator[Loaded]:
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        yield Loaded(name, problems=[Problem(Location(name, 1), "empty CSV file: no header row")])
        return
    known = set(ENVELOPE_KEYS) - {"answers"}
    bad = []
    for col, column in enumerate(header, start=1):
        if column in header[: col - 1]:
            bad.append(Problem(Location(name, 1, col), f"duplicate column {column!r}"))
        elif column not in known and column not in rulebase.questions:
            hint = did_you_mean(column, [*known, *rulebase.questions])
            bad.append(Problem(Location(name, 1, col), f"unknown column '{column}'{hint}"))
    if bad:
        yield Loaded(name, problems=bad)
        return
    while True:
        line_no = reader.line_num + 1  # where the record starts (a quoted cell may span lines)
        cells = next(reader, None)
        if cells is None:
            break
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
                data[column] = int(cell) if cell.strip().isdigit() else cell.strip()
            else:
                data[column] = cell.strip()
        yield _row(data, rulebase, name, line_no)
