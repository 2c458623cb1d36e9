"""Results that belong to no one regimen: a series in which only part of the patients had a drug
(devset README, regimen conventions). Every sentence and number is made up for the test."""

from __future__ import annotations

import pytest

from corpus import parse
from extractors.extract import extract
from extractors.treated_share import counted_groups_cover_cohort, given_to_part


def rows_of(text: str) -> dict[tuple[str, str], tuple[str, ...]]:
    """(endpoint, value) -> regimen for each outcome row."""
    return {(c.endpoint, c.value): c.regimen for c in extract(parse(text + "\n", "share.txt")).outcomes}


SERIES = "Outcomes of extremity myxofibrosarcoma: a retrospective analysis\n\n"


@pytest.mark.parametrize("given", [
    "Of the 90 patients, 25 received ifosfamide.",
    "We reviewed 90 patients, of whom 25 were treated with ifosfamide.",
    "We reviewed 90 patients; 28% of them received ifosfamide.",
    "We reviewed 90 patients. Thirty percent received ifosfamide.",
    "We reviewed 90 patients. Ifosfamide was given to 25 patients (28%).",
    "We reviewed 90 patients. Ifosfamide was used in 28% of cases.",
    "We reviewed 90 patients; 30 (33%) received radiotherapy and 12 (13%) received ifosfamide-based chemotherapy.",
])
def test_a_drug_given_to_part_of_the_series_is_no_regimen_of_its_results(given: str) -> None:
    rows = rows_of(SERIES + given + " The median overall survival was 41 months and the 5-year overall "
                   "survival rate was 46%.")
    assert rows[("OS_median", "41")] == ()
    assert rows[("OS_rate", "46")] == ()


def test_a_part_named_only_in_the_results_section_is_no_regimen_either() -> None:
    text = ("Outcomes of extremity myxofibrosarcoma: a retrospective analysis\n\nAbstract\n\n"
            "We reviewed 90 patients treated at one institution.\n\nResults\n\n"
            "Of the 90 patients, 25 received ifosfamide. The median overall survival was 41 months.")
    assert rows_of(text)[("OS_median", "41")] == ()


# -- precision: the cohort's own treatment stays ------------------------------------------------

def test_a_drug_nearly_every_patient_received_stays_the_regimen() -> None:
    rows = rows_of(SERIES + "We reviewed 90 patients; 84 (93%) received ifosfamide. The median overall "
                   "survival was 41 months.")
    assert rows[("OS_median", "41")] == ("ifosfamide",)


def test_a_single_arm_trial_split_by_dose_keeps_its_drug() -> None:
    text = ("Pazopanib in advanced leiomyosarcoma: a phase 2 trial\n\n"
            "Of the 44 patients enrolled, 14 received pazopanib at 400 mg and 30 at 800 mg. The objective "
            "response rate was 11%.")
    assert rows_of(text)[("ORR", "11")] == ("pazopanib",)


def test_a_part_that_underwent_surgery_does_not_hide_the_cohorts_drug() -> None:
    text = ("Trabectedin in retroperitoneal liposarcoma: a retrospective series\n\n"
            "Of the 52 patients, 20 underwent surgery. All patients received trabectedin. The median "
            "progression-free survival was 5.2 months.")
    assert rows_of(text)[("PFS_median", "5.2")] == ("trabectedin",)


def test_counted_groups_that_share_the_cohort_keep_their_class() -> None:
    rows = rows_of(SERIES + "We reviewed 90 patients; 55 (61%) received doxorubicin and 35 (39%) received "
                   "gemcitabine. The median overall survival was 41 months.")
    assert rows[("OS_median", "41")] == ("chemotherapy",)


def test_share_forms_directly() -> None:
    assert given_to_part("Of the 60 patients, 12 received X.", 0, names_treatment=True)
    assert not given_to_part("Of the 60 patients, 55 received X.", 0, names_treatment=True)
    assert not given_to_part("Of the 60 patients, 12 underwent surgery.", 0, names_treatment=False)
    assert given_to_part("Seventeen percent were treated with X.", 0, names_treatment=True)
    assert not given_to_part("Ninety percent were treated with X.", 0, names_treatment=True)
    assert counted_groups_cover_cohort("40 (50%) received X and 40 (50%) received Y")
    assert not counted_groups_cover_cohort("10 (12%) received X and 8 (10%) received Y")


