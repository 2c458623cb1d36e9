"""Text order and speed of PDF text extractors on generated two-column pages (docs/pdf-reader.md).

    .venv/bin/python benchmarks/pdf_reading_order.py [--pages 3]

Writes three PDFs with matplotlib, each page two columns of unique words under a running head
and above a page number:

- "column order": the left column drawn before the right one (as LaTeX and most publishers do);
- "interleaved": the columns' lines drawn alternately, so the drawing order mixes them;
- "wide spacing": column order with a line pitch of two font sizes.

For each extractor that is installed it prints the share of the words read in the right order
(longest matching subsequence / all words; 1.000 is perfect) and the time per page. The
project's own reader (`corpus.pdf`) is always measured; pypdf, pdfminer.six, pdfplumber and
PyMuPDF only when present (they are not dependencies).
"""

from __future__ import annotations

import argparse
import difflib
import random
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = "tumour response cohort median survival months patients grade toxicity regimen inhibitor dose".split()


def make_pdf(path: Path, pages: int, interleave: bool, pitch: float) -> list[str]:
    """Write the PDF; returns its words in reading order."""
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["pdf.fonttype"] = 42
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    rng = random.Random(7)
    expected: list[str] = []
    with PdfPages(path) as pdf:
        for number in range(1, pages + 1):
            fig = plt.figure(figsize=(8.5, 11))
            fig.text(0.5, 0.965, "Invented Journal of Examples, volume 1", ha="center", fontsize=7.5)
            columns = []
            for side in "LR":
                words = [f"{rng.choice(WORDS)}{side}{number}w{k}" for k in range(150)]
                expected.extend(words)
                columns.append(textwrap.wrap(" ".join(words), 52))
            draws = [(x, k, line) for x, lines in zip((0.07, 0.53), columns, strict=True)
                     for k, line in enumerate(lines)]
            if interleave:
                draws.sort(key=lambda d: (d[1], d[0]))
            for x, k, line in draws:
                fig.text(x, 0.90 - k * pitch, line, fontsize=8.5)
            fig.text(0.5, 0.03, str(number), ha="center", fontsize=7.5)
            pdf.savefig(fig)
            plt.close(fig)
    return expected


def in_order(expected: list[str], text: str) -> float:
    found = [w for w in text.split() if w[:1].isalpha() and "w" in w and w[-1].isdigit()]
    matcher = difflib.SequenceMatcher(None, expected, found, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(expected)


def extractors() -> dict[str, Callable[[Path], str]]:
    found: dict[str, Callable[[Path], str]] = {}

    def ours(path: Path) -> str:
        from corpus.pdf import pdf_text

        return pdf_text(path)[0]

    found["corpus.pdf (pypdfium2 + layout)"] = ours
    try:
        import pypdfium2 as pdfium

        def pdfium_plain(path: Path) -> str:
            pdf = pdfium.PdfDocument(str(path))
            return "\n".join(page.get_textpage().get_text_range() for page in pdf)

        found["pypdfium2 get_text_range"] = pdfium_plain
    except ImportError:
        pass
    try:
        import pypdf

        found["pypdf"] = lambda p: "\n".join(page.extract_text() for page in pypdf.PdfReader(p).pages)
    except ImportError:
        pass
    try:
        from pdfminer.high_level import extract_text

        found["pdfminer.six"] = lambda p: extract_text(str(p))
    except ImportError:
        pass
    try:
        import pdfplumber

        def plumber(path: Path) -> str:
            with pdfplumber.open(path) as pdf:
                return "\n".join(page.extract_text() or "" for page in pdf.pages)

        found["pdfplumber"] = plumber
    except ImportError:
        pass
    try:
        import pymupdf

        found["pymupdf"] = lambda p: "\n".join(page.get_text() for page in pymupdf.open(p))
        found["pymupdf sort=True"] = lambda p: "\n".join(page.get_text(sort=True) for page in pymupdf.open(p))
    except ImportError:
        pass
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=3)
    args = parser.parse_args()
    layouts = {"column order": (False, 0.0135), "interleaved": (True, 0.0135), "wide spacing": (False, 0.02)}
    with tempfile.TemporaryDirectory() as folder:
        pdfs = {name: (Path(folder) / f"{k}.pdf", make_pdf(Path(folder) / f"{k}.pdf", args.pages, *layout))
                for k, (name, layout) in enumerate(layouts.items())}
        print(f"{'extractor':34s}" + "".join(f"{name:>16s}" for name in layouts) + f"{'ms/page':>10s}")
        for label, extract in extractors().items():
            scores, seconds = [], 0.0
            for path, expected in pdfs.values():
                start = time.perf_counter()
                text = extract(path)
                seconds += time.perf_counter() - start
                scores.append(in_order(expected, text))
            per_page = 1000 * seconds / (len(pdfs) * args.pages)
            print(f"{label:34s}" + "".join(f"{s:16.3f}" for s in scores) + f"{per_page:10.1f}")


if __name__ == "__main__":
    main()
