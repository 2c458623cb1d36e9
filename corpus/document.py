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


@dataclass(frozen=True)
class Section:
    heading: str
    start: int
    """Offset of the heading line."""
    end: int
    """Offset where the next section starts (or the end of the text)."""


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
    section: str
    header: tuple[tuple[Cell, ...], ...]
    """Header rows (one or two), cells in column order."""
    rows: tuple[tuple[Cell, ...], ...]
    """Body rows; a row with one non-empty cell is usually a group label ("Subtype")."""
    footnote: str = ""


@dataclass(frozen=True)
class Figure:
    label: str
    caption: str
    start: int
    end: int


@dataclass(frozen=True)
class ReferenceEntry:
    number: int
    text: str
    """The entry's text; continuation lines merged with a single space."""
    start: int
    end: int
    numbered: bool
    """True when the number was printed, False when it comes from the order of bullets."""


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
