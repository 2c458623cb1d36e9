"""Misreadings found by running the product on unseen real texts (helper check16), fixed as general
rules. Every sentence and number below is made up for the test; none is taken from a paper."""

from __future__ import annotations

from corpus import parse
from extractors.extract import extract

SINGLE_ARM = ("Trabectedin for sarcoma of soft tissue: a retrospective review\n\n"
              "Results: The review covered 58 patients with soft tissue sarcoma who were given trabectedin. ")


def records_of(text: str):
    return extract(parse(text + "\n", "c16.txt"))


def outcomes_of(text: str) -> list:
    return records_of(text).outcomes


# -- timepoints typeset with Unicode hyphens, or with the hyphen glued to "and" -----------------------

def test_a_timepoint_typeset_with_a_unicode_hyphen_is_read() -> None:
    rows = {(c.endpoint, c.value): c.timepoint for c in outcomes_of(
        SINGLE_ARM + "The 3\u2010month PFS rate reached 61.5% (95% CI, 44.0%\u201375.1%).")}
    assert rows.get(("PFS_rate", "61.5")) == "3 months"


def test_hanging_timepoints_whose_hyphen_is_glued_to_and_share_the_unit() -> None:
    rows = {(c.endpoint, c.value): c.timepoint for c in outcomes_of(
        SINGLE_ARM + "Three-and five-year OS rates were 64% and 41%, respectively.")}
    assert rows.get(("OS_rate", "64")) == "3 years" and rows.get(("OS_rate", "41")) == "5 years"


# -- a subtype inside the name of a cooperative group is no population ------------------------------

def test_a_subtype_in_a_cooperative_groups_name_is_not_the_studys_population() -> None:
    records = records_of(
        "Results: The Nordic Soft Tissue and Bone Sarcoma Network enrolled 36 adults with "
        "leiomyosarcoma, who received trabectedin. The median PFS was 5.3 months.")
    assert records.study.population == "LMS"
    assert "BS" not in {m.key for m in records.mentions if m.type == "subtype"}


# -- durations that are no endpoint of the contract ----------------------------------------------------

def test_time_to_treatment_failure_keeps_its_own_value_in_a_respectively_list() -> None:
    rows = {(c.endpoint, c.value) for c in outcomes_of(
        SINGLE_ARM + "The median overall survival and time to treatment failure were 13.2 and 4.6 months, "
        "respectively.")}
    assert ("OS_median", "13.2") in rows and ("OS_median", "4.6") not in rows


def test_every_duration_listed_after_time_on_treatment_is_no_pfs() -> None:
    values = {c.value for c in outcomes_of(
        SINGLE_ARM + "Median PFS was 8.1 and 3.3 months, with a median time on treatment of 6.4 months "
        "(IQR 2.2-11.0) and 2.9 months (IQR 1.7-4.4).")}
    assert {"8.1", "3.3"} <= values and not values & {"6.4", "2.9"}


# -- a confidence level printed with a comma before "CI" --------------------------------------------

def test_a_confidence_level_with_a_comma_before_ci_is_no_result() -> None:
    values = {(c.endpoint, c.value) for c in outcomes_of(
        SINGLE_ARM + "The ORR among all patients was 29% (95%, CI 17%-44%).")}
    assert ("ORR", "29") in values and ("ORR", "95") not in values


# -- the patients behind a share are no arm's size --------------------------------------------------

def test_a_count_after_a_share_in_an_arm_is_not_the_arms_size() -> None:
    claims = outcomes_of(
        "Vimseltinib Raises Response Rates vs Placebo for TGCT\n\n"
        "At week 25, the ORR was 48.0% with vimseltinib vs 4.1% with placebo (P <.0001). In the vimseltinib "
        "arm, 3.2% (n = 2) of patients stopped treatment because of adverse events.")
    sizes = {c.value: c.n for c in claims if c.endpoint == "ORR"}
    assert "48.0" in sizes and sizes["48.0"] != 2


# -- groups that qualify the study's subtype by a trait ---------------------------------------------

def test_groups_that_qualify_one_subtype_by_a_trait_are_subgroups() -> None:
    rows = {(c.endpoint, c.value): c.subgroup for c in outcomes_of(
        "Paclitaxel for angiosarcoma: a retrospective review\n\nResults: We reviewed 40 patients with "
        "angiosarcoma given paclitaxel. The median PFS was 5.0 months. Patients with cutaneous AS had a longer "
        "PFS (9.0 vs. 2.2 months, p = 0.01) than those with visceral AS.")}
    assert rows.get(("PFS_median", "5.0")) == ""
    assert rows.get(("PFS_median", "9.0")) == "cutaneous AS" and rows.get(("PFS_median", "2.2")) == "visceral AS"


def test_groups_that_name_two_subtypes_alone_stay_populations() -> None:
    rows = {(c.endpoint, c.value): c.subgroup for c in outcomes_of(
        SINGLE_ARM + "Patients with leiomyosarcoma had longer PFS than patients with liposarcoma (6.6 vs 2.4 months).")}
    assert rows.get(("PFS_median", "6.6")) == "" and rows.get(("PFS_median", "2.4")) == ""


# -- subgroups the earlier rules did not read --------------------------------------------------------

