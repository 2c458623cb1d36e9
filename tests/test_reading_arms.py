"""Results that compare arms: the two values of a change ("improved median PFS from 1.5 to 4.2
months") bind to the control and the experimental arm. Every sentence is made up for the test."""

from __future__ import annotations

from corpus import parse
from extractors.extract import extract
from extractors.records import OutcomeClaim

RANDOMIZED = ("Trabectedin versus dacarbazine in advanced liposarcoma: a randomized phase III trial\n\nResults\n\n"
              "We randomly assigned 90 patients to trabectedin (n = 60) or dacarbazine (n = 30). ")
PLACEBO = ("Pazopanib or placebo in pretreated soft tissue sarcoma: a randomized trial\n\nResults\n\n"
           "Patients were randomly assigned to pazopanib (n = 80) or placebo (n = 40). ")
SINGLE_ARM = ("Pazopanib in advanced angiosarcoma: a single-arm phase II trial\n\nResults\n\n"
              "Forty patients were treated. ")


def outcomes_of(text: str) -> list[OutcomeClaim]:
    return extract(parse(text + "\n", "arms.txt")).outcomes


def by_value(claims: list[OutcomeClaim]) -> dict[str, tuple[tuple[str, ...], int | None, str]]:
    return {c.value: (c.regimen, c.n, c.p_value) for c in claims}


def test_a_change_gives_the_control_first_and_the_experimental_arm_second() -> None:
    claims = outcomes_of(RANDOMIZED + "Trabectedin improved median PFS from 1.5 to 4.2 months (P < 0.001).")
    assert by_value([c for c in claims if c.endpoint == "PFS_median"]) == {
        "1.5": (("dacarbazine",), 30, "<0.001"), "4.2": (("trabectedin",), 60, "<0.001")}


def test_a_change_with_a_percent_and_a_placebo_control() -> None:
    claims = outcomes_of(PLACEBO + "The 12-week PFS rate rose from 23% to 51% with pazopanib.")
    rates = {c.value: c.regimen for c in claims if c.endpoint == "PFS_rate"}
    assert rates == {"23": ("placebo",), "51": ("pazopanib",)}


def test_an_arm_named_right_after_a_value_of_a_change_still_wins() -> None:
    claims = outcomes_of(PLACEBO + "Median OS went from 10.2 months with pazopanib to 8.9 months with placebo.")
    assert {c.value: c.regimen for c in claims if c.endpoint == "OS_median"} == {
        "10.2": ("pazopanib",), "8.9": ("placebo",)}


def test_a_range_after_a_change_verb_is_no_comparison_of_arms() -> None:
    claims = outcomes_of(RANDOMIZED + "Trabectedin prolonged PFS in responders, whose PFS ranged from 3 to 11 months.")
    assert not [c for c in claims if c.value in {"3", "11"}]


def test_a_change_in_a_single_arm_study_stays_with_the_study() -> None:
    claims = outcomes_of(SINGLE_ARM + "Pazopanib improved the median PFS from 3.0 to 5.5 months compared with the "
                         "line before.")
    medians = [c for c in claims if c.endpoint == "PFS_median"]
    assert {c.value for c in medians} == {"3.0", "5.5"}
    assert {c.group for c in medians} == {""}


def test_a_cited_change_takes_the_added_drug_for_its_later_value() -> None:
    body = ("Introduction\n\nAdding olaratumab to doxorubicin improved median OS from 14.7 to 26.5 months [1].\n\n"
            "References\n\n1. Smith A, Jones B. A randomized trial. J Clin Oncol. 2016;34:1-9.\n")
    claims = outcomes_of("Pazopanib in sarcoma: a review\n\n" + body)
    cited = {c.value: c.regimen for c in claims if c.scope == "cited"}
    assert cited == {"14.7": ("doxorubicin",), "26.5": ("doxorubicin", "olaratumab")}


def test_patients_receiving_a_drug_name_the_arm_of_the_number_before() -> None:
    claims = outcomes_of(PLACEBO + "The median PFS was 17.0 weeks for patients receiving pazopanib and 7.1 weeks "
                         "for patients receiving placebo.")
    assert {c.value: c.regimen for c in claims if c.endpoint == "PFS_median"} == {
        "17.0": ("pazopanib",), "7.1": ("placebo",)}


