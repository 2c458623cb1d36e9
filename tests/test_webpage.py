"""Saved web pages (HTML) are read as papers: the page's furniture left out, tables as cells,
citation superscripts as markers, every block located by its element; bad pages named with the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import CorpusError, read_any
from corpus.webpage import page_text

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Apatinib in advanced osteosarcoma: a phase II study - PubMed</title>
<script>document.title = "The ORR was 99%";</script><style>.x { color: red }</style></head>
<body><header><div class="logo"><h1>PubMed</h1></div><form><input name="q"><button>Search</button></form></header>
<main><article>
<h1 class="heading-title">Apatinib in advanced osteosarcoma: a phase II study</h1>
<h2>Abstract</h2>
<p><strong>Methods:</strong> Adults with relapsed osteosarcoma took apatinib daily.
<p><strong>Results:</strong> Among 37 evaluable patients the ORR was 43%<sup><a href="#ref-4">4</a></sup>,
and 10<sup>9</sup> cells per litre was the threshold.
<div class="caption">Table 1. Response by line</div>
<table><caption></caption>
<tr><th>Line<th colspan="2">Patients, n (%)
<tr><td>Second<td>12 (32)<td>
<tr><td>Third<td>4 (11)<td>
</table>
<ul><li>First point<li>Second point</ul>
</article></main>
<aside><h2>Similar articles</h2><p>Another trial reported an ORR of 80%.</p></aside>
<footer>About us</footer>
</body></html>
"""


def test_the_page_is_written_out_as_the_text_reader_knows_it() -> None:
    text, spans = page_text(PAGE)
    blocks = text.rstrip("\n").split("\n\n")
    assert blocks[0] == "Apatinib in advanced osteosarcoma: a phase II study"  # the <h1> the <title> repeats
    assert "99%" not in text and "80%" not in text and "Search" not in text and "About us" not in text
    assert "PubMed" not in text  # the site's banner
    assert "the ORR was 43%[4]," in text  # a linked superscript is a citation marker
    assert "10 9 cells" not in text and "109 cells" in text  # an exponent stays as printed
    table = next(b for b in blocks if b.startswith("Table 1"))
    assert table.split("\n") == ["Table 1. Response by line", "Line\tPatients, n (%)\t", "Second\t12 (32)\t",
                                 "Third\t4 (11)\t"]
    assert "First point" in blocks and "Second point" in blocks
    located = {text[s.start:s.end].split("\n")[0]: s.locator for s in spans}
    assert located["Table 1. Response by line"] == "/html/body/main/article/table"
    assert located["Methods: Adults with relapsed osteosarcoma took apatinib daily."] == "/html/body/main/article/p"


