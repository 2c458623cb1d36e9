"""Drugs the lexicon does not list, read by their INN stem, on text written for the test."""

from __future__ import annotations

from corpus import parse
from extractors.drug_names import one_slip, unlisted_drug_key
from extractors.extract import extract
from extractors.pipeline import build_nlp
from ontology.lexicon import load_lexicon


def drug_ids(text: str) -> list[tuple[str, str]]:
    doc = build_nlp()(text)
    return [(ent.text, ent.id_) for ent in doc.ents if ent.label_ == "drug"]


def test_a_new_agent_is_a_drug_of_its_own() -> None:
    assert drug_ids("Patients received zanzalintinib plus pembrolizumab.") == [
        ("zanzalintinib", "drug:zanzalintinib"), ("pembrolizumab", "drug:pembrolizumab")]


def test_a_listed_name_broken_by_a_hyphen_is_that_drug() -> None:
    assert drug_ids("Eight patients received Nivo-lumab every two weeks.") == [("Nivo-lumab", "drug:nivolumab")]
    # a hyphen with a space, or a head that is no part of a listed name: the tail is read alone
    assert drug_ids("They received foo-zanzalintinib.") == [("zanzalintinib", "drug:zanzalintinib")]


def test_one_slip_from_a_listed_name_is_that_drug_but_a_distant_spelling_is_not() -> None:
    lexicon = load_lexicon()
    assert unlisted_drug_key(lexicon, "pembrolisumab") == "pembrolizumab"  # a letter changed
    assert unlisted_drug_key(lexicon, "Toripalmab") == "toripalimab"  # a letter dropped
    assert unlisted_drug_key(lexicon, "nivoluumab") == "nivolumab"  # a letter added
    # two slips away: its own key, never merged into another drug
    assert unlisted_drug_key(lexicon, "carrelizamab") == "carrelizamab"
    assert unlisted_drug_key(lexicon, "xylotinib") == "xylotinib"
    # listed names and ordinary words are not read here
    assert unlisted_drug_key(lexicon, "anlotinib") is None
    assert unlisted_drug_key(lexicon, "combination") is None and unlisted_drug_key(lexicon, "nib") is None
    assert one_slip("doxorubicin", "doxorubcin") and not one_slip("doxorubicin", "aldoxorubicin")


def test_extract_keeps_and_reports_unlisted_drugs() -> None:
    text = ("Zanzalintinib in sarcoma: a phase II study\n\nAnn Smith¹\n\nResults\n\n"
            "Ten patients received zanzalintinib plus nivolumab and the ORR was 20.0%.\n")
    records = extract(parse(text, "mini.txt"))
    assert ("drug", "zanzalintinib") in {(m.type, m.key) for m in records.mentions}
    assert any("zanzalintinib" in p.message and "not in the lexicon" in p.message for p in records.problems)
    orr = [c for c in records.outcomes if c.endpoint == "ORR"]
    assert orr and orr[0].regimen == ("nivolumab", "zanzalintinib")
