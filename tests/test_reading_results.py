"""Result forms of real abstracts, read whole: sizes printed with a value, and the forms listed in
docs (issue 13). Every sentence is made up for the test."""

from __future__ import annotations

import pytest

from corpus import parse
from extractors.extract import extract
from extractors.measurements import scan_quantities
from extractors.records import OutcomeClaim
from extractors.regimens import earlier_treatments

SINGLE_ARM = ("Eribulin in advanced soft tissue sarcoma: a single-arm phase II trial\n\nResults\n\n"
              "Sixty patients were enrolled. ")


def outcomes_of(body: str, head: str = SINGLE_ARM) -> list[OutcomeClaim]:
    return extract(parse(head + body + "\n", "forms.txt")).outcomes


def rows(claims: list[OutcomeClaim]) -> set[tuple[str, str, int | None]]:
    return {(c.endpoint, c.value, c.n) for c in claims}


# -- a group size printed with a value --------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("A median OS of 14 (n = 30) months was seen in responders.", [("14", "months", 30)]),
    ("Median PFS 5.1 months (n=22).", [("5.1", "months", 22)]),
    ("Median PFS was 4.2 months (95% CI 3.1-6.0; N = 41).", [("4.2", "months", 41)]),
    ("Median OS was 11.2 months (38 patients).", [("11.2", "months", 38)]),
    ("The ORR was 25% (n = 10).", [("25", "%", None)]),  # a percent's n may count its responders
])
def test_a_size_in_the_parenthesis_of_a_time_is_its_n(text: str, expected: list[tuple[str, str, int]]) -> None:
    assert [(q.value, q.unit, q.n) for q in scan_quantities(text)] == expected


def test_each_median_keeps_its_own_size() -> None:
    claims = outcomes_of("Median PFS was 5.1 months (n = 22) in leiomyosarcoma and 3.0 months (n = 14) in "
                         "liposarcoma.")
    assert {(c.population, c.value, c.n) for c in claims} == {(("LMS",), "5.1", 22), (("LPS",), "3.0", 14)}


def test_a_size_between_a_value_and_its_unit_leaves_the_unit_to_the_value() -> None:
    claims = outcomes_of("The median OS of 14 (n = 30) months was observed in responders.")
    assert rows(claims) == {("OS_median", "14", 30)}
    assert [c.unit for c in claims] == ["months"]


# -- per-subtype enumerations -----------------------------------------------------------------------

MIXED = ("Eribulin in advanced soft tissue sarcoma: a single-arm phase II trial\n\nResults\n\n"
         "Sixty patients with leiomyosarcoma, liposarcoma or UPS were enrolled. ")


def by_population(claims: list[OutcomeClaim]) -> set[tuple[str, tuple[str, ...], str, str]]:
    return {(c.endpoint, c.population, c.value, c.timepoint) for c in claims}


def test_groups_listed_after_the_numbers_take_them_in_order() -> None:
    claims = outcomes_of("Median PFS was 6.3 and 2.8 months in LMS and LPS, respectively.", MIXED)
    assert by_population(claims) == {("PFS_median", ("LMS",), "6.3", ""), ("PFS_median", ("LPS",), "2.8", "")}


def test_groups_listed_after_numbers_with_their_sizes() -> None:
    claims = outcomes_of("Median OS was 16.0 months (n = 31) and 12.4 months (n = 19) in leiomyosarcoma and "
                         "liposarcoma, respectively.", MIXED)
    assert {(c.population, c.value, c.n) for c in claims} == {(("LMS",), "16.0", 31), (("LPS",), "12.4", 19)}


@pytest.mark.parametrize("sentence, endpoint, timepoint", [
    ("Median OS: LMS 17.5 mos; LPS 10.1 mos; UPS 8.0 mos.", "OS_median", ""),
    ("The 6-month PFS rate was 61% for LMS; 38% for LPS; 22% for the UPS cohort.", "PFS_rate", "6 months"),
])
def test_a_clause_of_a_group_and_a_number_goes_on_with_the_endpoint_before(sentence: str, endpoint: str,
                                                                         timepoint: str) -> None:
    claims = outcomes_of(sentence, MIXED)
    assert {(c.endpoint, c.population, c.timepoint) for c in claims} == {
        (endpoint, (code,), timepoint) for code in ("LMS", "LPS", "UPS")}


def test_a_clause_that_says_more_than_a_group_and_a_number_is_no_ellipsis() -> None:
    claims = outcomes_of("Median OS was 17.5 months in LMS; tumour shrinkage of 30% was seen in LPS.", MIXED)
    assert by_population(claims) == {("OS_median", ("LMS",), "17.5", "")}


# -- rates at timepoints; numbers that label ------------------------------------------------------------

def test_single_timepoints_listed_before_a_respectively_run_pair_in_order() -> None:
    claims = outcomes_of("The 3-month and 6-month PFS rates were 55% (95% CI 45-64%) and 33% (95% CI 24-42%), "
                         "respectively.")
    assert {(c.value, c.timepoint, c.ci_low) for c in claims} == {("55", "3 months", "45"), ("33", "6 months", "24")}


