"""The GraphML export written in a stream: memory stays flat however large the store.

The in-memory projection (`graphml_graph`: every triple as Python objects, then a networkx graph)
needed more than 5.6 GB on 1,000 papers. Here the same nodes, edges and attributes are written in
passes whose memory does not grow with the store:

1. A label book: the own names (skos:prefLabel, dcterms:title, skg:key) of the resources that have
   one (vocabulary, publications: small), which composed labels of other nodes quote.
2. The content quads as N-Quads lines "s p o g", sorted through runs on disk
   (kg.store.union_stream.sorted_distinct_lines), so each subject's quads arrive together: its
   <node> is written with its attributes, its links go to an edge file with the named graphs of
   their (s, p, o) (consecutive lines), its link targets to an object file.
3. The link targets, sorted the same way, merged against the (already sorted) subjects: targets that
   are never subjects become bare nodes.

The file is assembled as networkx writes it: attribute keys, then <graph> with the nodes, the bare
nodes and the edges. One difference from the in-memory projection, by design: a Mention whose concept
has no name of its own gets the concept's CURIE in its label (not a label composed from the concept's
own triples, which would need the whole store in memory).
"""

from __future__ import annotations

import shutil
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from itertools import groupby
from pathlib import Path
from typing import IO, TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, SKOS

from kg.core.iris import is_index_graph
from kg.export.base import curie, node_key, open_output
from kg.export.graphml import GRAPH_NAME, edge_attributes, node_attributes, node_id, xml_text
from kg.export.resources import RDF_TYPE, Resource, composed_label, full_label, own_label
from kg.store.union_stream import PARSE_BATCH, sorted_distinct_lines
from ontology.namespace import SKG

if TYPE_CHECKING:
    from kg.store.kg_store import KgStore

NAME_PREDICATES = (str(SKOS.prefLabel), str(DCTERMS.title), str(SKG.key))
_HEADER = ('<?xml version=\'1.0\' encoding=\'utf-8\'?>\n'
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
           'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')


class LabelBook:
    """The resources with a name of their own, as small `Resource`s holding only their names."""

    def __init__(self, named: dict[str, Resource]) -> None:
        self.named = named

    @classmethod
    def from_store(cls, store: KgStore) -> LabelBook:
        raw = store.raw
        hidden = store.hidden_graphs()
        named: dict[str, Resource] = {}
        for predicate in NAME_PREDICATES:
            for quad in raw.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
                graph = quad.graph_name
                if isinstance(graph, ox.NamedNode) and (is_index_graph(graph.value) or graph.value in hidden):
                    continue
                if isinstance(quad.object, ox.Literal) and not isinstance(quad.subject, ox.Triple):
                    key = node_key(quad.subject)
                    named.setdefault(key, Resource(key)).literals[predicate].add(quad.object)
        return cls(named)

    def key_of(self, key: str) -> str:
        resource = self.named.get(key)
        return resource.text(str(SKG.key)) if resource is not None else ""

    def label_of(self, key: str) -> str:
        resource = self.named.get(key)
        return (own_label(resource) if resource is not None else "") or curie(key)

    def label(self, resource: Resource) -> str:
        """The label of a resource whose every triple is in `resource`."""
        return own_label(resource) or full_label(resource.key, composed_label(resource, self.key_of, self.label_of))


class AttributeKeys:
    """GraphML <key> ids, given out in the order attributes are first written (deterministic)."""

    def __init__(self) -> None:
        self.ids: dict[tuple[str, str], str] = {}

    def id(self, domain: str, name: str) -> str:
        found = self.ids.get((domain, name))
        if found is None:
            found = self.ids[(domain, name)] = f"d{len(self.ids)}"
        return found

    def declarations(self) -> str:
        return "".join(f'  <key id="{key}" for="{domain}" attr.name={quoteattr(name)} attr.type="string" />\n'
                       for (domain, name), key in self.ids.items())


def _text(value: str) -> str:
    # a carriage return would come back as a newline (XML end-of-line handling): keep it as a reference
    return escape(xml_text(value), {"\r": "&#13;"})


def _attr(value: str) -> str:
    return quoteattr(xml_text(value), {"\r": "&#13;"})


def _data(keys: AttributeKeys, domain: str, attrs: dict[str, str]) -> str:
    return "".join(f'      <data key="{keys.id(domain, name)}">{_text(value)}</data>\n'
                   for name, value in attrs.items())


def node_xml(keys: AttributeKeys, key: str, resource: Resource, label: str) -> str:
    return (f"    <node id={_attr(node_id(key))}>\n{_data(keys, 'node', node_attributes(key, resource, label))}"
            "    </node>\n")


def edge_xml(keys: AttributeKeys, subject: str, predicate: str, target: str, graphs: Iterable[str]) -> str:
    ends = f"source={_attr(node_id(subject))} target={_attr(node_id(target))}"
    return (f"    <edge {ends} id={_attr(curie(predicate))}>\n"
            f"{_data(keys, 'edge', edge_attributes(predicate, graphs))}    </edge>\n")


