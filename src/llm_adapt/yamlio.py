"""The one place that touches YAML: safe loading only, with the position of every node kept."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from llm_adapt import numeric
from llm_adapt.errors import InputError, Location, Problem

try:  # the C parser is several times faster on large batches; fall back where libyaml is absent
    _Base: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment,attr-defined,unused-ignore]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader

Path = tuple[str | int, ...]

# The tag given to every plain scalar with no tag written: the walker resolves plain scalars
# itself (YAML 1.2 numbers), so YAML 1.1's resolver, a regex per scalar, is not run.
_PLAIN = "tag:llm-adapt,2026:plain"


class _Loader(_Base):  # type: ignore[valid-type,misc]
    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit[0] else "tag:yaml.org,2002:str"
        if kind is yaml.SequenceNode:
            return "tag:yaml.org,2002:seq"
        return "tag:yaml.org,2002:map"

# Only plain mappings and lists: a tag such as !!python/object is refused, never constructed.
_PLAIN_COLLECTIONS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_MERGE = "tag:yaml.org,2002:merge"
_CORE = "tag:yaml.org,2002:"
# The tags YAML 1.1 gives plain scalars by itself; any other tag on one was written explicitly.
_IMPLICIT = {_PLAIN, *(_CORE + t for t in ("null", "bool", "int", "float", "timestamp", "value",
                                           "merge", "str"))}
# Booleans stay YAML 1.1's (yes/no/on/off too), which the reports name when they surprise.
_BOOLEANS = {
    **dict.fromkeys(("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"), True),
    **dict.fromkeys(("false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"), False),
}
_NULLS = ("", "~", "null", "Null", "NULL")
# Project files are three levels deep and rule conditions a few more; a deeper document is
# refused before anything walks it recursively.
MAX_DEPTH = 64


@dataclass
class Marks:
    """1-based (line, column) of the keys and values of a loaded document, by path.

    Positions are only needed for a message, so the fast load records the first two levels
    (`_SHALLOW`) and leaves `pending` set (the text and file name): a deeper position is found
    by walking the document again when first asked for."""

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    # The text of unquoted scalars read as booleans (yes, off, ...), for messages.
    booleans: dict[Path, str] = field(default_factory=dict)
    pending: tuple[str, str] | None = None

    def of(self, path: Path, *, key: bool = False) -> tuple[int, int] | None:
        """The closest known position of `path`, walking up to its parents if needed."""
        if self.pending is not None:
            text, filename = self.pending
            if len(path) > _SHALLOW:  # deeper than the fast load recorded: walk it all
                self.pending = None
                walked = _walk(_compose(text, filename), filename)[1]
                self.values, self.keys = walked.values, walked.keys
        table = self.keys if key else self.values
        probe = path
        while True:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            if not probe:
                return None
            probe = probe[:-1]


# How deep the fast load records positions: the envelope's keys and the answers, which are
# what messages name (the gate's findings among them, for most proposals of a batch).
_SHALLOW = 2


def _record(node: yaml.Node | None, path: Path, marks: Marks, depth: int) -> None:
    """The positions of `node` and its children down to `depth` levels, in `marks`. Only for
    a document the fast load read, whose keys are plain distinct words, as the walk gives."""
    if node is None:
        return
    marks.values[path] = _pos(node)
    if depth == 0:
        return
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_path = (*path, key_node.value)
            marks.keys[key_path] = _pos(key_node)
            _record(value_node, key_path, marks, depth - 1)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _record(item, (*path, i), marks, depth - 1)


def locate(
    marks: Marks | None, file: str, path: Path, *, key: bool = False, line: int | None = None
) -> Location:
    """Where `path` is written in `file`, as precisely as the marks know (else `line`)."""
    found = marks.of(path, key=key) if marks is not None else None
    return Location(file, *found) if found else Location(file, line)


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Walker:
    """Turns a composed node tree into plain Python values while recording marks."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.marks = Marks()
        self.constructor = SafeConstructor()
        self.problems: list[Problem] = []
        self.collections: set[int] = set()

    def _refuse(self, node: yaml.Node, message: str) -> InputError:
        line, col = _pos(node)
        return InputError([Problem(Location(self.filename, line, col), message)])

    def walk(self, node: yaml.Node, path: Path) -> Any:
        if len(path) > MAX_DEPTH:
            raise self._refuse(node, f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            # A collection met twice is an alias: refused, since expanding aliases can blow up
            # exponentially ("billion laughs") or never end (a recursive alias), and project
            # files have no use for them.
            if id(node) in self.collections:
                line, col = self.marks.keys.get(path) or self.marks.values.get(path[:-1], (0, 0))
                raise InputError([Problem(Location(self.filename, line or None, col or None),
                                          "YAML anchors and aliases are not supported here")])
            self.collections.add(id(node))
            if node.tag not in _PLAIN_COLLECTIONS:
                raise self._refuse(node, f"the YAML tag {node.tag} is not supported here")
        self.marks.values[path] = _pos(node)
        if isinstance(node, yaml.MappingNode):
            for key_node, _ in node.value:
                if key_node.tag == _MERGE or (key_node.tag == _PLAIN and key_node.value == "<<"):
                    raise self._refuse(key_node, "YAML merge keys (<<) are not supported here")
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.walk(key_node, (*path, "\0key"))
                if not isinstance(key, str | int | float | bool) or key is None:
                    line, col = _pos(key_node)
                    self.problems.append(
                        Problem(Location(self.filename, line, col), "mapping keys must be plain")
                    )
                    continue
                skey = str(key)
                if skey in result:
                    line, col = _pos(key_node)
                    self.problems.append(
                        Problem(Location(self.filename, line, col), f"duplicate key '{skey}'")
                    )
                    continue
                key_path = (*path, skey)
                self.marks.keys[key_path] = _pos(key_node)
                result[skey] = self.walk(value_node, key_path)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self.scalar(node, path)

    def scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        """A scalar's value by the YAML 1.2 core schema (with YAML 1.1's booleans): `017`,
        `0x1F`, `1:30` and `1_000` stay text, for the validator to refuse with a hint."""
        text: str = node.value
        if not node.style:  # plain (None, or "" from libyaml): resolved here, not by YAML 1.1
            if node.tag not in _IMPLICIT:
                raise self._refuse(node, f"the YAML tag {node.tag} is not supported here")
            if text in _NULLS:
                return None
            if text in _BOOLEANS:
                self.marks.booleans[path] = text
                return _BOOLEANS[text]
            return _number(text, text)
        # Quoted or block scalars are text, unless an explicit core tag says otherwise.
        if node.tag == _CORE + "str":
            return text
        if node.tag in (_CORE + "int", _CORE + "float"):
            value = _number(text.strip(), None)
            if value is None:
                raise self._refuse(node, f"{text!r} is not a number")
            return value
        if node.tag in (_CORE + "bool", _CORE + "null"):
            return self.constructor.construct_object(node, deep=True)
        raise self._refuse(node, f"the YAML tag {node.tag} is not supported here")



def _number(text: str, otherwise: Any) -> Any:
    """The number `text` reads as by YAML 1.2, else `otherwise`."""
    try:
        value = numeric.parse(text)
    except numeric.NumberTooLong:
        # Kept as text, never converted (int() of 5,000 digits raises): a number field
        # then says it is too long, and names its key.
        return text
    return otherwise if value is None else value


def _reader_error(exc: yaml.reader.ReaderError, text: str, filename: str) -> Problem:
    """A character the YAML reader refuses (a control character), at its line and column."""
    character = exc.character
    shown = repr(chr(character)) if isinstance(character, int) else repr(character)
    position = exc.position
    if _Base is not yaml.SafeLoader:  # libyaml counts bytes of the UTF-8 text
        position = len(text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "ignore"))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return Problem(Location(filename, line, column),
                   f"invalid YAML: the character {shown} is not allowed")


