"""Records of one paper -> an rdflib Graph (the paper's named graph).

Every node has an IRI derived from content (see `kg.core.iris`), so building the same records twice
gives equal sets of triples. Every statement that says something about the paper's content
(mention, reference, study fact, measurement) is `prov:wasDerivedFrom` an `skg:Evidence` carrying
the quote and its character offsets in the source file.

Decimals are written in Oxigraph's canonical lexical form ("2.0" -> "2"), so the graph built here
equals what the store gives back; the value as printed is kept beside it as a string.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.build.concepts import CONCEPT_CLASSES, adverse_event_concept, best_label, concept_label, token_type
from kg.build.frame_graph import add_frame
from kg.core import iris, nt
from kg.core.nt import NtTriple, Vocabulary, literal
from kg.core.numbers import canonical_decimal, is_not_reached
from kg.quality.checks import Finding
from ontology.namespace import BIBO, CITO, FABIO, SKG

if TYPE_CHECKING:  # records are plain data; importing `extractors` at run time would load spaCy
    from extractors.records import (
        AdverseEventClaim,
        CitationMarker,
        Evidence,
        Mention,
        OutcomeClaim,
        PaperRecords,
        Reference,
        StudyFacts,
    )
    from ontology.lexicon import Lexicon

__all__ = ["PaperGraph", "build_paper", "canonical_decimal"]

# the vocabularies as N-Triples IRI text, named like Turtle prefixes: `skg.key` is '<...#key>'
skg, rdf, prov, dcterms = Vocabulary(SKG), Vocabulary(RDF), Vocabulary(PROV), Vocabulary(DCTERMS)
bibo, cito, fabio = Vocabulary(BIBO), Vocabulary(CITO), Vocabulary(FABIO)
_CONCEPT_CLASSES = {type_: nt.iri(str(cls)) for type_, cls in CONCEPT_CLASSES.items()}
_PREF_LABEL = nt.iri("http://www.w3.org/2004/02/skos/core#prefLabel")


def _graph(triples: set[NtTriple]) -> Graph:
    return Graph().parse(data=nt.ntriples(triples), format="nt")


@dataclass
class PaperGraph:
    """One paper's triples and what was counted or could not be written while building them.

    The builder collects plain sets of triples whose terms are N-Triples text (what the store
    writer sends; rdflib terms cost more than the rest of the build); `graph`, `vocabulary`,
    `claims` and `complete` give them as rdflib Graphs.
    """

    source_file: str
    graph_iri: URIRef
    publication: URIRef
    triples: set[NtTriple]
    """The paper's own statements: they go in its named graph and nowhere else."""
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    vocabulary_triples: set[NtTriple] = field(default_factory=set)
    """Descriptions (type, key, label, components) of the concepts and regimens the paper links to:
    shared nodes, written once to the vocabulary graph, never repeated per paper."""
    claim_triples: set[NtTriple] = field(default_factory=set)
    """Claim nodes (type, comparison key, scope, value) the paper's measurements state: shared across
    papers, kept once in the claims graph."""
    claim_keys: set[str] = field(default_factory=set)

    @cached_property
    def graph(self) -> Graph:
        return _graph(self.triples)

    @cached_property
    def vocabulary(self) -> Graph:
        return _graph(self.vocabulary_triples)

    @cached_property
    def claims(self) -> Graph:
        return _graph(self.claim_triples)

    @property
    def complete(self) -> Graph:
        """The paper's graph with the shared descriptions it links to (self-contained, for SHACL)."""
        return _graph(self.triples | self.vocabulary_triples | self.claim_triples)

    def comparison_keys(self) -> set[str]:
        """The comparison keys of the claims this paper states (the derived facts it takes part in)."""
        return set(self.claim_keys)


def build_paper(records: PaperRecords, lexicon: Lexicon | None = None,
                findings: Iterable[Finding] = ()) -> PaperGraph:
    """Turn one paper's records, and the findings of the number checks run on them, into its named
    graph's triples (nothing is written to a store)."""
    return _PaperBuilder(records, lexicon).build(findings)


def _iri(node: URIRef) -> str:
    return nt.iri(str(node))


