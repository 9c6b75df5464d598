"""The package's import graph has no cycles, every module imports on its own, and the CLI
has every command after a plain import."""

from __future__ import annotations

import ast
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


def test_every_module_imports_alone_in_a_fresh_interpreter() -> None:
    names = sorted(n for n in MODULES if not n.endswith("__main__"))
    script = (
        "import importlib, subprocess, sys\n"
        "bad = []\n"
        f"for name in {names!r}:\n"
        "    r = subprocess.run([sys.executable, '-c', f'import {name}'], capture_output=True)\n"
        "    if r.returncode: bad.append((name, r.stderr.decode()[-300:]))\n"
        "print(bad)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]", result.stdout


@pytest.mark.parametrize("command", ["ask", "assess", "check", "schema"])
def test_a_plain_import_of_the_cli_has_every_command(command: str) -> None:
    code = (
        "import llm_adapt.cli as c, typer.main as t\n"
        "print(sorted(t.get_command(c.app).commands))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert f"'{command}'" in result.stdout
