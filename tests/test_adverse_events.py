"""Adverse events from prose and tables, on text written for these tests."""

from pathlib import Path

from ae_rows import ae_rows
from tab_tables import tab_table

from corpus.document import Document, Metadata, Paragraph, Sentence, Table
from extractors.adverse_events import extract_adverse_events
from extractors.ae_grades import grade_phrase
from extractors.ae_prose import sentence_adverse_events
from extractors.ae_tables import ae_claims, grade_of, is_ae_table
from extractors.records import Arm, Evidence, Mention, StudyFacts, StudyFrame
from extractors.table_outcomes import hr_claims, is_hr_table
from ontology.lexicon import Concept, Lexicon


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
    return tab_table(caption, lines, 2 if lines[1].startswith("\t") else 1)  # a second header row starts blank


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


def test_hr_table_with_univariate_and_multivariate_columns() -> None:
    doc, table = _table("Table 3 Univariate and multivariate Cox analysis of PFS", [
        "Factor\tUnivariate HR (95% CI)\tP\tMultivariate HR (95% CI)\tP",
        "Age > 60 years\t1.40 (1.02–1.92)\t0.04\t1.31 (0.94–1.83)\t0.11"])
    claims = hr_claims(doc, table, StudyFacts(population="STS"))
    assert [(c.value, c.subgroup) for c in claims] == [
        ("1.40", "univariate: Age > 60 years"), ("1.31", "multivariate: Age > 60 years")]
    doc, table = _table("Table 3 Cox analysis of PFS", [
        "Factor\tUnivariate HR (95% CI)\tP\tMultivariate HR (95% CI)\tP",
        "Bone metastases\t1.20 (0.80–1.80)\t0.38\t–\t–"])
    assert [c.subgroup for c in hr_claims(doc, table, StudyFacts(population="STS"))] == ["univariate: Bone metastases"]


def test_ae_table_columns_take_the_group_size_of_their_arm() -> None:
    doc, table = _table("Table 4 Adverse events", [
        "Event\tArm A (n = 20)\t\tArm B (n = 40)\t", "\tAny grade\tGrade 3\tAny grade\tGrade 3",
        "Rash\t5(25.0)\t1(5.0)\t8(20.0)\t2(5.0)"])
    sizes = {(c.grade, c.n): c.group_size for c in ae_claims(doc, table, StudyFacts())}
    assert sizes == {("any", 5): 20, ("3", 1): 20, ("any", 8): 40, ("3", 2): 40}


def test_ae_table_columns_named_by_the_arm_labels_of_the_study_frame() -> None:
    doc, table = _table("Table 4 Adverse events", [
        "Event\tArm A (n = 30)\t\tArm B (n = 31)\t", "\tAny grade\tGrade 3-4\tAny grade\tGrade 3-4",
        "Rash\t9 (30)\t2 (7)\t4 (13)\t0"])
    frame = StudyFrame(arms=[Arm("arm A", ("axitinib", "pembrolizumab"), "experimental"),
                             Arm("arm B", ("axitinib",), "control")])
    claims = ae_claims(doc, table, StudyFacts(regimen=("axitinib", "pembrolizumab")), frame=frame)
    assert {(c.grade, c.n, c.regimen) for c in claims} == {
        ("any", 9, ("axitinib", "pembrolizumab")), ("3-4", 2, ("axitinib", "pembrolizumab")),
        ("any", 4, ("axitinib",)), ("3-4", 0, ("axitinib",))}


# -- the grammar of safety statements (sentences written for these tests) ------------------
def test_events_after_most_commonly_take_the_total_grade() -> None:
    assert ae_rows("Grade ≥3 TRAEs were seen in 14 of 50 patients (28.0%), most commonly rash (8.0%) and "
                   "diarrhoea (4.0%).") == [("TRAEs", ">=3", 14, "28.0"), ("rash", ">=3", None, "8.0"),
                                          ("diarrhoea", ">=3", None, "4.0")]


def test_grade_phrase_governs_an_elliptical_clause_not_a_new_one() -> None:
    assert ae_rows("Grade 3–4 anaemia developed in 6 patients (15.0%) and fatigue in 2 (5.0%); "
                   "pneumonitis occurred in one patient (2.5%).") == [
        ("anaemia", "3-4", 6, "15.0"), ("fatigue", "3-4", 2, "5.0"), ("pneumonitis", "any", 1, "2.5")]


