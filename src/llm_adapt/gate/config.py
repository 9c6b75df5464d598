"""Per-repository defaults for `check`: `.llm-adapt.yaml` or `[tool.llm-adapt]` in pyproject.toml.

Precedence, highest first: command-line flags, the configuration file, built-in defaults.
The file is looked for in the current directory, then its parents up to the git root.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from llm_adapt import numeric, reading, yamlio
from llm_adapt.answers import shown
from llm_adapt.errors import InputError, Location, Problem, UserError
from llm_adapt.escape import display_name
from llm_adapt.gate.core import GateOptions
from llm_adapt.result import Confidence
from llm_adapt.suggest import did_you_mean

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    # The dependency is installed on 3.10 only, so type checkers on newer Pythons lack it.
    import tomli as tomllib  # type: ignore[import-not-found,no-redef,unused-ignore]

YAML_NAMES = (".llm-adapt.yaml", ".llm-adapt.yml")
PYPROJECT = "pyproject.toml"
TOOL_TABLE = "llm-adapt"
KEYS = ("tolerance", "strict", "require-complete", "min-confidence", "rules")


class _Settings(BaseModel):
    """The keys a configuration may set (written with hyphens; underscores are accepted)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    tolerance: Annotated[float, Field(ge=0, le=100)] | None = None
    strict: bool | None = None
    require_complete: bool | None = None
    min_confidence: Confidence | None = None
    rules: list[str] | None = None


@dataclass(frozen=True)
class Config:
    """A configuration file that was found and read."""

    path: Path
    settings: _Settings

    @property
    def rules(self) -> tuple[Path, ...]:
        # Rule packs are relative to the file that names them, not to where check runs.
        return tuple(self.path.parent / p for p in self.settings.rules or ())


def git_root(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            return directory
    return None


def _tool_table(data: dict[str, Any]) -> Any:
    """`[tool.llm-adapt]` of a parsed TOML file, or None (also when `tool` is not a table)."""
    tool = data.get("tool")
    return tool.get(TOOL_TABLE) if isinstance(tool, dict) else None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        return _tool_table(_read_toml(pyproject)) is not None
    except UserError:  # InputError included
        return True  # a broken pyproject.toml is reported when it is read


def find_config(start: Path) -> Path | None:
    """The nearest configuration from `start` up to the git root (only `start` outside git)."""
    start = start.resolve()
    root = git_root(start)
    chain = [start] if root is None else [start, *start.parents[: len(start.parents)
                                                                 - len(root.parents)]]
    for directory in chain:
        found = [directory / name for name in YAML_NAMES if (directory / name).is_file()]
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            found.append(pyproject)
        if len(found) > 1:
            names = " and ".join(p.name for p in found)
            raise UserError(f"{directory}: both {names} configure llm-adapt; keep one")
        if found:
            return found[0]
    return None


def _read(path: Path) -> str:
    """A configuration file's text: within the size limit, UTF-8 (else an error naming it)."""
    return reading.read_text(path, display_name(str(path)))


def _read_toml(path: Path) -> dict[str, Any]:
    text = _read(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{display_name(str(path))}: invalid TOML: {exc}") from exc
    except (ValueError, RecursionError) as exc:  # a number past int()'s digit limit, ...
        raise UserError(f"{display_name(str(path))}: invalid TOML: {exc}") from exc
    return data if isinstance(data, dict) else {}


def _settings(data: Any, where: Callable[..., Location]) -> _Settings:
    """Validate the mapping of settings; every problem names the key as the user wrote it."""
    if data is None:
        return _Settings()
    if not isinstance(data, Mapping):
        raise InputError([Problem(where(()), "the llm-adapt configuration must be a mapping")])
    problems: list[Problem] = []
    normal: dict[str, Any] = {}
    written: dict[str, str] = {}
    for key, value in data.items():
        name = str(key).replace("_", "-")
        if name not in KEYS:
            problems.append(Problem(where((str(key),), True),
                                    f"unknown setting '{key}'{did_you_mean(name, KEYS)}"))
            continue
        field = name.replace("-", "_")
        if field in written:  # `min-confidence` and `min_confidence` both set
            problems.append(Problem(where((str(key),), True),
                                    f"'{key}' repeats '{written[field]}'"))
            continue
        normal[field] = value
        written[field] = str(key)
    try:
        settings = _Settings.model_validate(normal)
    except ValidationError as exc:
        for error in exc.errors():
            field = str(error["loc"][0])
            key = written.get(field, field)
            problems.append(Problem(where((key,)), f"{key}: {_message(field, error)}"))
        settings = _Settings()
    if problems:
        raise InputError(problems)
    return settings


def _message(field: str, error: Mapping[str, Any]) -> str:
    value = error.get("input")
    if field == "min_confidence":
        return f"{shown(value)} is not one of low, medium, high"
    if field == "tolerance":
        hint = numeric.hint(value) if isinstance(value, str) else ""
        return f"{shown(value)} is not a number of points from 0 to 100{hint}"
    if field in ("strict", "require_complete"):
        return f"{shown(value)} is not true or false"
    return f"{shown(value)} is not a list of rule pack directories"


def load_config(path: Path) -> Config:
    """Read one configuration file: YAML, or the [tool.llm-adapt] table of a TOML file."""
    name = display_name(str(path))
    if path.suffix == ".toml":
        table = _tool_table(_read_toml(path))
        if table is None:
            raise UserError(f"{name}: no [tool.{TOOL_TABLE}] table")

        def nowhere(_path: tuple[str, ...], _key: bool = False) -> Location:
            return Location(f"{name} [tool.{TOOL_TABLE}]")  # tomllib keeps no positions

        return Config(path, _settings(table, nowhere))
    data, marks = yamlio.load(_read(path), name)

    def where(key_path: tuple[str, ...], key: bool = False) -> Location:
        return yamlio.locate(marks, name, key_path, key=key)

    return Config(path, _settings(data, where))


def resolve(
    config: Config | None,
    *,
    tolerance: float | None = None,
    strict: bool | None = None,
    require_complete: bool | None = None,
    min_confidence: Confidence | None = None,
    rules: Sequence[Path] = (),
) -> tuple[GateOptions, list[Path]]:
    """The options in force: a flag when given, else the file's value, else the default."""
    base = config.settings if config is not None else _Settings()
    default = GateOptions()

    def pick(flag: Any, from_file: Any, built_in: Any) -> Any:
        return flag if flag is not None else from_file if from_file is not None else built_in

    options = GateOptions(
        tolerance=pick(tolerance, base.tolerance, default.tolerance),
        strict=pick(strict, base.strict, default.strict),
        require_complete=pick(require_complete, base.require_complete, default.require_complete),
        min_confidence=pick(min_confidence, base.min_confidence, default.min_confidence),
    )
    # --rules replaces the file's list rather than adding to it, like every other flag.
    packs = list(rules) if rules else list(config.rules if config is not None else ())
    return options, packs
