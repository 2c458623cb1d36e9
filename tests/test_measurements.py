"""The measurement matcher on sentences written for these tests."""

from extractors.measurements import scan_quantities, scan_timepoints, word_to_int


def values(text: str) -> list[tuple[str, str, str]]:
    return [(q.kind, q.value, q.unit) for q in scan_quantities(text)]


def test_time_with_ci_and_not_reached() -> None:
    qs = scan_quantities("The median PFS was 9.1 months (95% CI: 6.0–12.2), and median OS had not been reached.")
    assert [(q.kind, q.value) for q in qs] == [("time", "9.1"), ("nr", "NR")]
    assert (qs[0].ci_low, qs[0].ci_high) == ("6.0", "12.2")


def test_ci_with_percent_signs_belongs_to_the_percent() -> None:
    (q,) = scan_quantities("responses occurred in 12 (40.0%; 95% CI, 22.7%–59.4%) patients")
    assert (q.value, q.ci_low, q.ci_high) == ("40.0", "22.7", "59.4")


def test_vs_pair_shares_unit_and_p_value() -> None:
    qs = scan_quantities("longer in ECOG 0-1 (8.0 vs. 3.1 months $P < 0.001$)")
    assert [(q.value, q.unit, q.p_value) for q in qs] == [("8.0", "months", "<0.001"), ("3.1", "months", "<0.001")]


def test_printed_ranges_and_bounds_are_kept() -> None:
    assert values("response rates range from 10 to 25%") == [("percent", "10 to 25", "%")]
    assert values("median PFS of 3.5 months to 11.25 months") == [("time", "3.5 to 11.25", "months")]
    assert values("a response rate lower than 5% (3)") == [("percent", "<5", "%")]


def test_ranges_of_individual_values_are_not_outcomes() -> None:
    assert values("median time to response 1.9 months (range, 1.1–8.0 months)") == [("time", "1.9", "months")]


def test_confidence_level_is_not_a_percentage() -> None:
    assert values("with 95% confidence") == []


def test_hazard_ratio_with_ci_and_p() -> None:
    (q,) = scan_quantities("worse OS (HR: 2.50, 95% CI: 1.10–5.70, $P = 0.03$)")
    assert (q.kind, q.value, q.ci_low, q.ci_high, q.p_value) == ("hr", "2.50", "1.10", "5.70", "0.03")


def test_timepoints_single_and_listed() -> None:
    points = scan_timepoints("a 6-month PFS rate; OS rates at 12 months, 24 months, and 36 months; at 6 and 9 months")
    assert [t.values for t in points] == [("6 months",), ("12 months", "24 months", "36 months"),
                                         ("6 months", "9 months")]
    assert scan_timepoints("median PFS was 15.8 months") == []


def test_number_words() -> None:
    assert word_to_int("Four") == 4
    assert word_to_int("twenty-one") == 21
    assert word_to_int("several") is None