def test_grade_groups_as_printed() -> None:
    assert grade_phrase("grade 3 or worse events") == ">=3"
    assert grade_phrase("grade 3 or higher rash") == ">=3"
    assert grade_phrase("grades 3 and 4 events") == "3-4"
    assert grade_phrase("grade 1 or 2 nausea") == "1-2"
    assert grade_phrase("any-grade events") == "any"
    assert grade_phrase("high-grade adverse events") == ">=3"
    assert grade_phrase("high-grade liposarcoma") == "any"


def test_lancet_counts_in_words_and_brackets_with_two_arms() -> None:
    found = sentence_adverse_events(
        "The most common grade 3 or worse events were lymphopenia (seven [14%] vs two [4%]) and "
        "rash (five [10%] vs none).")
    assert [(a.term, a.grade, a.n, a.percent) for a in found] == [
        ("lymphopenia", ">=3", 7, "14"), ("lymphopenia", ">=3", 2, "4"), ("rash", ">=3", 5, "10")]


def test_per_arm_statement_keeps_both_arms_and_their_arm_phrases() -> None:
    found = sentence_adverse_events(
        "Serious adverse events occurred in 30 (31%) patients in the combination group and 12 (13%) "
        "in the placebo group.")
    assert [(a.term, a.n, a.percent, a.arm) for a in found] == [
        ("SAEs", 30, "31", "combination"), ("SAEs", 12, "13", "placebo")]
    found = sentence_adverse_events("Any-grade TRAEs were reported in 40% of patients receiving the doublet "
                                    "versus 12% of those receiving placebo.")
    assert [(a.term, a.grade, a.percent, a.arm) for a in found] == [
        ("TRAEs", "any", "40", "doublet"), ("TRAEs", "any", "12", "placebo")]


def test_comparison_in_one_parenthesis() -> None:
    assert ae_rows("Grade 3-4 mucositis was more frequent with the triplet (22.0% vs 9.5%).") == [
        ("mucositis", "3-4", None, "22.0"), ("mucositis", "3-4", None, "9.5")]


def test_subject_counts_and_bare_events() -> None:
    assert ae_rows("Five patients (12.5%) had grade 3 events.") == [("events", "3", 5, "12.5")]
    assert ae_rows("Overall, 2 patients (4%) developed grade 2 colitis from the start of therapy.") == [
        ("colitis", "2", 2, "4")]


def test_totals_are_normalised() -> None:
    assert ae_rows("Immune-related adverse events were noted in 11 patients (22%).") == [("irAEs", "any", 11, "22")]
    assert ae_rows("Treatment-emergent adverse events of any grade occurred in 48 patients (96%).") == [
        ("AEs", "any", 48, "96")]


def test_a_term_continues_when_a_clause_only_adds_a_grade() -> None:
    assert ae_rows("Hypothyroidism was reported in 9 patients (18%) and was grade 2 in 3 (6%).") == [
        ("hypothyroidism".capitalize(), "any", 9, "18"), ("Hypothyroidism", "2", 3, "6")]


def test_consequences_of_events_are_not_events() -> None:
    assert ae_rows("Toxicity led to dose reductions in 8 patients (16%) and to discontinuation in 3 (6%).") == []
    assert ae_rows("Sunitinib was interrupted in 10 patients (20%) because of adverse events.") == []


def test_treatment_related_deaths_are_grade_5() -> None:
    assert ae_rows("Treatment-related deaths occurred in 2 patients (1.5%).") == [
        ("treatment-related deaths", "5", 2, "1.5")]


def test_ci_and_heterogeneity_numbers_are_no_figures() -> None:
    assert ae_rows("Grade ≥3 AEs occurred in a pooled 21% (95% CI 15%–28%) of patients.") == [
        ("AEs", ">=3", None, "21")]
    assert ae_rows("Heterogeneity was high (I²=64%).", safety_context=True) == []


def test_outside_safety_statements_only_known_events_are_read() -> None:
    known = {"hyponatremia"}.__contains__
    assert ae_rows("Hyponatremia occurred in 7 patients (14%).", is_event=lambda t: known(t.lower())) == [
        ("Hyponatremia", "any", 7, "14")]
    assert ae_rows("Responses were more frequent in visceral primaries (3 of 12, 25.0%).", safety_context=True) == []


def test_each_splits_the_events() -> None:
    assert ae_rows("Hiccups and dysgeusia occurred only in the combination arm (2.0% each).", safety_context=True,
                   is_event=lambda t: True) == [("Hiccups", "any", None, "2.0"), ("dysgeusia", "any", None, "2.0")]


