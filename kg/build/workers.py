"""Extraction in worker processes, each loading the pipeline once, with a time budget per paper.

`prepare_all` yields one `Outcome` per input path, in the order they finish. With `jobs` = 0 the
papers are prepared in this process (a SIGALRM bounds each one when a budget is given). With
`jobs` >= 1 each worker is a spawned process fed one path at a time over a pipe; it reports the
stage each paper is in, so a paper over its budget is reported with that stage, and its worker is
killed and replaced: one pathological file cannot hold the build hostage. A paper's budget grows
with the size of its file (`kg.build.budget`).

Where the platform has it, workers are forked from a fork server that has imported spaCy and built
the shipped lexicon's pipeline once (`kg.build.worker_preload`): a worker then starts in
milliseconds instead of ~2 s of CPU each, and one replacing a killed worker too. A worker forked from
a server that loaded other code or another lexicon than the build's (files edited since the server
started) says so, and the pool falls back to spawned workers, which load everything afresh.

The pool is served by a thread of its own (`_WorkerPool.run`): it takes each worker's paper, hands it
the next, and keeps up to `READ_AHEAD` outcomes for the writer. The writer's bulk loads and updates
release the GIL, so the workers go on reading papers while a batch is written, where a pool served
between the writes left both of them waiting, a finished paper in hand, for as long as each write took.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing import forkserver
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import TYPE_CHECKING

from kg.build.budget import Budget, PaperBudget, as_budget
from kg.build.prepare import Extract, PaperTimeout, PreparedPaper, code_fingerprint, failure_reason, prepare_file
from kg.core.errors import KgError
from ontology.lexicon import load_lexicon

if TYPE_CHECKING:
    from ontology.lexicon import Lexicon

__all__ = ["Extract", "Outcome", "failure_reason", "prepare_all", "start_fork_server"]

PRELOAD_MODULE = "kg.build.worker_preload"
READ_AHEAD = 32
"""Outcomes (and start notices) the pool's thread holds for a busy writer at most: memory stays bounded
(a paper's graph as text is about a megabyte) when the workers outrun the writer, as they do while it
writes a large batch."""
POLL_SECONDS = 0.5
"""How often the pool's thread looks up from its workers to see whether the build still wants it."""
preloaded_fingerprint: str | None = None
"""Set in the fork server by `kg.build.worker_preload`: the code fingerprint its pipeline was built
from (None in a spawned worker, which builds its own)."""


@dataclass
class Outcome:
    """What came of one file: its prepared papers (most files hold one), and why the rest failed
    ('' when nothing did) and in which stage."""

    path: Path
    papers: list[PreparedPaper] = field(default_factory=list)
    reason: str = ""
    stage: str = ""
    partial: bool = False
    """Papers a worker passed on while it still reads the file (a PubMed set's records, as they are
    built); the file's last outcome is not partial."""


STREAMED_PAPERS = 16
"""A worker passes on the papers of a file that holds more (a PubMed set) this many at a time."""


def over_budget(seconds: float, stage: str) -> str:
    return f"took longer than the {round(seconds, 1):g} s per-paper budget (stage: {stage or 'starting'}); skipped"


def prepare_all(paths: Iterable[Path], lexicon: Lexicon, *, jobs: int = 0, timeout: Budget = None,
                extract: Extract | None = None,
                on_start: Callable[[Path], None] = lambda path: None) -> Iterator[Outcome]:
    """Prepare every path; yields outcomes as papers finish (failures included, never raised).
    `timeout` is each paper's budget (`kg.build.budget`: seconds, or base + seconds per MB)."""
    budget = as_budget(timeout)
    if jobs <= 0:
        yield from _in_process(paths, lexicon, budget, extract, on_start)
    else:
        yield from _WorkerPool(jobs, lexicon, budget, extract).run(paths, on_start)


def _on_alarm(signum: int, frame: object) -> None:
    raise PaperTimeout


def _in_process(paths: Iterable[Path], lexicon: Lexicon, budget: PaperBudget | None, extract: Extract | None,
                on_start: Callable[[Path], None]) -> Iterator[Outcome]:
    use_alarm = budget is not None and threading.current_thread() is threading.main_thread()
    for path in paths:
        on_start(path)
        stage = [""]
        seconds = budget.seconds(path) if budget is not None else 0.0
        previous = signal.signal(signal.SIGALRM, _on_alarm) if use_alarm else None
        try:
            if use_alarm:
                signal.setitimer(signal.ITIMER_REAL, seconds)
            papers, reason = prepare_file(path, lexicon, extract=extract,
                                          stage=lambda name, box=stage: box.__setitem__(0, name))
            outcome = Outcome(path, papers, reason, stage[0] if reason else "")
        except PaperTimeout:
            outcome = Outcome(path, reason=over_budget(seconds, stage[0]), stage=stage[0])
        except Exception as exc:  # noqa: BLE001 - one bad paper must not stop the others
            outcome = Outcome(path, reason=failure_reason(exc), stage=stage[0])
        finally:
            if use_alarm:  # disarmed before the writer gets the paper
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
        yield outcome


def _worker_main(conn: Connection, lexicon: Lexicon | None, extract: Extract | None, fingerprint: str = "") -> None:
    """A worker: load the pipeline once, then prepare each path it is sent until it gets None
    (`lexicon` None: the shipped one). Forked from a fork server whose pipeline was built from other
    files than the build's `fingerprint`, it reports "stale" and ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if fingerprint and preloaded_fingerprint is not None and preloaded_fingerprint != fingerprint:
        conn.send(("stale", None))
        return
    lexicon = lexicon if lexicon is not None else load_lexicon()
    if extract is None:
        from extractors.pipeline import build_nlp

        build_nlp()
    conn.send(("ready", None))  # the budget of the first paper starts after the pipeline is loaded
    while True:
        try:
            path = conn.recv()
        except EOFError:
            return
        if path is None:
            return
        # a set of thousands of records is passed on in parts as it is built, never held whole
        held: list[PreparedPaper] = []

        def built(paper: PreparedPaper, held: list[PreparedPaper] = held) -> None:
            held.append(paper)
            if len(held) >= STREAMED_PAPERS:
                conn.send(("papers", held[:]))
                held.clear()

        _, reason = prepare_file(path, lexicon, extract=extract, stage=lambda name: conn.send(("stage", name)),
                                 on_paper=built)
        conn.send(("done", (held, reason)))


def _start_context(extract: Extract | None) -> BaseContext:
    """Fork from a server that loaded the pipeline once where there is one (not on Windows), else
    spawn. Never a plain fork: it would copy the open store's database handles into the workers."""
    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    context = mp.get_context("forkserver")
    # read when the server starts (the first pool of this process); a custom extraction needs no pipeline
    context.set_forkserver_preload([PRELOAD_MODULE] if extract is None else [__name__])
    return context


def start_fork_server() -> None:
    """Have the fork server start loading the pipeline now, without waiting for it: a caller with work
    to do before its first `prepare_all` (opening the store, writing the lexicon) overlaps the two.
    Nothing happens where there is no fork server, or when it already runs."""
    if _start_context(None).get_start_method() == "forkserver":
        try:
            forkserver.ensure_running()
        except OSError:
            pass  # the pool meets it again when it starts its workers, and spawns them instead


@dataclass
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection
    path: Path | None = None
    started: float = 0.0
    stage: str = ""
    ready: bool = False
    seconds: float = 0.0
    """The budget of the paper it is reading (0: no limit)."""


class _WorkerPool:
    def __init__(self, jobs: int, lexicon: Lexicon, budget: PaperBudget | None, extract: Extract | None) -> None:
        self.context = _start_context(extract)
        self.fingerprint = code_fingerprint() if extract is None else ""
        self.lexicon, self.budget, self.extract = lexicon, budget, extract
        self.workers = [self._spawn() for _ in range(jobs)]

    def _spawn(self) -> _Worker:
        parent, child = self.context.Pipe()
        # the shipped lexicon is loaded by the worker itself: pickling it to each worker held up the
        # next worker's start until this one had unpickled it (~0.4 s each)
        lexicon = None if self.lexicon is load_lexicon() else self.lexicon
        process = self.context.Process(target=_worker_main, args=(child, lexicon, self.extract, self.fingerprint),
                                       daemon=True)
        try:
            process.start()
        except (OSError, EOFError):
            if self.context.get_start_method() != "forkserver":
                raise
            # the fork server could not be started or reached (no Unix socket, or it died): spawn
            # this worker and the next, each loading the pipeline itself
            parent.close()
            child.close()
            self.context = mp.get_context("spawn")
            return self._spawn()
        child.close()
        return _Worker(process, parent)

    def _replace(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        self.workers[self.workers.index(worker)] = self._spawn()

    def run(self, paths: Iterable[Path], on_start: Callable[[Path], None]) -> Iterator[Outcome]:
        """Yield each path's outcome as it finishes; the pool is served by a thread meanwhile (see the
        module docstring). `on_start` is called here, in the caller's thread, in the order the papers
        were handed out."""
        feed: queue.Queue[tuple[str, object]] = queue.Queue(maxsize=READ_AHEAD)
        stop = threading.Event()
        server = threading.Thread(target=self._serve, args=(deque(paths), feed, stop), name="kg-worker-pool",
                                  daemon=True)
        server.start()
        try:
            while True:
                kind, item = feed.get()
                if kind == "start":
                    on_start(item)  # type: ignore[arg-type]
                elif kind == "outcome":
                    yield item  # type: ignore[misc]
                elif kind == "error":
                    raise item  # type: ignore[misc]
                else:
                    return
        finally:
            stop.set()
            while server.is_alive():  # a thread blocked on a full feed sees the stop once there is room
                try:
                    feed.get_nowait()
                except queue.Empty:
                    server.join(POLL_SECONDS)
            self.close()

    def _serve(self, pending: deque[Path], feed: queue.Queue[tuple[str, object]], stop: threading.Event) -> None:
        """The pool's thread: hand out papers and pass on what comes back until every paper is done
        ("end"), the build stops wanting outcomes (`stop`), or the pool fails ("error", raised in the
        caller's thread)."""

        def send(kind: str, item: object) -> bool:
            while not stop.is_set():
                try:
                    feed.put((kind, item), timeout=POLL_SECONDS)
                    return True
                except queue.Full:
                    continue
            return False

        def started(path: Path) -> None:
            send("start", path)

        try:
            while not stop.is_set():
                for worker in self.workers:
                    self._dispatch(worker, pending, started)
                busy = [w for w in self.workers if w.path is not None]
                starting = [w for w in self.workers if not w.ready]
                if not busy and not (pending and starting):
                    send("end", None)
                    return
                waited = self._wait_time(busy)
                ready = set(wait([w.conn for w in busy + starting],
                                 timeout=POLL_SECONDS if waited is None else min(waited, POLL_SECONDS)))
                for worker in busy + starting:
                    if worker.conn in ready:
                        outcome = self._receive(worker)
                    elif worker.path is not None and worker.seconds and \
                            time.monotonic() - worker.started > worker.seconds:
                        outcome = Outcome(worker.path, reason=over_budget(worker.seconds, worker.stage),
                                          stage=worker.stage)
                        self._replace(worker)
                    else:
                        continue
                    if outcome is not None:
                        # the worker starts its next paper before this one is passed on
                        self._dispatch(worker, pending, started)
                        if not send("outcome", outcome):
                            return
        except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread
            send("error", exc)

    def _dispatch(self, worker: _Worker, pending: deque[Path], on_start: Callable[[Path], None]) -> None:
        if not any(w is worker for w in self.workers):  # replaced (timed out or died): its successor starts
            return
        if worker.ready and worker.path is None and pending:
            worker.path, worker.started, worker.stage = pending.popleft(), time.monotonic(), ""
            worker.seconds = self.budget.seconds(worker.path) if self.budget is not None else 0.0
            on_start(worker.path)
            worker.conn.send(worker.path)

    def _wait_time(self, busy: list[_Worker]) -> float | None:
        limited = [w for w in busy if w.seconds]
        if not limited:
            return None
        left = min(w.seconds - (time.monotonic() - w.started) for w in limited)
        return max(left, 0.0) + 0.05

    def _receive(self, worker: _Worker) -> Outcome | None:
        path = worker.path
        try:
            kind, payload = worker.conn.recv()
        except (EOFError, OSError):
            stage = worker.stage
            self._replace(worker)
            if path is None:
                # the usual cause in a script: workers re-run its top level, which builds again
                raise KgError("a worker process died while loading the pipeline (a Python script that builds "
                              "with jobs > 1 must run its build under `if __name__ == \"__main__\":`)") from None
            return Outcome(path, reason=f"the worker process died (stage: {stage or 'starting'})", stage=stage)
        if kind == "ready":
            worker.ready = True
            return None
        if kind == "stale":  # the fork server holds other code or lexicon: load them afresh from now on
            self.context = mp.get_context("spawn")
            self._replace(worker)
            return None
        assert path is not None
        if kind == "stage":
            worker.stage = payload
            return None
        if kind == "papers":  # papers of a file the worker goes on reading
            return Outcome(path, payload, partial=True)
        worker.path = None
        papers, reason = payload
        return Outcome(path, papers, reason, worker.stage if reason else "")

    def close(self) -> None:
        for worker in self.workers:
            try:
                if worker.path is None:
                    worker.conn.send(None)
            except OSError:
                pass
        for worker in self.workers:
            worker.process.join(1 if worker.path is None else 0)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(5)
            worker.conn.close()
