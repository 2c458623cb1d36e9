"""Misreadings found by running the product on unseen real texts (helper check15), fixed as general
rules. Every sentence and number below is made up for the test; none is taken from a paper."""

from __future__ import annotations

from corpus import parse
from extractors.extract import extract
from extractors.patient_groups import trait_groups

SINGLE_ARM = ("Eribulin for sarcoma of soft tissue: a retrospective review\n\n"
              "Results: Our review covered 64 patients with soft tissue sarcoma who were given eribulin. ")


def outcomes_of(text: str) -> list:
    return extract(parse(text + "\n", "c15.txt")).outcomes


# -- groups defined by a trait, compared inside the study --------------------------------------------

def test_each_trait_group_named_before_its_number_becomes_the_numbers_subgroup() -> None:
    rows = {(c.endpoint, c.value): c.subgroup for c in outcomes_of(
        SINGLE_ARM + "Median overall survival was clearly shorter in the bone metastasis group (9.4 months) "
        "than in the non-bone metastasis group (20.2 months, P = 0.01).")}
    assert rows.get(("OS_median", "9.4")) == "bone metastasis"
    assert rows.get(("OS_median", "20.2")) == "non-bone metastasis"


def test_a_rate_followed_by_its_trait_group_of_patients_carries_that_group() -> None:
    rows = {(c.endpoint, c.value): c.subgroup for c in outcomes_of(
        SINGLE_ARM + "The 3-year OS rate reached 48% for resected patients vs 17% for unresected patients.")}
    assert rows.get(("OS_rate", "48")) == "resected"
    assert rows.get(("OS_rate", "17")) == "unresected"


def test_a_hazard_ratio_between_trait_groups_is_no_result_of_the_whole_study() -> None:
    claims = outcomes_of(
        SINGLE_ARM + "The median PFS was 4.4 months. Patients with a normal albumin level had longer PFS "
        "(HR, 0.52; 95% CI, 0.30 to 0.88; p = 0.01) and OS (HR, 0.47; 95% CI, 0.25 to 0.91; p = 0.02).")
    assert ("PFS_median", "4.4") in {(c.endpoint, c.value) for c in claims}
    assert not [c for c in claims if c.endpoint.startswith("HR_")]


def test_a_comparison_opened_by_compared_to_makes_the_second_group_its_subject() -> None:
    claims = outcomes_of(
        SINGLE_ARM + "The median PFS was 4.4 months. Compared to the low-risk group, the high-risk group had "
        "shorter median PFS (2.3 months vs. 6.8 months [HR, 2.40; 95% CI, 1.20 to 4.80; p=0.01]).")
    rows = {(c.endpoint, c.value): c.subgroup for c in claims}
    assert rows.get(("PFS_median", "4.4")) == ""
    assert rows.get(("PFS_median", "2.3")) == "high-risk" and rows.get(("PFS_median", "6.8")) == "low-risk"
    assert "2.40" not in {c.value for c in claims}  # the groups' ratio is no result of the treatment


def test_a_pair_whose_subject_is_no_trait_group_is_left_out() -> None:
    values = {c.value for c in outcomes_of(
        SINGLE_ARM + "The median PFS was 4.4 months. Patients still responding after 4 cycles who kept on "
        "therapy showed better PFS (median 6.1 vs 12.2 months; p = 0.003) than patients who halted after "
        "4 cycles.")}
    assert "4.4" in values and not values & {"6.1", "12.2"}


def test_arms_compared_by_treatment_are_not_trait_groups() -> None:
    assert trait_groups("Median PFS was longer in the treated group (6.0 months) than in the placebo group "
                        "(2.1 months).", []) is None
    assert trait_groups("Patients treated with drug A had longer PFS than those given drug B (5.1 vs 2.0 "
                        "months).", []) is None
    assert trait_groups("Responses reached 30% among 40 patients, with a median PFS of 5.2 months.", []) is None


def test_an_arm_comparison_keeps_its_numbers() -> None:
    rows = {(c.endpoint, c.value): c.subgroup for c in outcomes_of(
        "Pazopanib versus placebo in sarcoma: a randomised phase 3 trial\n\nResults: Median PFS was 4.9 months "
        "in the pazopanib group versus 1.7 months for the placebo group.")}
    assert rows.get(("PFS_median", "4.9")) == "" and rows.get(("PFS_median", "1.7")) == ""


