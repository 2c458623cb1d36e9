"""corpus.read: decoding errors, layout rules on invented papers, and the shared corpus."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from corpus import CorpusError, Document, parse, read

# -- an invented paper with the layouts PDF conversion produces ------------------------------

PAPER = """

ORIGINAL RESEARCH

OPEN ACCESS

CITATION

Okafor T, Lindqvist M and Haddad R (2023) Lenvatinib and a PD-1 antibody in synovial
sarcoma. Front. Rare Tumors 4:998877.
doi: 10.5555/frt.2023.998877

PUBLISHED 14 June 2023

Lenvatinib plus a PD-1 Antibody in Advanced Synovial Sarcoma: A Pilot Study

Tunde Okafor¹, Maja Lindqvist^{2,3*} and Rami Haddad¹

¹Department of Oncology, Example University Hospital, Springfield

Background: Options after anthracyclines are limited. We tested a doublet.

Methods: Adults with advanced synovial sarcoma received the doublet.

Results: The ORR was 30% (95% CI: 12–54). Median PFS was 6.1 months.

Conclusions: The doublet was active.

Keywords

synovial sarcoma, lenvatinib, immunotherapy

Introduction

Synovial sarcoma is rare [1]. Responses to single agents are modest, as shown by Moreno et al. in 2019 and by

Fig. 1 Study flow chart of screened and enrolled patients

subsequent trials (2, 3). We therefore combined two agents.

Methods

Patients

Twenty patients were enrolled between 2020 and 2022.

Results

Efficacy

The ORR was 30% and the DCR 80% (Table 1). Median PFS was 6.1 months (Fig. 2). Survival
estimates are given in

FIGURE 2

Kaplan–Meier estimate of progression-free survival.

Table 1 Response and survival by subgroup

Subgroup\tn\tORR\t\tPFS\t
\t\t%\tP\tHR (95% CI)\tP
All\t20\t30\t\t\t
Age ≥ 40\t9\t33\t0.61\t0.8 (0.3–2.1)\t0.64

Abbreviations: ORR, objective response rate; PFS, progression-free survival

the table and the supplement.

Figure 3.
Duration of response for each responder.

Discussion

The doublet was active. Toxicity was manageable.

Conclusion

Lenvatinib plus a PD-1 antibody deserves a larger trial.

Funding

None.

References

- Brenner K, Walsh D. Synovial sarcoma biology. *J Rare Tumors*. 2018;3:1–9.
- van Dam P, Ito S, et al. Pazopanib in synovial sarcoma: a retrospective
- series of forty patients. *Sarcoma Res*. 2020;12:44–50.
3. Moreno L, Quist A. Nivolumab in sarcoma. *Oncol Rep*. 2019;8:100–8.
 4. National Sarcoma Network. Guidelines for sarcoma (2022). Available online.

Publisher's note

