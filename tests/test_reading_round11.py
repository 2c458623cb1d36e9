"""Result statements read in the eleventh reading pass (tenth pass of docs/reading-notes.md). Every
sentence and number is made up for the test; none is taken from a paper."""

from __future__ import annotations

from corpus import parse
from extractors.extract import extract

TITLE = "Oral agent K in advanced desmoid tumour: a phase 2 trial\n\n"


def rows_of(text: str) -> dict[tuple[str, str], tuple[str, ...]]:
    """(endpoint, value) -> regimen for each outcome row."""
    return {(c.endpoint, c.value): c.regimen for c in extract(parse(TITLE + text + "\n", "r11.txt")).outcomes}


# -- a share of patients with a partial response, when no other category is reported ------------

def test_a_share_with_a_partial_response_alone_is_the_response_rate() -> None:
    rows = rows_of("We enrolled 40 patients treated with pazopanib. "
                   "Nine patients (22.5%, 95% CI 11-38) achieved a partial response, at a median of 4 months.")
    assert ("ORR", "22.5") in rows
    assert ("PR_n", "9") in rows


def test_a_share_printed_after_the_count_word_is_the_response_rate() -> None:
    rows = rows_of("We enrolled 40 patients treated with pazopanib. Nine (22.5%) patients had a partial response.")
    assert ("ORR", "22.5") in rows


def test_a_share_after_a_breakdown_of_the_responders_is_the_response_rate() -> None:
    rows = rows_of("We enrolled 40 patients treated with pazopanib. "
                   "Six (three with X and three with Y; 15%) had a partial response.")
    assert ("ORR", "15") in rows


def test_a_partial_response_share_beside_stable_disease_stays_a_category_count() -> None:
    rows = rows_of("We enrolled 40 patients treated with pazopanib. "
                   "Nine patients (22.5%) had a partial response and 20 (50%) had stable disease.")
    assert ("ORR", "22.5") not in rows
    assert ("PR_n", "9") in rows and ("SD_n", "20") in rows


def test_a_partial_response_share_beside_complete_responses_is_no_response_rate() -> None:
    rows = rows_of("We enrolled 40 patients treated with pazopanib. Two patients had a complete response, "
                   "and nine patients (22.5%) achieved a partial response.")
    assert ("ORR", "22.5") not in rows


def test_responses_noted_as_all_partial_give_the_response_rate() -> None:
    rows = rows_of("We enrolled 40 patients treated with pazopanib. Responses (all partial) were seen in 11 "
                   "pazopanib-treated patients (27.5%); a further 21 (52.5%) had stable disease.")
    assert ("ORR", "27.5") in rows
    assert ("ORR", "52.5") not in rows


def test_subtypes_inside_the_responders_breakdown_do_not_narrow_the_rate() -> None:
    text = ("Agent K in vascular sarcomas: a phase 2 trial\n\nWe enrolled 24 patients with angiosarcoma or "
            "epithelioid hemangioendothelioma. Of the 24 patients, five (three angiosarcoma and two epithelioid "
            "hemangioendothelioma; 21%) had a partial response.\n")
    rows = [(c.endpoint, c.value, c.population) for c in extract(parse(text, "r11.txt")).outcomes]
    assert ("ORR", "21", ("AS", "EHE")) in rows


# -- a class named with some of its regimens -----------------------------------------------------

SERIES = "Chemotherapy for metastatic leiomyosarcoma in routine care: a retrospective series\n\n"


def test_chemotherapy_regimens_listed_as_examples_are_the_class() -> None:
    text = (SERIES + "Eighty patients were given chemotherapy regimens, including doxorubicin plus "
            "ifosfamide, gemcitabine plus docetaxel, and dacarbazine alone. Median overall survival for the "
            "whole cohort was 21.5 months.\n")
    rows = {(c.endpoint, c.value): c.regimen for c in extract(parse(text, "r11.txt")).outcomes}
    assert rows[("OS_median", "21.5")] == ("chemotherapy",)


def test_chemotherapy_with_its_drugs_stays_the_combination() -> None:
    text = (SERIES + "Eighty patients received chemotherapy with doxorubicin and ifosfamide. The median overall "
            "survival was 21.5 months.\n")
    rows = {(c.endpoint, c.value): c.regimen for c in extract(parse(text, "r11.txt")).outcomes}
    assert rows[("OS_median", "21.5")] == ("doxorubicin", "ifosfamide")


# -- a progression-free share named by "did not have disease progression" ------------------------

CHORDOMA = "Sorafenib or vinorelbine for recurrent chordoma: a randomised phase 2 study\n\n"
ARMS = CHORDOMA + ("Ninety-three adults were randomly assigned 2:1 to sorafenib (n = 62) or to weekly vinorelbine "
                   "(n = 31). ")


def test_a_share_without_disease_progression_at_a_time_is_a_progression_free_rate() -> None:
    text = ARMS + ("By the 6-month scan, 71.0% of the patients on sorafenib did not have disease progression at "
                   "6 months. Among those given vinorelbine, 38.7% did not have disease progression at 6 months.\n")
    rows = {(c.endpoint, c.timepoint, c.value): c.regimen for c in extract(parse(text, "r11.txt")).outcomes}
    assert rows[("PFS_rate", "6 months", "71.0")] == ("sorafenib",)
    assert rows[("PFS_rate", "6 months", "38.7")] == ("vinorelbine",)


