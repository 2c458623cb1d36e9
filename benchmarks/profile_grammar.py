"""CPU time of extraction and of the result grammar's parts, over a set of texts, under cProfile.

    .venv/bin/python benchmarks/profile_grammar.py ../shared/corpus ../shared/devset/texts [--repeat 3]

Texts are read once (`corpus.read`); `extractors.extract` then runs over all of them `--repeat`
times after one warm-up (lexicon, pipeline and matchers built before timing) and the best CPU time
is printed, with the part of it spent in the outcome reader (`extract_outcomes`, where the result
grammar runs: timed on its own, as the whole is noisy on a shared machine). One further run under
cProfile gives the cumulative time of the grammar's entry points (tokenizing a sentence for the
token patterns, matching them, scanning numbers and timepoints), so a change to how the grammar
reads sentences can be judged by what it costs.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import extractors.extract as extract_module  # noqa: E402
from corpus import read  # noqa: E402
from corpus.document import Document  # noqa: E402
from extractors.extract import extract  # noqa: E402
from ontology.lexicon import load_lexicon  # noqa: E402

WATCHED = (
    ("extractors/extract.py", "extract"),
    ("extractors/outcomes.py", "extract_outcomes"),
    ("extractors/result_patterns.py", "sentence_tokens"),
    ("extractors/result_patterns.py", "_tokenized"),
    ("extractors/result_patterns.py", "tokens_of"),
    ("extractors/result_patterns.py", "_matches"),
    ("extractors/result_patterns.py", "_on_demand_matches"),
    ("extractors/measurements.py", "scan_quantities"),
    ("extractors/interval_patterns.py", "_leftmost_longest"),
    ("extractors/token_scan.py", "_run"),
    ("extractors/measurements.py", "scan_timepoints"),
    ("extractors/result_grammar.py", "is_design_statement"),
    ("extractors/result_cues.py", "has_cue"),
)
"""(file suffix, function name) of the functions whose cumulative time is reported."""


OUTCOME_SECONDS = [0.0]
"""CPU seconds spent in the outcome reader since the last reset."""


def _timed_outcome_reader() -> None:
    """Wrap the outcome reader as `extract` calls it, adding its CPU time to OUTCOME_SECONDS."""
    reader = extract_module.extract_outcomes

    def timed(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 (passes through whatever extract gives)
        t0 = time.process_time()
        try:
            return reader(*args, **kwargs)
        finally:
            OUTCOME_SECONDS[0] += time.process_time() - t0

    extract_module.extract_outcomes = timed


def extract_all(documents: list[Document]) -> None:
    lexicon = load_lexicon()
    for document in documents:
        extract(document, lexicon)


def watched_times(stats: pstats.Stats) -> list[tuple[str, int, float]]:
    """(function, calls, cumulative seconds) of every watched function that ran."""
    rows = []
    for (filename, _, name), (_, calls, _, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        for suffix, wanted in WATCHED:
            if name == wanted and filename.endswith(suffix):
                rows.append((f"{suffix}:{name}", calls, cumulative))
    order = {f"{s}:{n}": i for i, (s, n) in enumerate(WATCHED)}
    return sorted(rows, key=lambda r: order[r[0]])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for directory in args.dirs:
        if not directory.is_dir():
            parser.error(f"{directory}: not a directory")
    documents = [read(p) for d in args.dirs for p in sorted(d.iterdir()) if p.is_file()]
    _timed_outcome_reader()
    extract_all(documents)  # warm-up: every sentence's caches and matchers
    times, outcome_times = [], []
    for _ in range(args.repeat):
        OUTCOME_SECONDS[0] = 0.0
        t0 = time.process_time()  # CPU time: the machine is shared, wall time says little
        extract_all(documents)
        times.append(time.process_time() - t0)
        outcome_times.append(OUTCOME_SECONDS[0])
    print(f"{len(documents)} texts: extract best {min(times):.3f}s CPU of {args.repeat} "
          f"({', '.join(f'{t:.2f}' for t in times)}); outcome reader best {min(outcome_times):.3f}s")
    profiler = cProfile.Profile()
    profiler.enable()
    extract_all(documents)
    profiler.disable()
    for name, calls, cumulative in watched_times(pstats.Stats(profiler)):
        print(f"  {name:50} {calls:7d} calls {cumulative:7.3f}s cumulative (profiled)")


if __name__ == "__main__":
    main()
