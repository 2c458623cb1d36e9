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
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, XSD

from kg.core import iris
from kg.quality.checks import Finding, check_paper
from kg.build.concepts import add_concept, adverse_event_concept, concept_label, token_type
from kg.build.frame_graph import add_frame
from kg.core.numbers import canonical_decimal, is_not_reached
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

def decimal_literal(text: str) -> Literal | None:
    canon = canonical_decimal(text)
    return Literal(canon, datatype=XSD.decimal) if canon is not None else None


def int_literal(value: int) -> Literal:
    return Literal(str(int(value)), datatype=XSD.integer)


def year_literal(year: int | None) -> Literal | None:
    if year is None or not 1000 <= year <= 9999:
        return None
    return Literal(f"{year:04d}", datatype=XSD.gYear)


Triple = tuple[URIRef, URIRef, "URIRef | Literal"]


def _graph(triples: set[Triple]) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


@dataclass
class PaperGraph:
    """One paper's triples and what was counted or could not be written while building them.

    The builder collects plain sets of triples (adding to an rdflib Graph costs more than the rest
    of the build); `graph`, `vocabulary`, `claims` and `complete` give them as rdflib Graphs.
    """

    source_file: str
    graph_iri: URIRef
    publication: URIRef
    triples: set[Triple]
    """The paper's own statements: they go in its named graph and nowhere else."""
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    vocabulary_triples: set[Triple] = field(default_factory=set)
    """Descriptions (type, key, label, components) of the concepts and regimens the paper links to:
    shared nodes, written once to the vocabulary graph, never repeated per paper."""
    claim_triples: set[Triple] = field(default_factory=set)
    """Claim nodes (type, comparison key, scope, value) the paper's measurements state: shared across
    papers, kept once in the claims graph."""

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
        return {str(o) for _, p, o in self.claim_triples if p == SKG.comparisonKey}


def build_paper(records: PaperRecords, lexicon: Lexicon | None = None) -> PaperGraph:
    """Turn one paper's records into its named graph's triples (nothing is written to a store)."""
    return _PaperBuilder(records, lexicon).build()


