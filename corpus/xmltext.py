"""Shared parts of the XML readers: a safe parser, inline text, and the text a Document is built on.

The XML readers write the paper out as plain text in the layout the plain-text reader knows
(headings and paragraphs as blocks, tables as TAB-separated rows under their caption, a numbered
reference list) and record, for each piece, its offsets and the XML element it came from. The
structure (sections, paragraphs, tables, references) is taken from the markup, never guessed.

Parsing is safe for files from anywhere: expat never fetches a DTD or external entity, a
document that declares its own entities is refused (entity expansion), and the named character
entities of the JATS/PubMed DTDs (`&nbsp;`, `&ndash;`) are known without reading the DTD.
"""

from __future__ import annotations

import html.entities
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from corpus.document import SourceSpan
from corpus.sentences import split_sentences
from corpus.textprep import clean

_SPACE_RE = re.compile(r"\s+")
CITATION_NUMBERS_RE = re.compile(r"\s*\d+(?:\s*[-–,]\s*\d+)*\s*")
"""A superscript that is only citation numbers ("12", "3,5-7"): a web page's or a Word file's marker."""
_ENTITY_DECL_RE = re.compile(rb"<!ENTITY", re.I)


def xml_parser() -> ET.XMLParser:
    """An expat parser that knows the HTML named entities (as JATS/PubMed DTDs define them)."""
    parser = ET.XMLParser()
    for name, value in html.entities.html5.items():
        if name.endswith(";"):
            parser.entity[name[:-1]] = value
    return parser


def refuse_entity_declarations(head: bytes) -> str:
    """A reason to refuse the file when its prolog declares entities, else ""."""
    if _ENTITY_DECL_RE.search(head):
        return "XML that declares its own entities is refused (entity expansion)"
    return ""


def local(tag: object) -> str:
    """Tag name without its namespace ("{http://...}p" -> "p"); "" for comments and PIs."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def squash(text: str) -> str:
    """Whitespace runs as one space, ends stripped, format characters removed."""
    return _SPACE_RE.sub(" ", clean(text)).strip()


def plain(element: ET.Element | None) -> str:
    """All text inside `element`, whitespace squashed ("" for None)."""
    return squash("".join(element.itertext())) if element is not None else ""


def child_paths(parent: ET.Element, parent_path: str) -> list[tuple[ET.Element, str]]:
    """Children with their XPath-like paths ("/article/body/sec[2]")."""
    counts: dict[str, int] = {}
    totals: dict[str, int] = {}
    for child in parent:
        totals[local(child.tag)] = totals.get(local(child.tag), 0) + 1
    out = []
    for child in parent:
        name = local(child.tag)
        if not name:
            continue
        counts[name] = counts.get(name, 0) + 1
        step = f"{name}[{counts[name]}]" if totals[name] > 1 else name
        out.append((child, f"{parent_path}/{step}"))
    return out


@dataclass
class TextWriter:
    """Appends blocks to the document text, remembering offsets and the element each came from."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    locations: list[SourceSpan] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def write(self, piece: str, locator: str = "") -> tuple[int, int]:
        """Append `piece` as is; returns its offsets."""
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        if locator and piece:
            self.locations.append(SourceSpan(start, self.length, locator))
        return start, self.length

    def block(self, piece: str, locator: str = "") -> tuple[int, int]:
        """Append `piece` as a block of its own (blank line before it); returns its offsets."""
        if self.length:
            self.write("\n\n")
        return self.write(piece, locator)

    def line(self, piece: str, locator: str = "") -> tuple[int, int]:
        """Append `piece` on a line of its own in the current block."""
        if self.length:
            self.write("\n")
        return self.write(piece, locator)


def sentences_of(text: str, start: int):  # noqa: ANN201 - tuple of Sentence
    return tuple(split_sentences(text, start))
