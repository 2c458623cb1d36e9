"""Queries evaluated in worker processes that can be stopped: the server's query engine.

Oxigraph cannot interrupt a query it is evaluating, so each query runs in a worker process
(pyoxigraph over the store opened read-only) and the worker is killed when the query goes over
its time bound or when its client has gone. A killed worker is replaced on the next request;
idle workers are reused, and at most `size` run at once (further requests wait for one).

A worker imports pyoxigraph only (and the store module for its first query), so it starts in a
fraction of a second.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

POLL_S = 0.05
START_TIMEOUT_S = 30.0
SPARQL_RESULTS = {
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "application/xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
RDF_GRAPHS = {
    "application/n-triples": "N_TRIPLES",
    "text/turtle": "TURTLE",
    "application/rdf+xml": "RDF_XML",
    "application/ld+json": "JSON_LD",
    "text/plain": "N_TRIPLES",
}


@dataclass(frozen=True)
class Answer:
    """What became of a query: `status` is ok, bad (the query is wrong), error, timeout or gone."""

    status: str
    body: bytes = b""
    media_type: str = "text/plain; charset=utf-8"


def negotiate(accept: str, graph: bool) -> tuple[str, str]:
    """(pyoxigraph format name, media type) for an Accept header; JSON results / N-Triples by default."""
    table = RDF_GRAPHS if graph else SPARQL_RESULTS
    ranked = []
    for position, item in enumerate(accept.split(",")):
        media, *options = (part.strip() for part in item.split(";"))
        quality = 1.0
        for option in options:
            name, _, value = option.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media.lower() in table and quality > 0:
            ranked.append((-quality, position, media.lower()))
    if ranked:
        media = min(ranked)[2]
        return table[media], media
    return ("N_TRIPLES", "application/n-triples") if graph else ("JSON", "application/sparql-results+json")


def _evaluate(store: object, query: str, accept: str) -> Answer:
    import pyoxigraph as ox

    from kg.store.kg_store import visible_dataset

    try:
        result = store.query(query, **visible_dataset(store))  # type: ignore[arg-type]
    except SyntaxError as exc:
        return Answer("bad", f"query syntax error: {exc}".encode())
    graph = isinstance(result, ox.QueryTriples)
    fmt, media = negotiate(accept, graph)
    if graph:
        body = result.serialize(format=getattr(ox.RdfFormat, fmt))
    else:
        body = result.serialize(format=getattr(ox.QueryResultsFormat, fmt))
    charset = "" if media.endswith(("json", "+xml", "/xml")) else "; charset=utf-8"
    return Answer("ok", body or b"", media + charset)


def worker_main(store_path: str, conn: Connection) -> None:
    """A worker's life: open the store read-only, say so, then answer (query, accept) requests."""
    import pyoxigraph as ox

    # Ctrl-C reaches the whole process group: the server stops its workers itself
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    try:
        store = ox.Store.read_only(store_path)
    except OSError as exc:
        conn.send(Answer("error", f"cannot open the store {store_path}: {exc}".encode()))
        return
    conn.send(Answer("ok"))
    while True:
        try:
            query, accept = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer = _evaluate(store, query, accept)
        except Exception as exc:  # the engine's own error (e.g. a failing function): the client's message
            answer = Answer("error", f"query failed: {exc}".encode())
        conn.send(answer)


class _Worker:
    def __init__(self, context: multiprocessing.context.SpawnContext, store: Path) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=worker_main, args=(str(store), child), daemon=True)
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout: float) -> Answer:
        if self.conn.poll(timeout):
            try:
                answer: Answer = self.conn.recv()
            except (EOFError, OSError):
                answer = Answer("error", b"the query worker stopped while starting")
        else:
            answer = Answer("error", b"the query worker did not start in time")
        self.ready = answer.status == "ok"
        return answer

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class QueryPool:
    """At most `size` worker processes over the store; `run` evaluates one query in one of them."""

    def __init__(self, store: Path, size: int = 4, timeout_s: float = 30.0, warm: int = 2) -> None:
        self.store = store
        self.size = max(1, size)
        self.timeout_s = timeout_s
        self._context = multiprocessing.get_context("spawn")
        self._idle: list[_Worker] = []
        self._running = 0
        self._lock = threading.Condition()
        self._closed = False
        self._warm = min(max(warm, 1), self.size)

    def start(self) -> None:
        """Start the warm workers; StoreError-like RuntimeError when the store cannot be opened."""
        workers = [_Worker(self._context, self.store) for _ in range(self._warm)]
        problems = [w.wait_ready(START_TIMEOUT_S) for w in workers]
        failed = next((p for p in problems if p.status != "ok"), None)
        if failed is not None:
            for worker in workers:
                worker.kill()
            raise RuntimeError(failed.body.decode("utf-8", "replace"))
        self._idle.extend(workers)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers, self._idle = self._idle, []
            self._lock.notify_all()
        for worker in workers:
            worker.kill()

    def _take(self, deadline: float, gone: Callable[[], bool]) -> _Worker | Answer:
        with self._lock:
            while not self._idle and self._running >= self.size:
                if self._closed:
                    return Answer("error", b"the server is stopping")
                if time.monotonic() > deadline:
                    return Answer("timeout", self._over_time())
                if gone():
                    return Answer("gone")
                self._lock.wait(POLL_S)
            self._running += 1
            if self._idle:
                return self._idle.pop()
        worker = _Worker(self._context, self.store)
        started = worker.wait_ready(START_TIMEOUT_S)
        if started.status != "ok":
            worker.kill()
            self._release(None)
            return started
        return worker

    def _release(self, worker: _Worker | None) -> None:
        with self._lock:
            self._running -= 1
            if worker is not None and not self._closed:
                self._idle.append(worker)
            elif worker is not None:
                worker.kill()
            self._lock.notify()

    def _over_time(self) -> bytes:
        return f"query stopped: it ran longer than the server's limit of {self.timeout_s:g} s".encode()

    def run(self, query: str, accept: str, gone: Callable[[], bool] = lambda: False) -> Answer:
        """Evaluate `query`; kill its worker when it runs over the time bound or `gone()` says the
        client hung up (checked every 50 ms)."""
        deadline = time.monotonic() + self.timeout_s
        taken = self._take(deadline, gone)
        if isinstance(taken, Answer):
            return taken
        worker = taken
        try:
            worker.conn.send((query, accept))
            while not worker.conn.poll(POLL_S):
                if not worker.process.is_alive():
                    raise EOFError
                expired = time.monotonic() > deadline
                if expired or gone():
                    worker.kill()
                    self._release(None)
                    return Answer("timeout", self._over_time()) if expired else Answer("gone")
            answer: Answer = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            worker.kill()
            self._release(None)
            return Answer("error", b"the query worker stopped (out of memory?)")
        self._release(worker)
        return answer