All claims are the authors' own.
"""


@pytest.fixture(scope="module")
def paper() -> Document:
    return parse(PAPER, "invented.txt")


def test_metadata_from_front_matter(paper: Document) -> None:
    meta = paper.metadata
    assert meta.title == "Lenvatinib plus a PD-1 Antibody in Advanced Synovial Sarcoma: A Pilot Study"
    assert meta.authors == ["Tunde Okafor", "Maja Lindqvist", "Rami Haddad"]
    assert meta.doi == "10.5555/frt.2023.998877"
    assert meta.journal == "Front. Rare Tumors"
    assert meta.year == 2023


def test_front_matter_boxes_are_not_sections(paper: Document) -> None:
    headings = [s.heading for s in paper.sections]
    assert "OPEN ACCESS" not in headings and "CITATION" not in headings
    assert headings[:3] == ["Abstract", "Keywords", "Introduction"]
    assert paper.sections[0].implied
    kinds = {p.text[:11]: p.kind for p in reversed(paper.paragraphs)}  # the first one wins
    assert kinds["OPEN ACCESS"] == "front"
    assert kinds["Lenvatinib "] == "title"
    assert kinds["Tunde Okafo"] == "authors"
    assert kinds["¹Department"] == "note"


def _main_heading(doc: Document, offset: int) -> str:
    """The level-1 heading of the part holding `offset` ("" before the first)."""
    before = [s for s in doc.sections if s.level == 1 and s.start <= offset]
    return before[-1].heading if before else ""


def test_structured_abstract_labels(paper: Document) -> None:
    abstract = [p for p in paper.paragraphs if p.section == "Abstract"]
    assert [p.label for p in abstract] == ["Background", "Methods", "Results", "Conclusions"]
    assert all(_main_heading(paper, p.start) == "Abstract" for p in abstract)


def test_sections_levels_and_kinds(paper: Document) -> None:
    by_heading = {s.heading: s for s in paper.sections}
    assert by_heading["Methods"].level == 1 and by_heading["Patients"].level == 2
    assert by_heading["Efficacy"].kind == "results"
    assert by_heading["References"].kind == "references"
    assert by_heading["Funding"].kind == "back"
    patients = next(p for p in paper.paragraphs if p.text.startswith("Twenty"))
    assert patients.section == "Patients"
    assert _main_heading(paper, patients.start) == "Methods"
    assert paper.section_kind_at(patients.start) == "methods"


def test_figures_in_three_layouts(paper: Document) -> None:
    figures = {f.label: f for f in paper.figures}
    assert set(figures) == {"Fig. 1", "FIGURE 2", "Figure 3"}
    assert figures["Fig. 1"].caption == "Study flow chart of screened and enrolled patients"
    assert figures["FIGURE 2"].caption == "Kaplan–Meier estimate of progression-free survival."
    assert figures["Figure 3"].caption == "Duration of response for each responder."
    for figure in paper.figures:
        assert paper.text[figure.caption_start:figure.caption_end] == figure.caption
        assert not any(p.text.startswith(("Fig", "FIG")) for p in paper.paragraphs)


def test_table_with_two_header_rows_and_footnote(paper: Document) -> None:
    (table,) = paper.tables
    assert table.label == "Table 1"
    assert table.caption == "Response and survival by subgroup"
    assert [c.text for c in table.header[0]] == ["Subgroup", "n", "ORR", "", "PFS", ""]
    assert [c.text for c in table.header[1]] == ["", "", "%", "P", "HR (95% CI)", "P"]
    assert [[c.text for c in row] for row in table.rows] == [
        ["All", "20", "30", "", "", ""],
        ["Age ≥ 40", "9", "33", "0.61", "0.8 (0.3–2.1)", "0.64"],
    ]
    assert table.footnote.startswith("Abbreviations: ORR")
    assert table.section == "Efficacy"  # where the text cites it
    empty = table.rows[0][3]
    assert empty.start == empty.end
    assert not any("Subgroup\tn" in p.text or p.text.startswith("Abbreviations") for p in paper.paragraphs)


def test_page_break_continuations(paper: Document) -> None:
    by_start = {p.start: p for p in paper.paragraphs}
    cont = next(p for p in paper.paragraphs if p.text.startswith("subsequent trials"))
    assert by_start[cont.continues].text.startswith("Synovial sarcoma is rare")
    assert cont.section == "Introduction"
    tail = next(p for p in paper.paragraphs if p.text.startswith("the table and"))
    assert by_start[tail.continues].text.startswith("The ORR was 30%")


def test_reference_list_bullets_then_numbers(paper: Document) -> None:
    refs = paper.references
    assert [r.number for r in refs] == [1, 2, 3, 4]
    assert [r.numbered for r in refs] == [False, False, True, True]
    assert refs[1].text == ("van Dam P, Ito S, et al. Pazopanib in synovial sarcoma: a retrospective "
                            "series of forty patients. *Sarcoma Res*. 2020;12:44–50.")
    assert len(refs[1].spans) == 2
    assert refs[3].text.startswith("National Sarcoma Network.")
    assert paper.sections[-1].heading == "Publisher's note"
    assert paper.paragraphs[-1].text == "All claims are the authors' own."


def test_invented_paper_invariants(paper: Document) -> None:
    check_offsets(paper)


# -- decoding errors ------------------------------------------------------------------------


def write(tmp_path: Path, data: bytes, name: str = "paper.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=r"^nope\.txt: file not found$") as info:
        read(tmp_path / "nope.txt")
    assert info.value.path == tmp_path / "nope.txt"
    assert info.value.reason == "file not found"


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="is a directory"):
        read(tmp_path)


@pytest.mark.parametrize("data, reason", [(b"", "empty file"), (b" \n\t\r\n  ", "only whitespace")])
def test_empty_and_blank(tmp_path: Path, data: bytes, reason: str) -> None:
    with pytest.raises(CorpusError, match=reason):
        read(write(tmp_path, data))


def test_nul_bytes_are_binary(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=r"binary content.*offset 3"):
        read(write(tmp_path, b"abc\x00def"))


def test_mostly_control_bytes_are_binary(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="binary content"):
        read(write(tmp_path, bytes(range(1, 32)) * 20))


def test_invalid_utf8_names_byte_and_offset(tmp_path: Path) -> None:
    path = write(tmp_path, b"Results\n\nThe ORR was 30%.\xff\n", "002.txt")
    with pytest.raises(CorpusError) as info:
        read(path)
    assert str(info.value) == "002.txt: not UTF-8 text (invalid byte 0xff at offset 25)"


def test_too_large(tmp_path: Path) -> None:
    path = write(tmp_path, b"Results\n\nThe ORR was 30%.\n" * 10)
    with pytest.raises(CorpusError, match="too large"):
        read(path, max_bytes=100)
    assert read(path, max_bytes=10_000).text.startswith("Results")


def test_bom_is_dropped_and_crlf_read_as_lf(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeffIntroduction\r\n\r\nThe ORR was 30%. It was durable.\r\n".encode())
    doc = read(path)
    assert doc.text.startswith("Introduction\n\nThe ORR")
    assert doc.sections[0].heading == "Introduction"
    (paragraph,) = doc.paragraphs
    assert paragraph.text == "The ORR was 30%. It was durable."
    assert [s.text for s in paragraph.sentences] == ["The ORR was 30%.", "It was durable."]
    assert doc.source_file == "paper.txt"


# -- the shared corpus ----------------------------------------------------------------------


def check_offsets(doc: Document) -> None:
    """Every object's offsets give back its text."""
    text = doc.text
    for paragraph in doc.paragraphs:
        assert text[paragraph.start:paragraph.end] == paragraph.text
        assert paragraph.sentences
        for sentence in paragraph.sentences:
            assert text[sentence.start:sentence.end] == sentence.text
            assert paragraph.start <= sentence.start < sentence.end <= paragraph.end
    for section in doc.sections:
        if not section.implied:
            line = text[section.start:text.find("\n", section.start)]
            assert section.heading.lower() in line.lower()
        assert section.start <= section.end
    for table in doc.tables:
        assert text[table.caption_start:table.caption_end] == table.caption
        assert table.start <= table.caption_start and table.end <= len(text)
        if table.footnote:
            assert text[table.footnote_start:table.footnote_end] == table.footnote
        for row in (*table.header, *table.rows):
            for cell in row:
                assert text[cell.start:cell.end] == cell.text
                assert table.start <= cell.start <= cell.end <= table.end
    for figure in doc.figures:
        assert text[figure.caption_start:figure.caption_end] == figure.caption
        assert text[figure.start:figure.end].startswith(figure.label)
        if figure.footnote:
            assert text[figure.footnote_start:figure.footnote_end] == figure.footnote
    for ref in doc.references:
        assert ref.text == " ".join(text[s:e] for s, e in ref.spans)
        assert (ref.start, ref.end) == (ref.spans[0][0], ref.spans[-1][1])
        if len(ref.spans) == 1:
            assert text[ref.start:ref.end] == ref.text
    # Nothing is both a paragraph and a float or a reference.
    floats = [(t.start, t.end) for t in doc.tables] + [(f.start, f.end) for f in doc.figures]
    floats += [(r.start, r.end) for r in doc.references]
    for paragraph in doc.paragraphs:
        assert not any(s <= paragraph.start < e for s, e in floats), paragraph.text[:60]


