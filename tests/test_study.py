"""Study facts read from an invented paper: own study only, most trusted sections first."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.document import Document, Metadata, Paragraph, ReferenceEntry, Section
from extractors.measurements import word_to_int
from extractors.records import Evidence, Mention
from extractors.study import cutoff_date, iso_date, roman_phase, study_facts

TITLE = "Zanotinib plus belmolimab in advanced angiosarcoma: a single-arm, phase 2 trial"
BLOCKS: list[tuple[str, str]] = [
    ("abstract", "Abstract"),
    ("", "Purpose: We assessed zanotinib plus belmolimab in adults with advanced angiosarcoma."),
    ("", "Results: Thirty-four patients were enrolled, of whom 31 were evaluable. The data cutoff date was "
         "March 15, 2024. With a median follow-up of 18.4 months, the ORR was 35%."),
    ("introduction", "Introduction"),
    ("", "A randomized phase 3 trial enrolled 120 patients with sarcoma (1). A prospective cohort followed."),
    ("methods", "Methods"),
    ("", "This multicentre study was done at three centers and registered as NCT05123456."),
    ("results", "Results"),
    ("", "A total of 34 patients were enrolled between 2021 and 2023."),
    ("discussion", "Discussion"),
    ("", "Further randomized studies are needed."),
]


def make_document(title: str, blocks: list[tuple[str, str]], n_refs: int = 2) -> Document:
    """A Document laid out as heading / paragraph blocks; kind "" marks a paragraph."""
    text, paragraphs, sections = "", [], []

    def append(piece: str) -> tuple[int, int]:
        nonlocal text
        start = len(text)
        text += piece + "\n\n"
        return start, start + len(piece)

    start, end = append(title)
    paragraphs.append(Paragraph(title, start, end, "", kind="title"))
    heading = ""
    for kind, piece in blocks:
        start, end = append(piece)
        if kind:
            heading = piece
            sections.append(Section(piece, start, end, kind=kind))
        else:
            paragraphs.append(Paragraph(piece, start, end, heading))
    refs = []
    for number in range(1, n_refs + 1):
        start, end = append(f"{number}. Ito Y. Title {number}. *Cancer* 2001;9:1–2.")
        refs.append(ReferenceEntry(number, text[start + 3:end], start + 3, end, numbered=True))
    return Document(Path("invented.txt"), text, Metadata(title=title), sections, paragraphs, [], [], refs)


def _mention(doc: Document, type_: str, key: str, surface: str, after: int = 0) -> Mention:
    start = doc.text.index(surface, after)
    evidence = Evidence(doc.source_file, "", start, start + len(surface), surface)
    return Mention(type_, key, key, surface, evidence)


@pytest.fixture(scope="module")
def doc() -> Document:
    return make_document(TITLE, BLOCKS)


def test_facts_of_the_own_study(doc: Document) -> None:
    mentions = [_mention(doc, "drug", "zanotinib", "Zanotinib"), _mention(doc, "drug", "belmolimab", "belmolimab"),
                _mention(doc, "subtype", "AS", "angiosarcoma")]
    facts = study_facts(doc, mentions)
    assert facts.design == "single-arm phase II"
    assert facts.phase == "II"
    assert facts.registration == "NCT05123456"
    assert facts.centers == 3
    assert facts.n_enrolled == 34
    assert facts.n_evaluable == 31
    assert facts.data_cutoff == "2024-03-15"
    assert facts.median_followup == "18.4 months"
    assert facts.population == "AS"
    assert facts.regimen == ("belmolimab", "zanotinib")


def test_every_fact_has_evidence_quoting_the_source(doc: Document) -> None:
    facts = study_facts(doc, [_mention(doc, "subtype", "AS", "angiosarcoma")])
    assert set(facts.evidence) >= {"design", "n_enrolled", "data_cutoff", "population"}
    for evidence in facts.evidence.values():
        assert doc.text[evidence.start:evidence.end] == evidence.quote
    assert facts.evidence["n_enrolled"].quote.startswith("Results: Thirty-four patients")


def test_cited_and_introduction_sentences_are_not_read() -> None:
    doc = make_document("Outcomes of sarcoma treatment", [
        ("introduction", "Introduction"),
        ("", "A randomized phase 3 trial enrolled 120 patients with sarcoma (1)."),
        ("", "Another retrospective study included 40 patients."),
        ("results", "Results"),
        ("", "Overall, the treatment was safe (2)."),
    ])
    facts = study_facts(doc, [])
    assert (facts.design, facts.phase, facts.n_enrolled) == ("", "", None)


def test_retrospective_cohort_and_all_evaluated() -> None:
    doc = make_document("Real-world outcomes of chemotherapy in leiomyosarcoma", [
        ("abstract", "Abstract"),
        ("", "In this retrospective study, 57 patients were included. All patients were evaluated for response."),
        ("results", "Results"),
        ("", "By the time of database lock (Aug 2nd, 2022), 12 had died."),
    ])
    mentions = [_mention(doc, "drug_class", "chemotherapy", "chemotherapy"),
                _mention(doc, "subtype", "LMS", "leiomyosarcoma")]
    facts = study_facts(doc, mentions)
    assert (facts.design, facts.n_enrolled, facts.n_evaluable) == ("retrospective cohort", 57, 57)
    assert facts.data_cutoff == "2022-08-02"
    assert (facts.population, facts.regimen) == ("LMS", ("chemotherapy",))
    assert facts.centers is None


def test_coordinated_subtypes_and_single_center() -> None:
    doc = make_document("Eribulin in leiomyosarcoma and liposarcoma", [
        ("abstract", "Abstract"),
        ("", "This single-center prospective study enrolled twenty-two patients."),
    ])
    mentions = [_mention(doc, "subtype", "LMS", "leiomyosarcoma"), _mention(doc, "subtype", "LPS", "liposarcoma"),
                _mention(doc, "drug", "eribulin", "Eribulin")]
    facts = study_facts(doc, mentions)
    assert facts.population == "LMS|LPS"
    assert (facts.design, facts.centers, facts.n_enrolled) == ("prospective", 1, 22)


def test_phase_of_other_trials_and_fallback_population() -> None:
    doc = make_document("Outcomes in rare tumours", [
        ("abstract", "Abstract"),
        ("", "Phase II trials of checkpoint inhibitors were disappointing in sarcoma."),
        ("", "We retrospectively reviewed 40 patients with angiosarcoma who received belmolimab."),
        ("", "A PD-L1 cut-off of 1% was used."),
    ])
    mentions = [_mention(doc, "subtype", "SARC", "sarcoma"), _mention(doc, "subtype", "AS", "angiosarcoma"),
                _mention(doc, "drug", "belmolimab", "belmolimab")]
    facts = study_facts(doc, mentions)
    assert (facts.design, facts.phase) == ("retrospective cohort", "")
    assert (facts.population, facts.regimen) == ("AS", ("belmolimab",))
    assert facts.data_cutoff == ""


def test_pure_helpers() -> None:
    assert [word_to_int(w) for w in ("79", "Fifty-one", "twenty two", "one hundred and five", "many")] == [
        79, 51, 22, 105, None]
    assert [roman_phase(p) for p in ("2", "1b/2", "III", "Ib/II")] == ["II", "Ib/II", "III", "Ib/II"]
    assert iso_date("on 31 January 2024") == "2024-01-31"
    assert iso_date("in May 2024") == "2024-05"
    assert iso_date("2023-11-05") == "2023-11-05"
    assert cutoff_date("The cutoff date was May 25, 2024.") == "2024-05-25"
    assert cutoff_date("Enrolment ended on May 25, 2024.") is None


def test_statements_of_the_whole_study_size() -> None:
    from extractors.study import STUDY_SIZE_RE

    def sizes(text: str) -> list[str]:
        return [m.group(1) for m in STUDY_SIZE_RE.finditer(text)]

    assert sizes("A total of 79 patients were included in this study.") == ["79"]
    assert sizes("Out of the 51 patients included in this study, 63 (79.7%) had AEs.") == ["51"]
    assert sizes("Forty-two eligible patients were enrolled in this trial.") == ["Forty-two"]
    # a part of the cohort, or another study's patients, is not the study's size
    assert sizes("The 30 ASPS patients included in this study responded.") == []
    assert sizes("76 patients were included in a registry.") == []


def _untitled(blocks: list[str]) -> Document:
    doc = make_document("", [("", b) for b in blocks])
    return doc


def test_untitled_piece_that_keeps_naming_one_subtype_studies_it() -> None:
    doc = _untitled(["The uncommon tumour chordoma grows slowly in the skull base and sacrum.",
                     "A phase 2 study gave zanotinib to 40 adults, and responses in chordoma lasted long."])
    mentions = [_mention(doc, "subtype", "CHS", "chordoma"),
                _mention(doc, "subtype", "CHS", "chordoma", doc.text.index("responses")),
                _mention(doc, "drug", "zanotinib", "zanotinib")]
    assert study_facts(doc, mentions).population == "CHS"


def test_untitled_piece_naming_a_mix_or_a_single_mention_keeps_the_default() -> None:
    doc = _untitled(["Of the soft tissue sarcoma patients, ten had angiosarcoma.",
                     "Angiosarcoma responded best to zanotinib."])
    mixed = [_mention(doc, "subtype", "STS", "soft tissue sarcoma"),
             _mention(doc, "subtype", "AS", "angiosarcoma"),
             _mention(doc, "subtype", "AS", "Angiosarcoma")]
    assert study_facts(doc, mixed).population == ""
    once = [_mention(doc, "subtype", "AS", "angiosarcoma")]
    assert study_facts(doc, once).population == ""


def test_a_later_trial_the_results_led_to_does_not_give_the_regimen() -> None:
    doc = _untitled(["Impact: The findings of this study led to a phase III trial of zanotinib plus epirubicin.",
                     "Investigators ran a single-arm phase II trial of zanotinib in 40 adults."])
    later = doc.text.index("phase III")
    mentions = [_mention(doc, "drug", "zanotinib", "zanotinib"),
                _mention(doc, "drug", "epirubicin", "epirubicin"),
                _mention(doc, "drug", "zanotinib", "zanotinib", later + 40)]
    facts = study_facts(doc, mentions)
    assert facts.regimen == ("zanotinib",)
    assert "phase II trial of zanotinib" in facts.evidence["regimen"].quote


def test_broad_sarcomas_including_one_subtype_is_a_mix() -> None:
    doc = _untitled(["Zanotinib showed activity in advanced sarcomas, including chordoma.",
                     "Of the 30 patients, 12 had chordoma."])
    mentions = [_mention(doc, "subtype", "CHS", "chordoma"),
                _mention(doc, "subtype", "CHS", "chordoma", doc.text.index("12 had"))]
    assert study_facts(doc, mentions).population == ""
