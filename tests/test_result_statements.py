"""What a number in a results sentence is and which group it belongs to: the measurement matcher and
the outcome extractor on sentences written for these tests."""

from __future__ import annotations

from corpus import parse
from extractors.extract import extract
from extractors.measurements import scan_quantities, scan_timepoints
from extractors.records import OutcomeClaim

HEAD = (
    "Cabozantinib in advanced soft tissue sarcoma: a single-arm phase II trial\n\n"
    "Abstract\n\n"
    "Background Cabozantinib was given to adults with soft tissue sarcoma.\n\n"
    "Results\n\n"
)


def claims_of(results: str) -> list[OutcomeClaim]:
    return extract(parse(HEAD + results + "\n", "statements.txt")).outcomes


def rows(claims: list[OutcomeClaim]) -> set[tuple[str, str, str]]:
    return {(c.endpoint, c.value, "|".join(c.population)) for c in claims}


# -- numbers as printed ----------------------------------------------------------------------
def test_signs_and_exponents_are_kept() -> None:
    qs = scan_quantities("Tumour size changed by -12.5% and by −3% while one cell read 2e5% and another 1e308%.")
    assert [q.value for q in qs] == ["-12.5", "-3", "2e5", "1e308"]


def test_a_range_dash_is_no_sign() -> None:
    (q,) = scan_quantities("Rates of 10-20% were expected.")
    assert q.value == "10 to 20"


def test_pooled_proportion_keeps_its_printed_scale() -> None:
    (q,) = scan_quantities("The pooled ORR was 0.23 (95% CI 0.15–0.32).")
    assert (q.kind, q.value, q.unit, q.ci_low, q.ci_high) == ("proportion", "0.23", "proportion", "0.15", "0.32")


def test_statistics_are_no_proportions() -> None:
    assert scan_quantities("Egger P = 0.41, alpha 0.05, kappa 0.72 and a ratio of 0.8 were noted.") == []
    assert [q.kind for q in scan_quantities("HR 0·55, 0·40–0·76")] == ["hr"]


def test_lancet_ci_without_label_attaches_to_its_value() -> None:
    qs = scan_quantities("median survival 7·9 months (5·1–10·3) versus 6·0 months (4·2–8·8)")
    assert [(q.value, q.ci_low, q.ci_high) for q in qs] == [("7.9", "5.1", "10.3"), ("6.0", "4.2", "8.8")]


def test_not_reached_as_upper_ci_bound() -> None:
    (q,) = scan_quantities("Median OS was 21.4 months (95% CI 15.0–not reached).")
    assert (q.value, q.ci_low, q.ci_high) == ("21.4", "15.0", "NR")


def test_between_two_values_is_one_range() -> None:
    (q,) = scan_quantities("response rates between 15% and 30% were seen")
    assert (q.kind, q.value) == ("percent", "15 to 30")


def test_heterogeneity_is_no_rate() -> None:
    assert [q.value for q in scan_quantities("ORR 0.31 (95% CI 0.20–0.44; I² = 64%)")] == ["0.31"]


def test_shared_unit_in_an_and_list() -> None:
    qs = scan_quantities("Median OS was 11.2 and 14.9 months, respectively.")
    assert [(q.value, q.unit) for q in qs] == [("11.2", "months"), ("14.9", "months")]


def test_timepoint_lists_and_week_numbers() -> None:
    assert scan_timepoints("the 6- and 12-month OS rates")[0].values == ("6 months", "12 months")
    assert scan_timepoints("At week 16, the ORR was 20%")[0].values == ("16 weeks",)
    assert scan_timepoints("the 1-year survival")[0].values == ("1 year",)


# -- statements -----------------------------------------------------------------------------
def test_responders_give_the_rate_and_the_group_size() -> None:
    claims = claims_of("Responses were observed in 6 of 24 patients (25.0%).")
    orr = next(c for c in claims if c.endpoint == "ORR")
    assert (orr.value, orr.n, orr.unit) == ("25.0", 24, "%")


