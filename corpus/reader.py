"""Read a plain-text paper (converted from PDF) into a `Document`.

The text is kept exactly as decoded; everything else is offsets into it. The layout rules:
blank lines separate blocks; a block is a float (table or figure caption, see `tables`), a
heading (see `sections`), part of the reference list (see `references`) or a paragraph.
Paragraphs cut by a page break or a float keep their own offsets, and the piece that goes on
points back at the one it continues (`Paragraph.continues`) and shares its section.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path

from corpus.blocks import Block, scan_blocks, scan_lines, strip_span
from corpus.document import Document, Paragraph, ReferenceEntry, Section
from corpus.metadata import FrontMatter, extract_metadata, find_front, is_citation_line
from corpus.references import split_references
from corpus.sections import (
    abstract_label,
    has_colon_label,
    is_keywords,
    is_known_heading,
    looks_like_heading,
    main_kind,
)
from corpus.sentences import split_sentences
from corpus.table_citing import with_citing_sections
from corpus.tables import find_floats
from corpus.textprep import normalize_newlines, strip_format_chars

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"
_NOTE_RE = re.compile(
    r"^(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]|\^\{|\[?[*†‡§¶#✉])"
    r"|^(?:\*?correspond|e-?mail\b|doi\b|https?://(?:dx\.)?doi|©|\(c\) ?\d|copyright\b|received\b|accepted\b"
    r"|published\b|citation\b|full list of author information|edited by\b|reviewed by\b)"
    r"|contributed equally|\S+@\S+\.[A-Za-z]{2,}",
    re.I,
)


class CorpusError(Exception):
    """A paper that cannot be read; `str()` names the file and the problem."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