def test_a_result_of_responders_is_the_responders_not_the_whole_study() -> None:
    rows = {(c.endpoint, c.value): c.subgroup for c in outcomes_of(
        SINGLE_ARM + "The median PFS was 3.4 months. The median PFS in responding patients was 8.8 months, "
        "against 2.1 months in non-responders.")}
    assert rows.get(("PFS_median", "3.4")) == ""
    assert rows.get(("PFS_median", "8.8")) == "responders" and rows.get(("PFS_median", "2.1")) == "non-responders"


def test_a_duration_of_response_among_responders_keeps_no_subgroup() -> None:
    rows = {(c.endpoint, c.value): c.subgroup for c in outcomes_of(
        SINGLE_ARM + "The median duration of response among responders was 6.3 months.")}
    assert rows.get(("DoR_median", "6.3")) == ""


def test_patients_treated_with_the_first_line_regimen_are_a_line_subgroup() -> None:
    rows = {(c.endpoint, c.value): c.subgroup for c in outcomes_of(
        SINGLE_ARM + "The ORR was 21% overall. Among the 19 patients treated with the first-line regimen, the ORR "
        "was 36.8% (7/19).")}
    assert rows.get(("ORR", "21")) == "" and rows.get(("ORR", "36.8")) == "first line"


def test_pairs_before_between_two_dose_groups_go_to_the_groups_in_order() -> None:
    rows = {(c.endpoint, c.value): c.subgroup for c in outcomes_of(
        SINGLE_ARM + "The ORR was 22%. ORR (30.0% vs 14.3%) did not differ between the high-dose group "
        "(mean 710 mg) and the low-dose group (mean 480 mg).")}
    assert rows.get(("ORR", "22")) == ""
    assert rows.get(("ORR", "30.0")) == "high-dose" and rows.get(("ORR", "14.3")) == "low-dose"


def test_groups_that_survived_longer_take_the_pair_that_names_its_endpoint() -> None:
    rows = {(c.endpoint, c.value): c.subgroup for c in outcomes_of(
        SINGLE_ARM + "The median OS was 14 months. Patients with a normal albumin survived longer than those with "
        "hypoalbuminaemia (median OS 26 vs 9 months; P = 0.01).")}
    assert rows.get(("OS_median", "14")) == ""
    assert rows.get(("OS_median", "26")) == "normal albumin" and rows.get(("OS_median", "9")) == "hypoalbuminaemia"


# -- an enrolment given in two parts --------------------------------------------------------------

def test_patients_enrolled_in_two_parts_of_one_sentence_add_up() -> None:
    records = records_of(
        "Palbociclib in liposarcoma: a phase 2 trial\n\nResults: In all, 24 patients were enrolled in the first "
        "stage and 21 more in the second stage. The median PFS was 16.0 weeks.")
    assert records.study.n_enrolled == 45


# -- survival endpoints that are not overall survival ----------------------------------------------

def test_recurrence_free_survival_keeps_its_value_from_overall_survival() -> None:
    rows = {(c.endpoint, c.value) for c in outcomes_of(
        SINGLE_ARM + "Median recurrence-free survival and overall survival were 5.9 and 15.4 months, respectively.")}
    assert ("OS_median", "15.4") in rows and ("OS_median", "5.9") not in rows


def test_disease_specific_survival_is_not_overall_survival() -> None:
    rows = {(c.endpoint, c.value) for c in outcomes_of(
        SINGLE_ARM + "The 5-year disease-specific survival rate was 44%. A larger tumour predicted worse "
        "disease-specific survival (HR 1.21; 95% CI 1.05-1.39).")}
    assert not {e for e, _ in rows} & {"OS_rate", "HR_OS"}


def test_a_time_nobody_survived_past_is_no_median() -> None:
    rows = {(c.endpoint, c.value): c.subgroup for c in outcomes_of(
        SINGLE_ARM + "The 2-year survival was 47% in the resection group compared to no survivors past 2 years "
        "in the palliative group (P < .001).")}
    assert ("OS_median", "2") not in rows
    assert rows.get(("OS_rate", "47")) == "resection"


# -- a title that names its trial with a year --------------------------------------------------------

def test_a_title_naming_its_trial_with_a_year_is_still_the_title() -> None:
    records = records_of(
        "Maintenance Vinorelbine in Children With High-Risk Rhabdomyosarcoma: Final Analysis of the Nordic "
        "Paediatric Sarcoma Network RMS 2011 Trial\n\n"
        "The trial compared maintenance with stopping treatment in 300 children. The 5-year OS rate was 81.2% "
        "in the maintenance arm.")
    assert records.study.population == "RMS"
    assert {c.population for c in records.outcomes} == {("RMS",)}


def test_a_line_with_a_year_of_publication_is_no_title() -> None:
    from corpus import parse as parse_text
    doc = parse_text("Sarcoma Res Treat 2019 Volume 12 Issue 4 pages 10-18\n\nResults: We treated 20 patients with "
                     "leiomyosarcoma.\n", "c16.txt")
    assert doc.metadata.title == ""


def test_complete_and_partial_responses_among_responders_keep_no_subgroup() -> None:
    rows = {(c.endpoint, c.value): c.subgroup for c in outcomes_of(
        SINGLE_ARM + "Among responders were two complete responses (4%) and six partial responses (11%).")}
    assert rows.get(("CR_n", "2")) == "" and rows.get(("PR_n", "6")) == ""
