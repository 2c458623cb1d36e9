"""The PDF reader on PDFs generated here from known text: reading order, furniture, hyphenation."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from pdf_maker import write_pdf

from corpus import CorpusError, read_any
from corpus.pdf import pdf_text

LEFT = ("Patients with advanced disease received the oral kinase inhibitor once daily in cycles of "
        "four weeks until progression or unacceptable toxicity. Tumour assessments were repeated "
        "every eight weeks, and responses were confirmed four weeks after they were first seen.")
RIGHT = ("Hypertension and fatigue were the most frequent adverse events, and most were of low "
         "grade. Dose reductions were needed in a quarter of the patients, while no patient "
         "stopped treatment because of toxicity during the first year of the study.")


def _columns(text: str, width: int = 46) -> list[str]:
    return textwrap.wrap(text, width)


def _words(text: str) -> list[str]:
    return text.split()


def test_two_columns_read_left_then_right_whatever_the_drawing_order(tmp_path: Path) -> None:
    for interleave in (False, True):
        path = write_pdf(tmp_path / f"two_{interleave}.pdf", [[_columns(LEFT), _columns(RIGHT)]] * 2,
                         head="Invented Journal of Sarcoma Research 2024", interleave=interleave)
        text, spans, _ = pdf_text(path)
        assert _words(text) == _words(LEFT) + _words(RIGHT) + _words(LEFT) + _words(RIGHT)
        assert "Invented Journal" not in text  # running head dropped
        assert spans[0].locator == "page 1" and spans[-1].locator == "page 2"


def test_one_column_page_numbers_dropped_and_title_kept(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "one.pdf", [[_columns(LEFT + " " + RIGHT, 95)]] * 3, head="Running head",
                     title="Kinase inhibition in a rare sarcoma")
    text, _, _ = pdf_text(path)
    assert text.startswith("Kinase inhibition in a rare sarcoma\n\n")
    body = text.split("\n\n", 1)[1]
    assert _words(body) == (_words(LEFT) + _words(RIGHT)) * 3
    assert "Running head" not in text and not any(line.strip() in {"1", "2", "3"} for line in text.splitlines())


def test_hyphenated_words_are_rejoined_unless_the_paper_prints_the_compound(tmp_path: Path) -> None:
    lines = ["The median progression-free survival was long, and the",
             "treatment was well toler-", "ated by most of the patients. The median progression-",
             "free survival in the second group was shorter."]
    text, _, _ = pdf_text(write_pdf(tmp_path / "hyphen.pdf", [[lines]]))
    assert "well tolerated by most" in text
    assert "median progression-free survival in the second" in text


def test_paragraph_gaps_and_pages_become_blocks_of_a_document(tmp_path: Path) -> None:
    lines = ["Results", "", *_columns("The objective response rate was 30% (95% CI, 12-54) among the "
                                       "twenty evaluable patients, with six partial responses.", 60)]
    path = write_pdf(tmp_path / "doc.pdf", [[lines]])
    doc = read_any(path)
    assert doc.metadata.source_format == "pdf"
    assert [s.heading for s in doc.sections] == ["Results"]
    (paragraph,) = [p for p in doc.paragraphs if p.kind == "body"]
    assert paragraph.text.startswith("The objective response rate was 30%")
    assert doc.locate(paragraph.start) == "page 1"


def test_a_table_on_a_one_column_page_is_read_row_by_row(tmp_path: Path) -> None:
    from pdf_maker import write_table_pdf

    rows = [["Adverse event", "Any grade", "Grade 3", "Grade 4"], ["Hypertension", "12 (40%)", "3 (10%)", "0"],
            ["Fatigue", "9 (30%)", "1 (3%)", "0"], ["Diarrhea", "7 (23%)", "2 (7%)", "1 (3%)"],
            ["Proteinuria", "5 (17%)", "0", "0"], ["Nausea", "4 (13%)", "0", "0"]]
    prose = _columns(LEFT + " " + RIGHT, 95)
    path = write_table_pdf(tmp_path / "table.pdf", prose, "Table 2 Adverse events", rows)
    text, _, _ = pdf_text(path)
    assert _words(text.split("Table 2")[0]) == _words(LEFT) + _words(RIGHT)
    (table,) = read_any(path).tables
    assert (table.label, table.caption) == ("Table 2", "Adverse events")
    assert [[c.text for c in row] for row in (*table.header, *table.rows)] == rows


def test_title_and_abstract_across_the_page_come_before_the_columns(tmp_path: Path) -> None:
    from pdf_maker import write_article_pdf

    abstract = _columns("Background: Few options exist. Results: The objective response rate was 30% in "
                        "twenty patients, and the median progression-free survival was 6.1 months.", 100)
    left = ["Introduction", "", *_columns(LEFT)]
    right = ["Methods", "", *_columns(RIGHT)]
    path = write_article_pdf(tmp_path / "article.pdf", "An invented phase II trial", abstract, left, right,
                             head="Invented Journal 2024; 1:1-9")
    doc = read_any(path)
    # one page: a running head cannot be told by repetition, so it stays, where it is printed
    assert doc.text.startswith("Invented Journal 2024; 1:1-9\n\nAn invented phase II trial\n\nBackground: Few")
    head_and_title = _words("Invented Journal 2024; 1:1-9 An invented phase II trial")
    assert _words(doc.text) == (head_and_title + [w for line in abstract for w in line.split()]
                                + ["Introduction"] + _words(LEFT) + ["Methods"] + _words(RIGHT))
    assert [s.heading for s in doc.sections if not s.implied][-2:] == ["Introduction", "Methods"]


def test_a_pdf_without_a_text_layer_is_named_and_refused(tmp_path: Path) -> None:
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(4, 4))
    fig.patches.append(plt.Rectangle((0.2, 0.2), 0.5, 0.5, transform=fig.transFigure))
    fig.savefig(tmp_path / "scan.pdf")
    plt.close(fig)
    with pytest.raises(CorpusError, match=r"^scan\.pdf: the PDF has no text layer"):
        read_any(tmp_path / "scan.pdf")


def test_a_heading_printed_right_above_its_paragraph_stands_alone(tmp_path: Path) -> None:
    lines = ["Results", *_columns(LEFT, 90), "Adverse events", *_columns(RIGHT, 90)]
    doc = read_any(write_pdf(tmp_path / "headings.pdf", [[lines]]))
    assert [s.heading for s in doc.sections] == ["Results", "Adverse events"]
    assert [p.text.split()[0] for p in doc.paragraphs if p.kind == "body"] == ["Patients", "Hypertension"]
