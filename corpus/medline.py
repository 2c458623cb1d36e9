"""Read a PubMed export in MEDLINE text format into one `Document` per record.

PubMed saves search results in this format ("Send to: Citation manager" gives `.nbib`; "Save,
Format: PubMed" gives `.txt`): records separated by blank lines, each starting with `PMID- `,
one field a line as a tag padded to four characters, a dash and the value ("TI  - Title ...",
"AB  - BACKGROUND: ..."), a long value going on over lines indented by six spaces. Tags read:
PMID, TI (title), AB (abstract), FAU/AU (authors), JT/TA (journal), DP (date), LID/AID ("... [doi]"),
CN (collective authors), PMC, PT (publication types), MH (MeSH terms) and OT (keywords).

Each record is laid out as the PubMed XML reader lays out a `<PubmedArticle>` (`corpus.pubmed`):
the same paragraphs, abstract section and metadata, so a record reads the same in either export;
its evidence is located by record and tag ("record 7 (PMID 12345678), AB"). The file is read line
by line and each record is given out when complete, so an export of thousands of records is read
in constant memory; a record over `MAX_RECORD_CHARS` is refused, naming it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path

from corpus.document import Document, SourceSpan
from corpus.pubmed import named_records, record_document

FIELD_RE = re.compile(r"^(?P<tag>[A-Z][A-Z0-9]{0,3}) *- ?(?P<value>.*)$")
"""A field's first line: "AB  - text", "PMID- 12345678" (the tag padded to four characters)."""
CONTINUED = "      "
"""A long value goes on over lines indented by six spaces."""
MAX_RECORD_CHARS = 2_000_000
"""A record is a title and an abstract: one larger than this is no PubMed record."""
_ID_RE = re.compile(r"^(?P<id>\S+)\s*\[(?P<kind>[a-z]+)\]\s*$")
_LOCATED = (("ArticleTitle", "TI"), ("AuthorList", "FAU"), ("AbstractText", "AB"), ("Abstract", "AB"),
            ("MeshHeadingList", "MH"))


def read_medline(path: Path) -> Iterator[Document]:
    """Every record of the MEDLINE-format file at `path`; CorpusError naming the file and the problem."""
    documents = (_document(fields, path, index) for index, fields in enumerate(_records(path), start=1))
    yield from named_records(documents, path, "MEDLINE text without any PMID record")


def _records(path: Path) -> Iterator[dict[str, list[str]]]:
    from corpus.reader import CorpusError

    try:
        with path.open(encoding="utf-8-sig", newline=None) as handle:
            yield from medline_fields(handle, path)
    except UnicodeDecodeError as error:
        raise CorpusError(path, f"not UTF-8 text (invalid byte 0x{error.object[error.start]:02x})") from None
    except OSError as error:
        raise CorpusError(path, f"cannot read the file ({error.strerror or error})") from None


def medline_fields(lines: Iterable[str], path: Path | str = "<text>") -> Iterator[dict[str, list[str]]]:
    """Each record's fields: tag -> its values in order (a repeated tag, as FAU or MH, has several)."""
    from corpus.reader import CorpusError

    # each value as its lines, joined when the record is complete (adding to a string line by line
    # would copy it each time)
    fields: dict[str, list[list[str]]] = {}
    last = ""
    size = 0
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            continue  # records are told apart by their PMID line, blank lines or not
        if line.startswith(CONTINUED) and last:
            fields[last][-1].append(line.strip())
        else:
            match = FIELD_RE.match(line)
            if match is None:
                continue  # a line of no field (a note a tool added): not part of the record
            tag = match.group("tag")
            if tag == "PMID" and "PMID" in fields:
                yield _joined(fields)
                fields, size = {}, 0
            fields.setdefault(tag, []).append([match.group("value").strip()])
            last = tag
        size += len(line)
        if size > MAX_RECORD_CHARS:
            pmid = " ".join(fields["PMID"][0]) if "PMID" in fields else "?"
            raise CorpusError(path, f"record PMID {pmid} is larger than {MAX_RECORD_CHARS:,} characters; "
                                    "a PubMed record is a title and an abstract")
    if fields:
        yield _joined(fields)