def test_responders_by_subtype_and_zero_responders() -> None:
    claims = claims_of("Responses occurred in 2 of 5 (40%) patients with angiosarcoma, 1 of 4 (25%) with synovial "
                       "sarcoma and none of the 7 with leiomyosarcoma.")
    assert {("ORR", "40", "AS"), ("ORR", "25", "SS"), ("ORR", "0", "LMS")} <= rows(claims)


def test_enumeration_of_medians_with_cis_binds_each_group() -> None:
    claims = claims_of("Median PFS was 4.4 months (95% CI 2.1–6.0) for leiomyosarcoma, 2.9 months (95% CI 1.8–4.4) "
                       "for synovial sarcoma and 6.3 months (95% CI 3.0–9.1) for angiosarcoma.")
    assert {("PFS_median", "4.4", "LMS"), ("PFS_median", "2.9", "SS"), ("PFS_median", "6.3", "AS")} <= rows(claims)


def test_respectively_over_listed_groups() -> None:
    claims = claims_of("The ORRs in angiosarcoma and leiomyosarcoma were 30.0% and 10.0%, respectively.")
    assert {("ORR", "30.0", "AS"), ("ORR", "10.0", "LMS")} <= rows(claims)


def test_corresponding_list_takes_the_listed_timepoints() -> None:
    claims = claims_of("The PFS rates at 3 and 6 months were 70.0% and 45.0%, respectively; the corresponding OS "
                       "rates were 95.0% and 88.0%.")
    got = {(c.endpoint, c.value, c.timepoint) for c in claims}
    assert {("OS_rate", "95.0", "3 months"), ("OS_rate", "88.0", "6 months")} <= got


def test_rates_at_weeks_keep_their_timepoint() -> None:
    claims = claims_of("Disease control at 24 weeks was achieved in 11 patients (36.7%). At week 12, the ORR was "
                       "13.3%.")
    got = {(c.endpoint, c.value, c.timepoint) for c in claims}
    assert {("DCR", "36.7", "24 weeks"), ("ORR", "13.3", "12 weeks")} <= got


def test_time_to_progression_is_no_progression_free_survival() -> None:
    claims = claims_of("Median TTP was 3.9 months (95% CI 2.6–5.1) and the 2-year DFS rate was 58%.")
    got = {(c.endpoint, c.value) for c in claims}
    assert {("TTP_median", "3.9"), ("DFS_rate", "58")} <= got
    assert not any(c.endpoint == "PFS_median" for c in claims)


def test_design_assumptions_give_no_outcome() -> None:
    claims = claims_of("Assuming an ORR of 5% under the null hypothesis and 20% under the alternative, with 80% "
                       "power, 30 patients were needed. The ORR was 16.7%.")
    assert {(c.endpoint, c.value) for c in claims} == {("ORR", "16.7")}


def test_categories_listed_in_words_and_after_their_names() -> None:
    claims = claims_of("Seven patients responded, one complete and six partial. The best response was stable "
                       "disease in 12 patients.")
    got = {(c.endpoint, c.value) for c in claims}
    assert {("CR_n", "1"), ("PR_n", "6"), ("SD_n", "12")} <= got


def test_definition_of_an_endpoint_is_not_the_endpoint_measured() -> None:
    claims = claims_of("The clinical benefit rate (CBR; complete or partial response or stable disease for at least "
                       "16 weeks) was 43.3%.")
    assert ("CBR", "43.3") in {(c.endpoint, c.value) for c in claims}
    assert not any(c.endpoint == "ORR" for c in claims)


def test_percent_restating_a_named_rate_stays_with_it() -> None:
    claims = claims_of("The ORR was 20.0% (6/30) and the DCR 70.0% (21/30).")
    assert {("ORR", "20.0"), ("DCR", "70.0")} <= {(c.endpoint, c.value) for c in claims}
    assert not any(c.endpoint == "DCR" and c.value == "20.0" for c in claims)