def test_a_share_reads_the_subject_words_the_study_size_reads() -> None:
    assert given_to_part("Of the 70 adolescents, 20 received X.", 70, names_treatment=True)
    assert given_to_part("X was given to 20 adolescents (29%).", 70, names_treatment=True)
    assert not given_to_part("Of the 70 adolescents, 66 received X.", 70, names_treatment=True)


def test_groups_counted_without_a_share_add_none_to_the_shares() -> None:
    assert not counted_groups_cover_cohort("36 received X, 9 (11%) received Y and 7 ( 9% ) were given Z")
    assert counted_groups_cover_cohort("36 received X and 25 were given Y")


# -- a treatment given to some patients after the study's own ------------------------------------

RANDOMISED = ("Pazopanib versus gemcitabine in pretreated leiomyosarcoma: a randomised phase 3 trial\n\n"
              "Patients were randomly assigned to pazopanib or gemcitabine. ")


@pytest.mark.parametrize("later", [
    "After progression, 45% of patients received trabectedin.",
    "Forty patients received subsequent trabectedin.",
    "Post-progression therapy with trabectedin was given to 40 patients.",
])
def test_a_later_treatment_of_some_patients_is_not_the_trial_level_regimen(later: str) -> None:
    rows = rows_of(RANDOMISED + later + " Median overall survival in the intention-to-treat population was "
                   "13.1 months.")
    assert rows[("OS_median", "13.1")] == ()


def test_a_group_given_its_own_drug_keeps_it_for_the_next_sentence() -> None:
    text = ("Second-line therapy in advanced leiomyosarcoma: a retrospective series\n\n"
            "We reviewed 120 patients. Thirty-two patients received trabectedin. Four had a partial response "
            "and the median progression-free survival was 3.9 months.")
    assert rows_of(text)[("PFS_median", "3.9")] == ("trabectedin",)


# -- a group that went without the treatment ------------------------------------------------------

SARCOMA_SERIES = "Outcomes of advanced epithelioid sarcoma: a retrospective series\n\nWe reviewed 70 patients. "


@pytest.mark.parametrize(("sentence", "value"), [
    ("Median overall survival was 16 months for patients treated with tazemetostat and 7 months for those who "
     "did not receive tazemetostat.", "7"),
    ("Among patients who did not receive chemotherapy, median overall survival was 7 months.", "7"),
    ("Median overall survival was 7 months in patients not treated with chemotherapy.", "7"),
    ("Median overall survival was 7 months without chemotherapy and 16 months with chemotherapy.", "7"),
    ("Median overall survival was 16 months with chemotherapy versus 7 months with best supportive care alone.",
     "7"),
])
def test_a_group_that_went_without_the_treatment_has_no_regimen(sentence: str, value: str) -> None:
    rows = rows_of(SARCOMA_SERIES + sentence)
    assert rows[("OS_median", value)] == ()


def test_the_treated_group_of_such_a_comparison_keeps_its_drug() -> None:
    rows = rows_of(SARCOMA_SERIES + "Median overall survival was 16 months for patients treated with tazemetostat "
                   "and 7 months for those who did not receive tazemetostat.")
    assert rows[("OS_median", "16")] == ("tazemetostat",)


def test_with_or_without_still_names_two_arms() -> None:
    text = ("A randomized trial of doxorubicin with or without olaratumab in advanced sarcoma\n\n"
            "Patients were randomly assigned to doxorubicin plus olaratumab or doxorubicin alone. Median overall "
            "survival was 20.4 months with the combination and 19.7 months with doxorubicin alone.")
    rows = rows_of(text)
    assert rows[("OS_median", "20.4")] == ("doxorubicin", "olaratumab")
    assert rows[("OS_median", "19.7")] == ("doxorubicin",)


