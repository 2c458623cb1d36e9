"""How the product scales with the number of papers, as ratios to baselines run in the same process.

    .venv/bin/python benchmarks/bench_scale.py [--sizes 10 100 1000] [--jobs N] [--validate] [INPUT ...]

For each size N, in a fresh process (so peak memory is that size's own): make N distinct papers
from the inputs (`make_corpus.py`), then measure
- the build: seconds, papers/s, and papers/s as a ratio to spaCy's bare tokenizer on the same files
  in the same process (the issue asks for >= 1/8); and the same ratio from CPU time ("cpu ratio":
  the build's CPU per paper, workers and writer, spread over its `--jobs` cores), which is what the
  wall ratio comes to on an idle machine;
- the canonical question (`outcomes --endpoint ORR --subtype ASPS --min 30` through the Python API,
  `KnowledgeGraph.outcomes`, a DataFrame): median of 51 runs, and that median per row of the answer
  (the answer grows with the copies, each its own publication with its own primary results, so the
  per-row figure is what should stay flat); and the same rows as RDF terms (`outcome_rows`);
- adding one more paper to the N-paper store, as a ratio to adding it to an empty store (<= 1.5);
- at the end, the question on every size's store in turns, in one process: the ratio between sizes
  that the machine's drift between the child processes does not distort;
- peak RSS of the build process and its workers;
- with `--validate`, `kg validate` (SHACL, paper graph by paper graph) and an N-Quads export of the store.
The machine may be shared: compare ratios, and read seconds with the load in mind.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

QUESTION_RUNS = 51
ADD_RUNS = 3


def tokenizer_rate(paths: list[Path]) -> tuple[float, float]:
    """Papers per second for spaCy's bare English tokenizer over the same files (read included):
    per second of wall time and per CPU second."""
    import spacy

    nlp = spacy.blank("en")
    start, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        nlp.tokenizer(path.read_text(encoding="utf-8"))
    return len(paths) / (time.perf_counter() - start), len(paths) / (time.process_time() - cpu)


def cpu_seconds() -> float:
    """CPU seconds of this process and of its children that have ended (the build's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def stop_fork_server() -> None:
    """End the fork server the build's workers were forked from (`kg.build.workers`), so that its CPU
    and memory, and its workers', count among this process's ended children (they are its
    children, not ours; it would live until this process ends). A private hook of the standard
    library, hence the guard: without it the figures leave the workers out."""
    import multiprocessing.forkserver as forkserver

    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
    if stop is not None:
        stop()


def add_one_seconds(store_path: Path | None, paper: Path) -> float:
    from kg.build.pipeline import build_paths
    from kg.store.kg_store import KgStore

    with tempfile.TemporaryDirectory() as empty:
        with KgStore.open(store_path or Path(empty) / "store") as store:
            start = time.perf_counter()
            build_paths([paper], store, jobs=0, force=True)  # force: a repeat is timed, not skipped
            return time.perf_counter() - start


def measure(size: int, inputs: list[Path], jobs: int, validate: bool = False,
            keep: Path | None = None) -> dict[str, float]:
    from make_corpus import make_corpus

    from kg import KnowledgeGraph
    from kg.build.pipeline import build_paths
    from kg.build.prepare import read_and_extract
    from kg.store.kg_store import KgStore

    with tempfile.TemporaryDirectory() as folder:
        corpus = make_corpus(inputs, size + 1, Path(folder) / "corpus")
        papers, extra = corpus[:size], corpus[size]
        tokens, tokens_per_cpu_s = tokenizer_rate(papers)
        store_path = keep if keep is not None else Path(folder) / "store"
        start, cpu = time.perf_counter(), cpu_seconds()
        with KgStore.open(store_path) as store:
            report = build_paths(papers, store, jobs=jobs)
            build = time.perf_counter() - start
        stop_fork_server()
        build_cpu = cpu_seconds() - cpu
        with KgStore.open(store_path) as store:
            store.raw.optimize()  # untimed: let the database settle before the add-one comparison
        with KnowledgeGraph.open(store_path) as graph:
            times, term_times = [], []
            for _ in range(QUESTION_RUNS):
                spent, rows = timed_question(graph)
                times.append(spent)
                began = time.perf_counter()
                graph.outcome_rows("ORR", "ASPS", None, 30, None, "all")
                term_times.append(time.perf_counter() - began)
        checks = whole_store_seconds(store_path, Path(folder)) if validate else {}
        list(read_and_extract(extra, lambda stage: None))  # load the pipeline before timing the two adds
        # best of 3 each, interleaved, so a burst of load on the shared machine hits both sides alike
        empties, fulls = [], []
        for _ in range(ADD_RUNS):
            empties.append(add_one_seconds(None, extra))
            fulls.append(add_one_seconds(store_path, extra))
        empty, full = min(empties), min(fulls)
    rss_kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                 resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {"papers": size, "failed": len(report.failures), "build_s": build, "papers_per_s": size / build,
            "tokenizer_per_s": tokens, "rate_ratio": (size / build) / tokens,
            # what the ratio is on `jobs` idle cores: the build's CPU per paper (workers and writer)
            # spread over them, against the tokenizer's CPU per paper (the load of a shared machine
            # slows the build's several processes more than the one-process baseline)
            "cpu_rate_ratio": (size * max(jobs, 1) / build_cpu) / tokens_per_cpu_s,
            "question_ms": statistics.median(times) * 1000, "rows": len(rows),
            "question_us_per_row": statistics.median(times) * 1e6 / max(len(rows), 1),
            "question_terms_ms": statistics.median(term_times) * 1000,
            "add_one_empty_s": empty, "add_one_full_s": full, "add_one_ratio": full / empty,
            "peak_rss_mb": rss_kb / 1024, **checks}


def timed_question(graph: Any) -> tuple[float, Any]:
    """The canonical question (ORR in ASPS, 30% or more) through the Python API: seconds and rows."""
    began = time.perf_counter()
    rows = graph.outcomes(endpoint="ORR", subtype="ASPS", min=30)
    return time.perf_counter() - began, rows


def interleaved_questions(stores: dict[int, Path], runs: int = QUESTION_RUNS) -> dict[int, float]:
    """The canonical question's median (ms) on each kept store, the stores taking turns run by run in
    this one process: a burst of load on the shared machine slows every size alike, where medians
    taken in separate processes minutes apart drift with the machine (the ratio then measures the
    machine, not the question). Each kept store also holds the one paper its add-one step wrote."""
    from kg import KnowledgeGraph

    graphs = {size: KnowledgeGraph.open(path) for size, path in stores.items()}
    try:
        times: dict[int, list[float]] = {size: [] for size in graphs}
        for graph in graphs.values():  # warm: the first question of a store reads its lexicon
            graph.outcomes(endpoint="ORR", subtype="ASPS", min=30)
        for _ in range(runs):
            for size, graph in graphs.items():
                times[size].append(timed_question(graph)[0])
    finally:
        for graph in graphs.values():
            graph.close()
    return {size: statistics.median(spent) * 1000 for size, spent in times.items()}


def whole_store_seconds(store_path: Path, folder: Path) -> dict[str, float]:
    """Seconds for `kg validate` (SHACL, one paper graph at a time) and an N-Quads export of the store."""
    from kg.export.registry import export
    from kg.quality.validate import validate_store
    from kg.store.kg_store import KgStore

    with KgStore.open(store_path, read_only=True) as store:
        start = time.perf_counter()
        report = validate_store(store)
        validate_s = time.perf_counter() - start
        start = time.perf_counter()
        export(store, "nq", folder / "export.nq")
        export_s = time.perf_counter() - start
    return {"validate_s": validate_s, "validate_ok": float(report.conforms), "export_nq_s": export_s,
            "export_nq_mb": (folder / "export.nq").stat().st_size / 1e6}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=[ROOT.parent / "shared" / "corpus"])
    parser.add_argument("--sizes", nargs="+", type=int, default=[10, 100, 1000])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--validate", action="store_true",
                        help="also time kg validate and an N-Quads export of each store")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child run: one size, JSON out
    parser.add_argument("--keep", type=Path, help=argparse.SUPPRESS)  # where a child run leaves its store
    args = parser.parse_args()
    sources = sorted(p for i in args.inputs for p in ([i] if i.is_file() else i.glob("*.txt")))
    if not sources:
        parser.error("no input papers")
    if args.one:
        print(json.dumps(measure(args.one, sources, args.jobs, args.validate, args.keep)))
        return
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as kept:
        run_sizes(args, Path(kept))


