"""No import cycles among the project's own modules, read statically from the source.

Every import statement counts: at the top, inside a function, under ``TYPE_CHECKING``
(a cycle that only type checkers follow is still two modules that cannot be understood
one without the other). An import of a module's own ancestor package does not count: a
package's ``__init__`` runs before any of its modules anyway.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("wallboard", "views", "maps", "resources")

Graph = Mapping[str, Iterable[str]]


def module_files(root: Path, packages: Iterable[str]) -> dict[str, Path]:
    """Dotted module name -> its file, for every .py file under ``packages``."""
    found = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def imported_names(name: str, path: Path) -> set[str]:
    """Every dotted name an import statement in the module names, relative ones resolved."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            names.add(module)
            # ``from pkg import mod`` imports a module; ``from mod import name``, a name
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def import_graph(modules: Mapping[str, Path]) -> dict[str, set[str]]:
    """Module -> the project modules it imports (the longest known prefix of each name)."""
    graph = {}
    for name, path in modules.items():
        edges = set()
        for target in imported_names(name, path):
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name and not name.startswith(target + "."):
                edges.add(target)
        graph[name] = edges
    return graph


def find_cycle(graph: Graph) -> list[str] | None:
    """One cycle as a path ``[a, b, …, a]``, or None when the graph has none."""
    done: set[str] = set()
    path: list[str] = []
    on_path: set[str] = set()

    def visit(node: str) -> list[str] | None:
        path.append(node)
        on_path.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt in on_path:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in done and (cycle := visit(nxt)):
                return cycle
        path.pop()
        on_path.discard(node)
        done.add(node)
        return None

    for start in sorted(graph):
        if start not in done and (cycle := visit(start)):
            return cycle
    return None


def test_the_project_has_no_import_cycle():
    graph = import_graph(module_files(ROOT, PACKAGES))
    # the graph is really read: the simulator's engine uses dispatch and the world
    assert {"wallboard.simulator.dispatch", "wallboard.simulator.world"} <= graph[
        "wallboard.simulator.engine"
    ]
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_checker_finds_a_cycle_in_a_made_up_graph():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
    assert find_cycle({"a": {"b", "d"}, "b": {"c"}, "c": {"d"}, "d": set()}) is None
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"x": {"a"}, "a": {"b"}, "b": {"a"}}) == ["a", "b", "a"]


def test_type_checking_and_function_local_imports_count_but_an_ancestor_does_not(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("from pkg.engine import Engine\n")
    (package / "engine.py").write_text(
        "import pkg\nfrom pkg import dispatch\n\nclass Engine:\n    pass\n"
    )
    (package / "dispatch.py").write_text(
        "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from .engine import Engine\n"
    )
    (package / "later.py").write_text("def load():\n    from . import dispatch\n")
    graph = import_graph(module_files(tmp_path, ["pkg"]))
    assert graph == {
        "pkg": {"pkg.engine"},
        "pkg.engine": {"pkg.dispatch"},  # ``import pkg``: its own ancestor, not an edge
        "pkg.dispatch": {"pkg.engine"},
        "pkg.later": {"pkg.dispatch"},
    }
    assert find_cycle(graph) == ["pkg.engine", "pkg.dispatch", "pkg.engine"]
