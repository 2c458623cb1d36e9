"""`kg validate`: check the store against the SHACL shapes (ontology/shapes.ttl) with pyshacl.

Each paper graph is validated on its own, with the shared descriptions (concepts, regimens, claims)
it links to, and the vocabulary once: memory and time grow with the largest paper, not the store,
and a 1,000-paper store validates in minutes. The ontology is mixed in so that `sh:class` sees
`rdfs:subClassOf` (Drug is a Concept). No inference is run (pyshacl is slow on big graphs).
Results of severity sh:Violation make the report fail; sh:Warning results are listed only.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox
import pyshacl
import rdflib
from rdflib.namespace import RDF, SH

from kg.core.iris import CLAIMS_GRAPH, LEXICON_GRAPH, SHARED_GRAPHS, VOCABULARY_GRAPH, is_index_graph
from kg.store.kg_store import KgStore
from ontology.namespace import PREFIXES, ontology_text, shapes_text


@dataclass(frozen=True)
class Issue:
    """One SHACL result, with IRIs shortened by the project prefixes."""

    severity: str
    focus: str
    path: str
    message: str
    value: str = ""

    def line(self) -> str:
        value = f" (value {self.value})" if self.value else ""
        return f"{self.severity}: {self.focus} {self.path}: {self.message}{value}"


@dataclass
class ValidationReport:
    conforms: bool
    triples: int
    issues: list[Issue] = field(default_factory=list)

    @property
    def violations(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "Violation"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity != "Violation"]

    def text(self, limit: int | None = 50) -> str:
        """A readable report: a summary line, then up to `limit` issues (violations first)."""
        verdict = "conforms" if self.conforms else "does NOT conform"
        lines = [f"{self.triples} triples: {verdict} to the shapes "
                 f"({len(self.violations)} violations, {len(self.warnings)} warnings)"]
        shown = self.violations + self.warnings
        for issue in shown[:limit] if limit is not None else shown:
            lines.append("  " + issue.line())
        if limit is not None and len(shown) > limit:
            lines.append(f"  ... and {len(shown) - limit} more")
        return "\n".join(lines)


@lru_cache(maxsize=1 << 16)
def _iri_term(term: ox.NamedNode) -> rdflib.URIRef:
    """IRIs repeat across triples and papers (predicates, classes, concepts): each is made once."""
    return rdflib.URIRef(term.value)


def _rdflib_term(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> rdflib.term.Identifier:
    if isinstance(term, ox.NamedNode):
        return _iri_term(term)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(datatype))
    return rdflib.BNode(term.value)


def _short(graph: rdflib.Graph, term: rdflib.term.Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, rdflib.URIRef):
        return term.n3(graph.namespace_manager)
    if isinstance(term, rdflib.BNode):  # a complex path in the shapes (e.g. an inverse path)
        inverse = graph.value(term, SH.inversePath)
        return f"^{_short(graph, inverse)}" if inverse is not None else "(path)"
    return term.n3(graph.namespace_manager) if isinstance(term, rdflib.Literal) else str(term)


@lru_cache(maxsize=1)
def _shapes_and_ontology() -> tuple[rdflib.Graph, rdflib.Graph]:
    return (rdflib.Graph().parse(data=shapes_text(), format="turtle"),
            rdflib.Graph().parse(data=ontology_text(), format="turtle"))


def validate_graph(data: rdflib.Graph) -> ValidationReport:
    """Validate an rdflib graph (e.g. one paper's) against the shapes plus the ontology."""
    shapes, ontology = _shapes_and_ontology()
    _conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", allow_warnings=True,
        abort_on_first=False, advanced=False, meta_shacl=False,
    )
    for prefix, iri in PREFIXES.items():
        results.bind(prefix, iri, override=True)
    issues = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        path = results.value(result, SH.resultPath)
        issues.append(Issue(
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            focus=_short(results, results.value(result, SH.focusNode)),
            path=_short(results, path) if path is not None else "",
            message=str(results.value(result, SH.resultMessage) or "constraint not met"),
            value=_short(results, results.value(result, SH.value)),
        ))
    issues.sort(key=lambda i: (i.severity != "Violation", i.focus, i.path, i.message))
    conforms = not any(i.severity == "Violation" for i in issues)
    return ValidationReport(conforms, len(data), issues)


SHARED_DESCRIPTIONS = (LEXICON_GRAPH, VOCABULARY_GRAPH, CLAIMS_GRAPH)


def _add(graph: rdflib.Graph, quads: Iterable[ox.Quad]) -> list[ox.NamedNode]:
    objects = []
    add = graph.add
    for quad in quads:
        obj = quad.object
        add((_rdflib_term(quad.subject), _iri_term(quad.predicate), _rdflib_term(obj)))
        if isinstance(obj, ox.NamedNode):
            objects.append(obj)
    return objects


