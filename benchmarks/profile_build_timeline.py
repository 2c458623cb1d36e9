"""A timeline of one `kg build --jobs N` of N distinct papers: when the workers got their first paper,
when each paper was handed out and written, when each batch was written, and the CPU it all took.

    .venv/bin/python benchmarks/profile_build_timeline.py [--papers 10] [--jobs 2] [--runs 1] [INPUT ...]

The build is timed as `bench_scale.py` times it (from opening the store to the end of `build_paths`).
"file" is when the writer heard that a paper was handed out (the pool's thread hands papers out while
the writer may be busy with a batch), "built" when the paper was written.
The machine may be shared: read the CPU seconds, and the seconds of the timeline with the load in mind.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def timeline(papers: list[Path], jobs: int, store_path: Path) -> tuple[list[tuple[float, str]], float, float]:
    """(seconds since the start, what happened), the build's seconds and its CPU seconds (workers included)."""
    from bench_scale import cpu_seconds, stop_fork_server

    from kg.build import batch_write, pipeline
    from kg.build.pipeline import BuildEvent, build_paths
    from kg.store.kg_store import KgStore

    events: list[tuple[float, str]] = []
    start = time.perf_counter()

    def mark(what: str) -> None:
        events.append((time.perf_counter() - start, what))

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            mark(f"{name} starts")
            try:
                return function(*args, **kwargs)
            finally:
                mark(f"{name} ends")
        return run

    def on_event(event: BuildEvent) -> None:
        if event.kind in ("file", "built", "failed"):
            mark(f"{event.kind} {event.path.name if event.path else ''}")

    write_batch, write_lexicon = batch_write.write_batch, pipeline.write_lexicon
    batch_write.write_batch = timed("batch write", write_batch)
    pipeline.write_lexicon = timed("lexicon write", write_lexicon)
    try:
        start, cpu = time.perf_counter(), cpu_seconds()
        with KgStore.open(store_path) as store:
            build_paths(papers, store, jobs=jobs, on_event=on_event)
            build = time.perf_counter() - start
        stop_fork_server()
        return events, build, cpu_seconds() - cpu
    finally:
        batch_write.write_batch, pipeline.write_lexicon = write_batch, write_lexicon


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=[ROOT.parent / "shared" / "corpus"])
    parser.add_argument("--papers", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--runs", type=int, default=1, help="builds, each in a fresh process")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a child run
    args = parser.parse_args()
    if not args.one:
        import subprocess

        for _ in range(args.runs):
            subprocess.run([sys.executable, __file__, "--one", "--papers", str(args.papers), "--jobs", str(args.jobs),
                            *map(str, args.inputs)], check=True)
        return
    from make_corpus import make_corpus

    sources = sorted(p for i in args.inputs for p in ([i] if i.is_file() else i.glob("*.txt")))
    if not sources:
        parser.error("no input papers")
    with tempfile.TemporaryDirectory() as folder:
        papers = make_corpus(sources, args.papers, Path(folder) / "corpus")
        events, build, cpu = timeline(papers, args.jobs, Path(folder) / "store")
    for seconds, what in events:
        print(f"{seconds:7.2f}  {what}")
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    rss = max(own.ru_maxrss, children.ru_maxrss)
    print(f"build {build:.2f} s, CPU {cpu:.2f} s (writer and workers), peak RSS {rss / 1024:.0f} MB, "
          f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
