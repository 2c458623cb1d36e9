"""Writing a big paper without one huge SPARQL update.

A paper is normally written by one SPARQL update (kg.build.paper_write): atomic, and fast for a
paper of ordinary size. Oxigraph parses the update's text and applies it as one transaction, and
both cost more than linearly with the size: a 5 MB single-line text makes ~300 MB of N-Triples,
which never finished. A paper whose N-Triples reach `BULK_BYTES` is written in steps instead:

1. the old version, if any, is removed (one update: the paper is absent, never half there);
2. its graph and its rows' graph are marked hidden in the builds graph (`skg:hiddenGraph`), which
   every reader honours (KgStore queries, exports, counts, `kg serve`, the outcome rows);
3. its graph is bulk-loaded from its N-Triples (no transaction, linear);
4. its parts of the answer rows (computed by the worker, kg.build.answer_parts) are bulk-loaded
   into its answers graph;
5. one small update adds its claims, bookkeeping, vocabulary and conflicts, marks its parts added
   (the rows follow when the build ends), and lifts the marks.

A kill between 2 and 5 leaves hidden graphs only; the next build drops them at its start
(`paper_write.discard_hidden_update`) and, the paper's hash not being recorded, writes it again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.build.paper_write import HiddenPaper, finish_hidden_papers_update, hide_update, removal_update
from kg.build.vocabulary_write import LexiconNodes, VocabularyChange
from kg.core.iris import paper_answers_graph

if TYPE_CHECKING:
    from kg.build.prepare import PreparedPaper
    from kg.store.kg_store import KgStore

BULK_BYTES = 8_000_000
"""N-Triples size (characters) from which a paper is bulk-loaded: about 50,000 triples, where one
update starts to cost more than the bulk path's few extra steps."""


def write_big_paper(store: KgStore, paper: PreparedPaper, content_hash: str, source_path: str, build: str,
                    lexicon: LexiconNodes | None = None) -> None:
    """Write one big paper in the steps above (the store must be open for writing; `lexicon`: the nodes the
    store's lexicon describes, kept across a build's papers)."""
    lexicon = lexicon if lexicon is not None else LexiconNodes(store)
    graph, answers = paper.graph_iri, paper_answers_graph(paper.graph_iri)
    if graph in store.named_graphs():
        store.update(removal_update(store, graph, lexicon))
    store.update(hide_update([graph, answers]))
    store.bulk_load(graph, paper.graph_nt)
    if paper.answer_parts:
        store.bulk_load(answers, paper.answer_parts)
    store.update(finish_hidden_papers_update([HiddenPaper(paper, content_hash, source_path)], build,
                                             VocabularyChange(store, lexicon)))
