"""The `Document` a reader yields: the paper's text plus its structure, all as offsets.

Every piece keeps `start`/`end` character offsets into `Document.text`. For a plain-text file
that is the decoded text with LF line ends and without invisible format characters; `to_source`
maps its offsets back to the decoded text (`source_text`). For XML and PDF it is the text the
reader wrote from the markup or the page, and `locate` names where an offset came from in the
source (an XML element path, a PDF page), so any quote can be traced back to the original.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from corpus.textprep import OffsetMap


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    text: str
    start: int
    end: int
    section: str
    """Heading of the enclosing section ("Abstract", "Results", ...); "" before the first."""
    sentences: tuple[Sentence, ...] = ()
    label: str = ""
    """Printed run-in label of a structured-abstract part ("Background", "Results"); "" if none."""
    continues: int | None = None
    """Start offset of the paragraph this one continues after a page break or float, else None."""
    kind: str = "body"
    """"body", or "title" / "authors" / "front" (front-matter boxes) / "note" (affiliations,
    correspondence, doi, copyright and similar page furniture), which extractors may skip."""


@dataclass(frozen=True)
class Section:
    heading: str
    start: int
    """Offset of the heading line."""
    end: int
    """Offset where the next section starts (or the end of the text)."""
    level: int = 1
    """1 for the paper's main parts (Abstract, Introduction, Methods, ..., back matter), 2 below."""
    kind: str = ""
    """Canonical main part this section belongs to: "abstract", "introduction", "methods",
    "results", "discussion", "conclusion", "references", "back" (declarations, funding, ...),
    or "" before any recognised main part."""
    implied: bool = False
    """True when no heading is printed (a structured abstract without an "Abstract" line);
    `start` is then the first abstract paragraph."""


@dataclass(frozen=True)
class Cell:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Table:
    label: str
    """As printed: "Table 2", "TABLE 1"."""
    caption: str
    start: int
    end: int
    """`start`..`end` cover the caption line, the rows and the footnote, if any."""
    section: str
    """Section of the first paragraph that cites the table, else the section it is printed in."""
    header: tuple[tuple[Cell, ...], ...]
    """Header rows (one or two), cells in column order."""
    rows: tuple[tuple[Cell, ...], ...]
    """Body rows; a row with one non-empty cell is usually a group label ("Subtype")."""
    footnote: str = ""
    caption_start: int = -1
    """`text[caption_start:caption_end] == caption` (the label is not part of the caption)."""
    caption_end: int = -1
    footnote_start: int = -1
    """`text[footnote_start:footnote_end] == footnote`; both -1 when there is none."""
    footnote_end: int = -1


@dataclass(frozen=True)
class Figure:
    label: str
    caption: str
    start: int
    end: int
    """`start`..`end` cover the label, the caption and the footnote, if any."""
    caption_start: int = -1
    caption_end: int = -1
    footnote: str = ""
    footnote_start: int = -1
    footnote_end: int = -1


@dataclass(frozen=True)
class ReferenceEntry:
    number: int
    text: str
    """The entry's text; continuation lines merged with a single space."""
    start: int
    end: int
    numbered: bool
    """True when the number was printed, False when it comes from the order of bullets."""
    spans: tuple[tuple[int, int], ...] = ()
    """Offsets of each printed line of the entry, markers ("14.", "-") excluded:
    `text == " ".join(doc.text[s:e] for s, e in spans)`; `start`/`end` are the outer bounds."""
    tagged: tuple[tuple[str, str], ...] = ()
    """Fields the source's markup tags (JATS `<element-citation>` parts): ("first_author", "Roca O"),
    ("year", "2006"), ("title", ...), ("journal", ...), ("doi", ...), ("volume", ...), ("pages", ...).
    They win over what is parsed from `text`; empty for references read from plain text or PDF."""


@dataclass
class Metadata:
    title: str = ""
    authors: list[str] = field(default_factory=list)
    doi: str = ""
    journal: str = ""
    year: int | None = None
    pmid: str = ""
    pmcid: str = ""
    keywords: list[str] = field(default_factory=list)
    """Author keywords, and for PubMed records the MeSH headings."""
    publication_types: list[str] = field(default_factory=list)
    source_format: str = "text"
    """"text", "jats", "pubmed", "medline", "pdf", "docx" or "html"."""


@dataclass(frozen=True)
class SourceSpan:
    """`Document.text[start:end]` came from `locator` in the source ("page 3", "/article/body/sec[2]/p[1]")."""

    start: int
    end: int
    locator: str


@dataclass
class Document:
    path: Path
    text: str
    metadata: Metadata
    sections: list[Section]
    paragraphs: list[Paragraph]
    tables: list[Table]
    figures: list[Figure]
    references: list[ReferenceEntry]
    locations: list[SourceSpan] = field(default_factory=list)
    """Where pieces of `text` came from in the source, sorted by `start`; empty for plain text."""
    offset_map: OffsetMap = field(default_factory=OffsetMap)
    """Offsets in `text` -> offsets in `source_text` (format characters removed in between)."""
    source_text: str | None = None
    """The decoded text when `text` differs from it (format characters removed), else None."""
    name: str = ""
    """The paper's name when one file holds several (PubMed sets: "set.xml#PMID123"), else ""."""
    references_complete: bool = False
    """True when `references` is all the text can cite, even when empty (a PubMed record: its abstract
    cites nothing); False when an empty list may only mean none was found (a full text)."""

    @property
    def source_file(self) -> str:
        """The input file's name, as the table contracts print it (with the record for multi-paper files)."""
        return self.name or self.path.name

    @property
    def citable_references(self) -> int | None:
        """How many references a citation marker may name: the list's length; 0 when the text cites
        nothing; None when no list was found, so a marker cannot be checked against one."""
        return len(self.references) or (0 if self.references_complete else None)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """`start`/`end` in `text` as offsets in the decoded source text."""
        if not self.offset_map:
            return start, end
        return self.offset_map.start(start), self.offset_map.end(end)

    def locate(self, offset: int) -> str:
        """Where the text at `offset` came from in the source: an XML path, a PDF page, a line."""
        if self.locations:
            k = bisect.bisect_right(self._location_starts, offset) - 1
            return self.locations[k].locator if k >= 0 and offset < self.locations[k].end else ""
        start, _ = self.to_source(offset, offset)
        return f"line {bisect.bisect_right(self._line_starts, start)}"

    @cached_property
    def _location_starts(self) -> list[int]:
        return [span.start for span in self.locations]

    @cached_property
    def _line_starts(self) -> list[int]:
        text = self.source_text if self.source_text is not None else self.text
        return [0] + [match.end() for match in re.finditer("\n", text)]

    def section_at(self, offset: int) -> str:
        """Heading of the section containing `offset` ("" before the first heading)."""
        k = self._sections_before(offset)
        return self.sections[k - 1].heading if k else ""

    def section_kind_at(self, offset: int) -> str:
        """Canonical main part at `offset`: "abstract", "methods", "results", ... or ""."""
        k = self._sections_before(offset)
        return self.sections[k - 1].kind if k else ""

    def _sections_before(self, offset: int) -> int:
        """How many sections, in list order, come before the first one starting after `offset`:
        found by bisection (a book of abstracts has hundreds of sections and every sentence asks)."""
        return bisect.bisect_right(self._section_reach, offset)

    @cached_property
    def _section_reach(self) -> list[int]:
        """The furthest section start so far, for each section in list order (non-decreasing)."""
        reach: list[int] = []
        for section in self.sections:
            reach.append(max(section.start, reach[-1]) if reach else section.start)
        return reach
