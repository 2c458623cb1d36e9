"""Time `kg.prepare.prepare_file` over a set of texts, optionally under cProfile.

    .venv/bin/python benchmarks/profile_prepare.py ../shared/corpus ../shared/devset/texts [--profile N] [--stages]

Prints the CPU time of each directory (best of `--repeat` runs after one warm-up, so the lexicon
and the pipeline are built before timing) with its milliseconds per paper; with `--stages`, the
milliseconds per paper of each stage (`STAGES`: the spaCy pipeline, the outcome and adverse-event
readers and their costliest scans, the graph), from the best run; with `--profile N`, the N most
expensive functions by cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import pstats
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from types import GeneratorType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build.prepare import prepare_file  # noqa: E402
from ontology.lexicon import load_lexicon  # noqa: E402

STAGES = (
    ("extractors.extract", "extract", "extract (all of it)"),
    ("spacy.language", "Language.pipe", "  spaCy pipeline (tokenizer and components)"),
    ("extractors.extract", "extract_outcomes", "  outcomes in prose"),
    ("extractors.outcomes", "scan_quantities", "    numbers of a sentence (scan_quantities)"),
    ("extractors.extract", "extract_adverse_events", "  adverse events in prose"),
    ("extractors.ae_prose", "find_figures", "    AE figures of a sentence (find_figures)"),
    ("extractors.extract", "study_facts", "  study facts"),
    ("extractors.extract", "build_frame", "  study frame"),
    ("extractors.extract", "table_claims", "  tables"),
    ("extractors.extract", "to_source", "  offsets to the source"),
    ("kg.build.prepare", "read_and_extract", "reading and extracting"),
    ("kg.build.prepare", "prepare_records", "checks and graph (prepare_records)"),
)
"""(module, attribute as the caller reads it, label) of the stages `--stages` times."""
STAGE_SECONDS: defaultdict[str, float] = defaultdict(float)


def _timed(function: Callable, label: str) -> Callable:
    def timed(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 (passes through whatever the caller gives)
        t0 = time.process_time()
        try:
            result = function(*args, **kwargs)
            # a generator does its work as it is read: read it here (its items are kept until used)
            return list(result) if isinstance(result, GeneratorType) else result
        finally:
            STAGE_SECONDS[label] += time.process_time() - t0

    return timed


def time_stages() -> None:
    """Wrap every stage of `STAGES` where its caller reads it, adding its CPU time to STAGE_SECONDS."""
    for module_name, attribute, label in STAGES:
        owner: object = importlib.import_module(module_name)
        *path, name = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        setattr(owner, name, _timed(getattr(owner, name), label))


def run(files: list[Path]) -> None:
    lexicon = load_lexicon()
    for path in files:
        prepare_file(path, lexicon)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0, help="print the N most expensive functions")
    parser.add_argument("--stages", action="store_true", help="print each stage's milliseconds per paper")
    args = parser.parse_args()
    sets = {d: sorted(p for p in d.iterdir() if p.is_file()) for d in args.dirs}
    if args.stages:
        time_stages()
    run(sets[args.dirs[0]][:1])  # warm-up: lexicon, pipeline, matchers
    for directory, files in sets.items():
        best: tuple[float, dict[str, float]] | None = None
        for _ in range(args.repeat):
            STAGE_SECONDS.clear()
            t0 = time.process_time()  # CPU time: the machine is shared, wall time says little
            run(files)
            took = time.process_time() - t0
            if best is None or took < best[0]:
                best = (took, dict(STAGE_SECONDS))
        assert best is not None
        print(f"{directory}: {len(files)} files, best {best[0]:.2f}s CPU of {args.repeat} "
              f"({best[0] * 1000 / len(files):.1f} ms a paper)")
        for _, _, label in STAGES if args.stages else ():
            print(f"  {label:50} {best[1].get(label, 0.0) * 1000 / len(files):7.1f} ms a paper")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for files in sets.values():
            run(files)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
