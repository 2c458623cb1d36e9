"""`kg view`: an interactive HTML graph of papers, drugs, subtypes, targets, regimens, cited works.

The page works offline: pyvis inlines vis-network (`cdn_resources="in_line"`), the Bootstrap
links of its template are removed, and the written HTML is checked to contain no remote
`<script src>` or `<link href>` (ViewError otherwise). The layout is computed once with
networkx (spring layout, fixed seed) and physics is off, so the page renders at once and the same
store gives the same picture. All text from papers is HTML-escaped before it reaches the page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from kg.canned import load_query
from kg.errors import OutputError, ViewError
from kg.store import KgStore

KINDS: dict[str, tuple[str, str]] = {
    "paper": ("#1f77b4", "Paper"),
    "drug": ("#d62728", "Drug"),
    "drug_class": ("#ff9896", "Drug class"),
    "target": ("#9467bd", "Target"),
    "subtype": ("#2ca02c", "Subtype"),
    "regimen": ("#ff7f0e", "Regimen"),
    "cited_work": ("#aec7e8", "Cited work"),
}
"""Node kind -> (colour, legend label)."""

SIZES = {"paper": 22, "regimen": 14, "cited_work": 7}
_REMOTE_TAG = re.compile(
    r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>", re.IGNORECASE
)
_COMMENTED_LINKS = re.compile(r"<!--(?:(?!-->).)*?(?:src|href)=(?:(?!-->).)*-->", re.DOTALL)
_BOOTSTRAP = re.compile(
    r"<(link|script)\b[^>]*(?:href|src)=\"https?://cdn\.jsdelivr\.net/npm/bootstrap[^\"]*\"[^>]*>"
    r"(?:\s*</script>)?",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True)
class ViewSummary:
    nodes: int
    edges: int
    kinds: dict[str, int]


def _add_node(graph: nx.Graph, iri: str, kind: str, label: str, title: str = "") -> None:
    if iri not in graph:
        graph.add_node(iri, kind=kind, label=label or iri, title=title)


def view_graph(store: KgStore) -> nx.Graph:
    """The view's nodes and edges (networkx), read from the store with canned queries."""
    graph = nx.Graph()
    for row in store.select(load_query("view_edges")).records():
        _add_node(graph, row["source"], row["source_kind"], row["source_label"], row["source_title"])
        _add_node(graph, row["target"], row["target_kind"], row["target_label"], row["target_title"])
        graph.add_edge(row["source"], row["target"], relation=row["relation"])
    for row in store.select(load_query("view_links")).records():
        _add_node(graph, row["source"], row["source_kind"], row["source_label"])
        _add_node(graph, row["target"], row["target_kind"], row["target_label"], row["target_title"])
        graph.add_edge(row["source"], row["target"], relation=row["relation"])
    return graph


def _legend() -> str:
    items = "".join(
        f'<span style="display:inline-block;margin-right:14px"><span style="display:inline-block;'
        f'width:12px;height:12px;border-radius:6px;background:{colour};margin-right:4px"></span>'
        f"{html.escape(label)}</span>"
        for colour, label in KINDS.values()
    )
    return f'<div id="kg-legend" style="font:13px sans-serif;padding:6px">{items}</div>'


def render_html(graph: nx.Graph, *, height: str = "800px") -> str:
    """Offline HTML for a view graph (text escaped; raises ViewError if a remote link remains)."""
    net = Network(height=height, width="100%", cdn_resources="in_line", heading="")
    positions = nx.spring_layout(graph, seed=7, k=None, iterations=60) if len(graph) else {}
    scale = 120 * max(1.0, len(graph) ** 0.5)
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        kind = data.get("kind", "")
        colour, kind_label = KINDS.get(kind, ("#7f7f7f", kind))
        title = "<br>".join(
            html.escape(part) for part in (data.get("title", ""), data.get("label", ""), kind_label, node) if part
        )
        x, y = positions.get(node, (0.0, 0.0))
        net.add_node(node, label=html.escape(data.get("label", node)), title=title, color=colour,
                     size=SIZES.get(kind, 11), x=float(x) * scale, y=float(y) * scale, physics=False)
    for source, target in sorted(graph.edges):
        net.add_edge(source, target, title=html.escape(graph.edges[source, target].get("relation", "")))
    net.toggle_physics(False)
    page = net.generate_html()
    page = _COMMENTED_LINKS.sub("", _BOOTSTRAP.sub("", page))
    page = page.replace("<body>", "<body>\n" + _legend(), 1)
    remote = _REMOTE_TAG.findall(page)
    if remote:
        raise ViewError(f"the view would load remote resources ({remote[0][:80]}...); refusing to write it")
    return page


def write_view(store: KgStore, output: str | Path) -> ViewSummary:
    """Write the HTML view of the store to `output`."""
    graph = view_graph(store)
    page = render_html(graph)
    out = Path(output)
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write {out}: {exc}") from exc
    kinds: dict[str, int] = {}
    for _, kind in graph.nodes(data="kind"):
        kinds[kind] = kinds.get(kind, 0) + 1
    return ViewSummary(graph.number_of_nodes(), graph.number_of_edges(), kinds)
