"""Percentages, times and "between" ranges as token patterns (`extractors.quantity_patterns`)."""

from extractors.measurements import scan_quantities
from extractors.quantity_patterns import betweens, percents, times
from tests.test_outcomes import claims_of


def _percents(text: str) -> list[tuple[str, str, str]]:
    return [(p.bound, p.low, p.high) for p in percents(text)]


def _times(text: str) -> list[tuple[str, str, str]]:
    return [(t.low, t.high, t.unit) for t in times(text)]


def _scan(text: str) -> list[tuple[str, str, str]]:
    return [(q.kind, q.value, q.unit) for q in scan_quantities(text)]


def test_percents_with_sign_space_or_word():
    assert _percents("Disease control was 34.4% and response 52 %.") == [("", "34.4", ""), ("", "52", "")]
    assert _percents("A news item said 16 percent responded and 7 per cent progressed.") == [
        ("", "16", ""), ("", "7", "")]
    assert _percents("Another source gave 12percent.") == [("", "12", "")]


def test_percent_bounds_spelled_or_signed():
    assert _percents("Fewer than 10% stopped; <5% died; (≥50%) shrank; more than 20% went on.") == [
        ("<", "10", ""), ("<", "5", ""), ("≥", "50", ""), (">", "20", "")]
    assert _scan("Less than 15% of the cohort relapsed.") == [("percent", "<15", "%")]


def test_percent_ranges():
    assert _percents("Rates spanned 5–20%, 5% to 20% and 20 %-30 % by site.") == [
        ("", "5", "20"), ("", "5", "20"), ("", "20", "30")]
    assert _scan("Rates spanned 5–20% across cohorts.") == [("percent", "5 to 20", "%")]


def test_a_confidence_level_and_heterogeneity_are_no_percent_value():
    assert _percents("The 95% CI and the 95% confidence interval were wide.") == []
    assert _scan("Heterogeneity between trials was high (I² = 64%).") == []


def test_signed_percents_keep_their_sign():
    assert _scan("Tumour size changed by -12% and −3% in the two arms.") == [
        ("percent", "-12", "%"), ("percent", "-3", "%")]


def test_times_with_a_unit_token_or_glued():
    assert _times("Median PFS was 6.1 months, 12 wk in another arm and 4·6mos in a third.") == [
        ("6.1", "", "months"), ("12", "", "wk"), ("4·6", "", "mos")]
    assert _scan("Median OS was 4·6months.") == [("time", "4.6", "months")]


def test_time_ranges():
    assert _times("Durations were 3 to 5 mo, 6 months to 12 months and 2-4wks.") == [
        ("3", "5", "mo"), ("6", "12", "months"), ("2", "4", "wks")]
    assert _scan("Responses lasted 3 to 5 mo.") == [("time", "3 to 5", "months")]


def test_a_glued_bound_is_no_part_of_a_time():
    text = "Patients aged ≥65 years were included."
    (time,) = times(text)
    assert text[time.start : time.end] == "65 years"


def test_words_that_only_look_like_units_are_no_time():
    assert _times("Visits were monthly for 2 cycles and 12 doses.") == []
    assert _times("The 6-month rate was 40%.") == []


def test_between_ranges_keep_both_ends():
    assert [(b.low, b.high, b.unit) for b in betweens("Rates lay between 35% and 50%.")] == [("35", "50", "%")]
    assert _scan("Rates lay between 35% and 50%; durations between 6 and 12 months.") == [
        ("percent", "35 to 50", "%"), ("time", "6 to 12", "months")]


def test_numbers_that_are_no_percent_or_time():
    assert _scan("Patients received 50 mg/m2 on day 1 of 21-day cycles from March 2019.") == []
    assert _percents("A dose of 1,200 mg was given to 40 patients.") == []


def test_a_bound_word_needs_its_than_and_a_sign_stands_alone():
    assert _percents("Rather than 10% we saw 12%.") == [("", "10", ""), ("", "12", "")]
    assert _percents("Fewer 10% is no bound.") == [("", "10", "")]


def test_plain_and_unusual_numbers_are_read_alike():
    plain = "Median PFS was 4.6 months and the ORR 20%."
    unusual = "Median PFS was 4·6 months and the ORR 20%."
    assert _scan(plain) == _scan(unusual) == [("time", "4.6", "months"), ("percent", "20", "%")]


def test_not_reached_spelled_or_abbreviated():
    from extractors.quantity_patterns import not_reached

    text = "Median OS had not yet been reached; in the other arm it was NR and the DoR was not achieved."
    assert [text[a:b] for a, b in not_reached(text)] == ["had not yet been reached", "NR", "was not achieved"]
    assert _scan("Median OS was N/R.") == [("nr", "NR", "")]


