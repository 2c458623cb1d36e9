"""Ways of printing results found missing or misread on unseen real texts (round 14), fixed as general
rules. Every sentence and number below is made up for the test; none is taken from a paper."""

from __future__ import annotations

import pytest

from corpus import parse
from extractors.extract import extract
from extractors.interval_patterns import labelled_cis

TRIAL = "Cabozantinib versus placebo (PBO) for metastatic osteosarcoma: a randomised phase 2 study\n\n"


def outcomes_of(text: str) -> list:
    return extract(parse(text + "\n", "r14.txt")).outcomes


# -- the level printed after "CI" --------------------------------------------------------------------

@pytest.mark.parametrize("printed", ["(CI95% 2.8-9.1)", "(CI95% = 2.8-9.1)", "(CI95%=2.8-9.1)", "(CI 95%: 2.8-9.1)",
                                     "(CI 95% = 2.8-9.1)", "(CI95 % 2.8-9.1)"])
def test_a_ci_whose_level_follows_its_name_is_read(printed: str) -> None:
    intervals = labelled_cis(f"The median PFS reached 6.2 months {printed} overall.")
    assert [(i.low, i.high, i.level) for i in intervals] == [("2.8", "9.1", "95")]


def test_the_level_after_the_name_is_no_survival_rate() -> None:
    rows = [(c.endpoint, c.value, c.ci_low, c.ci_high) for c in outcomes_of(
        TRIAL + "Results\nMedian PFS was 6.2 months (CI 95% = 2.8-9.1) with cabozantinib.")]
    assert rows == [("PFS_median", "6.2", "2.8", "9.1")]


def test_two_arms_medians_with_glued_ci_levels_and_one_unit_are_read() -> None:
    rows = {c.regimen: (c.value, c.unit, c.ci_low, c.ci_high) for c in outcomes_of(
        TRIAL + "Results\nMedian PFS was 6.2 (CI95%= 2.8-9.1) vs. 2.0 (CI95%=1.1-3.4) months for the cabozantinib "
        "and placebo arms, respectively.")}
    assert rows[("cabozantinib",)] == ("6.2", "months", "2.8", "9.1")
    assert rows[("placebo",)] == ("2.0", "months", "1.1", "3.4")


def test_a_median_whose_ci_was_not_reached_shares_the_unit_printed_last() -> None:
    rows = {c.regimen: (c.value, c.ci_high) for c in outcomes_of(
        TRIAL + "Results\nMedian OS was 61.0 (95% CI 40.2-NE) and 48.5 (95% CI 30.7-77.0) weeks for the "
        "cabozantinib and placebo arms, respectively.")}
    assert rows[("cabozantinib",)] == ("61.0", "NR")
    assert rows[("placebo",)] == ("48.5", "77.0")


# -- a list of arms closed by "respectively" that names one regimen only --------------------------------

NO_FRAME = "Cabozantinib in metastatic osteosarcoma: a phase 2 study\n\nResults\n"


@pytest.mark.parametrize("other", ["observation", "control", "best supportive care"])
def test_the_arm_the_lexicon_does_not_know_keeps_its_own_number(other: str) -> None:
    rows = {c.value: c.regimen for c in outcomes_of(
        NO_FRAME + f"Median PFS was 6.2 vs. 2.0 months for the cabozantinib and {other} arms, respectively.")}
    assert rows == {"6.2": ("cabozantinib",), "2.0": ()}


def test_populations_listed_after_one_regimen_all_take_it() -> None:
    rows = {(c.value, c.population): c.regimen for c in outcomes_of(
        NO_FRAME + "The ORR was 30% and 10% with cabozantinib in LMS and UPS, respectively.")}
    assert rows == {("30", ("LMS",)): ("cabozantinib",), ("10", ("UPS",)): ("cabozantinib",)}


# -- placebo by the short form the paper defines -------------------------------------------------------

@pytest.mark.parametrize("short", ["PBO", "PL"])
def test_an_arm_named_by_the_short_form_of_placebo_is_the_placebo_arm(short: str) -> None:
    rows = {c.regimen: c.value for c in outcomes_of(
        f"A placebo ({short})-controlled phase 2 study of cabozantinib in metastatic osteosarcoma\n\nResults\n"
        f"Median PFS was 6.2 vs. 2.0 months for cabozantinib and {short} arms, respectively.")}
    assert rows == {("cabozantinib",): "6.2", ("placebo",): "2.0"}



# -- a survival rate's months glued to its name ----------------------------------------------------------

@pytest.mark.parametrize(("sentence", "expected"), [
    ("The trial met its goal: PFS-6 = 41.0% (95% CI: 30.5-52.0).", [("PFS_rate", "41.0", "6 months")]),
    ("The PFS-3 was 58% and the PFS6 was 33%.", [("PFS_rate", "58", "3 months"), ("PFS_rate", "33", "6 months")]),
    ("The OS-12 reached 71%.", [("OS_rate", "71", "12 months")]),
])
def test_a_rate_named_with_its_months_glued_on_keeps_that_timepoint(sentence: str, expected: list) -> None:
    rows = [(c.endpoint, c.value, c.timepoint) for c in outcomes_of(NO_FRAME + sentence)]
    assert rows == expected


