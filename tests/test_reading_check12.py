"""Misreadings found by running the product on unseen real texts (helper check12), fixed as general
rules. Every sentence and number below is made up for the test; none is taken from a paper."""

from __future__ import annotations

from corpus import parse
from extractors.extract import extract

PAZOPANIB = "Pazopanib or placebo in advanced uterine sarcoma: a randomised phase 2 trial\n\n"


def outcomes_of(text: str) -> list:
    return extract(parse(text + "\n", "c12.txt")).outcomes


def adverse_events_of(text: str) -> list:
    return extract(parse(text + "\n", "c12.txt")).adverse_events


def study_of(text: str):
    return extract(parse(text + "\n", "c12.txt")).study


# -- a difference between arms, listed for several endpoints ---------------------------------------

def test_a_gain_for_two_endpoints_by_listed_months_is_no_median() -> None:
    rows = [(c.endpoint, c.value) for c in outcomes_of(
        PAZOPANIB + "Results: Pooled, second-line agents gave a benefit in median OS and PFS by "
        "2.4 and 0.9 months. Median overall survival in our cohort was 14.8 months.")]
    assert ("OS_median", "2.4") not in rows and ("PFS_median", "0.9") not in rows
    assert ("OS_median", "14.8") in rows


def test_a_change_by_listed_months_is_no_median() -> None:
    rows = [(c.endpoint, c.value) for c in outcomes_of(
        PAZOPANIB + "Results: The drug lengthened median OS and PFS by 3.9 and 1.7 months.")]
    assert rows == []


# -- a count printed with its share is not the group's size ----------------------------------------

def test_patients_counted_with_their_share_are_no_group_size() -> None:
    claims = outcomes_of(PAZOPANIB + "Results: Sixty women received pazopanib. By central review, a total of 33 "
                         "patients (55%) had stable disease as their best outcome.")
    sd = next(c for c in claims if c.endpoint == "SD_n")
    assert sd.value == "33" and sd.n != 33


def test_responders_with_a_subtype_do_not_size_that_subtype() -> None:
    claims = outcomes_of(PAZOPANIB + "Results: Histologies were leiomyosarcoma (n = 12) and synovial sarcoma "
                         "(n = 7). Tumour shrinkage meeting PR criteria was observed in three patients with "
                         "synovial sarcoma.")
    pr = next(c for c in claims if c.endpoint == "PR_n")
    assert pr.value == "3" and pr.n != 3


# -- the arm printed after a count ------------------------------------------------------------------

def test_the_arm_named_after_a_count_and_share_is_its_regimen() -> None:
    rows = {(c.endpoint, c.value): c.regimen for c in outcomes_of(
        PAZOPANIB + "Results: The 12-week progression-free rate reached 67% (20/30) receiving pazopanib but only "
        "13% (2/15) receiving placebo.")}
    assert rows[("PFS_rate", "13")] == ("placebo",)
    assert rows[("PFS_rate", "67")] == ("pazopanib",)


# -- adverse events: the arm that is the subject of its clause; no person noun as an event ---------

def test_the_arm_that_is_the_subject_of_a_later_clause_takes_its_events() -> None:
    rows = {(a.term, a.percent): a.regimen for a in adverse_events_of(
        PAZOPANIB + "Results: Grade 3 events in the pazopanib group included fatigue (8%; n=4) and rash "
        "(6%; n=3), whereas the placebo group experienced fatigue (2%; n=1).")}
    assert rows[("fatigue", "2")] == ("placebo",)
    assert rows[("rash", "6")] == ("pazopanib",)
    assert rows[("fatigue", "8")] == ("pazopanib",)


def test_people_counted_out_of_ten_are_no_adverse_event() -> None:
    terms = [a.term for a in adverse_events_of(
        PAZOPANIB + "Side effects\nAbout 8 out of 10 people (78%) reported some unwanted effect of pazopanib.")]
    assert "people" not in terms


# -- the study: its population, phase, size and arm sizes -------------------------------------------

def test_subtypes_listed_with_their_short_forms_are_all_the_population() -> None:
    study = study_of("Drug K with chemotherapy in selected sarcomas: a phase 2 trial\n\nMethods: Adults with "
                     "angiosarcoma (AS), chondrosarcoma (CHS) or leiomyosarcoma (LMS) received drug K with "
                     "dacarbazine every 3 weeks.")
    assert study.population == "AS|CHS|LMS"


def test_a_subtype_defined_as_a_rare_sarcoma_stays_the_population() -> None:
    claims = outcomes_of("Tazemetostat approval explained by an investigator\n\nFew drugs help people with clear "
                         "cell sarcoma, an uncommon sarcoma of tendons. Investigators enrolled 40 patients with "
                         "metastatic clear cell sarcoma. Treatment with tazemetostat gave an overall response "
                         "rate of 20%.")
    assert [(c.endpoint, c.population) for c in claims] == [("ORR", ("CCS",))]


