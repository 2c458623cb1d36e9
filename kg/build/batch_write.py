"""Writing papers in batches: their graphs by one bulk load, the rest by one update.

One SPARQL update per paper (kg.build.paper_write) parses the paper's triples as SPARQL text and
commits them in a transaction of its own; a bulk load of several papers' graphs at once costs about
half as much CPU per triple. A build therefore gathers the papers its workers finish into batches
(`PaperBatch`) and writes each batch in the steps of the big-paper path (kg.build.bulk_write):

1. the old versions of the batch's papers, if any, are removed (the papers are absent, never half there);
2. their graphs and answers graphs are marked hidden (`skg:hiddenGraph`), which every reader honours;
3. their graphs and their parts of the answer rows (computed by the workers) are bulk-loaded from
   one N-Quads text (no transaction), and with them, into a rows graph hidden alike, the answer rows
   no paper in the store states yet (`answers.fresh_rows`: most rows of a build are stated by one
   paper; written here, not by SPARQL updates when the build ends, they took the refresh that ends a
   1,000-paper build from 64 s to 4 s, alone on the machine after the workers were done);
4. one update adds, per paper, its claims, bookkeeping and vocabulary (kg.build.vocabulary_write: the
   nodes the lexicon lacks, each label the best spelling of the store's papers), marks its other parts
   added (their rows are refreshed when the build ends), updates the conflicts of the batch's
   comparison keys once, and lifts the marks.

A kill between 2 and 4 leaves hidden graphs only: the next build drops them at its start and, the
papers' hashes not being recorded, writes them again. A batch of one paper is written by the
one-update path, so adding a single paper costs what it did.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.build import bulk_write
from kg.build.answers import fresh_rows
from kg.build.paper_write import HiddenPaper, finish_hidden_papers_update, hide_update, removal_update
from kg.build.vocabulary_write import LexiconNodes, VocabularyChange
from kg.core.iris import paper_answers_graph, rows_graph
from kg.core.nt import as_nquads

if TYPE_CHECKING:
    from kg.build.prepare import PreparedPaper
    from kg.store.kg_store import KgStore

BATCH_PAPERS = 64
"""Papers per batch: a bulk load of 16 papers halves the cost of loading their triples; one of 64 also
leaves the database a third less to compact in the background (300 papers: the compaction threads'
CPU 26 s at 16, 16 s at 64, 13 s at 128). A build's progress reports papers as written batch by batch."""
TAIL_BATCH_PAPERS = 16
"""Papers per batch at most once fewer than `BATCH_PAPERS` are left to extract (see `batch_limit`)."""
TAIL_MIN_PAPERS = 5
"""Papers per batch at least in the tail: each batch has a fixed cost (its bulk load makes the database
flush what the updates before it wrote), about that of loading 4 to 5 papers."""
BATCH_BYTES = 64_000_000
"""N-Triples characters per batch at most (memory: the batch's text is held until it is written)."""


@dataclass(frozen=True)
class PendingPaper:
    paper: PreparedPaper
    path: Path
    digest: str


def paper_nquads(paper: PreparedPaper) -> str:
    """A paper's graph and its answer parts as N-Quads lines (the text a bulk load reads)."""
    quads = as_nquads(paper.graph_iri, paper.graph_nt)
    if paper.answer_parts:
        quads += "\n" + as_nquads(paper_answers_graph(paper.graph_iri), paper.answer_parts)
    return quads


def write_batch(store: KgStore, batch: list[PendingPaper], build: str, lexicon: LexiconNodes | None = None) -> None:
    """Write the papers of `batch` (distinct graphs, none of them big) in the steps above (`lexicon`: the
    nodes the store's lexicon describes, kg.build.vocabulary_write.LexiconNodes)."""
    lexicon = lexicon if lexicon is not None else LexiconNodes(store)
    held = [p.paper.graph_iri for p in batch if store.holds_graph(p.paper.graph_iri)]
    for graph in held:
        store.update(removal_update(store, graph, lexicon))
    graphs = [g for p in batch for g in (p.paper.graph_iri, paper_answers_graph(p.paper.graph_iri))]
    rows = rows_graph(uuid.uuid4().hex)
    rows_nq, written_rows = fresh_rows(store, (p.paper.answer_parts for p in batch if p.paper.answer_parts), rows)
    rows_graphs = [rows] if rows_nq else []
    store.update(hide_update([*graphs, *rows_graphs]))
    store.bulk_load_quads("\n".join([*(paper_nquads(p.paper) for p in batch), rows_nq]))
    store.update(finish_hidden_papers_update([HiddenPaper(p.paper, p.digest, str(p.path)) for p in batch], build,
                                             VocabularyChange(store, lexicon), written_rows, rows_graphs))


def batch_limit(papers_left: int) -> int:
    """Papers per batch when `papers_left` are still to come. The last batch is written after the
    workers are done, with nothing to overlap it, so the tail halves: a batch is written once it
    holds as many papers as are still to come (at least `TAIL_MIN_PAPERS`), and so while the workers
    read the rest. The last paper or two come together (each worker ends with one) and are never
    left to a batch of their own. At 10 papers: two batches of 5, not one of 10 written at the end."""
    if papers_left >= BATCH_PAPERS:
        return BATCH_PAPERS
    if papers_left <= 1:
        return min(BATCH_PAPERS, TAIL_BATCH_PAPERS)
    return min(BATCH_PAPERS, TAIL_BATCH_PAPERS, max(TAIL_MIN_PAPERS, papers_left))


class PaperBatch:
    """Papers waiting to be written together; `flush` writes them (`write_one` for a batch of one)
    and reports each written paper to `written`."""

    def __init__(self, store: KgStore, build: str, write_one: Callable[[PendingPaper], None],
                 written: Callable[[PendingPaper], None]) -> None:
        self.store, self.build, self.write_one, self.written = store, build, write_one, written
        self.lexicon = LexiconNodes(store)
        self.pending: list[PendingPaper] = []
        self.size = 0
        self.limit = BATCH_PAPERS
        """Papers per batch (`PaperBatch.near_the_end` lowers it)."""

    def near_the_end(self, papers_left: int) -> None:
        """Say how many papers are still to come: fewer than a batch, and batches get small."""
        self.limit = batch_limit(papers_left)

    def add(self, paper: PreparedPaper, path: Path, digest: str) -> None:
        if any(p.paper.graph_iri == paper.graph_iri for p in self.pending):
            self.flush()  # the same file name twice: the later replaces the earlier, in order
        if len(paper.graph_nt) >= bulk_write.BULK_BYTES:  # a big paper is written alone, in its own steps
            self.flush()
            self.pending.append(PendingPaper(paper, path, digest))
            self.flush()
            return
        self.pending.append(PendingPaper(paper, path, digest))
        self.size += len(paper.graph_nt)
        if len(self.pending) >= self.limit or self.size >= BATCH_BYTES:
            self.flush()

    def flush(self) -> None:
        batch, self.pending, self.size = self.pending, [], 0
        if len(batch) == 1:
            self.write_one(batch[0])
        elif batch:
            write_batch(self.store, batch, self.build, self.lexicon)
        for pending in batch:
            self.written(pending)
