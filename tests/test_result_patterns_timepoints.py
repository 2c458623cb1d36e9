"""Abbreviated timepoints of rates: "2-y", "2y", "3 y", "at 24 mo" (`result_patterns.TIMEPOINT_SHAPES`)."""

from extractors.measurements import scan_timepoints
from tests.test_outcomes import claims_of


def _values(text: str) -> list[tuple[str, ...]]:
    return [point.values for point in scan_timepoints(text)]


def test_hyphenated_and_spaced_single_letter_year():
    assert _values("The 3-y OS was 58%.") == [("3 years",)]
    assert _values("The 4 y PFS rate was 33%.") == [("4 years",)]


def test_timepoint_glued_to_its_unit_before_an_endpoint_or_after_at():
    assert _values("The 5y OS was 41% and the 18mo PFS 30%.") == [("5 years",), ("18 months",)]
    assert _values("Event-free survival at 3yrs was 52%.") == [("3 years",)]


def test_glued_number_and_unit_elsewhere_is_no_timepoint():
    # a duration of treatment, not the time a rate is read at
    assert _values("Patients were treated for 6mo with the drug.") == []


def test_at_n_mo_is_the_rate_timepoint_not_a_median():
    claims = claims_of("Results\n\nOS at 18 mo was 52% in the whole cohort.\n")
    assert {(c.endpoint, c.value, c.timepoint) for c in claims} == {("OS_rate", "52", "18 months")}


def test_year_letter_timepoints_reach_the_claims():
    claims = claims_of("Results\n\nThe 3-y OS was 58% and the 3y PFS was 37%.\n")
    assert {(c.endpoint, c.value, c.timepoint) for c in claims} == {
        ("OS_rate", "58", "3 years"), ("PFS_rate", "37", "3 years")}
