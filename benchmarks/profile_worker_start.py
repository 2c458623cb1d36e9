"""What a `kg build --jobs N` worker costs before its first paper, and what the pool's start costs.

    .venv/bin/python benchmarks/profile_worker_start.py [--jobs 2] [--spawn] [--repeat 3]

Each measurement runs in a fresh process (a module imported once is imported for good):
- the steps of loading the pipeline in one process, in CPU seconds: importing spaCy, importing
  what preparing a paper needs, the lexicon, `build_nlp`;
- the pool: wall seconds until all `--jobs` workers have each prepared one small paper, and the CPU
  seconds of the workers (and of the fork server they are forked from, ended and counted). `--spawn`
  starts every worker on its own, each loading everything itself (the way before the fork server).
The machine may be shared: read the CPU seconds, and the wall seconds with the load in mind.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAPER = """A phase II trial of drugamab in leiomyosarcoma

Abstract

Background: Twenty patients received drugamab 10 mg/kg every 3 weeks.
Results: The objective response rate was 25% (5 of 20; 95% CI 9-49) and the median progression-free
survival was 4.1 months. Grade 3 neutropenia occurred in two patients (10%).
"""


def load_steps() -> dict[str, float]:
    """CPU seconds of each step of loading the pipeline, in this (fresh) process."""
    steps: dict[str, float] = {}
    t0 = time.process_time()
    import spacy  # noqa: F401

    steps["import spacy"] = time.process_time() - t0
    t0 = time.process_time()
    import extractors.extract  # noqa: F401
    import kg.build.workers  # noqa: F401

    steps["import the extractors and kg.build"] = time.process_time() - t0
    from ontology.lexicon import load_lexicon

    t0 = time.process_time()
    load_lexicon()
    steps["load the lexicon"] = time.process_time() - t0
    from extractors.pipeline import build_nlp

    t0 = time.process_time()
    build_nlp()
    steps["build_nlp"] = time.process_time() - t0
    return steps


def pool_start(jobs: int, spawn: bool) -> dict[str, float]:
    """Wall and CPU seconds until `jobs` workers have each prepared one small paper."""
    from kg.build import workers
    from ontology.lexicon import load_lexicon

    if spawn:
        workers._start_context = lambda extract: mp.get_context("spawn")  # noqa: SLF001 - the way before
    with tempfile.TemporaryDirectory() as folder:
        papers = []
        for i in range(jobs):
            papers.append(Path(folder) / f"paper{i}.txt")
            papers[-1].write_text(PAPER, encoding="utf-8")
        lexicon = load_lexicon()
        start = time.perf_counter()
        outcomes = list(workers.prepare_all(papers, lexicon, jobs=jobs))
        wall = time.perf_counter() - start
    if any(o.reason for o in outcomes):
        raise SystemExit(f"a paper failed: {[o.reason for o in outcomes if o.reason]}")
    import multiprocessing.forkserver as forkserver

    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
    if stop is not None:  # a private hook: ends the server so that its CPU, and its workers', is counted
        stop()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"wall": wall, "cpu": children.ru_utime + children.ru_stime}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--spawn", action="store_true", help="spawn every worker (no fork server)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", choices=["steps", "pool"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "steps":
        print(json.dumps(load_steps()))
        return
    if args.child == "pool":
        print(json.dumps(pool_start(args.jobs, args.spawn)))
        return

    def child(kind: str) -> dict[str, float]:
        command = [sys.executable, __file__, "--child", kind, "--jobs", str(args.jobs), *(["--spawn"] * args.spawn)]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        return json.loads(done.stdout.strip().splitlines()[-1])

    steps = [child("steps") for _ in range(args.repeat)]
    print(f"loading the pipeline in one process (CPU s, best of {args.repeat}):")
    for name in steps[0]:
        print(f"  {name:40} {min(s[name] for s in steps):6.2f}")
    pools = [child("pool") for _ in range(args.repeat)]
    how = "spawned" if args.spawn else "forked from a fork server"
    print(f"{args.jobs} workers {how}, until each prepared one small paper (best of {args.repeat}): "
          f"wall {min(p['wall'] for p in pools):.2f} s, CPU {min(p['cpu'] for p in pools):.2f} s "
          f"(load {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