def test_a_number_that_labels_a_group_is_no_value() -> None:
    text = "Median OS was 13.9 months for PS 0, 8.8 months for PS 1 and 3.9 months for PS 2."
    assert [(q.value, q.unit) for q in scan_quantities(text)] == [
        ("13.9", "months"), ("8.8", "months"), ("3.9", "months")]
    assert {c.value for c in outcomes_of(text)} == {"13.9", "8.8", "3.9"}


# -- treatments patients had before are no regimen -------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Among 14 patients previously treated with pazopanib, the DCR was 64%.",
    "In patients refractory to doxorubicin or ifosfamide, the ORR was 12%.",
    "For the 20 patients who had progressed on gemcitabine and docetaxel, median PFS was 3.1 months.",
])
def test_an_earlier_treatment_is_not_the_regimen_of_the_result(sentence: str) -> None:
    claims = outcomes_of(sentence)
    assert claims and {c.regimen for c in claims} == {("eribulin",)}


def test_an_earlier_treatment_in_the_title_is_not_the_study_regimen() -> None:
    head = ("Eribulin for leiomyosarcoma previously treated with pazopanib: a single-arm phase II trial\n\n"
            "Results\n\nForty patients were enrolled. ")
    assert {c.regimen for c in outcomes_of("The ORR was 15%.", head)} == {("eribulin",)}


@pytest.mark.parametrize("text, earlier", [
    ("patients previously treated with doxorubicin", {0}),
    ("patients who progressed on doxorubicin", {0}),
    ("as in previous trials of doxorubicin", set()),  # other studies of the drug, not the patients' history
    ("the time to progression with doxorubicin", set()),  # progression during the drug
])
def test_earlier_treatments_are_told_from_studies_and_progression_on_the_drug(text: str, earlier: set[int]) -> None:
    at = text.index("doxorubicin")
    assert earlier_treatments(text, [(at, at + len("doxorubicin"))]) == earlier


def test_a_drug_given_with_the_study_drug_stays_in_the_regimen() -> None:
    assert {c.regimen for c in outcomes_of("The ORR was 30% with eribulin and ifosfamide.")} == {
        ("eribulin", "ifosfamide")}


def test_a_size_closing_the_group_phrase_after_a_value_is_its_n() -> None:
    claims = outcomes_of("Median PFS was 7.0 months in patients with one prior line (n = 24) and 3.5 months in "
                         "those with two or more prior lines (n = 36).")
    assert {(c.value, c.n) for c in claims} == {("7.0", 24), ("3.5", 36)}


def test_a_size_after_the_whole_population_is_no_subgroup_size() -> None:
    found = scan_quantities("The ORR was 20% in all patients (n = 60).")
    assert [(q.value, q.n) for q in found] == [("20", None)]


def test_a_compared_value_with_its_own_group_after_it_is_not_read_by_order() -> None:
    head = ("Pembrolizumab in advanced sarcoma: a multicohort phase II trial\n\nResults\n\n"
            "Eighty patients were treated. ")
    claims = outcomes_of("The ORR among UPS and DDLPS patients was 28% (11/40), compared with 5% (2/40) in other "
                         "subtypes.", head)
    assert {(c.value, c.population) for c in claims} == {("28", ("UPS", "DDLPS")), ("5", ("OTHERS",))}


def test_a_clause_that_goes_on_with_it_was_after_a_sized_group() -> None:
    claims = outcomes_of("In the 21 patients with LMS, the median PFS was 6.2 months; in the 17 with LPS, it was "
                         "2.9 months.", MIXED)
    assert by_population(claims) == {("PFS_median", ("LMS",), "6.2", ""), ("PFS_median", ("LPS",), "2.9", "")}


def test_a_group_size_after_a_ci_and_a_group_phrase() -> None:
    claims = outcomes_of("Median PFS was 6.1 months (95% CI 4.0-7.7) for LMS (n = 21) versus 2.9 months for LPS "
                         "(n = 17).", MIXED)
    assert {(c.population, c.value, c.n) for c in claims} == {(("LMS",), "6.1", 21), (("LPS",), "2.9", 17)}


@pytest.mark.parametrize("sentence, expected", [
    ("Responses were seen in UPS (38%), DDLPS (21%) and SS (9%).",
     {("ORR", ("UPS",), "38", ""), ("ORR", ("DDLPS",), "21", ""), ("ORR", ("SS",), "9", "")}),
    ("Tumour responses occurred in 23% of patients.", {("ORR", ("STS",), "23", "")}),
    ("Partial responses were seen in UPS (38%) and SS (9%).", set()),  # a category's share, no ORR
])
def test_responses_seen_in_groups_are_response_rates(sentence: str, expected: set) -> None:
    assert by_population(outcomes_of(sentence, MIXED)) == expected
