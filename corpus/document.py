"""The `Document` a reader yields: the paper's text plus its structure, all as offsets.

Every piece keeps `start`/`end` character offsets into `Document.text`, which is the
file's decoded text unchanged, so any quote can be traced back to the source file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


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


@dataclass
class Metadata:
    title: str = ""
    authors: list[str] = field(default_factory=list)
    doi: str = ""
    journal: str = ""
    year: int | None = None


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

    @property
    def source_file(self) -> str:
        """The input file's name, as the table contracts print it."""
        return self.path.name

    def section_at(self, offset: int) -> str:
        """Heading of the section containing `offset` ("" before the first heading)."""
        heading = ""
        for section in self.sections:
            if section.start <= offset:
                heading = section.heading
            else:
                break
        return heading

    def top_section_at(self, offset: int) -> str:
        """Heading of the main (level-1) section containing `offset` ("" before the first)."""
        heading = ""
        for section in self.sections:
            if section.start > offset:
                break
            if section.level == 1:
                heading = section.heading
        return heading

    def section_kind_at(self, offset: int) -> str:
        """Canonical main part at `offset`: "abstract", "methods", "results", ... or ""."""
        kind = ""
        for section in self.sections:
            if section.start > offset:
                break
            kind = section.kind
        return kind