def test_hazard_ratio_unit_is_ratio() -> None:
    claims = claims_of("Compared with the historical cohort, PFS was longer (HR 0.62, 95% CI 0.41–0.93).")
    hr = next(c for c in claims if c.endpoint == "HR_PFS")
    assert (hr.value, hr.unit, hr.ci_low, hr.ci_high) == ("0.62", "ratio", "0.41", "0.93")


def test_abbreviated_timepoints_and_bracketed_cis() -> None:
    (q,) = scan_quantities("the 24-wk PFS was 41% [95% CI, 30-53]")
    assert (q.value, q.ci_low, q.ci_high) == ("41", "30", "53")
    assert scan_timepoints("the 24-wk PFS was 41%")[0].values == ("24 weeks",)
    assert scan_timepoints("2 yr-OS 77%")[0].values == ("2 years",)
    (hr,) = scan_quantities("(HR 0.72 [0.55-0.94], p=0.02)")
    assert (hr.ci_low, hr.ci_high, hr.p_value) == ("0.55", "0.94", "0.02")
    (pooled,) = scan_quantities("The pooled HR for death was 0.77 (95% confidence interval [CI] 0.61–0.97).")
    assert (pooled.ci_low, pooled.ci_high) == ("0.61", "0.97")


def test_a_percent_sign_printed_once_serves_a_pair() -> None:
    assert [q.value for q in scan_quantities("rates of 44 and 21% at 3 and 6 months")] == ["44", "21"]


def test_unlabelled_hazard_ratio_ci_after_a_comma_and_its_p() -> None:
    (hr,) = scan_quantities("(hazard ratio 0·81, 0·64–1·03; p=0·09)")
    assert (hr.value, hr.ci_low, hr.ci_high, hr.p_value) == ("0.81", "0.64", "1.03", "0.09")


def test_percent_spelled_out() -> None:
    assert [q.value for q in scan_quantities("an ORR of 21 percent against 9 per cent")] == ["21", "9"]
    assert scan_quantities("the 95 percent CI was wide") == []


def test_category_counts_printed_as_n_equals() -> None:
    claims = claims_of("Best responses were partial response (n = 3) and stable disease (n = 17).")
    assert {("PR_n", "3"), ("SD_n", "17")} <= {(c.endpoint, c.value) for c in claims}


def test_listed_timepoints_pair_with_as_many_rates_without_respectively() -> None:
    claims = claims_of("The 1-, 2- and 3-year OS rates were 91.0%, 72.5% and 60.0%.")
    got = {(c.endpoint, c.value, c.timepoint) for c in claims}
    assert {("OS_rate", "91.0", "1 year"), ("OS_rate", "72.5", "2 years"), ("OS_rate", "60.0", "3 years")} <= got


def test_listed_timepoints_with_a_different_count_of_rates_are_not_paired() -> None:
    claims = claims_of("PFS at 3 and 6 months was assessed; the PFS rate was 40%.")
    assert {(c.endpoint, c.value, c.timepoint) for c in claims} == {("PFS_rate", "40", "")}


def test_named_rate_with_its_fraction_takes_n_from_the_fraction() -> None:
    claims = claims_of("The ORR was 12.5% (3/24) and the DCR was 62.5% (15 of 24).")
    assert {(c.endpoint, c.value, c.n) for c in claims} >= {("ORR", "12.5", 24), ("DCR", "62.5", 24)}


def test_ci_after_the_group_phrase_of_its_value() -> None:
    qs = scan_quantities("0.18 for anti-PD1 monotherapy (95% CI 0.10-0.27), "
                         "0.25 for PD-1 plus CTLA-4 (95% CI 0.12-0.41)")
    assert [(q.value, q.ci_low, q.ci_high) for q in qs] == [("0.18", "0.10", "0.27"), ("0.25", "0.12", "0.41")]


