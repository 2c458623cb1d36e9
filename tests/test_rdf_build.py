"""Records -> RDF: content IRIs, datatypes, provenance, determinism, and the ontology's vocabulary."""

from __future__ import annotations

import dataclasses

import pytest
import rdflib
from rdflib import RDF, BNode, Literal, URIRef
from rdflib.namespace import OWL, PROV, SKOS
from sample_paper import SAMPLE_TEXT, sample_records

from kg.build.concepts import build_lexicon_graph
from kg.build.rdf_build import build_paper, canonical_decimal
from kg.core import iris
from ontology.lexicon import Concept, Lexicon
from ontology.namespace import BIBO, DATA_IRI, SKG, ontology_text

LEXICON = Lexicon([
    Concept("drug", "demolimab", "demolimab", synonyms=("DML-1",), parents=("pd-l1 inhibitor",),
            targets=("PD-L1",), xrefs=("NCIT:C000001",)),
    Concept("drug_class", "pd-l1 inhibitor", "PD-L1 inhibitor", parents=("ici",)),
    Concept("drug_class", "ici", "immune checkpoint inhibitor"),
    Concept("subtype", "ASPS", "alveolar soft part sarcoma", parents=("STS",)),
    Concept("subtype", "STS", "soft tissue sarcoma"),
    Concept("adverse_event", "hypertension", "hypertension", synonyms=("high blood pressure",)),
])


def test_no_blank_nodes_and_deterministic() -> None:
    first = build_paper(sample_records(), LEXICON).graph
    second = build_paper(sample_records(), LEXICON).graph
    assert set(first) == set(second)
    assert len(first) > 100
    assert not any(isinstance(term, BNode) for triple in first for term in triple)


def test_a_paper_is_keyed_like_the_works_that_cite_it() -> None:
    records = sample_records(doi="https://doi.org/10.9999/SAMPLE.2024.001")
    paper = build_paper(records, LEXICON)
    assert (paper.publication, RDF.type, SKG.Publication) in paper.graph
    assert paper.graph_iri == URIRef(DATA_IRI + "graph/sample_paper.txt")
    # metadata prints "Given Surname", a reference list "Surname GN": both meet in one node
    surname = records.authors[0].split()[-1]
    cited_as = iris.work_iri("", f"{surname} X", records.year, records.title.upper() + ".")
    assert paper.publication == cited_as
    assert paper.publication == build_paper(sample_records(doi=""), LEXICON).publication, "DOI or not, one work"
    other = build_paper(sample_records("other.txt", doi="", title="Another trial of demolimab"), LEXICON)
    assert other.publication != paper.publication


def test_publication_without_author_or_year_falls_back_to_doi_then_hash() -> None:
    with_doi = iris.publication_iri("10.9999/X.1", "a.txt", "A title", first_author="", year=None)
    assert with_doi == URIRef("https://doi.org/10.9999/x.1")
    assert str(iris.publication_iri("", "a.txt", "A title")).startswith(DATA_IRI + "paper/")


def test_concepts_regimens_and_works_are_shared_across_papers() -> None:
    paper_a = build_paper(sample_records("a.txt", doi="10.1/a"), LEXICON)
    paper_b = build_paper(sample_records("b.txt", doi="10.1/b"), LEXICON)
    a, b = paper_a.graph, paper_b.graph
    regimen = iris.regimen_iri(("exampletinib", "demolimab"))
    assert regimen == URIRef(DATA_IRI + "regimen/demolimab+exampletinib")
    for paper in (paper_a, paper_b):
        # shared nodes are described in the vocabulary part, never repeated in the paper's own graph
        assert (regimen, SKG.key, Literal("demolimab + exampletinib")) in paper.vocabulary
        assert (URIRef(DATA_IRI + "subtype/ASPS"), RDF.type, SKG.Subtype) in paper.vocabulary
        assert not set(paper.graph.triples((None, SKG.key, None)))
        assert not set(paper.graph.triples((None, SKG.comparisonKey, None)))
        assert (URIRef(DATA_IRI + "subtype/ASPS"), RDF.type, SKG.Subtype) in paper.complete
    works_a = set(a.objects(None, SKG.refersTo))
    works_b = set(b.objects(None, SKG.refersTo))
    assert works_a == works_b
    with_doi = [w for w in works_a if (w, BIBO.doi, Literal("10.1000/XYZ.123")) in a]
    assert len(with_doi) == 1, "the printed DOI stays on the shared work node"
    # regimen components are typed by the lexicon: a drug class token is a DrugClass
    mixed = iris.regimen_iri(("pd-l1 inhibitor", "exampletinib"))
    assert mixed == iris.regimen_iri(("Exampletinib ", "pd-l1 inhibitor", "exampletinib"))