def read(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read the UTF-8 text file at `path` (a BOM is dropped) into a `Document`.

    Format characters are removed before parsing (see `corpus.textprep`); the document keeps
    the decoded text and the map back to it."""
    path = Path(path)
    return parse_source(decode(path, max_bytes), path)


def parse_source(source: str, path: str | Path = "<text>") -> Document:
    """`parse` the text without format characters; offsets map back to `source` (`Document.to_source`)."""
    text, offsets = strip_format_chars(source)
    doc = parse(text, path)
    if offsets:
        doc.offset_map, doc.source_text = offsets, source
    return doc


def decode(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The file's text (LF line ends), or a `CorpusError` saying why it is not a readable text file."""
    if path.is_dir():
        raise CorpusError(path, "is a directory, not a text file")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise CorpusError(path, f"file too large ({size:,} bytes; the limit is {max_bytes:,})")
        data = path.read_bytes()
    except FileNotFoundError:
        raise CorpusError(path, "file not found") from None
    except OSError as error:
        raise CorpusError(path, f"cannot read the file ({error.strerror or error})") from None
    if not data:
        raise CorpusError(path, "empty file")
    skipped = len(_BOM) if data.startswith(_BOM) else 0
    data = data[skipped:]
    nul = data.find(b"\x00")
    if nul >= 0:
        raise CorpusError(path, f"binary content, not text (NUL byte at offset {nul + skipped})")
    sample = data[:65536]
    controls = sum(1 for byte in sample if byte < 32 and byte not in b"\t\n\r\f")
    if sample and controls > 0.05 * len(sample):
        raise CorpusError(path, f"binary content, not text ({controls} control bytes in the first {len(sample)})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = data[error.start]
        raise CorpusError(
            path, f"not UTF-8 text (invalid byte 0x{bad:02x} at offset {error.start + skipped})"
        ) from None
    if not text.strip():
        raise CorpusError(path, "file holds only whitespace")
    return normalize_newlines(text)


@dataclass
class _Para:
    start: int
    end: int
    kind: str = "body"
    section: str = ""
    label: str = ""
    continues: int | None = None


@dataclass
class _Heading:
    text: str
    start: int
    implied: bool = False


def parse(text: str, path: str | Path = "<text>") -> Document:
    """Build a `Document` from already decoded text (`path` only names it)."""
    blocks = scan_blocks(text)
    front = find_front(blocks)
    front_end = front.title if front.title is not None else 0
    refs_at, entries, refs_span, ref_blocks = _references(text, blocks, front_end)
    skip = set(range(front_end)) | ref_blocks
    floats = find_floats(text, blocks, skip)
    skip |= floats.used
    headings, paras = _headings_and_paragraphs(text, blocks, skip, front, refs_at)
    _implied_abstract(text, headings, paras)
    sections = _sections(text, headings)
    _assign_sections(text, sections, paras)
    paragraphs = [
        Paragraph(text[p.start:p.end], p.start, p.end, p.section, tuple(split_sentences(text[p.start:p.end], p.start)),
                  label=p.label, continues=p.continues, kind=p.kind)
        for p in paras
    ]
    doc = Document(Path(path), text, extract_metadata(text, blocks, front, refs_span), sections, paragraphs,
                   [], floats.figures, entries)
    doc.tables = with_citing_sections(doc, floats.tables)
    return doc


def _references(text: str, blocks: list[Block], front_end: int,
                ) -> tuple[int | None, list[ReferenceEntry], tuple[int, int] | None, set[int]]:
    """(heading block index, entries, span of the list, blocks it uses) for the last reference list."""
    for i in range(len(blocks) - 1, front_end - 1, -1):
        heading = blocks[i].lines[0]
        if main_kind(heading.stripped) != "references":
            continue
        lines = [line for line in scan_lines(text) if line.start > heading.end]
        entries, end = split_references(text, lines)
        if not entries:
            continue
        used = {j for j in range(i + 1, len(blocks)) if blocks[j].start < end}
        return i, entries, (heading.start, end), used
    return None, [], None, set()


def _headings_and_paragraphs(text: str, blocks: list[Block], skip: set[int], front: FrontMatter,
                             refs_at: int | None) -> tuple[list[_Heading], list[_Para]]:
    headings: list[_Heading] = []
    paras: list[_Para] = []
    front_end = front.title if front.title is not None else 0
    for i, block in enumerate(blocks):
        if i < front_end:
            paras.append(_Para(block.start, block.end, kind="front"))
            continue
        if i in skip:
            continue
        first = block.lines[0]
        if i == refs_at:
            headings.append(_Heading(_clean_heading(first.stripped), block.start))
            continue
        if i in (front.title, front.authors):
            paras.append(_Para(block.start, block.end, kind="title" if i == front.title else "authors"))
            continue
        next_text = blocks[i + 1].first if i + 1 < len(blocks) else ""
        single = len(block.lines) == 1
        if (single and looks_like_heading(first.stripped, next_text)) or (
                not single and is_known_heading(first.stripped) and looks_like_heading(first.stripped)):
            headings.append(_Heading(_clean_heading(first.stripped), block.start))
            if single:
                continue
            start, end = strip_span(text, block.lines[1].start, block.end)
        else:
            start, end = block.start, block.end
        body = text[start:end]
        paras.append(_Para(start, end, kind="note" if _is_note(body) else "body"))
    return headings, paras


def _is_note(paragraph: str) -> bool:
    """Page furniture: affiliations, correspondence, DOI, copyright, dates, the journal citation."""
    if paragraph[:1] in "⁰¹²³⁴⁵⁶⁷⁸⁹^":
        return True  # affiliations, however long
    return len(paragraph) < 600 and bool(_NOTE_RE.search(paragraph) or is_citation_line(paragraph))


def _clean_heading(line: str) -> str:
    """Printed heading without numbering; all-caps vocabulary headings in sentence case."""
    heading = re.sub(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.)(?:\s+\|)?\s+", "", line).strip()
    if heading.isupper() and is_known_heading(heading):
        heading = heading.capitalize()
    return heading


def _implied_abstract(text: str, headings: list[_Heading], paras: list[_Para]) -> None:
    """Structured abstract without an "Abstract" line: add an implied heading before it."""
    if any(main_kind(h.text) == "abstract" for h in headings):
        return
    bound = next((h.start for h in headings if main_kind(h.text)), len(text))
    labelled = [p for p in paras if p.kind == "body" and p.start < bound and has_colon_label(text[p.start:p.end])]
    if len(labelled) >= 2:
        headings.append(_Heading("Abstract", labelled[0].start, implied=True))
        headings.sort(key=lambda h: h.start)


def _sections(text: str, headings: list[_Heading]) -> list[Section]:
    sections: list[Section] = []
    top_kind = ""
    for k, heading in enumerate(headings):
        end = headings[k + 1].start if k + 1 < len(headings) else len(text)
        kind = main_kind(heading.text)
        if kind:
            level, top_kind = 1, kind
        elif is_keywords(heading.text) or top_kind:
            level, kind = 2, top_kind
        else:
            level = 1  # an unfamiliar heading before any main part stands on its own
        sections.append(Section(heading.text, heading.start, end, level=level, kind=kind, implied=heading.implied))
    return sections


def _assign_sections(text: str, sections: list[Section], paras: list[_Para]) -> None:
    """Section, abstract label and page-break continuation of every paragraph."""
    # sections are in text order: found by bisection, not a scan per paragraph (a book of
    # abstracts has thousands of each)
    starts = [section.start for section in sections]
    done: list[_Para] = []
    for para in paras:
        at = bisect_right(starts, para.start) - 1
        section = sections[at] if at >= 0 else None
        para.section = section.heading if section else ""
        if para.kind == "body":
            paragraph = text[para.start:para.end]
            if section is not None and section.kind == "abstract":
                para.label = abstract_label(paragraph)
            if not para.label:
                previous = _continued(text, sections, starts, done, para)
                if previous is not None:
                    para.continues, para.section = previous.start, previous.section
        done.append(para)


LIST_ITEM_RE = re.compile(r"[ \t]*[•▪◦●‣·∙]\s")
"""A bulleted line: a list's last item needs no stop, so the paragraph after it is no continuation."""


def _continued(text: str, sections: list[Section], starts: list[int], before: list[_Para],
               para: _Para) -> _Para | None:
    """The earlier paragraph `para` continues after a page break or float, if any.

    A paragraph that opens in lower case goes on the last unfinished prose paragraph before it
    (within the same main section); one that opens with a capital or digit only the paragraph
    right before it, when that one stops mid-sentence and no heading lies between. A paragraph
    that ends on a bulleted item is finished.
    """
    first = text[para.start]
    for back, candidate in enumerate(reversed(before[-12:])):
        if candidate.kind != "body":
            if first.islower():
                continue
            return None
        between = [s for s in sections[bisect_left(starts, candidate.end):bisect_left(starts, para.start)]
                   if not s.implied]
        if any(s.level == 1 for s in between):
            return None
        words = text[candidate.start:candidate.end].split()
        if len(words) < 6:
            continue
        unfinished = text[candidate.start:candidate.end].rstrip("*_\"'”’ ")[-1:] not in ".!?:" \
            and not LIST_ITEM_RE.match(text, text.rfind("\n", candidate.start, candidate.end) + 1 or candidate.start)
        if first.islower():
            if unfinished:
                return candidate
            continue
        if back == 0 and unfinished and first.isalnum() and not between:
            return candidate
        return None
    return None