def paper_with_shared(store: KgStore, graph_iri: str) -> rdflib.Graph:
    """A paper's graph plus the shared descriptions of the nodes it links to (self-contained)."""
    raw = store.raw
    data = rdflib.Graph()
    frontier = set(_add(data, raw.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri))))
    seen: set[ox.NamedNode] = set()
    shared = [ox.NamedNode(str(g)) for g in SHARED_DESCRIPTIONS]
    while frontier - seen:  # shared nodes reach shared nodes (a regimen its drugs, a class its parent)
        frontier -= seen
        seen |= frontier
        found: set[ox.NamedNode] = set()
        for node in frontier:
            for graph in shared:
                found.update(_add(data, raw.quads_for_pattern(node, None, None, graph)))
        frontier = found
    return data


VALIDATE_CHUNK = 16
"""Paper graphs a worker process validates per task (progress is reported per task)."""
PARALLEL_FROM = 64
"""Fewer paper graphs than this are validated in this process: starting workers costs seconds."""


_worker_store: KgStore | None = None
"""The store a validating worker process reads: opened once, when the worker starts."""
_worker_error: Exception | None = None
"""Why the worker could not open it: raised by its first task (an initializer that raises makes the
pool start workers again and again)."""


def _start_worker(store_path: str, parent: int) -> None:
    """A validating worker's start: Ctrl-C is the parent's to handle, the worker ends when its parent
    is gone (killed, say: a pool's workers would otherwise wait for tasks for ever), and it opens the
    store once."""
    global _worker_store, _worker_error
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    try:
        _worker_store = KgStore.open(store_path, read_only=True)
    except Exception as exc:  # noqa: BLE001 - handed to the parent with the first task
        _worker_error = exc


def _exit_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _validate_papers(graphs: list[str]) -> tuple[list[Issue], int]:
    """A worker's task: the issues of these paper graphs, and how many graphs it validated."""
    if _worker_error is not None:
        raise _worker_error
    if _worker_store is None:
        raise RuntimeError("a validating worker started without its store")
    issues: set[Issue] = set()
    for graph in graphs:
        issues.update(validate_graph(paper_with_shared(_worker_store, graph)).issues)
    return list(issues), len(graphs)


def validate_store(store: KgStore, jobs: int = 1,
                   on_progress: Callable[[int, int], None] | None = None) -> ValidationReport:
    """Validate each paper graph (with what it links to), then the vocabulary; one merged report.

    `jobs` > 1 validates the paper graphs in that many worker processes (each opens the store
    read-only; a store of fewer than PARALLEL_FROM papers, or one without a path, stays in this
    process). `on_progress(done, total)` is called as paper graphs finish."""
    issues: set[Issue] = set()
    papers = [g for g in store.named_graphs() if g not in {str(s) for s in SHARED_GRAPHS} and not is_index_graph(g)]
    vocabulary = rdflib.Graph()
    for graph in (LEXICON_GRAPH, VOCABULARY_GRAPH):
        _add(vocabulary, store.raw.quads_for_pattern(None, None, None, ox.NamedNode(str(graph))))
    issues.update(validate_graph(vocabulary).issues)
    if jobs > 1 and len(papers) >= PARALLEL_FROM and store.path is not None:
        issues.update(_validate_in_workers(str(store.path), papers, jobs, on_progress))
    else:
        for done, graph in enumerate(papers, start=1):
            issues.update(validate_graph(paper_with_shared(store, graph)).issues)
            if on_progress is not None:
                on_progress(done, len(papers))
    ordered = sorted(issues, key=lambda i: (i.severity != "Violation", i.focus, i.path, i.message))
    return ValidationReport(not any(i.severity == "Violation" for i in ordered), len(store), ordered)


def _validate_in_workers(store_path: str, papers: list[str], jobs: int,
                         on_progress: Callable[[int, int], None] | None) -> set[Issue]:
    import multiprocessing

    issues: set[Issue] = set()
    chunks = [papers[i:i + VALIDATE_CHUNK] for i in range(0, len(papers), VALIDATE_CHUNK)]
    done = 0
    # spawn: a forked copy of this process would share its open store handle and rdflib state; leaving
    # the block (an error, Ctrl-C) terminates the workers at once
    with multiprocessing.get_context("spawn").Pool(jobs, initializer=_start_worker,
                                                   initargs=(store_path, os.getpid())) as pool:
        for found, count in pool.imap_unordered(_validate_papers, chunks):
            issues.update(found)
            done += count
            if on_progress is not None:
                on_progress(done, len(papers))
    return issues
