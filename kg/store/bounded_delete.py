"""Removing many quads in transactions of bounded size.

Oxigraph holds a transaction's writes in memory until it commits. `DROP GRAPH` of the answers
graph in one update took a 1,000-paper store to 1.4 GB of RSS, and a 10,000-paper store past 12 GB
before it was stopped. Here the quads to remove are read from a snapshot of the store and removed
by `DELETE DATA` updates of at most `DELETE_BATCH_BYTES` of text each, and the store's write buffers
are flushed every `FLUSH_BYTES`, so memory stays flat whatever the size of what is removed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pyoxigraph as ox

from kg.store.kg_store import FlushEvery, KgStore

DELETE_BATCH_BYTES = 4_000_000
"""Update text of one removing transaction at most (a row that lists every paper stating it can be
0.4 MB of text on its own: such a quad makes a transaction by itself)."""
FLUSH_BYTES = 32_000_000
"""Update text after which the store's write buffers are flushed."""


def _data_text(quad: ox.Quad) -> str:
    """The quad in a DELETE DATA block: its terms' N-Triples texts (never raw text), in its graph."""
    triple = f"{quad.subject} {quad.predicate} {quad.object} ."
    if isinstance(quad.graph_name, ox.DefaultGraph):
        return triple
    return f"GRAPH {quad.graph_name} {{ {triple} }}"


class BoundedRemover:
    """Removes quads for one store in bounded transactions, flushing the store's write buffers every
    `FLUSH_BYTES` of update text across all its calls (many small graphs dropped one after the other
    would otherwise leave their deletions in memory until the database flushed them itself, at
    about 800 MB)."""

    def __init__(self, store: KgStore) -> None:
        self.store = store
        self.flusher = FlushEvery(store, FLUSH_BYTES)

    def remove(self, quads: Iterable[ox.Quad], on_progress: Callable[[int], None] | None = None) -> int:
        """Remove these quads (read from the store: its iterators read a snapshot, so removing as
        they go is safe); returns how many were removed. `on_progress(removed)` hears of each
        transaction. A quad with a blank node (which DELETE DATA cannot name) is removed alone."""
        batch: list[str] = []
        size = removed = 0
        for quad in quads:
            if isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode):
                self.store.raw.remove(quad)
            else:
                text = _data_text(quad)
                batch.append(text)
                size += len(text)
            removed += 1
            if size >= DELETE_BATCH_BYTES:
                self._commit(batch, size, removed, on_progress)
                batch, size = [], 0
        self._commit(batch, size, removed, on_progress)
        return removed

    def drop_graph(self, graph: str, on_progress: Callable[[int], None] | None = None) -> int:
        """Remove every quad of one named graph, then the graph itself (`DROP GRAPH`, in steps)."""
        removed = self.remove(self.store.raw.quads_for_pattern(None, None, None, ox.NamedNode(graph)), on_progress)
        self.store.update(f"DROP SILENT GRAPH {ox.NamedNode(graph)}")  # empty now: the name alone
        return removed

    def finish(self) -> None:
        """Flush what is left of the removals, if any (a long build goes on writing after them)."""
        self.flusher.finish()

    def _commit(self, batch: list[str], size: int, removed: int, on_progress: Callable[[int], None] | None) -> None:
        if not batch:
            return
        self.store.update("DELETE DATA {\n" + "\n".join(batch) + "\n}")
        self.flusher.wrote(size)
        if on_progress is not None:
            on_progress(removed)

