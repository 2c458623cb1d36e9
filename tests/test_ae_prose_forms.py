"""Safety prose as trial reports print it: arm pairs in short form, grade splits, lists, totals
named in words, thresholds and recoveries. Every sentence here was written for these tests."""

from pathlib import Path

from ae_rows import ae_rows

from corpus.document import Document, Metadata, Paragraph, Sentence
from extractors.adverse_events import extract_adverse_events
from extractors.ae_figures import find_figures
from extractors.ae_grades import total_term
from extractors.ae_prose import sentence_adverse_events
from extractors.records import Arm, Evidence, Mention, StudyFacts, StudyFrame
from ontology.lexicon import Concept, Lexicon


def _arms(text: str, **kw) -> list[tuple]:
    return [(a.term, a.percent or a.n, a.arm, a.order) for a in sentence_adverse_events(text, **kw)]


# -- arm pairs in short form ----------------------------------------------------------------
def test_event_then_a_bare_pair_of_percentages() -> None:
    assert ae_rows("Grade ≥3 anaemia 22% vs 9%; thrombocytopenia 14% versus 3%.") == [
        ("anaemia", ">=3", None, "22"), ("anaemia", ">=3", None, "9"),
        ("thrombocytopenia", ">=3", None, "14"), ("thrombocytopenia", ">=3", None, "3")]


def test_a_bare_percentage_without_a_pair_is_no_figure() -> None:
    # a number right after a noun with no "vs" is not read as that noun's rate
    assert ae_rows("Grade 3 mucositis 22% of the time was judged mild by the nurses.") == []


def test_respectively_gives_each_listed_event_its_figure() -> None:
    assert ae_rows("Grade 3 rash, pruritus and fatigue were seen in 11 (18%), 6 (10%) and 4 (7%) patients, "
                   "respectively.") == [("rash", "3", 11, "18"), ("pruritus", "3", 6, "10"), ("fatigue", "3", 4, "7")]


def test_respectively_with_a_list_of_another_length_keeps_the_arms() -> None:
    found = sentence_adverse_events("Hypertension occurred in 20 (31%) and 12 (19%) patients, respectively.")
    assert [(a.term, a.n, a.order) for a in found] == [("Hypertension", 20, 0), ("Hypertension", 12, 1)]


def test_arm_labels_printed_before_each_figure_of_a_comparison() -> None:
    assert _arms("Grade 2 or worse colitis was comparable between arms (zanotinib plus gemcitabine 7 (10%) vs "
                 "gemcitabine 6 (9%)).") == [
        ("colitis", "10", "zanotinib plus gemcitabine", 0), ("colitis", "9", "gemcitabine", 1)]


def test_named_arms_after_the_figure() -> None:
    assert _arms("Grade 4 neutropenia occurred in 9 (15%) patients in arm B and 2 (3%) in arm C.") == [
        ("neutropenia", "15", "arm B", 0), ("neutropenia", "3", "arm C", 1)]
    # "the two arms" names no arm
    assert [a.arm for a in sentence_adverse_events("Grade 3 rash was 10% vs 4% in the two arms.")] == ["", ""]


def test_arm_before_its_figure_gets_its_regimen() -> None:
    text = "Grade 3 pneumonitis was similar in both groups (zanotinib 4 (6%) vs placebo 3 (5%))."
    sentence = Sentence(text, 0, len(text))
    doc = Document(Path("x.txt"), text, Metadata(), [],
                   [Paragraph(text, 0, len(text), "Results", (sentence,))], [], [], [])
    at = text.index("zanotinib")
    drug = Mention("drug", "zanotinib", "zanotinib", "zanotinib", Evidence("x.txt", "Results", at, at + 9, "zanotinib"))
    lexicon = Lexicon([Concept("drug", "zanotinib", "zanotinib"),
                       Concept("adverse_event", "pneumonitis", "pneumonitis")])
    claims = extract_adverse_events(doc, [], StudyFacts(regimen=("other",)), [drug], lexicon)
    assert [(c.term, c.grade, c.n, c.regimen) for c in claims] == [
        ("pneumonitis", "3", 4, ("zanotinib",)), ("pneumonitis", "3", 3, ("placebo",))]


