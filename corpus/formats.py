"""Which reader a file needs, told by its content, not its name; and which files of a folder are papers.

- PDF: "%PDF-" within the first kilobyte (the specification allows leading bytes).
- gzip: its magic number; the decompressed start is sniffed again (`.xml.gz` PubMed exports).
- XML: the first element after the prolog, comments and doctype: `<article>` is JATS (PMC
  `.nxml`), `<PubmedArticleSet>` / `<PubmedArticle>` is a PubMed / MEDLINE export, `<html>` a saved
  web page (as is a file named `.html`/`.htm` whose text opens with a tag). Other XML is
  unsupported, with a message saying which root element was found.
- MEDLINE text (PubMed's `.nbib` / "PubMed format" export): a first line `PMID- <digits>`.
- Word: a ZIP archive holding `word/document.xml` (`.docx`); other ZIP archives are unsupported.
- Anything else is handed to the plain-text reader, which says why a file is not text.
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from corpus.document import Document

PAPER_SUFFIXES = frozenset({".txt", ".text", ".xml", ".nxml", ".pdf", ".gz", ".html", ".htm", ".xhtml", ".nbib",
                            ".medline", ".docx", ""})
"""Suffixes a folder's papers are expected to carry; other files join only when their content is
a PDF, XML or gzip (a PDF saved without its suffix) or binary (reported as unsupported)."""
_ROOT_RE = re.compile(rb"<(?![?!])([A-Za-z_][\w.:-]*)")
_SNIFF_BYTES = 65536
_TEXT_SUFFIXES = frozenset({".md", ".csv", ".tsv", ".json", ".py", ".rst", ".yaml", ".yml", ".ttl", ".js", ".css"})
_PAGE_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
STARTS_MEDLINE_RE = re.compile(rb"PMID- ?\d")
"""The first line of a PubMed export in MEDLINE text format ("PMID- 12345678")."""


class FormatError(Exception):
    """Raised by `sniff_bytes` for content no reader takes."""


def root_element(head: bytes) -> str:
    """Local name of the first element in an XML prefix ("" when none is found)."""
    body = re.sub(rb"<!--.*?-->", b"", head, flags=re.S)
    body = re.sub(rb"<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>", b"", body, flags=re.S | re.I)
    match = _ROOT_RE.search(body)
    return match.group(1).decode("ascii", "replace").split(":")[-1] if match else ""


_UNSUPPORTED = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Excel or PowerPoint file; Word .docx files are read)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"), (b"{\\rtf", "an RTF document"),
)


def sniff_bytes(head: bytes) -> str:
    """"pdf", "gzip", "jats", "pubmed", "medline", "html" or "text" for the first bytes of a file; FormatError for
    formats known not to be papers (images, archives, office files)."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    for magic, name in _UNSUPPORTED:
        if head.startswith(magic):
            raise FormatError(f"unsupported format: {name}; papers are read from text, JATS or PubMed XML, and PDF")
    if head[:2] == b"\x1f\x8b":
        return "gzip"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if STARTS_MEDLINE_RE.match(stripped):
        return "medline"
    if stripped.startswith(b"\xff\xfe") or stripped.startswith(b"\xfe\xff"):
        return "text"  # UTF-16: the text reader names the encoding problem
    if stripped.startswith((b"<?xml", b"<!DOCTYPE", b"<!doctype", b"<!--")) or re.match(rb"<[A-Za-z]", stripped):
        root = root_element(stripped)
        if root == "article":
            return "jats"
        if root in ("PubmedArticleSet", "PubmedArticle", "PubmedBookArticle", "MedlineCitationSet"):
            return "pubmed"
        if root.lower() == "html":
            return "html"
        declared = stripped.startswith(b"<?xml") or stripped[:9].upper() == b"<!DOCTYPE"
        if declared and root:  # other XML; a text that opens with a tag stays text
            raise FormatError(f"unsupported XML (root element <{root or '?'}>; JATS <article> and PubMed "
                              "<PubmedArticleSet> are read)")
    return "text"