class _PaperBuilder:
    """Collects the paper's triples; every node and value is N-Triples text (see `kg.core.nt`)."""

    def __init__(self, records: PaperRecords, lexicon: Lexicon | None) -> None:
        self.r = records
        self.lexicon = lexicon
        self.g: set[NtTriple] = set()
        self.vocab: set[NtTriple] = set()  # shared concept / regimen descriptions (see PaperGraph.vocabulary)
        self.claims: set[NtTriple] = set()
        self.claim_keys: set[str] = set()
        self.warnings: list[str] = []
        first_author = records.authors[0] if records.authors else ""
        self.pub_iri = iris.publication_iri(records.doi, records.source_file, records.title, first_author,
                                            records.year)
        self.pub = _iri(self.pub_iri)
        self.entries: dict[int, str] = {}
        self.works: dict[int, str] = {}
        self._stubs: set[int] = set()
        self.measurements: dict[int, str] = {}  # id() of an outcome / AE claim -> its node
        self.groups: dict[str, str] = {}  # label of a frame arm or cohort -> its node
        # nodes already described in this paper: a sentence backs many statements, a concept many links
        self._evidence_nodes: dict[Evidence, str] = {}
        self._concept_nodes: dict[tuple[str, str, str], str] = {}
        self._regimen_nodes: dict[tuple[str, ...], str | None] = {}
        # one label per concept in this graph: the lexicon's, else the paper's best spelling of it
        # (kg.build.concepts.label_rank: whichever comes first in the text), else the key
        self.labels: dict[tuple[str, str], str] = {}
        for mention in records.mentions:
            # a trial's name as printed ("Alliance A091401"), not its upper-cased key
            self.spelling(mention.type, mention.key.strip(),
                          mention.surface if mention.type == "trial_id" else mention.label)
        for ref in records.references:
            for trial in ref.trials:
                self.spelling("trial_id", trial.key, trial.name)

    # -- small helpers ---------------------------------------------------------------------------

    def spelling(self, type_: str, key: str, printed: str) -> None:
        """A way the paper spells a concept: kept as its label when it ranks before the one kept so far."""
        printed = printed.strip()
        if printed:
            kept = self.labels.get((type_, key))
            self.labels[(type_, key)] = printed if kept is None else best_label((kept, printed), key)

    def add(self, s: str, p: str, o: str | None) -> None:
        if o is not None:
            self.g.add((s, p, o))

    def text(self, s: str, p: str, value: str | None) -> None:
        if value is not None and value.strip():
            self.g.add((s, p, literal(value.strip())))

    def integer(self, s: str, p: str, value: int | None) -> None:
        if value is not None:
            self.g.add((s, p, nt.integer(value)))

    def evidence(self, ev: Evidence) -> str:
        node = self._evidence_nodes.get(ev)
        if node is not None:
            return node
        node = self._evidence_nodes[ev] = _iri(iris.evidence_iri(ev))
        add = self.g.add
        # neither `a prov:Entity` (skg:Evidence is a subclass of it) nor the file (the publication
        # it is the primary source of carries it): a paper has hundreds of evidence nodes
        add((node, rdf.type, skg.Evidence))
        self.text(node, skg.section, ev.section)
        add((node, skg.charStart, nt.integer(ev.start)))
        add((node, skg.charEnd, nt.integer(ev.end)))
        add((node, skg.quote, literal(ev.quote)))
        self.text(node, skg.sourceLocation, ev.locator)
        add((node, prov.hadPrimarySource, self.pub))
        return node

    def derived(self, node: str, ev: Evidence) -> None:
        self.g.add((node, prov.wasDerivedFrom, self.evidence(ev)))

    def concept(self, type_: str, key: str) -> str:
        """The concept's node, its type, key and preferred label in the vocabulary part."""
        label = concept_label(self.lexicon, type_, key, self.labels.get((type_, key), ""))
        node = self._concept_nodes.get((type_, key, label))
        if node is None:
            node = self._concept_nodes[(type_, key, label)] = _iri(iris.concept_iri(type_, key))
            self.vocab.add((node, rdf.type, _CONCEPT_CLASSES.get(type_, skg.Concept)))
            self.vocab.add((node, skg.key, literal(key)))
            self.vocab.add((node, _PREF_LABEL, literal(label)))
        return node

    def regimen(self, tokens: tuple[str, ...]) -> str | None:
        tokens = tuple(tokens)
        if tokens not in self._regimen_nodes:
            self._regimen_nodes[tokens] = self._new_regimen(tokens)
        return self._regimen_nodes[tokens]

    def _new_regimen(self, printed: tuple[str, ...]) -> str | None:
        tokens = iris.regimen_tokens(printed)
        if not tokens:
            return None
        node = _iri(iris.regimen_iri(tokens))
        self.vocab.add((node, rdf.type, skg.Regimen))
        self.vocab.add((node, skg.key, literal(iris.regimen_key(tokens))))
        for token in tokens:
            self.vocab.add((node, skg.hasComponent, self.concept(token_type(self.lexicon, token), token)))
        return node

    def cohort(self, scope: str, refs: tuple[int, ...], population: tuple[str, ...], subgroup: str) -> str:
        codes = tuple(sorted({c.strip() for c in population if c.strip()}))
        node = _iri(iris.cohort_iri(self.pub_iri, scope, refs, codes, subgroup.strip()))
        self.g.add((node, rdf.type, skg.Cohort))
        for code in codes:
            self.g.add((node, skg.population, self.concept("subtype", code)))
        self.text(node, skg.subgroup, subgroup)
        return node

    def entry(self, number: int) -> str:
        """The reference entry for a number; a stub (and a warning) when the list lacks it."""
        if number in self.entries:
            return self.entries[number]
        node = _iri(iris.reference_entry_iri(self.r.source_file, number))
        if number not in self._stubs:
            self._stubs.add(number)
            self.warnings.append(f"reference [{number}] is cited but not in the parsed reference list")
            self.g.add((node, rdf.type, skg.ReferenceEntry))
            self.g.add((node, skg.inPublication, self.pub))
            self.g.add((node, skg.referenceNumber, nt.integer(number)))
        return node

    # -- the parts of a paper --------------------------------------------------------------------

    def build(self, findings: Iterable[Finding]) -> PaperGraph:
        self.publication()
        for ref in self.r.references:
            self.reference(ref)
        entities = self.mentions(self.r.mentions)
        for marker in self.r.citations:
            self.citation(marker)
        self.study(self.r.study)
        for claim in self.r.outcomes:
            self.outcome(claim)
        for ae in self.r.adverse_events:
            self.adverse_event(ae)
        self.trials()
        for finding in findings:
            self.finding(finding)
        type_ = rdf.type
        types = Counter(o for _, p, o in self.g if p == type_)
        counts = {
            "triples": len(self.g),
            "entities": entities,
            "references": len(self.entries),
            "citations": len(self.r.citations),
            "outcomes": types[skg.OutcomeMeasurement],
            "adverse_events": types[skg.AdverseEventMeasurement],
            "findings": types[skg.Finding],
        }
        return PaperGraph(self.r.source_file, iris.graph_iri(self.r.source_file), self.pub_iri, self.g,
                          counts, self.warnings, self.vocab, self.claims, self.claim_keys)

    def publication(self) -> None:
        r, pub = self.r, self.pub
        self.g.add((pub, rdf.type, skg.Publication))
        self.g.add((pub, rdf.type, fabio.JournalArticle))
        self.g.add((pub, skg.sourceFile, literal(r.source_file)))
        self.text(pub, dcterms.title, r.title)
        self.text(pub, bibo.doi, iris.normalize_doi(r.doi))
        self.text(pub, skg.journal, r.journal)
        self.add(pub, dcterms.date, nt.year(r.year))
        authors = [a.strip() for a in r.authors if a.strip()]
        for author in authors:
            self.g.add((pub, skg.authorName, literal(author)))
        if authors:
            self.g.add((pub, skg.firstAuthor, literal(authors[0])))

    def reference(self, ref: Reference) -> None:
        if ref.number in self.entries:
            self.warnings.append(f"reference number {ref.number} appears twice; the first entry is kept")
            return
        node = _iri(iris.reference_entry_iri(self.r.source_file, ref.number))
        work = _iri(iris.work_iri(ref.doi, ref.first_author, ref.year, ref.title, ref.text))
        self.entries[ref.number], self.works[ref.number] = node, work
        self.g.add((node, rdf.type, skg.ReferenceEntry))
        self.g.add((node, skg.inPublication, self.pub))
        self.g.add((node, skg.referenceNumber, nt.integer(ref.number)))
        self.text(node, skg.referenceText, ref.text)
        self.g.add((node, skg.refersTo, work))
        self.derived(node, ref.evidence)
        self.g.add((work, rdf.type, skg.CitedWork))
        self.g.add((work, rdf.type, fabio.Work))
        self.text(work, dcterms.title, ref.title)
        self.text(work, skg.firstAuthor, ref.first_author)
        self.add(work, dcterms.date, nt.year(ref.year))
        self.text(work, skg.journal, ref.journal)
        self.text(work, bibo.doi, iris.normalize_doi(ref.doi))
        self.text(work, bibo.volume, ref.volume)
        self.text(work, bibo.pages, ref.pages)
        self.g.add((self.pub, cito.cites, work))
        for trial in ref.trials:
            self.g.add((work, skg.reportsTrial, self.concept("trial_id", trial.key)))

    def mentions(self, mentions: list[Mention]) -> int:
        groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
        for mention in mentions:
            if mention.key.strip():
                groups[(mention.type, mention.key.strip())].append(mention)
            else:
                self.warnings.append(f"mention {mention.surface!r} of type {mention.type} has no key")
        for (type_, key), group in groups.items():
            concept = self.concept(type_, key)
            node = _iri(iris.mention_iri(self.r.source_file, type_, key))
            self.g.add((node, rdf.type, skg.Mention))
            self.g.add((node, skg.inPublication, self.pub))
            self.g.add((node, skg.concept, concept))
            self.g.add((node, skg.mentionCount, nt.integer(len(group))))
            for surface in {mention.surface for mention in group}:
                self.g.add((node, skg.surfaceForm, literal(surface)))
            # one Evidence node (the first place it is printed) and every place as offsets: an
            # Evidence node per occurrence was ~40% of a paper's triples and of its write time
            spans = sorted({(m.evidence.start, m.evidence.end) for m in group})
            first = min(group, key=lambda m: (m.evidence.start, m.evidence.end))
            self.derived(node, first.evidence)
            self.g.add((node, skg.occurrences, literal(" ".join(f"{a}-{b}" for a, b in spans))))
            self.g.add((self.pub, skg.mentions, concept))
        return len(groups)

    def citation(self, marker: CitationMarker) -> None:
        node = _iri(iris.citation_iri(self.r.source_file, marker.start, marker.end, marker.surface))
        self.g.add((node, rdf.type, skg.CitationMarker))
        self.g.add((node, skg.inPublication, self.pub))
        self.g.add((node, skg.surface, literal(marker.surface)))
        self.g.add((node, skg.charStart, nt.integer(marker.start)))
        self.g.add((node, skg.charEnd, nt.integer(marker.end)))
        for number in marker.numbers:
            self.g.add((node, skg.citesReference, self.entry(number)))
        self.derived(node, marker.sentence)

    def finding(self, finding: Finding) -> None:
        node = _iri(iris.finding_iri(finding.check, iris.evidence_key(finding.evidence), finding.message))
        self.g.add((node, rdf.type, skg.Finding))
        self.g.add((node, rdf.type, prov.Entity))
        self.g.add((node, skg.inPublication, self.pub))
        self.g.add((node, skg.checkName, literal(finding.check)))
        self.g.add((node, skg.findingMessage, literal(finding.message)))
        for claim in finding.about:
            measurement = self.measurements.get(id(claim))
            if measurement is not None:
                self.g.add((node, skg.concerns, measurement))
                self.g.add((measurement, skg.hasFinding, node))
        self.derived(node, finding.evidence)

    def trials(self) -> None:
        """Who reports which trial: the paper its registered one, a cited work the trial named
        next to its citation marker (the sentences stay as the trial mention's evidence)."""
        registration = self.r.study.registration.strip()
        if registration:
            self.g.add((self.pub, skg.reportsTrial, self.concept("trial_id", registration)))
        for cited in self.r.trial_citations:
            trial = self.concept("trial_id", cited.trial.key)
            for number in cited.refs:
                if number in self.works:
                    self.g.add((self.works[number], skg.reportsTrial, trial))

    def study(self, facts: StudyFacts) -> None:
        node = _iri(iris.study_iri(self.pub_iri, self.r.source_file))
        self.g.add((node, rdf.type, skg.Study))
        self.g.add((self.pub, skg.reportsStudy, node))
        self.text(node, skg.design, facts.design)
        self.text(node, skg.phase, facts.phase)
        self.text(node, skg.registration, facts.registration)
        if facts.registration.strip():
            self.g.add((node, skg.registeredAs, self.concept("trial_id", facts.registration.strip())))
        self.integer(node, skg.centers, facts.centers)
        self.integer(node, skg.enrolled, facts.n_enrolled)
        self.integer(node, skg.evaluable, facts.n_evaluable)
        self.text(node, skg.dataCutoff, facts.data_cutoff)
        self.text(node, skg.medianFollowUp, facts.median_followup)
        population = tuple(p for p in facts.population.split("|") if p.strip())
        if population:
            self.g.add((node, skg.hasCohort, self.cohort("primary", (), population, "")))
        self.add(node, skg.regimen, self.regimen(facts.regimen))
        for name in sorted(facts.evidence):
            self.derived(node, facts.evidence[name])
        self.groups = add_frame(self.g, node, self.r.frame, self.regimen, lambda code: self.concept("subtype", code),
                                self.evidence)

    def outcome(self, c: OutcomeClaim) -> None:
        if not c.endpoint.strip() or not c.value.strip():
            self.warnings.append(f"outcome without endpoint or value skipped: {c.evidence.quote[:80]!r}")
            return
        node = _iri(iris.measurement_iri(
            "outcome", c.endpoint, c.value, c.unit, c.scope, sorted(c.population), iris.regimen_tokens(c.regimen),
            c.subgroup, c.timepoint, c.ci_low, c.ci_high, c.n, c.p_value, sorted(c.refs),
            iris.evidence_key(c.evidence),
        ))
        self.measurements[id(c)] = node
        g = self.g
        g.add((node, rdf.type, skg.OutcomeMeasurement))
        g.add((node, skg.reportedIn, self.pub))
        g.add((node, skg.scope, literal(c.scope)))
        g.add((node, skg.endpoint, self.concept("endpoint", c.endpoint.strip())))
        g.add((node, skg.cohort, self.cohort(c.scope, c.refs, c.population, c.subgroup)))
        if c.scope == "primary" and c.group in self.groups:
            g.add((node, skg.group, self.groups[c.group]))
        self.add(node, skg.regimen, self.regimen(c.regimen))
        g.add((node, skg.valuePrinted, literal(c.value.strip())))
        self.add(node, skg.value, nt.decimal(c.value))
        if is_not_reached(c.value):
            g.add((node, skg.notReached, nt.TRUE))
        self.text(node, skg.unit, c.unit)
        self.text(node, skg.timepoint, c.timepoint)
        self.text(node, skg.ciLowPrinted, c.ci_low)
        self.text(node, skg.ciHighPrinted, c.ci_high)
        self.add(node, skg.ciLow, nt.decimal(c.ci_low))
        self.add(node, skg.ciHigh, nt.decimal(c.ci_high))
        self.add(node, skg.ciLevel, nt.decimal(c.ci_level))  # only a non-95% level is printed and kept
        self.integer(node, skg.sampleSize, c.n)
        self.text(node, skg.pValue, c.p_value)
        for number in c.refs:
            g.add((node, skg.citesReference, self.entry(number)))
            if number in self.works:
                g.add((node, skg.attributedTo, self.works[number]))
        self.derived(node, c.evidence)
        self.claim(node, c)

    def claim(self, node: str, c: OutcomeClaim) -> None:
        """Link the measurement to the claim it states, shared with every paper stating it."""
        if c.scope == "cited":
            source = [nt.unquote_iri(self.works[n]) for n in c.refs if n in self.works]
            if not source:
                return  # a cited number whose work is unknown cannot be compared across papers
        else:
            source = [str(self.pub_iri)]
        key = iris.claim_key(source, iris.regimen_tokens(c.regimen), list(c.population), c.endpoint.strip(),
                             c.timepoint, c.subgroup)
        claim = _iri(iris.claim_iri(key, c.value))
        # claims one sentence states never conflict: each claim names its sentence, as many triples as
        # claims (a pair of claims per triple grew with the square of a long listing sentence's results)
        self.g.add((claim, skg.statedIn, self.evidence(c.evidence)))
        self.claim_keys.add(key)
        self.claims.add((claim, rdf.type, skg.Claim))
        self.claims.add((claim, skg.comparisonKey, literal(key)))
        self.claims.add((claim, skg.scope, literal(c.scope)))
        self.claims.add((claim, skg.valuePrinted, literal(iris.value_key(c.value))))
        self.g.add((node, skg.claim, claim))

    def adverse_event(self, c: AdverseEventClaim) -> None:
        if not c.term.strip():
            self.warnings.append(f"adverse event without a term skipped: {c.evidence.quote[:80]!r}")
            return
        key, label = adverse_event_concept(self.lexicon, c.term)
        node = _iri(iris.measurement_iri(
            "adverse-event", key, c.term, c.grade, c.n, c.percent, iris.regimen_tokens(c.regimen), c.scope,
            iris.evidence_key(c.evidence),
        ))
        self.measurements[id(c)] = node
        g = self.g
        g.add((node, rdf.type, skg.AdverseEventMeasurement))
        g.add((node, skg.reportedIn, self.pub))
        g.add((node, skg.scope, literal(c.scope)))
        # an unknown term's label is derived from its key (all papers agree); set once, as the
        # concept may have been written already
        self.labels.setdefault(("adverse_event", key), label)
        g.add((node, skg.adverseEvent, self.concept("adverse_event", key)))
        g.add((node, skg.termPrinted, literal(" ".join(c.term.split()))))
        g.add((node, skg.grade, literal(c.grade.strip())))
        self.integer(node, skg.patientCount, c.n)
        self.text(node, skg.percentPrinted, c.percent)
        self.add(node, skg.percent, nt.decimal(c.percent))
        self.add(node, skg.regimen, self.regimen(c.regimen))
        self.derived(node, c.evidence)
