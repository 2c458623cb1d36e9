"""Tables made up for tests from tab-separated lines: a caption, then the header rows and the body rows,
each cell at its own offsets in the document's text."""

from pathlib import Path

from corpus.document import Cell, Document, Metadata, Table


def tab_table(caption: str, lines: list[str], header_rows: int = 1) -> tuple[Document, Table]:
    """A document holding only `caption` and the table of `lines` (cells split at tabs), and that table."""
    text = caption + "\n\n" + "\n".join(lines) + "\n"
    offset = len(caption) + 2
    rows = []
    for line in lines:
        cells, pos = [], offset
        for part in line.split("\t"):
            cells.append(Cell(part, pos, pos + len(part)))
            pos += len(part) + 1
        rows.append(tuple(cells))
        offset += len(line) + 1
    table = Table("Table 1", caption, 0, len(text), "Results", tuple(rows[:header_rows]), tuple(rows[header_rows:]))
    return Document(Path("table.txt"), text, Metadata(), [], [], [table], [], []), table