def test_work_iri_without_doi_ignores_initials_and_punctuation() -> None:
    one = iris.work_iri("", "Smith AB", 2019, "Demolimab in ASPS: a trial.")
    two = iris.work_iri("", "Smith A", 2019, "demolimab in ASPS - a trial")
    assert one == two
    assert one != iris.work_iri("", "Smith A", 2020, "demolimab in ASPS - a trial")


def test_measurement_datatypes_and_values() -> None:
    paper = build_paper(sample_records(), LEXICON)
    g = paper.graph
    orr = next(m for m in g.subjects(RDF.type, SKG.OutcomeMeasurement)
               if (m, SKG.valuePrinted, Literal("40.0")) in g)
    assert (orr, SKG.value, Literal("40", datatype=rdflib.XSD.decimal)) in g
    assert (orr, SKG.ciLow, Literal("22.7", datatype=rdflib.XSD.decimal)) in g
    assert (orr, SKG.ciHighPrinted, Literal("59.4")) in g
    assert (orr, SKG.sampleSize, Literal("30", datatype=rdflib.XSD.integer)) in g
    assert (orr, SKG.scope, Literal("primary")) in g
    nr = next(g.subjects(SKG.valuePrinted, Literal("NR")))
    assert (nr, SKG.notReached, Literal("true", datatype=rdflib.XSD.boolean)) in g
    assert g.value(nr, SKG.value) is None
    ae = next(g.subjects(SKG.grade, Literal("3-4")))
    assert (ae, SKG.percent, Literal("6.7", datatype=rdflib.XSD.decimal)) in g
    assert (ae, SKG.adverseEvent, URIRef(DATA_IRI + "adverse-event/hypertension")) in g


@pytest.mark.parametrize(("printed", "canonical"), [
    ("40.0", "40"), ("17.60", "17.6"), (".5", "0.5"), ("-0.0", "0"), ("\u22121.5", "-1.5"), ("007", "7"),
    ("NR", None), ("5 to 20", None), ("<10", None), ("", None),
])
def test_canonical_decimal(printed: str, canonical: str | None) -> None:
    assert canonical_decimal(printed) == canonical


def test_every_measurement_leads_back_to_its_quote() -> None:
    g = build_paper(sample_records(), LEXICON).graph
    measurements = set(g.subjects(RDF.type, SKG.OutcomeMeasurement)) | set(
        g.subjects(RDF.type, SKG.AdverseEventMeasurement))
    assert len(measurements) == 5
    for m in measurements:
        evidence = g.value(m, PROV.wasDerivedFrom)
        start, end = int(g.value(evidence, SKG.charStart)), int(g.value(evidence, SKG.charEnd))
        assert SAMPLE_TEXT[start:end] == str(g.value(evidence, SKG.quote))
        assert g.value(evidence, PROV.hadPrimarySource) == g.value(m, SKG.reportedIn)


def test_cited_outcome_is_attributed_and_missing_refs_are_reported() -> None:
    paper = build_paper(sample_records(), LEXICON)
    g = paper.graph
    cited = next(g.subjects(SKG.scope, Literal("cited")))
    work = iris.work_iri("10.1000/XYZ.123", "Smith A", 2019, "Demolimab in ASPS")
    assert set(g.objects(cited, SKG.attributedTo)) == {work}
    numbers = {int(g.value(entry, SKG.referenceNumber)) for entry in g.objects(cited, SKG.citesReference)}
    assert numbers == {2, 3}
    assert paper.warnings == ["reference [3] is cited but not in the parsed reference list"]


