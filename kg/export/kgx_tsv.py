"""`kg export --format kgx -o DIR`: DIR/nodes.tsv and DIR/edges.tsv in KGX TSV, typed with Biolink.

The KGX view is a projection of the RDF graph onto Biolink (mapping in `kg.export.biolink`):

- nodes: every resource of a mapped class (drugs, classes, targets, subtypes, endpoints, AE terms,
  biomarkers, trials, regimens, publications, cited works, studies, cohorts, and the outcome and
  adverse-event measurements as `biolink:TextMiningStudyResult`), plus any other resource that a
  kept link points to (`biolink:NamedThing`). Columns: id (CURIE: `skgid:...`, `doi:...`),
  category, name, description (every other literal property as `curie=value`), synonym
  (skos:altLabel), xref (skos:exactMatch and closeMatch, OBO PURLs as `NCIT:C...`), iri, provided_by, and for
  measurements supporting_text (the quotes they were read from).
- folded, not nodes: Evidence (its quote becomes supporting_text), Mention (the paper's
  skg:mentions link stays), ReferenceEntry (cito:cites stays), CitationMarker (the measurement's
  skg:attributedTo stays). Links from or to them are not exported; that is the whole loss.
- edges: every other link between nodes, with the Biolink predicate of its RDF predicate (else
  `biolink:related_to_at_instance_level`) and `original_predicate` = the RDF predicate; plus
  two summaries derived from primary-scope measurements: regimen `biolink:studied_to_treat`
  subtype (outcomes) and regimen `biolink:has_adverse_event` AE term (adverse events).

Provenance (Biolink 4): primary_knowledge_source `infores:sarcoma-kg`; publications = the papers
whose named graphs hold the link (`doi:` CURIEs when the paper has a DOI); agent_type
`text_mining_agent` for what was read from papers, `manual_agent` for what only the curated
lexicon says (targets, classes, subtype hierarchy), `data_analysis_pipeline` for what was computed
across papers (knowledge_level `logical_entailment`); knowledge_level `observation` for links of
measurements and for adverse events, `knowledge_assertion` otherwise. Multi-valued cells are
joined with `|` (KGX's list delimiter), so `|`, tabs and line breaks inside values are replaced
(by `/` and spaces).
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.core.errors import OutputError
from kg.core.iris import LEXICON_GRAPH
from kg.core.safe_text import csv_cell
from kg.export.base import Exporter, ExportResult, curie
from kg.export.biolink import (
    AGENT_COMPUTED,
    AGENT_CURATED,
    AGENT_TEXT_MINING,
    CATEGORIES,
    DEFAULT_CATEGORY,
    DEFAULT_PREDICATE,
    EDGE_CATEGORY,
    FOLDED,
    HAS_ADVERSE_EVENT,
    INFORES,
    LEVEL_ASSERTION,
    LEVEL_ENTAILMENT,
    LEVEL_OBSERVATION,
    MEASUREMENTS,
    PREDICATES,
    STUDIED_TO_TREAT,
    xref_curie,
)
from kg.export.resources import RDF_TYPE, Resource, ResourceIndex
from ontology.namespace import BIBO, SKG

if TYPE_CHECKING:
    from pathlib import Path

    from kg.store.kg_store import KgStore

NODE_COLUMNS = ("id", "category", "name", "description", "synonym", "xref", "iri", "provided_by", "supporting_text")
EDGE_COLUMNS = ("id", "subject", "predicate", "object", "category", "knowledge_level", "agent_type",
                "primary_knowledge_source", "publications", "original_predicate")
LIST = "|"
_NAME_PROPERTIES = (str(SKOS.prefLabel), str(DCTERMS.title))  # in the order `label` uses them
_SYNONYM = str(SKOS.altLabel)
_XREFS = frozenset({str(SKOS.exactMatch), str(SKOS.closeMatch)})
"""Both go to the xref column: biolink's xref is a cross-reference, not a claim of identity."""


def cell(text: str) -> str:
    """One TSV value: no tabs or line breaks, and no `|` (KGX would split the value there)."""
    return " ".join(text.replace(LIST, "/").split())


def cells(values: Iterable[str]) -> str:
    """A multi-valued TSV value: distinct, sorted, joined with `|`."""
    return LIST.join(sorted({cell(v) for v in values if v.strip()}))


