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
    assert "llm_adapt.cli" in GRAPH and "llm_adapt.commands.assess" in GRAPH["llm_adapt.cli"]


def test_no_module_imports_itself_back() -> None:
    cycle = find_cycle()
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


# One fresh interpreter per module costs a third of a second each, mostly to import typer,
# rich and pydantic. So one fresh interpreter imports the third-party packages the package
# names (their top level only, so a missing `import rich.console` is still caught) and
# nothing of the package under test, checks that, then forks one child per module: each child
# imports its module into an interpreter where no module of the package is loaded yet.
_IMPORT_EACH_ALONE = """\
import importlib, os, sys, traceback
root, package, *rest = sys.argv[1:]
split = rest.index("--")
preload, names = rest[:split], rest[split + 1:]
sys.path.insert(0, root)
for top in preload:
    try:
        importlib.import_module(top)
    except ImportError:
        pass  # a dependency of another Python version (tomli)
loaded = [m for m in sys.modules if m == package or m.startswith(package + ".")]
assert not loaded, loaded
jobs, running, failed = list(names), {}, []
while jobs or running:
    while jobs and len(running) < 4:
        name = jobs.pop(0)
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            try:
                importlib.import_module(name)
            except BaseException:
                os.write(write, traceback.format_exc()[-600:].encode())
                os._exit(1)
            os._exit(0)
        os.close(write)
        running[pid] = (name, read)
    pid, status = os.wait()
    name, read = running.pop(pid)
    with os.fdopen(read, "rb") as pipe:
        message = pipe.read().decode()
    if status:
        failed.append((name, message))
print(repr(sorted(failed)))
"""


def third_party_packages() -> list[str]:
    """The top-level packages outside the standard library that the package imports."""
    found: set[str] = set()
    for path in MODULES.values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
    return sorted(found - set(sys.stdlib_module_names) - {"llm_adapt", "__future__"})


def import_each_alone(root: Path, package: str, names: list[str]) -> list[tuple[str, str]]:
    """(module, traceback) for every module of `names` that fails to import on its own."""
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_EACH_ALONE, str(root), package,
         *third_party_packages(), "--", *names],
        capture_output=True, text=True, check=True, timeout=120,
    )
    failed: list[tuple[str, str]] = ast.literal_eval(result.stdout.strip())
    return failed


needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


@needs_fork
def test_every_module_imports_alone_in_a_fresh_interpreter() -> None:
    names = sorted(n for n in MODULES if not n.endswith("__main__"))
    assert set(third_party_packages()) >= {"pydantic", "rich", "typer", "yaml"}
    assert import_each_alone(PACKAGE.parent, "llm_adapt", names) == []


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
    failed = dict(import_each_alone(tmp_path, "cyclic", ["cyclic.a", "cyclic.b", "cyclic.c"]))
    assert sorted(failed) == ["cyclic.a", "cyclic.b"]
    assert "ImportError" in failed["cyclic.a"] and "partially initialized" in failed["cyclic.a"]


@pytest.fixture(scope="module")
def commands_after_a_plain_import() -> list[str]:
    """The commands `app` has in a fresh interpreter that only imports `llm_adapt.cli`."""
    code = (
        "import llm_adapt.cli as c, typer.main as t\n"
        "print(sorted(t.get_command(c.app).commands))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    found: list[str] = ast.literal_eval(result.stdout.strip())
    return found


@pytest.mark.parametrize("command", ["ask", "assess", "check", "schema"])
def test_a_plain_import_of_the_cli_has_every_command(
    command: str, commands_after_a_plain_import: list[str]
) -> None:
    assert command in commands_after_a_plain_import