@pytest.fixture(scope="module")
def papers(corpus_files: list[Path]) -> dict[str, Document]:
    return {path.name[:3]: read(path) for path in corpus_files}


def test_offsets_on_every_object(papers: dict[str, Document]) -> None:
    for doc in papers.values():
        check_offsets(doc)


def test_text_is_the_file_unchanged(corpus_files: list[Path]) -> None:
    for path in corpus_files:
        assert read(path).text == path.read_text(encoding="utf-8")


def test_reference_counts_and_numbering(papers: dict[str, Document]) -> None:
    counts = {key: len(doc.references) for key, doc in papers.items()}
    assert counts == {"002": 44, "003": 27, "004": 40}
    for doc in papers.values():
        assert [r.number for r in doc.references] == list(range(1, len(doc.references) + 1))
    # 004 prints bullets 1-6 (the sixth cut by a page break), then "7. ...".
    refs = papers["004"].references
    assert not refs[5].numbered and refs[6].numbered and len(refs[5].spans) == 2
    assert papers["002"].references[13].numbered and not papers["002"].references[12].numbered


def test_metadata(papers: dict[str, Document]) -> None:
    m002, m003, m004 = (papers[k].metadata for k in ("002", "003", "004"))
    assert m002.title.startswith("Real-world efficacy, safety data and predictive clinical parameters")
    # 002 prints its DOI only in the supplementary-material link, which is the article's DOI.
    assert m002.doi == "10.1186/s12885-024-12810-9"
    assert m002.journal == "" and m002.year == 2024
    assert m002.authors[0] == "Shaoli Li" and m002.authors[-1] == "Ying Dong" and len(m002.authors) == 7
    assert m003.title.startswith("The outcomes and treatment strategies in metastatic soft tissue sarcoma")
    assert (m003.doi, m003.journal, m003.year) == ("10.3389/fimmu.2025.1504117", "Front. Immunol.", 2025)
    assert m003.authors[0] == "Zhiyong Liu" and "Xin Wang" in m003.authors
    assert m004.title == ("Anlotinib plus TQB2450, a PD-L1 Antibody, in Patients with Advanced Alveolar Soft "
                          "Part Sarcoma: A Single-Arm, Phase II Trial")
    assert (m004.doi, m004.journal, m004.year) == ("10.1158/1078-0432.CCR-24-2444", "Clin Cancer Res", 2024)
    assert m004.authors[-1] == "Jiayong Liu"