def test_a_glued_twelve_is_no_month_count_where_the_paper_spells_weeks() -> None:
    rows = [(c.endpoint, c.value, c.timepoint) for c in outcomes_of(
        NO_FRAME + "The 12-week progression-free rate (PFR12) came to 52%.")]
    assert rows == [("PFS_rate", "52", "12 weeks")]


# -- efficacy tables as product labels and randomised reports print them -------------------------------

def table_rows(table: str) -> set[tuple]:
    text = ("Lenvatinib versus docetaxel in metastatic synovial sarcoma: a randomised phase 3 trial\n\nResults\n\n"
            "Efficacy is summarised in Table 2.\n\n" + table + "\n\nDiscussion\n\nBoth drugs were tolerable.\n")
    return {(c.endpoint, c.value, c.ci_low, c.ci_high, c.regimen, c.n)
            for c in outcomes_of(text) if "\t" in c.evidence.quote}


def test_arm_headers_with_doses_bare_sizes_and_a_class_name_their_regimens() -> None:
    rows = table_rows(
        "Table 2 Efficacy\n"
        "Endpoint\tLenvatinib 24 mg daily n = 120\tLenvatinib docetaxel n = 118\tChemotherapy n = 119\n"
        "ORR, n% (95% CI)\t18% (12, 26)\t27% (19, 35)\t6% (3, 12)\n"
        "Median PFS, months\t5.5\t7.0\t3.1\n")
    assert {r for r in rows if r[0] == "ORR"} == {("ORR", "18", "12", "26", ("lenvatinib",), 120),
                    ("ORR", "27", "19", "35", ("docetaxel", "lenvatinib"), 118),
                    ("ORR", "6", "3", "12", ("chemotherapy",), 119)}


def test_a_share_in_a_response_category_row_is_no_patient_count() -> None:
    rows = table_rows(
        "Table 2 Efficacy\n"
        "Endpoint\tLenvatinib (n=60)\tDocetaxel (n=58)\n"
        "ORR (CR+PR) (%) (95% CI)\t30 (19 to 43)\t12 (5 to 23)\n"
        "Complete response %\t3%\t0%\n"
        "Partial response, n\t16\t7\n")
    assert ("ORR", "30", "19", "43", ("lenvatinib",), 60) in rows
    assert ("ORR", "12", "5", "23", ("docetaxel",), 58) in rows
    assert ("PR_n", "16", "", "", ("lenvatinib",), 60) in rows
    assert not any(endpoint == "CR_n" for endpoint, *_ in rows)


def test_median_and_hazard_ratio_rows_under_a_survival_heading_row() -> None:
    rows = table_rows(
        "Table 2 Efficacy\n"
        "Endpoint\tLenvatinib (n=60)\tDocetaxel (n=58)\n"
        "Overall survival\n"
        "Deaths, n (%)\t30 (50)\t41 (71)\n"
        "Median in months (95% CI)\t14.2 (11.0, 17.9)\t9.8 (7.1, 12.0)\n"
        "Stratified HR (95% CI)\t0.66 (0.45 to 0.91)\n"
        "Safety, %\n"
        "Median dose intensity\t0.92\t0.88\n")
    assert {r[:5] for r in rows} == {("OS_median", "14.2", "11.0", "17.9", ("lenvatinib",)),
                                     ("OS_median", "9.8", "7.1", "12.0", ("docetaxel",)),
                                     ("HR_OS", "0.66", "0.45", "0.91", ("lenvatinib",))}


# -- the CI of a median not reached --------------------------------------------------------------------

def test_the_ci_after_not_reached_is_the_medians_not_the_follow_ups() -> None:
    rows = {c.endpoint: (c.value, c.ci_low, c.ci_high) for c in outcomes_of(
        NO_FRAME + "The median follow-up was 19 months; median PFS was still not reached (95% CI, 10.4-NE).")}
    assert rows == {"followup_median": ("19", "", ""), "PFS_median": ("NR", "10.4", "NR")}


def test_a_fraction_before_its_group_and_rate_gives_the_group_size() -> None:
    rows = [(c.endpoint, c.value, c.n) for c in outcomes_of(
        NO_FRAME + "Objective responses were seen in 9/30 patients (30%).")]
    assert rows == [("ORR", "30", 30)]


def test_the_group_named_after_than_is_the_second_of_the_pair() -> None:
    rows = {c.value: c.subgroup for c in outcomes_of(
        NO_FRAME + "Patients resected early had longer progression-free survival than did those with bulky disease "
        "(median 6.4 vs 3.1 months; P = 0.02).")}
    assert rows["3.1"] == "bulky disease" and rows["6.4"] != "bulky disease"


# -- counts listed before their categories -------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "expected"), [
    ("Seven and two patients had PR and CR, respectively.", {("PR_n", "7"), ("CR_n", "2")}),
    ("Eleven, 15 and 6 patients showed PR, SD and PD, respectively.",
     {("PR_n", "11"), ("SD_n", "15"), ("PD_n", "6")}),
])
def test_counts_printed_before_their_categories_pair_in_order(sentence: str, expected: set) -> None:
    rows = {(c.endpoint, c.value) for c in outcomes_of(NO_FRAME + "Thirty-two patients were evaluable. " + sentence)}
    assert rows == expected