# -- grades split inside one statement --------------------------------------------------------
def test_counts_each_followed_by_their_grade() -> None:
    assert ae_rows("Haematological toxicities included anaemia (7 grade 3, 2 grade 4) and neutropenia "
                   "(3 grade 4).") == [
        ("anaemia", "3", 7, ""), ("anaemia", "4", 2, ""), ("neutropenia", "4", 3, "")]


def test_grade_split_in_words() -> None:
    assert ae_rows("Hepatotoxicity reached grade 3 in five and grade 4 in one patient.", safety_context=True) == [
        ("Hepatotoxicity", "3", 5, ""), ("Hepatotoxicity", "4", 1, "")]


def test_grade_named_after_the_list_it_closes() -> None:
    assert ae_rows("Fatigue (12%) and hyponatraemia (8%) were the leading grade 3 or 4 toxicities.") == [
        ("Fatigue", "3-4", None, "12"), ("hyponatraemia", "3-4", None, "8")]
    # an aside after the class noun is no grade of the list
    assert ae_rows("Rash (40%) and pruritus (22%) were the commonest adverse events, mostly grade 1.") == [
        ("Rash", "any", None, "40"), ("pruritus", "any", None, "22")]


def test_with_a_share_experiencing_a_grade_continues_the_event() -> None:
    assert ae_rows("Neuropathy was reported in 31.0% of patients, with 4.5% experiencing grade 3 events.") == [
        ("Neuropathy", "any", None, "31.0"), ("Neuropathy", "3", None, "4.5")]


# -- totals named in words -------------------------------------------------------------------
def test_events_attributed_to_treatment_are_traes() -> None:
    assert ae_rows("Grade 3 to 4 events attributed to therapy were seen in 9 patients (15%).") == [
        ("TRAEs", "3-4", 9, "15")]
    assert total_term("adverse events considered related to the study drug") == "TRAEs"
    assert total_term("serious adverse events related to treatment") == "SAEs"
    assert total_term("events") == "events"


def test_group_of_a_count_printed_after_its_percentage() -> None:
    assert ae_rows("Serious adverse events occurred in 13 (26%) of 50 patients.") == [("SAEs", "any", 13, "26")]
    (only,) = sentence_adverse_events("Serious adverse events occurred in 13 (26%) of 50 patients.")
    assert only.group_size == 50


# -- lists ----------------------------------------------------------------------------------------
def test_each_printed_before_the_percentage() -> None:
    assert ae_rows("Alopecia and constipation (each 15%) were the most frequent adverse events.") == [
        ("Alopecia", "any", None, "15"), ("constipation", "any", None, "15")]


def test_counts_without_percentages_in_a_list() -> None:
    assert ae_rows("Adverse events were headache (n = 8), dizziness (n = 5) and myalgia (4 patients).") == [
        ("headache", "any", 8, ""), ("dizziness", "any", 5, ""), ("myalgia", "any", 4, "")]


# -- numbers that are no events ---------------------------------------------------------------
def test_reporting_thresholds_are_no_figures() -> None:
    assert ae_rows("Frequent (≥ 15%) adverse events included cough, rash and fatigue.") == []
    assert find_figures("events occurring in at least 10% of patients") == []
    assert find_figures("AEs in >20% of patients") == []


def test_recoveries_are_no_events() -> None:
    assert ae_rows("Infusion reactions occurred in 12 of 40 patients (30%), which resolved in 10 (83%).") == [
        ("Infusion reactions", "any", 12, "30")]


# -- more shapes of one statement ------------------------------------------------------------
def test_figures_listed_after_a_colon() -> None:
    assert ae_rows("Grade 3 or 4 toxicities: leukopenia 35%, anaemia 18%, mucositis 6%.") == [
        ("leukopenia", "3-4", None, "35"), ("anaemia", "3-4", None, "18"), ("mucositis", "3-4", None, "6")]


def test_arm_in_parentheses_after_each_figure() -> None:
    assert _arms("Grade 3 nausea: 12.5% (arm A) vs 4.0% (arm B).") == [
        ("nausea", "12.5", "arm A", 0), ("nausea", "4.0", "arm B", 1)]