def test_a_definition_of_activity_is_no_result() -> None:
    assert claims_of("Activity was defined as an ORR of at least 15%.") == []


def test_responses_lasting_a_median_is_a_duration_of_response() -> None:
    claims = claims_of("The ORR was 30.0% and responses lasted a median of 9.2 months.")
    assert {("ORR", "30.0"), ("DoR_median", "9.2")} <= {(c.endpoint, c.value) for c in claims}


def test_a_count_of_patients_with_a_response_is_no_group_size() -> None:
    claims = claims_of("The best response was PR in 13 patients and SD in 9, for an ORR of 59.1%.")
    orr = next(c for c in claims if c.endpoint == "ORR")
    assert orr.n != 13


def test_counts_progression_free_or_alive_at_a_timepoint_are_rates() -> None:
    claims = claims_of("At 12 months, 14 of 35 patients (40.0%) were progression-free and 28 of 35 (80.0%) were alive. "
                       "By 3 months, 9 (25.7%) had progressed.")
    got = {(c.endpoint, c.value, c.timepoint, c.n) for c in claims}
    assert {("PFS_rate", "40.0", "12 months", 35), ("OS_rate", "80.0", "12 months", 35)} <= got
    assert not any(c.value == "25.7" for c in claims)


def test_hazard_ratio_naming_its_own_endpoint() -> None:
    claims = claims_of("Median PFS was 5.0 v 2.1 months; hazard ratio for disease progression or death, 0.61; 95% "
                       "confidence interval, 0.45 to 0.82.")
    got = {(c.endpoint, c.value, c.ci_low, c.ci_high) for c in claims}
    assert {("PFS_median", "5.0", "", ""), ("PFS_median", "2.1", "", ""), ("HR_PFS", "0.61", "0.45", "0.82")} <= got


def test_percents_of_other_measures_are_no_rates() -> None:
    claims = claims_of("The ORR was 24%. The drug gave a 38% reduction in the risk of progression, with 60% censored, "
                       "and a concordance rate of 85% between readers.")
    assert {(c.endpoint, c.value) for c in claims} == {("ORR", "24")}


def test_a_category_share_is_no_response_rate() -> None:
    claims = claims_of("The ORR was 30%, with complete response in 5.0% (2/40) and partial response in 25.0% (10/40). "
                       "A further 45% (18/40) had stable disease.")
    got = {(c.endpoint, c.value) for c in claims}
    assert {("ORR", "30"), ("CR_n", "2"), ("PR_n", "10"), ("SD_n", "18")} <= got
    assert not any(c.endpoint == "ORR" and c.value in {"5.0", "25.0"} for c in claims)


def test_a_mean_is_no_median() -> None:
    claims = claims_of("Across the included trials, mean PFS was 2.0-9.5 months and median OS ranged from 8 to 20 "
                       "months.")
    assert {(c.endpoint, c.value) for c in claims} == {("OS_median", "8 to 20")}


def test_endpoint_list_then_one_group_of_values_per_clause() -> None:
    claims = claims_of("The 6-month PFS rate, median PFS and median OS were: 52%, 5.1 and 12.0 months in "
                       "leiomyosarcoma; 33%, 3.0 and 9.5 months in angiosarcoma; 60%, 14 and not reached in "
                       "desmoid tumours.")
    got = {(c.endpoint, c.value, "|".join(c.population), c.timepoint) for c in claims}
    assert {("PFS_rate", "52", "LMS", "6 months"), ("PFS_median", "5.1", "LMS", ""), ("OS_median", "12.0", "LMS", ""),
            ("PFS_rate", "33", "AS", "6 months"), ("OS_median", "9.5", "AS", ""),
            ("PFS_median", "14", "DT", ""), ("OS_median", "NR", "DT", "")} <= got


def test_rate_with_its_timepoint_glued_to_its_name() -> None:
    claims = claims_of("Overall, the PFR12 weeks was 58%.")
    assert {(c.endpoint, c.value, c.timepoint) for c in claims} == {("PFS_rate", "58", "12 weeks")}


