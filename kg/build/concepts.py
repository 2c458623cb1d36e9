"""Vocabulary concepts as RDF: how a lexicon concept, a regimen token or an AE term becomes a node.

`build_lexicon_graph` writes the shared vocabulary (labels, synonyms, hierarchy, targets, external
identifiers) that goes into the `graph/lexicon` named graph; `add_concept` writes the minimal
description (type, key, preferred label) of a concept. A paper's builder collects these for the
concepts it uses in a separate vocabulary part (`PaperGraph.vocabulary`): they are written once,
to the vocabulary graph, only for concepts the lexicon lacks, and never into the paper's own graph,
so joins over the union do not grow with the number of papers using a concept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from extractors.regimens import REGIMEN_CLASS_TOKENS
from kg.core.iris import concept_iri
from ontology.lexicon import fold
from ontology.namespace import SKG

if TYPE_CHECKING:
    from ontology.lexicon import Lexicon

Triple = tuple[URIRef, URIRef, URIRef | Literal]

CONCEPT_CLASSES: dict[str, URIRef] = {
    "drug": SKG.Drug,
    "drug_class": SKG.DrugClass,
    "target": SKG.Target,
    "subtype": SKG.Subtype,
    "endpoint": SKG.Endpoint,
    "adverse_event": SKG.AdverseEventTerm,
    "biomarker": SKG.Biomarker,
    "trial_id": SKG.Trial,
}
"""Mention / lexicon type -> class. Any other type is written as a plain skg:Concept."""

PARENT_TYPE = {"drug": "drug_class"}
"""A lexicon `parents` column names concepts of the same type, except drugs (-> drug classes)."""

OBO_PREFIXES = frozenset({"NCIT", "CHEBI", "MONDO", "DOID", "HP", "GO", "PR", "UBERON", "OAE", "SO"})
_CURIE = re.compile(r"^([A-Za-z][A-Za-z0-9_.-]*):(\S+)$")


def concept_label(lexicon: Lexicon | None, type_: str, key: str, fallback: str = "") -> str:
    """Preferred label: the lexicon's, else the given one, else the key."""
    concept = lexicon.get(type_, key) if lexicon is not None else None
    return concept.label if concept else (fallback.strip() or key)


def label_rank(spelling: str, key: str) -> tuple[int, int, bool, str]:
    """Where a spelling of a concept the lexicon lacks ranks as its label (the first wins): the longest
    first, spaces not counted (the fuller printed name: with its hyphen, its sponsor's prefix), then the
    one with fewer spaces ("SARC028" over the typeset "SARC 028"), then one printed otherwise than the
    key (the key is an upper- or lower-cased normal form), then code point order. The rank of a
    spelling depends on nothing but the spelling and the key, so the label the papers of a store give a
    concept does not depend on the order they were written in (docs/vocabulary.md)."""
    spaces = spelling.count(" ")
    return -(len(spelling) - spaces), spaces, spelling == key, spelling


def best_label(spellings: Iterable[str], key: str) -> str:
    """The first of the spellings by `label_rank` (the key when there are none)."""
    return min(spellings, key=lambda spelling: label_rank(spelling, key), default=key)


def add_concept(graph: Graph | set[Triple], type_: str, key: str,
                label: str) -> URIRef:
    """Type, key and preferred label of a concept node; returns its IRI."""
    node = concept_iri(type_, key)
    graph.add((node, RDF.type, CONCEPT_CLASSES.get(type_, SKG.Concept)))
    graph.add((node, SKG.key, Literal(key)))
    graph.add((node, SKOS.prefLabel, Literal(label)))
    return node


def token_type(lexicon: Lexicon | None, token: str) -> str:
    """Is a regimen token a drug class or a drug? The lexicon decides, then the contract's tokens."""
    if lexicon is not None:
        if lexicon.get("drug_class", token):
            return "drug_class"
        if lexicon.get("drug", token):
            return "drug"
    return "drug_class" if token in REGIMEN_CLASS_TOKENS else "drug"


def adverse_event_concept(lexicon: Lexicon | None, term: str) -> tuple[str, str]:
    """(key, label) of an adverse event term: the lexicon concept when known, else the term itself.

    An unknown term's label is derived from its key, so two papers that print it in different
    case still agree on one label for the shared node.
    """
    norm = " ".join(term.lower().split())  # an unknown term keys its own node
    if lexicon is not None:
        key = lexicon.forms("adverse_event").get(fold(term))
        if key:
            return key, concept_label(lexicon, "adverse_event", key)
    return norm, norm[:1].upper() + norm[1:]


CLOSE_MATCH_PREFIX = "close:"
"""An xref written `close:NCIT:C...` is a near equivalent (skos:closeMatch): the identifier names the
concept the key is measured on, not the key itself (the ORR is a rate of the NCIt's "Overall Response")."""


def xref_match(xref: str) -> tuple[URIRef, str]:
    """The SKOS mapping property an xref asks for and the identifier without its `close:` mark."""
    xref = xref.strip()
    if xref.lower().startswith(CLOSE_MATCH_PREFIX):
        return SKOS.closeMatch, xref[len(CLOSE_MATCH_PREFIX):]
    return SKOS.exactMatch, xref


def xref_iri(xref: str) -> URIRef | None:
    """An external identifier as an IRI: full IRIs kept, OBO CURIEs to PURLs, others to bioregistry."""
    xref = xref.strip()
    if xref.startswith(("http://", "https://")):
        return URIRef(xref)
    match = _CURIE.match(xref)
    if not match:
        return None
    prefix, local = match.groups()
    if prefix.upper() in OBO_PREFIXES:
        return URIRef(f"http://purl.obolibrary.org/obo/{prefix.upper()}_{local}")
    return URIRef(f"https://bioregistry.io/{prefix.lower()}:{local}")


def lexicon_triples(lexicon: Lexicon) -> tuple[set[Triple], list[str]]:
    """The shared vocabulary as a set of triples, plus warnings for entries that could not be written
    (a set, not a Graph: a worker indexing the lexicon needs no Graph's indexes, which made up most of
    the fork server's time on it)."""
    triples: set[Triple] = set()
    warnings = []
    for concept in lexicon:
        node = add_concept(triples, concept.type, concept.key, concept.label)
        for synonym in concept.synonyms:
            if synonym != concept.label:
                triples.add((node, SKOS.altLabel, Literal(synonym)))
        parent_type = PARENT_TYPE.get(concept.type, concept.type)
        for parent in concept.parents:
            parent_node = add_concept(triples, parent_type, parent, concept_label(lexicon, parent_type, parent))
            triples.add((node, SKOS.broader, parent_node))
        for target in concept.targets:
            target_node = add_concept(triples, "target", target, concept_label(lexicon, "target", target))
            triples.add((node, SKG.hasTarget, target_node))
        for xref in concept.xrefs:
            predicate, identifier = xref_match(xref)
            iri = xref_iri(identifier)
            if iri is None:
                warnings.append(f"lexicon {concept.type} {concept.key!r}: xref {xref!r} is not a CURIE or IRI")
            else:
                triples.add((node, predicate, iri))
    return triples, warnings


def build_lexicon_graph(lexicon: Lexicon) -> tuple[Graph, list[str]]:
    """The shared vocabulary as a Graph, plus warnings for entries that could not be written."""
    triples, warnings = lexicon_triples(lexicon)
    graph = Graph()
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph, warnings
