"""Result statements read in the tenth reading pass (seventh pass of docs/reading-notes.md). Every
sentence and number is made up for the test; none is taken from a paper."""

from __future__ import annotations

from corpus import parse
from extractors.extract import extract


def rows_of(text: str) -> dict[tuple[str, str], tuple[str, ...]]:
    """(endpoint, value) -> regimen for each outcome row."""
    return {(c.endpoint, c.value): c.regimen for c in extract(parse(text + "\n", "r10.txt")).outcomes}


def outcomes_of(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """(endpoint, value, population) of each outcome row."""
    return [(c.endpoint, c.value, c.population) for c in extract(parse(text + "\n", "r10.txt")).outcomes]


def timepoints_of(text: str) -> dict[tuple[str, str], str]:
    """(endpoint, value) -> timepoint for each outcome row."""
    return {(c.endpoint, c.value): c.timepoint for c in extract(parse(text + "\n", "r10.txt")).outcomes}


# -- whose treatment ---------------------------------------------------------------------------

def test_a_treatment_of_a_few_patients_in_a_series_is_no_regimen() -> None:
    text = ("Clinical course of desmoplastic small round cell tumour: a two-centre series\n\n"
            "We retrospectively analysed 60 patients seen between 2001 and 2020. Nine patients were given "
            "pazopanib on an early-phase protocol. Most tumours arose in the abdomen. "
            "The median overall survival was 21 months.")
    assert rows_of(text)[("OS_median", "21")] == ()


def test_a_share_of_patients_given_a_treatment_is_no_regimen() -> None:
    text = ("Desmoplastic small round cell tumour in adults\n\n"
            "A total of 52 patients were reviewed. The proportion of patients who received doxorubicin "
            "was 58%. Median follow-up was 3.1 years. "
            "Median overall survival was 19.5 months.")
    rows = rows_of(text)
    assert rows[("OS_median", "19.5")] == ()
    assert rows[("followup_median", "3.1")] == ()


def test_a_treatment_of_the_whole_series_stays_its_regimen() -> None:
    text = ("Outcomes in metastatic synovial sarcoma: a single-centre series\n\n"
            "We retrospectively analysed 40 patients. Forty patients received pazopanib as second-line "
            "therapy. The median progression-free survival was 4.4 months.")
    assert rows_of(text)[("PFS_median", "4.4")] == ("pazopanib",)


def test_an_enrolment_counted_by_subtype_is_a_pooled_population() -> None:
    text = ("T-cell therapy in advanced sarcoma: a phase 2 trial\n\n"
            "We enrolled 31 patients with synovial sarcoma and 9 with myxoid liposarcoma. The ORR was 33% overall, "
            "35% in synovial sarcoma and 22% in myxoid liposarcoma.")
    rows = outcomes_of(text)
    assert ("ORR", "33", ("MLPS", "SS")) in rows
    assert ("ORR", "22", ("MLPS",)) in rows


def test_arms_labelled_by_subtype_are_cohorts_of_that_subtype() -> None:
    text = ("Nivolumab in advanced sarcomas: a phase 2 study\n\n"
            "Patients with soft-tissue sarcoma (Arm A) or bone sarcoma (Arm B) received nivolumab every 2 weeks. "
            "In Arm A, the ORR was 12.5%. In Arm B, the ORR was 4%.")
    rows = outcomes_of(text)
    assert ("ORR", "12.5", ("STS",)) in rows
    assert ("ORR", "4", ("BS",)) in rows


# -- endpoints the sentence before names -------------------------------------------------------

def test_a_bare_rate_goes_on_with_the_survival_endpoint_of_the_sentence_before() -> None:
    text = ("Cabozantinib versus placebo in relapsed osteosarcoma: a randomised trial\n\n"
            "Median progression-free survival was 6.1 months with cabozantinib vs 3.0 months with placebo. "
            "At 6 months the rate stood at 52.0% against 31.0%.")
    rows = extract(parse(text + "\n", "r10.txt")).outcomes
    found = {(c.endpoint, c.value): (c.timepoint, c.regimen) for c in rows}
    assert found[("PFS_rate", "52.0")] == ("6 months", ("cabozantinib",))
    assert found[("PFS_rate", "31.0")] == ("6 months", ("placebo",))


def test_bare_rates_at_two_timepoints_after_an_overall_survival_sentence() -> None:
    text = ("Cabozantinib versus placebo in relapsed osteosarcoma: a randomised trial\n\n"
            "Median overall survival was 16.1 months with cabozantinib vs 13.0 months with placebo. "
            "Rates at 12 and 24 months were 60% vs 50% and 30% vs 20%.")
    found = timepoints_of(text)
    assert found[("OS_rate", "60")] == "12 months"
    assert found[("OS_rate", "20")] == "24 months"


def test_a_complication_rate_is_no_survival_rate() -> None:
    text = ("Cabozantinib in relapsed osteosarcoma\n\n"
            "Median progression-free survival was 6.1 months. The wound complication rate at 3 months was 12%.")
    assert not any(value == "12" for _, value, _ in outcomes_of(text))


def test_an_elliptical_clause_with_two_groups_goes_on_with_the_endpoint_before() -> None:
    text = ("Eribulin in soft tissue sarcoma: an observational study\n\n"
            "The median PFS was 2.7 months; it was 4.6 months in leiomyosarcoma and 1.7 months in liposarcoma.")
    rows = outcomes_of(text)
    assert ("PFS_median", "4.6", ("LMS",)) in rows
    assert ("PFS_median", "1.7", ("LPS",)) in rows


def test_a_group_of_the_next_clause_is_not_the_first_numbers() -> None:
    text = ("Eribulin in soft tissue sarcoma: an observational study\n\n"
            "The median PFS was 2.7 months, and it was 4.6 months in leiomyosarcoma.")
    rows = outcomes_of(text)
    assert ("PFS_median", "2.7", ("STS",)) in rows
    assert ("PFS_median", "4.6", ("LMS",)) in rows


# -- lists -------------------------------------------------------------------------------------

def test_a_respectively_list_of_hazard_ratios_gives_each_endpoint_its_ratio() -> None:
    text = ("Regorafenib in soft tissue sarcoma: a meta-analysis\n\n"
            "Across the trials, hazard ratios for PFS and OS came to 0.62 (95% CI 0.50-0.77) and 0.91 "
            "(95% CI 0.70-1.18), respectively.")
    assert {(e, v) for e, v, _ in outcomes_of(text)} == {("HR_PFS", "0.62"), ("HR_OS", "0.91")}


def test_three_times_sharing_one_unit_are_all_read() -> None:
    text = ("Trabectedin in advanced leiomyosarcoma\n\n"
            "The median PFS was 6.2, 2.4 and 8.8 months in cohorts A, B and C, respectively.")
    assert {v for e, v, _ in outcomes_of(text) if e == "PFS_median"} == {"6.2", "2.4", "8.8"}


def test_post_relapse_survival_at_two_timepoints_without_a_first_hyphen() -> None:
    text = ("High-dose chemotherapy in relapsed Ewing sarcoma\n\n"
            "Two and three-year post-relapse survival reached 58% and 41%, respectively.")
    assert timepoints_of(text) == {("OS_rate", "58"): "2 years", ("OS_rate", "41"): "3 years"}


# -- numbers that are no result ----------------------------------------------------------------

def test_shares_of_response_categories_after_the_rate_are_no_response_rates() -> None:
    text = ("Ripretinib in KIT exon 17 GIST: a phase 2 study\n\n"
            "Responses were seen in 44% of patients, with 7% complete responses among them.")
    assert [(e, v) for e, v, _ in outcomes_of(text)] == [("ORR", "44")]


def test_an_added_span_of_follow_up_and_a_duration_bound_are_no_medians() -> None:
    text = ("Vimseltinib in tenosynovial giant cell tumour: a phase 3 trial\n\n"
            "The ORR was 38%. With a further 9 months of observation, 20 responders kept their response "
            "for 6 months or more. The estimate of a DOR of ≥12 months was 88.0%.")
    assert [(e, v) for e, v, _ in outcomes_of(text)] == [("ORR", "38")]


def test_a_week_number_before_a_response_category_counts_no_patients() -> None:
    text = ("Cediranib in alveolar soft part sarcoma\n\n"
            "The best response up to week 16 was a partial response, seen in 5 of 30 patients (17%).")
    rows = {(e, v) for e, v, _ in outcomes_of(text)}
    assert ("ORR", "17") in rows
    assert not any(e.endswith("_n") and v == "16" for e, v in rows)


def test_an_age_naming_a_group_is_no_median() -> None:
    text = ("Pazopanib in angiosarcoma: a phase 2 study\n\n"
            "Median PFS was 8.4 months in patients younger than 65 years and 5.1 months in older patients. "
            "In patients aged ≥70 years, median OS was 11.2 months.")
    assert {v for _, v, _ in outcomes_of(text)} == {"8.4", "5.1", "11.2"}


def test_a_duration_naming_a_group_is_no_timepoint() -> None:
    text = ("Adjuvant imatinib in gastrointestinal stromal tumours: a randomised trial\n\n"
            "Five-year overall survival stood at 88% in the 3-year group and 79% in the 1-year group.")
    assert timepoints_of(text) == {("OS_rate", "88"): "5 years", ("OS_rate", "79"): "5 years"}


# -- clauses and populations -------------------------------------------------------------------

def test_a_breakdown_after_including_leaves_the_response_rate_before_it() -> None:
    text = ("Pazopanib in advanced sarcoma\n\n"
            "Objective responses occurred in 9 patients (28%), including 2 complete responses.")
    assert ("ORR", "28") in {(e, v) for e, v, _ in outcomes_of(text)}


def test_the_rate_before_a_colon_is_the_whole_cohorts_not_its_first_subtypes() -> None:
    text = ("Nivolumab in advanced soft tissue sarcoma: a phase 2 study\n\n"
            "Responses totalled six (ORR 15.0%): leiomyosarcoma (3 of 12), synovial sarcoma "
            "(2 of 10) and angiosarcoma (1 of 8).")
    assert ("ORR", "15.0", ("STS",)) in outcomes_of(text)


# -- arms --------------------------------------------------------------------------------------

def test_the_second_number_of_a_pair_after_a_named_arm_is_the_other_arms() -> None:
    text = ("Doxorubicin versus gemcitabine in leiomyosarcoma: a randomised trial\n\n"
            "Patients were randomly assigned to doxorubicin or gemcitabine. "
            "The response rate came out higher on gemcitabine (31% vs. 22%).")
    rows = rows_of(text)
    assert rows[("ORR", "31")] == ("gemcitabine",)
    assert rows[("ORR", "22")] == ("doxorubicin",)


def test_a_parenthesised_pair_after_two_compared_arms_follows_their_printed_order() -> None:
    title = "Eribulin versus dacarbazine in liposarcoma: a randomised phase 3 trial\n\n"
    improved = rows_of(title + "Eribulin lengthened median OS by 5.1 months over dacarbazine (13.2 vs 8.1 months).")
    assert improved[("OS_median", "13.2")] == ("eribulin",)
    assert improved[("OS_median", "8.1")] == ("dacarbazine",)
    reversed_order = rows_of(title + "Median OS was shorter with dacarbazine than with eribulin (8.1 vs 13.2 months).")
    assert reversed_order[("OS_median", "8.1")] == ("dacarbazine",)
    assert reversed_order[("OS_median", "13.2")] == ("eribulin",)


def test_numbered_groups_listed_in_one_randomisation_sentence_are_the_arms() -> None:
    text = ("Maintenance strategies in rhabdomyosarcoma: a randomised trial\n\n"
            "Patients were randomly assigned to one of four groups: group 1 received vinorelbine, group 2 received "
            "vinorelbine plus cyclophosphamide, group 3 received temsirolimus and group 4 received observation "
            "only. The 3-year OS was 72%, 78%, 70% and 65% in groups 1, 2, 3 and 4, respectively.")
    rows = rows_of(text)
    assert rows[("OS_rate", "72")] == ("vinorelbine",)
    assert rows[("OS_rate", "78")] == ("cyclophosphamide", "vinorelbine")
    assert rows[("OS_rate", "70")] == ("temsirolimus",)
    assert rows[("OS_rate", "65")] == ()


def test_a_response_duration_in_a_placebo_controlled_trial_is_the_drug_arms() -> None:
    text = ("Pexidartinib in tenosynovial giant cell tumour: a phase 3 trial\n\n"
            "Patients were randomized to receive either pexidartinib (n = 60) or placebo (n = 30). Responses "
            "were seen in 35% on pexidartinib and in none on placebo. The median response duration has not been "
            "reached.")
    assert rows_of(text)[("DoR_median", "NR")] == ("pexidartinib",)


def test_a_response_duration_between_two_drug_arms_names_no_arm() -> None:
    text = ("Doxorubicin versus gemcitabine in leiomyosarcoma: a randomised trial\n\n"
            "Patients were randomly assigned to doxorubicin or gemcitabine. The median duration of response was "
            "6.1 months.")
    assert rows_of(text)[("DoR_median", "6.1")] == ()


def test_a_hazard_ratio_beside_the_placebo_only_is_the_studied_drugs() -> None:
    text = ("Zalunatinib in progressing desmoid tumours: a randomised trial\n\n"
            "Against placebo, the treatment cut the hazard of progression (HR 0.41; P = 0.002).")
    assert rows_of(text)[("HR_PFS", "0.41")] == ("zalunatinib",)


def test_a_pair_naming_no_arm_follows_the_arms_of_the_sentence_before() -> None:
    text = ("Regorafenib in advanced sarcoma: a randomised placebo-controlled trial\n\n"
            "In the synovial sarcoma cohort, median PFS was 2.6 months with regorafenib and 1.2 months with "
            "placebo. In the leiomyosarcoma cohort, median PFS was 4.2 versus 1.5 months.")
    rows = rows_of(text)
    assert rows[("PFS_median", "4.2")] == ("regorafenib",)
    assert rows[("PFS_median", "1.5")] == ("placebo",)


def test_respectively_follows_the_sized_groups_of_the_sentence_before() -> None:
    text = ("Doxorubicin combinations in leiomyosarcoma: a retrospective study\n\n"
            "Patients received doxorubicin plus dacarbazine (n = 52), doxorubicin plus ifosfamide (n = 40) or "
            "doxorubicin alone (n = 61). The ORR was 27.0%, 21.5% and 14.8%, respectively.")
    rows = rows_of(text)
    assert rows[("ORR", "27.0")] == ("dacarbazine", "doxorubicin")
    assert rows[("ORR", "21.5")] == ("doxorubicin", "ifosfamide")
    assert rows[("ORR", "14.8")] == ("doxorubicin",)


# -- other forms -------------------------------------------------------------------------------

def test_medians_written_in_words() -> None:
    text = ("Pazopanib in angiosarcoma: a phase 2 study\n\n"
            "Median progression-free survival was six months and median overall survival was eighteen months. "
            "After a median follow-up of twenty-two months, the disease had not progressed at two years in 9.")
    rows = {(e, v) for e, v, _ in outcomes_of(text)}
    assert {("PFS_median", "6"), ("OS_median", "18"), ("followup_median", "22")} <= rows
    assert not any(v == "2" for _, v in rows)


def test_rates_of_the_alive_and_the_progression_free_at_a_timepoint_in_words() -> None:
    text = ("Avapritinib in gastrointestinal stromal tumours: a phase 1 trial\n\n"
            "At one year, 81% of patients were alive and 57% were free of progression. Three years after "
            "starting treatment, 49% of patients were alive.")
    assert timepoints_of(text) == {("OS_rate", "81"): "1 year", ("PFS_rate", "57"): "1 year",
                                   ("OS_rate", "49"): "3 years"}


def test_a_news_report_that_cites_nothing_reports_the_trial_it_names_first() -> None:
    text = ("Cell therapy shows durable responses in synovial sarcoma\n\n"
            "Letetresgene autoleucel met the main goal of the ORCA-7 study, investigators said. "
            "First results from ORCA-7 presented at a spring meeting showed an objective response rate of 37%.")
    scopes = {(c.endpoint, c.value): c.scope for c in extract(parse(text + "\n", "r10.txt")).outcomes}
    assert scopes[("ORR", "37")] == "primary"