def test_a_responder_count_followed_by_the_treatment_received() -> None:
    claims = outcomes_of(PLACEBO + "At 12 weeks, 21 of 30 patients (70%) receiving pazopanib were free of "
                         "progression, compared with 2 of the 16 patients (13%) receiving placebo.")
    assert {(c.value, c.regimen, c.n) for c in claims if c.endpoint == "PFS_rate"} == {
        ("70", ("pazopanib",), 30), ("13", ("placebo",), 16)}


def test_a_timepoint_after_a_compared_pair_is_both_rates() -> None:
    claims = outcomes_of(PLACEBO + "Progression-free survival was 77.5% vs 28.0% at 12 weeks and 49.0% vs 10.5% at "
                         "24 weeks.")
    assert {(c.value, c.timepoint, c.regimen) for c in claims} == {
        ("77.5", "12 weeks", ("pazopanib",)), ("28.0", "12 weeks", ("placebo",)),
        ("49.0", "24 weeks", ("pazopanib",)), ("10.5", "24 weeks", ("placebo",))}


def test_the_single_agent_arm_is_the_control() -> None:
    head = ("Gemcitabine plus docetaxel versus gemcitabine alone in leiomyosarcoma: a randomised phase 3 trial\n\n"
            "Results\n\nWe randomly assigned 100 patients to gemcitabine plus docetaxel (n = 50) or gemcitabine "
            "alone (n = 50). ")
    claims = outcomes_of(head + "The median follow-up was 30.2 months in the combination arm vs 29.5 months in the "
                         "single-agent arm.")
    assert {c.value: c.regimen for c in claims} == {"30.2": ("docetaxel", "gemcitabine"), "29.5": ("gemcitabine",)}


def test_rates_over_timepoints_closed_by_an_arm_are_that_arms() -> None:
    head = ("Gemcitabine plus docetaxel versus gemcitabine alone in leiomyosarcoma: a randomised phase 3 trial\n\n"
            "Results\n\nWe randomly assigned 100 patients to gemcitabine plus docetaxel (n = 50) or gemcitabine "
            "alone (n = 50). ")
    claims = outcomes_of(head + "The 12- and 24-month PFS rates were 17.0% and 6.5% in the monotherapy group "
                         "compared with 47.9% and 26.0%, respectively, in the combination group.")
    assert {(c.value, c.timepoint, c.regimen) for c in claims} == {
        ("17.0", "12 months", ("gemcitabine",)), ("6.5", "24 months", ("gemcitabine",)),
        ("47.9", "12 months", ("docetaxel", "gemcitabine")), ("26.0", "24 months", ("docetaxel", "gemcitabine"))}


def test_one_compared_pair_per_listed_timepoint() -> None:
    claims = outcomes_of(PLACEBO + "PFS rates at 12 and 24 weeks were 51.0% vs 14.5% and 27.5% vs 5.0%.")
    assert {(c.value, c.timepoint, c.regimen) for c in claims} == {
        ("51.0", "12 weeks", ("pazopanib",)), ("14.5", "12 weeks", ("placebo",)),
        ("27.5", "24 weeks", ("pazopanib",)), ("5.0", "24 weeks", ("placebo",))}


REVIEW = ("Eribulin in sarcoma: a review\n\nIntroduction\n\n{body}\n\nReferences\n\n"
          "1. Smith A, Jones B. A first randomised trial. Lancet. 2012;379:1-9.\n"
          "2. Brown C, White D. A second randomised trial. J Clin Oncol. 2016;34:1-9.\n")


def cited(body: str) -> dict[str, tuple[str, ...]]:
    return {c.value: c.regimen for c in outcomes_of(REVIEW.format(body=body)) if c.scope == "cited"}


def test_a_cited_pair_compared_in_order_takes_the_two_regimens_in_order() -> None:
    assert cited("In a randomised trial, pazopanib improved PFS compared with placebo (4.4 vs 1.7 months) [1].") == {
        "4.4": ("pazopanib",), "1.7": ("placebo",)}


