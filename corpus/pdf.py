"""Read a PDF's text layer into a `Document`, in reading order.

The characters, their baselines and boxes come from PDFium (`pypdfium2`; see docs/pdf-reader.md
for why this library). The layout is rebuilt here, in four steps:

1. **Runs.** Characters in content-stream order form runs on one baseline; a wide horizontal gap
   (more than 1.2 font sizes) splits a run, so two columns printed side by side never share one.
2. **Page furniture.** Runs in the top or bottom 6.5% of a page that repeat (digits aside) on
   several pages, or that are only a page number ("7", "Page 7 of 12", "7 | Journal"), are
   running heads, footers and page numbers, and are dropped.
3. **Columns.** A gutter is an x position between 25% and 75% of the page width that no run
   crosses while runs stand on both sides of it. Runs crossing it (a title, a wide table) cut the
   page into bands; in each band the left column is read before the right one. The order does
   not depend on the order the PDF happens to draw the text in. A band whose runs are narrow or
   start at scattered x positions is a table, not two columns, and is read row by row.
4. **Lines and paragraphs.** Runs sharing a baseline in one column form a line (cells of a table
   row joined by TABs, as in the plain-text layout); a vertical gap of more than 1.5 line pitches,
   a change of font size, a short line ending a sentence or a short line without closing
   punctuation before a capital (a heading) closes a paragraph. A word hyphenated
   across lines is rejoined ("pro- gression" -> "progression") unless the paper prints the
   hyphenated form elsewhere ("progression-free").

The text is then parsed by the plain-text reader (`corpus.reader.parse`), and every line keeps
its page as the evidence locator ("page 3").
"""

from __future__ import annotations

import bisect
import re
import statistics
import unicodedata
from collections import Counter
from ctypes import byref, c_double
from dataclasses import dataclass, field
from pathlib import Path

from corpus.document import Document, SourceSpan
from corpus.textprep import clean

_PAGE_NUMBER_RE = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^\d{1,4}\s*[|•·]|[|•·]\s*\d{1,4}$", re.I)
_HYPHENS = "-\u00ad\u2010\x02"
_MARGIN = 0.065


@dataclass
class Run:
    """Characters on one baseline with no wide gap: a line of one column, or one table cell."""

    page: int
    size: float
    chars: list[tuple[str, float, float]] = field(default_factory=list)
    """(character, left, right)"""
    baseline: float = 0.0
    top: float = 0.0
    right: float = 0.0
    """Right edge of the last visible character (spaces have no ink)."""
    text: str = ""
    """Set once the run is complete (`finish`)."""

    def finish(self) -> None:
        while self.chars and self.chars[-1][0] == " ":
            self.chars.pop()
        self.text = re.sub(r"\s+", " ", "".join(c for c, _, _ in self.chars)).strip()

    @property
    def x0(self) -> float:
        return self.chars[0][1]

    @property
    def x1(self) -> float:
        return self.chars[-1][2]



def _page_runs(page, number: int) -> list[Run]:  # noqa: ANN001 - a pypdfium2 PdfPage
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    raw = textpage.raw
    runs: list[Run] = []
    current: Run | None = None
    x, y = c_double(), c_double()
    box = [c_double() for _ in range(4)]
    left_ref, right_ref, bottom_ref, top_ref = (byref(v) for v in box)
    for index in range(textpage.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(raw, index)
        char = chr(code) if code else ""
        if char == "\x02":
            char = "-"  # PDFium marks a hyphen that ends a line this way
        elif "\ufb00" <= char <= "\ufb06":
            char = unicodedata.normalize("NFKC", char)  # a ligature glyph without a ToUnicode map: "ﬁ" -> "fi"
        if char in ("\r", "\n") or not char:
            current = None
            continue
        pdfium_c.FPDFText_GetCharBox(raw, index, left_ref, right_ref, bottom_ref, top_ref)
        left, right, bottom, top = (v.value for v in box)
        pdfium_c.FPDFText_GetCharOrigin(raw, index, byref(x), byref(y))
        size = pdfium_c.FPDFText_GetFontSize(raw, index) or (top - bottom) or 10.0
        if char.isspace():
            if current is not None:
                current.chars.append((" ", left, max(left, right)))
            continue
        if current is not None:
            last_right = current.right
            same_line = abs(y.value - current.baseline) < 0.4 * max(size, current.size)
            gap = left - last_right
            if not same_line or gap > 1.2 * max(size, current.size) or gap < -2 * size:  # ligatures overlap
                current = None
        if current is None:
            current = Run(number, size, baseline=y.value, top=top)
            runs.append(current)
        current.chars.append((char, left, right))
        current.top = max(current.top, top)
        current.right = right
    for run in runs:
        run.finish()
    return [run for run in runs if run.chars and run.text]


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower())


