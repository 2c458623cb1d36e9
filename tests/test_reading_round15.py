"""Reading round 15: ways of writing met in unseen texts, each written here in our own words."""

from __future__ import annotations

from corpus.reader import parse
from corpus.sections import abstract_label
from extractors.extract import extract
from extractors.zones import sentence_zones


def _outcomes(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    records = extract(parse(text, "round15.txt"))
    return [(c.endpoint, c.value, c.regimen) for c in records.outcomes if c.scope == "primary"]


def test_a_capitalised_word_opening_an_unstructured_abstract_is_no_label() -> None:
    # without a colon, a label needs a capitalised word after it: "Patients received" is prose
    assert abstract_label("Patients received zenvatinib daily. The ORR was 20%.") == ""
    assert abstract_label("Methods were described before.") == ""
    assert abstract_label("Results Forty patients were enrolled.") == "Results"
    assert abstract_label("PATIENTS AND METHODS Adults were eligible.") == "PATIENTS AND METHODS"
    assert abstract_label("Patients: adults were eligible.") == "Patients"


def test_results_of_an_abstract_that_opens_with_patients_are_the_studys_own() -> None:
    text = ("Eribulin versus dacarbazine in advanced leiomyosarcoma: a randomised phase III trial\n\n"
            "Abstract\n"
            "Patients were randomised to eribulin or dacarbazine. Median PFS was 7.4 months with "
            "eribulin and 3.1 months with dacarbazine.\n")
    doc = parse(text, "round15.txt")
    assert set(sentence_zones(doc).values()) <= {"title", ""}
    rows = _outcomes(text)
    assert ("PFS_median", "7.4", ("eribulin",)) in rows
    assert ("PFS_median", "3.1", ("dacarbazine",)) in rows


def test_an_adverse_event_row_naming_its_grade_after_a_comma_keeps_a_clean_term() -> None:
    text = ("Velotinib for synovial sarcoma after relapse: phase II results\n\n"
            "Table 3. Adverse events\n"
            "Event\tPatients, n (%)\n"
            "Anaemia, grade 3-4\t6 (20)\n"
            "Diarrhoea, grade 3\t2 (7)\n")
    events = extract(parse(text, "round15.txt")).adverse_events
    assert sorted((a.term, a.grade, a.n) for a in events) == [("Anaemia", "3-4", 6), ("Diarrhoea", "3", 2)]


def test_a_survival_estimate_printed_with_its_standard_error_keeps_its_value() -> None:
    # paediatric trials print Kaplan-Meier estimates with their standard error: the spread is no rate
    text = ("Velotinib for relapsed Ewing sarcoma: phase II results\n\nResults\n"
            "The 4-year overall survival was 47% (SE 7%), and the 4-year OS of the standard arm was "
            "38% (standard error, 8%).\n")
    rates = [(o.endpoint, o.value) for o in extract(parse(text, "round15.txt")).outcomes]
    assert ("OS_rate", "47") in rates and ("OS_rate", "38") in rates
    assert ("OS_rate", "7") not in rates and ("OS_rate", "8") not in rates
