"""Misreadings found by running the product on unseen real texts (helper check14), fixed as general
rules. Every sentence and number below is made up for the test; none is taken from a paper."""

from __future__ import annotations

from corpus import parse
from extractors.citations import find_citations
from extractors.extract import extract
from extractors.group_sizes import PROSE_SIZE_RE

CABOZANTINIB = "Cabozantinib or placebo in advanced leiomyosarcoma: a randomised phase 2 trial\n\n"


def outcomes_of(text: str) -> list:
    return extract(parse(text + "\n", "c14.txt")).outcomes


def adverse_events_of(text: str) -> list:
    return extract(parse(text + "\n", "c14.txt")).adverse_events


# -- numbers in round brackets that restate a number, not a reference -------------------------------

def test_a_journal_issue_between_volume_and_page_is_no_citation() -> None:
    assert find_citations("Sarcoma Res. 2021 Feb 3;44(7):310-318. doi: 10.1000/xyz") == []
    assert find_citations("Ann Oncol 2015;12 (3): 45–52") == []


def test_a_units_power_and_a_count_restated_in_digits_are_no_citations() -> None:
    assert find_citations("Drug X was given at 60 mg/m(2) on day 1.") == []
    assert find_citations("One hundred fourteen (114) patients were randomised.") == []
    assert find_citations("Forty-one (41) patients were treated.") == []


def test_a_bracketed_reference_after_words_is_still_a_citation() -> None:
    assert [c.numbers for c in find_citations("as reported before (14), and in two trials (3, 5).")] == [(14,), (3, 5)]
    assert [c.numbers for c in find_citations("Seven trials (12) were pooled.")] == [(12,)]


# -- a biomarker cut-off printed as "X% or greater" -------------------------------------------------

def test_a_cut_off_written_as_a_percent_or_greater_is_no_rate() -> None:
    rows = [(c.endpoint, c.value) for c in outcomes_of(
        CABOZANTINIB + "Results: The 1-year overall survival rate among patients with a marker score of 10% or "
        "greater was 61% with cabozantinib and 45% with placebo.")]
    assert ("OS_rate", "61") in rows and ("OS_rate", "45") in rows
    assert not any(value == "10" for _, value in rows)


# -- a subgroup named by the tumour's mutation ------------------------------------------------------

def test_a_result_for_a_mutation_subgroup_carries_its_subgroup_not_the_arms_size() -> None:
    rows = {(c.endpoint, c.value): (c.subgroup, c.n) for c in outcomes_of(
        "Drug A versus drug B in advanced GIST: a randomised phase 3 trial\n\nResults: 300 patients were randomly "
        "assigned to drug A (n = 150) or drug B (n = 150). In the KIT exon 9 population, the median PFS was "
        "6.1 months with drug A versus 4.0 months with drug B. Across all patients, median PFS reached 5.2 "
        "months with drug A versus 4.9 months with drug B.")}
    assert rows[("PFS_median", "6.1")][0] == "KIT exon 9" and rows[("PFS_median", "4.0")][0] == "KIT exon 9"
    assert rows[("PFS_median", "6.1")][1] != 150
    assert rows[("PFS_median", "5.2")][0] == ""


def test_patients_without_the_mutation_are_a_subgroup_too() -> None:
    rows = {(c.endpoint, c.value): c.subgroup for c in outcomes_of(
        CABOZANTINIB + "Results: For BRAF wild-type patients, objective responses reached 28% with "
        "cabozantinib and 6% with placebo.")}
    assert rows[("ORR", "28")] == "BRAF wild-type" and rows[("ORR", "6")] == "BRAF wild-type"


# -- adverse-event prose: arms, benefits and changes are no events ----------------------------------

def test_the_arm_patients_were_assigned_to_is_no_adverse_event() -> None:
    terms = {a.term for a in adverse_events_of(
        CABOZANTINIB + "Results: Any-grade toxicity was seen in 40 of 50 patients assigned to "
        "cabozantinib (80.0%), vs. 30 of 50 patients assigned to placebo (60.0%).")}
    assert not any("assigned" in t for t in terms)


