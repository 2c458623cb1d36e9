"""Result forms of real abstracts, read whole: sizes printed with a value, and the forms listed in
docs (issue 13). Every sentence is made up for the test."""

from __future__ import annotations

import pytest

from corpus import parse
from extractors.extract import extract
from extractors.measurements import scan_quantities
from extractors.records import OutcomeClaim

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