def test_the_phase_of_the_trial_a_result_led_to_is_not_this_studys() -> None:
    study = study_of("Drug K in epithelioid sarcoma\n\nImpact: What we saw has led to a phase 3 "
                     "study of drug K with doxorubicin. This cohort included 50 patients.")
    assert study.phase != "III"


def test_a_count_printed_with_its_share_is_no_enrolment() -> None:
    study = study_of("Cabozantinib in bone sarcomas: a phase 2 trial\n\nResults: Overall, 35 patients (88%) "
                     "could be assessed for efficacy, 20 with osteosarcoma and 15 with Ewing sarcoma.")
    assert study.n_enrolled != 35


def test_an_arm_size_printed_after_the_arms_name_is_its_size() -> None:
    claims = outcomes_of(PAZOPANIB + "Methods: Women were allocated 2:1 to pazopanib (pazopanib group, n=70) or "
                         "to placebo (placebo group, n=35). Results: Progression was recorded for 40 women given "
                         "pazopanib, as compared with 30 in the placebo group. Median PFS was 5.5 months in the "
                         "pazopanib group and 1.9 months in the placebo group.")
    rows = {(c.endpoint, c.value): (c.regimen, c.n) for c in claims}
    assert rows[("PFS_median", "1.9")] == (("placebo",), 35)


# -- short forms per drug, a survival follow-up, a CI joined by "to" --------------------------------

ARMS_TITLE = "Gemcitabine plus docetaxel versus doxorubicin in advanced sarcoma: a randomised phase 3 trial\n\n"


def test_a_short_form_for_each_drug_of_a_combination_names_that_combination() -> None:
    rows = {(c.endpoint, c.value): c.regimen for c in outcomes_of(
        ARMS_TITLE + "Background: We compared gemcitabine plus docetaxel (GEM + DOC) with doxorubicin (DOX).\n"
        "Results: Median PFS favoured GEM + DOC over DOX (7.7 vs 5.1 months).")}
    assert rows[("PFS_median", "7.7")] == ("docetaxel", "gemcitabine")
    assert rows[("PFS_median", "5.1")] == ("doxorubicin",)


def test_a_median_survival_follow_up_is_no_survival_result() -> None:
    rows = [(c.endpoint, c.value) for c in outcomes_of(
        PAZOPANIB + "Results: Median OS was 19.2 months; 41.5 months of median survival follow-up had accrued.")]
    assert ("OS_median", "41.5") not in rows and ("followup_median", "41.5") in rows
    assert ("OS_median", "19.2") in rows


def test_a_percentage_pair_joined_by_to_after_a_rate_is_its_interval() -> None:
    claims = outcomes_of(PAZOPANIB + "Results: The objective response rate was 44% (31% to 58%) with pazopanib "
                         "and 9% (3% to 21%) with placebo.")
    assert sorted((c.value, c.ci_low, c.ci_high) for c in claims if c.endpoint == "ORR") == [
        ("44", "31", "58"), ("9", "3", "21")]


# -- two endpoints and two numbers joined by "and"; a count of stabilised disease; "≤2nd- or ≥3rd-line" --

def test_two_endpoints_and_two_numbers_pair_in_order_without_respectively() -> None:
    rows = [(c.endpoint, c.value) for c in outcomes_of(
        PAZOPANIB + "Results: For the 64 women analysed, median PFS and OS reached 4.4 and 13.8 months.")]
    assert ("PFS_median", "4.4") in rows and ("OS_median", "13.8") in rows
    assert ("OS_median", "4.4") not in rows


def test_patients_with_disease_stabilisation_are_no_control_rate() -> None:
    rows = [(c.endpoint, c.value) for c in outcomes_of(
        PAZOPANIB + "Results: Disease control reached 61.3%, since beyond the responders 57 (38.0%) patients "
        "had disease stabilization.")]
    assert ("DCR", "38.0") not in rows and ("DCR", "61.3") in rows


def test_a_line_word_left_out_after_a_hyphen_still_names_the_first_of_two_groups() -> None:
    claims = outcomes_of(PAZOPANIB + "Results: When pazopanib came as ≤2nd- or ≥3rd-line therapy, the median "
                         "PFS differed: 4.8 versus 3.1 months.")
    assert {c.value: c.subgroup for c in claims} == {"4.8": "≤second line", "3.1": "≥third line"}


# -- a p-value of the next part; shares of patients given later therapies ----------------------------