def test_a_change_measured_by_a_percent_is_no_incidence() -> None:
    rows = [(a.term, a.percent) for a in adverse_events_of(
        CABOZANTINIB + "Results: Low-grade toxicities comprised nausea (n = 8, 20%) and rash (n = 4, 10%). "
        "On serial scans, there was a decrease in the longest diameter by 25%, tumour volume by 61%, and in "
        "9/12 (75%) a fall in signal intensity. Fatigue was reported by 15% of patients.")]
    assert ("nausea", "20") in rows and ("Fatigue", "15") in rows
    assert not any(p in ("25", "61", "75") for _, p in rows)


def test_symptom_relief_is_no_adverse_event() -> None:
    terms = {a.term for a in adverse_events_of(
        CABOZANTINIB + "Results: Toxicity was mild. Symptomatic relief was obtained in 70% of patients with pain.")}
    assert not any("relief" in t.lower() for t in terms)


# -- a share written with the word "percent" --------------------------------------------------------

def test_a_number_word_before_percent_is_no_count_of_responders() -> None:
    rows = [(c.endpoint, c.value) for c in outcomes_of(
        CABOZANTINIB + "Results: Thirty percent of the cohort reached a partial response, and the median PFS "
        "was 5.5 months.")]
    assert ("PFS_median", "5.5") in rows
    assert ("PR_n", "30") not in rows


# -- a combination's label printed with its noun ----------------------------------------------------

def test_a_combination_labelled_as_a_named_regimen_resolves_to_its_drugs() -> None:
    rows = {(c.endpoint, c.value): c.regimen for c in outcomes_of(
        "Ifosfamide and etoposide versus gemcitabine plus docetaxel in relapsed Ewing sarcoma: a randomised "
        "trial\n\nMethods: Patients were randomly assigned to ifosfamide and etoposide or to gemcitabine plus "
        "docetaxel (GD regimen).\n\nResults: Forty patients were randomised. For GD therapy the overall response "
        "rate was 22%, against 45% with ifosfamide and etoposide.")}
    assert rows[("ORR", "22")] == ("docetaxel", "gemcitabine")
    assert rows[("ORR", "45")] == ("etoposide", "ifosfamide")


def test_two_rates_for_x_versus_y_respectively_take_one_arm_each() -> None:
    rows = {a.percent: a.regimen for a in adverse_events_of(
        CABOZANTINIB + "Results: Severe (grade 3-4) toxicities were noted in 48% vs. 20% of patients on "
        "cabozantinib versus placebo, respectively.")}
    assert rows["48"] == ("cabozantinib",) and rows["20"] == ("placebo",)


# -- a category's share and a comparator named by its role -------------------------------------------

def test_the_share_of_complete_responses_is_no_response_rate() -> None:
    rows = [(c.endpoint, c.value) for c in outcomes_of(
        CABOZANTINIB + "Results: With cabozantinib, ORR reached 40% (20/50), with complete "
        "responses in 6 (12%) patients.")]
    assert ("ORR", "40") in rows and ("CR_n", "6") in rows
    assert ("ORR", "12") not in rows


def test_a_rate_for_the_control_is_not_the_drug_named_before_it() -> None:
    rows = {(c.endpoint, c.value): c.regimen for c in outcomes_of(
        "Drug A falls short in advanced GIST\n\nThe median PFS was 3.9 months with drug A. The overall response "
        "rate (ORR) was 12% with cabozantinib versus 4% for the control.")}
    assert rows[("ORR", "12")] == ("cabozantinib",)
    assert rows[("ORR", "4")] != ("cabozantinib",)


# -- a bulleted list and capital headings inside a results page --------------------------------------

def test_a_paragraph_ending_on_a_bullet_is_not_continued_by_the_next_one() -> None:
    rows = [(c.endpoint, c.value) for c in outcomes_of(
        "Drug A versus drug B in advanced renal cancer: a randomised trial\n\nResults\nThe trial randomised 120 "
        "patients to drug A (n=60) or drug B (n=60). Baseline:\n• 70% of patients were intermediate risk\n"
        "• 30% had bone metastases\n\nMain findings\nPROGRESSION-FREE SURVIVAL: Median PFS was 7.5 months for "
        "drug A vs. 4.1 months for drug B (HR 0.55, p=0.002).")]
    assert ("PFS_median", "7.5") in rows and ("PFS_median", "4.1") in rows
    assert not any(value in ("70", "30") for _, value in rows)