@dataclass(frozen=True)
class Edge:
    subject: str
    predicate: str
    object: str
    knowledge_level: str
    agent_type: str
    publications: tuple[str, ...]
    original_predicate: str = ""

    def row(self) -> dict[str, str]:
        key = f"{self.subject} {self.predicate} {self.object} {self.original_predicate}"
        return {
            "id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}",
            "subject": self.subject, "predicate": self.predicate, "object": self.object,
            "category": EDGE_CATEGORY, "knowledge_level": self.knowledge_level, "agent_type": self.agent_type,
            "primary_knowledge_source": INFORES, "publications": cells(self.publications),
            "original_predicate": self.original_predicate,
        }


def categories(resource: Resource) -> list[str]:
    return sorted({CATEGORIES[t] for t in resource.types if t in CATEGORIES}) or [DEFAULT_CATEGORY]


def is_folded(resource: Resource) -> bool:
    """Provenance structure (evidence, mentions, reference entries, citation markers): not a node."""
    return bool(resource.types & FOLDED)


def node_row(key: str, r: Resource, name: str, quotes: Iterable[str]) -> dict[str, str]:
    """A node's KGX row: `r` holds every triple of resource `key`, `name` is its label, `quotes` the
    texts of the evidence it was read from (measurements)."""
    named_by = next((p for p in _NAME_PROPERTIES if r.texts(p)), "")
    skip = {_SYNONYM} | ({named_by} if len(r.texts(named_by)) == 1 else set())
    described = [f"{curie(p)}={', '.join(r.texts(p))}" for p in sorted(r.literals) if p not in skip]
    return {
        "id": curie(key), "category": LIST.join(categories(r)), "name": cell(name),
        "description": cell("; ".join(described)), "synonym": cells(r.texts(_SYNONYM)),
        "xref": cells(xref_curie(x) for p in sorted(_XREFS) for x in r.linked(p)),
        "iri": cell(key), "provided_by": INFORES,
        "supporting_text": cells(quotes),
    }


def publication_curie(key: str, doi: str) -> str:
    """`doi:...` when the publication has a DOI (whatever its IRI), else its CURIE."""
    return f"doi:{doi.lower()}" if doi else curie(key)


def link_edge(subject: Resource, predicate: str, obj: str, graphs: Iterable[str],
              publications_of: Callable[[str], Iterable[str]]) -> Edge:
    """The edge of a kept link, its provenance read from the named graphs that hold it
    (`publications_of(graph)`: the publication CURIEs a paper graph types)."""
    graphs = sorted(graphs)
    publications = tuple(sorted({p for g in graphs for p in publications_of(g)}))
    level = LEVEL_OBSERVATION if subject.types & MEASUREMENTS else LEVEL_ASSERTION
    if publications:
        agent = AGENT_TEXT_MINING
    elif all(g == str(LEXICON_GRAPH) for g in graphs):
        agent, level = AGENT_CURATED, LEVEL_ASSERTION
    else:
        agent, level = AGENT_COMPUTED, LEVEL_ENTAILMENT  # computed across papers (e.g. conflicting claims)
    return Edge(curie(subject.key), PREDICATES.get(predicate, DEFAULT_PREDICATE), curie(obj), level, agent,
                publications, curie(predicate))


def is_kept_link(predicate: str) -> bool:
    return predicate not in _XREFS


Summaries = dict[tuple[str, str, str, str], set[str]]
"""(regimen, Biolink predicate, subtype or AE term, knowledge level) -> the publications reporting it."""


def add_summaries(m: Resource, populations_of: Callable[[str], Iterable[str]], found: Summaries) -> None:
    """Regimen studied_to_treat subtype (outcomes), regimen has_adverse_event AE term (adverse events),
    from a primary-scope measurement `m`; `populations_of(cohort)` gives a cohort's subtypes."""
    if m.text(str(SKG.scope)) != "primary":
        return
    if str(SKG.OutcomeMeasurement) in m.types:
        subtypes = {s for cohort in m.linked(str(SKG.cohort)) for s in populations_of(cohort)}
        for regimen in m.linked(str(SKG.regimen)):
            for subtype in subtypes:
                found[(regimen, STUDIED_TO_TREAT, subtype, LEVEL_ASSERTION)].update(m.linked(str(SKG.reportedIn)))
    if str(SKG.AdverseEventMeasurement) in m.types:
        for regimen in m.linked(str(SKG.regimen)):
            for term in m.linked(str(SKG.adverseEvent)):
                found[(regimen, HAS_ADVERSE_EVENT, term, LEVEL_OBSERVATION)].update(m.linked(str(SKG.reportedIn)))


