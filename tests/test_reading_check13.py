"""Misreadings found by running the product on unseen real texts (helper check13), fixed as general
rules. Every sentence and number below is made up for the test; none is taken from a paper."""

from __future__ import annotations

from corpus import parse
from extractors.ae_grades import grade_phrase
from extractors.extract import extract

REGORAFENIB = "Regorafenib or placebo in relapsed Ewing sarcoma: a randomised phase 2 trial\n\n"


def outcomes_of(text: str) -> list:
    return extract(parse(text + "\n", "c13.txt")).outcomes


def adverse_events_of(text: str) -> list:
    return extract(parse(text + "\n", "c13.txt")).adverse_events


# -- reference figures printed beside a result ------------------------------------------------------

def test_a_rate_labelled_as_the_difference_is_no_arms_rate() -> None:
    rows = [(c.endpoint, c.value, c.regimen) for c in outcomes_of(
        REGORAFENIB + "Results: ORR: 35% with regorafenib versus 5% with placebo (difference: 30%; P < .001).")]
    assert ("ORR", "35", ("regorafenib",)) in rows and ("ORR", "5", ("placebo",)) in rows
    assert not any(value == "30" for _, value, _ in rows)


def test_the_benchmark_rate_a_result_surpassed_is_no_result() -> None:
    rows = [(c.endpoint, c.value) for c in outcomes_of(
        REGORAFENIB + "Results: The confirmed ORR reached 44% (95% CI, 30%-58%) and so surpassed the minimal "
        "useful rate of 15% set in the protocol (P < .001).")]
    assert ("ORR", "44") in rows and ("ORR", "15") not in rows


def test_every_bound_listed_after_at_least_is_no_median() -> None:
    rows = [(c.endpoint, c.value) for c in outcomes_of(
        REGORAFENIB + "Results: The median DOR was 7 months. Among responders, 40% and 22% kept a DOR of at least "
        "9 months and 15 months, in that order.")]
    assert ("DoR_median", "7") in rows
    assert ("DoR_median", "9") not in rows and ("DoR_median", "15") not in rows


# -- the arm printed after "of N patients allocated to" ---------------------------------------------

def test_the_arm_a_denominator_was_allocated_to_is_the_rates_regimen() -> None:
    rows = {(c.endpoint, c.value): c.regimen for c in outcomes_of(
        REGORAFENIB + "Results: Objective responses were noted in 15 (41.7%) of 36 patients allocated to "
        "regorafenib, against 9 (25.0%) of 36 patients allocated to placebo.")}
    assert rows[("ORR", "41.7")] == ("regorafenib",)
    assert rows[("ORR", "25.0")] == ("placebo",)


# -- an HR of an endpoint that has no HR code -------------------------------------------------------

def test_a_ratio_printed_for_disease_free_survival_is_no_overall_survival_ratio() -> None:
    rows = [(c.endpoint, c.value) for c in outcomes_of(
        "Adjuvant chemotherapy for resected sarcoma: a meta-analysis\n\nResults: Twelve trials with 1500 "
        "patients were pooled. Adjuvant chemotherapy improved OS (HR, 0.85; p = .01) and DFS (HR, 0.70; p = .004).")]
    assert ("HR_OS", "0.85") in rows and ("HR_OS", "0.70") not in rows


# -- counts that are no responders ------------------------------------------------------------------

def test_a_remission_at_baseline_and_a_crossover_after_progression_are_no_response_counts() -> None:
    rows = [(c.endpoint, c.value) for c in outcomes_of(
        REGORAFENIB + "Results: At baseline four children were already in complete remission; two others achieved "
        "a partial response. Eleven of 15 patients crossed over to the active drug at progressive disease.")]
    assert ("PR_n", "2") in rows
    assert ("CR_n", "4") not in rows and ("PD_n", "11") not in rows


# -- the abbreviated grade word after "at least" ----------------------------------------------------

