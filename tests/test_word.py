"""Word documents (.docx) are read as papers: paragraphs, tables under their caption, citation
superscripts as markers; a ZIP that is no Word document, or a bomb, is named with the problem."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from corpus import CorpusError, paper_files, read_any

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _p(text: str, style: str = "", superscript: str = "") -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    raised = (f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>{superscript}</w:t></w:r>'
              if superscript else "")
    return f"<w:p>{props}<w:r><w:t xml:space=\"preserve\">{escape(text)}</w:t></w:r>{raised}</w:p>"


def _table(rows: list[list[str]]) -> str:
    return "<w:tbl>" + "".join(
        "<w:tr>" + "".join(f"<w:tc>{_p(cell)}</w:tc>" for cell in row) + "</w:tr>" for row in rows) + "</w:tbl>"


def _docx(path: Path, body: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml",
                         f'<?xml version="1.0"?><w:document {NS}><w:body>{body}</w:body></w:document>')
    return path


def test_a_manuscript_gives_its_title_sections_table_and_results(tmp_path: Path) -> None:
    from extractors.extract import extract

    body = "".join([
        _p("Velotinib in relapsed Ewing sarcoma: a phase II trial", style="Title"),
        _p("Results", style="Heading1"),
        _p("Of 30 evaluable patients, the objective response rate was 20% (95% CI, 8-39)", superscript="4"),
        _p("Platelets fell below 50 x 10", superscript="9"),
        _p("Disease con\u00adtrol was reached in 24 of 30 pa\u200btients (80%)."),  # soft hyphen, zero-width space
        _p("Table 2. Adverse events"),
        _table([["Event", "Grade 1-2, n (%)", "Grade 3-4, n (%)"], ["Fatigue", "9 (30)", "2 (7)"]]),
        "<w:sdt><w:sdtContent>" + _p("Median progression-free survival reached 4.4 months.")
        + "</w:sdtContent></w:sdt>",
    ])
    doc = read_any(_docx(tmp_path / "manuscript.docx", body))
    assert doc.metadata.title == "Velotinib in relapsed Ewing sarcoma: a phase II trial"
    assert doc.metadata.source_format == "docx"
    assert "(95% CI, 8-39)[4]" in doc.text and "50 x 10^9" in doc.text
    assert [t.label for t in doc.tables] == ["Table 2"]
    assert doc.locate(doc.text.index("Median progression")) == "paragraph 7"  # the table is no paragraph
    records = extract(doc)
    assert {(o.endpoint, o.value) for o in records.outcomes} >= {("ORR", "20"), ("PFS_median", "4.4"), ("DCR", "80")}
    assert {(a.term, a.grade, a.n) for a in records.adverse_events} >= {("Fatigue", "3-4", 2)}


def test_a_folder_takes_docx_files(tmp_path: Path) -> None:
    _docx(tmp_path / "a.docx", _p("Trial") + _p("The ORR was 20%."))
    assert [p.name for p in paper_files(tmp_path)] == ["a.docx"]


def test_other_archives_and_broken_documents_are_named(tmp_path: Path) -> None:
    sheet = tmp_path / "data.xlsx"
    with zipfile.ZipFile(sheet, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(CorpusError, match=r"^data\.xlsx: unsupported format: a ZIP archive"):
        read_any(sheet)
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("word/document.xml", "<w:document")
    with pytest.raises(CorpusError, match=r"^broken\.docx: malformed Word XML"):
        read_any(broken)
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>')
    with pytest.raises(CorpusError, match="declares its own entities"):
        read_any(bomb)
    empty = _docx(tmp_path / "empty.docx", _p(""))
    with pytest.raises(CorpusError, match=r"^empty\.docx: the Word document holds no text"):
        read_any(empty)


def test_a_text_part_beyond_the_limit_is_refused_before_it_is_read_whole(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import corpus.word

    monkeypatch.setattr(corpus.word, "MAX_XML_BYTES", 4096)  # a ZIP bomb stops at the limit
    big = _docx(tmp_path / "big.docx", _p("The ORR was 20%. " * 400))
    with pytest.raises(CorpusError, match=r"^big\.docx: the Word document's text part is larger than 4,096 bytes"):
        read_any(big)
