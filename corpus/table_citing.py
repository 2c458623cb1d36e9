"""A table belongs where the text first cites it ("see Tables 2 and 3").

PDF layout puts floats wherever a page has room, often pages after the part that discusses them,
so a table takes the section of the first body paragraph that cites its number, else the section
it stands in. The citations of all tables are found in one pass over the paragraphs: asking each
paragraph about each table costs tables x paragraphs, which a thesis or a book of abstracts makes
quadratic.
"""

from __future__ import annotations

import re
from dataclasses import replace

from corpus.document import Document, Paragraph, Table

_LIST = r"\btables?\.?\s+(?:\d+[A-Za-z]?\s*(?:,|and|&)\s*)*"
_CITATION_RE = re.compile(_LIST + r"\d+[A-Za-z]?", re.I)
"""A run of cited table numbers ("Table 2", "tables 1, 3 and 4a")."""
_DIGITS_RE = re.compile(r"\d+")
_LOOKAHEAD = 2
"""Characters after a run that decide whether its last number ends there ("Table 3.5" is not table 3)."""


def table_number(label: str) -> str | None:
    """The number a table's label ends with ("Table 2a" -> "2a"), None when it has none."""
    number = re.search(r"\d+[A-Za-z]?$", label)
    return number.group(0) if number else None


class TableCitations:
    """Which body paragraph first cites each table number."""

    def __init__(self, paragraphs: list[Paragraph]) -> None:
        self._body = [p for p in paragraphs if p.kind == "body"]
        # the digits of a number -> (paragraph, run start, run end) of each run that names them, in
        # text order (a letter after them, "2a", is left to the exact check: case rules differ)
        self._runs: dict[str, list[tuple[int, int, int]]] = {}
        for k, paragraph in enumerate(self._body):
            for run in _CITATION_RE.finditer(paragraph.text):
                for digits in dict.fromkeys(_DIGITS_RE.findall(run.group())):
                    self._runs.setdefault(digits, []).append((k, run.start(), run.end()))
        self._first: dict[str, Paragraph | None] = {}

    def first_citing(self, number: str) -> Paragraph | None:
        """The first body paragraph citing table `number` (the runs naming it, checked in order)."""
        if number not in self._first:
            cite = re.compile(_LIST + re.escape(number) + r"\b(?![.,]\d)", re.I)
            self._first[number] = next(
                (self._body[k] for k, start, end in self._runs.get(_leading_digits(number), ())
                 if cite.search(self._body[k].text, start, min(len(self._body[k].text), end + _LOOKAHEAD))),
                None)
        return self._first[number]


def with_citing_sections(doc: Document, tables: list[Table]) -> list[Table]:
    """`tables` with each one's section set to where the text first cites it (see the module docstring)."""
    citations = TableCitations(doc.paragraphs)
    placed = []
    for table in tables:
        number = table_number(table.label)
        paragraph = citations.first_citing(number) if number else None
        placed.append(replace(table, section=paragraph.section if paragraph else doc.section_at(table.start)))
    return placed


def _leading_digits(number: str) -> str:
    """"12a" -> "12" (a table number is digits and at most one letter)."""
    return number[:-1] if number[-1:].isalpha() else number
