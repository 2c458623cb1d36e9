"""Papers in: `read_documents(path)` turns a paper in any supported format (plain text, JATS XML,
PubMed XML or MEDLINE text, PDF, Word, HTML; told by content) into `Document`s with offsets for
everything; `read(path)` reads plain text, `paper_files(folder)` lists the files of a folder to build."""

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
from corpus.formats import paper_files, read_any, read_documents
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
    "paper_files",
    "parse",
    "read",
    "read_any",
    "read_documents",
    "split_sentences",
]
