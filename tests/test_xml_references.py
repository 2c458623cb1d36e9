"""References and bibliographic ids of XML papers (fixtures written for these tests, after the JATS / NLM
and PubMed DTD element names): each JATS `<ref>` in the shapes publishers tag it becomes one entry whose
first author, year, journal and DOI come from the markup; a PubMed record keeps its own ids and cites
nothing in its abstract."""

from __future__ import annotations

from pathlib import Path

from corpus import read_any
from extractors.references import parse_reference

XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'


def _article(tmp_path: Path, refs: str, name: str = "refs.nxml") -> Path:
    path = tmp_path / name
    path.write_text(
        f'<article {XLINK}><front><article-meta><title-group><article-title>Reference shapes'
        "</article-title></title-group><article-id pub-id-type=\"doi\">10.5555/refs.1</article-id>"
        "</article-meta></front><body><sec><title>Introduction</title><p>Text.</p></sec></body>"
        f"<back>{refs}</back></article>", encoding="utf-8")
    return path


def _rows(path: Path) -> list[tuple[str, int | None, str, str, str]]:
    doc = read_any(path)
    rows = []
    for entry in doc.references:
        ref = parse_reference(entry, doc.source_file, doc.text)
        rows.append((ref.first_author, ref.year, ref.journal, ref.doi, ref.title))
    return rows


def test_element_citation_parts_are_written_apart_and_group_authors_count(tmp_path: Path) -> None:
    path = _article(tmp_path, (
        '<ref-list><ref id="r1"><label>1</label><element-citation publication-type="journal"><person-group '
        'person-group-type="author"><name><surname>Varga</surname><given-names>Ilona</given-names></name>'
        '<name><surname>Mendes</surname><given-names>R P</given-names></name><etal/></person-group>'
        "<article-title>Tumour growth under a kinase inhibitor</article-title><source>Example Oncol</source>"
        '<year>2019</year><volume>12</volume><issue>3</issue><fpage>45</fpage><lpage>51</lpage><comment><ext-link '
        'ext-link-type="uri" xlink:href="http://dx.doi.org/10.5555/eo.2019.045">doi:10.5555/eo.2019.045</ext-link>'
        '</comment></element-citation></ref><ref id="r2"><label>2</label><element-citation publication-type="book">'
        "<collab>Regional Tumour Registry Network</collab><source>Incidence briefing for clinicians</source>"
        '<comment><uri xlink:href="http://registry.example.org/briefing">http://registry.example.org/briefing</uri>'
        " 3 May 2021, date last accessed</comment></element-citation></ref></ref-list>"))
    doc = read_any(path)
    first, second = (entry.text for entry in doc.references)
    assert first.startswith("Varga I, Mendes RP, et al. Tumour growth under a kinase inhibitor. Example Oncol. "
                            "2019;12(3):45-51.")
    assert "ConsultingRegional" not in second and second.startswith(
        "Regional Tumour Registry Network. Incidence briefing for clinicians.")
    assert "briefing for clinicians. 2021" not in second  # an access date is not printed as the publication year
    assert _rows(path) == [
        ("Varga I", 2019, "Example Oncol", "10.5555/eo.2019.045", "Tumour growth under a kinase inhibitor"),
        ("Regional Tumour Registry Network", 2021, "", "", "Incidence briefing for clinicians")]


def test_a_book_naming_only_editors_has_its_first_editor_as_first_author(tmp_path: Path) -> None:
    path = _article(tmp_path, (
        '<ref-list><ref id="b1"><element-citation publication-type="book"><person-group person-group-type="editor">'
        "<name><surname>Okafor</surname><given-names>N</given-names></name><name><surname>Lind</surname>"
        "<given-names>K</given-names></name></person-group><source>Staging manual of soft tissue tumours (2017)"
        "</source><edition>3rd edition</edition><publisher-loc>Lyon</publisher-loc><publisher-name>Example Press"
        "</publisher-name></element-citation></ref></ref-list>"))
    (entry,) = read_any(path).references
    assert entry.text.startswith("Okafor N, Lind K, editors. Staging manual of soft tissue tumours (2017).")
    assert _rows(path) == [("Okafor N", 2017, "", "", "Staging manual of soft tissue tumours (2017)")]