class _Slow(Exception):
    """Something the fast load does not handle: the full walk decides (and words the error)."""


def _fast(node: yaml.Node, seen: set[int], booleans: dict[Path, str], path: Path) -> Any:
    """The plain value of a composed document, as `_Walker.walk` gives it, without recording
    positions; anything unusual (a tag, an alias, a duplicate key, a number past the fast
    forms) raises `_Slow`. This is most of the load time of a large batch."""
    if len(path) > MAX_DEPTH:
        raise _Slow
    kind = type(node)
    if kind is yaml.ScalarNode:
        assert isinstance(node, yaml.ScalarNode)  # for the type checker: `kind` said so
        text = node.value
        # Plain only: the tag written on a quoted scalar is the walk's to refuse.
        if node.tag == _PLAIN and not node.style:
            if text in _NULLS:
                return None
            word = _BOOLEANS.get(text)
            if word is not None:
                booleans[path] = text
                return word
            return _number(text, text)
        if node.style and node.tag == "tag:yaml.org,2002:str":
            return text
        raise _Slow
    if id(node) in seen:
        raise _Slow  # an alias
    seen.add(id(node))
    if kind is yaml.MappingNode and node.tag == "tag:yaml.org,2002:map":
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if (type(key_node) is not yaml.ScalarNode or key_node.tag != _PLAIN
                    or key_node.style or key == "<<" or key in _NULLS or key in result):
                raise _Slow
            if key in _BOOLEANS or not key[:1].isalpha():
                raise _Slow  # a key YAML reads as a boolean or a number: keep the walk's text
            result[key] = _fast(value_node, seen, booleans, (*path, key))
        return result
    if kind is yaml.SequenceNode and node.tag == "tag:yaml.org,2002:seq":
        return [_fast(item, seen, booleans, (*path, i)) for i, item in enumerate(node.value)]
    raise _Slow