def test_a_cited_change_with_the_control_named_after_its_first_value() -> None:
    assert cited("Trabectedin prolonged median PFS from 1.6 months with dacarbazine to 4.0 months [2].") == {
        "1.6": ("dacarbazine",), "4.0": ("trabectedin",)}


def test_a_hazard_ratio_for_death_with_the_arms_compared() -> None:
    claims = outcomes_of(PLACEBO + "The hazard ratio for death with pazopanib versus placebo was 0.84 (95% CI "
                         "0.66-1.08).")
    assert [(c.endpoint, c.value, c.regimen, c.ci_low) for c in claims] == [
        ("HR_OS", "0.84", ("pazopanib",), "0.66")]


NEWS = "Regorafenib approved for advanced sarcoma\n\nThe approval rests on a phase 3 trial of 180 patients. "


def test_regimens_listed_after_a_run_with_respectively_pair_with_the_numbers_in_order() -> None:
    claims = outcomes_of(NEWS + "Median overall survival was 14.2 versus 7.9 months for regorafenib and placebo, "
                         "respectively (HR, 0.52; 95% CI, 0.33-0.81).")
    medians = {c.value: c.regimen for c in claims if c.endpoint == "OS_median"}
    assert medians == {"14.2": ("regorafenib",), "7.9": ("placebo",)}
    assert [c.regimen for c in claims if c.endpoint == "HR_OS"] == [("regorafenib",)]


def test_groups_named_by_regimen_before_respectively_bind_the_arms_of_a_randomly_assigned_trial() -> None:
    text = ("Eribulin or dacarbazine in leiomyosarcoma\n\nResults\n\nResearchers randomly assigned 300 patients 2:1 "
            "to eribulin or dacarbazine. Median OS was 13.1 and 11.2 months for the eribulin group and the "
            "dacarbazine group, respectively (HR 0.80; P = .03).")
    records = extract(parse(text + "\n", "arms.txt"))
    assert records.frame.design == "randomized"
    medians = {c.value: c.regimen for c in records.outcomes if c.endpoint == "OS_median"}
    assert medians == {"13.1": ("eribulin",), "11.2": ("dacarbazine",)}
    assert [c.regimen for c in records.outcomes if c.endpoint == "HR_OS"] == [("eribulin",)]


def test_a_drug_plus_placebo_arm_stays_one_regimen() -> None:
    claims = outcomes_of(NEWS + "Median PFS was 6.0 months with doxorubicin plus placebo (HR, 0.90).")
    assert {c.regimen for c in claims if c.endpoint == "PFS_median"} == {("doxorubicin", "placebo")}


REAL_WORLD = ("Imatinib in desmoid tumours: a retrospective review\n\nResults\n\n"
              "We reviewed 40 patients, 22 treated with imatinib and 18 with other agents. ")


def test_a_comparator_group_named_by_its_role_does_not_take_the_drug_named_before_it() -> None:
    claims = outcomes_of(REAL_WORLD + "The ORR was 40.9% with imatinib vs 16.7% with the standard-of-care group "
                         "(P = .12). Median time to response was 5.1 months with imatinib and 6.3 months with "
                         "other therapies.")
    by = {c.value: c.regimen for c in claims}
    assert by["40.9"] == ("imatinib",) and by["5.1"] == ("imatinib",)
    assert by["16.7"] == () and by["6.3"] == ()


def test_a_second_cohort_of_the_same_drug_keeps_the_drug() -> None:
    claims = outcomes_of(REAL_WORLD + "The ORR was 30% with imatinib in the expansion cohort and 25% in the "
                         "escalation cohort.")
    assert {c.value: c.regimen for c in claims if c.endpoint == "ORR"} == {"30": ("imatinib",), "25": ("imatinib",)}