@pytest.mark.parametrize("given", [
    "Of the 45 patients enrolled, 30 received cabozantinib and were evaluable.",
    "Forty patients received cabozantinib; 25% of them had received prior pazopanib.",
])
def test_a_trial_keeps_its_own_drug_whatever_share_of_its_enrolment_was_treated(given: str) -> None:
    rows = rows_of("Phase 2 trial in advanced osteosarcoma\n\n" + given + " The objective response rate was 12%.")
    assert rows[("ORR", "12")] == ("cabozantinib",)


def test_patients_new_to_the_drug_are_not_a_group_without_it() -> None:
    text = ("Cabozantinib in advanced osteosarcoma: a phase 2 trial\n\nForty patients received cabozantinib. The "
            "objective response rate was 14% in patients who had not received a tyrosine kinase inhibitor before "
            "and 9% in those who had never received cabozantinib.")
    rows = rows_of(text)
    assert rows[("ORR", "9")] == ("cabozantinib",)


# -- cited statements about the disease name no therapy ------------------------------------------

REFS = "\n\nReferences\n1. A B. One. J Clin Oncol. 2001.\n2. C D. Two. Ann Oncol. 2004.\n3. E F. Three. Lancet. 2009."


@pytest.mark.parametrize("statement", [
    "Historically, the median overall survival of patients with relapsed disease is about 8 months [3].",
    "Survival of patients with metastatic disease is poor: median overall survival is 8 months [3].",
])
def test_a_cited_fact_of_the_disease_after_a_treatment_sentence_has_no_regimen(statement: str) -> None:
    text = ("Cabozantinib in relapsed Ewing sarcoma: a phase 2 trial\n\nDiscussion\n\nSalvage regimens of "
            "irinotecan and temozolomide give responses in a minority of patients. " + statement + REFS)
    rows = rows_of(text)
    assert rows[("OS_median", "8")] == ()


def test_a_cited_result_after_the_sentence_naming_its_treatment_keeps_it() -> None:
    text = ("Cabozantinib in relapsed Ewing sarcoma: a phase 2 trial\n\nDiscussion\n\nIrinotecan plus "
            "temozolomide was studied in a phase 2 trial. The objective response rate was 22% [3]." + REFS)
    assert rows_of(text)[("ORR", "22")] == ("irinotecan", "temozolomide")


# -- a series titled as a question about a kind of treatment ------------------------------------

@pytest.mark.parametrize("title", [
    "Impact of adjuvant chemotherapy on survival in uterine leiomyosarcoma: a retrospective study",
    "Role of perioperative chemotherapy in localized extremity sarcoma: a registry analysis",
])
def test_a_series_asking_about_a_treatment_has_no_whole_cohort_regimen(title: str) -> None:
    rows = rows_of(title + "\n\nWe reviewed 140 patients. The 5-year overall survival of the whole cohort was 57%. "
                   "Median overall survival was 71 months with adjuvant chemotherapy.")
    assert rows[("OS_rate", "57")] == ()
    assert rows[("OS_median", "71")] == ("chemotherapy",)


def test_a_trial_titled_with_the_role_of_its_drug_keeps_it() -> None:
    text = ("Role of adjuvant chemotherapy in high-risk sarcoma: a phase 3 trial of epirubicin\n\n"
            "All 200 patients received epirubicin. The 5-year overall survival was 66%.")
    assert rows_of(text)[("OS_rate", "66")] != ()


@pytest.mark.parametrize("sentence", [
    "Median overall survival was 15 and 6 months for patients who received gemcitabine and those who did not, "
    "respectively.",
    "Median overall survival was 15 months in patients who received gemcitabine versus 6 months in those who did "
    "not (P = 0.02).",
    "Patients treated with gemcitabine had longer overall survival than untreated patients (median 15 vs 6 "
    "months).",
])
def test_a_group_that_did_not_receive_the_drug_just_named_has_no_regimen(sentence: str) -> None:
    rows = rows_of(SARCOMA_SERIES + sentence)
    assert rows[("OS_median", "15")] == ("gemcitabine",)
    assert rows[("OS_median", "6")] == ()
