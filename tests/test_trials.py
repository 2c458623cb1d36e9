"""Trial identifiers and names found by shape, with normalised keys."""

from __future__ import annotations

import spacy

from extractors.pipeline import build_nlp
from extractors.trials import find_trial_ids, normalise_trial_id
from ontology.lexicon import Concept, Lexicon


def _keys(text: str) -> list[tuple[str, str]]:
    return [(t.text, t.key) for t in find_trial_ids(text)]


def test_registry_numbers() -> None:
    text = ("Registered as NCT04567890, ChiCTR2100045678, ChiCTR-IIR-17012345, CTR20211234 and "
            "EudraCT 2019-001234-56.")
    assert _keys(text) == [
        ("NCT04567890", "NCT04567890"),
        ("ChiCTR2100045678", "CHICTR2100045678"),
        ("ChiCTR-IIR-17012345", "CHICTR-IIR-17012345"),
        ("CTR20211234", "CTR20211234"),
        ("EudraCT 2019-001234-56", "EUDRACT 2019-001234-56"),
    ]


def test_cooperative_group_numbers() -> None:
    text = "Results of SARC-031, SARC031, Alliance A021502, SWOG S1801 and KEYNOTE-555 were mixed."
    assert _keys(text) == [
        ("SARC-031", "SARC031"),
        ("SARC031", "SARC031"),
        ("Alliance A021502", "ALLIANCE A021502"),
        ("SWOG S1801", "SWOG S1801"),
        ("KEYNOTE-555", "KEYNOTE555"),
    ]


def test_protocol_codes_and_acronym_names() -> None:
    text = "The QXR7781-Ib-03 study, the HARBOR trial and a phase 3 trial (LANTERN) were positive."
    assert _keys(text) == [("QXR7781-Ib-03", "QXR7781-IB-03"), ("HARBOR", "HARBOR"), ("LANTERN", "LANTERN")]


def test_what_is_not_a_trial() -> None:
    text = ("Per RECIST study criteria, the II study, a PD-L1 study, DOI 10.1158/1078-0432.CCR-24-2444, "
            "antibody AB-0012 and a CT study.")
    assert _keys(text) == []
    assert _keys("An ASPS study") == [("ASPS", "ASPS")]  # without the lexicon, a capitalised name
    assert [t.text for t in find_trial_ids("An ASPS study", exclude=frozenset({"ASPS"}))] == []


def test_normalise() -> None:
    assert normalise_trial_id("SARC - 028") == "SARC028"
    assert normalise_trial_id("SARC-028") == "SARC028"
    assert normalise_trial_id("abc123 - Ib - 02") == "ABC123-IB-02"


def test_component_prefers_longer_trial_over_drug_code_and_respects_lexicon() -> None:
    lexicon = Lexicon([
        Concept("drug", "belmolimab", "belmolimab", synonyms=("QXR7781",)),
        Concept("subtype", "ASPS", "alveolar soft part sarcoma", synonyms=("ASPS",)),
    ])
    nlp = build_nlp(lexicon)
    doc = nlp("QXR7781 was tested in QXR7781-Ib-03; an ASPS study; the SUNRAY trial; alveolar soft part sarcoma "
              "(ASPS) trial.")
    assert [(e.text, e.id_) for e in doc.ents] == [
        ("QXR7781", "drug:belmolimab"),
        ("QXR7781-Ib-03", "trial_id:QXR7781-IB-03"),
        ("ASPS", "subtype:ASPS"),
        ("SUNRAY", "trial_id:SUNRAY"),
        ("alveolar soft part sarcoma", "subtype:ASPS"),
        ("ASPS", "subtype:ASPS"),
    ]


def test_defined_abbreviations_are_not_trial_names() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sarcoma_trial_ids")
    doc = nlp("Tertiary lymphoid structures (TLSs) were scored; the TLSs study was exploratory.")
    assert list(doc.ents) == []


def test_short_forms_defined_earlier_in_the_document_are_remembered() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sarcoma_trial_ids")
    first = nlp.make_doc("Multiplex immunofluorescence staining (MIFS) was done.")
    second = nlp.make_doc("The MIFS study was exploratory.")
    other = nlp.make_doc("The MIFS study was exploratory.")
    first.user_data["scope"] = second.user_data["scope"] = "a.txt"
    other.user_data["scope"] = "b.txt"
    docs = list(nlp.pipe([first, second, other]))
    assert list(docs[1].ents) == []
    assert [e.text for e in docs[2].ents] == ["MIFS"]
