"""How long the questions analysts ask take, as ratios to a baseline run in the same process.

    .venv/bin/python benchmarks/bench_queries.py [--corpus ../shared/corpus] [--repeat 5]
    .venv/bin/python benchmarks/bench_queries.py --store PATH [--all]   # an existing store (e.g. 100 papers)

Builds the corpus into a temporary store, then times each canned question (median of
`--repeat` runs) against a baseline query that touches every triple once (COUNT over the union
graph). The machine is shared and noisy: compare ratios between runs, not seconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.build.pipeline import build_paths  # noqa: E402
from kg.store import canned  # noqa: E402
from kg.store.kg_store import KgStore  # noqa: E402

BASELINE = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
QUESTIONS: dict[str, tuple[str, dict[str, object]]] = {
    "outcomes ORR ASPS >= 30": ("outcomes_by_subtype", {"endpoint": "ORR", "subtype": "ASPS", "min": Decimal(30)}),
    "outcomes, all": ("outcomes_by_subtype", {}),
    "outcomes table (kg tables)": ("outcomes", {}),
    "adverse events": ("adverse_events", {}),
    "findings (kg check)": ("findings", {}),
    "references": ("references", {}),
    "view: outcome claims": ("view_outcomes", {}),
}


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--store", type=Path, help="Time the questions on this store instead of building one.")
    parser.add_argument("--all", action="store_true", help="Also every other canned query, without parameters.")
    args = parser.parse_args()
    questions = dict(QUESTIONS)
    if args.all:
        used = {name for name, _ in QUESTIONS.values()}
        questions |= {name: (name, {}) for name in canned.query_names() if name not in used}
    with tempfile.TemporaryDirectory() as folder:
        store = KgStore.open(args.store, read_only=True) if args.store else KgStore.open(Path(folder) / "store")
        try:
            if not args.store:
                build_paths([args.corpus], store)
            base = median_seconds(lambda: store.select(BASELINE), args.repeat)
            print(f"baseline (COUNT over {len(store)} quads): {base * 1000:.1f} ms = 1.0")
            print(f"{'question':32} {'rows':>6} {'x baseline':>11} {'ms':>8}")
            for label, (name, params) in questions.items():
                text = canned.load_query(name)
                rows = len(store.select(text, params))
                seconds = median_seconds(lambda text=text, params=params: store.select(text, params), args.repeat)
                print(f"{label:32} {rows:>6} {seconds / base:>11.1f} {seconds * 1000:>8.1f}")
        finally:
            store.close()


if __name__ == "__main__":
    main()
