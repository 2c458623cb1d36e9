"""Hazard ratios and p-values as token patterns (`extractors.statistic_patterns`)."""

from extractors.measurements import scan_quantities
from extractors.statistic_patterns import hazard_ratios, p_text, p_values
from tests.test_outcomes import claims_of


def _hrs(text: str) -> list[str]:
    return [hr.value for hr in hazard_ratios(text)]


def _ps(text: str) -> list[str]:
    return [p_text(p) for p in p_values(text)]


def test_hazard_ratios_named_short_or_spelled_out():
    assert _hrs("Survival favoured the combination (HR 0.52).") == ["0.52"]
    assert _hrs("The hazard ratio for death, 0.61, favoured maintenance.") == ["0.61"]
    assert _hrs("Risk fell with the doublet (HR=0·61; p=0·02).") == ["0.61"]
    assert _hrs("Progression was delayed, HR [95% CI] 0.7 [0.5-0.9].") == ["0.7"]
    assert _hrs("The hazard ratio for progression-free survival was 0.48.") == ["0.48"]
    assert _hrs("HRs were 0.81 and 0.77 in the two strata.") == ["0.81"]


def test_hazard_ratio_value_and_its_span():
    text = "Overall survival improved (hazard ratio for death of 0.66)."
    (hr,) = hazard_ratios(text)
    assert text[hr.start : hr.end] == "hazard ratio for death of 0.66"
    assert text[hr.value_start : hr.value_end] == "0.66"


def test_numbers_that_are_no_hazard_ratio():
    assert _hrs("HR-positive disease was seen in 12 patients.") == []
    assert _hrs("The HR 0.52% figure was a typo in the draft.") == []
    assert _hrs("Heart rate rose by 12 beats in 30% of patients.") == []
    assert _hrs("Doses of 50 mg were given; 12 of 40 patients were older than 65 years.") == []


def test_p_values_with_signs_entities_and_latex():
    assert _ps("The difference was significant (p<0.001).") == ["<0.001"]
    assert _ps("Median PFS differed (P = .03).") == [".03"]
    assert _ps("Responses were more frequent (P<.0001).") == ["<.0001"]
    assert _ps("A trend was seen (p for trend = 0.02) but not otherwise (P value = 0·40).") == ["0.02", "0.40"]
    assert _ps("Converted text reads $P \\leq 0.001$ and p &lt; 0.05 here.") == ["≤0.001", "<0.05"]


def test_a_p_value_spelled_with_value_needs_no_sign():
    assert _ps("No heterogeneity was found (p-value for interaction 0.2).") == ["0.2"]


def test_numbers_that_are_no_p_value():
    assert _ps("Patients in group P received 12 cycles.") == []
    assert _ps("A p of 5 was no value at all, nor was p = 1.5.") == []
    assert _ps("The PR rate was 25% among 40 patients aged 18 to 70 years.") == []


def test_scan_attaches_a_p_value_and_keeps_it_out_of_the_values():
    quantities = scan_quantities("Median PFS was 7.1 months (p=0·004).")
    assert [(q.kind, q.value, q.unit, q.p_value) for q in quantities] == [("time", "7.1", "months", "0.004")]


def test_scan_reads_an_hr_with_its_comma_ci():
    quantities = scan_quantities("Death was less frequent (HR 0·93, 0·71–1·22; p=0·61).")
    assert [(q.kind, q.value, q.ci_low, q.ci_high, q.p_value) for q in quantities] == [
        ("hr", "0.93", "0.71", "1.22", "0.61")
    ]


def test_what_the_patterns_cannot_spell_is_checked_on_the_match():
    assert _hrs("The hazard 0.4 of a fall was noted.") == []  # "hazard" without "ratio"
    assert _hrs("The HR (adjusted] 0.7 was printed with a stray bracket.") == []
    assert _hrs("The HR (adjusted) 0.7 favoured the combination.") == ["0.7"]
    assert _ps("The p for 0.03 was a typo; P for trend < 0.05 held.") == ["<0.05"]



def _with_p(text: str) -> list[tuple[str, str, str]]:
    return [(q.kind, q.value, q.p_value) for q in scan_quantities(text)]


def test_p_inside_the_hr_parenthesis_belongs_to_the_hr_and_the_medians_compared():
    text = "Median OS was 13.1 months with drug A versus 9.8 months with drug B (HR 0.71, 95% CI 0.52-0.97; P = .03)."
    assert _with_p(text) == [("time", "13.1", ".03"), ("time", "9.8", ".03"), ("hr", "0.71", ".03")]


def test_a_semicolon_before_the_parenthesis_still_ends_the_comparison():
    text = "DCR was 60% vs 41%; median PFS was 5.0 vs 2.2 months (HR 0.48; 95% CI 0.30-0.77; p=0.002)."
    assert _with_p(text) == [("percent", "60", ""), ("percent", "41", ""), ("time", "5.0", "0.002"),
                             ("time", "2.2", "0.002"), ("hr", "0.48", "0.002")]


def test_endpoint_and_value_in_a_parenthesis_after_an_hr_name_is_an_hr():
    text = "Hazard ratios favoured drug A (EFS; 0.62; 95% CI 0.44-0.88) and (OS, 0.80; 95% CI 0.55-1.16)."
    assert _hrs(text) == ["0.62", "0.80"]


def test_endpoint_and_value_in_a_parenthesis_without_an_hr_name_is_no_hr():
    assert _hrs("The HR was reported elsewhere. Rates improved (PFS; 0.44).") == []
    assert _hrs("HRs were similar; the pooled estimate was given (PFS; 0.44).") == []
    assert _hrs("The hazard ratio favoured drug A (PFS; 4.5 months).") == []


def test_parenthesised_hr_reaches_the_claim_with_its_endpoint():
    claims = claims_of("Results\n\nThe hazard ratio favoured the combination (PFS; 0.58; 95% CI 0.41-0.83).\n")
    assert [(c.endpoint, c.value, c.ci_low, c.ci_high) for c in claims] == [("HR_PFS", "0.58", "0.41", "0.83")]


def test_a_hazard_ratio_naming_the_groups_it_compares_before_its_value():
    from extractors.statistic_patterns import hazard_ratios
    (hr,) = hazard_ratios("The hazard ratio for death with cabozantinib versus placebo was 0.79 (95% CI 0.6-1.0).")
    assert hr.value == "0.79"
    assert hazard_ratios("The hazard of death rose with age versus placebo, 12 of 40.") == ()