def test_mixed_citations_with_bare_names_or_no_tags_at_all(tmp_path: Path) -> None:
    path = _article(tmp_path, (
        '<ref-list><ref id="m1"><label>1</label><mixed-citation publication-type="journal"><name><surname>Berg'
        "</surname><given-names>T</given-names></name>, <name><surname>Sato</surname></name>, <etal>et al</etal> "
        "(<year>2011</year>) <article-title>Marker expression in resected tumours</article-title>. "
        "<source>Example Pathol</source> <volume>7</volume>: <fpage>e1002</fpage></mixed-citation></ref>"
        '<ref id="m2"><label>2</label><mixed-citation publication-type="book">Quist A, Haro B (2008) Method for '
        "screening enzyme inhibitors in culture media. Patent 12 345.</mixed-citation></ref>"
        '<ref id="m3"><label>3</label><mixed-citation publication-type="journal"><person-group '
        'person-group-type="author"><name><surname>Ngata</surname><given-names>WH</given-names></name></person-group>'
        "<year>1994</year><article-title>Hormone receptors in colon tissue</article-title><source>Example Genet"
        '</source><volume>7</volume><fpage>536</fpage><pub-id pub-id-type="doi">10.5555/eg.1994.536</pub-id>'
        "</mixed-citation></ref></ref-list>"))
    (tagged, printed, year_first) = _rows(path)
    assert tagged == ("Berg T", 2011, "Example Pathol", "", "Marker expression in resected tumours")
    assert (printed[0], printed[1]) == ("Quist A", 2008)  # no tags: parsed from its printed text
    assert year_first == ("Ngata WH", 1994, "Example Genet", "10.5555/eg.1994.536", "Hormone receptors in colon tissue")


def test_nlm_citation_without_a_year_and_initials_as_printed(tmp_path: Path) -> None:
    path = _article(tmp_path, (
        '<ref-list><ref id="B1"><citation citation-type="book"><person-group person-group-type="author"><name>'
        "<surname>Vale</surname><given-names>PhB</given-names></name></person-group><source>Statistical "
        "consulting notes</source><publisher-name>Example University</publisher-name><comment></comment>"
        "</citation></ref></ref-list>"))
    (entry,) = read_any(path).references
    assert entry.text == "Vale PhB. Statistical consulting notes. Example University."
    assert _rows(path) == [("Vale PhB", None, "", "", "Statistical consulting notes")]


def test_a_doi_in_a_note_is_not_read_as_a_year(tmp_path: Path) -> None:
    path = _article(tmp_path, (
        '<ref-list><ref id="d1"><element-citation publication-type="journal"><person-group person-group-type='
        '"author"><name><surname>Ito</surname><given-names>K</given-names></name></person-group><article-title>'
        "Dose finding</article-title><source>Example Trials</source><comment>doi:10.5555/S1470-2045(19)30012-4"
        "</comment></element-citation></ref></ref-list>"))
    assert _rows(path) == [("Ito K", None, "Example Trials", "", "Dose finding")]


def test_nested_ref_lists_give_one_entry_per_ref(tmp_path: Path) -> None:
    refs = [f'<ref id="n{k}"><element-citation><person-group person-group-type="author"><name><surname>Author{k}'
            f"</surname><given-names>A</given-names></name></person-group><article-title>Study {k}</article-title>"
            f"<source>Example J</source><year>20{10 + k}</year></element-citation></ref>" for k in range(1, 5)]
    path = _article(tmp_path, f"<ref-list><title>References</title><ref-list>{''.join(refs[:2])}</ref-list>"
                              f"<ref-list>{''.join(refs[2:])}</ref-list></ref-list>")
    assert [(author, year) for author, year, *_ in _rows(path)] == [
        ("Author1 A", 2011), ("Author2 A", 2012), ("Author3 A", 2013), ("Author4 A", 2014)]


