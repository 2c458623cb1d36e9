"""Proportions as token patterns (`extractors.proportion_patterns`)."""

from extractors.measurements import scan_quantities
from extractors.proportion_patterns import proportions


def _read(text: str) -> list[str]:
    return [text[a:b] for a, b in proportions(text)]


def test_leading_zero_decimals_are_proportions():
    assert _read("Across the trials the pooled DCR was 0.58 and the ORR 0·19 (random effects).") == ["0.58", "0·19"]
    quantities = scan_quantities("The pooled ORR was 0·19 overall.")
    assert [(q.kind, q.value, q.unit) for q in quantities] == [("proportion", "0.19", "proportion")]


def test_a_statistic_or_measure_naming_the_value_is_no_proportion():
    assert _read("Agreement was good (kappa was 0.72) and r = 0.35.") == []
    assert _read("The OR (adjusted) 0.44 favoured surgery.") == []
    assert _read("A dose of 0.6 was given; the AUC was 0.77.") == []


def test_range_ends_units_and_percents_are_no_proportion():
    assert _read("Estimates spanned 0.12–0.31 across cohorts.") == []
    assert _read("They spanned 0.12 to 0.31.") == []
    assert _read("It was given at 0.4 mg/kg to 0.3% of them.") == []


def test_a_value_glued_to_a_word_with_four_places_or_ending_a_sentence_is_no_proportion():
    assert _read("Batch x0.25 and 0.1234 were excluded.") == []
    assert _read("Two-sided significance was set at 0.05.") == []