def test_respectively_over_the_arms_of_a_plural_group_phrase() -> None:
    assert _arms("Grade 3 or higher fatigue occurred in 21.0% and 6.5% of patients in the zanotinib and "
                 "placebo groups, respectively.") == [
        ("fatigue", "21.0", "zanotinib", 0), ("fatigue", "6.5", "placebo", 1)]


def test_respectively_over_grades() -> None:
    assert ae_rows("Any-grade and grade ≥3 stomatitis were seen in 52% and 9% of patients, respectively.") == [
        ("stomatitis", "any", None, "52"), ("stomatitis", ">=3", None, "9")]


def test_count_over_group_before_the_percentage() -> None:
    assert ae_rows("Grade 3 lymphopenia was recorded in 14/56 (25%).") == [("lymphopenia", "3", 14, "25")]
    assert ae_rows("About 4 out of 10 patients (40%) had adverse events.") == [("AEs", "any", 4, "40")]


def test_a_percentage_of_patients_as_subject() -> None:
    assert ae_rows("In total, 22% of patients had grade 3 hypertension.") == [("hypertension", "3", None, "22")]


def test_responses_counted_in_safety_paragraphs_are_no_events() -> None:
    assert ae_rows("By week 24, 30.1% of patients had PRs and 10.2% of patients had CRs.", safety_context=True) == []


def test_per_arm_lists_each_closed_by_its_arm() -> None:
    assert _arms("The most common grade 3-4 adverse events were leukopenia (70.1%) and anaemia (40.2%) for regimen A "
                 "and leukopenia (60.3%) for regimen B.") == [
        ("leukopenia", "70.1", "regimen A", 0), ("anaemia", "40.2", "regimen A", 0),
        ("leukopenia", "60.3", "regimen B", 0)]


def test_a_second_grade_continues_the_total_in_short_form() -> None:
    assert ae_rows("Any grade TEAEs occurred in 97% of pts, grade ≥3 in 41%.") == [
        ("AEs", "any", None, "97"), ("AEs", ">=3", None, "41")]
    assert ae_rows("Neuropathy was seen in 25.0% of patients, with 3.1% experiencing grade 3 or 4 reactions.") == [
        ("Neuropathy", "any", None, "25.0"), ("Neuropathy", "3-4", None, "3.1")]


def test_what_events_led_to_is_no_event() -> None:
    assert ae_rows("Dose delays, reductions and interruptions due to adverse events occurred in 30.0%, 15.1% and "
                   "2.2% of patients, respectively.") == []


def test_journal_style_term_comma_figure_list() -> None:
    assert ae_rows("The most common grade 3 or 4 AEs were lymphopenia, 31%; anaemia, 14%; and fatigue, 6%.") == [
        ("lymphopenia", "3-4", None, "31"), ("anaemia", "3-4", None, "14"), ("fatigue", "3-4", None, "6")]


def test_class_subject_then_the_events_it_names() -> None:
    assert ae_rows("Frequent adverse events were cough in 21%, dyspnoea in 14%, and oedema in 9% of patients.") == [
        ("cough", "any", None, "21"), ("dyspnoea", "any", None, "14"), ("oedema", "any", None, "9")]
    # a participle after the verb is no event name
    assert ae_rows("Immune-related adverse events were recorded in 7 patients (14%).") == [("irAEs", "any", 7, "14")]


def test_a_grade_split_inside_the_parenthesis_of_a_figure() -> None:
    found = sentence_adverse_events("Hypokalaemia occurred in 15 patients (30%; grade 3 in 5 [10%]).")
    assert [(a.term, a.grade, a.n, a.percent, a.order) for a in found] == [
        ("Hypokalaemia", "any", 15, "30", 0), ("Hypokalaemia", "3", 5, "10", 0)]
    found = sentence_adverse_events("Rash (all grades: 38%; grade 3: 7%) was the most frequent adverse event.")
    assert [(a.grade, a.percent, a.order) for a in found] == [("any", "38", 0), ("3", "7", 0)]