def _compose(text: str, filename: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(filename, mark.line + 1, mark.column + 1) if mark else Location(filename)
        reason = exc.problem or exc.context or "invalid YAML"
        raise InputError([Problem(where, f"invalid YAML: {reason}")]) from exc
    except yaml.reader.ReaderError as exc:
        raise InputError([_reader_error(exc, text, filename)]) from exc
    except yaml.YAMLError as exc:
        raise InputError([Problem(Location(filename), f"invalid YAML: {exc}")]) from exc


def _walk(node: yaml.Node | None, filename: str) -> tuple[Any, Marks]:
    if node is None:
        return None, Marks()
    walker = _Walker(filename)
    try:
        value = walker.walk(node, ())
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        where = Location(filename, mark.line + 1, mark.column + 1) if mark else Location(filename)
        raise InputError([Problem(where, f"invalid YAML: {exc.problem}")]) from exc
    if walker.problems:
        raise InputError(walker.problems)
    return value, walker.marks


def load(text: str, filename: str, *, positions: bool = False) -> tuple[Any, Marks]:
    """Parse one YAML document safely; return its value and the marks of its nodes.

    Without `positions` a document of plain keys and scalars is read recording where only
    the first two levels are; the marks find deeper positions when a message needs them."""
    node = _compose(text, filename)
    if not positions and node is not None:
        booleans: dict[Path, str] = {}
        try:
            value = _fast(node, set(), booleans, ())
        except _Slow:
            pass  # the full walk below reads it, or words what is wrong
        else:
            marks = Marks(booleans=booleans, pending=(text, filename))
            _record(node, (), marks, _SHALLOW)
            return value, marks
    return _walk(node, filename)


def dump(data: Mapping[str, Any]) -> str:
    """Serialise a mapping as block YAML, keys in the order given, Unicode kept readable."""
    return yaml.safe_dump(
        dict(data), sort_keys=False, allow_unicode=True, default_flow_style=False, width=88
    )