def test_a_pair_after_trait_groups_goes_to_the_subject_first_then_the_other_group() -> None:
    rows = {(c.endpoint, c.value): c.subgroup for c in outcomes_of(
        SINGLE_ARM + "Patients with lung-only disease showed longer PFS than those with liver involvement "
        "(8.8 vs 3.1 months; p = 0.02).")}
    assert rows.get(("PFS_median", "8.8")) == "lung-only disease"
    assert rows.get(("PFS_median", "3.1")) == "liver involvement"


def test_a_pair_after_one_trait_group_gives_its_second_number_to_the_rest() -> None:
    rows = {(c.endpoint, c.value): c.subgroup for c in outcomes_of(
        SINGLE_ARM + "Patients with pleural effusion showed a shorter PFS (2.9 vs 11.4 months; P = 0.004).")}
    assert rows.get(("PFS_median", "2.9")) == "pleural effusion"
    assert rows.get(("PFS_median", "11.4")) == "no pleural effusion"


# -- adverse events: counts that are no deaths and no counts ----------------------------------------

def adverse_events_of(text: str) -> list:
    return extract(parse(text + "\n", "c15.txt")).adverse_events


def test_treatment_related_cases_of_an_event_are_no_deaths() -> None:
    events = adverse_events_of(SINGLE_ARM + "Three treatment-related cases of colitis were observed.")
    assert not [e for e in events if e.grade == "5"]


def test_a_fatal_event_or_a_treatment_related_death_is_still_grade_5_and_its_verb_no_part_of_it() -> None:
    events = {(e.term, e.grade, e.n) for e in adverse_events_of(
        SINGLE_ARM + "Two treatment-related deaths from sepsis occurred. One fatal event due to bleeding was "
        "reported.")}
    assert ("sepsis", "5", 2) in events and ("bleeding", "5", 1) in events


def test_at_least_one_adverse_event_is_the_events_definition_not_a_count_of_patients() -> None:
    events = adverse_events_of(SINGLE_ARM + "Each participant had at least 1 adverse event; serious adverse "
                                            "events were seen in 12.")
    assert not [e for e in events if e.n == 1]


# -- a count of studies is no count of patients -----------------------------------------------------

def test_a_count_of_trials_before_the_pooled_patients_is_no_enrolment() -> None:
    result = extract(parse("Adjuvant chemotherapy in sarcoma: a network meta-analysis\n\nResults: The search "
                           "identified 19 trials including 2810 patients. Chemotherapy improved OS (HR = 0.84; "
                           "95% CI 0.73-0.96).\n", "c15.txt"))
    assert result.study.n_enrolled != 19
    assert all(c.n != 19 for c in result.outcomes)


def test_a_bound_written_less_than_sets_no_groups_against_each_other() -> None:
    values = {c.value for c in outcomes_of(
        SINGLE_ARM + "Responses lasted a median of 7.7 months; 45% of patients with lung metastases kept a "
        "response for 6 months or more (20% of patients with a continuing response were seen for less than "
        "6 months).")}
    assert "7.7" in values


# -- "for X a, for Y b": each regimen before its own value -------------------------------------------

def test_a_regimen_followed_by_its_own_value_does_not_take_the_value_before_it() -> None:
    rows = {c.value: c.regimen for c in outcomes_of(
        "Kinase inhibitors in advanced GIST: a registry study\n\nResults: Median overall survival with "
        "imatinib was 58 months (95% CI: 50.2-65.8), for sunitinib 19 months (95% CI: 14.0-24.0), and for "
        "regorafenib 11 months (95% CI: 8.5-13.5).")}
    assert rows.get("58") == ("imatinib",)
    assert rows.get("19") == ("sunitinib",) and rows.get("11") == ("regorafenib",)


# -- a confidence interval whose bounds a semicolon separates ---------------------------------------

def test_ci_bounds_separated_by_a_semicolon_are_the_interval_not_more_medians() -> None:
    rows = {(c.endpoint, c.value): (c.ci_low, c.ci_high) for c in outcomes_of(
        SINGLE_ARM + "Median PFS came to 8.3 months (95 % CI = 3.1; 12.9 months) and median OS to 20.4 months "
        "(95 % CI = 11.0 months; not reached).")}
    assert rows.get(("PFS_median", "8.3")) == ("3.1", "12.9")
    assert rows.get(("OS_median", "20.4")) == ("11.0", "NR")
    assert ("PFS_median", "12.9") not in rows and ("OS_median", "11.0") not in rows
