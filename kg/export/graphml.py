"""`kg export --format graphml`: the graph for Cytoscape and Gephi.

The file is written in a stream (kg.export.graphml_stream: memory flat whatever the store's size);
`graphml_graph` is the same graph as a networkx object, built in memory, for small stores.

Every triple of the union graph ends up in the file:

- nodes: every IRI that is the subject of a triple or the object of a triple other than `rdf:type`
  (so resources with only literal properties are kept as isolated nodes). The node id is the CURIE
  (`skgid:drug/pembrolizumab`, `doi:10...`), with attributes `label` (skos:prefLabel, dcterms:title,
  skg:key, or one composed for measurements, cohorts, evidence...), `kind` (local name of the
  node's `skg:` class, else of any class, else `Resource`), `iri`, `rdf:type` (all classes), and
  one attribute per literal property, named by its CURIE (`skos:altLabel`, `skg:valuePrinted`);
- edges: every triple whose object is an IRI (rdf:type aside), with attributes `predicate`
  (CURIE), `label` (its local name) and `graphs` (the named graphs that hold it: which papers).

Multi-valued attributes are joined with " | " (sorted). GraphML attributes here are strings: the
datatype and language tag of a literal are not kept (use ttl/nq/jsonld for exact terms), and
characters XML 1.0 forbids (control characters from PDF text) are removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kg.export.base import Exporter, ExportResult, curie
from kg.export.resources import Resource, ResourceIndex
from ontology.namespace import SKG_IRI

if TYPE_CHECKING:
    from pathlib import Path

    import networkx as nx

    from kg.store.kg_store import KgStore

JOIN = " | "
GRAPH_NAME = "sarcoma-kg"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """The text without the characters XML 1.0 cannot carry."""
    return _NOT_XML.sub("", text)


def local_name(iri: str) -> str:
    return re.split(r"[#/:]", iri.rstrip("/#"))[-1] or iri


def kind(resource: Resource) -> str:
    """The local name of the resource's own (skg:) class, else of any class, else `Resource`."""
    own = sorted(t for t in resource.types if t.startswith(SKG_IRI))
    anything = own or sorted(resource.types)
    return local_name(anything[0]) if anything else "Resource"


def node_attributes(key: str, resource: Resource, label: str) -> dict[str, str]:
    """A node's GraphML attributes, XML-safe: label, kind, iri, rdf:type, one per literal property."""
    attrs = {"label": xml_text(label), "kind": kind(resource), "iri": xml_text(key)}
    if resource.types:
        attrs["rdf:type"] = JOIN.join(sorted(curie(t) for t in resource.types))
    for predicate in sorted(resource.literals):
        attrs[curie(predicate)] = JOIN.join(xml_text(v) for v in resource.texts(predicate))
    return attrs


def edge_attributes(predicate: str, graphs: Iterable[str]) -> dict[str, str]:
    """An edge's GraphML attributes: predicate CURIE, its local name, the named graphs holding it."""
    return {"predicate": curie(predicate), "label": local_name(predicate),
            "graphs": JOIN.join(curie(g) for g in sorted(graphs))}


def node_id(key: str) -> str:
    return xml_text(curie(key))


def graphml_graph(index: ResourceIndex) -> nx.MultiDiGraph:
    """The union graph as a networkx multigraph (edge key = predicate CURIE), all in memory: for small
    stores and as the reference the streamed file (kg.export.graphml_stream) reads back equal to."""
    import networkx as nx

    graph = nx.MultiDiGraph(name=GRAPH_NAME)
    for key in index.keys():
        graph.add_node(node_id(key), **node_attributes(key, index.resources[key], index.label(key)))
    for subject, predicate, obj in index.links():
        graph.add_edge(node_id(subject), node_id(obj), key=curie(predicate),
                       **edge_attributes(predicate, index.graphs(subject, predicate, obj)))
    return graph


class GraphmlExporter(Exporter):
    name = "graphml"
    description = "GraphML for Cytoscape/Gephi: resources as nodes, literals as attributes"

    def write(self, store: KgStore, output: Path) -> ExportResult:
        from kg.export.graphml_stream import write_graphml  # it builds on this module's attributes

        nodes, edges = write_graphml(store, output)
        return ExportResult((output,), {"nodes": nodes, "edges": edges})
