"""Arms that receive no drug (control, no treatment, surgery alone) and arms labelled in their size
parenthesis ("(group 1, n = 50)"): the drug arm keeps its drug, the no-drug arm has no regimen
(devset README, regimen conventions). Every sentence and number is made up for the test."""

from __future__ import annotations

import pytest

from corpus import parse
from extractors.extract import extract


def read(text: str):  # noqa: ANN201 - PaperRecords
    return extract(parse(text + "\n", "arms.txt"))


def rows_of(text: str) -> dict[tuple[str, str], tuple[str, ...]]:
    """(endpoint, value) -> regimen for each outcome row."""
    return {(c.endpoint, c.value): c.regimen for c in read(text).outcomes}


TITLE = "Ifosfamide after resection of trunk sarcoma: results of a randomized trial\n\n"


def test_groups_labelled_in_their_size_parenthesis_bind_their_results() -> None:
    text = TITLE + ("After resection, patients were randomized to ifosfamide for 5 cycles (group A, n = 66) or to "
                    "no further treatment (group B, n = 64). The 4-year overall survival was 72% in group A and "
                    "69% in group B.")
    records = read(text)
    assert [(a.label, a.regimen, a.size) for a in records.frame.arms] == [
        ("group A", ("ifosfamide",), 66), ("group B", (), 64)]
    rows = {(c.endpoint, c.value): c.regimen for c in records.outcomes}
    assert rows[("OS_rate", "72")] == ("ifosfamide",)
    assert rows[("OS_rate", "69")] == ()


@pytest.mark.parametrize("control", ["control", "no adjuvant treatment", "surgery alone"])
def test_an_arm_with_no_drug_is_an_arm_of_no_regimen(control: str) -> None:
    text = TITLE + (f"Patients were randomized to ifosfamide (group 1, n = 40) or to {control} (group 2, n = 41). "
                    "Overall survival did not differ (group 1, 58%; group 2, 61%).")
    rows = rows_of(text)
    assert rows[("OS_rate", "58")] == ("ifosfamide",)
    assert rows[("OS_rate", "61")] == ()


def test_groups_a_later_sentence_labels_join_the_arms() -> None:
    text = TITLE + ("Patients younger than 60 were randomized to ifosfamide (group 1, n = 40) or to control "
                    "(group 2, n = 41); older patients were randomized to ifosfamide (group 3, n = 12) or "
                    "control (group 4, n = 13). Overall survival was similar (group 1, 58%; group 2, 61%; "
                    "group 3, 49%; group 4, 52%).")
    records = read(text)
    assert [a.label for a in records.frame.arms] == ["group 1", "group 2", "group 3", "group 4"]
    rows = {(c.endpoint, c.value): c.regimen for c in records.outcomes}
    assert rows[("OS_rate", "49")] == ("ifosfamide",)
    assert rows[("OS_rate", "52")] == ()


def test_a_placebo_controlled_trial_is_no_control_arm_of_no_drug() -> None:
    text = ("Sorafenib in desmoid tumour: a randomized placebo-controlled trial\n\n"
            "Patients were randomized to sorafenib or placebo. The 2-year progression-free survival rate was "
            "80% with sorafenib and 35% with placebo.")
    rows = rows_of(text)
    assert rows[("PFS_rate", "80")] == ("sorafenib",)
    assert rows[("PFS_rate", "35")] == ("placebo",)


def test_trial_level_results_of_a_randomized_trial_keep_no_regimen() -> None:
    text = TITLE + ("Patients were randomized to ifosfamide (group A, n = 66) or to no further treatment (group B, "
                    "n = 64). With a median follow-up of 47 months, the 4-year overall survival of all randomized "
                    "patients was 70%.")
    rows = rows_of(text)
    assert rows[("followup_median", "47")] == ()
    assert rows[("OS_rate", "70")] == ()


ERIBULIN = ("Eribulin versus dacarbazine in leiomyosarcoma: a randomised phase 3 trial\n\n"
            "Patients were randomly assigned to eribulin or dacarbazine. ")


@pytest.mark.parametrize("sentence", [
    "Overall survival did not differ between eribulin and dacarbazine (13.9 months in the whole population).",
    "The 2-year overall survival rate was 31% across both arms.",
    "The 2-year overall survival rate was 31% in both arms combined.",
])
def test_a_result_of_both_arms_pooled_is_trial_level(sentence: str) -> None:
    claims = read(ERIBULIN + sentence).outcomes
    assert claims and all(c.regimen == () for c in claims)


def test_a_result_in_both_arms_is_each_arms() -> None:
    claims = read(ERIBULIN + "Median overall survival was not reached in both arms.").outcomes
    assert sorted(c.regimen for c in claims) == [("dacarbazine",), ("eribulin",)]


