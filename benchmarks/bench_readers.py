"""The structured readers (web page, MEDLINE text, Word) on inputs of one size and of `--factor` times it.

    .venv/bin/python benchmarks/bench_readers.py [--small 200000] [--factor 10] [--runs 3]

Each shape is generated (invented text), written to a file and read with `corpus.read_documents`
(writing out the text and the text reader's parse, no extraction) at both sizes, in turns, and the
best of `--runs` is kept. Printed: seconds at each size and their ratio; a linear reader gives a ratio
near `--factor` (the machine is shared: compare ratios, not seconds). Hostile shapes are included:
a page of elements never closed and of end tags that close nothing, a MEDLINE record of many
continuation lines, a Word paragraph of many runs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SENTENCE = "Among 40 patients the objective response rate was 25% and median PFS was 6.1 months. "
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def page(n: int) -> tuple[str, bytes]:
    paragraphs = "".join(f"<p>{SENTENCE}<sup><a href='#r{k}'>{k}</a></sup></p>" for k in range(n // 100))
    return "page.html", f"<html><body><main><h1>Trial</h1>{paragraphs}</main></body></html>".encode()


def unclosed_page(n: int) -> tuple[str, bytes]:
    return "unclosed.html", ("<html><body>" + "<div><span>x " * (n // 14) + "</table>" * (n // 8)).encode()


def table_page(n: int) -> tuple[str, bytes]:
    rows = "".join(f"<tr><td>Event {k}<td>{k % 9} ({k % 30})<td>{k % 7} ({k % 20})" for k in range(n // 40))
    return "table.html", f"<html><body><h1>Trial</h1><p>Table 2. Adverse events</p><table>{rows}</table>".encode()


def medline(n: int) -> tuple[str, bytes]:
    record = "PMID- {k}\nTI  - Trial {k}.\nAB  - " + SENTENCE + "\n      " + SENTENCE + "\nAU  - Quill A\n\n"
    return "export.nbib", "".join(record.format(k=90000000 + k) for k in range(n // 250)).encode()


def word(n: int) -> tuple[str, bytes]:
    runs = "".join(f"<w:r><w:t>{SENTENCE}</w:t></w:r>" for _ in range(n // 100))
    body = f"<w:p><w:r><w:t>Trial</w:t></w:r></w:p><w:p>{runs}</w:p>"
    return "paper.docx", f'<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>'.encode()


SHAPES: dict[str, Callable[[int], tuple[str, bytes]]] = {
    "web page": page, "page of unclosed tags": unclosed_page, "page table": table_page,
    "MEDLINE export": medline, "Word paragraph of many runs": word,
}


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    if name.endswith(".docx"):
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("word/document.xml", data)
    else:
        path.write_bytes(data)
    return path


def _seconds(path: Path) -> float:
    from corpus import read_documents

    start = time.perf_counter()
    for _ in read_documents(path):
        pass
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", type=int, default=200_000, help="characters of the small input")
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"{'shape':30} {'small s':>9} {'large s':>9} {'ratio':>7}  (x{args.factor} input)")
        for name, make in SHAPES.items():
            small = _write(folder, "small-" + make(args.small)[0], make(args.small)[1])
            large = _write(folder, "large-" + make(args.small * args.factor)[0], make(args.small * args.factor)[1])
            best = {small: float("inf"), large: float("inf")}
            for _ in range(args.runs):
                for path in (small, large):  # in turns: load changes both alike
                    best[path] = min(best[path], _seconds(path))
            print(f"{name:30} {best[small]:9.3f} {best[large]:9.3f} {best[large] / best[small]:7.1f}")


if __name__ == "__main__":
    main()