def test_v_between_figures_is_versus_and_v_before_a_version_is_none() -> None:
    assert ae_rows("Grade 3 or 4 neutropenia was more frequent with the combination (52% v 21%).") == [
        ("neutropenia", "3-4", None, "52"), ("neutropenia", "3-4", None, "21")]
    assert find_figures("graded with CTCAE v4.03") == []


def test_an_empty_parenthesis_left_by_a_grade_is_dropped() -> None:
    assert ae_rows("Thrombocytopenia (any grade) was observed in 44% and bleeding in 9%.", safety_context=True) == [
        ("Thrombocytopenia", "any", None, "44"), ("bleeding", "any", None, "9")]


def test_arms_named_in_order_before_the_pairs() -> None:
    assert _arms("The commonest AEs in the doublet arm versus the single-agent arm were cough (41% vs 30%) and "
                 "rash (22% vs 9%).") == [
        ("cough", "41", "doublet", 0), ("cough", "30", "single-agent", 1),
        ("rash", "22", "doublet", 0), ("rash", "9", "single-agent", 1)]


def test_lancet_counts_of_a_group_with_their_arm() -> None:
    found = sentence_adverse_events("Grade 3 or 4 adverse events occurred in 61 (52%) of 117 patients in the doublet "
                                    "group and 40 (35%) of 114 in the placebo group.")
    assert [(a.n, a.percent, a.group_size, a.arm, a.order) for a in found] == [
        (61, "52", 117, "doublet", 0), (40, "35", 114, "placebo", 1)]


def test_grade_split_with_n_equals_inside_the_parenthesis() -> None:
    assert ae_rows("Anaemia (grade 3: n = 6; grade 4: n = 2) was frequent.", safety_context=True) == [
        ("Anaemia", "3", 6, ""), ("Anaemia", "4", 2, "")]


def test_graded_list_in_a_safety_paragraph_reads_unknown_events() -> None:
    text = "Grade 3 events comprised hypertension (6 patients) and amylase elevation (2 patients)."
    assert ae_rows(text, safety_context=True, is_event=lambda term: term == "hypertension") == [
        ("hypertension", "3", 6, ""), ("amylase elevation", "3", 2, "")]
    # the same list outside a safety paragraph keeps only what the lexicon knows
    assert ae_rows(text, is_event=lambda term: term == "hypertension") == [("hypertension", "3", 6, "")]


def test_a_listing_of_histologies_is_no_event_list() -> None:
    # a safety paragraph may also list the population; unknown nouns without a verb are not events
    assert ae_rows("Enrolled histotypes were myxoma, 40%; chordoma, 30%.", safety_context=True,
                   is_event=lambda term: False) == []


def test_percent_spelled_out_as_news_write_ups_print_it() -> None:
    assert _arms("Side effects of grade 3 or higher occurred in 31 percent of patients given the doublet and "
                 "17 percent of those given placebo.") == [("AEs", "31", "doublet", 0), ("AEs", "17", "placebo", 1)]
    assert ae_rows("Grade 3 fatigue (12 per cent) was the commonest severe side effect.") == [
        ("fatigue", "3", None, "12")]


def test_a_paragraph_announcing_safety_reads_the_next_sentence() -> None:
    text = ("Adverse events are summarised in Table 3. The commonest were xerosis (38%) and "
            "paronychia (21%). The drug was given for a minimum of 2 and a maximum of 30 cycles.")
    sentences, pos = [], 0
    for part in text.split(". "):
        part = part if part.endswith(".") else part + "."
        start = text.index(part, pos)
        sentences.append(Sentence(part, start, start + len(part)))
        pos = start + len(part)
    doc = Document(Path("x.txt"), text, Metadata(), [],
                   [Paragraph(text, 0, len(text), "Results", tuple(sentences))], [], [], [])
    claims = extract_adverse_events(doc, [], StudyFacts(regimen=("zanotinib",)), [], Lexicon([]))
    assert [(c.term, c.percent) for c in claims] == [("xerosis", "38"), ("paronychia", "21")]


def test_how_adverse_events_were_graded_announces_no_safety_results() -> None:
    from extractors.ae_prose import announces_safety

    assert announces_safety("Toxicity was manageable overall.")
    assert not announces_safety("Adverse events were graded according to CTCAE version 5.0.")