def test_a_pubmed_abstract_cites_nothing(tmp_path: Path) -> None:
    from extractors.extract import extract

    path = tmp_path / "record.xml"
    path.write_text(
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>424242</PMID><Article><ArticleTitle>Labelled "
        "tracer imaging.</ArticleTitle><Abstract><AbstractText Label=\"RESULTS\">Uptake of (13)C glucose rose in "
        "12 of 20 tumours (60%) and fell in (2) others.</AbstractText></Abstract></Article></MedlineCitation>"
        "</PubmedArticle></PubmedArticleSet>", encoding="utf-8")
    records = extract(read_any(path))
    assert records.citations == []
    assert not [p for p in records.problems if "reference" in p.message]


def test_the_title_is_the_one_the_xml_prints(tmp_path: Path) -> None:
    path = tmp_path / "title.nxml"
    path.write_text(
        "<article><front><article-meta><title-group><article-title>M<italic>m</italic>X dosing at 10<sup>6</sup> "
        'cells and T<sub>3</sub> levels<xref ref-type="fn" rid="fn1">*</xref></article-title></title-group>'
        '<article-id pub-id-type="doi">10.5555/T.1</article-id></article-meta></front><body><p>Text.</p></body>'
        "</article>", encoding="utf-8")
    meta = read_any(path).metadata
    assert (meta.title, meta.doi) == ("MmX dosing at 106 cells and T3 levels", "10.5555/T.1")


def test_a_pubmed_record_never_takes_the_doi_of_a_work_it_cites(tmp_path: Path) -> None:
    path = tmp_path / "cites.xml"
    path.write_text(
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>515151</PMID><Article><ArticleTitle>Registry "
        "outcomes.</ArticleTitle></Article></MedlineCitation><PubmedData><ArticleIdList><ArticleId IdType="
        '"pubmed">515151</ArticleId></ArticleIdList><ReferenceList><Reference><Citation>Lund K. Earlier cohort. '
        'Example J. 2001;3:1-9.</Citation><ArticleIdList><ArticleId IdType="doi">10.5555/ej.2001.1</ArticleId>'
        "</ArticleIdList></Reference></ReferenceList></PubmedData></PubmedArticle></PubmedArticleSet>",
        encoding="utf-8")
    doc = read_any(path)
    assert (doc.metadata.pmid, doc.metadata.doi) == ("515151", "")
    (entry,) = doc.references
    assert "doi:10.5555/ej.2001.1" in entry.text


def test_citation_alternatives_read_the_form_that_holds_the_reference(tmp_path: Path) -> None:
    path = _article(tmp_path, (
        '<ref-list><ref id="a1"><label>1</label><citation-alternatives><element-citation publication-type="journal">'
        "Structured shell.</element-citation><mixed-citation>Holm T, et al. Kinase maps. Example J. 2021;5:1-9."
        '</mixed-citation></citation-alternatives></ref><ref id="a2"><label>2</label><citation-alternatives>'
        '<element-citation publication-type="journal"><person-group person-group-type="author"><name><surname>Abe'
        "</surname><given-names>F</given-names></name></person-group><article-title>Membrane rigidity</article-title>"
        "<source>Example Biochem</source><year>2009</year></element-citation><mixed-citation>Abe F. Membrane "
        "rigidity. Example Biochem. 2009.</mixed-citation></citation-alternatives></ref></ref-list>"))
    rows = _rows(path)
    assert [(author, year) for author, year, *_ in rows] == [("Holm T", 2021), ("Abe F", 2009)]
    assert rows[1][2] == "Example Biochem"
