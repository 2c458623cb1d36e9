"""The union of a store's graphs as distinct triples in sorted order, streamed through runs on disk.

The union exports (Turtle, N-Triples, JSON-LD) once held every triple of the store as a Python object
to merge the copies across graphs and sort them: on 1,000 papers that was 3.7 GB. Here the triples
are read as N-Triples text ("s p o"), a run of RUN_TRIPLES at a time is deduplicated, sorted and
written to a file, and the runs are merged (heapq.merge), so memory holds one run whatever the store.

The text order is the order of (str(subject), str(predicate), str(object)) that the exports promise:
a term's N-Triples text never holds a raw space or control character, and a space sorts before
every character a term does hold, so comparing the joined texts compares the terms in turn.
"""

from __future__ import annotations

import heapq
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pyoxigraph as ox

RUN_TRIPLES = 250_000
"""Distinct triples per sorted run (some 50 MB of text)."""
PARSE_BATCH = 10_000
"""Merged lines parsed back into triples at a time."""


def _runs(lines: Iterable[str], folder: Path) -> tuple[list[Path], list[str]]:
    """Sorted runs written under `folder` (and the last, short one kept in memory)."""
    runs: list[Path] = []
    batch: set[str] = set()
    for line in lines:
        batch.add(line)
        if len(batch) >= RUN_TRIPLES:
            run = folder / f"run{len(runs):05d}.nt"
            run.write_text("".join(f"{text}\n" for text in sorted(batch)), encoding="utf-8")
            runs.append(run)
            batch = set()
    return runs, sorted(batch)


def sorted_distinct_lines(lines: Iterable[str], folder: Path) -> Iterator[str]:
    """The distinct lines (no newline inside any), sorted; `folder` holds the runs while they merge."""
    runs, last = _runs(lines, folder)
    if not runs:
        yield from last
        return
    with ExitStack() as stack:
        files = [stack.enter_context(run.open(encoding="utf-8")) for run in runs]
        previous = None
        for line in heapq.merge(*files, (f"{text}\n" for text in last)):
            if line != previous:
                yield line[:-1]
            previous = line


def triple_text(quad: ox.Quad | ox.Triple) -> str:
    return f"{quad.subject} {quad.predicate} {quad.object}"


def union_triples(quads: Iterable[ox.Quad], workdir: Path | None = None) -> Iterator[ox.Triple]:
    """The distinct triples of `quads`, sorted by (subject, predicate, object) as N-Triples text.

    The runs go to a temporary folder in `workdir` (default: the system's), removed when the
    iteration ends or is dropped."""
    with tempfile.TemporaryDirectory(prefix=".kg-union-", dir=workdir) as folder:
        lines = sorted_distinct_lines((triple_text(quad) for quad in quads), Path(folder))
        yield from (quad.triple for quad in parsed_lines(lines))


def parsed_lines(lines: Iterable[str]) -> Iterator[ox.Quad]:
    """N-Triples or N-Quads lines without their final dot, parsed PARSE_BATCH at a time (a triple's
    quad is in the default graph)."""
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= PARSE_BATCH:
            yield from _parse(batch)
            batch = []
    yield from _parse(batch)


def _parse(lines: list[str]) -> Iterator[ox.Quad]:
    if lines:
        yield from ox.parse("".join(f"{line} .\n" for line in lines).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
