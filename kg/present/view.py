"""`kg view`: an interactive, offline HTML graph of papers, cited works, regimens, drugs, drug
classes, targets, subtypes and outcome claims.

This module reads the graph from the store (canned queries `view_edges`, `view_links`,
`view_papers`, and the outcome claims through `kg.present.view_claims`, or `view_outcomes` on a
store without current answer rows) into a networkx graph; `kg.present.view_html` lays it out and
writes the page. When the cap cuts, only the drawn claims' papers' edges are read. The
command line filters (endpoint, subtype incl. the subtypes below it, lowest value) restrict which
outcome claims are drawn; the rest of the graph stays, so the claims keep their context.

At most `max_claims` outcome claims are drawn (default DEFAULT_MAX_CLAIMS), after the filters, in the
order of `view_outcomes.rq`: the claims stated by most papers first, then endpoint and value. When
more match, the page holds only the drawn claims and the papers, cited works, regimens and concepts
they touch, and says how many it drew (graph attribute `cap`): a literature of 1,000 papers would
otherwise give tens of thousands of nodes that no browser can lay out or draw.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from kg.build.answers import rows_are_current
from kg.core.errors import InputError, OutputError
from kg.present.view_claims import drawn_measurements
from kg.present.view_html import KINDS, render_html
from kg.query.api import GraphQueries
from kg.store.canned import load_query
from kg.store.kg_store import KgStore

if TYPE_CHECKING:
    import pyoxigraph as ox

KIND_LABELS = {kind: label for kind, (_, label) in KINDS.items()}
DEFAULT_MAX_CLAIMS = 500
"""Outcome claims drawn at most: with their context about a thousand nodes, laid out in seconds."""
CONCEPT_KINDS = frozenset({"regimen", "drug", "drug_class", "target", "subtype"})
_MAX_CLAIMS_MARKER = re.compile(r"^[ \t]*# @max_claims[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class ViewSummary:
    nodes: int
    edges: int
    kinds: dict[str, int]
    outcomes: int
    matching: int
    """Outcome claims that match the filters (more than `outcomes` when the cap left some out)."""

    @property
    def capped(self) -> bool:
        return self.matching > self.outcomes

    def cap_message(self) -> str:
        """The line that says the cap left claims out ("" when it did not)."""
        if not self.capped:
            return ""
        return (f"drew {self.outcomes:,} of {self.matching:,} outcome claims; narrow with --subtype, --endpoint, "
                "--min or raise --max-claims")


def _add_node(graph: nx.Graph, iri: str, kind: str, label: str, title: str = "") -> None:
    if iri not in graph:
        graph.add_node(iri, kind=kind, label=label or iri, title=title)


def _short_unit(unit: str) -> str:
    return {"%": "%", "months": " mo", "month": " mo", "": ""}.get(unit, f" {unit}")


def _outcome_label(row: dict[str, str]) -> str:
    return f"{row['endpoint']} {row['value']}{_short_unit(row['unit'])}"


def outcomes_query(max_claims: int | None) -> str:
    """The text of view_outcomes.rq with its cap (`LIMIT max_claims`; None: no cap)."""
    text = load_query("view_outcomes")
    if max_claims is None:
        return text
    return _MAX_CLAIMS_MARKER.sub(f"    LIMIT {check_max_claims(max_claims)}", text, count=1)


def check_max_claims(max_claims: int) -> int:
    """`max_claims` if it is a whole number of at least 1, else InputError."""
    if isinstance(max_claims, bool) or not isinstance(max_claims, int) or max_claims < 1:
        raise InputError(f"--max-claims must be a whole number of at least 1, not {max_claims!r}")
    return max_claims


def matching_claims(store: KgStore, params: dict[str, object]) -> int:
    """How many outcome claims match the filters (view_outcome_count.rq: one row per endpoint)."""
    return sum(int(row["claims"]) for row in store.select(load_query("view_outcome_count"), params).records())


def _outcome_records(store: KgStore, params: dict[str, object],
                     max_claims: int | None) -> tuple[list[dict[str, str]], int | None]:
    """The rows of the measurements to draw (one more than the cap, to tell whether it cuts) and how
    many match the filters (None: not known yet)."""
    if rows_are_current(store):  # the claims ordered from the question's rows, only the drawn ones looked up
        return drawn_measurements(store, params, max_claims)
    # a store whose rows this version did not write: the whole query
    return store.select(outcomes_query(None if max_claims is None else max_claims + 1), params).records(), None


def _graphs_drawn(records: list[dict[str, str]], max_claims: int | None) -> list[ox.NamedNode] | None:
    """The paper graphs of the drawn measurements when the cap cuts (the page keeps only what those
    papers touch, so only their edges are read), else None: every graph."""
    drawn: dict[str, str] = {}
    for row in records:
        drawn.setdefault(row["m"], row.get("graph", ""))
    if max_claims is None or len(drawn) <= max_claims or not all(drawn.values()):
        return None
    import pyoxigraph as ox

    return [ox.NamedNode(graph) for graph in sorted(set(list(drawn.values())[:max_claims]))]


def _add_outcomes(graph: nx.Graph, records: list[dict[str, str]], max_claims: int | None) -> bool:
    """Outcome claim nodes (one per measurement, at most `max_claims`) and their edges; returns
    whether the cap left some out."""
    seen: set[str] = set()
    cut = False
    for row in records:  # one more than the cap: did the cap cut?
        iri = row["m"]
        if iri in seen:  # one measurement in several rows: two printed sample sizes, or two cited works
            if row["work"]:
                _add_node(graph, row["work"], "cited_work", "cited work")
                graph.add_edge(iri, row["work"], relation="attributed to")
                facts = graph.nodes[iri]["facts"]  # the tooltip names every work; the facts, one of them
                facts["work"] = min(filter(None, (facts["work"], row["work"])))
            continue
        if max_claims is not None and len(seen) == max_claims:
            cut = True
            break
        seen.add(iri)
        groups = sorted({g for g in row["groups"].split("|") if g})
        facts = {name: value for name, value in row.items() if name != "graph"}
        graph.add_node(iri, kind="outcome", label=_outcome_label(row), title="", facts=facts,
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
    return cut


def touched_part(graph: nx.Graph) -> nx.Graph:
    """The outcome claims with what they touch: their papers, works, regimens and populations, the
    concepts those papers mention and the regimens they report, and the concepts above these
    (regimen -> component drug -> target or class, subtype -> broader subtype)."""
    claims = [node for node, kind in graph.nodes(data="kind") if kind == "outcome"]
    keep = set(claims)
    for claim in claims:
        keep.update(graph[claim])
    for paper in [node for node in keep if graph.nodes[node]["kind"] == "paper"]:
        keep.update(node for node in graph[paper] if graph.nodes[node]["kind"] in CONCEPT_KINDS)
    frontier = [node for node in keep if graph.nodes[node]["kind"] in CONCEPT_KINDS]
    while frontier:
        node = frontier.pop()
        for other in graph[node]:
            if other not in keep and graph.edges[node, other].get("toward") == other:
                keep.add(other)
                frontier.append(other)
    return graph.subgraph(keep).copy()


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
    works = sorted(graph.nodes[node]["label"] for node in graph[iri]
                   if graph.edges[iri, node].get("relation") == "attributed to")
    if works:
        source = f"cited result of {'; '.join(works)}, reported in {paper}"
    if int(facts.get("papers") or 1) > 1:
        source += f" (stated by {facts['papers']} papers)"
    return "\n".join([
        value,
        f"population: {population}",
        f"regimen: {facts['regimen_key'] or '(not stated)'}",
        source,
        f"\u201c{facts['quote']}\u201d",
    ])


def view_graph(store: KgStore, *, endpoint: str | None = None, subtype: str | None = None,
               min_value: Decimal | float | None = None, max_claims: int | None = DEFAULT_MAX_CLAIMS) -> nx.Graph:
    """The view's nodes and edges (networkx), read from the store with canned queries.

    Node attributes: kind, label (short), title (plain-text tooltip); outcome nodes also carry
    groups (population keys and every subtype above them), regimen (key), endpoint and scope.
    `endpoint`, `subtype` (codes) and `min_value` restrict the outcome claims drawn; then at most
    `max_claims` are drawn (None: all). Graph attributes: outcomes (drawn), matching (claims that
    match the filters), filters, and cap (None, or what the page says when the cap left claims out).
    """
    if max_claims is not None:
        check_max_claims(max_claims)
    params = GraphQueries(store).outcome_params(endpoint, subtype, min=min_value)
    records, matching = _outcome_records(store, params, max_claims)
    graph = nx.Graph()
    for row in store.select(load_query("view_edges"), graphs=_graphs_drawn(records, max_claims)).records():
        _add_node(graph, row["source"], row["source_kind"], row["source_label"], row["source_title"])
        _add_node(graph, row["target"], row["target_kind"], row["target_label"], row["target_title"])
        graph.add_edge(row["source"], row["target"], relation=row["relation"])
    for row in store.select(load_query("view_links")).records():
        _add_node(graph, row["source"], row["source_kind"], row["source_label"], row["source_title"])
        _add_node(graph, row["target"], row["target_kind"], row["target_label"], row["target_title"])
        graph.add_edge(row["source"], row["target"], relation=row["relation"], toward=row["target"])
    for row in store.select(load_query("view_papers")).records():
        _add_node(graph, row["paper"], "paper", row["label"])
        graph.nodes[row["paper"]].update(label=row["label"] or row["source_file"],
                                         title="\n".join(filter(None, (row["title"], row["source_file"]))))
    papers = sum(1 for _, kind in graph.nodes(data="kind") if kind == "paper")
    cut = _add_outcomes(graph, records, max_claims)
    drawn = sum(1 for _, kind in graph.nodes(data="kind") if kind == "outcome")
    if not cut:
        matching = drawn
    elif matching is None:
        matching = matching_claims(store, params)
    cap = None
    if matching > drawn:
        graph = touched_part(graph)
        cap = {"drawn": drawn, "matching": matching, "max_claims": max_claims, "papers": papers,
               "papers_drawn": sum(1 for _, kind in graph.nodes(data="kind") if kind == "paper")}
    graph.graph.update(outcomes=drawn, matching=matching, cap=cap,
                       filters={"endpoint": endpoint, "subtype": subtype,
                                "min": None if min_value is None else str(min_value)})
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
    outcomes = kinds.get("outcome", 0)
    return ViewSummary(graph.number_of_nodes(), graph.number_of_edges(), kinds, outcomes,
                       int(graph.graph.get("matching", outcomes)))


def write_view(store: KgStore, output: str | Path, *, endpoint: str | None = None, subtype: str | None = None,
               min_value: Decimal | float | None = None,
               max_claims: int | None = DEFAULT_MAX_CLAIMS) -> ViewSummary:
    """Write the self-contained HTML view of the store to `output` (at most `max_claims` outcome claims)."""
    graph = view_graph(store, endpoint=endpoint, subtype=subtype, min_value=min_value, max_claims=max_claims)
    page = render_html(graph)
    out = Path(output)
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write {out}: {exc}") from exc
    return summarize(graph)
