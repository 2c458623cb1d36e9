"""`kg build --dask ADDRESS`: extraction on a Dask distributed cluster; this process writes the store.

Each paper's bytes travel to a worker with its file name, so workers need no shared file system;
a worker process loads the spaCy pipeline once (it is cached per process) and returns a
`PreparedPaper` (plain text and counts). The client writes each paper as it arrives, one
transaction per paper, exactly as a local build does. The per-paper time budget is enforced by
the local workers only: on a cluster, bound tasks with Dask's own worker settings.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kg.build.budget import Budget
from kg.build.prepare import Extract, PreparedPaper, failure_reason, prepare_file
from kg.build.workers import Outcome
from kg.core.errors import KgError

if TYPE_CHECKING:
    from ontology.lexicon import Lexicon


def prepare_bytes(name: str, data: bytes, lexicon: Lexicon,
                  extract: Extract | None) -> tuple[list[PreparedPaper], str]:
    """A worker's task: the file under its own name in a private folder, its papers prepared."""
    with tempfile.TemporaryDirectory(prefix="kg-paper-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return prepare_file(path, lexicon, extract=extract)


def dask_preparer(address: str) -> Callable[..., Iterator[Outcome]]:
    """A `prepare` for `build_paths` that runs on the scheduler at `address` (tcp://host:port)."""
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise KgError("`--dask` needs the dask[distributed] package") from exc

    def prepare(paths: Iterable[Path], lexicon: Lexicon, *, jobs: int = 0, timeout: Budget = None,
                extract: Extract | None = None,
                on_start: Callable[[Path], None] = lambda path: None) -> Iterator[Outcome]:
        from distributed import as_completed

        try:
            client = Client(address, timeout=30)
        except OSError as exc:
            raise KgError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        try:
            shared = client.scatter(lexicon, broadcast=True)
            futures = {}
            for path in paths:
                try:
                    data = path.read_bytes()
                except OSError as exc:
                    yield Outcome(path, reason=f"cannot read: {exc.strerror or exc}")
                    continue
                on_start(path)
                futures[client.submit(prepare_bytes, path.name, data, shared, extract, pure=False)] = path
            for future in as_completed(list(futures)):
                path = futures.pop(future)
                try:
                    papers, reason = future.result()
                    yield Outcome(path, papers, reason)
                except Exception as exc:  # noqa: BLE001 - one bad paper must not stop the others
                    yield Outcome(path, reason=failure_reason(exc))
        finally:
            client.close()

    return prepare
