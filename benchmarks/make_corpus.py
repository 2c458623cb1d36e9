"""A corpus of any size from a few papers: copies, each with its own identity (DOI, title, file name).

    .venv/bin/python benchmarks/make_corpus.py --count 100 --out /tmp/corpus-100 [INPUT ...]

Each copy keeps its source's text, so its results and citations repeat across copies as results
do across a real literature, but it is its own publication: its DOI becomes
`10.5555/skg-bench.<n>` and its title gains ": replicate <letters>", so the reader gives every
copy its own publication node, named graph and primary claims.
"""

from __future__ import annotations

import argparse
import string
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BENCH_DOI_PREFIX = "10.5555/skg-bench."


def letters(number: int) -> str:
    """0 -> 'a', 25 -> 'z', 26 -> 'ba': a tag without digits (a title with digits reads as a date or page)."""
    out = ""
    while True:
        number, digit = divmod(number, 26)
        out = string.ascii_lowercase[digit] + out
        if number == 0:
            return out


def with_identity(text: str, title: str, doi: str, number: int) -> str:
    """The paper's text with a DOI and title of its own (the first occurrence of each is replaced)."""
    if doi and doi in text:
        text = text.replace(doi, f"{BENCH_DOI_PREFIX}{number:06d}", 1)
    if title and title in text:
        text = text.replace(title, f"{title}: replicate {letters(number)}", 1)
    return text


def make_corpus(sources: list[Path], count: int, out: Path) -> list[Path]:
    """Write `count` copies of `sources` (round robin) into `out`; returns their paths."""
    import corpus

    originals = []
    for source in sources:
        doc = corpus.read(source)
        originals.append((source, source.read_text(encoding="utf-8"), doc.metadata.title, doc.metadata.doi))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for number in range(count):
        source, text, title, doi = originals[number % len(originals)]
        path = out / f"{number:06d}_{source.stem}.txt"
        path.write_text(with_identity(text, title, doi, number), encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=[ROOT.parent / "shared" / "corpus"])
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    sources = sorted(p for i in args.inputs for p in ([i] if i.is_file() else i.glob("*.txt")))
    if not sources:
        parser.error("no input papers")
    paths = make_corpus(sources, args.count, args.out)
    print(f"{len(paths)} papers in {args.out}")


if __name__ == "__main__":
    main()
