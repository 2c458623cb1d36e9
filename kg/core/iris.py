"""IRIs derived from content, so that building the same paper twice gives the same nodes.

Rules (see DESIGN.md, "The ontology"):

- a publication is `https://doi.org/<doi>` when its DOI is known, else `id:paper/<hash of source
  file name + title>`; a cited work is `https://doi.org/<doi>` when printed, else
  `id:work/<hash of normalized first-author surname + year + normalized title>`;
- a concept is `id:<kind>/<key>` (`id:drug/anlotinib`, `id:subtype/ASPS`), url-quoted;
- a regimen is `id:regimen/<sorted tokens joined with +>`: the same set is the same node everywhere;
- measurements, evidence, mentions, cohorts are `id:<kind>/<hash>` of their content and provenance;
- each paper's named graph is `id:graph/<source file name>`; shared vocabulary is `id:graph/lexicon`
  (plus `id:graph/vocabulary` for concepts the lexicon lacks, and per paper its spellings of them in
  `id:graph/spellings/<source file name>`), claims `id:graph/claims`.

No blank nodes anywhere: two builds of the same records are equal as plain sets of triples.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import quote

from rdflib import URIRef

from kg.core.numbers import canonical_decimal, is_not_reached
from ontology.namespace import DATA_IRI, DOI_IRI, SKG_IRI

if TYPE_CHECKING:
    from extractors.records import Evidence

HASH_CHARS = 20
"""Hex characters of SHA-1 kept in hashed IRIs (80 bits: collisions are not a concern here)."""

CONCEPT_PATHS = {
    "drug": "drug",
    "drug_class": "drug-class",
    "target": "target",
    "subtype": "subtype",
    "endpoint": "endpoint",
    "adverse_event": "adverse-event",
    "biomarker": "biomarker",
    "trial_id": "trial",
}
"""Mention / lexicon type -> path segment of the concept's IRI."""

LEXICON_GRAPH = URIRef(DATA_IRI + "graph/lexicon")
DERIVED_GRAPH = URIRef(DATA_IRI + "graph/derived")
"""Facts computed across papers (conflicting claims); updated for the comparison keys a written or
removed paper takes part in."""
VOCABULARY_GRAPH = URIRef(DATA_IRI + "graph/vocabulary")
"""Concepts and regimens papers use that the lexicon does not hold, described once: a function of the
papers the store holds (each concept's label the best of their spellings, kg.build.vocabulary_write)."""
SPELLINGS_GRAPH = URIRef(DATA_IRI + "graph/spellings")
"""Under it, one graph per paper: how the paper spells each vocabulary node it links to (an index, never
exported), so that removing the paper gives the labels it chose back to the others' spellings."""
CLAIMS_GRAPH = URIRef(DATA_IRI + "graph/claims")
"""Claim nodes (comparison key, scope, value), once each however many papers state them."""
BUILDS_GRAPH = URIRef(DATA_IRI + "graph/builds")
"""Bookkeeping: each paper graph's content hash and source path, and whether the last build finished."""
ANSWERS_GRAPH = URIRef(DATA_IRI + "graph/answers")
"""The outcome question's rows, one per claim, joined from the papers' parts when a build ends
(kg/build/answers.py)."""
HIDDEN_GRAPH = SKG_IRI + "hiddenGraph"
"""Builds-graph property: a graph being written (bulk-loaded) that readers must not see yet."""


def paper_answers_graph(paper_graph: str) -> str:
    """A paper's parts of the answer rows (kg.build.answer_parts): one graph per paper, dropped with it."""
    return f"{ANSWERS_GRAPH}/{paper_graph.rsplit('/', 1)[-1]}"


def rows_graph(batch: str) -> str:
    """The graph of the answer rows a batch of papers wrote first (kg.build.answers.fresh_rows): under
    the answers graph, beside the papers' parts graphs (whose names hold no "/")."""
    return f"{ANSWERS_GRAPH}/rows/{batch}"


def is_rows_graph(graph: str) -> bool:
    return graph.startswith(f"{ANSWERS_GRAPH}/rows/")


def paper_spellings_graph(paper_graph: str) -> str:
    """A paper's spellings of the vocabulary nodes it links to: one graph per paper, dropped with it."""
    return f"{SPELLINGS_GRAPH}/{paper_graph.rsplit('/', 1)[-1]}"


def is_spellings_graph(graph: str) -> bool:
    return graph.startswith(f"{SPELLINGS_GRAPH}/")


def is_index_graph(graph: str) -> bool:
    """Bookkeeping, answer rows and spellings: derived indexes of the store, not content (never exported)."""
    return (graph == str(BUILDS_GRAPH) or graph == str(ANSWERS_GRAPH) or graph.startswith(f"{ANSWERS_GRAPH}/")
            or is_spellings_graph(graph))


SHARED_GRAPHS = (ANSWERS_GRAPH, LEXICON_GRAPH, VOCABULARY_GRAPH, CLAIMS_GRAPH, DERIVED_GRAPH, BUILDS_GRAPH)

_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def _q(part: str) -> str:
    return quote(part, safe="")


_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str)
"""`json.dumps` with these options, built once (dumps builds an encoder per call)."""


def digest(*parts: object) -> str:
    """Stable short hash of JSON-encoded parts (order matters, types are kept apart)."""
    blob = _JSON.encode(parts)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:HASH_CHARS]


def data_iri(path: str) -> URIRef:
    return URIRef(DATA_IRI + path)