def test_mentions_are_summarised_per_concept() -> None:
    paper = build_paper(sample_records(), LEXICON)
    g = paper.graph
    drug = URIRef(DATA_IRI + "drug/exampletinib")
    summary = next(g.subjects(SKG.concept, drug))
    assert int(g.value(summary, SKG.mentionCount)) == 2
    assert set(map(str, g.objects(summary, SKG.surfaceForm))) == {"Exampletinib", "exampletinib"}
    # every place it is printed, as offsets; the first place is its one Evidence node
    spans = [tuple(map(int, span.split("-"))) for span in str(g.value(summary, SKG.occurrences)).split()]
    assert len(spans) == 2 and spans == sorted(spans)
    evidence = list(g.objects(summary, PROV.wasDerivedFrom))
    assert len(evidence) == 1 and int(g.value(evidence[0], SKG.charStart)) == spans[0][0]
    assert (paper.publication, SKG.mentions, drug) in g
    # one label per concept in a paper graph, even when a regimen token repeats the concept
    assert len(set(paper.vocabulary.objects(drug, SKOS.prefLabel))) == 1
    assert not set(g.objects(drug, SKOS.prefLabel)), "labels live in the vocabulary, not the paper graph"
    assert paper.counts["entities"] == 5


def test_duplicate_reference_numbers_keep_the_first() -> None:
    records = sample_records()
    dup = dataclasses.replace(records.references[0], title="Another title")
    records.references.append(dup)
    paper = build_paper(records, LEXICON)
    assert any("appears twice" in w for w in paper.warnings)
    entry = iris.reference_entry_iri("sample_paper.txt", 1)
    assert len(set(paper.graph.objects(entry, SKG.refersTo))) == 1


def test_lexicon_graph() -> None:
    graph, warnings = build_lexicon_graph(LEXICON)
    drug = URIRef(DATA_IRI + "drug/demolimab")
    assert (drug, SKOS.altLabel, Literal("DML-1")) in graph
    assert (drug, SKOS.broader, URIRef(DATA_IRI + "drug-class/pd-l1%20inhibitor")) in graph
    assert (drug, SKG.hasTarget, URIRef(DATA_IRI + "target/PD-L1")) in graph
    assert (drug, SKOS.exactMatch, URIRef("http://purl.obolibrary.org/obo/NCIT_C000001")) in graph
    assert (URIRef(DATA_IRI + "subtype/ASPS"), SKOS.broader, URIRef(DATA_IRI + "subtype/STS")) in graph
    assert warnings == []
    # the paper graph's concept triples agree with the lexicon graph's
    paper = build_paper(sample_records(), LEXICON).graph
    asps = URIRef(DATA_IRI + "subtype/ASPS")
    assert set(paper.triples((asps, None, None))) <= set(graph.triples((asps, None, None)))


def test_namespace_and_ontology_agree() -> None:
    ontology = rdflib.Graph().parse(data=ontology_text(), format="turtle")
    declared = {s for s in ontology.subjects() if isinstance(s, URIRef) and str(s).startswith(str(SKG))}
    in_namespace = {SKG[name] for name in SKG.__annotations__}
    assert declared == in_namespace
    for term in declared:
        assert ontology.value(term, rdflib.RDFS.label) is not None, term
        assert ontology.value(term, rdflib.RDFS.comment) is not None, term
        kinds = set(ontology.objects(term, RDF.type))
        assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}, term
    with pytest.raises(AttributeError):
        SKG.Drugg  # noqa: B018 - a typo must fail at once


def test_built_graph_uses_only_declared_terms() -> None:
    g = build_paper(sample_records(), LEXICON).graph
    used = {p for p in g.predicates()} | {o for o in g.objects(None, RDF.type)}
    assert {t for t in used if str(t).startswith(str(SKG))} <= {SKG[n] for n in SKG.__annotations__}