def _drop_furniture(pages: list[list[Run]], heights: list[float]) -> list[list[Run]]:
    """Pages without running heads, footers and page numbers (see the module docstring)."""
    def in_margin(run: Run) -> bool:
        height = heights[run.page - 1]
        return run.baseline > height * (1 - _MARGIN) or run.baseline < height * _MARGIN

    seen: Counter[str] = Counter()
    for runs in pages:
        seen.update({_furniture_key(r.text) for r in runs if in_margin(r)})
    repeated = {key for key, count in seen.items() if count >= 2 and count >= 0.4 * len(pages)}
    return [[r for r in runs if not (in_margin(r) and (_furniture_key(r.text) in repeated
                                                        or _PAGE_NUMBER_RE.match(r.text)))]
            for runs in pages]


def _gutter(runs: list[Run], width: float) -> float | None:
    """The x of the gap between two columns, if the page has two: the middle of the widest stretch
    of x positions that the fewest runs cross, with text on both sides."""
    if len(runs) < 8:
        return None
    step = 2.0
    positions = [width * 0.25 + k * step for k in range(int(width * 0.5 / step) + 1)]
    starts, ends = sorted(r.x0 for r in runs), sorted(r.x1 for r in runs)
    crossings: list[int | None] = []
    for x in positions:
        left = bisect.bisect_right(ends, x)
        right = len(starts) - bisect.bisect_left(starts, x)
        crossing = len(runs) - left - right
        crossings.append(crossing if left >= 4 and right >= 4 and crossing <= 0.15 * len(runs) else None)
    valid = [c for c in crossings if c is not None]
    if not valid:
        return None
    fewest = min(valid)
    best: tuple[int, int] | None = None  # (first, last) index of the widest stretch
    first = None
    for k, crossing in enumerate([*crossings, None]):
        if crossing == fewest and first is None:
            first = k
        elif crossing != fewest and first is not None:
            if best is None or k - 1 - first > best[1] - best[0]:
                best = (first, k - 1)
            first = None
    return (positions[best[0]] + positions[best[1]]) / 2 if best else None


def _reading_order(runs: list[Run], width: float) -> list[list[Run]]:
    """Columns of runs in reading order: each item is one column's stretch, top to bottom."""
    runs = sorted(runs, key=lambda r: (-r.baseline, r.x0))
    gutter = _gutter(runs, width)
    if gutter is None:
        return [runs]
    out: list[list[Run]] = []
    left: list[Run] = []
    right: list[Run] = []

    def close_band() -> None:
        if _text_column(left, width) and _text_column(right, width):
            out.extend(col for col in (left, right) if col)
        elif left or right:  # a table's cells on both sides of the gap: read row by row
            out.append(sorted(left + right, key=lambda r: (-r.baseline, r.x0)))

    for run in runs:
        if run.x0 < gutter < run.x1:
            close_band()
            left, right = [], []
            out.append([run])
        elif run.x1 <= gutter:
            left.append(run)
        else:
            right.append(run)
    close_band()
    return out