def test_timepoint_list_after_its_rates() -> None:
    claims = claims_of("The ORR was 20.0%, 28.0% and 31.5% in patients treated for up to 1, 2 and 3 years.")
    got = {(c.endpoint, c.value, c.timepoint) for c in claims}
    assert {("ORR", "20.0", "1 year"), ("ORR", "28.0", "2 years"), ("ORR", "31.5", "3 years")} <= got


def test_state_counted_names_the_rate_and_each_value_its_timepoint() -> None:
    claims = claims_of("By 16 weeks 64% of the cohort remained progression-free, and 41% by 32 weeks.")
    got = {(c.endpoint, c.value, c.timepoint) for c in claims}
    assert got == {("PFS_rate", "64", "16 weeks"), ("PFS_rate", "41", "32 weeks")}


def test_not_achieved_is_not_reached_and_survival_probability_is_a_rate() -> None:
    claims = claims_of("Median PFS was not achieved. The estimated 24-month OS probability was 71%.")
    assert {("PFS_median", "NR", ""), ("OS_rate", "71", "24 months")} <= {
        (c.endpoint, c.value, c.timepoint) for c in claims}


def test_compact_meeting_counts_bind_their_groups() -> None:
    claims = claims_of("Responses by subtype: 3 PR/9 were seen in angiosarcoma, 1PR/8 in synovial sarcoma and 0/7 in "
                       "leiomyosarcoma.")
    got = {(c.endpoint, c.value, "|".join(c.population), c.n) for c in claims}
    assert {("PR_n", "3", "AS", 9), ("PR_n", "1", "SS", 8), ("ORR", "0", "LMS", 7)} <= got


def test_all_responses_partial_after_a_fraction_and_additional_counts() -> None:
    claims = claims_of("The ORR was 30% (n = 12/40), with all responses being partial responses, and stable disease "
                       "occurred in an additional 15.")
    got = {(c.endpoint, c.value) for c in claims}
    assert {("ORR", "30"), ("PR_n", "12"), ("SD_n", "15")} <= got


def test_whole_population_group_phrase() -> None:
    claims = claims_of("Patients with leiomyosarcoma or ASPS were enrolled. Median PFS was 4.2 months among all "
                       "patients and 11.9 months among those with ASPS. The ORR was 18% overall and 40% in UPS.")
    got = {(c.endpoint, c.value, "|".join(c.population)) for c in claims}
    assert {("PFS_median", "4.2", "STS"), ("PFS_median", "11.9", "ASPS"), ("ORR", "18", "STS"),
            ("ORR", "40", "UPS")} <= got


def test_responses_added_since_an_earlier_analysis_are_no_counts() -> None:
    claims = claims_of("The ORR was 45% (n = 27/60), with 2 additional partial responses and 1 additional complete "
                       "response since the primary analysis.")
    assert {(c.endpoint, c.value) for c in claims} == {("ORR", "45")}
    claims = claims_of("The ORR was 30% (n = 12/40); 4 further partial responses came with longer follow-up.")
    assert {(c.endpoint, c.value) for c in claims} == {("ORR", "30")}


def test_other_sarcoma_in_a_group_list_is_the_rest() -> None:
    claims = claims_of("The 12-week PFS rate, median PFS and median OS were: 58%, 4.1 and 11 months for UPS; 44%, 2.8 "
                       "and 8.8 months for other sarcoma.")
    assert ("PFS_median", "2.8", "OTHERS") in {(c.endpoint, c.value, "|".join(c.population)) for c in claims}


def test_a_pooled_group_term_is_not_split_over_compared_arms() -> None:
    claims = claims_of("The gain in PFS was largest for L-STS (6.3 vs 2.2 months).")
    assert {(c.value, "|".join(sorted(c.population))) for c in claims if c.endpoint == "PFS_median"} == {
        ("6.3", "LMS|LPS"), ("2.2", "LMS|LPS")}