def run_sizes(args: argparse.Namespace, kept: Path) -> None:
    """Each size in a child process (its store kept under `kept`), then the question on every store
    in turns, in this process."""
    print(f"{'papers':>7} {'build s':>8} {'papers/s':>9} {'tok/s':>7} {'rate/tok':>9} {'cpu ratio':>9} "
          f"{'question ms':>12} {'rows':>5} {'us/row':>7} {'as terms ms':>12} {'add-one ratio':>14} "
          f"{'peak RSS MB':>12}", flush=True)
    questions: list[tuple[int, float]] = []
    stores: dict[int, Path] = {}
    for size in args.sizes:
        child = subprocess.run([sys.executable, __file__, "--one", str(size), "--jobs", str(args.jobs),
                                "--keep", str(kept / str(size)),
                                *(["--validate"] if args.validate else []), *map(str, args.inputs)],
                               capture_output=True, text=True, check=False)
        if child.returncode != 0:
            print(f"{size:>7} failed: {child.stderr.strip().splitlines()[-1:]}", flush=True)
            continue
        r = json.loads(child.stdout.strip().splitlines()[-1])
        print(f"{size:>7} {r['build_s']:>8.1f} {r['papers_per_s']:>9.2f} {r['tokenizer_per_s']:>7.1f} "
              f"{r['rate_ratio']:>9.3f} {r['cpu_rate_ratio']:>9.3f} {r['question_ms']:>12.1f} {r['rows']:>5} "
              f"{r['question_us_per_row']:>7.1f} {r['question_terms_ms']:>12.1f} {r['add_one_ratio']:>14.2f} "
              f"{r['peak_rss_mb']:>12.0f}", flush=True)
        questions.append((size, r["question_ms"]))
        stores[size] = kept / str(size)
        if "validate_s" in r:
            print(f"{'':>7} kg validate {r['validate_s']:.1f} s ({'conforms' if r['validate_ok'] else 'violations'}), "
                  f"N-Quads export {r['export_nq_s']:.1f} s ({r['export_nq_mb']:.0f} MB)", flush=True)
    for (small, small_ms), (large, large_ms) in zip(questions, questions[1:], strict=False):
        print(f"question at {large} papers / at {small}: {large_ms / small_ms:.2f}x (each in its own process)",
              flush=True)
    if len(stores) > 1:
        medians = interleaved_questions(stores)
        print("question medians, the stores taking turns in one process: "
              + ", ".join(f"{size} papers {ms:.2f} ms" for size, ms in medians.items()), flush=True)
        sizes = list(medians)
        for small, large in zip(sizes, sizes[1:], strict=False):
            print(f"question at {large} papers / at {small}, in turns: {medians[large] / medians[small]:.2f}x",
                  flush=True)


if __name__ == "__main__":
    main()