class _PaperBuilder:
    def __init__(self, records: PaperRecords, lexicon: Lexicon | None) -> None:
        self.r = records
        self.lexicon = lexicon
        self.g: set[Triple] = set()
        self.vocab: set[Triple] = set()  # shared concept / regimen descriptions (see PaperGraph.vocabulary)
        self.claims: set[Triple] = set()
        self.sentence_claims: dict[URIRef, set[URIRef]] = defaultdict(set)  # evidence node -> claims it states
        self.warnings: list[str] = []
        first_author = records.authors[0] if records.authors else ""
        self.pub = iris.publication_iri(records.doi, records.source_file, records.title, first_author, records.year)
        self.entries: dict[int, URIRef] = {}
        self.works: dict[int, URIRef] = {}
        self._stubs: set[int] = set()
        self.measurements: dict[int, URIRef] = {}  # id() of an outcome / AE claim -> its node
        self.groups: dict[str, URIRef] = {}  # label of a frame arm or cohort -> its node
        # one label per concept in this graph: the lexicon's, else the first mention's, else the key
        self.labels: dict[tuple[str, str], str] = {}
        for mention in records.mentions:
            # a trial's name as printed ("Alliance A091401"), not its upper-cased key
            label = mention.surface if mention.type == "trial_id" else mention.label
            if label.strip():
                self.labels.setdefault((mention.type, mention.key.strip()), label.strip())
        for ref in records.references:
            for trial in ref.trials:
                self.labels.setdefault(("trial_id", trial.key), trial.name)

    # -- small helpers ---------------------------------------------------------------------------

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal | None) -> None:
        if o is not None:
            self.g.add((s, p, o))

    def text(self, s: URIRef, p: URIRef, value: str | None) -> None:
        if value is not None and value.strip():
            self.g.add((s, p, Literal(value.strip())))

    def integer(self, s: URIRef, p: URIRef, value: int | None) -> None:
        if value is not None:
            self.g.add((s, p, int_literal(value)))

    def evidence(self, ev: Evidence) -> URIRef:
        node = iris.evidence_iri(ev)
        self.g.add((node, RDF.type, SKG.Evidence))
        self.g.add((node, RDF.type, PROV.Entity))
        self.g.add((node, SKG.sourceFile, Literal(ev.source_file)))
        self.text(node, SKG.section, ev.section)
        self.g.add((node, SKG.charStart, int_literal(ev.start)))
        self.g.add((node, SKG.charEnd, int_literal(ev.end)))
        self.g.add((node, SKG.quote, Literal(ev.quote)))
        self.text(node, SKG.sourceLocation, ev.locator)
        self.g.add((node, PROV.hadPrimarySource, self.pub))
        return node

    def derived(self, node: URIRef, ev: Evidence) -> None:
        self.g.add((node, PROV.wasDerivedFrom, self.evidence(ev)))

    def concept(self, type_: str, key: str) -> URIRef:
        label = concept_label(self.lexicon, type_, key, self.labels.get((type_, key), ""))
        return add_concept(self.vocab, type_, key, label)

    def regimen(self, tokens: tuple[str, ...]) -> URIRef | None:
        tokens = iris.regimen_tokens(tokens)
        if not tokens:
            return None
        node = iris.regimen_iri(tokens)
        self.vocab.add((node, RDF.type, SKG.Regimen))
        self.vocab.add((node, SKG.key, Literal(iris.regimen_key(tokens))))
        for token in tokens:
            self.vocab.add((node, SKG.hasComponent, self.concept(token_type(self.lexicon, token), token)))
        return node

    def cohort(self, scope: str, refs: tuple[int, ...], population: tuple[str, ...], subgroup: str) -> URIRef:
        codes = tuple(sorted({c.strip() for c in population if c.strip()}))
        node = iris.cohort_iri(self.pub, scope, refs, codes, subgroup.strip())
        self.g.add((node, RDF.type, SKG.Cohort))
        for code in codes:
            self.g.add((node, SKG.population, self.concept("subtype", code)))
        self.text(node, SKG.subgroup, subgroup)
        return node

    def entry(self, number: int) -> URIRef:
        """The reference entry for a number; a stub (and a warning) when the list lacks it."""
        if number in self.entries:
            return self.entries[number]
        node = iris.reference_entry_iri(self.r.source_file, number)
        if number not in self._stubs:
            self._stubs.add(number)
            self.warnings.append(f"reference [{number}] is cited but not in the parsed reference list")
            self.g.add((node, RDF.type, SKG.ReferenceEntry))
            self.g.add((node, SKG.inPublication, self.pub))
            self.g.add((node, SKG.referenceNumber, int_literal(number)))
        return node

    # -- the parts of a paper --------------------------------------------------------------------

    def build(self) -> PaperGraph:
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
        try:
            findings = check_paper(self.r)
        except (ArithmeticError, ValueError) as err:  # a check must never cost the paper its graph
            self.warnings.append(f"number checks not run ({type(err).__name__}: {err})")
            findings = []
        for finding in findings:
            self.finding(finding)
        for stated in self.sentence_claims.values():  # claims one sentence states never conflict
            for a in stated:
                for b in stated - {a}:
                    self.g.add((a, SKG.statedWith, b))
        types = Counter(o for _, p, o in self.g if p == RDF.type)
        counts = {
            "triples": len(self.g),
            "entities": entities,
            "references": len(self.entries),
            "citations": len(self.r.citations),
            "outcomes": types[SKG.OutcomeMeasurement],
            "adverse_events": types[SKG.AdverseEventMeasurement],
            "findings": types[SKG.Finding],
        }
        return PaperGraph(self.r.source_file, iris.graph_iri(self.r.source_file), self.pub, self.g,
                          counts, self.warnings, self.vocab, self.claims)

    def publication(self) -> None:
        r, pub = self.r, self.pub
        self.g.add((pub, RDF.type, SKG.Publication))
        self.g.add((pub, RDF.type, FABIO.JournalArticle))
        self.g.add((pub, SKG.sourceFile, Literal(r.source_file)))
        self.text(pub, DCTERMS.title, r.title)
        self.text(pub, BIBO.doi, iris.normalize_doi(r.doi))
        self.text(pub, SKG.journal, r.journal)
        self.add(pub, DCTERMS.date, year_literal(r.year))
        authors = [a.strip() for a in r.authors if a.strip()]
        for author in authors:
            self.g.add((pub, SKG.authorName, Literal(author)))
        if authors:
            self.g.add((pub, SKG.firstAuthor, Literal(authors[0])))

    def reference(self, ref: Reference) -> None:
        if ref.number in self.entries:
            self.warnings.append(f"reference number {ref.number} appears twice; the first entry is kept")
            return
        node = iris.reference_entry_iri(self.r.source_file, ref.number)
        work = iris.work_iri(ref.doi, ref.first_author, ref.year, ref.title, ref.text)
        self.entries[ref.number], self.works[ref.number] = node, work
        self.g.add((node, RDF.type, SKG.ReferenceEntry))
        self.g.add((node, SKG.inPublication, self.pub))
        self.g.add((node, SKG.referenceNumber, int_literal(ref.number)))
        self.text(node, SKG.referenceText, ref.text)
        self.g.add((node, SKG.refersTo, work))
        self.derived(node, ref.evidence)
        self.g.add((work, RDF.type, SKG.CitedWork))
        self.g.add((work, RDF.type, FABIO.Work))
        self.text(work, DCTERMS.title, ref.title)
        self.text(work, SKG.firstAuthor, ref.first_author)
        self.add(work, DCTERMS.date, year_literal(ref.year))
        self.text(work, SKG.journal, ref.journal)
        self.text(work, BIBO.doi, iris.normalize_doi(ref.doi))
        self.text(work, BIBO.volume, ref.volume)
        self.text(work, BIBO.pages, ref.pages)
        self.g.add((self.pub, CITO.cites, work))
        for trial in ref.trials:
            self.g.add((work, SKG.reportsTrial, self.concept("trial_id", trial.key)))

    def mentions(self, mentions: list[Mention]) -> int:
        groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
        for mention in mentions:
            if mention.key.strip():
                groups[(mention.type, mention.key.strip())].append(mention)
            else:
                self.warnings.append(f"mention {mention.surface!r} of type {mention.type} has no key")
        for (type_, key), group in groups.items():
            concept = self.concept(type_, key)
            node = iris.mention_iri(self.r.source_file, type_, key)
            self.g.add((node, RDF.type, SKG.Mention))
            self.g.add((node, SKG.inPublication, self.pub))
            self.g.add((node, SKG.concept, concept))
            self.g.add((node, SKG.mentionCount, int_literal(len(group))))
            for mention in group:
                self.g.add((node, SKG.surfaceForm, Literal(mention.surface)))
                self.derived(node, mention.evidence)
            self.g.add((self.pub, SKG.mentions, concept))
        return len(groups)

    def citation(self, marker: CitationMarker) -> None:
        node = iris.citation_iri(self.r.source_file, marker.start, marker.end, marker.surface)
        self.g.add((node, RDF.type, SKG.CitationMarker))
        self.g.add((node, SKG.inPublication, self.pub))
        self.g.add((node, SKG.surface, Literal(marker.surface)))
        self.g.add((node, SKG.charStart, int_literal(marker.start)))
        self.g.add((node, SKG.charEnd, int_literal(marker.end)))
        for number in marker.numbers:
            self.g.add((node, SKG.citesReference, self.entry(number)))
        self.derived(node, marker.sentence)

    def finding(self, finding: Finding) -> None:
        node = iris.finding_iri(finding.check, iris.evidence_key(finding.evidence), finding.message)
        self.g.add((node, RDF.type, SKG.Finding))
        self.g.add((node, RDF.type, PROV.Entity))
        self.g.add((node, SKG.inPublication, self.pub))
        self.g.add((node, SKG.checkName, Literal(finding.check)))
        self.g.add((node, SKG.findingMessage, Literal(finding.message)))
        for claim in finding.about:
            measurement = self.measurements.get(id(claim))
            if measurement is not None:
                self.g.add((node, SKG.concerns, measurement))
                self.g.add((measurement, SKG.hasFinding, node))
        self.derived(node, finding.evidence)

    def trials(self) -> None:
        """Who reports which trial: the paper its registered one, a cited work the trial named
        next to its citation marker (the sentences stay as the trial mention's evidence)."""
        registration = self.r.study.registration.strip()
        if registration:
            self.g.add((self.pub, SKG.reportsTrial, self.concept("trial_id", registration)))
        for cited in self.r.trial_citations:
            trial = self.concept("trial_id", cited.trial.key)
            for number in cited.refs:
                if number in self.works:
                    self.g.add((self.works[number], SKG.reportsTrial, trial))

    def study(self, facts: StudyFacts) -> None:
        node = iris.study_iri(self.pub, self.r.source_file)
        self.g.add((node, RDF.type, SKG.Study))
        self.g.add((self.pub, SKG.reportsStudy, node))
        self.text(node, SKG.design, facts.design)
        self.text(node, SKG.phase, facts.phase)
        self.text(node, SKG.registration, facts.registration)
        if facts.registration.strip():
            self.g.add((node, SKG.registeredAs, self.concept("trial_id", facts.registration.strip())))
        self.integer(node, SKG.centers, facts.centers)
        self.integer(node, SKG.enrolled, facts.n_enrolled)
        self.integer(node, SKG.evaluable, facts.n_evaluable)
        self.text(node, SKG.dataCutoff, facts.data_cutoff)
        self.text(node, SKG.medianFollowUp, facts.median_followup)
        population = tuple(p for p in facts.population.split("|") if p.strip())
        if population:
            self.g.add((node, SKG.hasCohort, self.cohort("primary", (), population, "")))
        self.add(node, SKG.regimen, self.regimen(facts.regimen))
        for name in sorted(facts.evidence):
            self.derived(node, facts.evidence[name])
        self.groups = add_frame(self.g, node, self.r.frame, self.regimen, lambda code: self.concept("subtype", code),
                                self.evidence)

    def outcome(self, c: OutcomeClaim) -> None:
        if not c.endpoint.strip() or not c.value.strip():
            self.warnings.append(f"outcome without endpoint or value skipped: {c.evidence.quote[:80]!r}")
            return
        node = iris.measurement_iri(
            "outcome", c.endpoint, c.value, c.unit, c.scope, sorted(c.population), iris.regimen_tokens(c.regimen),
            c.subgroup, c.timepoint, c.ci_low, c.ci_high, c.n, c.p_value, sorted(c.refs),
            iris.evidence_key(c.evidence),
        )
        self.measurements[id(c)] = node
        g = self.g
        g.add((node, RDF.type, SKG.OutcomeMeasurement))
        g.add((node, SKG.reportedIn, self.pub))
        g.add((node, SKG.scope, Literal(c.scope)))
        g.add((node, SKG.endpoint, self.concept("endpoint", c.endpoint.strip())))
        g.add((node, SKG.cohort, self.cohort(c.scope, c.refs, c.population, c.subgroup)))
        if c.scope == "primary" and c.group in self.groups:
            g.add((node, SKG.group, self.groups[c.group]))
        self.add(node, SKG.regimen, self.regimen(c.regimen))
        g.add((node, SKG.valuePrinted, Literal(c.value.strip())))
        self.add(node, SKG.value, decimal_literal(c.value))
        if is_not_reached(c.value):
            g.add((node, SKG.notReached, Literal("true", datatype=XSD.boolean)))
        self.text(node, SKG.unit, c.unit)
        self.text(node, SKG.timepoint, c.timepoint)
        self.text(node, SKG.ciLowPrinted, c.ci_low)
        self.text(node, SKG.ciHighPrinted, c.ci_high)
        self.add(node, SKG.ciLow, decimal_literal(c.ci_low))
        self.add(node, SKG.ciHigh, decimal_literal(c.ci_high))
        self.integer(node, SKG.sampleSize, c.n)
        self.text(node, SKG.pValue, c.p_value)
        for number in c.refs:
            g.add((node, SKG.citesReference, self.entry(number)))
            if number in self.works:
                g.add((node, SKG.attributedTo, self.works[number]))
        self.derived(node, c.evidence)
        self.claim(node, c)

    def claim(self, node: URIRef, c: OutcomeClaim) -> None:
        """Link the measurement to the claim it states, shared with every paper stating it."""
        if c.scope == "cited":
            source = [str(self.works[n]) for n in c.refs if n in self.works]
            if not source:
                return  # a cited number whose work is unknown cannot be compared across papers
        else:
            source = [str(self.pub)]
        key = iris.claim_key(source, iris.regimen_tokens(c.regimen), list(c.population), c.endpoint.strip(),
                             c.timepoint, c.subgroup)
        claim = iris.claim_iri(key, c.value)
        self.sentence_claims[iris.evidence_iri(c.evidence)].add(claim)
        self.claims.add((claim, RDF.type, SKG.Claim))
        self.claims.add((claim, SKG.comparisonKey, Literal(key)))
        self.claims.add((claim, SKG.scope, Literal(c.scope)))
        self.claims.add((claim, SKG.valuePrinted, Literal(iris.value_key(c.value))))
        self.g.add((node, SKG.claim, claim))

    def adverse_event(self, c: AdverseEventClaim) -> None:
        if not c.term.strip():
            self.warnings.append(f"adverse event without a term skipped: {c.evidence.quote[:80]!r}")
            return
        key, label = adverse_event_concept(self.lexicon, c.term)
        node = iris.measurement_iri(
            "adverse-event", key, c.term, c.grade, c.n, c.percent, iris.regimen_tokens(c.regimen), c.scope,
            iris.evidence_key(c.evidence),
        )
        self.measurements[id(c)] = node
        g = self.g
        g.add((node, RDF.type, SKG.AdverseEventMeasurement))
        g.add((node, SKG.reportedIn, self.pub))
        g.add((node, SKG.scope, Literal(c.scope)))
        self.labels.setdefault(("adverse_event", key), label)
        g.add((node, SKG.adverseEvent, self.concept("adverse_event", key)))
        g.add((node, SKG.termPrinted, Literal(" ".join(c.term.split()))))
        g.add((node, SKG.grade, Literal(c.grade.strip())))
        self.integer(node, SKG.patientCount, c.n)
        self.text(node, SKG.percentPrinted, c.percent)
        self.add(node, SKG.percent, decimal_literal(c.percent))
        self.add(node, SKG.regimen, self.regimen(c.regimen))
        self.derived(node, c.evidence)
