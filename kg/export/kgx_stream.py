"""The KGX export written in a stream: the rows of `kg.export.kgx_tsv`, memory flat however large the store.

The in-memory projection (`KgxProjection`) holds every triple as Python objects. Here the store's
subjects arrive one at a time, gathered from quads sorted on disk (kg.export.subject_stream), and
what a row needs from other resources is looked up in the store's own indexes when it is needed:

- whether a link target is folded (its rdf:type), the quotes of a measurement's evidence, a cohort's
  subtypes, the publications a paper graph types and their DOIs (the last two cached: one per paper);
- the labels other labels quote come from the label book (names of vocabulary and publications).

Node rows and edge rows go to files with their sort key in front, are sorted through runs on disk,
and written in the order `KgxProjection` writes them: the same bytes.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

import pyoxigraph as ox
from rdflib.namespace import PROV

from kg.export.base import curie, node_key, open_output
from kg.export.biolink import FOLDED, MEASUREMENTS
from kg.export.kgx_tsv import (
    EDGE_COLUMNS,
    NODE_COLUMNS,
    Edge,
    Summaries,
    add_summaries,
    is_folded,
    is_kept_link,
    link_edge,
    node_row,
    publication_curie,
    summary_edges,
    tsv_line,
)
from kg.export.resources import RDF_TYPE, Resource
from kg.export.subject_stream import LabelBook, subject_pass
from kg.store.union_stream import sorted_distinct_lines
from ontology.namespace import BIBO, SKG

if TYPE_CHECKING:
    from kg.store.kg_store import KgStore


FOLDED_CACHE = 65_536
"""Link targets whose folded status is remembered (some 10 MB at most)."""
_FOLDED_CLASSES = tuple(ox.NamedNode(iri) for iri in sorted(FOLDED))


class StoreLookup:
    """What the store says about one resource, read from its indexes (content graphs only)."""

    def __init__(self, store: KgStore) -> None:
        self.store = store
        self.hidden = store.hidden_graphs()
        self._dois: dict[str, str] = {}
        self._graph_publications: dict[str, list[str]] = {}
        # the same vocabulary terms are link targets again and again: remember a bounded number of answers
        self.folded = functools.lru_cache(maxsize=FOLDED_CACHE)(self._folded)

    def _objects(self, key: str, predicate: str | None, obj: ox.NamedNode | None = None,
                 graph: ox.NamedNode | None = None) -> Iterator[ox.Quad]:
        subject = ox.BlankNode(key[2:]) if key.startswith("_:") else ox.NamedNode(key)
        return self.store.content_quads(subject, None if predicate is None else ox.NamedNode(predicate), obj, graph,
                                        hidden=self.hidden)

    def texts(self, key: str, predicate: str) -> list[str]:
        """The distinct literal values of `key predicate ?x`, sorted by lexical form (as `Resource.texts`)."""
        return sorted(lit.value for lit in {q.object for q in self._objects(key, predicate)
                                            if isinstance(q.object, ox.Literal)})

    def links(self, key: str, predicate: str) -> list[str]:
        return sorted({node_key(q.object) for q in self._objects(key, predicate)
                       if isinstance(q.object, ox.NamedNode | ox.BlankNode)})

    def is_subject(self, key: str) -> bool:
        return next(self._objects(key, None), None) is not None

    def _folded(self, key: str) -> bool:
        # one pattern per folded class: a vocabulary term typed in every paper's graph is not read thousands of times
        return any(next(self._objects(key, RDF_TYPE, folded), None) is not None for folded in _FOLDED_CLASSES)

    def publication_curie(self, key: str) -> str:
        found = self._dois.get(key)
        if found is None:
            dois = self.texts(key, str(BIBO.doi))
            found = self._dois[key] = publication_curie(key, dois[0] if dois else "")
        return found

    def publications_of(self, graph: str) -> list[str]:
        """The publication CURIEs the named graph types (a paper graph: its paper)."""
        found = self._graph_publications.get(graph)
        if found is None:
            publication, named = ox.NamedNode(str(SKG.Publication)), ox.NamedNode(graph)
            found = self._graph_publications[graph] = [
                self.publication_curie(q.subject.value)
                for q in self.store.raw.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), publication, named)
                if isinstance(q.subject, ox.NamedNode)]
        return found


def _node_line(key: str, row: dict[str, str]) -> str:
    return f"{curie(key)}\t{tsv_line(NODE_COLUMNS, row)}"


def _edge_line(edge: Edge) -> str:
    key = f"{edge.subject}\t{edge.predicate}\t{edge.object}\t{edge.original_predicate}"
    return f"{key}\t{tsv_line(EDGE_COLUMNS, edge.row())}"


def _write_sorted(path: Path, columns: tuple[str, ...], lines: Path, keys: int, folder: Path) -> int:
    """Write the TSV at `path` from the keyed lines in `lines`, sorted (the key fields dropped)."""
    folder.mkdir()
    count = 0
    with lines.open(encoding="utf-8") as unsorted, open_output(path) as handle:
        handle.write("\t".join(columns) + "\n")
        for line in sorted_distinct_lines((text[:-1] for text in unsorted), folder):
            handle.write(line.split("\t", keys)[keys] + "\n")
            count += 1
    return count


def write_kgx(store: KgStore, nodes_tsv: Path, edges_tsv: Path) -> tuple[int, int]:
    """Write the KGX node and edge files; returns (nodes, edges)."""
    book, lookup = LabelBook.from_store(store), StoreLookup(store)
    found: Summaries = defaultdict(set)
    with subject_pass(nodes_tsv, ".kg-kgx-") as run:
        for resource, link_graphs in run.subjects(store):
            if is_folded(resource):
                continue
            _write_node(resource, book, lookup, run.nodes)
            for (predicate, target), graphs in sorted(link_graphs.items()):
                if is_kept_link(predicate) and not lookup.folded(target):
                    run.edges.write(_edge_line(link_edge(resource, predicate, target, graphs,
                                                         lookup.publications_of)) + "\n")
                    run.link_to(target)
            add_summaries(resource, lambda cohort: lookup.links(cohort, str(SKG.population)), found)
        for key in run.bare_targets():
            run.nodes.write(_node_line(key, node_row(key, Resource(key), curie(key), ())) + "\n")
        for edge in summary_edges(found, lookup.publication_curie,
                                  lambda key: not (lookup.is_subject(key) and lookup.folded(key))):
            run.edges.write(_edge_line(edge) + "\n")
        run.close()
        nodes = _write_sorted(nodes_tsv, NODE_COLUMNS, run.paths["nodes"], 1, run.folder / "node-runs")
        edges = _write_sorted(edges_tsv, EDGE_COLUMNS, run.paths["edges"], 4, run.folder / "edge-runs")
    return nodes, edges


def _write_node(resource: Resource, book: LabelBook, lookup: StoreLookup, handle: IO[str]) -> None:
    quotes: list[str] = []
    if resource.types & MEASUREMENTS:
        for evidence in resource.linked(str(PROV.wasDerivedFrom)):
            quotes.extend(lookup.texts(evidence, str(SKG.quote)))
    row = node_row(resource.key, resource, book.label(resource), quotes)
    handle.write(_node_line(resource.key, row) + "\n")