def test_disease_control_with_a_drug_does_not_make_that_drug_the_control_arm() -> None:
    text = ("Pazopanib versus gemcitabine in leiomyosarcoma\n\nMethods\n\nPatients were randomized 2:1 to pazopanib "
            "(n = 120) or gemcitabine (n = 60). Earlier reports showed superior disease control with pazopanib.\n\n"
            "Results\n\nMedian OS was 14.0 versus 12.1 months (HR 0.81).")
    records = extract(parse(text + "\n", "arms.txt"))
    assert [(a.regimen, a.role) for a in records.frame.arms] == [(("pazopanib",), "experimental"),
                                                                (("gemcitabine",), "control")]
    assert [c.regimen for c in records.outcomes if c.endpoint == "HR_OS"] == [("pazopanib",)]


ROLES = ("Sunitinib plus nivolumab in metastatic sarcoma: a randomised phase II news report\n\n"
         "Single-agent nivolumab showed little activity, with an ORR of 4%. ")


def test_arms_named_by_role_take_the_combination_or_the_drug_given_alone() -> None:
    claims = outcomes_of(ROLES + "The clinical benefit rate was 31% with the combination and 12% with monotherapy. "
                         "OS was 9.4 months and PFS was 1.9 months in the monotherapy arm.")
    by = {c.value: c.regimen for c in claims}
    assert by["31"] == ("nivolumab", "sunitinib")
    assert by["12"] == by["9.4"] == by["1.9"] == by["4"] == ("nivolumab",)


def test_a_combination_listed_with_a_slash_before_respectively_is_one_arm() -> None:
    claims = outcomes_of(ROLES + "Median PFS was 1.6 months versus 3.1 months with nivolumab and "
                         "nivolumab/sunitinib, respectively.")
    assert {c.value: c.regimen for c in claims if c.endpoint == "PFS_median"} == {
        "1.6": ("nivolumab",), "3.1": ("nivolumab", "sunitinib")}


def test_a_randomised_trial_result_naming_no_arm_is_trial_level_when_no_arms_were_read() -> None:
    text = ("Temozolomide with vincristine and irinotecan in Ewing sarcoma: a phase III trial\n\nMethods\n\n"
            "In this randomized trial, the experimental group received temozolomide on top of the standard "
            "cycles.\n\nResults\n\nThe 3-year OS was 81%.")
    assert [c.regimen for c in outcomes_of(text) if c.endpoint == "OS_rate"] == [()]


def test_one_letter_drug_short_forms_and_a_title_that_defines_them_give_the_arms() -> None:
    text = ("Study Comparing Trabectedin (T) in Combination with Doxorubicin (D) versus D Alone in Advanced "
            "Soft-Tissue Sarcoma\n\nResults\n\nMedian OS was 15.2 months for T+D and 16.0 months for D alone. "
            "ORR was 26% and 17%, respectively.")
    records = extract(parse(text + "\n", "arms.txt"))
    assert [a.regimen for a in records.frame.arms] == [("doxorubicin", "trabectedin"), ("doxorubicin",)]
    by = {c.value: c.regimen for c in records.outcomes}
    assert by["15.2"] == by["26"] == ("doxorubicin", "trabectedin")
    assert by["16.0"] == by["17"] == ("doxorubicin",)


def test_randomly_assigned_to_a_drug_with_or_without_another_gives_two_arms() -> None:
    text = ("Olaratumab news\n\nResearchers enrolled 400 patients with advanced soft tissue sarcoma. Participants "
            "were randomly assigned 1:1 to receive doxorubicin with or without olaratumab.\n\nMedian overall "
            "survival was 20.1 months with the combination, versus 19.4 months with doxorubicin alone (HR, 1.02).")
    records = extract(parse(text + "\n", "arms.txt"))
    assert [(a.regimen, a.role) for a in records.frame.arms] == [
        (("doxorubicin", "olaratumab"), "experimental"), (("doxorubicin",), "control")]
    by = {c.value: c.regimen for c in records.outcomes}
    assert by["20.1"] == by["1.02"] == ("doxorubicin", "olaratumab")
    assert by["19.4"] == ("doxorubicin",)


