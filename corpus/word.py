"""Read a Word document (`.docx`: a manuscript, an abstract book, a sponsor's report) into a `Document`.

A `.docx` file is a ZIP archive whose `word/document.xml` holds the text as WordprocessingML:
paragraphs (`<w:p>`) of runs (`<w:r>` holding `<w:t>` text, `<w:tab/>`, `<w:br/>`), with a style
(`<w:pStyle w:val="Heading1"/>`), and tables (`<w:tbl>` of `<w:tr>` rows of `<w:tc>` cells). Like
the other structured readers, this one writes the document out as plain text in the layout the
plain-text reader knows (one block per paragraph; a title or heading style on a block of its own; a
table as TAB-separated rows, under the "Table N ..." paragraph printed just before it) and hands it to
`corpus.reader.parse`. Each block keeps where it came from ("paragraph 12", "table 2").

A superscript run of citation numbers ("12", "3,5-7") not right after a digit is a citation marker
and is written "[12]"; after a digit it is an exponent ("10" "9" -> "10^9").

Reading is safe for files from anywhere: the archive's `word/document.xml` is read only up to
`MAX_XML_BYTES` uncompressed (a ZIP bomb stops there), a document that declares XML entities is
refused, and the XML is walked without recursion.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from corpus.document import Document, SourceSpan
from corpus.tables import TABLE_CAPTION_RE
from corpus.xmltext import CITATION_NUMBERS_RE, refuse_entity_declarations, squash

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENT_PART = "word/document.xml"
MAX_XML_BYTES = 64 * 1024 * 1024


def is_word_document(path: Path) -> bool:
    """Whether the ZIP archive at `path` is a Word document (it holds `word/document.xml`)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return DOCUMENT_PART in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _document_xml(path: Path) -> bytes:
    from corpus.reader import CorpusError

    try:
        with zipfile.ZipFile(path) as archive, archive.open(DOCUMENT_PART) as part:
            data = part.read(MAX_XML_BYTES + 1)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, RuntimeError, NotImplementedError) as error:
        raise CorpusError(path, f"cannot read the Word document ({error})") from None
    if len(data) > MAX_XML_BYTES:
        raise CorpusError(path, f"the Word document's text part is larger than {MAX_XML_BYTES:,} bytes")
    return data


def _paragraph_text(paragraph: ET.Element) -> str:
    """A paragraph's text, its citation superscripts as markers."""
    pieces: list[str] = []
    last = ""  # the last character written before this run, spaces aside
    for run in paragraph.iter(f"{W}r"):
        raised = run.find(f"{W}rPr/{W}vertAlign")
        superscript = raised is not None and raised.get(f"{W}val") == "superscript"
        text = "".join(_run_pieces(run))
        if superscript and CITATION_NUMBERS_RE.fullmatch(text):
            text = f"^{text.strip()}" if last.isdigit() else f"[{text.strip()}]"
        pieces.append(text)
        last = text.rstrip()[-1:] or last
    return "".join(pieces)


def _run_pieces(run: ET.Element) -> list[str]:
    out = []
    for node in run:
        if node.tag == f"{W}t":
            out.append(node.text or "")
        elif node.tag == f"{W}tab":
            out.append(" ")
        elif node.tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
    return out


def _line(text: str) -> str:
    """Each line's spaces squashed and its format characters (soft hyphens, zero-width spaces) removed."""
    return "\n".join(part for part in (squash(line) for line in text.split("\n")) if part)


def _body_blocks(body: ET.Element | None) -> list[ET.Element]:
    """The body's paragraphs and tables in order, those inside content controls (`<w:sdt>`) too."""
    out: list[ET.Element] = []
    pending = list(reversed(list(body))) if body is not None else []
    while pending:
        element = pending.pop()
        if element.tag == f"{W}sdt":
            content = element.find(f"{W}sdtContent")
            pending.extend(reversed(list(content)) if content is not None else [])
        elif element.tag in (f"{W}p", f"{W}tbl"):
            out.append(element)
    return out


def word_text(data: bytes) -> tuple[str, list[SourceSpan]]:
    """The document written out as plain text (see the module docstring), and each block's place."""
    root = ET.fromstring(data)
    body = root.find(f"{W}body")
    blocks: list[tuple[str, str, str]] = []  # (text, locator, kind)
    paragraphs = tables = 0
    for element in _body_blocks(body):
        if element.tag == f"{W}p":
            paragraphs += 1
            text = _line(_paragraph_text(element))
            if text:
                blocks.append((text, f"paragraph {paragraphs}", "text"))
        elif element.tag == f"{W}tbl":
            tables += 1
            rows = []
            for row in element.iter(f"{W}tr"):
                cells = [" ".join(_line(_paragraph_text(p)) for p in cell.iter(f"{W}p")).strip()
                         for cell in row.findall(f"{W}tc")]
                if any(cells):
                    rows.append("\t".join(cell.replace("\t", " ") for cell in cells))
            if not rows:
                continue
            caption = ""
            if blocks and blocks[-1][2] != "table" and TABLE_CAPTION_RE.match(blocks[-1][0]):
                caption = blocks.pop()[0].replace("\n", " ") + "\n"
            blocks.append((caption + "\n".join(rows), f"table {tables}", "table"))
    parts: list[str] = []
    spans: list[SourceSpan] = []
    at = 0
    for text, locator, _ in blocks:
        spans.append(SourceSpan(at, at + len(text), locator))
        parts.append(text)
        at += len(text) + 2
    return "\n\n".join(parts) + "\n", spans


def read_word(path: Path) -> Document:
    """A `Document` from the `.docx` file at `path`; raises CorpusError naming the problem."""
    from corpus.reader import CorpusError, parse

    data = _document_xml(path)
    reason = refuse_entity_declarations(data[:65536])
    if reason:
        raise CorpusError(path, reason)
    try:
        text, spans = word_text(data)
    except ET.ParseError as error:
        raise CorpusError(path, f"malformed Word XML ({error})") from None
    if not text.strip():
        raise CorpusError(path, "the Word document holds no text")
    doc = parse(text, path)
    doc.locations = spans
    doc.metadata.source_format = "docx"
    return doc