def summary_edges(found: Summaries, publication_curie_of: Callable[[str], str],
                  is_node: Callable[[str], bool]) -> list[Edge]:
    return [Edge(curie(s), p, curie(o), level, AGENT_TEXT_MINING,
                 tuple(sorted(publication_curie_of(x) for x in pubs)))
            for (s, p, o, level), pubs in found.items() if is_node(s) and is_node(o)]


class KgxProjection:
    """The store seen as Biolink nodes and edges, all in memory (the export streams: kg.export.kgx_stream)."""

    def __init__(self, quads: Iterable[ox.Quad]) -> None:
        self.graph_publications: dict[str, set[str]] = defaultdict(set)
        self.index = ResourceIndex.from_quads(self._noting_publications(quads))  # one pass over the store
        self.nodes = self._node_keys()

    def _noting_publications(self, quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
        """The quads unchanged, recording on the way which publications each named graph types."""
        publication = ox.NamedNode(str(SKG.Publication))
        for quad in quads:
            if (quad.predicate.value == RDF_TYPE and isinstance(quad.graph_name, ox.NamedNode)
                    and quad.object == publication):
                self.graph_publications[quad.graph_name.value].add(quad.subject.value)
            yield quad

    def folded(self, key: str) -> bool:
        return is_folded(self.index.resources[key])

    def _node_keys(self) -> set[str]:
        keys = {k for k, r in self.index.resources.items() if r.is_subject and not self.folded(k)}
        for subject, predicate, obj in self.index.links():
            if is_kept_link(predicate) and subject in keys and not self.folded(obj):
                keys.add(obj)
        return keys

    def node_row(self, key: str) -> dict[str, str]:
        r = self.index.resources[key]
        quotes: list[str] = []
        if r.types & MEASUREMENTS:
            for evidence in r.linked(str(PROV.wasDerivedFrom)):
                quotes.extend(self.index.resources[evidence].texts(str(SKG.quote)))
        return node_row(key, r, self.index.label(key), quotes)

    def publication_curie(self, key: str) -> str:
        return publication_curie(key, self.index.resources[key].text(str(BIBO.doi))
                                 if key in self.index.resources else "")

    def _publications_of(self, graph: str) -> list[str]:
        return [self.publication_curie(p) for p in self.graph_publications[graph]]

    def edges(self) -> list[Edge]:
        edges: list[Edge] = []
        for subject, predicate, obj in self.index.links():
            if not is_kept_link(predicate) or subject not in self.nodes or obj not in self.nodes:
                continue
            edges.append(link_edge(self.index.resources[subject], predicate, obj,
                                   self.index.graphs(subject, predicate, obj), self._publications_of))
        found: Summaries = defaultdict(set)
        for m in self.index.of_type(str(SKG.OutcomeMeasurement)) + self.index.of_type(
                str(SKG.AdverseEventMeasurement)):
            add_summaries(m, lambda cohort: self.index.resources[cohort].linked(str(SKG.population)), found)
        edges.extend(summary_edges(found, self.publication_curie, self.nodes.__contains__))
        return sorted(edges, key=lambda e: (e.subject, e.predicate, e.object, e.original_predicate))


_TSV_BREAKS = re.compile(r"[\t\r\n]")


def tsv_line(columns: tuple[str, ...], row: dict[str, str]) -> str:
    """One TSV line (without its line break) of the row's `columns`."""
    return "\t".join(_tsv_cell(row.get(c, "")) for c in columns)


def _tsv_cell(value: str) -> str:
    """A KGX TSV cell: no tab or line break inside (the format has no quoting), no live formula."""
    return str(csv_cell(_TSV_BREAKS.sub(" ", value)))


class KgxExporter(Exporter):
    name = "kgx"
    description = "KGX TSV (DIR/nodes.tsv, DIR/edges.tsv) with Biolink categories and predicates"
    writes_directory = True

    def write(self, store: KgStore, output: Path) -> ExportResult:
        if output.exists() and not output.is_dir():
            raise OutputError(f"{output} is a file; KGX output is a folder (it gets nodes.tsv and edges.tsv)")
        try:
            output.mkdir(exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create the folder {output}: {exc}") from exc
        from kg.export.kgx_stream import write_kgx  # it builds on this module's rows

        nodes, edges = write_kgx(store, output / "nodes.tsv", output / "edges.tsv")
        return ExportResult((output / "nodes.tsv", output / "edges.tsv"), {"nodes": nodes, "edges": edges})
