"""JATS and PubMed XML readers, format sniffing and folder listing (fixtures written for these tests)."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from corpus import CorpusError, paper_files, read_any, read_documents
from corpus.formats import sniff_bytes

FIXTURES = Path(__file__).parent / "fixtures"
JATS = FIXTURES / "jats_trial.nxml"
PUBMED = FIXTURES / "pubmed_set.xml"


def test_jats_front_matter_gives_the_metadata() -> None:
    doc = read_any(JATS)
    meta = doc.metadata
    assert meta.title == "Pazopanib plus a PD-1 antibody in alveolar soft part sarcoma: a phase II study"
    assert meta.doi == "10.5555/esr.2024.0107"
    assert (meta.pmid, meta.pmcid, meta.year) == ("11112222", "PMC9990001", 2024)
    assert meta.journal == "Example Sarcoma Research"
    assert meta.authors == ["Ilona Varga", "Rui P. Mendes"]
    assert meta.source_format == "jats"


def test_jats_sections_keep_their_titles_kinds_and_abstract_labels() -> None:
    doc = read_any(JATS)
    assert [(s.heading, s.level, s.kind) for s in doc.sections] == [
        ("Abstract", 1, "abstract"), ("Introduction", 1, "introduction"), ("Patients and methods", 1, "methods"),
        ("Results", 1, "results"), ("Efficacy", 2, "results"), ("Discussion", 1, "discussion"),
        ("Acknowledgements", 1, "back"), ("References", 1, "references")]
    labels = [p.label for p in doc.paragraphs if p.section == "Abstract" and p.kind == "body"]
    assert labels == ["Background", "Methods", "Results", "Conclusions"]
    for paragraph in doc.paragraphs:
        assert doc.text[paragraph.start:paragraph.end] == paragraph.text
        for sentence in paragraph.sentences:
            assert doc.text[sentence.start:sentence.end] == sentence.text


def test_jats_table_cells_are_real_cells_with_spans_laid_out() -> None:
    (table,) = read_any(JATS).tables
    assert (table.label, table.caption, table.section) == ("Table 1", "Treatment-related adverse events", "Efficacy")
    assert [[c.text for c in row] for row in table.header] == [
        ["Event", "Any grade", "", "Grade 3–4", ""], ["", "n", "%", "n", "%"]]
    assert [[c.text for c in row] for row in table.rows] == [
        ["Hypertension", "12", "60", "4", "20"], ["Diarrhea", "8", "40", "1", "5"]]
    assert table.footnote == "Graded by CTCAE version 5.0."
    doc = read_any(JATS)
    for row in (*table.header, *table.rows):
        for cell in row:
            assert doc.text[cell.start:cell.end] == cell.text


def test_jats_citations_are_bound_to_their_references_and_entries_carry_tagged_ids() -> None:
    doc = read_any(JATS)
    body = " ".join(p.text for p in doc.paragraphs)
    assert "chemotherapy [1,2]." in body          # a bracketed group keeps its printed numbers
    assert "showed activity [3]," in body         # a superscript citation becomes a bracketed number
    assert "Lopes and Marr [2]." in body          # an author-year citation gains its entry's number
    assert "single agents [1–3]." in body         # a superscript range
    assert [r.number for r in doc.references] == [1, 2, 3]
    first, second, third = doc.references
    assert first.text.startswith("Okoro CA, Haas B. Chemotherapy in rare translocation sarcomas. Sarcoma Rev. 2015;")
    assert "doi:10.5555/sr.2015.101" in first.text and "PMID: 22223333" in first.text
    assert second.text.startswith("Lopes D, Marr K. Angiogenesis in ASPS.")
    assert third.text.startswith("Rare Sarcoma Study Group. Cediranib in ASPS.")
    assert doc.text[first.start:first.end] == first.text


def test_jats_locations_name_the_element() -> None:
    doc = read_any(JATS)
    assert doc.locate(doc.text.index("Nine of 20")) == "/article/body/sec[3]/sec/p"
    assert doc.locate(doc.text.index("Hypertension\t")) == "/article/body/sec[3]/sec/table-wrap/table/tbody/tr[1]/td[1]"
    assert doc.locate(doc.references[1].start) == "/article/back/ref-list/ref[2]"


def test_pubmed_set_gives_one_document_per_record_with_labels_and_mesh() -> None:
    first, second = read_documents(PUBMED)
    assert first.source_file == "pubmed_set.xml#PMID90000001"
    assert first.metadata.title == "Cabozantinib in advanced leiomyosarcoma: a phase II study."
    meta = first.metadata
    assert (meta.doi, meta.pmcid, meta.year) == ("10.5555/jio.2022.0312", "PMC9000001", 2022)
    assert first.metadata.publication_types == ["Clinical Trial, Phase II", "Journal Article"]
    assert "Leiomyosarcoma" in first.metadata.keywords
    labels = [p.label for p in first.paragraphs if p.kind == "body"]
    assert labels == ["BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"]
    assert [r.number for r in first.references] == [1, 2]
    assert "doi:10.5555/sr.2018.001" in first.references[0].text
    assert second.metadata.year == 2021 and second.metadata.doi == ""
    assert second.source_file == "pubmed_set.xml#PMID90000002"
    assert first.locate(first.text.index("Among 30")).endswith("/Abstract/AbstractText[3]")


def test_a_pubmed_record_cites_only_its_reference_list() -> None:
    """The reader says whether an empty reference list means "cites nothing" (a PubMed abstract) or
    "none found" (a full text): the extractors read markers and report the missing list by it."""
    from corpus import parse
    from extractors.extract import extract

    first, second = read_documents(PUBMED)
    assert first.citable_references == 2
    assert second.references == [] and second.citable_references == 0
    plain = parse("A trial\n\nResults\n\nThe ORR was 20% in 30 patients (1).\n", "plain.txt")
    assert plain.citable_references is None
    assert not any("no reference list" in p.message for p in extract(second).problems)
    assert any("no reference list" in p.message for p in extract(plain).problems)


def test_pubmed_gzip_streams_many_records(tmp_path: Path) -> None:
    record = PUBMED.read_text().split("<PubmedArticle>")[1].split("</PubmedArticle>")[0]
    many = "<PubmedArticleSet>" + "".join(
        "<PubmedArticle>" + record.replace("90000001", f"7{k:07d}") + "</PubmedArticle>" for k in range(2000)
    ) + "</PubmedArticleSet>"
    path = tmp_path / "export.xml.gz"
    path.write_bytes(gzip.compress(many.encode()))
    names = [doc.source_file for doc in read_documents(path)]
    assert len(names) == 2000 and names[0] == "export.xml.gz#PMID70000000"


def test_single_record_file_is_named_after_the_file(tmp_path: Path) -> None:
    text = PUBMED.read_text()
    single = text.split("<PubmedArticle>")[0] + "<PubmedArticle>" + text.split("<PubmedArticle>")[1].split(
        "</PubmedArticle>")[0] + "</PubmedArticle></PubmedArticleSet>"
    path = tmp_path / "one.xml"
    path.write_text(single)
    assert read_any(path).source_file == "one.xml"


def test_format_is_told_by_content_not_suffix(tmp_path: Path) -> None:
    disguised = tmp_path / "looks_like_text.txt"
    shutil.copy(JATS, disguised)
    assert read_any(disguised).metadata.doi == "10.5555/esr.2024.0107"
    assert sniff_bytes(b"%PDF-1.7\n...") == "pdf"
    assert sniff_bytes(b"\xef\xbb\xbf<?xml version='1.0'?><!-- c --><PubmedArticleSet>") == "pubmed"
    assert sniff_bytes(b"Results: the ORR was 30%.") == "text"
    assert sniff_bytes(b"<b>Results</b> in a text that opens with a tag") == "text"
    assert sniff_bytes(b"<!-- saved from url --><!DOCTYPE html><html lang='en'>") == "html"
    assert sniff_bytes(b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>") == "html"


def test_broken_and_unsupported_files_get_messages_naming_them(tmp_path: Path) -> None:
    broken = tmp_path / "broken.nxml"
    broken.write_text(JATS.read_text()[:800])
    with pytest.raises(CorpusError, match=r"^broken\.nxml: malformed XML"):
        read_any(broken)
    other = tmp_path / "feed.xml"
    other.write_text("<?xml version='1.0'?><rss><channel/></rss>")
    with pytest.raises(CorpusError, match=r"^feed\.xml: unsupported XML \(root element <rss>"):
        read_any(other)
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE article [<!ENTITY a "aaaa">]><article>&a;</article>')
    with pytest.raises(CorpusError, match="declares its own entities"):
        read_any(bomb)
    image = tmp_path / "scan.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(CorpusError, match=r"^scan\.txt: unsupported format: a PNG image"):
        read_any(image)
    pdf = tmp_path / "fake.pdf"
    pdf.write_bytes(b"%PDF-1.4\nnot really a pdf")
    with pytest.raises(CorpusError, match=r"^fake\.pdf: cannot open the PDF"):
        read_any(pdf)


def test_paper_files_of_a_mixed_folder(tmp_path: Path) -> None:
    shutil.copy(JATS, tmp_path / "a.nxml")
    shutil.copy(PUBMED, tmp_path / "b.xml")
    (tmp_path / "c.txt").write_text("Results\n\nThe ORR was 30%.\n")
    (tmp_path / "d").write_bytes(b"%PDF-1.4 no suffix")
    (tmp_path / "e.html").write_text("<html><body><p>The ORR was 30%.</p></body></html>")
    (tmp_path / "notes.md").write_text("# notes")
    (tmp_path / "e_files.js").write_text("var page = 1;")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / ".hidden.txt").write_text("x")
    assert [p.name for p in paper_files(tmp_path)] == ["a.nxml", "b.xml", "c.txt", "d", "e.html", "picture.png"]


def test_kg_build_takes_a_mixed_folder_and_reports_the_bad_file(tmp_path: Path) -> None:
    from kg.build.pipeline import build_paths
    from kg.store.kg_store import KgStore

    folder = tmp_path / "papers"
    folder.mkdir()
    shutil.copy(JATS, folder / "trial.nxml")
    shutil.copy(PUBMED, folder / "export.xml")
    (folder / "garbled.xml").write_text("<?xml version='1.0'?><article><front>")
    with KgStore.open(tmp_path / "store") as store:
        report = build_paths([folder], store)
        rows = store.select(
            "PREFIX skg: <https://w3id.org/sarcoma-kg/ontology#> "
            "SELECT DISTINCT ?where WHERE { GRAPH ?g { ?e skg:sourceLocation ?where } }").records()
    assert sorted(r.source_file for r in report.built) == [
        "export.xml#PMID90000001", "export.xml#PMID90000002", "trial.nxml"]
    assert [(f.path.name, f.reason.split(" (")[0]) for f in report.failures] == [("garbled.xml", "malformed XML")]
    locations = {row["where"] for row in rows}
    assert "/article/body/sec[3]/sec/p" in locations
    assert any(where.startswith("/PubmedArticleSet/PubmedArticle[1]/") for where in locations)


def test_records_without_pmid_are_named_by_their_place(tmp_path: Path) -> None:
    record = "<PubmedArticle><MedlineCitation><Article><ArticleTitle>T{k}</ArticleTitle></Article>" \
             "</MedlineCitation></PubmedArticle>"
    path = tmp_path / "nopmid.xml"
    path.write_text("<PubmedArticleSet>" + record.format(k=1) + record.format(k=2) + "</PubmedArticleSet>")
    assert [d.source_file for d in read_documents(path)] == ["nopmid.xml#1", "nopmid.xml#2"]


def test_references_nested_in_a_back_section_and_without_ids(tmp_path: Path) -> None:
    path = tmp_path / "nested.xml"
    path.write_text(
        "<article><front><article-meta><title-group><article-title>T</article-title></title-group></article-meta>"
        '</front><body><p>As shown before <xref ref-type="bibr" rid="b">2</xref>.</p></body><back><sec>'
        "<title>References</title><ref-list><ref><label>1</label><mixed-citation>Doe J. First title. J Inv. "
        '2001;1:2.</mixed-citation></ref><ref id="b"><label>2</label><mixed-citation>Roe K. Second title. J Inv. '
        "2002;3:4.</mixed-citation></ref></ref-list></sec></back></article>")
    doc = read_any(path)
    assert [(r.number, r.text.split(".")[0]) for r in doc.references] == [(1, "Doe J"), (2, "Roe K")]
    assert [s.heading for s in doc.sections] == ["References"]
    assert "As shown before [2]." in doc.text


def test_every_paragraph_of_an_abstract_section_keeps_its_label(tmp_path: Path) -> None:
    path = tmp_path / "abstract.xml"
    path.write_text(
        "<article><front><article-meta><title-group><article-title>T</article-title></title-group><abstract>"
        "<sec><title>Methods</title><p>We enrolled 20.</p><p>Dosing was daily.</p></sec>"
        "<sec><title>Results</title><sec><title>Efficacy</title><p>The ORR was 30%.</p></sec></sec>"
        "</abstract></article-meta></front></article>")
    paragraphs = [(p.label, p.text) for p in read_any(path).paragraphs if p.kind == "body"]
    assert paragraphs == [("Methods", "Methods: We enrolled 20."), ("Methods", "Dosing was daily."),
                          ("Results", "Efficacy: The ORR was 30%.")]
