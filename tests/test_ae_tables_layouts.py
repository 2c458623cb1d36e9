"""AE tables whatever their grade layout: grade columns of any spelling, arms side by side with
their grade columns, grade rows under an event row, a caption that gives the grade, and "n | %"
sub-columns. The tables are made up for these tests."""

from pathlib import Path

from tab_tables import tab_table

import corpus
from extractors.ae_tables import ae_claims, is_ae_table
from extractors.records import StudyFacts


def _claims(caption: str, lines: list[str], header_rows: int = 1) -> list[tuple]:
    doc, table = tab_table(caption, lines, header_rows)
    assert is_ae_table(table)
    return [(c.term, c.grade, c.n, c.percent, c.group_size) for c in ae_claims(doc, table, StudyFacts())]


def test_any_grade_and_each_severe_grade_in_columns() -> None:
    assert _claims("Table 2 Safety", ["Event\tAny grade\tGrade 3\tGrade 4\tGrade 5",
                                      "Pneumonia\t6 (12)\t3 (6)\t1 (2)\t1 (2)"]) == [
        ("Pneumonia", "any", 6, "12", None), ("Pneumonia", "3", 3, "6", None), ("Pneumonia", "4", 1, "2", None),
        ("Pneumonia", "5", 1, "2", None)]


def test_short_grade_headers() -> None:
    assert _claims("Table 3 Toxicities", ["Toxicity\tG1-2\tG≥3", "Mucositis\t9 (18.0%)\t3 (6.0%)",
                                          "Alopecia\t30 (60.0%)\t—"]) == [
        ("Mucositis", "1-2", 9, "18.0", None), ("Mucositis", ">=3", 3, "6.0", None),
        ("Alopecia", "1-2", 30, "60.0", None)]


def test_two_arms_each_with_its_grade_columns() -> None:
    rows = _claims("Table 4 Adverse events", [
        "Event\tCombination (n = 44)\t\tMonotherapy (n = 42)\t", "\tAll grades\tGrade ≥3\tAll grades\tGrade ≥3",
        "Vomiting\t11 (25)\t2 (5)\t6 (14)\t0"], header_rows=2)
    assert rows == [("Vomiting", "any", 11, "25", 44), ("Vomiting", ">=3", 2, "5", 44),
                    ("Vomiting", "any", 6, "14", 42), ("Vomiting", ">=3", 0, "", 42)]


def test_grades_spanning_the_arms_below_them() -> None:
    rows = _claims("Table 5 Adverse events", [
        "Event\tAny grade\t\tGrade 3-4\t", "\tArm A (n = 30)\tArm B (n = 30)\tArm A (n = 30)\tArm B (n = 30)",
        "Cough\t9 (30)\t4 (13)\t1 (3)\t0"], header_rows=2)
    assert [(t, g, n) for t, g, n, _, _ in rows] == [("Cough", "any", 9), ("Cough", "any", 4), ("Cough", "3-4", 1),
                                                     ("Cough", "3-4", 0)]


def test_grade_rows_under_the_event_they_belong_to() -> None:
    rows = _claims("Table 6 Selected adverse events", [
        "Event\tControl (n = 80)\tActive (n = 160)", "Creatinine increased\t\t", "All grades\t10 (13)\t52 (33)",
        "Grade 3\t1 (1)\t9 (6)", "Hypokalaemia\t\t", "All grades\t4 (5)\t20 (13)"])
    assert rows == [
        ("Creatinine increased", "any", 10, "13", 80), ("Creatinine increased", "any", 52, "33", 160),
        ("Creatinine increased", "3", 1, "1", 80), ("Creatinine increased", "3", 9, "6", 160),
        ("Hypokalaemia", "any", 4, "5", 80), ("Hypokalaemia", "any", 20, "13", 160)]


def test_the_caption_gives_the_grade_of_plain_count_columns() -> None:
    assert _claims("Table 7 Grade 3 or 4 treatment-related adverse events", [
        "Event\tPatients, n (%)", "Lymphopenia\t8 (16)", "Objective response\t5 (10)"]) == [
        ("Lymphopenia", "3-4", 8, "16", None)]
    assert _claims("Table 8 Adverse events", ["Event\tn (%)", "Headache\t7 (14)"]) == [
        ("Headache", "any", 7, "14", None)]


def test_counts_and_percentages_in_sub_columns() -> None:
    assert _claims("Table 9 Adverse events", ["Event\tAny grade\t\tGrade ≥3\t", "\tn\t%\tn\t%",
                                              "Dysgeusia\t12\t24.0\t1\t2.0"], header_rows=2) == [
        ("Dysgeusia", "any", 12, "24.0", None), ("Dysgeusia", ">=3", 1, "2.0", None)]


def test_tables_that_are_not_ae_tables() -> None:
    _, baseline = tab_table("Table 1 Baseline characteristics", ["Characteristic\tn (%)", "Female\t20 (40)"])
    _, stopped = tab_table("Table 2 Adverse events leading to discontinuation", ["Event\tn (%)", "Rash\t2 (4)"])
    assert not is_ae_table(baseline) and not is_ae_table(stopped)


def test_a_grade_in_the_row_label_under_a_plain_count_column() -> None:
    assert _claims("Table 10 Adverse events", ["Event\tn (%)", "Any grade fatigue\t20 (40)", "Grade 3 fatigue\t4 (8)",
                                               "Insomnia\t5 (10)"]) == [
        ("fatigue", "any", 20, "40", None), ("fatigue", "3", 4, "8", None), ("Insomnia", "any", 5, "10", None)]