def test_a_randomised_comparison_with_supportive_care_in_a_sentence_gives_the_arms() -> None:
    text = ("Trabectedin in translocation-related sarcoma\n\n"
            "In this randomised trial comparing trabectedin with best supportive care, median follow-up was 16 "
            "months. Median progression-free survival was 5.1 months with trabectedin and 1.1 months with best "
            "supportive care.")
    records = read(text)
    assert [a.regimen for a in records.frame.arms] == [("trabectedin",), ()]
    rows = {(c.endpoint, c.value): c.regimen for c in records.outcomes}
    assert rows[("followup_median", "16")] == ()
    assert rows[("PFS_median", "5.1")] == ("trabectedin",)
    assert rows[("PFS_median", "1.1")] == ()


@pytest.mark.parametrize("scope_marker", ["", " [2]"])
def test_a_group_of_no_drug_listed_with_a_treated_group_pairs_in_order(scope_marker: str) -> None:
    text = ("Adjuvant chemotherapy in trunk sarcoma\n\n"
            "In a randomised trial, overall survival at 5 years reached 58% with observation and 63% with "
            f"chemotherapy, respectively{scope_marker}.\n\nReferences\n1. A B. One. J Clin Oncol. 2001.\n"
            "2. C D. Two. J Clin Oncol. 2003.")
    rows = rows_of(text)
    assert rows[("OS_rate", "58")] == ()
    assert rows[("OS_rate", "63")] == ("chemotherapy",)


def test_a_value_with_best_supportive_care_has_no_regimen_in_a_trial_without_a_list_of_arms() -> None:
    rows = rows_of("Regorafenib in pretreated sarcoma: a randomised trial\n\nMedian progression-free survival was "
                   "4.1 months with regorafenib and 1.1 months with best supportive care.")
    assert rows[("PFS_median", "4.1")] == ("regorafenib",)
    assert rows[("PFS_median", "1.1")] == ()


def test_a_single_arm_follow_up_keeps_its_drug() -> None:
    rows = rows_of("Cabozantinib in advanced osteosarcoma: a single-arm phase 2 trial\n\nForty patients received "
                   "cabozantinib. After a median observation of 21 months, the objective response rate was 12%.")
    assert rows[("ORR", "12")] == ("cabozantinib",)


def test_a_group_of_no_drug_after_the_numbers_pairs_in_order() -> None:
    text = ("Regorafenib in pretreated sarcoma\n\nIn an earlier trial, median progression-free survival was 3.8 and "
            "1.2 months for regorafenib and best supportive care, respectively [1].\n\nReferences\n"
            "1. A B. One. J Clin Oncol. 2001.")
    rows = rows_of(text)
    assert rows[("PFS_median", "3.8")] == ("regorafenib",)
    assert rows[("PFS_median", "1.2")] == ()


def test_an_arm_named_by_its_class_is_the_one_arm_of_that_class() -> None:
    text = ("Adjuvant chemotherapy in trunk sarcoma: a randomised trial\n\nPatients were randomised to observation "
            "or to epirubicin plus ifosfamide. The 5-year overall survival was 61% with observation and 66% with "
            "chemotherapy.")
    rows = rows_of(text)
    assert rows[("OS_rate", "61")] == ()
    assert rows[("OS_rate", "66")] == ("epirubicin", "ifosfamide")


def test_a_class_both_arms_belong_to_names_no_arm() -> None:
    text = ("Gemcitabine with or without docetaxel in leiomyosarcoma: a randomised trial\n\nPatients were "
            "randomised to gemcitabine plus docetaxel or gemcitabine alone. Median overall survival with "
            "chemotherapy was 14.2 months overall.")
    rows = rows_of(text)
    assert rows[("OS_median", "14.2")] == ()


def test_the_follow_up_of_a_randomised_trial_named_in_its_sentence_has_no_regimen() -> None:
    text = ("Results of a desmoid tumour trial\n\nIn this randomised phase 3 trial of sorafenib versus placebo in "
            "desmoid tumour, the median follow-up was 26 months. The 2-year progression-free survival rate was 79% "
            "with sorafenib and 34% with placebo.")
    rows = rows_of(text)
    assert rows[("followup_median", "26")] == ()
    assert rows[("PFS_rate", "79")] == ("sorafenib",)
    assert rows[("PFS_rate", "34")] == ("placebo",)


def test_a_follow_up_per_arm_keeps_its_arm() -> None:
    text = ("Pazopanib versus placebo in desmoid tumour: a randomised trial\n\nPatients were randomised to "
            "pazopanib or placebo. Median follow-up was 17 months in the pazopanib group and 16 months in the "
            "placebo group.")
    rows = rows_of(text)
    assert rows[("followup_median", "17")] == ("pazopanib",)
    assert rows[("followup_median", "16")] == ("placebo",)