def test_main_sections_present(papers: dict[str, Document]) -> None:
    for doc in papers.values():
        kinds = {s.kind for s in doc.sections if s.level == 1}
        assert {"abstract", "introduction", "methods", "results", "discussion", "conclusion", "references"} <= kinds


def test_abstract_paragraphs(papers: dict[str, Document]) -> None:
    for doc in papers.values():
        labels = [p.label for p in doc.paragraphs if p.section == "Abstract" and p.label]
        assert "Results" in labels and any(label.startswith("Conclusion") for label in labels)
    assert papers["003"].sections[0].implied  # structured abstract without an "Abstract" line


def test_floats(papers: dict[str, Document]) -> None:
    assert {k: (len(d.tables), len(d.figures)) for k, d in papers.items()} == {
        "002": (4, 3), "003": (2, 5), "004": (1, 4)}
    hr = papers["002"].tables[1]
    assert len(hr.header) == 2 and [c.text for c in hr.header[1]][2:4] == ["HR (95% CI)", "P"]
    assert hr.footnote.startswith("Abbreviation")
    assert papers["003"].tables[0].footnote.startswith("ECOG, Eastern")


def test_continuation_pieces_keep_their_section(papers: dict[str, Document]) -> None:
    for doc in papers.values():
        starts = {p.start: p for p in doc.paragraphs}
        for paragraph in doc.paragraphs:
            if paragraph.continues is not None:
                assert starts[paragraph.continues].section == paragraph.section
                assert paragraph.continues < paragraph.start