def test_grade_3_and_4_spread_by_respectively_are_two_grades() -> None:
    assert ae_rows("Grade 3 and 4 thrombocytopenia occurred in 18% and 6% of patients, respectively.") == [
        ("thrombocytopenia", "3", None, "18"), ("thrombocytopenia", "4", None, "6")]
    # without "respectively" the same words are the group 3-4
    assert ae_rows("Grade 3 and 4 thrombocytopenia occurred in 18% of patients.") == [
        ("thrombocytopenia", "3-4", None, "18")]


def test_arm_phrases_resolve_to_the_study_arms_they_name() -> None:
    text = "Grade 3 or 4 rash occurred in 12 (20%) patients in arm B and 3 (5%) in the control group."
    sentence = Sentence(text, 0, len(text))
    doc = Document(Path("x.txt"), text, Metadata(), [],
                   [Paragraph(text, 0, len(text), "Results", (sentence,))], [], [], [])
    frame = StudyFrame(design="randomized", arms=[Arm("arm B", ("doxorubicin", "zanotinib"), "experimental"),
                                                  Arm("arm A", ("doxorubicin",), "control")])
    claims = extract_adverse_events(doc, [], StudyFacts(regimen=("zanotinib",)), [], Lexicon([]), frame)
    assert [(c.n, c.regimen) for c in claims] == [(12, ("doxorubicin", "zanotinib")), (3, ("doxorubicin",))]


def test_an_arm_named_by_one_drug_is_the_study_arm_holding_it() -> None:
    text = "Grade 3 fatigue occurred in 9 (15%) patients given zanotinib and 4 (7%) given placebo."
    sentence = Sentence(text, 0, len(text))
    doc = Document(Path("x.txt"), text, Metadata(), [],
                   [Paragraph(text, 0, len(text), "Results", (sentence,))], [], [], [])
    at = text.index("zanotinib")
    drug = Mention("drug", "zanotinib", "zanotinib", "zanotinib", Evidence("x.txt", "Results", at, at + 9, "zanotinib"))
    lexicon = Lexicon([Concept("drug", "zanotinib", "zanotinib"), Concept("adverse_event", "fatigue", "fatigue")])
    frame = StudyFrame(arms=[Arm("", ("gemcitabine", "zanotinib"), "experimental"),
                             Arm("", ("gemcitabine", "placebo"), "control")])
    claims = extract_adverse_events(doc, [], StudyFacts(regimen=("zanotinib",)), [drug], lexicon, frame)
    assert [c.regimen for c in claims] == [("gemcitabine", "zanotinib"), ("gemcitabine", "placebo")]


# -- a grade split inside one item's parenthesis ----------------------------------------------
def test_a_grade_split_in_one_items_parenthesis_does_not_grade_the_next_item() -> None:
    assert ae_rows("The commonest events were anorexia (20/30, 67%; 6 grade 3, 4 grade 2), constipation "
                   "(18/30, 60%) and myalgia (9/30, 30%).") == [
        ("anorexia", "any", 20, "67"), ("anorexia", "3", 6, ""), ("anorexia", "2", 4, ""),
        ("constipation", "any", 18, "60"), ("myalgia", "any", 9, "30")]


def test_a_grade_phrase_outside_parentheses_still_governs_the_list() -> None:
    assert ae_rows("Grade 3 or 4 events included neutropenia (12%) and anaemia (8%), with febrile neutropenia "
                   "(3%).") == [
        ("neutropenia", "3-4", None, "12"), ("anaemia", "3-4", None, "8"), ("febrile neutropenia", "3-4", None, "3")]


# -- lists spread over figures ----------------------------------------------------------------
def test_respectively_after_decimal_percentages_spreads_the_list() -> None:
    assert ae_rows("Cough, rash and pruritus were frequent side effects (overall incidence of 26.7%, 20.0% and "
                   "13.3%, respectively).") == [
        ("Cough", "any", None, "26.7"), ("rash", "any", None, "20.0"), ("pruritus", "any", None, "13.3")]