def normalize_doi(doi: str) -> str:
    """`https://doi.org/10.1/X.` -> `10.1/X` (prefix and trailing punctuation removed, case kept)."""
    doi = _DOI_PREFIX.sub("", doi.strip()).strip().rstrip(".,;")
    while doi.endswith(")") and doi.count(")") > doi.count("("):  # "(doi:10.1/x)" -> "10.1/x"
        doi = doi[:-1].rstrip(".,;")
    return doi


def doi_iri(doi: str) -> URIRef:
    """DOIs are case-insensitive: the IRI uses the lowercase form so every printing meets in one node."""
    return URIRef(DOI_IRI + quote(normalize_doi(doi).lower(), safe="/:;()._-~"))


def normalize_text(text: str) -> str:
    """Lowercase ASCII letters and digits separated by single spaces (for hashing titles)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def graph_iri(source_file: str) -> URIRef:
    return data_iri("graph/" + _q(source_file))


def publication_iri(doi: str, source_file: str, title: str, first_author: str = "",
                    year: int | None = None) -> URIRef:
    """A paper is a work like any it cites: keyed on author, year and title when it prints them,
    so a corpus paper that another paper cites is the same node (see `work_iri`)."""
    if title and year and first_author:
        # metadata names authors "Given Surname"; references print "Surname GA"
        return work_key_iri(normalize_text(first_author.split()[-1]).replace(" ", ""), year, title)
    if normalize_doi(doi):
        return doi_iri(doi)
    return data_iri("paper/" + digest(source_file, title))


def study_iri(publication: URIRef, source_file: str) -> URIRef:
    """The study as one file reports it (two files of the same paper do not mix their facts)."""
    return data_iri("study/" + digest(str(publication), source_file))


def work_key_iri(author_surname: str, year: int | None, title: str, text: str = "") -> URIRef:
    """A work's IRI from its first author's surname, year and normalised title (else entry text)."""
    return data_iri("work/" + digest(author_surname, year, normalize_text(title) or normalize_text(text)))


def work_iri(doi: str, first_author: str, year: int | None, title: str, text: str = "") -> URIRef:
    """One node per work across papers: first author, year and title, never whether a DOI was
    printed (one paper prints it, another does not). The DOI stays on the node as bibo:doi."""
    # imported here: `corpus` loads its readers, which the query side of kg never needs
    from corpus.bibliographic import surname_key

    if not (first_author and year) and normalize_doi(doi):
        return doi_iri(doi)
    return work_key_iri(surname_key(first_author), year, title, text)


def reference_entry_iri(source_file: str, number: int) -> URIRef:
    return data_iri(f"reference/{_q(source_file)}/{number}")


def concept_iri(type_: str, key: str) -> URIRef:
    path = CONCEPT_PATHS.get(type_) or "concept/" + _q(type_)
    return data_iri(f"{path}/{_q(key)}")


def regimen_tokens(tokens: Iterable[str]) -> tuple[str, ...]:
    """Lowercase, stripped, de-duplicated and sorted: the identity of a regimen."""
    return tuple(sorted({t.strip().lower() for t in tokens if t.strip()}))


def regimen_key(tokens: Iterable[str]) -> str:
    return " + ".join(regimen_tokens(tokens))


def regimen_iri(tokens: Iterable[str]) -> URIRef:
    return data_iri("regimen/" + "+".join(_q(t) for t in regimen_tokens(tokens)))


def evidence_key(ev: Evidence) -> tuple[str, str, int, int, str]:
    return (ev.source_file, ev.section, ev.start, ev.end, ev.quote)


def evidence_iri(ev: Evidence) -> URIRef:
    return data_iri("evidence/" + digest(*evidence_key(ev)))


def mention_iri(source_file: str, type_: str, key: str) -> URIRef:
    return data_iri("mention/" + digest(source_file, type_, key))


def citation_iri(source_file: str, start: int, end: int, surface: str) -> URIRef:
    return data_iri("citation/" + digest(source_file, start, end, surface))


def cohort_iri(publication: URIRef, scope: str, refs: tuple[int, ...], population: tuple[str, ...],
               subgroup: str) -> URIRef:
    return data_iri("cohort/" + digest(str(publication), scope, sorted(set(refs)), sorted(set(population)),
                                       subgroup))


def claim_key(source: list[str], regimen: tuple[str, ...], population: list[str], endpoint: str,
              timepoint: str, subgroup: str = "") -> str:
    """What a result is about: who it belongs to (cited works, or the reporting paper), regimen,
    population, subgroup, endpoint and timepoint. Two claims with one key and different values
    conflict."""
    return digest(sorted(source), list(regimen), sorted(population), endpoint, normalize_text(timepoint),
                  normalize_text(subgroup))


def finding_iri(check: str, evidence_key: str, message: str) -> URIRef:
    """A check's finding on one sentence or table row; the message tells findings there apart."""
    return data_iri("finding/" + digest(check, evidence_key, message))


def claim_iri(key: str, value: str) -> URIRef:
    """One node per stated result: the same key and value from any paper is the same claim."""
    return data_iri(CLAIM_PATH + digest(key, value_key(value)))


CLAIM_PATH = "claim/"


def is_claim_iri(node: str) -> bool:
    """Whether `node` is a claim's IRI (not, say, a measurement's)."""
    return node.startswith(DATA_IRI + CLAIM_PATH)


def value_key(value: str) -> str:
    """"37", "37.0" and "37 %" state the same value; "NR" and "not reached" too."""
    if is_not_reached(value):
        return "nr"
    return canonical_decimal(value) or normalize_text(value.strip().lower())


def measurement_iri(kind: str, *content: object) -> URIRef:
    """`kind` is 'outcome' or 'adverse-event'; content must include the evidence key."""
    return data_iri(f"{kind}/" + digest(*content))
