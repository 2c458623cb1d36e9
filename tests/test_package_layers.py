"""The rooms of kg/ import one way: the import graph between its subpackages, read from the code's AST,
has no cycle and only the allowed edges (lazy imports inside functions and TYPE_CHECKING imports count)."""

from __future__ import annotations

from pathlib import Path

import pytest

from docs.import_graph import find_cycle, project_edges, room_edges

KG = Path(__file__).resolve().parent.parent / "kg"

ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "store": {"core"},
    "quality": {"core", "store"},
    "build": {"core", "store", "quality"},
    # query reads the outcome question's stored rows in the format kg.build.answers writes them
    "query": {"core", "store", "build"},
    "export": {"core", "store", "query"},
    "present": {"core", "store", "quality", "build", "query", "export"},
}
"""Room -> the rooms it may import. Nothing imports present."""


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


def test_the_product_packages_import_one_way() -> None:
    """corpus and ontology know nothing of extractors or kg; extractors know nothing of kg."""
    edges = project_edges()
    assert find_cycle(set(edges)) is None
    assert ("extractors", "corpus") in edges and ("kg.build", "extractors") in edges
    upward = [edge for edge in edges if edge[0] in ("corpus", "ontology", "extractors")
              and (edge[1].startswith("kg.") or (edge[0] != "extractors" and edge[1] == "extractors"))]
    assert upward == []


def test_project_edges_show_the_split_package_as_rooms(tmp_path: Path) -> None:
    root = _write(tmp_path / "repo", {
        "low/__init__.py": "", "low/text.py": "",
        "top/__init__.py": "from top.b import m\n",  # the facade is left out
        "top/a/__init__.py": "", "top/b/__init__.py": "", "top/b/m.py": "import low.text\n",
        "top/a/user.py": "def later():\n    from ..b import m\n    return m\n",
    })
    edges = project_edges(root, ("low", "top"), split="top")
    assert edges == {("top.a", "top.b"): ["top/a/user.py"], ("top.b", "low"): ["top/b/m.py"]}


def test_the_picture_shows_every_package_and_room_and_refuses_a_cycle(tmp_path: Path) -> None:
    import networkx as nx

    from docs.draw_imports import draw, import_digraph

    graph = import_digraph()
    assert set(graph.nodes) == {"corpus", "extractors", "ontology"} | {f"kg.{room}" for room in ALLOWED}
    draw(graph, tmp_path / "imports.svg")
    assert (tmp_path / "imports.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    with pytest.raises(SystemExit, match="import cycle"):
        draw(nx.DiGraph([("a", "b"), ("b", "a")]), tmp_path / "cycle.svg")