def test_reading_the_corpus_is_fast(corpus_files: list[Path]) -> None:
    started = time.perf_counter()
    for path in corpus_files:
        read(path)
    assert time.perf_counter() - started < 1.0


# -- smaller layouts ------------------------------------------------------------------------


def test_reference_continuation_after_page_break_with_capital() -> None:
    doc = parse(
        "Results\n\nThe ORR was 30%.\n\nReferences\n\n"
        "1. Brenner K, Walsh D. Synovial sarcoma biology. *J Rare Tumors*. 2018;3:1–9.\n"
        "2. Ito S, Moreno L. Pazopanib in sarcoma: results of the PAZ-2\n\n"
        "Trial. *Sarcoma Res*. 2020;12:44–50.\n"
        "3. Quist A. Nivolumab in sarcoma. *Oncol Rep*. 2019;8:100–8.\n\n"
        "Figure 1. Kaplan–Meier estimate of overall survival.\n"
    )
    assert [r.number for r in doc.references] == [1, 2, 3]
    assert doc.references[1].text.endswith("PAZ-2 Trial. *Sarcoma Res*. 2020;12:44–50.")
    assert [f.label for f in doc.figures] == ["Figure 1"]


def test_unmarked_reference_list_is_numbered_by_order() -> None:
    doc = parse(
        "References\n\n"
        "Brenner K, Walsh D. Synovial sarcoma biology. J Rare Tumors. 2018;3:1–9.\n\n"
        "Ito S, Moreno L. Pazopanib in sarcoma: results of a\nphase II trial. Sarcoma Res. 2020;12:44–50.\n\n"
        "Quist A. Nivolumab in sarcoma. Oncol Rep. 2019;8:100–8.\n"
    )
    assert [(r.number, r.numbered) for r in doc.references] == [(1, False), (2, False), (3, False)]
    assert doc.references[1].text == "Ito S, Moreno L. Pazopanib in sarcoma: results of a phase II trial. " \
                                     "Sarcoma Res. 2020;12:44–50."


def test_reference_list_numbered_without_stops() -> None:
    # "1 Author ..." as Lancet journals print it; a continuation line may open with a number too
    doc = parse(
        "References\n\n"
        "1 Brenner K, Walsh D. Synovial sarcoma biology. J Rare Tumors 2018; 3: 1–9.\n"
        "2 Ito S, Moreno L. Pazopanib in sarcoma: a phase 2 trial. Sarcoma Res\n"
        "2020; 12: 44–50.\n"
        "3 Quist A. Nivolumab in sarcoma. Oncol Rep 2019; 8: 100–8.\n"
    )
    assert [(r.number, r.numbered) for r in doc.references] == [(1, True), (2, True), (3, True)]
    assert doc.references[1].text == "Ito S, Moreno L. Pazopanib in sarcoma: a phase 2 trial. Sarcoma Res " \
                                     "2020; 12: 44–50."


def test_lines_opening_with_numbers_that_do_not_count_up_are_no_entries() -> None:
    doc = parse(
        "References\n\n"
        "Brenner K, Walsh D. Synovial sarcoma biology. J Rare Tumors. 2018;3:1–9.\n\n"
        "12 Ito S. Pazopanib. Sarcoma Res. 2020;12:44–50.\n\n"
        "Quist A. Nivolumab in sarcoma. Oncol Rep. 2019;8:100–8.\n"
    )
    assert [r.numbered for r in doc.references] == [False, False, False]


