"""How the ontology maps onto the Biolink Model (4.x) for the KGX export.

Every category and predicate here is checked against the Biolink Model YAML that the
`biolink-model` package ships (tests/test_export_kgx.py), so a Biolink release that renames one
fails the tests, not a downstream loader.

Choices worth knowing:

- Drug -> Drug (not SmallMolecule: the lexicon does not say which drugs are antibodies);
  DrugClass -> ChemicalEntity (OntologyClass is a mixin, not a category); Target -> Protein
  (targets are keyed by gene symbol but stand for the protein a drug binds).
- Subtype -> Disease, also for the pooled groups (nonASPS, OTHERS) the tables use.
- Endpoint and Biomarker -> ClinicalAttribute.
- Regimen -> Treatment (a set of drugs and/or drug classes; ChemicalMixture would not fit
  "chemotherapy" or "pd-1 inhibitor" components).
- Publication -> Article; CitedWork -> Publication (its kind is not known).
- OutcomeMeasurement, AdverseEventMeasurement and Claim (a result as stated, shared by the
  measurements that state it) -> TextMiningStudyResult: a study result read from text, which is
  what they are (Biolink has no Observation class; StudyResult is abstract).
- Predicates: Drug hasTarget Target -> directly_physically_interacts_with (Biolink's `has target`
  is disease -> gene); skos:broader -> subclass_of; Regimen hasComponent -> has_part;
  Publication mentions -> mentions. Biolink has no `cites`; citations and the links of
  measurements, cohorts and studies use related_to_at_instance_level, and every edge keeps the
  RDF predicate in `original_predicate`.
"""

from __future__ import annotations

import re

from rdflib.namespace import SKOS

from ontology.namespace import SKG

INFORES = "infores:sarcoma-kg"
EDGE_CATEGORY = "biolink:Association"
DEFAULT_CATEGORY = "biolink:NamedThing"
DEFAULT_PREDICATE = "biolink:related_to_at_instance_level"
LEVEL_ASSERTION = "knowledge_assertion"
LEVEL_OBSERVATION = "observation"
LEVEL_ENTAILMENT = "logical_entailment"
AGENT_TEXT_MINING = "text_mining_agent"
AGENT_CURATED = "manual_agent"
AGENT_COMPUTED = "data_analysis_pipeline"

CATEGORIES: dict[str, str] = {
    str(SKG.Drug): "biolink:Drug",
    str(SKG.DrugClass): "biolink:ChemicalEntity",
    str(SKG.Target): "biolink:Protein",
    str(SKG.Subtype): "biolink:Disease",
    str(SKG.Endpoint): "biolink:ClinicalAttribute",
    str(SKG.Biomarker): "biolink:ClinicalAttribute",
    str(SKG.AdverseEventTerm): "biolink:PhenotypicFeature",
    str(SKG.Trial): "biolink:ClinicalTrial",
    str(SKG.Regimen): "biolink:Treatment",
    str(SKG.Publication): "biolink:Article",
    str(SKG.CitedWork): "biolink:Publication",
    str(SKG.Study): "biolink:Study",
    str(SKG.Cohort): "biolink:Cohort",
    str(SKG.OutcomeMeasurement): "biolink:TextMiningStudyResult",
    str(SKG.AdverseEventMeasurement): "biolink:TextMiningStudyResult",
    str(SKG.Claim): "biolink:TextMiningStudyResult",
    str(SKG.Concept): DEFAULT_CATEGORY,
}
"""skg class -> Biolink category (a resource of several classes gets each one's category)."""

FOLDED = frozenset({str(SKG.Evidence), str(SKG.Mention), str(SKG.ReferenceEntry), str(SKG.CitationMarker)})
"""Classes whose resources are provenance structure, folded into other nodes' columns."""

MEASUREMENTS = frozenset({str(SKG.OutcomeMeasurement), str(SKG.AdverseEventMeasurement)})

PREDICATES: dict[str, str] = {
    str(SKG.hasTarget): "biolink:directly_physically_interacts_with",
    str(SKOS.broader): "biolink:subclass_of",
    str(SKG.hasComponent): "biolink:has_part",
    str(SKG.mentions): "biolink:mentions",
}
"""RDF predicate -> Biolink predicate; any other link is DEFAULT_PREDICATE."""

STUDIED_TO_TREAT = "biolink:studied_to_treat"
HAS_ADVERSE_EVENT = "biolink:has_adverse_event"
"""Predicates of the summary edges derived from measurements (see kg.export.kgx_tsv)."""

_OBO = re.compile(r"^http://purl\.obolibrary\.org/obo/([A-Za-z][A-Za-z0-9]*)_(\S+)$")
_BIOREGISTRY = re.compile(r"^https://bioregistry\.io/([A-Za-z][A-Za-z0-9._-]*):(\S+)$")


def xref_curie(iri: str) -> str:
    """An external identifier IRI (as kg.build.concepts.xref_iri writes it) back as a CURIE."""
    for pattern in (_OBO, _BIOREGISTRY):
        match = pattern.match(iri)
        if match:
            return f"{match.group(1)}:{match.group(2)}"
    return iri
