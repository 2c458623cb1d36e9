"""`kg view`: an interactive, offline HTML graph of papers, cited works, regimens, drugs, drug
classes, targets, subtypes and outcome claims.

This module reads the graph from the store (canned queries `view_edges`, `view_links`,
`view_papers`, `view_outcomes`) into a networkx graph; `kg.present.view_html` lays it out and writes the page. The
command line filters (endpoint, subtype incl. the subtypes below it, lowest value) restrict which
outcome claims are drawn; the rest of the graph stays, so the claims keep their context.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import networkx as nx

from kg.core.errors import OutputError
from kg.present.view_html import KINDS, render_html
from kg.query.api import GraphQueries
from kg.store.canned import load_query
from kg.store.kg_store import KgStore

KIND_LABELS = {kind: label for kind, (_, label) in KINDS.items()}


@dataclass(frozen=True)
class ViewSummary:
    nodes: int
    edges: int
    kinds: dict[str, int]
    outcomes: int


def _add_node(graph: nx.Graph, iri: str, kind: str, label: str, title: str = "") -> None:
    if iri not in graph:
        graph.add_node(iri, kind=kind, label=label or iri, title=title)


def _short_unit(unit: str) -> str:
    return {"%": "%", "months": " mo", "month": " mo", "": ""}.get(unit, f" {unit}")


def _outcome_label(row: dict[str, str]) -> str:
    return f"{row['endpoint']} {row['value']}{_short_unit(row['unit'])}"


def _add_outcomes(graph: nx.Graph, store: KgStore, params: dict[str, object]) -> int:
    """Outcome claim nodes (one per measurement) and their edges; returns how many were added."""
    seen: set[str] = set()
    for row in store.select(load_query("view_outcomes"), params).records():
        iri = row["m"]
        if iri in seen:  # without a subtype parameter a claim comes once per subtype above it
            continue
        seen.add(iri)
        groups = sorted({g for g in row["groups"].split("|") if g})
        graph.add_node(iri, kind="outcome", label=_outcome_label(row), title="", facts=dict(row),
                       groups=groups, regimen=row["regimen_key"], endpoint=row["endpoint"], scope=row["scope"])
        _add_node(graph, row["paper"], "paper", row["paper"].rsplit("/", 1)[-1])
        graph.add_edge(iri, row["paper"], relation="reported in")
        if row["regimen"]:
            _add_node(graph, row["regimen"], "regimen", row["regimen_key"])
            graph.add_edge(iri, row["regimen"], relation="regimen")
        for pair in filter(None, row["populations"].split("|")):
            population, _, key = pair.partition(" ")
            _add_node(graph, population, "subtype", key)
            graph.add_edge(iri, population, relation="population")
        if row["work"]:
            _add_node(graph, row["work"], "cited_work", "cited work")
            graph.add_edge(iri, row["work"], relation="attributed to")
    for iri in seen:
        graph.nodes[iri]["title"] = outcome_tooltip(graph, iri)
    return len(seen)


def outcome_tooltip(graph: nx.Graph, iri: str) -> str:
    """Plain text for an outcome node's tooltip: value, CI, n, population, regimen, source, quote."""
    data = graph.nodes[iri]
    facts: dict[str, str] = data["facts"]
    value = f"{facts['endpoint']} = {facts['value']}{_short_unit(facts['unit'])}"
    if facts["ci_low"] or facts["ci_high"]:
        value += f" (CI {facts['ci_low'] or '?'} to {facts['ci_high'] or '?'})"
    value += f", n = {facts['n'] or '?'}"
    populations = [graph.nodes[p]["label"] for p in graph[iri] if graph.nodes[p]["kind"] == "subtype"]
    population = " | ".join(sorted(populations)) or "?"
    if facts["subgroup"]:
        population += f" ({facts['subgroup']})"
    paper = graph.nodes[facts["paper"]]["label"]
    source = f"{facts['scope']} result reported in {paper}"
    if facts["work"]:
        source = f"cited result of {graph.nodes[facts['work']]['label']}, reported in {paper}"
    return "\n".join([
        value,
        f"population: {population}",
        f"regimen: {facts['regimen_key'] or '(not stated)'}",
        source,
        f"\u201c{facts['quote']}\u201d",
    ])


def view_graph(store: KgStore, *, endpoint: str | None = None, subtype: str | None = None,
               min_value: Decimal | float | None = None) -> nx.Graph:
    """The view's nodes and edges (networkx), read from the store with canned queries.

    Node attributes: kind, label (short), title (plain-text tooltip); outcome nodes also carry
    groups (population keys and every subtype above them), regimen (key), endpoint and scope.
    `endpoint`, `subtype` (codes) and `min_value` restrict the outcome claims drawn.
    """
    graph = nx.Graph()
    for row in store.select(load_query("view_edges")).records():
        _add_node(graph, row["source"], row["source_kind"], row["source_label"], row["source_title"])
        _add_node(graph, row["target"], row["target_kind"], row["target_label"], row["target_title"])
        graph.add_edge(row["source"], row["target"], relation=row["relation"])
    for row in store.select(load_query("view_links")).records():
        _add_node(graph, row["source"], row["source_kind"], row["source_label"])
        _add_node(graph, row["target"], row["target_kind"], row["target_label"], row["target_title"])
        graph.add_edge(row["source"], row["target"], relation=row["relation"])
    for row in store.select(load_query("view_papers")).records():
        _add_node(graph, row["paper"], "paper", row["label"])
        graph.nodes[row["paper"]].update(label=row["label"] or row["source_file"],
                                         title="\n".join(filter(None, (row["title"], row["source_file"]))))
    params = GraphQueries(store).outcome_params(endpoint, subtype, min=min_value)
    graph.graph["outcomes"] = _add_outcomes(graph, store, params)
    graph.graph["filters"] = {"endpoint": endpoint, "subtype": subtype,
                              "min": None if min_value is None else str(min_value)}
    for node, data in graph.nodes(data=True):
        if data["kind"] != "outcome":
            data["title"] = node_tooltip(node, data)
    return graph


def node_tooltip(iri: str, data: dict[str, object]) -> str:
    """Plain text for a non-outcome node: its long title (if any), short label, kind and IRI."""
    kind = str(data.get("kind", ""))
    parts = [str(data.get("title") or ""), str(data.get("label") or ""), KIND_LABELS.get(kind, kind), iri]
    return "\n".join(dict.fromkeys(part for part in parts if part))


def summarize(graph: nx.Graph) -> ViewSummary:
    kinds: dict[str, int] = {}
    for _, kind in graph.nodes(data="kind"):
        kinds[kind] = kinds.get(kind, 0) + 1
    return ViewSummary(graph.number_of_nodes(), graph.number_of_edges(), kinds, kinds.get("outcome", 0))


def write_view(store: KgStore, output: str | Path, *, endpoint: str | None = None, subtype: str | None = None,
               min_value: Decimal | float | None = None) -> ViewSummary:
    """Write the self-contained HTML view of the store to `output`."""
    graph = view_graph(store, endpoint=endpoint, subtype=subtype, min_value=min_value)
    page = render_html(graph)
    out = Path(output)
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write {out}: {exc}") from exc
    return summarize(graph)
