"""`kg export --format jsonld`: compacted JSON-LD plus the context file it references.

`kg export -f jsonld -o graph.jsonld` writes two files:

- `graph.context.jsonld`: `{"@context": {...}}` with the prefixes (skg, skgid, doi, skos, prov,
  dcterms, bibo, cito, fabio, xsd, rdf, rdfs, owl) and a term per class and property of the
  ontology (read from `ontology.ttl`: object properties coerce to `@id`, numeric, boolean and
  gYear datatype properties to their XSD type), plus the reused terms the graph writes
  (prefLabel, altLabel, broader, exactMatch, title, date, cites, wasDerivedFrom, ...);
- `graph.jsonld`: `{"@context": "graph.context.jsonld", "@graph": [...]}`, one node object per
  subject of the union graph (sorted by the subject's N-Triples text; written node by node, so memory
  holds one subject's triples), IRIs as CURIEs. The context is referenced by its file name,
  so a JSON-LD processor resolves it beside the document: keep the two files together.

Every triple is written: a value whose datatype the term does not coerce to is written as an
explicit value object (`{"@value": "5", "@type": "xsd:decimal"}`), so the file parses back to
exactly the store's union graph. Lexical forms are always JSON strings (never JSON numbers).
"""

from __future__ import annotations

import json
import textwrap
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pyoxigraph as ox
import rdflib
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.export.base import EXPORT_PREFIXES, Counted, Exporter, ExportResult, curie, node_key, open_output
from ontology.namespace import BIBO, CITO, FABIO, SKG_IRI, ontology_text

if TYPE_CHECKING:
    from kg.store.kg_store import KgStore

XSD_STRING = str(XSD.string)
_COERCED_RANGES = {XSD.integer, XSD.decimal, XSD.boolean, XSD.gYear, XSD.date, XSD.double}

REUSED_TERMS: dict[str, tuple[rdflib.URIRef, str | None]] = {
    "prefLabel": (SKOS.prefLabel, None),
    "altLabel": (SKOS.altLabel, None),
    "broader": (SKOS.broader, "@id"),
    "exactMatch": (SKOS.exactMatch, "@id"),
    "closeMatch": (SKOS.closeMatch, "@id"),
    "title": (DCTERMS.title, None),
    "date": (DCTERMS.date, str(XSD.gYear)),
    "volume": (BIBO.volume, None),
    "pages": (BIBO.pages, None),
    "cites": (CITO.cites, "@id"),
    "wasDerivedFrom": (PROV.wasDerivedFrom, "@id"),
    "hadPrimarySource": (PROV.hadPrimarySource, "@id"),
    "Entity": (PROV.Entity, None),
    "JournalArticle": (FABIO.JournalArticle, None),
    "Work": (FABIO.Work, None),
}
"""Terms of reused vocabularies (bibo:doi stays a CURIE: `doi` is the prefix of DOI IRIs)."""


@lru_cache(maxsize=1)
def context_terms() -> dict[str, tuple[str, str | None]]:
    """term -> (IRI, coercion: '@id', a datatype IRI, or None) for the ontology and reused terms."""
    onto = rdflib.Graph().parse(data=ontology_text(), format="turtle")
    terms: dict[str, tuple[str, str | None]] = {}

    def add(name: str, iri: str, coercion: str | None) -> None:
        if name in terms or name in EXPORT_PREFIXES:
            raise ValueError(f"JSON-LD term {name!r} is defined twice (ontology.ttl vs. reused terms)")
        terms[name] = (iri, coercion)

    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for node in sorted(onto.subjects(RDF.type, kind)):
            if not str(node).startswith(SKG_IRI):
                continue
            coercion: str | None = None
            if kind == OWL.ObjectProperty:
                coercion = "@id"
            elif kind == OWL.DatatypeProperty and onto.value(node, RDFS.range) in _COERCED_RANGES:
                coercion = str(onto.value(node, RDFS.range))
            add(str(node)[len(SKG_IRI):], str(node), coercion)
    for name, (iri, coercion) in REUSED_TERMS.items():
        add(name, str(iri), coercion)
    return terms


def context_document() -> dict[str, Any]:
    """The context file's content: prefixes first, then the terms, in a stable order."""
    context: dict[str, Any] = dict(EXPORT_PREFIXES)
    for name, (iri, coercion) in sorted(context_terms().items(), key=lambda item: (item[0].lower(), item[0])):
        if coercion is None:
            context[name] = curie(iri)
        else:
            context[name] = {"@id": curie(iri), "@type": coercion if coercion == "@id" else curie(coercion)}
    return {"@context": context}


