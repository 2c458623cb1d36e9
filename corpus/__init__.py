"""Papers in: `read(path)` turns a plain-text paper into a `Document` with offsets for everything."""

from corpus.document import (
    Cell,
    Document,
    Figure,
    Metadata,
    Paragraph,
    ReferenceEntry,
    Section,
    Sentence,
    Table,
)
from corpus.reader import CorpusError, parse, read
from corpus.sentences import split_sentences

__all__ = [
    "Cell",
    "CorpusError",
    "Document",
    "Figure",
    "Metadata",
    "Paragraph",
    "ReferenceEntry",
    "Section",
    "Sentence",
    "Table",
    "parse",
    "read",
    "split_sentences",
]
