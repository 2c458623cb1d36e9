"""Cross-references (xrefs) in the lexicon: well-formed CURIEs, documented source, no reuse."""

from __future__ import annotations

import re
from collections import defaultdict
from importlib import resources

import pytest

from kg.build.concepts import xref_match
from ontology.lexicon import CONCEPT_FILES, Concept, load_lexicon, read_concepts

CURIE_PATTERNS = {
    "NCIT": re.compile(r"NCIT:C\d+"),
    "CHEBI": re.compile(r"CHEBI:\d+"),
    "DRUGBANK": re.compile(r"DRUGBANK:DB\d{5}"),
    "HGNC": re.compile(r"HGNC:\d+"),
    "MONDO": re.compile(r"MONDO:\d{7}"),
    "EFO": re.compile(r"EFO:\d{7}"),
}

# Which prefixes make sense for which concept type (a gene id on a drug is a data-entry slip).
ALLOWED_PREFIXES = {
    "drug": {"NCIT", "CHEBI", "DRUGBANK"},
    "target": {"HGNC"},
    "subtype": {"NCIT", "MONDO"},
    "endpoint": {"NCIT", "EFO"},
}


def _concepts() -> list[Concept]:
    """Read every lexicon file directly (not through the cached loader)."""
    folder = resources.files("ontology") / "lexicon"
    concepts: list[Concept] = []
    for type_, filename in CONCEPT_FILES.items():
        entry = folder / filename
        if entry.is_file():
            concepts.extend(read_concepts(type_, filename, entry.read_text(encoding="utf-8")))
    return concepts


CONCEPTS = _concepts()
WITH_XREFS = [c for c in CONCEPTS if c.xrefs]


def _bare(xref: str) -> str:
    """The identifier without the `close:` mark of a near equivalent."""
    return xref_match(xref)[1]


def _id(concept: Concept) -> str:
    return f"{concept.type}:{concept.key}"


def test_lexicon_still_loads() -> None:
    load_lexicon.cache_clear()
    lexicon = load_lexicon()
    assert len(lexicon) == len(CONCEPTS)
    assert any(c.xrefs for c in lexicon)


def test_some_xrefs_present_for_each_core_type() -> None:
    for type_ in ALLOWED_PREFIXES:
        assert any(c.xrefs for c in CONCEPTS if c.type == type_), type_


@pytest.mark.parametrize("concept", WITH_XREFS, ids=_id)
def test_xrefs_are_well_formed_curies(concept: Concept) -> None:
    for curie in map(_bare, concept.xrefs):
        prefix, sep, _ = curie.partition(":")
        assert sep, f"{_id(concept)}: {curie!r} is not a CURIE"
        assert prefix in CURIE_PATTERNS, f"{_id(concept)}: unknown prefix in {curie!r}"
        assert CURIE_PATTERNS[prefix].fullmatch(curie), f"{_id(concept)}: malformed {curie!r}"


@pytest.mark.parametrize("concept", WITH_XREFS, ids=_id)
def test_xref_prefix_fits_concept_type(concept: Concept) -> None:
    allowed = ALLOWED_PREFIXES.get(concept.type)
    if allowed is None:
        return
    for curie in map(_bare, concept.xrefs):
        assert curie.split(":", 1)[0] in allowed, f"{_id(concept)}: {curie} not allowed for {concept.type}"


@pytest.mark.parametrize("concept", WITH_XREFS, ids=_id)
def test_rows_with_xrefs_name_a_source(concept: Concept) -> None:
    assert concept.source.strip(), f"{_id(concept)} has xrefs but no source"


@pytest.mark.parametrize("concept", WITH_XREFS, ids=_id)
def test_no_duplicate_xref_within_a_concept(concept: Concept) -> None:
    assert len(set(concept.xrefs)) == len(concept.xrefs), _id(concept)


@pytest.mark.parametrize("concept", WITH_XREFS, ids=_id)
def test_at_most_one_id_per_prefix(concept: Concept) -> None:
    prefixes = [_bare(curie).split(":", 1)[0] for curie in concept.xrefs]
    assert len(set(prefixes)) == len(prefixes), f"{_id(concept)}: {concept.xrefs}"


def test_no_identifier_shared_by_two_concepts() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for concept in CONCEPTS:
        for curie in concept.xrefs:
            owners[_bare(curie)].add(_id(concept))
    shared = {curie: sorted(names) for curie, names in owners.items() if len(names) > 1}
    assert not shared, shared


@pytest.mark.parametrize(
    ("type_", "key", "curie"),
    [
        ("drug", "pembrolizumab", "NCIT:C106432"),
        ("drug", "nivolumab", "NCIT:C68814"),
        ("target", "PD-1", "HGNC:8760"),
        ("target", "PD-L1", "HGNC:17635"),
        ("target", "VEGFR2", "HGNC:6307"),
        ("endpoint", "CR", "NCIT:C4870"),
        ("endpoint", "PD", "NCIT:C35571"),
        ("endpoint", "AE", "NCIT:C41331"),
        ("endpoint", "OS", "NCIT:C125201"),
        ("endpoint", "PFS", "EFO:0004920"),
        ("endpoint", "ORR", "close:NCIT:C96613"),
    ],
)
def test_anchor_xrefs(type_: str, key: str, curie: str) -> None:
    concept = load_lexicon().get(type_, key)
    assert concept is not None
    assert curie in concept.xrefs


def test_a_close_xref_is_written_as_skos_close_match() -> None:
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    from kg.build.concepts import build_lexicon_graph
    from kg.core.iris import concept_iri

    graph, warnings = build_lexicon_graph(load_lexicon())
    orr = concept_iri("endpoint", "ORR")
    ncit = URIRef("http://purl.obolibrary.org/obo/NCIT_C96613")
    assert (orr, SKOS.closeMatch, ncit) in graph
    assert (orr, SKOS.exactMatch, ncit) not in graph
    os_code = URIRef("http://purl.obolibrary.org/obo/NCIT_C125201")
    assert (concept_iri("endpoint", "OS"), SKOS.exactMatch, os_code) in graph
    assert not [w for w in warnings if "ORR" in w]