class _Compactor:
    """Turns triples into node objects using the context's terms and prefixes."""

    def __init__(self) -> None:
        terms = context_terms()
        self.by_iri: dict[str, tuple[str, str | None]] = {iri: (name, c) for name, (iri, c) in terms.items()}
        self.classes = {iri: name for name, (iri, coercion) in terms.items() if name[:1].isupper()}

    def key(self, predicate: str) -> tuple[str, str | None]:
        return self.by_iri.get(predicate, (curie(predicate), None))

    def value(self, obj: ox.NamedNode | ox.BlankNode | ox.Literal, coercion: str | None) -> Any:
        if not isinstance(obj, ox.Literal):
            return curie(node_key(obj)) if coercion == "@id" else {"@id": curie(node_key(obj))}
        if obj.language:
            return {"@value": obj.value, "@language": obj.language}
        datatype = obj.datatype.value
        if datatype == (coercion or XSD_STRING):
            return obj.value
        if datatype == XSD_STRING:
            return {"@value": obj.value}
        return {"@value": obj.value, "@type": curie(datatype)}

    def node(self, subject: str, pairs: list[tuple[str, ox.NamedNode | ox.BlankNode | ox.Literal]]) -> dict:
        out: dict[str, Any] = {"@id": curie(subject)}
        types: list[str] = []
        values: dict[str, list[Any]] = defaultdict(list)
        for predicate, obj in pairs:
            if predicate == str(RDF.type) and isinstance(obj, ox.NamedNode):
                types.append(self.classes.get(obj.value) or curie(obj.value))
                continue
            name, coercion = self.key(predicate)
            values[name].append(self.value(obj, coercion))
        if types:
            out["@type"] = sorted(types) if len(types) > 1 else types[0]
        for name in sorted(values, key=lambda n: (n.lower(), n)):
            items = sorted(values[name], key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
            out[name] = items if len(items) > 1 else items[0]
        return out


def context_path(output: Path) -> Path:
    """`graph.jsonld` -> `graph.context.jsonld` (beside it)."""
    return output.with_name(output.stem + ".context.jsonld")


def jsonld_nodes(triples: Iterable[ox.Triple]) -> Iterator[dict[str, Any]]:
    """One compacted node object per subject, for triples sorted by subject (each subject's together)."""
    compactor = _Compactor()
    subject: str | None = None
    pairs: list[tuple[str, Any]] = []
    for triple in triples:
        if isinstance(triple.subject, ox.Triple) or isinstance(triple.object, ox.Triple):
            raise TypeError("RDF-star triples cannot be written as JSON-LD 1.1")
        key = node_key(triple.subject)
        if key != subject:
            if subject is not None:
                yield compactor.node(subject, pairs)
            subject, pairs = key, []
        pairs.append((triple.predicate.value, triple.object))
    if subject is not None:
        yield compactor.node(subject, pairs)


def write_document(handle: IO[str], context_reference: str, nodes: Iterable[dict[str, Any]]) -> None:
    """`{"@context": ..., "@graph": [...]}` written node by node, laid out as `json.dump(..., indent=1)`
    lays the whole document out."""
    handle.write('{\n "@context": ' + json.dumps(context_reference, ensure_ascii=False) + ',\n "@graph": [')
    written = False
    for node in nodes:
        handle.write((",\n" if written else "\n") + textwrap.indent(json.dumps(node, ensure_ascii=False, indent=1),
                                                                    "  "))
        written = True
    handle.write("\n ]\n}\n" if written else "]\n}\n")


class JsonLdExporter(Exporter):
    name = "jsonld"
    description = "JSON-LD (compacted; writes FILE.context.jsonld beside it), union of all graphs"

    def write(self, store: KgStore, output: Path) -> ExportResult:
        ctx_file = context_path(output)
        with open_output(ctx_file) as handle:
            json.dump(context_document(), handle, ensure_ascii=False, indent=2)
            handle.write("\n")
        triples = Counted(store.union_triples(output.parent))
        with open_output(output) as handle:  # streamed: one subject's node in memory at a time
            write_document(handle, ctx_file.name, jsonld_nodes(triples))
        return ExportResult((output, ctx_file), {"triples": triples.count})
