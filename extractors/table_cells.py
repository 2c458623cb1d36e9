"""Shared reading of table rows: the evidence a row's claims point at."""

from __future__ import annotations

from corpus.document import Cell, Document, Table
from extractors.records import Evidence


def row_evidence(doc: Document, table: Table, row: tuple[Cell, ...]) -> Evidence:
    """The row from its first to its last non-empty cell, as printed."""
    cells = [c for c in row if c.end > c.start] or list(row)
    start, end = cells[0].start, cells[-1].end
    return Evidence(doc.source_file, table.section, start, end, doc.text[start:end])