def test_patients_without_progression_counted_before_another_result_give_no_rate() -> None:
    text = ARMS + "Of 24 patients free of disease progression at 3 months, 6 (25%) went on to respond.\n"
    rows = [(c.endpoint, c.value) for c in extract(parse(text, "r11.txt")).outcomes]
    assert ("PFS_rate", "25") not in rows


def test_responses_noted_as_all_partial_keep_the_arm_they_name() -> None:
    text = ARMS + ("With sorafenib, responses (all partial) were seen in 15 patients given sorafenib (24.2%). "
                   "With vinorelbine, responses (all partial) were seen in 3 patients given vinorelbine (9.7%).\n")
    rows = {(c.endpoint, c.value): c.regimen for c in extract(parse(text, "r11.txt")).outcomes}
    assert rows[("ORR", "24.2")] == ("sorafenib",)
    assert rows[("ORR", "9.7")] == ("vinorelbine",)


# -- arms whose size parenthesis carries a note -------------------------------------------------

def test_a_note_after_an_arm_size_does_not_merge_the_arms() -> None:
    text = (CHORDOMA + "Ninety-three adults were randomly assigned 2:1 to receive oral sorafenib twice daily "
            "(n = 62; 59 evaluable) or vinorelbine on days 1 and 8 of each cycle (n = 31; 28 evaluable). By the "
            "6-month scan, 71.0% of the patients on sorafenib did not have disease progression at 6 months. "
            "Median follow-up was 27.4 months.\n")
    rows = {(c.endpoint, c.value): c.regimen for c in extract(parse(text, "r11.txt")).outcomes}
    assert rows[("PFS_rate", "71.0")] == ("sorafenib",)
    assert rows[("followup_median", "27.4")] == ()


def test_arms_after_a_ratio_and_an_enrolment_period_are_read() -> None:
    text = (CHORDOMA + "Ninety-three adults were randomly assigned 2:1 between March 2016 and April 2020 to "
            "receive sorafenib (n = 62) or vinorelbine (n = 31). Among those given vinorelbine, 38.7% did not "
            "have disease progression at 6 months.\n")
    rows = {(c.endpoint, c.value): c.regimen for c in extract(parse(text, "r11.txt")).outcomes}
    assert rows[("PFS_rate", "38.7")] == ("vinorelbine",)


def test_all_partial_responses_counted_without_the_word_patients_give_the_rate() -> None:
    rows = rows_of("We enrolled 48 patients treated with pazopanib. Among all 48 patients, objective responses "
                   "(all partial) were observed in 14 (29%, 95% CI 17%-44%).")
    assert ("ORR", "29") in rows


def test_all_partial_responses_over_a_time_window_give_no_rate() -> None:
    rows = rows_of("We enrolled 48 patients treated with pazopanib. Responses (all partial) were seen in the "
                   "first 16 weeks (25%).")
    assert ("ORR", "25") not in rows


# -- a run of timepoints opened by one arm --------------------------------------------------------

def test_one_arm_named_before_a_run_of_timepoints_is_every_rate_of_it() -> None:
    text = ("Sorafenib versus placebo in recurrent chordoma: a randomised phase 2 study\n\n"
            "Ninety-three adults were randomly assigned 2:1 to sorafenib (n = 62) or placebo (n = 31). "
            "The 3- and 9-month PFS rates with sorafenib were 66.1% and 30.6%, respectively.\n")
    rows = {(c.endpoint, c.value): c.regimen for c in extract(parse(text, "r11.txt")).outcomes}
    assert rows[("PFS_rate", "66.1")] == ("sorafenib",)
    assert rows[("PFS_rate", "30.6")] == ("sorafenib",)


# -- a series about multimodal treatment ---------------------------------------------------------

def test_a_series_on_multimodal_treatment_gives_its_whole_cohort_no_regimen() -> None:
    text = ("Results of multimodal treatment for Ewing sarcoma of the pelvis\n\n"
            "We reviewed 50 patients given multimodal therapy including induction chemotherapy, surgical "
            "resection, and radiotherapy. The 3-year overall survival was 51%.\n")
    rows = {(c.endpoint, c.value): c.regimen for c in extract(parse(text, "r11.txt")).outcomes}
    assert rows[("OS_rate", "51")] == ()


def test_multimodal_treatment_with_a_named_drug_keeps_the_drug() -> None:
    text = ("Multimodality treatment with ifosfamide in Ewing sarcoma of the pelvis\n\n"
            "We reviewed 50 patients given ifosfamide, surgical resection, and radiotherapy. "
            "The 3-year overall survival was 51%.\n")
    rows = {(c.endpoint, c.value): c.regimen for c in extract(parse(text, "r11.txt")).outcomes}
    assert rows[("OS_rate", "51")] == ("ifosfamide",)


# -- a design clause after the result ------------------------------------------------------------

def test_a_result_before_a_design_clause_is_kept() -> None:
    rows = rows_of("We enrolled 48 patients treated with pazopanib. Objective responses were observed in 14 of the "
                   "48 patients (29%, 95% CI 17%-44%); the interval excludes the 10% of the null hypothesis, "
                   "so the study is positive.")
    assert ("ORR", "29") in rows
    assert ("ORR", "10") not in rows


def test_a_sentence_opening_on_its_design_keeps_no_rate() -> None:
    rows = rows_of("We enrolled 48 patients treated with pazopanib. Assuming a response rate of 10% under the null "
                   "hypothesis; the trial had 80% power to detect a rate of 30%.")
    assert not any(endpoint == "ORR" for endpoint, _ in rows)