def _joined(fields: dict[str, list[list[str]]]) -> dict[str, list[str]]:
    return {tag: [" ".join(lines) for lines in values] for tag, values in fields.items()}


def _sub(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, attrs)
    node.text = text
    return node


def _author(authors: ET.Element, name: str, full: bool) -> None:
    """"Surname, Given Names" (FAU) or "Surname Initials" (AU) as the XML's LastName and ForeName."""
    author = _sub(authors, "Author")
    if full:
        last, _, fore = name.partition(", ")
    else:  # "van der Berg J": the particles stay in the surname
        last, _, fore = name.rpartition(" ")
        last, fore = (last, fore) if last else (name, "")
    _sub(author, "LastName", last)
    if fore:
        _sub(author, "ForeName", fore)


def record_element(fields: dict[str, list[str]]) -> ET.Element:
    """The record as the `<PubmedArticle>` element NLM's XML would give for the same fields."""
    first = {tag: values[0] for tag, values in fields.items() if values}
    record = ET.Element("PubmedArticle")
    citation = _sub(record, "MedlineCitation")
    _sub(citation, "PMID", first.get("PMID", ""))
    article = _sub(citation, "Article")
    journal = _sub(article, "Journal")
    _sub(journal, "Title", first.get("JT") or first.get("TA", ""))
    year = re.search(r"\b(?:1[89]|20)\d{2}\b", first.get("DP", ""))
    _sub(_sub(_sub(journal, "JournalIssue"), "PubDate"), "Year", year.group() if year else "")
    _sub(article, "ArticleTitle", first.get("TI", ""))
    ids = {}
    for value in fields.get("LID", []) + fields.get("AID", []):
        match = _ID_RE.match(value)
        if match:
            ids.setdefault(match.group("kind"), match.group("id"))
    if "doi" in ids:
        _sub(article, "ELocationID", ids["doi"], EIdType="doi")
    if first.get("AB"):
        _sub(_sub(article, "Abstract"), "AbstractText", first["AB"])
    names = fields.get("FAU") or fields.get("AU") or []
    if names or fields.get("CN"):
        authors = _sub(article, "AuthorList")
        for name in names:
            _author(authors, name, full="FAU" in fields)
        for group in fields.get("CN", []):  # a collective author ("Sarcoma Study Group")
            _sub(_sub(authors, "Author"), "CollectiveName", group)
    types = _sub(article, "PublicationTypeList")
    for kind in fields.get("PT", []):
        _sub(types, "PublicationType", kind)
    headings = _sub(citation, "MeshHeadingList")
    for term in fields.get("MH", []):
        _sub(_sub(headings, "MeshHeading"), "DescriptorName", term)
    keywords = _sub(citation, "KeywordList")
    for word in fields.get("OT", []):
        _sub(keywords, "Keyword", word)
    id_list = _sub(_sub(record, "PubmedData"), "ArticleIdList")
    if "doi" in ids:
        _sub(id_list, "ArticleId", ids["doi"], IdType="doi")
    if first.get("PMC"):
        _sub(id_list, "ArticleId", first["PMC"], IdType="pmc")
    return record


def _document(fields: dict[str, list[str]], path: Path, index: int) -> Document:
    doc = record_document(record_element(fields), path, index)
    doc.metadata.source_format = "medline"
    pmid = doc.metadata.pmid
    where = f"record {index} (PMID {pmid})" if pmid else f"record {index}"
    doc.locations = [SourceSpan(span.start, span.end, f"{where}, {_tag_of(span.locator)}") for span in doc.locations]
    return doc


def _tag_of(locator: str) -> str:
    """The MEDLINE tag of the field an XML locator names ("…/Abstract/AbstractText" -> "AB")."""
    last = locator.rsplit("/", 1)[-1]
    return next((tag for element, tag in _LOCATED if last.startswith(element)), last)
