"""The study's regimen when a drug is given with a class ("X plus chemotherapy"), and when the class
is only the treatment before it. Every sentence is made up for the test."""

from __future__ import annotations

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