def test_at_least_before_the_abbreviated_grade_word_is_grade_3_or_worse() -> None:
    assert grade_phrase("≥ Gr3") == ">=3" and grade_phrase("≥Gr.4") == ">=4"
    grades = {a.term: a.grade for a in adverse_events_of(
        REGORAFENIB + "Results: Toxicity of ≥ Gr3 was mostly diarrhoea (12%) and hypertension (9%) on regorafenib.")}
    assert grades.get("diarrhoea") == ">=3"


# -- earlier treatments listed as "X-containing or Y-containing" -----------------------------------

def test_every_drug_of_a_list_of_earlier_containing_regimens_is_a_prior_treatment() -> None:
    study = extract(parse(
        "Engineered T cells in advanced synovial sarcoma\n\nEligible adults had all received one or more previous "
        "regimens of doxorubicin-containing or ifosfamide-containing chemotherapy. Each patient then received one "
        "infusion of afamitresgene autoleucel.\n", "c13.txt")).study
    assert "ifosfamide" not in study.regimen and "doxorubicin" not in study.regimen


# -- structured-abstract labels printed without their colons ----------------------------------------

def test_labels_without_colons_still_open_the_results_of_an_abstract() -> None:
    claims = outcomes_of(
        "Cabozantinib versus placebo in desmoid tumours: a randomised phase 2 trial\n\nAbstract\n"
        "Purpose Desmoid tumours lack approved drugs.\nPatients and Methods Adults were randomly assigned to "
        "cabozantinib or placebo.\nResults In total, 60 adults enrolled. The ORR was 24% with cabozantinib "
        "versus 3% with placebo.\nConclusion Cabozantinib is active.")
    assert {(c.endpoint, c.value, c.scope) for c in claims} >= {("ORR", "24", "primary"), ("ORR", "3", "primary")}


def test_one_capitalised_opening_word_is_no_label() -> None:
    from extractors.zones import loose_label_zone
    assert loose_label_zone("Results In total, 60 adults enrolled.") == "results"
    assert loose_label_zone("Results were similar across subgroups.") is None
    claims = outcomes_of(
        "A review of desmoid tumour therapy\n\nBackground\nEarlier trials were small. Results From a "
        "prior trial gave an ORR of 33% with sorafenib [4].")
    assert all(c.scope != "primary" for c in claims)


# -- hyphenated timepoints listed with a serial comma -----------------------------------------------

def test_hanging_timepoints_with_a_serial_comma_each_time_their_rate() -> None:
    rows = {(c.endpoint, c.timepoint, c.value) for c in outcomes_of(
        REGORAFENIB + "Results: The 1-, 2-, and 4-year overall survival rates were 90%, 75%, and 60%, respectively.")}
    assert rows == {("OS_rate", "1 year", "90"), ("OS_rate", "2 years", "75"), ("OS_rate", "4 years", "60")}


# -- the share of one response category beside a response rate -------------------------------------

def test_shares_of_progression_or_stabilisation_are_no_response_rates() -> None:
    rows = [(c.endpoint, c.value) for c in outcomes_of(
        REGORAFENIB + "Results: Two of nine women (22%) developed disease progression; the objective response "
        "rate reached 56%. Placebo gave objective responses in 10% whereas observation gave disease "
        "stabilisation in 35%.")]
    assert ("ORR", "56") in rows and ("ORR", "10") in rows
    assert ("ORR", "22") not in rows and ("ORR", "35") not in rows


# -- the patients evaluated for efficacy are the evaluable ------------------------------------------

def test_of_the_patients_evaluated_for_efficacy_gives_the_evaluable_count() -> None:
    doc = extract(parse(
        REGORAFENIB + "Results: Forty-four patients were enrolled. Of the 40 patients assessed for response, "
        "ten (25%) achieved an objective response.\n", "c13.txt"))
    assert doc.study.n_evaluable == 40
    assert [(c.endpoint, c.n) for c in doc.outcomes if c.endpoint == "ORR"] == [("ORR", 40)]
