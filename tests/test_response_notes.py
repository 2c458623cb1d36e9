"""A note on the category of all responders ("(28%, all partial responses)") leaves the response rate
before it a rate; a category's own share stays no rate. Sentences and numbers are made up."""

from __future__ import annotations

import pytest

from corpus import parse
from extractors.extract import extract


def rows_of(text: str) -> set[tuple[str, str]]:
    return {(c.endpoint, c.value) for c in extract(parse("Drug trial\n\n" + text + "\n", "note.txt")).outcomes}


@pytest.mark.parametrize("sentence", [
    "Objective responses were observed in 9 patients (23%, all partial responses).",
    "Objective responses were seen in 9 patients (23%), all of them partial responses, and 12 had stable disease.",
    "Objective responses occurred in 9 patients (23%; all were partial responses).",
])
def test_a_note_that_all_responses_were_partial_keeps_the_rate(sentence: str) -> None:
    assert ("ORR", "23") in rows_of(sentence)


def test_a_category_share_is_still_no_rate() -> None:
    rows = rows_of("Objective responses were seen in 31%, with complete responses in 6%.")
    assert ("ORR", "31") in rows
    assert ("ORR", "6") not in rows


def test_a_count_of_partial_responders_stays_a_count() -> None:
    assert ("PR_n", "5") in rows_of("Five patients (14%) had a partial response.")


def test_a_rate_inside_a_noted_parenthesis_binds_the_arm_after_it() -> None:
    text = ("Doxorubicin with or without trabectedin in leiomyosarcoma: a randomised trial\n\n"
            "Patients were randomly assigned to doxorubicin plus trabectedin or doxorubicin alone. Objective "
            "responses were observed in 30 patients (40%) in the combination group and in 9 patients (12%, all "
            "partial responses) in the control group.")
    rows = {(c.endpoint, c.value): c.regimen for c in extract(parse(text + "\n", "arms.txt")).outcomes}
    assert rows[("ORR", "40")] == ("doxorubicin", "trabectedin")
    assert rows[("ORR", "12")] == ("doxorubicin",)


@pytest.mark.parametrize("sentence", [
    "At the cutoff, 9 (25%) of 36 patients were free of progression at 6 months.",
    "At the cutoff, 9 (25%, 95% CI 12%-42%) of 36 patients were free of progression at 6 months.",
])
def test_a_counted_share_of_the_total_keeps_its_timepoint(sentence: str) -> None:
    claims = extract(parse("Drug trial\n\n" + sentence + "\n", "tp.txt")).outcomes
    assert [(c.endpoint, c.value, c.timepoint) for c in claims] == [("PFS_rate", "25", "6 months")]


def test_a_follow_up_with_its_quartiles_before_the_unit_is_read() -> None:
    claims = extract(parse("Drug trial\n\nWith a median follow-up of 41.2 (Q1, Q3: 22.0, 57.5) weeks, the "
                           "objective response rate was 18%.\n", "fu.txt")).outcomes
    assert ("followup_median", "41.2") in {(c.endpoint, c.value) for c in claims}


@pytest.mark.parametrize(("sentence", "row"), [
    ("Eleven patients (28%; 7 with leiomyosarcoma, 4 with liposarcoma) had stable disease.", ("SD_n", "11")),
    ("Of the 40 evaluable patients, five (three with synovial sarcoma and two with myxoid liposarcoma; 13%) had "
     "a partial response.", ("PR_n", "5")),
])
def test_a_count_whose_parenthesis_breaks_it_down_is_the_count_outside(sentence: str, row: tuple[str, str]) -> None:
    rows = rows_of(sentence)
    assert row in rows
    assert not any(endpoint == row[0] and value != row[1] for endpoint, value in rows)


def test_counts_of_a_group_in_parentheses_stay_read() -> None:
    rows = rows_of("Partial responses were seen in 3 of 12 patients (25%) with leiomyosarcoma.")
    assert ("PR_n", "3") in rows or ("ORR", "25") in rows


def test_all_of_a_group_responding_is_a_rate_of_the_enumeration() -> None:
    rows = rows_of("Twelve patients responded (60%; 95% CI, 36% to 81%): seven of 13 patients with disease A "
                   "(54%) and all five patients with disease B (100%; 95% CI, 48% to 100%).")
    assert {("ORR", "60"), ("ORR", "54"), ("ORR", "100")} <= rows


def test_all_of_a_group_with_a_baseline_trait_is_no_rate() -> None:
    assert not rows_of("All 24 patients (100%) had an ECOG performance status of 0 or 1.")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("In the small trial, 62% of participants' tumors shrank or disappeared entirely.", {("ORR", "62")}),
    ("Tumors shrank by 30% in most patients.", set()),
])
def test_lay_words_for_a_response_name_the_rate_of_patients_only(sentence: str, expected: set) -> None:
    assert rows_of(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The objective response rate across all dose levels was 22%.", {("ORR", "22")}),
    ("Median overall survival was not reached for patients treated at any of the doses tested and was 11.4 "
     "months for the external control cohort.", {("OS_median", "NR"), ("OS_median", "11.4")}),
    ("The objective response rate was 12% and the median relative dose intensity was 87%.", {("ORR", "12")}),
])
def test_a_group_named_by_its_doses_is_no_dosing_clause(sentence: str, expected: set) -> None:
    assert rows_of(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Progression-free survival ranged from 2 to 17 (median; 7) months.",
    "Progression-free survival ranged from 2 to 17 months (median, 7 months).",
    "Progression-free survival varied from 2 to 17 months, with a median of 7 months.",
])
def test_a_range_of_single_values_with_its_median_is_the_median_only(sentence: str) -> None:
    assert rows_of(sentence) == {("PFS_median", "7")}


def test_a_range_of_rates_across_studies_stays_a_range() -> None:
    assert rows_of("Response rates ranged from 15% to 35% across the trials.") == {("ORR", "15 to 35")}


def test_a_median_printed_with_overall_after_its_unit_is_read() -> None:
    rows = rows_of("Median overall survival was 12 months overall and 16 months in patients with uterine disease.")
    assert ("OS_median", "12") in rows and ("OS_median", "16") in rows
    assert ("OS_rate", "85") in rows_of("Twelve months overall survival was 85%.")