def _text_column(runs: list[Run], width: float) -> bool:
    """Lines of a text column: wide runs whose left edges line up (paragraph indents aside).
    Table cells are narrow and start at many different x positions."""
    if len(runs) < 2:
        return True
    widths = sorted(r.x1 - r.x0 for r in runs)
    if widths[len(widths) // 2] < 0.25 * width:
        return False
    edge = statistics.median(r.x0 for r in runs)
    return sum(1 for r in runs if -2 <= r.x0 - edge <= 25) >= 0.7 * len(runs)


def _lines(column: list[Run]) -> list[list[Run]]:
    """Runs on one baseline (table cells of one row) grouped, left to right."""
    lines: list[list[Run]] = []
    for run in column:
        if lines and abs(lines[-1][0].baseline - run.baseline) < 0.4 * run.size:
            lines[-1].append(run)
        else:
            lines.append([run])
    return [sorted(line, key=lambda r: r.x0) for line in lines]


@dataclass
class _Line:
    text: str
    page: int
    new_paragraph: bool


def _layout(pages: list[list[Run]], widths: list[float]) -> list[_Line]:
    out: list[_Line] = []
    for runs in pages:
        if not runs:
            continue
        for column in _reading_order(runs, widths[runs[0].page - 1]):
            lines = _lines(column)
            pitches = sorted(a[0].baseline - b[0].baseline for a, b in zip(lines, lines[1:], strict=False)
                             if 0 < a[0].baseline - b[0].baseline)
            pitch = pitches[len(pitches) // 4] if pitches else 12.0  # the line pitch, not the gaps
            right_edge = max(r.x1 for line in lines for r in line)
            left_edge = min(line[0].x0 for line in lines)
            width = right_edge - left_edge
            headings = [_heading_like(lines, k, left_edge + 0.6 * width) for k in range(len(lines))]
            for k, line in enumerate(lines):
                text = "\t".join(r.text for r in line)
                brk = k == 0
                if k:
                    previous = lines[k - 1]
                    gap = previous[0].baseline - line[0].baseline
                    size_change = abs(line[0].size - previous[0].size) > 0.1 * previous[0].size
                    ends_sentence = previous[-1].text[-1:] in ".:!?"
                    short_end = previous[-1].x1 < right_edge - 0.15 * width and ends_sentence
                    table_edge = (len(line) > 1) != (len(previous) > 1)  # a table starts or ends
                    heading = headings[k - 1] or (headings[k] and (ends_sentence or k == 1))
                    brk = (gap > 1.5 * pitch or gap < 0 or size_change or table_edge or heading
                           or (short_end and len(line) == 1))
                out.append(_Line(text, line[0].page, brk))
    return out


def _heading_like(lines: list[list[Run]], k: int, short: float) -> bool:
    """A heading printed tight above its text: a short single run without closing punctuation,
    followed by a line that opens with a capital or a digit (or by nothing)."""
    line = lines[k]
    if len(line) != 1 or line[0].x1 >= short or line[0].text[-1:] in ".,;:-":
        return False
    following = lines[k + 1][0].text[:1] if k + 1 < len(lines) else ""
    return not following or following.isupper() or following.isdigit()


def _join(lines: list[_Line]) -> tuple[str, list[SourceSpan]]:
    """The text, paragraphs separated by blank lines, hyphenation undone; spans give each line's page."""
    hyphenated = set(re.findall(r"\b\w+-\w+\b", " ".join(line.text for line in lines)))
    parts: list[str] = []
    spans: list[SourceSpan] = []
    length = 0
    for k, line in enumerate(lines):
        text = line.text
        if k:
            previous = parts[-1] if parts else ""
            if line.new_paragraph:
                sep = "\n\n"
            elif previous[-1:] in _HYPHENS and previous[-2:-1].isalpha() and text[:1].islower():
                head = re.search(r"(\w+).$", previous)
                tail = re.match(r"\w+", text)
                keep = previous[-1] != "\u00ad" and head and tail and f"{head.group(1)}-{tail.group()}" in hyphenated
                if not keep:
                    parts[-1] = previous[:-1]
                    length -= 1
                    last = spans[-1]
                    spans[-1] = SourceSpan(last.start, last.end - 1, last.locator)
                sep = ""
            else:
                sep = "\n"
            parts.append(sep)
            length += len(sep)
        parts.append(text)
        spans.append(SourceSpan(length, length + len(text), f"page {line.page}"))
        length += len(text)
    return "".join(parts), spans


def pdf_text(path: Path) -> tuple[str, list[SourceSpan], dict[str, str]]:
    """Reading-order text of the PDF at `path`, each line's page, and the PDF's own metadata."""
    import pypdfium2 as pdfium

    from corpus.reader import CorpusError

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        raise CorpusError(path, f"cannot open the PDF ({error})") from None
    try:
        pages: list[list[Run]] = []
        widths, heights = [], []
        for number, page in enumerate(pdf, start=1):
            width, height = page.get_size()
            widths.append(width)
            heights.append(height)
            pages.append(_page_runs(page, number))
        info = {k: str(v) for k, v in pdf.get_metadata_dict(skip_empty=True).items()}
    finally:
        pdf.close()
    if not any(pages):
        raise CorpusError(path, "the PDF has no text layer (a scan?): OCR is not supported")
    text, spans = _join(_layout(_drop_furniture(pages, heights), widths))
    cleaned = clean(text)
    if cleaned != text:  # format characters in the text layer: dropped, the pages kept line by line
        return cleaned, _rebased(text, spans), info
    return text, spans, info


def _rebased(text: str, spans: list[SourceSpan]) -> list[SourceSpan]:
    """Page spans for the text with format characters removed, line by line."""
    out: list[SourceSpan] = []
    shift = 0
    for span in spans:
        piece = text[span.start:span.end]
        cleaned = clean(piece)
        start = span.start - shift
        out.append(SourceSpan(start, start + len(cleaned), span.locator))
        shift += len(piece) - len(cleaned)
    return out


def read_pdf(path: Path) -> Document:
    """A `Document` from the PDF at `path` (see the module docstring); raises CorpusError."""
    from corpus.reader import CorpusError, parse

    text, spans, info = pdf_text(path)
    if not text.strip():
        raise CorpusError(path, "the PDF has no text layer (a scan?): OCR is not supported")
    doc = parse(text, path)
    doc.locations = spans
    doc.metadata.source_format = "pdf"
    if not doc.metadata.title and info.get("Title", "").strip():
        doc.metadata.title = info["Title"].strip()
    return doc
