"""`kg build`: papers on disk -> records -> triples -> the store, one named graph per paper.

For each input file: `corpus.read` -> `extractors.extract` -> `kg.build.rdf_build.build_paper` (in
worker processes with `jobs`, see `kg.build.workers`) -> the store: papers in batches, their graphs by
one bulk load (`kg.build.batch_write`), a paper alone by one SPARQL update (`kg.build.paper_write`).
A file that cannot be read or extracted, or runs over its time budget, is reported (name, reason,
stage) and skipped; the store is only touched once a paper's graph is complete, so nothing already
in it is lost. The lexicon graph is rewritten only when the lexicon changed; the derived conflicts
are updated for the comparison keys each written paper takes part in. A build marks the store as
running until it ends, so an interrupted build is told apart from an empty corpus.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from corpus.formats import paper_files
from extractors.records import Problem
from kg.build import bulk_write
from kg.build.answers import forget_version_update, recompute_all_rows, refresh_pending_rows, rows_are_current
from kg.build.batch_write import PaperBatch, PendingPaper
from kg.build.budget import Budget
from kg.build.bulk_write import write_big_paper
from kg.build.concepts import build_lexicon_graph
from kg.build.paper_write import (
    discard_hidden_update,
    finish_build_update,
    lexicon_update,
    mark_written_update,
    old_comparison_keys,
    record_hash_update,
    removal_update,
    start_build_update,
    stored_hash,
    write_paper_update,
)
from kg.build.prepare import Extract, PreparedPaper, code_fingerprint, content_hash
from kg.build.vocabulary_write import LexiconNodes, VocabularyChange
from kg.build.workers import Outcome, prepare_all, start_fork_server
from kg.core.errors import InputError, KgError
from kg.core.iris import LEXICON_GRAPH, SHARED_GRAPHS, data_iri, graph_iri, is_index_graph
from kg.quality.conflicts import count_conflicts
from kg.store.kg_store import FlushEvery, KgStore, ntriples
from ontology.lexicon import Lexicon, LexiconError, load_lexicon


@dataclass
class PaperResult:
    source_file: str
    path: Path
    graph_iri: str
    counts: dict[str, int]
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Failure:
    path: Path
    reason: str
    stage: str = ""


@dataclass
class BuildReport:
    built: list[PaperResult] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    """Papers already in the store, unchanged (same bytes, same code), so not rebuilt."""
    lexicon_triples: int = 0
    lexicon_problems: list[Problem] = field(default_factory=list)
    store_papers: int = 0
    """Paper graphs the store holds after the build (counted by graph name: counting every triple
    would cost as much as reading the whole store)."""
    conflicts: int = 0
    """Pairs of claims about the same result with different values, across the whole store."""

    @property
    def papers(self) -> int:
        """How many papers of this build the store holds (two same-named files are one graph)."""
        return len({r.graph_iri for r in self.built} | {str(graph_iri(p.name)) for p in self.skipped})

    def total(self, key: str) -> int:
        return sum(result.counts.get(key, 0) for result in self.built)

    @property
    def problems(self) -> list[Problem]:
        return self.lexicon_problems + [p for result in self.built for p in result.problems]


@dataclass(frozen=True)
class BuildEvent:
    """Progress: `kind` is 'start' (total known), then 'recompute' when the store's rows are made again
    first (`detail` 'parts': `index` of `total` papers; 'rows': of the rows), 'file' (about to read),
    'built', 'skipped' or 'failed'; then 'rows' (`index` of `total` answer rows the papers share with
    the store brought up to date)."""

    kind: str
    index: int
    total: int
    path: Path | None = None
    detail: str = ""


ProgressCallback = Callable[[BuildEvent], None]


def collect_inputs(paths: Iterable[str | Path]) -> tuple[list[Path], list[Failure]]:
    """Files to build: files as given, directories -> their papers (`corpus.paper_files`); missing paths fail."""
    files: list[Path] = []
    missing: list[Failure] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(paper_files(path))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(Failure(path, "no such file or directory"))
    seen: set[Path] = set()
    unique = [f for f in files if not (f.resolve() in seen or seen.add(f.resolve()))]
    return unique, missing


def write_lexicon(store: KgStore, lexicon: Lexicon,
                  on_event: ProgressCallback | None = None) -> tuple[int, list[Problem]]:
    """Write the shared vocabulary graph when it changed; returns its size and the entries it could not
    write. When the rows must be computed again (new lexicon, or rows of another version), `on_event`
    hears 'recompute' events: papers whose parts are made again, then rows."""
    graph, warnings = build_lexicon_graph(lexicon)
    lines = sorted(ntriples(graph).splitlines())
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()
    emit = on_event or (lambda event: None)

    def progress(stage: str, done: int, total: int) -> None:
        emit(BuildEvent("recompute", done, total, detail=stage))

    if stored_hash(store, str(LEXICON_GRAPH)) != digest:
        # the subtype hierarchy and concept keys the answer rows were computed with may have changed
        store.update(lexicon_update(graph) + " ;\n" + record_hash_update(str(LEXICON_GRAPH), digest) + " ;\n"
                     + forget_version_update())
        recompute_all_rows(store, progress)
    elif not rows_are_current(store):  # a store written before the rows existed, or of another shape
        recompute_all_rows(store, progress)
    return len(lines), [Problem("lexicon", w) for w in warnings]


FLUSH_BYTES = 96_000_000
"""N-Triples written (characters) after which the store's write buffers are flushed to disk: left to
themselves they grow to about 800 MB before RocksDB flushes them. Flushed every ~20 papers, a build's
memory stayed about 250 MB above the pipeline's; but each flush leaves small files for the database to
compact in the background, so every ~100 papers (with batches of 64: 300 papers, the writer and its
compaction threads 38 s of CPU against 52 s)."""


def build_paths(paths: Iterable[str | Path], store: KgStore, *, lexicon: Lexicon | None = None,
                on_event: ProgressCallback | None = None,
                extract: Extract | None = None, jobs: int = 0,
                paper_timeout: Budget = None, force: bool = False, command: str = "kg build",
                prepare: Callable[..., Iterator[Outcome]] | None = None) -> BuildReport:
    """Build every input into `store`; returns what was built, skipped and failed (and why).

    `extract` turns a path into the records of its paper or papers (default: `corpus.read_documents`
    + `extractors.extract`). `jobs` worker processes extract (0: in this process); a file over its
    budget fails with the stage it was in (`paper_timeout`: seconds, or a `kg.build.budget.PaperBudget`
    that grows with the file's size). A file whose bytes and code are unchanged since its paper was
    written is skipped unless `force`. `prepare` replaces the local workers (e.g. a Dask cluster,
    `kg.build.distributed`).

    Raises InputError when there is nothing to build at all, KgError subclasses for store errors
    (those stop the build: later papers could not be written either).
    """
    if jobs > 0 and prepare is None and extract is None:
        start_fork_server()  # the workers' pipeline loads while the store takes the lexicon and the hashes
    files, failures = collect_inputs(paths)
    if not files and not failures:
        raise InputError("no input files: give papers (.txt, JATS/PubMed .xml, .nbib, .pdf, .docx, .html) "
                         "or directories that hold them")
    try:
        lexicon = lexicon if lexicon is not None else load_lexicon()
    except LexiconError as exc:
        raise KgError(f"the lexicon is malformed: {exc}") from exc
    report = BuildReport(failures=list(failures))
    emit = on_event or (lambda event: None)
    for failure in failures:
        emit(BuildEvent("failed", 0, len(files), failure.path, failure.reason))
    emit(BuildEvent("start", 0, len(files)))

    build = str(data_iri(f"build/{uuid.uuid4().hex}"))
    store.update(start_build_update(build, command))
    leftover = discard_hidden_update(store)  # what a killed bulk write left half-loaded
    if leftover:
        store.update(leftover)
    report.lexicon_triples, report.lexicon_problems = write_lexicon(store, lexicon, emit)

    fingerprint = code_fingerprint() + ("" if extract is None else "custom")
    hashes: dict[Path, str] = {}
    todo: list[Path] = []
    done = 0
    for path in files:
        try:
            hashes[path] = content_hash(path, fingerprint)
        except OSError as exc:
            report.failures.append(Failure(path, f"cannot read: {exc.strerror or exc}"))
            done += 1
            emit(BuildEvent("failed", done, len(files), path, report.failures[-1].reason))
            continue
        graph = str(graph_iri(path.name))
        if not force and stored_hash(store, graph) == hashes[path]:
            store.update(mark_written_update(graph, build))
            report.skipped.append(path)
            done += 1
            emit(BuildEvent("skipped", done, len(files), path, "unchanged"))
        else:
            todo.append(path)

    started: dict[Path, int] = {}

    def on_start(path: Path) -> None:
        started[path] = len(started) + 1
        emit(BuildEvent("file", done + started[path], len(files), path))

    built_from: dict[str, Path] = {}
    flusher = FlushEvery(store, FLUSH_BYTES)  # memory stays flat however many papers the build writes

    def write_one(pending: PendingPaper) -> None:
        write_paper(store, pending.paper, pending.path, pending.digest, build, batch.lexicon)

    def written(pending: PendingPaper) -> None:
        paper, path = pending.paper, pending.path
        result = PaperResult(paper.source_file, path, paper.graph_iri, dict(paper.counts), list(paper.problems))
        flusher.wrote(len(paper.graph_nt))
        if result.source_file in built_from:
            result.problems.append(Problem(result.source_file, f"kg: {path} has the same file name as "
                                           f"{built_from[result.source_file]} and replaced its graph"))
        built_from[result.source_file] = path
        report.built.append(result)
        emit(BuildEvent("built", done, len(files), path, f"{result.counts['triples']} triples"))

    batch = PaperBatch(store, build, write_one, written)
    run = prepare or prepare_all
    if jobs > 1 or prepare is not None:
        todo = largest_first(todo)
    received = 0
    for outcome in run(todo, lexicon, jobs=jobs, timeout=paper_timeout, extract=extract, on_start=on_start):
        if not outcome.partial:  # the file is done (a set's records may have come before it)
            done += 1
            received += 1
            batch.near_the_end(len(todo) - received)
        for prepared in outcome.papers:  # most files hold one paper; a PubMed set many
            batch.add(prepared, outcome.path, hashes[outcome.path])
        if outcome.reason:
            report.failures.append(Failure(outcome.path, outcome.reason, outcome.stage))
            emit(BuildEvent("failed", done, len(files), outcome.path, outcome.reason))
    batch.flush()
    refresh_pending_rows(store, lambda rows, total: emit(BuildEvent("rows", rows, total)))
    store.update(finish_build_update())
    report.conflicts = count_conflicts(store)
    report.store_papers = sum(1 for g in store.named_graphs()
                              if g not in {str(s) for s in SHARED_GRAPHS} and not is_index_graph(g))
    return report


def largest_first(paths: list[Path]) -> list[Path]:
    """The order in which parallel workers take the papers: the largest files first, so that the build
    ends on short papers, the workers finishing about together, rather than one of them still reading
    a long paper while the others wait. Files of the same name keep the order given (the later one
    replaces the earlier's graph), and then so do all."""
    names = [path.name for path in paths]
    if len(set(names)) < len(names):
        return paths
    sizes: dict[Path, int] = {}
    for path in paths:
        try:
            sizes[path] = path.stat().st_size
        except OSError:
            sizes[path] = 0  # reported when its worker cannot read it
    return sorted(paths, key=lambda path: -sizes[path])


def write_paper(store: KgStore, paper: PreparedPaper, path: Path, digest: str = "",
                build: str = str(data_iri("build/none")), lexicon: LexiconNodes | None = None) -> PaperResult:
    """Replace one paper's named graph (and what it takes part in): in one transaction, or for a big
    paper by bulk loads hidden from readers until it is complete (kg.build.bulk_write). `lexicon`: the
    nodes the store's lexicon describes (kept across a build's papers)."""
    if len(paper.graph_nt) >= bulk_write.BULK_BYTES:
        write_big_paper(store, paper, digest, str(path), build, lexicon)
    else:
        vocabulary = VocabularyChange(store, lexicon)
        vocabulary.remove(paper.graph_iri)  # its old version's spellings, if the store holds one
        vocabulary.add(paper)
        store.update(write_paper_update(paper, digest, str(path), build, old_comparison_keys(store, paper.graph_iri),
                                        vocabulary.parts))
    return PaperResult(paper.source_file, path, paper.graph_iri, dict(paper.counts), list(paper.problems))


def remove_papers(names: Iterable[str | Path], store: KgStore) -> list[str]:
    """Remove papers (by file path or file name) and what only they stated; returns the graphs removed.

    Raises InputError naming the papers the store does not hold (nothing is removed then).
    """
    graphs = {str(name): str(graph_iri(Path(name).name)) for name in names}
    held = set(store.named_graphs())
    missing = [name for name, graph in graphs.items() if graph not in held]
    if missing:
        raise InputError(f"the store holds no paper named {', '.join(Path(m).name for m in missing)}")
    lexicon = LexiconNodes(store)
    for graph in graphs.values():
        store.update(removal_update(store, graph, lexicon))
    refresh_pending_rows(store)
    return sorted(set(graphs.values()))