def test_a_clause_after_the_placebo_value_does_not_join_the_drug_it_names_to_placebo() -> None:
    claims = outcomes_of(NEWS + "Median PFS was 4.1 months with regorafenib compared with 1.1 months for placebo, "
                         "suggesting that regorafenib was associated with a 60% reduced risk of progression. There "
                         "was no difference in the risk of mortality between the 2 treatment arms (HR, 0.70).")
    by = {(c.endpoint, c.value): c.regimen for c in claims}
    assert by == {("PFS_median", "4.1"): ("regorafenib",), ("PFS_median", "1.1"): ("placebo",),
                  ("HR_OS", "0.70"): ("regorafenib",)}


def test_a_title_comparison_of_two_drugs_gives_the_arms_and_rates_listed_for_them_pair_in_order() -> None:
    text = ("Randomized Comparison of Sunitinib and Gemcitabine as Second-Line Treatment in Leiomyosarcoma\n\n"
            "Results: Objective response rates for sunitinib and gemcitabine were 10.5% and 14.0%, respectively. "
            "Overall survival did not differ between arms (HR, 0.95; 95% CI, 0.61 to 1.48).")
    records = extract(parse(text + "\n", "arms.txt"))
    assert [a.regimen for a in records.frame.arms] == [("sunitinib",), ("gemcitabine",)]
    assert {c.value: c.regimen for c in records.outcomes} == {
        "10.5": ("sunitinib",), "14.0": ("gemcitabine",), "0.95": ("sunitinib",)}


def test_an_arm_named_after_a_quantifier_binds_its_number() -> None:
    claims = outcomes_of(PLACEBO + "Median OS was not reached for patients treated with any of the pazopanib doses "
                         "tested.")
    assert [(c.value, c.regimen) for c in claims if c.endpoint == "OS_median"] == [("NR", ("pazopanib",))]


def test_a_ratio_without_its_label_closing_a_comparison_of_two_medians_is_their_hazard_ratio() -> None:
    claims = outcomes_of(RANDOMIZED + "Median overall survival was 13·4 months (10·1–16·2) with trabectedin and "
                         "9·8 months (7·7–12·0) with dacarbazine (0·62, 0·45–0·85, p=0·003).")
    assert [(c.endpoint, c.value, c.regimen) for c in claims if c.endpoint.startswith("HR")] == [
        ("HR_OS", "0.62", ("trabectedin",))]
    assert not [c for c in claims if c.endpoint == "OS_rate"]


def test_respectively_without_groups_follows_the_order_of_the_sentence_before() -> None:
    text = ("Durvalumab with or without tremelimumab in sarcoma: a two-cohort phase II trial\n\nResults: In the "
            "durvalumab cohort, the ORR was 6.0%; in the durvalumab plus tremelimumab cohort, the ORR was 14.0%. "
            "Median PFS was 2.6 months and 4.2 months, respectively.")
    claims = extract(parse(text + "\n", "arms.txt")).outcomes
    assert {c.value: c.regimen for c in claims if c.endpoint == "PFS_median"} == {
        "2.6": ("durvalumab",), "4.2": ("durvalumab", "tremelimumab")}


def test_respectively_over_two_endpoints_of_a_randomised_trial_stays_trial_level() -> None:
    text = ("Temozolomide with vincristine and irinotecan in Ewing sarcoma: a phase III trial\n\nMethods\n\n"
            "In this randomized trial, the experimental group received temozolomide on top of the standard "
            "cycles.\n\nResults\n\nThe 3-year EFS and OS were 70% and 81%, respectively.")
    assert [c.regimen for c in outcomes_of(text) if c.endpoint == "OS_rate"] == [()]


def test_an_investigators_choice_arm_has_no_one_regimen_and_respectively_follows_the_order() -> None:
    text = ("Aldoxorubicin in relapsed sarcoma: a phase 3 report\n\nPatients were randomized 1:1 to aldoxorubicin or "
            "the investigator's choice of doxorubicin, ifosfamide, dacarbazine or pazopanib. There was no "
            "difference between aldoxorubicin and investigator's choice for PFS, with a median of 4.3 months and "
            "4.1 months, respectively (hazard ratio: 0.93).")
    records = extract(parse(text + "\n", "arms.txt"))
    assert [(a.regimen, a.role) for a in records.frame.arms] == [(("aldoxorubicin",), "experimental"),
                                                                ((), "control")]
    assert {c.value: c.regimen for c in records.outcomes} == {
        "4.3": ("aldoxorubicin",), "4.1": (), "0.93": ("aldoxorubicin",)}


