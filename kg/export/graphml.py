"""`kg export --format graphml`: the graph for Cytoscape and Gephi (written with networkx).

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
from typing import TYPE_CHECKING

from kg.core.errors import OutputError
from kg.export.base import Exporter, ExportResult, curie
from kg.export.resources import Resource, ResourceIndex
from ontology.namespace import SKG_IRI

if TYPE_CHECKING:
    from pathlib import Path

    import networkx as nx

    from kg.store.kg_store import KgStore

JOIN = " | "
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


def graphml_graph(index: ResourceIndex) -> nx.MultiDiGraph:
    """The union graph as a networkx multigraph (edge key = predicate CURIE)."""
    import networkx as nx

    graph = nx.MultiDiGraph(name="sarcoma-kg")
    for key in index.keys():
        resource = index.resources[key]
        attrs = {"label": xml_text(index.label(key)), "kind": kind(resource), "iri": xml_text(key)}
        if resource.types:
            attrs["rdf:type"] = JOIN.join(sorted(curie(t) for t in resource.types))
        for predicate in sorted(resource.literals):
            attrs[curie(predicate)] = JOIN.join(xml_text(v) for v in resource.texts(predicate))
        graph.add_node(xml_text(curie(key)), **attrs)
    for subject, predicate, obj in index.links():
        name = curie(predicate)
        graph.add_edge(xml_text(curie(subject)), xml_text(curie(obj)), key=name, predicate=name,
                       label=local_name(predicate),
                       graphs=JOIN.join(curie(g) for g in index.graphs(subject, predicate, obj)))
    return graph


class GraphmlExporter(Exporter):
    name = "graphml"
    description = "GraphML for Cytoscape/Gephi: resources as nodes, literals as attributes"

    def write(self, store: KgStore, output: Path) -> ExportResult:
        import networkx as nx

        graph = graphml_graph(ResourceIndex.from_quads(store.quads()))
        try:
            nx.write_graphml(graph, output, encoding="utf-8", prettyprint=True)
        except OSError as exc:
            raise OutputError(f"cannot write {output}: {exc}") from exc
        return ExportResult((output,), {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()})
