"""Counts and rates whose endpoint is the verb's object: "x of y had a partial response", "n (p%) had
6-month non-progression", "had an objective response (all partial responses)". Every sentence is made
up for the test."""

from __future__ import annotations

from corpus import parse
from extractors.extract import extract
from extractors.records import OutcomeClaim

HEAD = "Sunitinib in bone sarcomas: a phase II trial\n\nResults\n\n"


def outcomes_of(text: str) -> list[OutcomeClaim]:
    return extract(parse(HEAD + text + "\n", "counts.txt")).outcomes


def rows(claims: list[OutcomeClaim]) -> set[tuple[str, str, str]]:
    return {(c.endpoint, c.value, c.timepoint) for c in claims}


def test_a_count_of_a_group_is_the_first_number_not_the_group_size() -> None:
    claims = outcomes_of("Among the chondrosarcoma patients, 3 of 11 had a partial response (27%).")
    assert ("PR_n", "3", "") in rows(claims)
    assert ("PR_n", "11", "") not in rows(claims)


def test_non_progression_at_a_timepoint_is_a_progression_free_rate() -> None:
    claims = outcomes_of("In osteosarcoma, 4 (15%) had an objective response, and 11 (41%) had 4-month "
                         "non-progression.")
    assert ("PFS_rate", "41", "4 months") in rows(claims)
    assert not [c for c in claims if c.endpoint == "ORR" and c.value == "41"]


def test_responses_all_partial_in_a_parenthesis_give_the_partial_response_count() -> None:
    claims = outcomes_of("In Ewing sarcoma, 7 (21%) had an objective response (all partial responses), and 12 "
                         "(36%) had stable disease.")
    assert {("ORR", "21", ""), ("PR_n", "7", ""), ("SD_n", "12", "")} <= rows(claims)


def test_a_count_and_share_of_a_subtype_in_the_enrolment_is_no_rate() -> None:
    claims = outcomes_of("At the final overall survival analysis, 210 patients had been enrolled, including 150 "
                         "(71%) with leiomyosarcoma and 60 (29%) with liposarcoma.")
    assert not [c for c in claims if c.value in {"71", "29"}]


def test_a_share_of_patients_still_alive_at_a_timepoint_is_a_survival_rate() -> None:
    claims = outcomes_of("PFS was 3.2 months, and 38% of patients remained alive at 12 months.")
    assert ("OS_rate", "38", "12 months") in rows(claims)
    assert not [c for c in claims if c.endpoint == "PFS_rate"]


def test_a_labelled_ci_with_a_comma_between_its_bounds_is_one_interval() -> None:
    claims = outcomes_of("The 6-month PFS rate was 47.5% (95% CI 31.2%, 62.0%).")
    assert [(c.value, c.ci_low, c.ci_high) for c in claims] == [("47.5", "31.2", "62.0")]


def test_ewing_tumour_names_ewing_sarcoma() -> None:
    text = ("Irinotecan in Ewing tumour metastatic at diagnosis: a phase II study\n\nResults\n\n"
            "The objective response rate was 22% (8/36).")
    assert [c.population for c in extract(parse(text + "\n", "counts.txt")).outcomes] == [("EWS",)]


def test_responses_listed_category_first_with_count_and_share() -> None:
    claims = outcomes_of("Responses were as follows: partial response 9 (21.4%), stable disease (confirmed) 15 "
                         "(35.7%), progressive disease 12 (28.6%).")
    assert {("PR_n", "9", ""), ("SD_n", "15", ""), ("PD_n", "12", "")} <= rows(claims)


def test_a_spread_printed_as_plus_minus_is_no_value() -> None:
    claims = outcomes_of("For all patients, the 2-year overall survival rate was 52% (+/- 6%).")
    assert rows(claims) == {("OS_rate", "52", "2 years")}


def test_disease_control_for_more_than_a_duration_carries_that_timepoint() -> None:
    claims = outcomes_of("The ORR was 12% (6/50). 30% of patients had disease control for more than 24 weeks.")
    assert ("DCR", "30", "24 weeks") in rows(claims)


def test_an_endpoint_that_was_not_reached_is_no_median() -> None:
    claims = outcomes_of("The OS endpoint was not reached. Median PFS was 6.1 months.")
    assert rows(claims) == {("PFS_median", "6.1", "")}
