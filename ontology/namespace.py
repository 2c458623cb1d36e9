"""The one place the project's namespaces are defined.

`SKG` is the vocabulary (classes and properties, described in `ontology.ttl`); `DATA` is where
instances live (papers without a DOI, concepts, measurements, evidence, named graphs). The
external vocabularies rdflib does not ship (FaBiO, BIBO, CiTO) are declared here with just the
terms the project uses. Every namespace is a `DefinedNamespace` with `_fail = True`, so a
misspelt term raises at once instead of minting a new IRI.
"""

from __future__ import annotations

from importlib import resources

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD, DefinedNamespace

SKG_IRI = "https://w3id.org/sarcoma-kg/ontology#"
DATA_IRI = "https://w3id.org/sarcoma-kg/id/"
DOI_IRI = "https://doi.org/"

DATA = Namespace(DATA_IRI)


class SKG(DefinedNamespace):
    """sarcoma-kg ontology terms (see ontology/ontology.ttl for labels and comments)."""

    _fail = True
    _NS = Namespace(SKG_IRI)

    # classes
    Publication: URIRef
    CitedWork: URIRef
    ReferenceEntry: URIRef
    CitationMarker: URIRef
    Study: URIRef
    Cohort: URIRef
    Trial: URIRef
    Concept: URIRef
    Drug: URIRef
    DrugClass: URIRef
    Target: URIRef
    Subtype: URIRef
    Endpoint: URIRef
    AdverseEventTerm: URIRef
    Biomarker: URIRef
    Regimen: URIRef
    Mention: URIRef
    Measurement: URIRef
    OutcomeMeasurement: URIRef
    AdverseEventMeasurement: URIRef
    Evidence: URIRef

    # bibliographic
    sourceFile: URIRef
    journal: URIRef
    firstAuthor: URIRef
    authorName: URIRef
    inPublication: URIRef
    referenceNumber: URIRef
    referenceText: URIRef
    refersTo: URIRef
    citesReference: URIRef
    surface: URIRef

    # concepts and mentions
    key: URIRef
    hasTarget: URIRef
    mentions: URIRef
    concept: URIRef
    surfaceForm: URIRef
    mentionCount: URIRef
    occurrences: URIRef
    hasComponent: URIRef

    # study and cohort
    reportsStudy: URIRef
    design: URIRef
    phase: URIRef
    registration: URIRef
    registeredAs: URIRef
    reportsTrial: URIRef
    centers: URIRef
    enrolled: URIRef
    evaluable: URIRef
    dataCutoff: URIRef
    medianFollowUp: URIRef
    hasCohort: URIRef
    population: URIRef
    subgroup: URIRef
    # study frame (extractors/frame.py, kg/build/frame_graph.py)
    StudyGroup: URIRef
    Arm: URIRef
    StudyCohort: URIRef
    LineGroup: URIRef
    designType: URIRef
    hasArm: URIRef
    hasStudyCohort: URIRef
    hasLineGroup: URIRef
    armRole: URIRef
    armOrder: URIRef
    groupLabel: URIRef
    groupSize: URIRef
    group: URIRef

    # measurements
    reportedIn: URIRef
    attributedTo: URIRef
    scope: URIRef
    cohort: URIRef
    regimen: URIRef
    endpoint: URIRef
    valuePrinted: URIRef
    value: URIRef
    notReached: URIRef
    unit: URIRef
    timepoint: URIRef
    ciLow: URIRef
    ciHigh: URIRef
    ciLevel: URIRef
    ciLowPrinted: URIRef
    ciHighPrinted: URIRef
    sampleSize: URIRef
    pValue: URIRef
    adverseEvent: URIRef
    grade: URIRef
    patientCount: URIRef
    percent: URIRef
    percentPrinted: URIRef
    termPrinted: URIRef
    claim: URIRef
    comparisonKey: URIRef
    conflictsWith: URIRef
    statedIn: URIRef
    Claim: URIRef
    Finding: URIRef
    checkName: URIRef
    findingMessage: URIRef
    concerns: URIRef
    hasFinding: URIRef

    # evidence
    section: URIRef
    charStart: URIRef
    charEnd: URIRef
    quote: URIRef
    sourceLocation: URIRef


class FABIO(DefinedNamespace):
    """FRBR-aligned Bibliographic Ontology (the terms used here)."""

    _fail = True
    _NS = Namespace("http://purl.org/spar/fabio/")

    JournalArticle: URIRef
    Work: URIRef


class BIBO(DefinedNamespace):
    """Bibliographic Ontology (the terms used here)."""

    _fail = True
    _NS = Namespace("http://purl.org/ontology/bibo/")

    doi: URIRef
    volume: URIRef
    pages: URIRef


class CITO(DefinedNamespace):
    """Citation Typing Ontology (the terms used here)."""

    _fail = True
    _NS = Namespace("http://purl.org/spar/cito/")

    cites: URIRef


PREFIXES: dict[str, str] = {
    "skg": SKG_IRI,
    "id": DATA_IRI,
    "doi": DOI_IRI,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "fabio": str(FABIO),
    "bibo": str(BIBO),
    "cito": str(CITO),
    "sh": str(SH),
}
"""Prefixes for serializations and for SPARQL queries (`kg sparql` accepts them undeclared)."""


def ontology_text() -> str:
    """The OWL/RDFS ontology (Turtle) shipped in this package."""
    return (resources.files("ontology") / "ontology.ttl").read_text(encoding="utf-8")


def shapes_text() -> str:
    """The SHACL shapes (Turtle) shipped in this package."""
    return (resources.files("ontology") / "shapes.ttl").read_text(encoding="utf-8")
