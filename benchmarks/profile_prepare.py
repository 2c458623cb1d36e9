"""Time `kg.prepare.prepare_file` over a set of texts, optionally under cProfile.

    .venv/bin/python benchmarks/profile_prepare.py ../shared/corpus ../shared/devset/texts [--profile N]

Prints the CPU time of each directory (best of `--repeat` runs after one warm-up, so the lexicon
and the pipeline are built before timing) and, with `--profile N`, the N most expensive functions
by cumulative time.
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

from kg.build.prepare import prepare_file  # noqa: E402
from ontology.lexicon import load_lexicon  # noqa: E402


def run(files: list[Path]) -> None:
    lexicon = load_lexicon()
    for path in files:
        prepare_file(path, lexicon)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0, help="print the N most expensive functions")
    args = parser.parse_args()
    sets = {d: sorted(p for p in d.iterdir() if p.is_file()) for d in args.dirs}
    run(sets[args.dirs[0]][:1])  # warm-up: lexicon, pipeline, matchers
    for directory, files in sets.items():
        times = []
        for _ in range(args.repeat):
            t0 = time.process_time()  # CPU time: the machine is shared, wall time says little
            run(files)
            times.append(time.process_time() - t0)
        print(f"{directory}: {len(files)} files, best {min(times):.2f}s CPU of {args.repeat}")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for files in sets.values():
            run(files)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