def test_words_near_not_reached_that_are_none():
    from extractors.quantity_patterns import not_reached

    assert not_reached("NRAS mutations were not found and the target was not met.") == ()


def test_a_number_before_a_joiner_shares_the_unit_printed_after_the_next():
    assert _scan("Median PFS was 7.0 vs. 2.9 months.") == [("time", "7.0", "months"), ("time", "2.9", "months")]
    assert _scan("Rates were 39 and 14% in the two arms.") == [("percent", "39", "%"), ("percent", "14", "%")]
    assert _scan("Medians were 4·1 versus 3·2 months.") == [("time", "4.1", "months"), ("time", "3.2", "months")]


def test_numbers_before_a_joiner_that_share_no_unit():
    assert _scan("Rates rose from 12 and then 14% later.") == [("percent", "14", "%")]
    assert _scan("In cohort B12 and 14% of patients responded.") == [("percent", "14", "%")]
    assert _scan("Of 40 patients, 20% responded.") == [("percent", "20", "%")]


def test_prepositional_bounds_keep_their_sign_without_than():
    assert _percents("Responses stayed below 8% and toxicity under 12.5%.") == [("<", "8", ""), ("<", "12.5", "")]
    assert _percents("Disease control was above 70% in one arm and over 40% in the other.") == [
        (">", "70", ""), (">", "40", "")]
    # a bound word needs its number right after it: "under" here governs a noun, not the percent
    assert _percents("Patients under treatment had a 30% response rate.") == [("", "30", "")]


def test_prepositional_bound_reaches_the_claim_value():
    claims = claims_of("Results\n\nThe ORR was below 6% in every cohort.\n")
    assert [(c.endpoint, c.value) for c in claims] == [("ORR", "<6")]


def _values(text: str) -> list[tuple[str, str]]:
    return [(q.value, q.unit) for q in scan_quantities(text)]


def test_a_change_from_one_value_to_another_is_two_values():
    assert _values("The drug prolonged median OS from 7.2 to 11.9 months.") == [("7.2", "months"), ("11.9", "months")]
    assert _values("The combination raised the DCR from 35% to 61%.") == [("35", "%"), ("61", "%")]
    assert _values("Median TTP increased from 8 weeks to 20 weeks.") == [("8", "weeks"), ("20", "weeks")]


def test_a_printed_range_after_from_stays_one_value():
    assert _values("Follow-up ranged from 3 to 41 months.") == [("3 to 41", "months")]
    assert _values("The drug prolonged PFS, which ranged from 2 to 14 months.") == [("2 to 14", "months")]
    assert _values("Median PFS improved, from 2.5–6.0 months.") == [("2.5 to 6.0", "months")]


def test_a_spread_between_a_value_and_its_unit_leaves_the_unit_to_the_value():
    assert _values("Median DoR was 9.6 (range 2.1-18.0) months.") == [("9.6", "months")]
    assert _values("Median TTP was 14 (IQR 9-20) weeks.") == [("14", "weeks")]


def test_two_values_with_spreads_share_the_unit_printed_after_the_second():
    text = "Median PFS and OS were 5.7 (range 1-19) and 13.0 (range 3-33) months, respectively."
    assert _values(text) == [("5.7", "months"), ("13.0", "months")]
    text = "Median OS was 15.2 (95% CI 11.0-19.1) vs 10.4 (95% CI 8.2-12.9) months."
    assert [(q.value, q.unit, q.ci_low, q.ci_high) for q in scan_quantities(text)] == [
        ("15.2", "months", "11.0", "19.1"), ("10.4", "months", "8.2", "12.9")]


def test_a_group_size_between_a_value_and_its_unit_carries_the_unit():
    # "(n = 30)" is the value's group size (Quantity.n), so the unit after it is still the value's
    assert _values("Median follow-up was 14 (n = 30) months.") == [("14", "months")]
    found = scan_quantities("Median OS was 14 (n = 30) and 11 (n = 28) months.")
    assert [(q.value, q.unit, q.n) for q in found] == [("14", "months", 30), ("11", "months", 28)]


def test_a_parenthesis_that_is_no_spread_or_size_does_not_carry_the_unit():
    # only a range, IQR, CI or group size is read between a value and its unit: anything else, no guess
    assert _values("Median follow-up was 14 (see Figure 2) months.") == []
    assert _values("Median OS was 14 (Table 3) and 11 (Table 4) months.") == []


def test_a_label_in_parentheses_before_a_joiner_lets_the_number_share_the_unit():
    # "3.1 (investigator) and 2.6 months (central review)": the label is no spread and no value
    found = scan_quantities("Median times to response were 3.1 (investigator) and 2.6 months (central review).")
    assert [(q.value, q.unit) for q in found] == [("3.1", "months"), ("2.6", "months")]
