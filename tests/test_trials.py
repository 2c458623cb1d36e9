"""Trial identifiers and names found by shape, with normalised keys."""

from __future__ import annotations

from pathlib import Path

import spacy

from extractors.pipeline import build_nlp
from extractors.records import CitationMarker, Evidence, Mention
from extractors.trials import find_trial_ids, normalise_trial_id, trial_citations, trials_in_title
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
    assert normalise_trial_id("SARC 028") == "SARC028"
    assert normalise_trial_id("EORTC 62874") == "EORTC62874"
    assert normalise_trial_id("Alliance A091401") == "ALLIANCE A091401"  # a lettered number keeps its space
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


# -- trials in reference titles and next to citation markers ---------------------------------------


def test_trial_acronym_in_a_report_title() -> None:
    title = "Regorafenib in advanced soft tissue sarcoma (REGOFAKE): a randomised, placebo-controlled, phase 2 trial"
    assert [t.key for t in trials_in_title(title)] == ["REGOFAKE"]
    # a bracketed short form in a title that reports no trial is not a trial name
    assert trials_in_title("Soft tissue sarcoma (SOFTCARE): ESMO clinical practice guidelines") == []
    # nor a lexicon short form, even in a trial report's title
    assert trials_in_title("Axitinib in sarcoma (ASPS): a phase 2 trial", frozenset({"ASPS"})) == []
    assert [t.key for t in trials_in_title("Correlative analyses of the SARCO31 trial")] == ["SARC031"]


def test_letter_o_for_zero_in_group_numbers() -> None:
    assert normalise_trial_id("SARCO28") == "SARC028"
    assert normalise_trial_id("SARC-O31") == "SARC031"
    assert normalise_trial_id("SARCOMA") == "SARCOMA"  # not a study number


def _mention(key: str, start: int, text: str) -> Mention:
    return Mention("trial_id", key, key, text[start:start + len(key)], Evidence("f", "s", start, start + len(key), key))


def _marker(numbers: tuple[int, ...], surface: str, text: str) -> CitationMarker:
    start = text.index(surface)
    return CitationMarker(numbers, surface, start, start + len(surface), Evidence("f", "s", 0, len(text), text))


def test_each_trial_takes_the_marker_after_it() -> None:
    text = "Both ALPHA1 [5] and BETA22 [6, 7] were negative; GAMMA3 was not cited."
    mentions = [_mention(k, text.index(k), text) for k in ("ALPHA1", "BETA22", "GAMMA3")]
    markers = [_marker((5,), "[5]", text), _marker((6, 7), "[6, 7]", text)]
    links = {(c.trial.key, c.refs) for c in trial_citations(mentions, markers)}
    # GAMMA3 has no marker after it in the sentence, so it takes the last one before it
    assert links == {("ALPHA1", (5,)), ("BETA22", (6, 7)), ("GAMMA3", (6, 7))}


def test_a_trial_in_an_uncited_sentence_links_nothing() -> None:
    text = "The ALPHA1 study enrolled 40 patients."
    other = "Another sentence [3]."
    marker = CitationMarker((3,), "[3]", 100, 103, Evidence("f", "s", 90, 90 + len(other), other))
    assert trial_citations([_mention("ALPHA1", 4, text)], [marker]) == []


def test_trials_in_the_corpus_graph(corpus_store: Path) -> None:
    from kg.store.kg_store import KgStore

    store = KgStore.open(corpus_store, read_only=True)
    try:
        rows = store.select("""
            SELECT DISTINCT ?key ?author ?file WHERE {
              ?trial a skg:Trial ; skg:key ?key . ?x skg:reportsTrial ?trial .
              OPTIONAL { ?x skg:firstAuthor ?author } OPTIONAL { ?x skg:sourceFile ?file } }""").records()
        sarc028 = store.select("""
            SELECT DISTINCT ?work ?citing WHERE {
              ?work skg:reportsTrial/skg:key "SARC028" ; skg:firstAuthor "Tawbi HA" . ?citing cito:cites ?work }""")
    finally:
        store.close()
    found = {(r["key"], r["file"] or r["author"]) for r in rows}
    # the registered trial of the paper that reports it; cited trial reports by title or citing sentence
    assert ("CTR20190938", "004_2ec38712c458bf8b.txt") in found
    assert {("SARC028", "Tawbi HA"), ("ALLIANCE A091401", "D'Angelo SP"), ("PALETTE", "van der Graaf WTA"),
            ("REGOSARC", "Mir O")} <= found
    # the cited SARC028 report is one work, cited by two papers
    records = sarc028.records()
    assert len({r["work"] for r in records}) == 1 and len({r["citing"] for r in records}) == 2


def test_trial_names_by_their_place_in_the_sentence() -> None:
    def keys(text: str) -> list[str]:
        return [m.key for m in find_trial_ids(text)]

    assert keys("The RIVER-2 study enrolled 40 adults.") == ["RIVER-2"]
    assert keys("MOSAIC-B was a randomised phase 3 trial of two regimens.") == ["MOSAIC-B"]
    assert keys("Drug X versus drug Y in synovial sarcoma (LUMEN-4): an open-label, randomised, phase 2 trial") \
        == ["LUMEN-4"]
    assert keys("Phase II study of drug Z in advanced angiosarcoma (SKYLINE).") == ["SKYLINE"]
    assert keys("The review was registered with PROSPERO (CRD42012345678).") == ["CRD42012345678"]
    # a report title needs a trial word; a prose sentence ending in an acronym is no title
    assert keys("Tumours were graded by the French system (FNCLCC).") == []


def test_a_trial_name_is_recognised_wherever_the_document_prints_it_again() -> None:
    nlp = build_nlp(Lexicon([]))
    first = nlp.make_doc("Results of the CORAL-7 trial are reported.")
    later = nlp.make_doc("CORAL-7 met its primary endpoint.")
    other = nlp.make_doc("CORAL-7 met its primary endpoint.")
    for doc in (first, later):
        doc.user_data["scope"] = "paper-a"
    other.user_data["scope"] = "paper-b"
    assert [(e.text, e.id_) for e in nlp(first).ents] == [("CORAL-7", "trial_id:CORAL-7")]
    assert [(e.text, e.id_) for e in nlp(later).ents] == [("CORAL-7", "trial_id:CORAL-7")]
    assert [e.text for e in nlp(other).ents] == []