def quad_line(quad: ox.Quad) -> str:
    """The quad as N-Quads text without the final dot ("s p o g"; "s p o " in the default graph).

    Sorting these lines sorts by subject text first: a complete term never continues with a space."""
    if isinstance(quad.subject, ox.Triple) or isinstance(quad.object, ox.Triple):
        raise TypeError("RDF-star triples cannot be exported to GraphML")
    graph = "" if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name)
    return f"{quad.subject} {quad.predicate} {quad.object} {graph}"


def _parsed(lines: Iterable[str]) -> Iterator[ox.Quad]:
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= PARSE_BATCH:
            yield from ox.parse("".join(f"{text} .\n" for text in batch).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
            batch = []
    if batch:
        yield from ox.parse("".join(f"{text} .\n" for text in batch).encode("utf-8"), format=ox.RdfFormat.N_QUADS)


def gather(subject: ox.NamedNode | ox.BlankNode, quads: Iterable[ox.Quad]
           ) -> tuple[Resource, dict[tuple[str, str], set[str]], set[str]]:
    """One subject's quads as a Resource, the named graphs of each (predicate, target) link, and the
    link targets as N-Triples text."""
    resource = Resource(node_key(subject))
    link_graphs: dict[tuple[str, str], set[str]] = defaultdict(set)
    targets: set[str] = set()
    for quad in quads:
        predicate, obj = quad.predicate.value, quad.object
        if isinstance(obj, ox.Literal):
            resource.literals[predicate].add(obj)
        elif predicate == RDF_TYPE and isinstance(obj, ox.NamedNode):
            resource.types.add(obj.value)
        else:
            target = node_key(obj)
            resource.links[predicate].add(target)
            graphs = link_graphs[(predicate, target)]
            if isinstance(quad.graph_name, ox.NamedNode):
                graphs.add(quad.graph_name.value)
            targets.add(str(obj))
    return resource, link_graphs, targets


def _key_of_text(text: str) -> str:
    return text[1:-1] if text.startswith("<") else text


def _bare_targets(objects: Path, subjects: Path, folder: Path) -> Iterator[str]:
    """Keys of the link targets (one N-Triples term a line in `objects`) absent from `subjects`
    (sorted terms, one a line), in sorted order."""
    with objects.open(encoding="utf-8") as targets, subjects.open(encoding="utf-8") as subject_lines:
        subject = next(subject_lines, None)
        for target in sorted_distinct_lines((line[:-1] for line in targets), folder):
            while subject is not None and subject[:-1] < target:
                subject = next(subject_lines, None)
            if subject is None or subject[:-1] != target:
                yield _key_of_text(target)


def write_graphml(store: KgStore, output: Path) -> tuple[int, int]:
    """Write the store's union graph to `output` as GraphML; returns (nodes, edges)."""
    book = LabelBook.from_store(store)
    keys = AttributeKeys()
    for name in ("label", "kind", "iri", "rdf:type"):
        keys.id("node", name)
    for name in ("predicate", "label", "graphs"):
        keys.id("edge", name)
    graph_key = keys.id("graph", "name")
    nodes = edges = 0
    with tempfile.TemporaryDirectory(prefix=".kg-graphml-", dir=output.parent) as temporary:
        folder = Path(temporary)
        for part in ("quads", "objects"):
            (folder / part).mkdir()
        paths = {name: folder / f"{name}.txt" for name in ("nodes", "edges", "objects", "subjects")}
        with ExitStack() as stack:
            files: dict[str, IO[str]] = {name: stack.enter_context(path.open("w", encoding="utf-8", newline="\n"))
                                         for name, path in paths.items()}
            lines = sorted_distinct_lines((quad_line(q) for q in store.content_quads()), folder / "quads")
            for subject, quads in groupby(_parsed(lines), key=lambda quad: quad.subject):
                resource, link_graphs, targets = gather(subject, quads)
                files["nodes"].write(node_xml(keys, resource.key, resource, book.label(resource)))
                files["subjects"].write(f"{subject}\n")
                nodes += 1
                for predicate, target in sorted(link_graphs):
                    files["edges"].write(edge_xml(keys, resource.key, predicate, target,
                                                  link_graphs[(predicate, target)]))
                    edges += 1
                files["objects"].writelines(f"{target}\n" for target in sorted(targets))
        with open_output(output) as handle:
            handle.write(_HEADER)
            body_keys = keys.declarations()  # every key is known once the nodes and edges are written
            handle.write(body_keys)
            handle.write('  <graph edgedefault="directed">\n')
            with paths["nodes"].open(encoding="utf-8") as written:
                shutil.copyfileobj(written, handle)
            for key in _bare_targets(paths["objects"], paths["subjects"], folder / "objects"):
                handle.write(node_xml(keys, key, Resource(key), curie(key)))
                nodes += 1
            with paths["edges"].open(encoding="utf-8") as written:
                shutil.copyfileobj(written, handle)
            handle.write(f'    <data key="{graph_key}">{_text(GRAPH_NAME)}</data>\n  </graph>\n</graphml>\n')
    return nodes, edges