def sniff(path: Path) -> str:
    """The reader `path` needs: "pdf", "jats", "pubmed", "medline", "docx", "html" or "text"; raises
    FormatError, OSError."""
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    if head.startswith(b"PK\x03\x04"):
        from corpus.word import is_word_document

        if is_word_document(path):
            return "docx"
    kind = sniff_bytes(head)
    if kind == "text" and path.suffix.lower() in _PAGE_SUFFIXES and head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<":
        return "html"  # a page saved without its <html> element
    if kind != "gzip":
        return kind
    try:
        inner = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, _SNIFF_BYTES)
    except zlib.error as error:
        raise FormatError(f"broken gzip file ({error})") from None
    kind = sniff_bytes(inner)
    if kind in ("jats", "pubmed"):
        return kind + "+gzip"
    raise FormatError("gzip file that holds no JATS or PubMed XML")


def looks_binary(path: Path) -> bool:
    """NUL bytes or many control bytes in the first block."""
    with path.open("rb") as handle:
        head = handle.read(8192)
    return b"\x00" in head or sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f") > 0.05 * len(head)


def paper_files(folder: Path) -> list[Path]:
    """The files of `folder` to build, sorted: papers by suffix, plus PDF/XML/binary content under
    other names (binary ones then fail with a message). Hidden files and text files with another
    suffix (notes, CSV) are left alone."""
    found: list[Path] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        suffix = path.suffix.lower()
        if suffix in PAPER_SUFFIXES:
            found.append(path)
            continue
        if suffix in _TEXT_SUFFIXES:
            continue
        try:
            with path.open("rb") as handle:
                head = handle.read(_SNIFF_BYTES)
            if sniff_bytes(head) != "text" or looks_binary(path):
                found.append(path)
        except (OSError, FormatError):
            found.append(path)  # the reader names the problem
    return found


def open_xml(path: Path, compressed: bool):  # noqa: ANN201 - a binary file object
    """A binary stream of the XML, decompressed on the fly for gzip."""
    return gzip.open(path, "rb") if compressed else path.open("rb")


def read_documents(path: str | Path) -> Iterator[Document]:
    """Every paper in the file at `path`: one for text, JATS and PDF; one per record for PubMed sets.

    Raises `CorpusError` naming the file and the problem."""
    from corpus.reader import CorpusError, read

    path = Path(path)
    if path.is_dir():
        raise CorpusError(path, "is a directory, not a paper")
    try:
        kind = sniff(path)
    except FormatError as error:
        raise CorpusError(path, str(error)) from None
    except FileNotFoundError:
        raise CorpusError(path, "file not found") from None
    except OSError as error:
        raise CorpusError(path, f"cannot read the file ({error.strerror or error})") from None
    compressed = kind.endswith("+gzip")
    kind = kind.removesuffix("+gzip")
    if kind == "pdf":
        from corpus.pdf import read_pdf

        yield read_pdf(path)
    elif kind == "jats":
        from corpus.jats import read_jats

        yield read_jats(path, compressed)
    elif kind == "pubmed":
        from corpus.pubmed import read_pubmed

        yield from read_pubmed(path, compressed)
    elif kind == "medline":
        from corpus.medline import read_medline

        yield from read_medline(path)
    elif kind == "docx":
        from corpus.word import read_word

        yield read_word(path)
    elif kind == "html":
        from corpus.webpage import read_webpage

        yield read_webpage(path)
    else:
        yield read(path)


def read_any(path: str | Path) -> Document:
    """The one paper in `path` (any format); a PubMed set of several records is an error here."""
    from corpus.reader import CorpusError

    papers = read_documents(path)
    first = next(papers)
    if next(papers, None) is not None:
        raise CorpusError(path, "holds several papers: read it with corpus.read_documents")
    return first