def test_numbered_and_inline_headings() -> None:
    doc = parse(
        "1. Introduction\n\nSarcomas are rare.\n\n2. Materials and Methods\nAdults were enrolled.\n\n"
        "2.1 Study design\n\nA single arm.\n\n3. RESULTS\n\nThe ORR was 30%.\n"
    )
    assert [(s.heading, s.level, s.kind) for s in doc.sections] == [
        ("Introduction", 1, "introduction"),
        ("Materials and Methods", 1, "methods"),
        ("Study design", 2, "methods"),
        ("Results", 1, "results"),
    ]
    assert [p.section for p in doc.paragraphs] == ["Introduction", "Materials and Methods", "Study design", "Results"]
    assert doc.paragraphs[1].text == "Adults were enrolled."


def test_captions_with_a_bar_after_their_label() -> None:
    doc = parse(
        "Results\n\nTABLE 2 | Best response (N = 12).\n\nResponse\tn (%)\nPartial response\t5 (41.7)\n"
        "Stable disease\t6 (50.0)\n\nFIGURE 1 | Kaplan–Meier estimate of survival.\n"
    )
    assert [(t.label, t.caption) for t in doc.tables] == [("TABLE 2", "Best response (N = 12).")]
    assert [(f.label, f.caption) for f in doc.figures] == [("FIGURE 1", "Kaplan–Meier estimate of survival.")]


def test_headings_with_a_bar_after_their_number() -> None:
    # some publishers print "2.1 | Patients"; the bar is no part of the heading
    doc = parse(
        "KEYWORDS\n\nsunitinib, angiosarcoma\n\n1 | INTRODUCTION\n\nAngiosarcomas are rare.\n\n"
        "2 | METHODS\n\n2.1 | Patients\n\nAdults took part.\n\n3 | RESULTS\n\nThe ORR was 40%.\n"
    )
    assert [(s.heading, s.level, s.kind) for s in doc.sections] == [
        ("Keywords", 2, ""),
        ("Introduction", 1, "introduction"),
        ("Methods", 1, "methods"),
        ("Patients", 2, "methods"),
        ("Results", 1, "results"),
    ]


def test_prose_is_not_taken_for_headings_or_captions() -> None:
    doc = parse(
        "Results\n\nTable 2 shows the responses by subgroup.\n\n"
        "Full list of author information is available at the end of the article\n\n"
        "With the rapid advance of targeted agents and of immune checkpoint inhibitors, antiangiogenic\n\n"
        "therapy has become common.\n"
    )
    assert [s.heading for s in doc.sections] == ["Results"]
    assert not doc.tables and not doc.figures
    assert len(doc.paragraphs) == 4
    assert doc.paragraphs[3].continues == doc.paragraphs[2].start


def test_document_without_structure() -> None:
    doc = parse("Just one paragraph of text. It has two sentences.\n")
    assert doc.sections == [] and doc.references == []
    assert doc.paragraphs[0].section == "" and _main_heading(doc, 0) == ""
    assert len(doc.paragraphs[0].sentences) == 2


def test_short_answers_under_back_matter_headings_are_paragraphs() -> None:
    doc = parse("Funding\n\nNone\n\nAcknowledgements\n\nNot applicable\n\nEthics statement\n\nApproved.\n")
    assert [s.heading for s in doc.sections] == ["Funding", "Acknowledgements", "Ethics statement"]
    assert [p.text for p in doc.paragraphs] == ["None", "Not applicable", "Approved."]


def test_running_footer_with_page_number_is_no_body_text() -> None:
    # a PDF page break in mid-sentence: the journal footer and its page number sit between the halves
    text = (
        "Trial of a new agent in rare sarcomas\n\n"
        "Results\n\n"
        "Among the twenty patients with synovial sarcoma enrolled at the first site, the objective\n\n"
        "Journal of Imaginary Oncology 2031;12:40–52                                      47\n\n"
        "response rate was 25% and the median progression-free survival was 4.1 months.\n"
    )
    doc = parse(text)
    footer = next(p for p in doc.paragraphs if p.text.startswith("Journal of Imaginary"))
    tail = next(p for p in doc.paragraphs if p.text.startswith("response rate"))
    head = next(p for p in doc.paragraphs if p.text.startswith("Among"))
    assert footer.kind == "note"
    assert tail.continues == head.start
