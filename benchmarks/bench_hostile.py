"""Hostile-size inputs and interrupted rebuilds, run in full (the test suite runs a few of each).

    .venv/bin/python benchmarks/bench_hostile.py linear [--small 500000] [--factor 10] [--build]
    .venv/bin/python benchmarks/bench_hostile.py bigline [--sizes 0.5 1 2 5] [--default-budget]
    .venv/bin/python benchmarks/bench_hostile.py kill9 [--trials 10]

`linear` generates invented result sentences on ONE line (and the same as many paragraphs, a
table of rows, and a book of abstracts) at `--small` characters and at `--factor` times that,
and prints the reading time (corpus.read + extractors.extract) of each and the ratio; a linear
reader gives a ratio near `--factor`. `--build` times a whole `kg build` instead (store writes
included). `bigline` runs a real `kg build` of a single-line text of each size in MB (into a
fresh store each) and prints wall seconds and the ratio to the first size's run (linear: the size
ratio), with the CPU seconds of the build and its workers (which a shared machine's load does not
inflate); `--default-budget` builds under `kg build`'s default per-paper budget. `kill9` rebuilds
a small store and kills the build with SIGKILL at spread-out moments, checking after each that
the tables are exactly what they were.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DRUGS = ("pazopanib", "eribulin", "trabectedin", "doxorubicin", "anlotinib")
EVENTS = ("nausea", "fatigue", "neutropenia", "hypertension", "diarrhoea", "anaemia")
SUBTYPES = ("leiomyosarcoma", "liposarcoma", "synovial sarcoma", "angiosarcoma")
HEAD = "A phase II study of targeted therapy in soft tissue sarcoma\n\nAbstract\n\nResults\n\n"


def sentences(n_chars: int, seed: int = 1) -> list[str]:
    """Invented result sentences, about `n_chars` characters in all."""
    pick = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < n_chars:
        drug, subtype = pick.choice(DRUGS), pick.choice(SUBTYPES)
        shape = pick.randrange(3)
        if shape == 0:
            text = (f"The objective response rate was {pick.randint(5, 60)}.{pick.randint(0, 9)}% (95% CI "
                    f"{pick.randint(1, 4)}.1-{pick.randint(61, 90)}.2) in patients with {subtype} treated with {drug}.")
        elif shape == 1:
            median = f"{pick.randint(2, 20)}.{pick.randint(0, 9)}"
            text = f"Median progression-free survival was {median} months with {drug}."
        else:
            text = (f"Among {pick.randint(20, 90)} patients with {subtype}, the disease control rate was "
                    f"{pick.randint(30, 90)}% [{pick.randint(1, 30)}].")
        out.append(text)
        size += len(text) + 1
    return out


SHAPES: dict[str, Callable[[int], str]] = {
    "one line": lambda n: HEAD + " ".join(sentences(n)) + "\n",
    "paragraphs": lambda n: HEAD + "\n\n".join(sentences(n)) + "\n",
    "table rows": lambda n: HEAD + "Table 1 Adverse events\nEvent\tGrade 1-2\tGrade 3-4\n" + "\n".join(
        f"Event{i} toxicity\t{i % 20 + 1} ({i % 40 + 1}.0%)\t{i % 5} ({i % 9}.0%)" for i in range(n // 40)) + "\n",
    # a count of events with its share, then a long run without ";" or "%" before the next share: the
    # check for a list of event counts once rescanned that run for every "events" in it
    "counted events": lambda n: HEAD + "PFS events numbered 48 (60%) events " + "deaths and events occurred " * (
        n // 27) + "then a rate of 75% on Y.\n",
    # one sentence listing many groups' rates: each number once re-read the sentence (its listed groups,
    # and every endpoint's clause before it)
    "listed groups": lambda n: HEAD + "an ORR of 12% (3/25) in limb tumours and " * (n // 42) + "40% overall.\n",
    # one sentence listing many adverse events with their shares in two arms: each figure once re-read
    # the sentence before it (its grade, its clause's subject arm, the regimens its arm phrase names)
    "listed events": lambda n: HEAD + "Severe toxicities (grade 3-4) comprised " + ", ".join(
        f"{EVENTS[i % len(EVENTS)]} in {i % 30 + 1} ({i % 30 + 2}%) patients given {DRUGS[i % len(DRUGS)]} and "
        f"{i % 7 + 1} ({i % 7 + 3}%) given placebo" for i in range(n // 75)) + ".\n",
    # one sentence listing many graded events with counts and shares: each figure once re-read the rest of
    # the sentence (the last figure after it, a grade named after the list) and copied it for its arm phrase
    "graded events": lambda n: HEAD + "Toxic effects were " + ", ".join(
        f"grade {i % 4 + 1} {EVENTS[i % len(EVENTS)]} in {i % 20 + 1} ({2 * (i % 20 + 1)}%)" for i in range(n // 30))
    + ".\n",
    # one sentence listing many events with two arms' shares side by side
    "events versus": lambda n: HEAD + "Against placebo, the commonest adverse events on the drug were " + ", ".join(
        f"{EVENTS[i % len(EVENTS)]} ({i % 40 + 1}% vs {i % 13 + 1}%)" for i in range(n // 24)) + ".\n",
    # paragraphs of safety sentences, each listing a few graded events
    "safety paragraphs": lambda n: HEAD + "Safety\n\n" + "\n\n".join(
        " ".join(f"Under {DRUGS[(p + k) % len(DRUGS)]}, toxicities were grade 3 {EVENTS[k % len(EVENTS)]} in "
                 f"{k + 2} ({k + 5}%), grade 4 {EVENTS[(k + 2) % len(EVENTS)]} in {k + 1} ({k + 3}%) and "
                 f"{EVENTS[(k + 4) % len(EVENTS)]} ({k + 20}% vs {k + 4}%)." for k in range(6))
        for p in range(max(1, n // 900))) + "\n",
    # one sentence carrying thousands of reference markers: each marker once took its sentence's text anew
    "cited sentence": lambda n: HEAD + "Earlier series reported response rates near 20% " + " ".join(
        f"[{i % 900 + 1}]" if i % 3 else f"({i % 900 + 1}, {i % 900 + 4})" for i in range(n // 7)) + ".\n",
    "book of abstracts": lambda n: "Book of abstracts\n\n" + "\n\n".join(
        f"Abstract {a + 1}\n\nTreatment of sarcoma, cohort {a}\n\nResults\n\n" + " ".join(sentences(1500, seed=a))
        for a in range(max(1, n // 1600))) + "\n",
}


def read_seconds(path: Path) -> float:
    """CPU seconds of reading `path` (CPU time: other work on a shared machine does not count)."""
    import corpus
    from extractors.extract import extract

    started = time.process_time()
    extract(corpus.read(path))
    return time.process_time() - started


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build_seconds(path: Path) -> float:
    """CPU seconds of a whole `kg build` of `path` in a fresh store."""
    with tempfile.TemporaryDirectory() as store:
        started = _children_cpu()
        subprocess.run([sys.executable, "-c", "from kg.present.cli import app; app()", "build", str(path), "--store",
                        str(Path(store) / "s")], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return _children_cpu() - started


def linear(small: int, factor: int, build: bool, shapes: list[str]) -> None:
    measure = build_seconds if build else read_seconds
    if not build:
        read_seconds(ROOT / "README.md")  # load the pipeline once
    with tempfile.TemporaryDirectory() as folder:
        for shape in shapes or list(SHAPES):
            times = []
            for size, repeat in ((small, 2), (small * factor, 1)):  # the small one twice: its best time
                path = Path(folder) / f"{shape.replace(' ', '_')}_{size}.txt"
                path.write_text(SHAPES[shape](size), encoding="utf-8")
                times.append(min(measure(path) for _ in range(repeat)))
            print(f"{shape:18} {small:>9,} chars {times[0]:7.1f} s CPU   "
                  f"{small * factor:>10,} chars {times[1]:7.1f} s CPU   "
                  f"ratio {times[1] / times[0]:5.1f} (linear: {factor})", flush=True)


def bigline(sizes: list[float], default_budget: bool = False) -> None:
    """Wall and CPU seconds (the build and its workers) of a whole `kg build` of one single-line text
    per size, and their ratios to the first size's. `default_budget`: under the default per-paper
    budget instead of none, so a paper it kills shows as a failed build."""
    kg = [sys.executable, "-c", "from kg.present.cli import app; app()"]
    budget = [] if default_budget else ["--paper-timeout", "0"]
    with tempfile.TemporaryDirectory() as folder:
        first = None
        for megabytes in sizes:
            path = Path(folder) / f"line_{megabytes:g}MB.txt"
            path.write_text(SHAPES["one line"](int(megabytes * 1_000_000)), encoding="utf-8")
            started, cpu_started = time.perf_counter(), _children_cpu()
            done = subprocess.run([*kg, "build", str(path), *budget, "--store", str(Path(folder) / f"s{megabytes:g}")],
                                  check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            seconds, cpu = time.perf_counter() - started, _children_cpu() - cpu_started
            first = first or (megabytes, seconds, cpu)
            status = "" if done.returncode == 0 else f"  exit {done.returncode}: {done.stderr.strip()[-200:]}"
            print(f"{megabytes:5g} MB  {seconds:8.1f} s wall (ratio {seconds / first[1]:5.1f})  {cpu:8.1f} s CPU "
                  f"(ratio {cpu / first[2]:5.1f})  size ratio {megabytes / first[0]:g}{status}", flush=True)


def kill9(trials: int) -> None:
    from kg.present.cli import app  # noqa: F401 - fail early when the package is broken

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "papers").mkdir()
        for i in range(3):
            (root / "papers" / f"paper{i}.txt").write_text(HEAD + " ".join(sentences(4000, seed=i)), encoding="utf-8")
        kg = [sys.executable, "-c", "from kg.present.cli import app; app()"]
        store = str(root / "store")
        subprocess.run([*kg, "build", str(root / "papers"), "--store", store], check=True, capture_output=True)

        def tables(out: str) -> dict[str, bytes]:
            subprocess.run([*kg, "tables", "--out", out, "--store", store], check=True, capture_output=True)
            return {p.name: p.read_bytes() for p in Path(out).glob("*.csv")}

        before = tables(str(root / "before"))
        intact = 0
        for trial in range(trials):
            delay = 0.5 + 6.0 * trial / max(1, trials - 1)
            proc = subprocess.Popen([*kg, "build", str(root / "papers"), "--store", store],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            same = tables(str(root / f"after{trial}")) == before
            intact += same
            print(f"trial {trial + 1}: killed after {delay:.1f} s: {'intact' if same else 'CHANGED'}", flush=True)
        print(f"{intact}/{trials} intact")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    sizes = sub.add_parser("linear")
    sizes.add_argument("--small", type=int, default=500_000)
    sizes.add_argument("--factor", type=int, default=10)
    sizes.add_argument("--build", action="store_true")
    sizes.add_argument("--shape", action="append", choices=list(SHAPES), help="Only this shape (repeatable).")
    big = sub.add_parser("bigline")
    big.add_argument("--sizes", nargs="+", type=float, default=[0.5, 1, 2, 5], help="Sizes in MB.")
    big.add_argument("--default-budget", action="store_true", help="Build under the default per-paper budget.")
    kills = sub.add_parser("kill9")
    kills.add_argument("--trials", type=int, default=10)
    args = parser.parse_args()
    if args.what == "linear":
        linear(args.small, args.factor, args.build, args.shape or [])
    elif args.what == "bigline":
        bigline(args.sizes, args.default_budget)
    else:
        kill9(args.trials)


if __name__ == "__main__":
    main()
