"""The package's structure: no import cycle between modules, no private name taken from another module,
and each third-party heavy library imported only in its own room."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "graph"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(module: str) -> list[tuple[str, str | None, int]]:
    """(imported module, name taken from it or None, line) for every import of ``module``, at any depth
    (imports inside functions count: a cycle through a late import is still a cycle)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: list[tuple[str, str | None, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(a.name, None, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                found.append((sub, None, node.lineno) if sub in MODULES else (node.module, a.name, node.lineno))
    return found


def graph_edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {m: set() for m in MODULES}
    for module in MODULES:
        for target, _, _ in imports_of(module):
            if target in MODULES and target != module:
                edges[module].add(target)
    return edges


def test_the_checker_sees_a_cycle() -> None:
    """The cycle finder itself, on a hand-made graph (a test that could not fail would prove nothing)."""
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for other in sorted(edges.get(node, ())):
            if state.get(other) == 1:
                return [*stack[stack.index(other) :], other]
            if other not in state and (found := visit(other)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycle() -> None:
    """A package's face (``__init__``) may import its own modules; nothing imports back up into a cycle."""
    edges = graph_edges()
    for module, targets in edges.items():
        # a package face importing its members is not an arrow back: its members import each other, not it
        if MODULES[module].name == "__init__.py":
            targets -= {t for t in targets if t.startswith(module + ".")}
    cycle = find_cycle(edges)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_no_private_name_imported_from_another_module() -> None:
    offenders = [
        f"{MODULES[m].relative_to(PACKAGE.parent)}:{line}: {name} from {target}"
        for m in MODULES
        for target, name, line in imports_of(m)
        if name and name.startswith("_") and not name.startswith("__") and target.startswith("graph")
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("library", "room"),
    [
        ("neo4j", "graph.neo4j"),
        ("pyvis", "graph.html"),
        ("click", "graph.cli"),
        ("highspy", "graph.analytics.frustration"),
    ],
)
def test_libraries_stay_in_their_rooms(library: str, room: str) -> None:
    outside = [
        m
        for m in MODULES
        if not (m == room or m.startswith(room + "."))
        and any(t == library or t.startswith(library + ".") for t, _, _ in imports_of(m))
    ]
    assert outside == []


def test_no_import_cycle_between_scripts() -> None:
    """The scripts import each other by bare name (scripts/ is the running script's folder): no circle."""
    scripts = {p.stem: p for p in sorted((PACKAGE.parent / "scripts").glob("*.py"))}
    edges: dict[str, set[str]] = {name: set() for name in scripts}
    for name, path in scripts.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                edges[name] |= {a.name for a in node.names if a.name in scripts}
            elif isinstance(node, ast.ImportFrom) and node.module in scripts and node.level == 0:
                edges[name].add(node.module)
    assert "bench_common" in edges["bench_analytics"]  # the test sees the scripts' imports
    cycle = find_cycle(edges)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])
