"""Adverse events from prose and tables, on text written for these tests."""

from pathlib import Path

from corpus.document import Cell, Document, Metadata, Table
from extractors.ae_grades import grade_phrase
from extractors.ae_prose import sentence_adverse_events
from extractors.ae_tables import ae_claims, grade_of, is_ae_table
from extractors.records import StudyFacts
from extractors.table_outcomes import hr_claims, is_hr_table


def test_list_under_a_grade_phrase() -> None:
    found = sentence_adverse_events(
        "The most common grade 3 to 4 TRAEs were neutropenia (12.0%), elevated lipase (6.0%), and rash (4.0%)."
    )
    assert [(a.term, a.grade, a.percent) for a in found] == [
        ("neutropenia", "3-4", "12.0"), ("elevated lipase", "3-4", "6.0"), ("rash", "3-4", "4.0")]


def test_totals() -> None:
    (total,) = sentence_adverse_events("In all, 30 patients (75.0%) experienced one or more TRAEs.")
    assert (total.term, total.grade, total.n, total.percent) == ("TRAEs (one or more)", "any", 30, "75.0")
    (graded,) = sentence_adverse_events("Grade 3-4 AEs were observed in 12.5% of patients.")
    assert (graded.term, graded.grade, graded.n, graded.percent) == ("AEs", "3-4", None, "12.5")


def test_sentences_without_ae_words_give_nothing() -> None:
    assert sentence_adverse_events("The ORR in the ASPS cohort (n = 12) was 50.0% (6 of 12).") == []


def test_grade_phrases() -> None:
    assert grade_phrase("TRAEs of any grade") == "any"
    assert grade_phrase("grade ≥3 events") == ">=3"
    assert grade_phrase("grade 3–5 AEs") == "3-5"
    assert grade_of("Grade III") == "3"
    assert grade_of("3/4 grade n (%)") == "3-4"
    assert grade_of("Total") == "any"
    assert grade_of("Characteristic") is None


def _table(caption: str, lines: list[str]) -> tuple[Document, Table]:
    text = caption + "\n\n" + "\n".join(lines) + "\n"
    offset = len(caption) + 2
    rows = []
    for line in lines:
        cells, pos = [], offset
        for part in line.split("\t"):
            cells.append(Cell(part, pos, pos + len(part)))
            pos += len(part) + 1
        rows.append(tuple(cells))
        offset += len(line) + 1
    header_rows = 2 if lines[1].startswith("\t") else 1
    table = Table("Table 1", caption, 0, len(text), "Results", tuple(rows[:header_rows]), tuple(rows[header_rows:]))
    return Document(Path("x.txt"), text, Metadata(), [], [], [table], [], []), table


def test_ae_table_by_grade_columns() -> None:
    doc, table = _table("Table 3 Toxicity", ["Event\tAny grade n (%)\tGrade 3/4 n (%)", "Rash\t10(25.0)\t0",
                                             "Nausea\t9(22.5)\t1(2.5)"])
    assert is_ae_table(table) and not is_hr_table(table)
    rows = {(c.term, c.grade): (c.n, c.percent) for c in ae_claims(doc, table, StudyFacts())}
    assert rows == {("Rash", "any"): (10, "25.0"), ("Rash", "3-4"): (0, ""), ("Nausea", "any"): (9, "22.5"),
                    ("Nausea", "3-4"): (1, "2.5")}
    claim = ae_claims(doc, table, StudyFacts())[0]
    assert doc.text[claim.evidence.start : claim.evidence.end] == claim.evidence.quote


def test_hr_table_columns_take_the_spanning_header() -> None:
    doc, table = _table("Table 2 Multivariate analysis", [
        "Factor\tGroup\tPFS\t\tOS\t", "\t\tHR (95% CI)\tP\tHR (95% CI)\tP",
        "Sex\tMale vs. female\t1.20 (0.60–2.40)\t0.61\t0.90 (0.30–2.70)\t0.85"])
    assert is_hr_table(table)
    claims = hr_claims(doc, table, StudyFacts(population="STS"))
    assert [(c.endpoint, c.value, c.ci_low, c.ci_high, c.p_value) for c in claims] == [
        ("HR_PFS", "1.20", "0.60", "2.40", "0.61"), ("HR_OS", "0.90", "0.30", "2.70", "0.85")]
    assert claims[0].subgroup == "multivariate: Sex Male vs. female"


def test_ae_table_columns_take_the_group_size_of_their_arm() -> None:
    doc, table = _table("Table 4 Adverse events", [
        "Event\tArm A (n = 20)\t\tArm B (n = 40)\t", "\tAny grade\tGrade 3\tAny grade\tGrade 3",
        "Rash\t5(25.0)\t1(5.0)\t8(20.0)\t2(5.0)"])
    sizes = {(c.grade, c.n): c.group_size for c in ae_claims(doc, table, StudyFacts())}
    assert sizes == {("any", 5): 20, ("3", 1): 20, ("any", 8): 40, ("3", 2): 40}