def test_ae_table_with_grade_3_and_4_columns_and_arms() -> None:
    doc, table = _table("Table 2 Toxicity by arm", [
        "Event\tAll grades\tGrade 3\tGrade 4", "Neutropenia\t20 (50.0)\t8 (20.0)\t2 (5.0)",
        "Leading to dose reduction\t6 (15.0)\t\t", "Any TRAE\t36 (90.0)\t10 (25.0)\t2 (5.0)"])
    rows = {(c.term, c.grade): (c.n, c.percent) for c in ae_claims(doc, table, StudyFacts())}
    assert rows == {("Neutropenia", "any"): (20, "50.0"), ("Neutropenia", "3"): (8, "20.0"),
                    ("Neutropenia", "4"): (2, "5.0"), ("TRAEs", "any"): (36, "90.0"), ("TRAEs", "3"): (10, "25.0"),
                    ("TRAEs", "4"): (2, "5.0")}
    assert grade_of("Grade 3 or higher") == ">=3"
    assert grade_of("All grades") == "any"


def test_counts_printed_with_their_arm_inside_the_parenthesis() -> None:
    found = sentence_adverse_events(
        "Common adverse events were cough (12 in the control arm [20%] vs 30 in the active arm [35%]).")
    assert [(a.term, a.n, a.percent, a.arm) for a in found] == [
        ("cough", 12, "20", "control"), ("cough", 30, "35", "active")]


def test_rate_predicates_and_counts_after_the_percentage() -> None:
    assert ae_rows("The incidence of vomiting was 22.5% (9 patients) and grade 3 anaemia was 5% (2 patients).") == [
        ("vomiting", "any", 9, "22.5"), ("anaemia", "3", 2, "5")]
    assert ae_rows("The DCR was 60% (18 patients) and grade 3 rash was seen in 10%.") == [("rash", "3", None, "10")]


def test_joined_event_names_stay_one_term() -> None:
    assert ae_rows("The most common grade 3 events were nausea or vomiting (7%) and fatigue (4%).") == [
        ("nausea or vomiting", "3", None, "7"), ("fatigue", "3", None, "4")]


def test_comparison_with_who_received_arms() -> None:
    found = sentence_adverse_events("AEs of any grade occurred in 91% of patients who received drug C compared with "
                                    "84% of those who received drug D.")
    assert [(a.term, a.grade, a.percent, a.arm) for a in found] == [
        ("AEs", "any", "91", "drug C"), ("AEs", "any", "84", "drug D")]


def test_reasons_for_stopping_are_not_events() -> None:
    assert ae_rows("Four patients stopped treatment: three for hepatotoxicity (3/40, 7.5%) and one for rash.",
                   safety_context=True) == []


def test_tumour_grades_deaths_from_disease_and_history_are_no_events() -> None:
    assert ae_rows("Most tumours were FNCLCC grade 3 (62%).") == []
    assert ae_rows("By the cutoff, 20 patients (50%) had died of progressive disease.", safety_context=True) == []
    assert ae_rows("Ten patients (25%) had received prior radiotherapy.", safety_context=True) == []


def test_paragraph_context_arms_and_bare_events() -> None:
    sentences = [
        "Immune-related adverse events occurred in 15 patients (30%) given zanotinib and 4 (8%) given placebo; "
        "the most common were colitis (6 [12%] vs one [2%]).",
        "Two patients (4%) had grade 3 events.",
        "Hiccups occurred in 3 patients (6%).",
    ]
    text, spans, pos = "", [], 0
    for sentence in sentences:
        spans.append(Sentence(sentence, pos, pos + len(sentence)))
        text += sentence + " "
        pos = len(text)
    paragraph = Paragraph(text, 0, len(text), "Results", tuple(spans))
    doc = Document(Path("x.txt"), text, Metadata(), [], [paragraph], [], [], [])
    at = text.index("zanotinib")
    drug = Mention("drug", "zanotinib", "zanotinib", "zanotinib", Evidence("x.txt", "Results", at, at + 9, "zanotinib"))
    lexicon = Lexicon([Concept("drug", "zanotinib", "zanotinib"), Concept("adverse_event", "colitis", "colitis")])
    claims = extract_adverse_events(doc, [], StudyFacts(regimen=("zanotinib",)), [drug], lexicon)
    assert [(c.term, c.grade, c.n, c.regimen) for c in claims] == [
        ("irAEs", "any", 15, ("zanotinib",)), ("irAEs", "any", 4, ("placebo",)),
        ("colitis", "any", 6, ("zanotinib",)), ("colitis", "any", 1, ("placebo",)),
        ("irAEs", "3", 2, ("zanotinib",)), ("Hiccups", "any", 3, ("zanotinib",))]


