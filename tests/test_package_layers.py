"""The rooms of kg/ import one way: the import graph between its subpackages, read from the code's AST,
has no cycle and only the allowed edges (lazy imports inside functions and TYPE_CHECKING imports count)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parent.parent / "kg"

ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "store": {"core"},
    "quality": {"core", "store"},
    "build": {"core", "store", "quality"},
    # query reads the build record of the store (paper_write.unfinished_build_warning) when it opens one
    "query": {"core", "store", "build"},
    "export": {"core", "store", "query"},
    "present": {"core", "store", "quality", "build", "query", "export"},
}
"""Room -> the rooms it may import. Nothing imports present."""


def _imported_modules(tree: ast.AST, package: str) -> list[str]:
    """Dotted names of every module a file imports, relative imports resolved against its package."""
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names.append(target)
            # `from kg.store import canned` imports the module kg.store.canned
            names.extend(f"{target}.{alias.name}" for alias in node.names)
    return names


def room_edges(root: Path) -> tuple[dict[tuple[str, str], list[str]], list[str]]:
    """(room -> room edges, each with the files that make it; files outside any room) for the package at `root`."""
    top = root.name
    edges: dict[tuple[str, str], list[str]] = {}
    homeless: list[str] = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if parts == ("__init__",):
            continue  # the package facade (`from kg import KnowledgeGraph`) may reach any room
        if len(parts) < 2:
            homeless.append(str(path.relative_to(root)))
            continue
        room = parts[0]
        is_package = parts[-1] == "__init__"
        module_parts = (top, *parts[:-1]) if is_package else (top, *parts)
        package = ".".join(module_parts if is_package else module_parts[:-1])
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for name in _imported_modules(tree, package):
            pieces = name.split(".")
            if pieces[0] != top or len(pieces) < 2 or not (root / pieces[1]).is_dir():
                continue
            if pieces[1] != room:
                edges.setdefault((room, pieces[1]), []).append(str(path.relative_to(root)))
    return edges, homeless


def find_cycle(edges: set[tuple[str, str]]) -> list[str] | None:
    """One cycle of the directed graph as a list of nodes (first == last), or None."""
    graph: dict[str, set[str]] = {}
    for source, target in edges:
        graph.setdefault(source, set()).add(target)
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def forbidden(edges: dict[tuple[str, str], list[str]], allowed: dict[str, set[str]]) -> list[str]:
    return [f"{source} -> {target} ({', '.join(sorted(set(files)))})"
            for (source, target), files in sorted(edges.items()) if target not in allowed.get(source, set())]


def test_every_kg_module_lives_in_a_room() -> None:
    rooms = {path.name for path in KG.iterdir() if (path / "__init__.py").is_file()}
    assert rooms == set(ALLOWED)
    assert room_edges(KG)[1] == []


def test_rooms_import_one_way_with_no_cycle() -> None:
    edges, _ = room_edges(KG)
    assert find_cycle(set(edges)) is None
    assert forbidden(edges, ALLOWED) == []
    assert find_cycle({(source, target) for source, targets in ALLOWED.items() for target in targets}) is None


def test_nothing_imports_present() -> None:
    edges, _ = room_edges(KG)
    assert [edge for edge in edges if edge[1] == "present"] == []


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def circular_package(tmp_path: Path) -> Path:
    """A package whose rooms import each other: one lazily inside a function, one relatively."""
    return _write(tmp_path / "pkg", {
        "__init__.py": "",
        "low/__init__.py": "",
        "low/reader.py": "def read():\n    from pkg.high.shown import show\n    return show\n",
        "high/__init__.py": "",
        "high/shown.py": "from ..low import reader\n\ndef show():\n    return reader\n",
        "loose.py": "",
    })


def test_the_check_sees_lazy_and_relative_imports_and_the_cycle(circular_package: Path) -> None:
    edges, homeless = room_edges(circular_package)
    assert set(edges) == {("low", "high"), ("high", "low")}
    assert homeless == ["loose.py"]
    assert find_cycle(set(edges)) in (["high", "low", "high"], ["low", "high", "low"])
    assert forbidden(edges, {"low": set(), "high": {"low"}}) == ["low -> high (low/reader.py)"]


def test_a_from_import_of_a_room_module_counts_as_an_edge(tmp_path: Path) -> None:
    root = _write(tmp_path / "pkg", {
        "__init__.py": "", "a/__init__.py": "", "b/__init__.py": "", "b/m.py": "",
        "a/user.py": "from pkg.b import m\n",
    })
    assert set(room_edges(root)[0]) == {("a", "b")}