def test_cells_below_one_percent_and_with_footnote_marks() -> None:
    assert _claims("Table 11 Adverse events", ["Event\tAny grade\tGrade ≥3", "Colitis\t3 (1.5)*\t1 (<1)"]) == [
        ("Colitis", "any", 3, "1.5", None), ("Colitis", ">=3", 1, "", None)]


def test_pipe_tables_of_web_pages_are_read_as_tables(tmp_path: Path) -> None:
    # the reader: a "| a | b |" table with its "|---|" rule, as web pages print them
    path = tmp_path / "page.txt"
    path.write_text("A study of something\n\nResults\n\nTable 2. Adverse events\n"
                    "| Event | All grades | Grade 3 or higher |\n|---|---|---|\n| Cough | 12 (30.0) | 1 (2.5) |\n"
                    "\nDiscussion\n\nNothing more.\n", encoding="utf-8")
    doc = corpus.read(path)
    (table,) = doc.tables
    assert [c.text for c in table.header[0]] == ["Event", "All grades", "Grade 3 or higher"]
    assert [c.text for c in table.rows[0]] == ["Cough", "12 (30.0)", "1 (2.5)"]
    assert all(doc.text[c.start:c.end] == c.text for c in table.rows[0])
    claims = ae_claims(doc, table, StudyFacts())
    assert [(c.term, c.grade, c.n, c.percent) for c in claims] == [("Cough", "any", 12, "30.0"),
                                                                   ("Cough", ">=3", 1, "2.5")]


# -- tables printed with no caption before them -------------------------------------------------
def test_pipe_rows_without_a_caption_are_a_table_read_for_adverse_events() -> None:
    doc = corpus.parse("Results\n\nSafety is summarised below.\n\n| Event | Any grade | Grade 3-4 |\n|---|---|---|\n"
                       "| Cough | 8 (20%) | 1 (2.5%) |\n| Rash | 5 (12.5%) | 0 |\n", "t.txt")
    assert [(t.label, t.caption) for t in doc.tables] == [("", "")]
    assert [(c.term, c.grade, c.n, c.percent) for c in ae_claims(doc, doc.tables[0], StudyFacts())] == [
        ("Cough", "any", 8, "20"), ("Cough", "3-4", 1, "2.5"), ("Rash", "any", 5, "12.5"), ("Rash", "3-4", 0, "")]


def test_a_caption_printed_after_the_rows_captions_the_table() -> None:
    doc = corpus.parse("Results\n\nEvent\tArm A\tArm B\nNausea\t6 (30)\t2 (10)\nRash\t4 (20)\t1 (5)\n"
                       "Table 3. Treatment-related adverse events, n (%)\n\nThe next paragraph is prose.\n", "t.txt")
    assert [(t.label, t.caption) for t in doc.tables] == [("Table 3", "Treatment-related adverse events, n (%)")]
    assert any("next paragraph" in p.text for p in doc.paragraphs)


def test_two_tab_lines_are_no_table() -> None:
    doc = corpus.parse("Results\n\nDose\tPatients\n10 mg\t4\n\nThe ORR was 30%.\n", "t.txt")
    assert doc.tables == []


def test_a_total_row_of_bare_events_takes_the_total_the_caption_names() -> None:
    rows = _claims("Table 2 Most frequent treatment-related adverse events",
                   ["Event\tArm A (N=40)\tArm B (N=40)", "Vomiting\t9 (22.5)\t4 (10.0)",
                    "Grade ≥3 events\t12 (30.0)\t5 (12.5)"])
    assert [(t, g, n) for t, g, n, _, _ in rows if n in (12, 5)] == [("TRAEs", ">=3", 12), ("TRAEs", ">=3", 5)]


def test_columns_headed_by_a_percent_sign_hold_percentages() -> None:
    assert _claims("Table 3 Treatment-related toxicities (N = 40)",
                   ["Toxicity\tAny grade (%)\tGrade 3/4 (%)", "Stomatitis\t35\t7.5"]) == [
        ("Stomatitis", "any", None, "35", None), ("Stomatitis", "3-4", None, "7.5", None)]


def test_count_columns_headed_n_percent_still_hold_counts() -> None:
    assert _claims("Table 3 Toxicities", ["Toxicity\tAny grade, n (%)\tGrade 3/4, n (%)", "Stomatitis\t14\t3"]) == [
        ("Stomatitis", "any", 14, "", None), ("Stomatitis", "3-4", 3, "", None)]


def test_a_caption_headed_by_a_grade_word_gives_its_grade() -> None:
    assert _claims("Table 4 Fatal adverse reactions", ["Event\tn (%)", "Sepsis\t3 (2.1)"]) == [
        ("Sepsis", "5", 3, "2.1", None)]


def test_a_caption_grade_word_before_side_effects_gives_its_grade() -> None:
    assert _claims("Table 5 Fatal side effects of the combination", ["Event\tn (%)", "Pneumonia\t2 (1.6)"]) == [
        ("Pneumonia", "5", 2, "1.6", None)]


def test_a_grade_word_named_in_passing_in_a_caption_gives_no_grade() -> None:
    assert _claims("Table 4 Adverse events, fatal and non-fatal", ["Event\tn (%)", "Sepsis\t3 (2.1)"]) == [
        ("Sepsis", "any", 3, "2.1", None)]
