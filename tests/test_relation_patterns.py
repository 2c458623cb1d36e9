"""The token patterns and tests that relate numbers (extractors/relation_patterns.py) and the CI and P
attachment built on them (extractors/statistic_attachment.py). Every sentence is made up for the test."""

from __future__ import annotations

import pytest

from extractors.measurements import scan_quantities
from extractors.relation_patterns import (
    attached,
    changes,
    clause_words,
    heterogeneity_values,
    preceded_by,
)


def _values(text: str) -> list[tuple[str, str, str]]:
    return [(q.value, q.unit, q.change) for q in scan_quantities(text)]


@pytest.mark.parametrize("text, low, high", [
    ("Adding the antibody lengthened median OS from 9.8 to 13.1 months.", "9.8", "13.1"),
    ("The disease control rate rose from 31% to 58% with the higher dose.", "31", "58"),
    ("Median time to progression was extended from 2·1 months to 5·6 months.", "2·1", "5·6"),
    ("Treatment reduced the recurrence rate from 40 percent to 22 percent.", "40", "22"),
])
def test_a_change_names_its_earlier_and_later_value(text: str, low: str, high: str) -> None:
    (change,) = changes(text)
    assert text[change.low_start:].startswith(low)
    assert text[change.high_start:].startswith(high)


@pytest.mark.parametrize("text", [
    "Survival was prolonged in responders, whose PFS ranged from 3 to 19 months.",
    "Doses were escalated from 10 to 40 mg in the second part.",  # no change verb before "from"
    "The response rate improved; from 12 to 20 patients were enrolled per cohort.",  # a clause break
])
def test_a_range_or_a_broken_clause_is_no_change(text: str) -> None:
    assert changes(text) == ()


def test_the_two_values_of_a_change_are_tagged_in_order() -> None:
    assert _values("The combination improved median PFS from 2.3 to 6.4 months (P = 0.01).") == [
        ("2.3", "months", "from"), ("6.4", "months", "to")]
    assert _values("Median PFS ranging from 2.3 to 6.4 months was seen.") == [("2.3 to 6.4", "months", "")]


def test_a_p_value_after_a_change_belongs_to_both_values() -> None:
    found = scan_quantities("The combination improved median PFS from 2.3 to 6.4 months (P = 0.01).")
    assert [q.p_value for q in found] == ["0.01", "0.01"]


@pytest.mark.parametrize("text, rates", [
    ("Between-study heterogeneity was substantial (I² = 68%).", []),
    ("Heterogeneity was moderate (I2: 45%) across the nine trials.", []),
    ("The pooled response rate was 21% (tau² = 12%).", ["21"]),
])
def test_a_heterogeneity_statistic_is_no_rate(text: str, rates: list[str]) -> None:
    assert len(heterogeneity_values(text)) == 1
    assert [q.value for q in scan_quantities(text)] == rates


def test_a_plain_roman_numeral_is_no_heterogeneity_name() -> None:
    assert heterogeneity_values("In stage I 20% of patients relapsed.") == frozenset()


def test_preceded_by_reads_the_token_before_a_number() -> None:
    text = "Times varied from 4 to 9 months, compared with 6 months."
    assert preceded_by(text, text.index("4"), frozenset({"from"}))
    assert not preceded_by(text, text.index("6"), frozenset({"from"}))


def test_clause_words_leave_out_parentheses_and_skipped_spans() -> None:
    text = "The ORR was 31% (range of doses; all arms) and 95% CI 20-44"
    words = clause_words(text, text.index("31%") + 3, text.index("95% CI"))
    assert words == ["and"]
    assert not attached(words)
    assert attached(clause_words(text, text.index("31%") + 3, text.index("and")))


@pytest.mark.parametrize("words, expected", [
    ([], True), ([";"], True), ([",", ":"], True),
    (["in", "the", "LMS", "cohort"], True),
    (["and", "40"], False), (["whereas"], False), (["12", "months"], False), ([";", "and"], False),
])
def test_attached_stops_at_a_clause_break_or_another_number(words: list[str], expected: bool) -> None:
    assert attached(words) is expected


def test_a_ci_after_another_number_is_not_the_first_values() -> None:
    (first, second) = scan_quantities("The ORR was 18% and the DCR 64% (95% CI 51-75).")
    assert (first.ci_low, second.ci_low) == ("", "51")


def test_a_p_value_after_a_ci_still_belongs_to_its_value() -> None:
    (q,) = scan_quantities("The median OS was 16.2 months (95% CI 12.0-21.4; p = 0.03).")
    assert (q.ci_low, q.ci_high, q.p_value) == ("12.0", "21.4", "0.03")


def test_a_change_whose_first_value_names_its_group() -> None:
    assert _values("Eribulin prolonged median OS from 8.4 months with dacarbazine to 13.5 months.") == [
        ("8.4", "months", "from"), ("13.5", "months", "to")]
    assert _values("Median OS was 8.4 months; values from 2 patients to 13.5 months were seen.") == [
        ("8.4", "months", ""), ("13.5", "months", "")]
