"""Read a PubMed / MEDLINE XML export (`<PubmedArticleSet>`, plain or gzip) into one `Document` per record.

Element names follow NLM's PubMed DTD (pubmed_250101.dtd and earlier): `<PubmedArticle>` holds
`<MedlineCitation>` (`<PMID>`, `<Article>` with `<ArticleTitle>`, `<Journal>`, `<AuthorList>`,
`<Abstract>` of `<AbstractText Label="...">`, `<ELocationID EIdType="doi">`,
`<PublicationTypeList>`; `<MeshHeadingList>`, `<KeywordList>`) and `<PubmedData>`
(`<ArticleIdList>` with the DOI and PMCID, `<ReferenceList>` of `<Reference>`). Book records
(`<PubmedBookArticle>`) are read the same way.

A file is streamed with `iterparse`: each record is turned into a Document and then cleared, so
an export of thousands of records is read in constant memory. A file with one record names its
paper after the file; in a set, each paper is "<file>#PMID<pmid>" so each gets its own graph.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from corpus.document import Document, Metadata, Paragraph, ReferenceEntry, Section
from corpus.formats import open_xml
from corpus.sections import abstract_label
from corpus.xmltext import TextWriter, local, plain, refuse_entity_declarations, sentences_of, xml_parser

_RECORDS = ("PubmedArticle", "PubmedBookArticle")


def read_pubmed(path: Path, compressed: bool = False) -> Iterator[Document]:
    """Every record of the PubMed XML file at `path`; raises CorpusError naming the file and the problem."""
    from corpus.reader import CorpusError

    with open_xml(path, compressed) as handle:
        reason = refuse_entity_declarations(handle.read(65536))
    if reason:
        raise CorpusError(path, reason)
    records = (record_document(record, path, index) for index, record in enumerate(_records(path, compressed), 1))
    yield from named_records(records, path, "PubMed XML without any <PubmedArticle> record")


def named_records(documents: Iterator[Document], path: Path, none_found: str) -> Iterator[Document]:
    """The documents of a file of records, as they come: a file of one record names its paper after
    the file; in a set, each is named after its PMID (or its place in the file when it has none).
    A CorpusError saying `none_found` when the file holds no record."""
    from corpus.reader import CorpusError

    pending: tuple[int, Document] | None = None
    for index, doc in enumerate(documents, start=1):
        if pending is not None:
            yield _named(*pending, path)
        pending = (index, doc)
    if pending is None:
        raise CorpusError(path, none_found)
    if pending[0] > 1:
        _named(*pending, path)
    yield pending[1]


def _named(index: int, doc: Document, path: Path) -> Document:
    doc.name = f"{path.name}#PMID{doc.metadata.pmid}" if doc.metadata.pmid else f"{path.name}#{index}"
    return doc


def _records(path: Path, compressed: bool) -> Iterator[ET.Element]:
    from corpus.reader import CorpusError

    try:
        with open_xml(path, compressed) as handle:
            root: ET.Element | None = None
            for event, element in ET.iterparse(handle, events=("start", "end"), parser=xml_parser()):
                if event == "start":
                    if root is None:
                        root = element
                    continue
                if local(element.tag) in _RECORDS:
                    yield element
                    element.clear()
                    if root is not None and root is not element:
                        root.clear()  # drop the finished records the root still holds
    except ET.ParseError as error:
        raise CorpusError(path, f"malformed XML ({error})") from None
    except (OSError, EOFError) as error:
        raise CorpusError(path, f"cannot read the file ({error})") from None


def _first(element: ET.Element, name: str) -> ET.Element | None:
    for node in element.iter():
        if local(node.tag) == name:
            return node
    return None


def _all(element: ET.Element, name: str) -> list[ET.Element]:
    return [node for node in element.iter() if local(node.tag) == name]


def _year(record: ET.Element) -> int | None:
    for container in ("PubDate", "ArticleDate", "DateCompleted", "PubMedPubDate"):
        node = _first(record, container)
        if node is None:
            continue
        found = re.search(r"\b(?:1[89]|20)\d{2}\b", plain(_first(node, "Year")) or plain(_first(node, "MedlineDate")))
        if found:
            return int(found.group())
    return None


def _ids(record: ET.Element) -> dict[str, str]:
    ids = {}
    data = _first(record, "PubmedData")
    own = [child for child in (data if data is not None else []) if local(child.tag) == "ArticleIdList"]
    for node in (node for id_list in own for node in id_list):  # not the ids of the works it cites
        if local(node.tag) == "ArticleId":
            ids.setdefault((node.get("IdType") or "").lower(), plain(node))
    for node in _all(record, "ELocationID"):
        if (node.get("EIdType") or "").lower() == "doi":
            ids.setdefault("doi", plain(node))
    pmid = _first(record, "PMID")
    if pmid is not None:
        ids["pmid"] = plain(pmid)
    return ids


def _author(author: ET.Element) -> str:
    collective = plain(_first(author, "CollectiveName"))
    if collective:
        return collective
    return " ".join(p for p in (plain(_first(author, "ForeName")), plain(_first(author, "LastName"))) if p)


def record_document(record: ET.Element, path: Path, index: int) -> Document:
    """One `<PubmedArticle>` (or book record) as a Document; `index` is its place in the file."""
    base = f"/PubmedArticleSet/{local(record.tag)}[{index}]"
    out = TextWriter()
    paragraphs: list[Paragraph] = []
    sections: list[tuple[str, int, int, str]] = []
    current = ""

    def paragraph(text: str, locator: str, kind: str = "body", label: str = "") -> None:
        if text:
            start, end = out.block(text, locator)
            paragraphs.append(Paragraph(text, start, end, current, sentences_of(text, start), label=label, kind=kind))

    def heading(title: str, locator: str, kind: str) -> None:
        nonlocal current
        current = title
        start, _ = out.block(title, locator)
        sections.append((title, start, 1, kind))

    title_node = _first(record, "ArticleTitle")
    if title_node is None:
        title_node = _first(record, "BookTitle")
    title = plain(title_node) or plain(_first(record, "VernacularTitle"))
    ids = _ids(record)
    authors = [_author(a) for a in _all(record, "Author") if _author(a)]
    journal = _first(record, "Journal")
    mesh = [plain(_first(h, "DescriptorName")) for h in _all(record, "MeshHeading")]
    keywords = [plain(k) for k in _all(record, "Keyword")]
    metadata = Metadata(
        title=title, authors=authors, doi=ids.get("doi", ""),
        journal=plain(_first(journal, "Title")) if journal is not None else "",
        year=_year(record), pmid=ids.get("pmid", ""), pmcid=ids.get("pmc", ""),
        keywords=[k for k in keywords + mesh if k],
        publication_types=[plain(t) for t in _all(record, "PublicationType")],
        source_format="pubmed",
    )
    paragraph(title, f"{base}/MedlineCitation/Article/ArticleTitle", kind="title")
    paragraph(", ".join(authors), f"{base}/MedlineCitation/Article/AuthorList", kind="authors")
    texts = _all(record, "AbstractText")
    if texts:
        heading("Abstract", f"{base}/MedlineCitation/Article/Abstract", "abstract")
        for k, node in enumerate(texts, start=1):
            text = plain(node)
            label = (node.get("Label") or "").strip()
            if label and text:
                text = f"{label.rstrip(':.')}: {text}"
            step = f"AbstractText[{k}]" if len(texts) > 1 else "AbstractText"
            paragraph(text, f"{base}/MedlineCitation/Article/Abstract/{step}",
                      label=abstract_label(text) or label)
    if metadata.keywords:
        paragraph("Keywords: " + "; ".join(metadata.keywords), f"{base}/MedlineCitation/MeshHeadingList", kind="note")
    references = _references(record, base, out, heading)
    text = out.text
    built = [Section(h, start, sections[k + 1][1] if k + 1 < len(sections) else len(text), level, kind)
             for k, (h, start, level, kind) in enumerate(sections)]
    return Document(path, text, metadata, built, paragraphs, [], [], references,
                    locations=sorted(out.locations, key=lambda s: s.start), references_complete=True)


def _references(record: ET.Element, base: str, out: TextWriter, heading) -> list[ReferenceEntry]:  # noqa: ANN001
    refs = _all(record, "Reference")
    entries: list[ReferenceEntry] = []
    if not refs:
        return entries
    heading("References", f"{base}/PubmedData/ReferenceList", "references")
    for number, ref in enumerate(refs, start=1):
        text = plain(_first(ref, "Citation"))
        ids = {(node.get("IdType") or "").lower(): plain(node) for node in _all(ref, "ArticleId")}
        if ids.get("doi") and ids["doi"] not in text:
            text += f" doi:{ids['doi']}"
        if ids.get("pubmed") and ids["pubmed"] not in text:
            text += f" PMID: {ids['pubmed']}"
        if not text:
            continue
        marker = f"{number}. "
        if entries:
            out.line(marker)
        else:
            out.block(marker)
        start, end = out.write(text, f"{base}/PubmedData/ReferenceList/Reference[{number}]")
        entries.append(ReferenceEntry(number, text, start, end, True, ((start, end),)))
    return entries
