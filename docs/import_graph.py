"""The project's import graph, read from the code's AST (nothing is imported or run).

One reading for two users: tests/test_package_layers.py checks that kg's rooms import one way, and
docs/draw_imports.py draws the picture in docs/import-graph.svg. Lazy imports inside functions and
TYPE_CHECKING imports count like any other.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("corpus", "extractors", "ontology", "kg")
"""The top-level packages of the product, lowest first."""


def imported_modules(tree: ast.AST, package: str) -> list[str]:
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


def file_imports(root: Path) -> Iterator[tuple[tuple[str, ...], list[str]]]:
    """For every module under the package directory `root`: (its path parts inside root without
    the suffix, e.g. ("store", "canned"), and the dotted names it imports)."""
    top = root.name
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        is_package = parts[-1] == "__init__"
        module_parts = (top, *parts[:-1]) if is_package else (top, *parts)
        package = ".".join(module_parts if is_package else module_parts[:-1])
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        except SyntaxError as exc:
            raise SyntaxError(f"{path}: cannot read its imports: {exc.msg}") from exc
        yield parts, imported_modules(tree, package)


def room_edges(root: Path) -> tuple[dict[tuple[str, str], list[str]], list[str]]:
    """(room -> room edges, each with the files that make it; files outside any room) for the package at `root`.

    A room is a subpackage of `root`. The package's own `__init__` (a facade that may reach any room) is left out."""
    top = root.name
    edges: dict[tuple[str, str], list[str]] = {}
    homeless: list[str] = []
    for parts, names in file_imports(root):
        if parts == ("__init__",):
            continue
        file = "/".join(parts) + ".py"
        if len(parts) < 2:
            homeless.append(file)
            continue
        room = parts[0]
        for name in names:
            pieces = name.split(".")
            if pieces[0] != top or len(pieces) < 2 or not (root / pieces[1]).is_dir():
                continue
            if pieces[1] != room:
                edges.setdefault((room, pieces[1]), []).append(file)
    return edges, homeless


def project_edges(repo: Path = REPO, packages: tuple[str, ...] = PACKAGES,
                  split: str = "kg") -> dict[tuple[str, str], list[str]]:
    """Edges between the product's packages, the package `split` shown as its rooms ("kg.store", ...).

    Node names are "corpus", "extractors", "ontology" and "kg.<room>"; each edge lists the files making it."""
    def node_of(name: str) -> str | None:
        pieces = name.split(".")
        if pieces[0] not in packages:
            return None
        if pieces[0] == split:
            if len(pieces) < 2 or not (repo / split / pieces[1]).is_dir():
                return None  # the facade `kg` itself
            return f"{split}.{pieces[1]}"
        return pieces[0]

    edges: dict[tuple[str, str], set[str]] = {}
    for package in packages:
        for parts, names in file_imports(repo / package):
            if package == split and parts == ("__init__",):
                continue  # the facade may reach any room
            source = node_of(".".join((package, *parts)))
            if source is None:
                continue
            for name in names:
                target = node_of(name)
                if target is not None and target != source:
                    edges.setdefault((source, target), set()).add(f"{package}/{'/'.join(parts)}.py")
    return {edge: sorted(files) for edge, files in edges.items()}


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
