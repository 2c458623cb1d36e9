"""Write small PDFs with matplotlib's PDF backend for the reader tests: one or two columns, a
running head and page numbers, lines drawn in a chosen order."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
matplotlib.rcParams["pdf.fonttype"] = 42  # TrueType with a ToUnicode map: the text layer is extractable

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402

WIDTH, HEIGHT = 8.5, 11.0
PITCH = 0.0135  # line pitch as a fraction of the page height (about 10.7 pt for 8.5 pt type)


def write_pdf(path: Path, pages: list[list[list[str]]], head: str = "", interleave: bool = False,
              title: str = "") -> Path:
    """`pages[p][c]` are the lines of column c on page p; "" lines are paragraph gaps.

    `interleave` draws the columns' lines alternately (left 1, right 1, left 2, ...), as some
    PDFs do, so a reader that follows the drawing order would mix the columns."""
    with PdfPages(path) as pdf:
        for number, columns in enumerate(pages, start=1):
            fig = plt.figure(figsize=(WIDTH, HEIGHT))
            if head:
                fig.text(0.5, 0.965, head, ha="center", fontsize=7.5)
            top = 0.90
            if title and number == 1:
                fig.text(0.07, top, title, fontsize=12)
                top -= 0.04
            xs = [0.07] if len(columns) == 1 else [0.07, 0.53]
            draws = [(x, k, line) for x, lines in zip(xs, columns, strict=True) for k, line in enumerate(lines)]
            if interleave:
                draws.sort(key=lambda d: (d[1], d[0]))
            for x, k, line in draws:
                if line:
                    fig.text(x, top - k * HEIGHT * PITCH / HEIGHT, line, fontsize=8.5)
            fig.text(0.5, 0.03, str(number), ha="center", fontsize=7.5)
            pdf.savefig(fig)
            plt.close(fig)
    return path


def write_table_pdf(path: Path, prose: list[str], caption: str, rows: list[list[str]]) -> Path:
    """One page: `prose` lines across the page, then a caption and a table whose cells stand at
    four x positions, the way a one-column paper prints a table."""
    with PdfPages(path) as pdf:
        fig = plt.figure(figsize=(WIDTH, HEIGHT))
        y = 0.90
        for line in prose:
            fig.text(0.07, y, line, fontsize=8.5)
            y -= PITCH
        y -= 2 * PITCH
        fig.text(0.07, y, caption, fontsize=8.5)
        for row in rows:
            y -= PITCH * 1.2
            for x, cell in zip((0.07, 0.36, 0.56, 0.76), row, strict=True):
                fig.text(x, y, cell, fontsize=8.5)
        pdf.savefig(fig)
        plt.close(fig)
    return path


def write_article_pdf(path: Path, title: str, abstract: list[str], left: list[str], right: list[str],
                      head: str = "") -> Path:
    """A first page as journals print it: title and abstract across the page, then two columns."""
    with PdfPages(path) as pdf:
        fig = plt.figure(figsize=(WIDTH, HEIGHT))
        if head:
            fig.text(0.5, 0.965, head, ha="center", fontsize=7.5)
        fig.text(0.07, 0.90, title, fontsize=13)
        y = 0.86
        for line in abstract:
            fig.text(0.07, y, line, fontsize=8.5)
            y -= PITCH
        y -= 2 * PITCH
        for x, lines in ((0.07, left), (0.53, right)):
            for k, line in enumerate(lines):
                if line:
                    fig.text(x, y - k * PITCH, line, fontsize=8.5)
        fig.text(0.5, 0.03, "1", ha="center", fontsize=7.5)
        pdf.savefig(fig)
        plt.close(fig)
    return path