def test_a_page_gives_the_papers_title_sections_and_results(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = read_any(path)
    assert doc.metadata.title == "Apatinib in advanced osteosarcoma: a phase II study"
    assert doc.metadata.source_format == "html"
    assert [p.label for p in doc.paragraphs if p.section == "Abstract"][:2] == ["Methods", "Results"]
    assert [t.label for t in doc.tables] == ["Table 1"]
    assert doc.locate(doc.text.index("Among 37")) == "/html/body/main/article/p[2]"


def test_a_page_without_an_html_element_is_read_by_its_name(tmp_path: Path) -> None:
    path = tmp_path / "fragment.htm"
    path.write_text("<p>Apatinib in osteosarcoma</p><p>Results: the ORR was 43%.</p>", encoding="utf-8")
    assert "the ORR was 43%." in read_any(path).text


def test_a_page_in_a_declared_legacy_charset_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "legacy.html"
    path.write_bytes('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
                     '</head><body><h1>Trial</h1><p>Median PFS was 5\u00b71 months \u2013 the ORR 20%.</p>'
                     '</body></html>'.encode("cp1252"))
    assert "5\u00b71 months \u2013 the ORR" in read_any(path).text


@pytest.mark.parametrize(("content", "problem"), [
    (b"<html><body><p>caf\xe9</p></body></html>", r"^bad\.html: web page not UTF-8 \(invalid byte 0xe9"),
    (b'<html><meta charset="base64"><p>caf\xe9</p></html>', r"^bad\.html: web page not UTF-8"),
    (b"<html><head><script>var a = 1;</script></head><body><nav>Home</nav></body></html>",
     r"^bad\.html: the web page holds no text"),
    (b"<html>\x00\x00", r"^bad\.html: binary content"),
])
def test_a_bad_page_is_named_with_its_problem(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.html"
    path.write_bytes(content)
    with pytest.raises(CorpusError, match=problem):
        read_any(path)


def test_unclosed_and_stray_tags_cost_one_pass() -> None:
    # thousands of elements never closed, then thousands of end tags that close nothing: each end
    # tag is checked against a count of open elements, never by walking the stack
    # tag is checked against a count of open elements, never by walking the stack, and a locator
    # stops growing at a fixed depth
    hostile = "<html><body>" + "<div><span>" * 20000 + "</table>" * 20000 + "<p>The ORR was 30%.</p>"
    text, spans = page_text(hostile)
    assert text == "The ORR was 30%.\n"
    (span,) = spans
    assert span.locator.startswith("/html/body/div/span/div/") and len(span.locator) < 300


def test_a_pages_reference_list_is_read_and_its_markers_bind_cited_results(tmp_path: Path) -> None:
    from extractors.extract import extract

    path = tmp_path / "refs.html"
    path.write_text(
        "<html><body><h1>Zorafenib for relapsed chondrosarcoma: a single-centre series</h1>"
        "<h2>Introduction</h2><p>A prior cohort on pazopanib had an ORR of 9% in chondrosarcoma [2].</p>"
        "<h2>Results</h2><p>Of 21 patients, the ORR was 14%.</p><h2>References</h2><ol>"
        "<li>Quill A, Brant B. Imatinib in rare bone tumours: a registry. Bone Onc Rep. 2019;4:10-19.</li>"
        "<li>Marsh C, Ode D. Pazopanib for unresectable chondrosarcoma: a cohort. Sarc Res Lett. 2021;7:1-9.</li>"
        "</ol></body></html>", encoding="utf-8")
    records = extract(read_any(path))
    assert [(r.number, r.first_author) for r in records.references] == [(1, "Quill A"), (2, "Marsh C")]
    cited = [o for o in records.outcomes if o.scope == "cited"]
    assert [(o.endpoint, o.value, o.refs) for o in cited] == [("ORR", "9", (2,))]


def test_the_pages_citation_tags_give_the_papers_metadata(tmp_path: Path) -> None:
    path = tmp_path / "article.html"
    path.write_text(
        '<html><head><title>Journal site</title>'
        '<meta name="citation_title" content="Apatinib in advanced osteosarcoma: a phase II study">'
        '<meta name="citation_author" content="Quill, Anna"><meta name="citation_author" content="Marsh, Colin">'
        '<meta name="citation_journal_title" content="Bone Oncology Reports">'
        '<meta name="citation_publication_date" content="2024/03/12">'
        '<meta name="citation_doi" content="doi:10.5555/apat.2024.3">'
        '<meta name="citation_pmid" content="90000021"></head>'
        '<body><div class="banner">Journal site</div><h1>Apatinib in advanced osteosarcoma: a phase II study</h1>'
        '<p>Results: the ORR was 43%.</p></body></html>', encoding="utf-8")
    meta = read_any(path).metadata
    assert (meta.title, meta.doi, meta.journal, meta.year, meta.pmid) == (
        "Apatinib in advanced osteosarcoma: a phase II study", "10.5555/apat.2024.3", "Bone Oncology Reports",
        2024, "90000021")
    assert meta.authors == ["Anna Quill", "Colin Marsh"]
    assert read_any(path).text.startswith("Apatinib in advanced osteosarcoma")  # the h1 the citation title names


def test_a_hostile_tag_name_never_reaches_a_locator() -> None:
    _, spans = page_text("<html><body><div\x1b[31m><p>The ORR was 30%.</p></div\x1b[31m><p>PFS was 4 months.</p>")
    assert [span.locator for span in spans] == ["/html/body/element/p", "/html/body/p"]


def test_a_table_label_heading_over_its_title_is_the_tables_caption() -> None:
    # as PMC prints a table: a "Table 3." heading, the title in a paragraph, then the table
    text, _ = page_text("<html><body><h1>Trial</h1><section><h3>Table 3.</h3><div><p>Adverse events by grade</p></div>"
                        "<table><tr><th>Event<th>Grade 1-2<th>Grade 3-4<tr><td>Rash<td>5 (10)<td>1 (2)</table>"
                        "</section></body></html>")
    assert "Table 3. Adverse events by grade\nEvent\tGrade 1-2\tGrade 3-4\nRash\t5 (10)\t1 (2)" in text


def test_only_the_story_is_read_not_the_teasers_beside_it() -> None:
    story = ("<article><h1>Apatinib shrinks relapsed osteosarcoma</h1><p>In the study, 37 patients were evaluable "
             "and the ORR was 43%.</p><p>Median PFS was 4.5 months, investigators said.</p></article>")
    teaser = "<article class='card'><h3>Other trial</h3><p>Drug Y doubled the ORR to 60%.</p></article>"
    text, _ = page_text(f"<html><body>{teaser}<div>{story}</div>{teaser}</body></html>")
    assert "43%" in text and "60%" not in text
    main, _ = page_text(f"<html><head><title>Site</title></head><body><h1>Site</h1><main>{story}</main>"
                        "<div><p>Sponsored: the ORR was 90%.</p></div></body></html>")
    assert main.startswith("Apatinib shrinks") and "90%" not in main


def test_a_colspan_of_thousands_of_digits_spans_one_column() -> None:
    # Python refuses int() of a string of more than 4,300 digits: the page must still be read
    text, _ = page_text('<table><tr><td colspan="' + "9" * 5000 + '">Rash<td>3 (6)</table>')
    assert text == "Rash\t3 (6)\n"


def test_soft_hyphens_and_zero_width_spaces_of_a_page_are_removed(tmp_path: Path) -> None:
    from extractors.extract import extract

    path = tmp_path / "cms.html"  # publishing systems put &shy; and &#8203; inside long words
    path.write_text("<html><body><h1>Eribulin in leiomyosarcoma</h1><p>The objec&shy;tive response rate was "
                    "30%&#8203; in 40 pa&shy;tients.</p></body></html>", encoding="utf-8")
    doc = read_any(path)
    assert "objective response rate was 30% in 40 patients" in doc.text
    assert [(o.endpoint, o.value) for o in extract(doc).outcomes] == [("ORR", "30")]
