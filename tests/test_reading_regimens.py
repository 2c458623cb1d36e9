"""The study's regimen when a drug is given with a class ("X plus chemotherapy"), and when the class
is only the treatment before it. Every sentence is made up for the test."""

from __future__ import annotations

import pytest

from corpus import parse
from extractors.extract import extract


def regimens_of(text: str) -> set[tuple[str, ...]]:
    return {c.regimen for c in extract(parse(text + "\n", "regimens.txt")).outcomes}


def test_a_drug_combined_with_a_class_in_the_title_keeps_both() -> None:
    text = ("Apatinib plus chemotherapy in advanced synovial sarcoma: a retrospective study\n\nResults\n\n"
            "Of the 30 patients, the objective response rate was 36.7% (11/30).")
    assert regimens_of(text) == {("apatinib", "chemotherapy")}


def test_a_class_in_combination_with_a_drug_in_either_order() -> None:
    text = ("Chemotherapy in combination with apatinib for advanced synovial sarcoma\n\nResults\n\n"
            "The disease control rate was 80.0% (24/30).")
    assert regimens_of(text) == {("apatinib", "chemotherapy")}


def test_a_class_given_before_the_drug_is_not_part_of_its_regimen() -> None:
    text = ("Apatinib maintenance after first-line chemotherapy in advanced synovial sarcoma\n\nResults\n\n"
            "The median progression-free survival was 8.2 months.")
    assert regimens_of(text) == {("apatinib",)}


def test_results_after_a_group_given_its_own_treatment_are_that_groups() -> None:
    text = ("Intensive chemotherapy for metastatic Ewing sarcoma: vincristine, doxorubicin and cyclophosphamide\n\n"
            "Results\n\nTwenty-eight patients received initial irinotecan in a window. Four had partial responses, and "
            "15 had progressive disease. The 3-year OS rate was 41%.")
    claims = extract(parse(text + "\n", "regimens.txt")).outcomes
    by = {(c.endpoint, c.value): c.regimen for c in claims}
    assert by[("PR_n", "4")] == by[("PD_n", "15")] == ("irinotecan",)
    assert by[("OS_rate", "41")] == ("cyclophosphamide", "doxorubicin", "vincristine")


def test_a_group_given_an_earlier_treatment_or_one_drug_of_the_study_lends_nothing() -> None:
    prior = ("Pazopanib in synovial sarcoma: a phase II trial\n\nResults\n\n"
             "Twenty patients received prior doxorubicin. The ORR was 20%.")
    dosed = ("Pazopanib plus durvalumab in synovial sarcoma: a phase II trial\n\nResults\n\n"
             "Forty patients received durvalumab every 3 weeks. The ORR was 20%.")
    assert regimens_of(prior) == {("pazopanib",)}
    assert regimens_of(dosed) == {("durvalumab", "pazopanib")}


def test_a_pair_of_values_shares_the_regimen_phrase_printed_after_it() -> None:
    text = ("Durvalumab plus tremelimumab in sarcoma: a randomised phase II report\n\n"
            "Single-agent durvalumab was also given. The ORR with durvalumab plus tremelimumab was 25.0% in "
            "patients with UPS and 12.5% in patients with DDLPS versus 8.3% and 4.2% with durvalumab alone, "
            "respectively.")
    claims = extract(parse(text + "\n", "regimens.txt")).outcomes
    assert {c.value: c.regimen for c in claims} == {
        "25.0": ("durvalumab", "tremelimumab"), "12.5": ("durvalumab", "tremelimumab"),
        "8.3": ("durvalumab",), "4.2": ("durvalumab",)}


def test_a_news_report_of_results_presented_at_a_meeting_reports_its_own_trial() -> None:
    text = ("Checkpoint inhibition shows activity in sarcoma subtypes\n\n"
            "Results from the phase 2 PELICAN-4 trial presented at the 2021 ASCO Annual Meeting showed that the ORR "
            "with pembrolizumab was 20.0% in patients with UPS.")
    assert [(c.scope, c.value) for c in extract(parse(text + "\n", "news.txt")).outcomes] == [("primary", "20.0")]