def test_a_list_led_by_the_incidence_of_keeps_its_first_event() -> None:
    assert ae_rows("The incidence of grade 3/4 neutropenia, anaemia and fatigue was 30%, 12% and 5%, "
                   "respectively.") == [
        ("neutropenia", "3-4", None, "30"), ("anaemia", "3-4", None, "12"), ("fatigue", "3-4", None, "5")]


def test_a_second_respectively_for_the_other_arm_reuses_the_list() -> None:
    rows = ae_rows("The rate of grade 3/4 neutropenia, anaemia and fatigue was 30%, 12% and 5%, respectively, in "
                   "arm A, compared with 60%, 25% and 9%, respectively, in arm B.")
    assert [(t, p) for t, _, _, p in rows] == [
        ("neutropenia", "30"), ("anaemia", "12"), ("fatigue", "5"),
        ("neutropenia", "60"), ("anaemia", "25"), ("fatigue", "9")]


def test_two_grades_of_one_event_take_the_two_figures_joined_by_and() -> None:
    assert ae_rows("Laboratory events included grade 3 and 4 lymphopenia in 40% and 6%, and grade 3 anaemia in "
                   "11%.") == [("lymphopenia", "3", None, "40"), ("lymphopenia", "4", None, "6"),
                             ("anaemia", "3", None, "11")]


def test_a_grade_range_with_two_figures_stays_a_range() -> None:
    assert [g for _, g, _, _ in ae_rows("Grade 3 or 4 neutropenia occurred in 30% and 25% of patients.")] == [
        "3-4", "3-4"]


# -- the event's name, without what surrounds it ----------------------------------------------
def test_a_relative_clause_gives_the_event_before_it_its_figure() -> None:
    assert ae_rows("A notable side effect was capillary leak syndrome (CLS), which occurred in 18% of patients.") == [
        ("capillary leak syndrome", "any", None, "18")]


def test_the_groups_compared_are_no_events() -> None:
    rows = ae_rows("There was no difference in grade 3/4 mucositis between younger and older patients "
                   "(22% vs 27%, respectively).", safety_context=True)
    assert [(t, p) for t, _, _, p in rows] == [("mucositis", "22"), ("mucositis", "27")]


def test_events_that_remain_the_most_common_are_named_without_the_lead() -> None:
    assert ae_rows("The most common adverse events remain fatigue (14/20, 70%) and myalgia (8/20, 40%).") == [
        ("fatigue", "any", 14, "70"), ("myalgia", "any", 8, "40")]


def test_a_clinically_significant_event_keeps_its_name() -> None:
    assert ae_rows("A clinically significant fall in haemoglobin was seen in 9 patients (7.5%).",
                   safety_context=True) == [("fall in haemoglobin", "any", 9, "7.5")]


# -- numbers that count no events -------------------------------------------------------------
def test_a_year_and_a_p_value_are_no_counts() -> None:
    assert ae_rows("Accrual of the 40 patients ended in 2019.", safety_context=True) == []
    assert [(t, p) for t, _, n, p in ae_rows("Grade 3 or higher neuropathy did not differ between the arms "
                                            "(12% vs. 15%; p = 0.64).", safety_context=True) if n] == []


def test_a_breakdown_of_a_count_in_parentheses_is_no_further_event() -> None:
    assert ae_rows("Falls were reported in 5 patients (2 women/3 men) during follow-up (1 hip, 4 wrist).",
                   safety_context=True) == [("Falls", "any", 5, "")]


def test_a_grade_split_of_a_count_in_parentheses_is_still_read() -> None:
    assert ae_rows("Neutropenia occurred in 9 patients (5 grade 3, 4 grade 4).", safety_context=True) == [
        ("Neutropenia", "any", 9, ""), ("Neutropenia", "3", 5, ""), ("Neutropenia", "4", 4, "")]


def test_a_drug_used_to_manage_an_event_is_no_event() -> None:
    assert ae_rows("To treat infusion reactions, dexamethasone was used in 30% of patients.", safety_context=True) == []


def test_a_sample_size_is_no_event() -> None:
    assert ae_rows("With a sample size of 60 patients, grade 3 fatigue in fewer than 10 would be acceptable.",
                   safety_context=True) == []


