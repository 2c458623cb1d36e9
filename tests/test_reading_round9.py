"""Result statements read in the ninth reading pass: immunomodulatory drugs, trial-level follow-up,
and arm pairs printed without their arms. Every sentence is made up for the test."""

from __future__ import annotations

from corpus import parse
from extractors.extract import extract


def rows_of(text: str) -> dict[tuple[str, str], tuple[str, ...]]:
    """(endpoint, value) -> regimen for each outcome row."""
    return {(c.endpoint, c.value): c.regimen for c in extract(parse(text + "\n", "r9.txt")).outcomes}


def test_an_oral_immunomodulatory_drug_is_the_regimen() -> None:
    text = ("Lenalidomide for Kaposi sarcoma: a phase 2 study\n\n"
            "Patients received lenalidomide 25 mg daily. The overall response rate was 55%.")
    assert rows_of(text)[("ORR", "55")] == ("lenalidomide",)