def test_a_p_value_after_a_semicolon_part_with_its_own_values_is_not_the_earlier_parts() -> None:
    claims = outcomes_of(PAZOPANIB + "Results: Survival was alike (whole trial: HR 0.97, P = .81, median OS 17.2 "
                         "vs 16.4 months; uterine LMS: HR 0.88, P = .52).")
    p_of = {c.value: c.p_value for c in claims}
    assert p_of["17.2"] != ".52" and p_of["16.4"] != ".52"


def test_shares_given_later_therapies_are_no_survival_rates() -> None:
    rows = [(c.endpoint, c.value) for c in outcomes_of(
        PAZOPANIB + "Results: Median OS was 12.9 versus 12.1 months. That OS comparison is blurred by "
        "subsequent therapy lines, which 66% vs 63% of each arm went on to receive.")]
    assert ("OS_rate", "66") not in rows and ("OS_rate", "63") not in rows
    assert ("OS_median", "12.9") in rows


# -- an endpoint named after "for"; a relative improvement; shares of events ------------------------

def test_a_rate_takes_the_endpoint_named_after_for() -> None:
    rows = [(c.endpoint, c.value) for c in outcomes_of(
        PAZOPANIB + "Results: Pooling the cohorts gave 39% (95% CI 27-52) for objective response, and 71% "
        "(60-80) for disease control.")]
    assert ("DCR", "71") in rows and ("ORR", "71") not in rows
    assert ("ORR", "39") in rows


def test_a_relative_improvement_is_no_rate() -> None:
    rows = [(c.endpoint, c.value) for c in outcomes_of(
        PAZOPANIB + "Results: Relative to placebo, median PFS saw a 25% improvement with pazopanib.")]
    assert ("PFS_rate", "25") not in rows


def test_shares_of_events_and_deaths_are_no_rates() -> None:
    rows = [(c.endpoint, c.value) for c in outcomes_of(
        PAZOPANIB + "Results: PFS events totalled 90 (66.2%) on pazopanib and 60 (81.1%) on placebo, deaths "
        "7 (5.1%) and 3 (4.1%). The 6-month PFS rate was 40%.")]
    assert [value for endpoint, value in rows if endpoint == "PFS_rate"] == ["40"]


# -- "overall and event-free survival"; short forms after "combination"; a misspelled drug --------

def test_an_endpoint_named_without_its_last_word_still_takes_its_number() -> None:
    rows = [(c.endpoint, c.value) for c in outcomes_of(
        PAZOPANIB + "Results: At two years, overall and event-free survival stood at 61.5% and 38.0%, "
        "respectively; medians for progression-free and overall survival were 5.2 and 16.9 months, "
        "respectively.")]
    assert ("OS_rate", "61.5") in rows and ("EFS_rate", "38.0") in rows
    assert ("PFS_median", "5.2") in rows and ("OS_median", "16.9") in rows


def test_short_forms_after_the_word_combination_name_both_drugs() -> None:
    text = ("Relapsed Ewing sarcoma: a single-centre series\n\nThirty patients had vincristine and topotecan "
            "combinations (VCR/TOPO) at relapse. Results: Responses to VCR/TOPO reached 47%.\n")
    records = extract(parse(text, "c12.txt"))
    use = text.rindex("VCR/TOPO")
    named = {m.key for m in records.mentions if m.type == "drug" and use <= m.evidence.start < use + 8}
    assert named == {"vincristine", "topotecan"}


def test_a_common_misspelling_of_a_drug_is_that_drug() -> None:
    claims = outcomes_of("Irinotecan and temozolamide for relapsed Ewing sarcoma: a retrospective series\n\n"
                         "Results: Of the 25 patients treated, 12 (48%) responded objectively.")
    assert [c.regimen for c in claims if c.endpoint == "ORR"] == [("irinotecan", "temozolomide")]


# -- a list of groups each named after its number ------------------------------------------------

def test_each_number_of_a_list_of_groups_takes_its_group_and_size() -> None:
    claims = outcomes_of(PAZOPANIB + "Results: Objective responses came to 45% (18/40) in all patients, with "
                         "60% (6/10) in pelvic tumours and 40% (12/30) in trunk tumours.")
    rows = {c.value: (c.subgroup, c.n) for c in claims if c.endpoint == "ORR"}
    assert rows["60"] == ("pelvic tumours", 10)
    assert rows["40"] == ("trunk tumours", 30)
    assert rows["45"][0] == ""


def test_groups_that_are_only_subtypes_or_arms_get_no_subgroup_label() -> None:
    claims = outcomes_of(PAZOPANIB + "Results: The ORR was 21% in leiomyosarcoma and 9% in liposarcoma; median PFS "
                         "was 4.6 months in the pazopanib arm and 1.6 months in the placebo arm.")
    assert {c.subgroup for c in claims} == {""}
