"""The study population when the title and the enrolment disagree: a title that names only soft
tissue sarcoma over a trial that enrolled one or two named subtypes, and a title that names the
subtype that did best over a trial of mixed sarcomas. Every sentence is made up for the test."""

from __future__ import annotations

from corpus import parse
from extractors.extract import extract
from extractors.study import opening_line_title


def populations_of(text: str) -> dict[str, tuple[str, ...]]:
    return {c.value: c.population for c in extract(parse(text + "\n", "pops.txt")).outcomes}


def test_an_umbrella_title_over_an_enrolment_of_two_subtypes_takes_the_subtypes() -> None:
    text = ("Trabectedin extends survival in advanced soft tissue sarcoma\n\n"
            "Investigators enrolled 300 patients aged 18 or older with advanced leiomyosarcoma or liposarcoma "
            "after anthracyclines. Median overall survival was 13.1 months.")
    assert populations_of(text) == {"13.1": ("LMS", "LPS")}


def test_an_umbrella_title_over_a_mixed_enrolment_stays_the_umbrella() -> None:
    text = ("Trabectedin extends survival in advanced soft tissue sarcoma\n\n"
            "Investigators enrolled 300 patients with advanced soft tissue sarcoma, most with leiomyosarcoma. "
            "Median overall survival was 13.1 months.")
    assert populations_of(text) == {"13.1": ("STS",)}


def test_a_subtype_title_over_patients_with_advanced_or_metastatic_sarcomas_is_a_mixed_study() -> None:
    text = ("Sunitinib plus nivolumab in clear cell sarcoma\n\n"
            "A phase II trial treated 40 patients with advanced or metastatic sarcomas. For all patients, the "
            "6-month PFS rate was 48.0%; it was 60.0% in clear cell sarcoma (n = 10).")
    assert populations_of(text) == {"48.0": ("STS",), "60.0": ("CCS",)}


def test_two_subtypes_sharing_their_head_word_pool_both() -> None:
    text = ("Abemaciclib in well-differentiated or dedifferentiated liposarcoma: a phase II trial\n\nResults\n\n"
            "The 12-week PFS rate was 62.0%.")
    short = ("Abemaciclib in advanced WD/DDLS: a phase II trial\n\nResults\n\nThe 12-week PFS rate was 62.0%.")
    assert populations_of(text) == {"62.0": ("DDLPS", "WDLPS")}
    assert populations_of(short) == {"62.0": ("DDLPS", "WDLPS")}


def test_time_on_treatment_is_no_survival_median() -> None:
    text = ("Abemaciclib in dedifferentiated liposarcoma: a retrospective study\n\nResults\n\n"
            "Median PFS was 3.1 months, with a median time on treatment of 3.4 months.")
    assert populations_of(text) == {"3.1": ("DDLPS",)}


def test_a_title_line_glued_to_its_journal_line_still_names_the_population() -> None:
    text = ("Dasatinib in recurrent chordoma: an observational series\n"
            "Journal of Bone Oncology 2019\n\n"
            "Methods Forty consecutive patients received dasatinib. Results Median PFS was 7.7 months.")
    assert populations_of(text) == {"7.7": ("CHOR",)}


def test_an_opening_sentence_or_a_lone_line_is_no_glued_title() -> None:
    sentence = parse("Forty consecutive patients received dasatinib for chordoma.\nJournal of Bone Oncology 2019\n\n"
                     "Median PFS was 7.7 months.\n", "s.txt")
    glued = parse("Dasatinib in recurrent chordoma: an observational series\nJournal of Bone Oncology 2019\n\n"
                  "Median PFS was 7.7 months.\n", "g.txt")
    assert opening_line_title(sentence) is None
    span = opening_line_title(glued)
    assert span is not None and glued.text[span[0]:span[1]].endswith("observational series")