def test_a_capital_heading_that_starts_with_a_label_word_is_no_background_label() -> None:
    scopes = {(c.endpoint, c.value): c.scope for c in outcomes_of(
        "Drug A versus drug B in advanced renal cancer: a randomised trial\n\nResults\nMedian PFS was 7.5 months "
        "for drug A vs. 4.1 months for drug B. OBJECTIVE RESPONSE RATE (ORR): ORR was 25% for drug A vs. 11% "
        "for drug B.")}
    assert scopes[("ORR", "25")] == "primary" and scopes[("ORR", "11")] == "primary"


# -- patients counted for an event are no arm's size -------------------------------------------------

def test_deaths_counted_per_arm_do_not_size_the_arms() -> None:
    rows = {(c.endpoint, c.value): c.n for c in outcomes_of(
        "Cabozantinib versus placebo in advanced leiomyosarcoma: updated survival\n\nOne hundred ten patients were "
        "randomly assigned (cabozantinib, n = 56; placebo, n = 54). At the cutoff, 31 patients in the cabozantinib "
        "arm and 40 in the placebo arm had died. Overall survival had a median of 14.5 months with cabozantinib "
        "and 9.8 months with placebo.")}
    assert rows[("OS_median", "14.5")] == 56 and rows[("OS_median", "9.8")] == 54


# -- a news write-up: a quoted sentence is no title, and its comparison names two arms ---------------

NEWS_BODY = ("Final analysis: no survival gap between drug A and sunitinib in imatinib-pretreated GIST\n\n"
             "A final analysis of a phase 3 trial comparing drug A and sunitinib found similar survival in patients "
             "previously treated with imatinib.\n\n"
             "The median OS was 30.5 months for patients treated with cabozantinib compared with 27.0 months for "
             "patients treated with sunitinib (HR, 0.90; 95% CI, 0.70-1.15).\n\n"
             "The median second progression-free survival (PFS), meaning time until progression on the next line, "
             "was 8.1 months with cabozantinib vs 7.2 months with sunitinib (HR, 1.02).\n")
NEWS = NEWS_BODY + ('\nJane Roe, MD, and colleagues wrote that "fewer patients had grade 3/4 adverse events with '
                    'cabozantinib than with sunitinib."\n')


def test_a_paragraph_ending_in_a_quoted_sentence_is_no_title() -> None:
    doc = extract(parse(NEWS, "c14.txt"))
    assert doc.title.startswith("Final analysis")
    assert ("OS_median", "30.5") in {(c.endpoint, c.value) for c in doc.outcomes}


def test_two_drugs_compared_in_one_sentence_are_two_arms_not_one_combination() -> None:
    rows = {(c.endpoint, c.value): c.regimen for c in outcomes_of(NEWS_BODY)}
    assert rows[("OS_median", "30.5")] == ("cabozantinib",) and rows[("OS_median", "27.0")] == ("sunitinib",)


def test_a_drug_written_as_the_groups_earlier_treatment_is_not_the_study_regimen() -> None:
    study = extract(parse(NEWS_BODY, "c14.txt")).study
    assert "imatinib" not in study.regimen and "sunitinib" in study.regimen


def test_a_second_progression_free_survival_is_no_pfs() -> None:
    rows = [(c.endpoint, c.value) for c in outcomes_of(NEWS_BODY)]
    assert ("OS_median", "30.5") in rows
    assert ("PFS_median", "8.1") not in rows and ("HR_PFS", "1.02") not in rows


def test_a_count_of_agents_in_patients_is_no_group_size() -> None:
    assert PROSE_SIZE_RE.search("no gap between the 2 drugs in patients with ") is None
    assert PROSE_SIZE_RE.search("Of the 24 adult patients with ") is not None
