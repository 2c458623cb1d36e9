"""Adverse events compared between two arms, read whole (frame, prose, regimens). Every sentence is
made up for the test."""

from __future__ import annotations

from corpus import parse
from extractors.extract import extract

TWO_ARMS = ("Cabozantinib versus placebo in metastatic chondrosarcoma: a randomised phase 2 trial\n\nResults\n\n"
            "Fifty patients were randomly assigned to cabozantinib (n = 30) or placebo (n = 20). ")
TWO_REGIMENS = ("Doxorubicin versus gemcitabine plus docetaxel in uterine leiomyosarcoma: a randomised trial\n\n"
                "Results\n\nWe randomly assigned 120 patients to doxorubicin (n = 60) or gemcitabine plus docetaxel "
                "(n = 60). ")


def events(text: str) -> set[tuple[str, str, str, tuple[str, ...]]]:
    claims = extract(parse(text + "\n", "ae.txt")).adverse_events
    return {(a.term.lower(), a.grade, a.percent, a.regimen) for a in claims}


def test_a_pair_with_one_arm_named_gives_the_other_figure_the_other_arm() -> None:
    found = events(TWO_ARMS + "Diarrhoea of any grade was the most common event (43% vs 5% in the placebo group), "
                   "followed by fatigue (37% vs 15%).")
    assert {e for e in found if e[0] == "diarrhoea"} == {
        ("diarrhoea", "any", "43", ("cabozantinib",)), ("diarrhoea", "any", "5", ("placebo",))}
    assert {e for e in found if e[0] == "fatigue"} == {
        ("fatigue", "any", "37", ("cabozantinib",)), ("fatigue", "any", "15", ("placebo",))}


def test_an_unnamed_pair_in_a_two_arm_trial_takes_the_arms_in_order() -> None:
    found = events(TWO_ARMS + "Grade 3-4 hypertension occurred in 23% vs 5% of patients.")
    assert found == {("hypertension", "3-4", "23", ("cabozantinib",)), ("hypertension", "3-4", "5", ("placebo",))}


def test_the_arm_named_before_a_comparison_is_its_first_figure() -> None:
    found = events(TWO_REGIMENS + "Grade 3-4 thrombocytopenia was more frequent with gemcitabine plus docetaxel "
                   "(15.0% vs 1.7%), whereas grade 3-4 neutropenia was more frequent with doxorubicin (40.0% vs "
                   "25.0%).")
    assert found == {
        ("thrombocytopenia", "3-4", "15.0", ("docetaxel", "gemcitabine")),
        ("thrombocytopenia", "3-4", "1.7", ("doxorubicin",)),
        ("neutropenia", "3-4", "40.0", ("doxorubicin",)),
        ("neutropenia", "3-4", "25.0", ("docetaxel", "gemcitabine"))}


def test_the_most_common_being_names_no_term() -> None:
    found = events(TWO_ARMS + "Grade 3 or higher adverse events occurred in 40% of patients given cabozantinib, "
                   "the most common being hypertension (13%).")
    assert ("hypertension", ">=3", "13", ("cabozantinib",)) in found
    assert not [e for e in found if "common" in e[0]]