def test_a_cohort_given_alternative_treatments_has_no_one_regimen() -> None:
    listed = ("Outcomes of systemic therapy in advanced angiosarcoma: a retrospective study\n\nMethods: We reviewed "
              "70 patients who received first-line doxorubicin, paclitaxel or pazopanib.\n\nResults: The median OS "
              "was 10.4 months.")
    various = ("Real-world outcomes in advanced leiomyosarcoma\n\nMethods: Patients treated with various systemic "
               "therapies, including chemotherapy, targeted agents and immunotherapy, were analysed.\n\nResults: "
               "Among 58 patients, median PFS was 4.1 months.")
    counted = ("Systemic therapy in synovial sarcoma: a retrospective study\n\nResults: Of 40 patients, 18 received "
               "ifosfamide and 12 received pazopanib. The median OS for the whole cohort was 17.0 months.")
    for text in (listed, various, counted):
        assert regimens_of(text) == {()}


def test_alternatives_of_one_class_pool_into_the_class_and_a_pair_stays_a_combination() -> None:
    text = ("Pazopanib in synovial sarcoma: a phase II trial\n\nResults\n\nMedian OS was 9.0 months in patients "
            "treated with gemcitabine or docetaxel, and 8.1 months with gemcitabine and docetaxel.")
    claims = extract(parse(text + "\n", "regimens.txt")).outcomes
    assert {c.value: c.regimen for c in claims} == {"9.0": ("chemotherapy",), "8.1": ("docetaxel", "gemcitabine")}


def test_treatments_given_before_never_join_the_regimen() -> None:
    line = ("Second-line trabectedin following first-line doxorubicin in synovial sarcoma: a phase II trial\n\n"
            "Results\n\nMedian PFS was 3.1 months.")
    based = ("Anlotinib in synovial sarcoma: a phase II trial\n\nResults\n\nAmong patients who had progressed on "
             "doxorubicin-based chemotherapy, the ORR with anlotinib was 13%.")
    assert regimens_of(line) == {("trabectedin",)}
    assert regimens_of(based) == {("anlotinib",)}


def test_one_drug_of_a_one_arm_combination_trial_names_the_whole_combination() -> None:
    text = ("Sintilimab plus pazopanib in advanced synovial sarcoma: a single-arm phase II trial\n\nResults: "
            "Thirty patients received pazopanib daily plus sintilimab every 3 weeks. The ORR of patients treated "
            "with pazopanib was 23.3%.")
    assert regimens_of(text) == {("pazopanib", "sintilimab")}


def test_a_drug_given_alone_in_a_combination_trial_keeps_its_own_regimen() -> None:
    text = ("Sintilimab plus pazopanib in advanced synovial sarcoma: a phase II trial\n\nResults: Single-agent "
            "pazopanib was given to a run-in group. The ORR with pazopanib alone was 10.0%.")
    assert regimens_of(text) == {("pazopanib",)}


@pytest.mark.parametrize(("joins", "alternatives"), [
    ([", ", " or "], True), ([" or the "], True), ([", ", ", and/or "], True),
    ([" plus "], False), ([", ", " and "], False), ([], False),
])
def test_alternatives_are_commas_and_an_or(joins: list[str], alternatives: bool) -> None:
    from extractors.regimens import lists_alternatives

    assert lists_alternatives(joins) is alternatives


@pytest.mark.parametrize(("sentence", "random"), [
    ("Patients were randomised 2:1 to the two arms.", True),
    ("After randomization, 40 patients started treatment.", True),
    ("Sixty adults were randomly allocated to either schedule.", True),
    ("This non-randomized comparison enrolled 50 patients.", False),
    ("A nonrandomised cohort of 30 patients was treated.", False),
])
def test_one_pattern_tells_a_randomised_study_for_the_facts_and_the_frame(sentence: str, random: bool) -> None:
    from extractors.study import RANDOM_ASSIGNMENT_RE

    assert bool(RANDOM_ASSIGNMENT_RE.search(sentence)) is random