def test_any_grade_and_a_higher_grade_of_one_event_led_by_the_incidence_of() -> None:
    assert ae_rows("The incidence of any-grade and grade 3-4 mucositis was 44% and 12%, respectively.") == [
        ("mucositis", "any", None, "44"), ("mucositis", "3-4", None, "12")]


def test_a_second_subject_figure_shares_the_verb_of_the_clause_before() -> None:
    assert ae_rows("Twelve patients (20%) had grade 3 rash and three (5%) grade 4 hepatitis.", safety_context=True) == [
        ("rash", "3", 12, "20"), ("hepatitis", "4", 3, "5")]


def test_a_second_figure_without_an_event_after_it_continues_the_first() -> None:
    assert ae_rows("Grade 3 rash occurred in 12 patients (20%) and 3 patients (5%) in the placebo group.",
                   safety_context=True) == [("rash", "3", 12, "20"), ("rash", "3", 3, "5")]


def test_at_least_one_event_is_no_count_of_one() -> None:
    assert ae_rows("Eighteen patients (45%) had at least one grade 3 or 4 adverse event, most often anaemia "
                   "(n = 7, 17.5%).") == [("AEs (at least one)", "3-4", 18, "45"), ("anaemia", "3-4", 7, "17.5")]


# -- grades in passing, each, fatal reactions -------------------------------------------------
def test_a_grade_describing_events_in_passing_governs_no_figure_after_it() -> None:
    assert ae_rows("Toxicities were mainly grade 1-2; the commonest were alopecia (28/50) and dysgeusia (11/50).") == [
        ("alopecia", "any", 28, ""), ("dysgeusia", "any", 11, "")]


def test_a_count_of_patients_each_gives_every_listed_event_that_count() -> None:
    assert ae_rows("Toxicity was manageable; grade 3 stomatitis and diarrhoea were reported in 3 patients each.") == [
        ("stomatitis", "3", 3, ""), ("diarrhoea", "3", 3, "")]


def test_fatal_adverse_reactions_are_treatment_related_deaths() -> None:
    assert ae_rows("Fatal adverse reactions occurred in 3% of patients.") == [
        ("treatment-related deaths", "5", None, "3")]
    assert ae_rows("Four patients (7%) died of progressive disease, and no adverse event was fatal.") == []


# -- plain lists, "of whom", labels in parentheses ---------------------------------------------
def test_a_plain_list_of_events_takes_as_many_figures_in_order() -> None:
    assert ae_rows("Headache, dizziness and insomnia were reported by 35%, 20% and 15% of patients.") == [
        ("Headache", "any", None, "35"), ("dizziness", "any", None, "20"), ("insomnia", "any", None, "15")]


def test_one_event_with_two_figures_and_no_list_keeps_both() -> None:
    assert [(t, p) for t, _, _, p in ae_rows("Grade 3 rash occurred in 20% and 10% of patients.")] == [
        ("rash", "20"), ("rash", "10")]


def test_of_whom_introduces_a_grade_split_of_the_event_before() -> None:
    assert ae_rows("Of the 40 patients, 12 (30%) developed mucositis, of whom four had grade 3 events.") == [
        ("mucositis", "any", 12, "30"), ("mucositis", "3", 4, "")]


def test_an_arm_label_in_parentheses_before_vs() -> None:
    assert _arms("Grade 3-4 anaemia: 28% (drug X) vs 6% (placebo).")[0] == ("anaemia", "28", "drug X", 0)


def test_a_count_with_its_percentage_in_brackets_is_one_figure() -> None:
    assert ae_rows("The most common all-grade TRAEs were arthralgia (n = 18 [45%]) and cough (n = 6 [15%]).") == [
        ("arthralgia", "any", 18, "45"), ("cough", "any", 6, "15")]


def test_a_patient_who_died_is_no_further_case_of_the_event_before() -> None:
    assert ae_rows("Four patients (10%) experienced pneumonitis, and one (2.5%) died of respiratory failure.") == [
        ("pneumonitis", "any", 4, "10")]


def test_an_event_that_affected_patients_has_their_figure() -> None:
    assert ae_rows("Grade 3 stomatitis affected 9 patients (18%).") == [("stomatitis", "3", 9, "18")]
