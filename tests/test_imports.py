"""The package's import graph has no cycles, every module imports on its own, and the CLI
has every command after a plain import."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "llm_adapt"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """The package's modules that `name` imports, anywhere in its body (lazy imports count:
    a cycle through a function-level import is still a cycle)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            # `from pkg import mod` imports the module pkg.mod; `from mod import name`, mod.
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base
                       for a in node.names]
        found.update(t for t in targets if t in MODULES and t != name)
    return found


GRAPH = {name: imports_of(name) for name in MODULES}


def find_cycle() -> list[str] | None:
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(GRAPH[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(GRAPH):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_the_graph_sees_the_package() -> None:
    # The CLI names its commands' modules (imported when they run): each is in the graph.
    from llm_adapt.cli import COMMANDS as LAZY

    assert "llm_adapt.cli" in GRAPH
    assert {module for module, _ in LAZY.values()} <= set(GRAPH)


def test_no_module_imports_itself_back() -> None:
    cycle = find_cycle()
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


# One fresh interpreter per module costs a third of a second each, mostly to import typer,
# rich and pydantic. So one fresh interpreter first makes the third-party imports the package
# makes (`import X`, `from X import Y`: the same statements, nothing of the package under
# test), checks that no module of the package is loaded, then forks one child per job: each
# child runs its code (`import MODULE`, say) in an interpreter where no module of the package
# is loaded yet, which is where an import cycle inside the package shows.
_RUN_EACH_ALONE = """\
import ast, importlib, os, sys, traceback
root, package, preload, jobs = ast.literal_eval(sys.stdin.read())
sys.path.insert(0, root)
for statement in preload:  # "module" or "module:name"
    module, _, name = statement.partition(":")
    try:
        imported = importlib.import_module(module)
        if name:
            getattr(imported, name, None) or importlib.import_module(module + "." + name)
    except ImportError:
        pass  # a dependency of another Python version (tomli)
loaded = [m for m in sys.modules if m == package or m.startswith(package + ".")]
assert not loaded, loaded
jobs, running, results = list(jobs), {}, {}
while jobs or running:
    while jobs and len(running) < 4:
        label, code = jobs.pop(0)
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            os.dup2(write, 1)
            try:
                exec(code, {})
                sys.stdout.flush()
            except BaseException:
                sys.stdout.flush()
                os.write(write, traceback.format_exc()[-600:].encode())
                os._exit(1)
            os._exit(0)
        os.close(write)
        running[pid] = (label, read)
    pid, status = os.wait()
    label, read = running.pop(pid)
    with os.fdopen(read, "rb") as pipe:
        results[label] = (status == 0, pipe.read().decode())
print(repr(results))
"""


def third_party_imports() -> list[str]:
    """The package's imports from outside itself and the standard library, as "module" for
    `import module` and "module:name" for `from module import name`."""
    found: set[str] = set()
    for path in MODULES.values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.update(f"{node.module}:{alias.name}" for alias in node.names)
    outside = set(sys.stdlib_module_names) | {"llm_adapt", "__future__"}
    return sorted(f for f in found if f.split(":")[0].split(".")[0] not in outside)


def run_each_alone(root: Path, package: str, preload: list[str],
                   jobs: dict[str, str]) -> dict[str, tuple[bool, str]]:
    """For each job (label: code), whether its code ran, and what it printed or its
    traceback, each in a fresh interpreter that has loaded no module of `package`."""
    result = subprocess.run(
        [sys.executable, "-c", _RUN_EACH_ALONE],
        input=repr((str(root), package, preload, list(jobs.items()))),
        capture_output=True, text=True, check=True, timeout=120,
    )
    results: dict[str, tuple[bool, str]] = ast.literal_eval(result.stdout.strip())
    return results


needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
COMMANDS = "__commands__"


@pytest.fixture(scope="module")
def alone() -> dict[str, tuple[bool, str]]:
    """Every module imported alone, and the CLI's commands after a plain import of it."""
    jobs = {name: f"import {name}" for name in MODULES if not name.endswith("__main__")}
    jobs[COMMANDS] = "import llm_adapt.cli as c\nprint(c.command_names())"
    return run_each_alone(PACKAGE.parent, "llm_adapt", third_party_imports(), jobs)


@needs_fork
def test_every_module_imports_alone_in_a_fresh_interpreter(
    alone: dict[str, tuple[bool, str]],
) -> None:
    tops = {f.split(":")[0].split(".")[0] for f in third_party_imports()}
    assert tops >= {"pydantic", "rich", "typer", "yaml"} and "llm_adapt" not in tops
    modules = {name for name in MODULES if not name.endswith("__main__")}
    assert modules <= set(alone)
    assert {name: output for name, (ok, output) in alone.items() if not ok} == {}


@needs_fork
def test_the_isolated_import_check_catches_a_cycle(tmp_path: Path) -> None:
    """The check above can fail: a pair of modules that import names from each other loads
    when the other one is imported first, and fails when imported alone."""
    package = tmp_path / "cyclic"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "a.py").write_text("from cyclic.b import B\nA = 1\n", encoding="utf-8")
    (package / "b.py").write_text("from cyclic.a import A\nB = 2\n", encoding="utf-8")
    (package / "c.py").write_text("X = 3\n", encoding="utf-8")
    results = run_each_alone(tmp_path, "cyclic", [],
                             {m: f"import {m}" for m in ("cyclic.a", "cyclic.b", "cyclic.c")})
    assert sorted(m for m, (ok, _) in results.items() if not ok) == ["cyclic.a", "cyclic.b"]
    message = results["cyclic.a"][1]
    assert "ImportError" in message and "partially initialized" in message


@needs_fork
@pytest.mark.parametrize("command", ["ask", "assess", "check", "schema"])
def test_a_plain_import_of_the_cli_has_every_command(
    command: str, alone: dict[str, tuple[bool, str]]
) -> None:
    ok, printed = alone[COMMANDS]
    assert ok, printed
    assert command in ast.literal_eval(printed.strip())