def test_short_grade_forms_and_a_count_before_a_list_of_events() -> None:
    assert grade_phrase("≥G3 events") == ">=3" and grade_phrase("G3/4 rash") == "3-4"
    assert grade_phrase("cells arrested in G1 phase") == "any"
    assert ae_rows("G3/4 rash occurred in 8 patients (16%).") == [("rash", "3-4", 8, "16")]
    assert ae_rows("Grade 3 toxicity was seen in four patients (rash, colitis).") == [("AEs", "3", 4, "")]


def test_ae_table_cells_and_footnote_letters() -> None:
    doc, table = _table("Table 3 Adverse events", [
        "Event\tAll grades\tGrade 3 or higher", "Hand-foot syndromea\t12 (30.0)\t3/40 (7.5)",
        "Rash*\t10%\t0"])
    lexicon = Lexicon([Concept("adverse_event", "hand-foot syndrome", "hand-foot syndrome")])
    rows = {(c.term, c.grade): (c.n, c.percent) for c in ae_claims(doc, table, StudyFacts(), [], lexicon)}
    assert rows == {("Hand-foot syndrome", "any"): (12, "30.0"), ("Hand-foot syndrome", ">=3"): (3, "7.5"),
                    ("Rash", "any"): (None, "10"), ("Rash", ">=3"): (0, "")}


def test_an_arm_after_a_list_is_the_arm_of_the_whole_list() -> None:
    found = sentence_adverse_events("The most common grade 3-4 events were anaemia (40%) and rash (10%) with drug E, "
                                    "and anaemia (20%) with drug F.")
    assert [(a.term, a.percent, a.arm) for a in found] == [
        ("anaemia", "40", "drug E"), ("rash", "10", "drug E"), ("anaemia", "20", "drug F")]


def test_the_group_a_percentage_is_of() -> None:
    found = sentence_adverse_events("Among the 40 treated patients, grade 3 TRAEs occurred in 8 (20%), most commonly "
                                    "rash (3, 7.5%).")
    assert [(a.term, a.group_size) for a in found] == [("TRAEs", 40), ("rash", 40)]
    (one,) = sentence_adverse_events("Grade 3 rash occurred in 5 of 20 patients (25%).")
    assert one.group_size == 20
    (two,) = sentence_adverse_events("Grade 3 rash occurred in 5 patients (25%).")
    assert two.group_size is None


def test_count_and_percentage_in_either_order_and_separator() -> None:
    assert ae_rows("The most common AEs were fatigue (n = 12; 40%), rash (30%, n = 9) and cough "
                   "(6 patients; 20%).") == [
        ("fatigue", "any", 12, "40"), ("rash", "any", 9, "30"), ("cough", "any", 6, "20")]


def test_events_of_x_names_x_and_a_tumour_is_no_event() -> None:
    found = sentence_adverse_events("The most frequent adverse events were grade 1 or 2 events of rash (41%) "
                                    "and cases of fatigue (30%).")
    assert [(a.term, a.grade, a.percent) for a in found] == [("rash", "1-2", "41"), ("fatigue", "1-2", "30")]
    # a histology listed beside an event in a safety sentence is the cohort, not an adverse event
    found = sentence_adverse_events("Adverse events were seen in 12 patients with chondrosarcoma (40%) "
                                    "and nausea in 6 (20%).")
    assert all("sarcoma" not in a.term for a in found)


def test_each_applies_to_every_item_of_its_list() -> None:
    found = sentence_adverse_events("The most common adverse events were fatigue (40%), pain (25%), cough, "
                                    "anorexia, and insomnia (8% each).")
    assert [(a.term, a.percent) for a in found] == [("fatigue", "40"), ("pain", "25"), ("cough", "8"),
                                                    ("anorexia", "8"), ("insomnia", "8")]
    found = sentence_adverse_events("Grade 3 events were rash, diarrhoea and mucositis (2.5% each).")
    assert [(a.term, a.grade) for a in found] == [("rash", "3"), ("diarrhoea", "3"), ("mucositis", "3")]


def test_counts_in_words_beyond_twenty() -> None:
    found = sentence_adverse_events("Grade 3 fatigue occurred in twenty-four patients (40%).")
    assert [(a.term, a.grade, a.n, a.percent) for a in found] == [("fatigue", "3", 24, "40")]