def test_a_share_of_patients_in_an_arm_binds_that_arm() -> None:
    claims = outcomes_of(PLACEBO + "At 6 months, 81.0% of patients in the pazopanib group and 42.5% in the placebo "
                         "group were progression free.")
    assert {c.value: c.regimen for c in claims if c.endpoint == "PFS_rate"} == {
        "81.0": ("pazopanib",), "42.5": ("placebo",)}


def test_shares_of_patients_who_received_the_combination_or_the_drug_alone() -> None:
    claims = outcomes_of(ROLES + "Responses were seen in 19% of patients who received the combination versus 6% of "
                         "those treated with nivolumab alone.")
    by = {c.value: c.regimen for c in claims}
    assert by["19"] == ("nivolumab", "sunitinib") and by["6"] == ("nivolumab",)


def test_a_later_pair_that_names_no_regimen_follows_the_earlier_pairs_order() -> None:
    text = ("Trabectedin plus durvalumab in sarcoma: a randomized phase II report\n\nResults: The combination of "
            "trabectedin and durvalumab led to an ORR of 24% compared with 8% for trabectedin alone, and a median "
            "PFS of 5.3 months compared with 2.7 months.")
    by = {c.value: c.regimen for c in outcomes_of(text)}
    assert by["24"] == by["5.3"] == ("durvalumab", "trabectedin")
    assert by["8"] == by["2.7"] == ("trabectedin",)


def test_groups_the_methods_label_and_give_a_regimen_are_arms() -> None:
    text = ("Durvalumab and tremelimumab in sarcoma: a two-cohort phase II trial\n\nMethods: Cohort A received "
            "durvalumab alone; cohort B received durvalumab plus tremelimumab.\n\nResults: The ORR was 6% in cohort "
            "A and 14% in cohort B. Median PFS was 2.2 and 4.0 months in cohorts A and B, respectively.")
    records = extract(parse(text + "\n", "arms.txt"))
    assert [(a.label, a.regimen, a.role) for a in records.frame.arms] == [
        ("cohort A", ("durvalumab",), "control"), ("cohort B", ("durvalumab", "tremelimumab"), "experimental")]
    assert {c.value: c.regimen for c in records.outcomes} == {
        "6": ("durvalumab",), "14": ("durvalumab", "tremelimumab"),
        "2.2": ("durvalumab",), "4.0": ("durvalumab", "tremelimumab")}


def test_a_hazard_ratio_of_two_compared_regimens_is_the_experimental_ones() -> None:
    claims = outcomes_of(NEWS + "Compared with placebo, regorafenib reduced the risk of progression (HR, 0.40; "
                         "95% CI, 0.28-0.57). The hazard ratio for death with eribulin versus dacarbazine was 0.79.")
    assert [(c.endpoint, c.regimen) for c in claims] == [("HR_PFS", ("regorafenib",)), ("HR_OS", ("eribulin",))]
    added = outcomes_of(NEWS + "Doxorubicin plus ifosfamide improved median PFS to 7.2 months versus 4.5 months "
                        "with doxorubicin alone (HR 0.76; 95% CI 0.61-0.93).")
    assert [c.regimen for c in added if c.endpoint == "HR_PFS"] == [("doxorubicin", "ifosfamide")]


def test_a_primary_comparison_of_two_regimens_without_arms_pairs_its_values_in_order() -> None:
    claims = outcomes_of(NEWS + "Eribulin improved median OS compared with dacarbazine (13.2 vs 11.1 months). "
                         "Patients receiving pazopanib had a median PFS of 4.4 months, compared with 1.5 months for "
                         "those receiving placebo.")
    assert {c.value: c.regimen for c in claims} == {
        "13.2": ("eribulin",), "11.1": ("dacarbazine",), "4.4": ("pazopanib",), "1.5": ("placebo",)}
