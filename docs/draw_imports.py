"""Draw the import graph of the product, read from the code: `make import-graph` -> docs/import-graph.svg.

Nodes are corpus, extractors, ontology and kg's rooms; an arrow A -> B means some module of A imports
B. Nodes sit in layers (networkx's topological generations), importers above what they import, so
every arrow points down when the graph has no cycle; a cycle is an error, named.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402

plt.rcParams["svg.hashsalt"] = "sarcoma-kg"  # with no date in the metadata, the same code gives the same SVG

from docs.import_graph import REPO, find_cycle, project_edges  # noqa: E402

OUT = REPO / "docs" / "import-graph.svg"
COLOURS = {"corpus": "#cfe2f3", "extractors": "#d9ead3", "ontology": "#fff2cc"}
KG_COLOUR = "#ead1dc"


def import_digraph(repo: Path = REPO) -> nx.DiGraph:
    """The package graph, each edge carrying how many files make it."""
    edges = project_edges(repo)
    graph = nx.DiGraph()  # nodes and edges added sorted: the drawing order, so the SVG, follows the names only
    graph.add_nodes_from(sorted({node for edge in edges for node in edge}))
    for (source, target), files in sorted(edges.items()):
        graph.add_edge(source, target, files=len(files))
    return graph


def layered_positions(graph: nx.DiGraph) -> dict[str, tuple[float, float]]:
    """Importers on top; each layer's nodes spread evenly and sorted so the picture is stable.

    A layer of one node zig-zags left and right, so that arrows skipping layers pass beside it, not through it."""
    layers = list(nx.topological_generations(graph))
    positions: dict[str, tuple[float, float]] = {}
    for depth, layer in enumerate(layers):
        names = sorted(layer)
        shift = (0.45 if depth % 2 else -0.45) if len(names) == 1 else 0.0
        for i, name in enumerate(names):
            positions[name] = (i * 1.6 - (len(names) - 1) * 0.8 + shift, -depth)
    return positions


def draw(graph: nx.DiGraph, out: Path) -> None:
    cycle = find_cycle(set(graph.edges))
    if cycle:
        raise SystemExit(f"import cycle, no layered picture: {' -> '.join(cycle)}")
    positions = layered_positions(graph)
    figure, axes = plt.subplots(figsize=(9, 11))
    colours = [COLOURS.get(node, KG_COLOUR) for node in graph.nodes]
    nx.draw_networkx_edges(graph, positions, ax=axes, arrows=True, arrowstyle="-|>", arrowsize=14,
                           edge_color="#777777", width=0.9, node_size=2600, connectionstyle="arc3,rad=0.06")
    nx.draw_networkx_nodes(graph, positions, ax=axes, node_color=colours, node_size=2600, edgecolors="#444444")
    nx.draw_networkx_labels(graph, positions, ax=axes, font_size=9)
    axes.set_title("sarcoma-kg imports (A -> B: a module of A imports B); drawn by docs/draw_imports.py",
                   fontsize=10)
    axes.axis("off")
    figure.tight_layout()
    figure.savefig(out, format=out.suffix.lstrip(".") or "svg", metadata={"Date": None})
    plt.close(figure)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--out", type=Path, default=OUT, help="the picture (.svg or .png)")
    args = parser.parse_args(argv)
    graph = import_digraph()
    draw(graph, args.out)
    print(f"{args.out}: {graph.number_of_nodes()} packages, {graph.number_of_edges()} import edges")
    return 0


if __name__ == "__main__":
    sys.exit(main())
