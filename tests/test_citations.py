"""Citation markers: what is a citation and what is just a number in brackets."""

from __future__ import annotations

import pytest
import spacy

from extractors.citations import enumeration_items, find_citations, parse_numbers


def _markers(text: str, n_references: int | None = 50) -> list[tuple[str, tuple[int, ...]]]:
    return [(c.text, c.numbers) for c in find_citations(text, n_references)]


def test_square_brackets_lists_and_ranges() -> None:
    text = "Rare tumours [15]. Relapse is common [3–5], as shown before [1, 2] and since [6-10]."
    assert _markers(text) == [("[15]", (15,)), ("[3–5]", (3, 4, 5)), ("[1, 2]", (1, 2)),
                              ("[6-10]", (6, 7, 8, 9, 10))]


def test_round_brackets_and_ref_words() -> None:
    text = "Guidelines agree (7, 11–15). A trial showed it (16). Others disagree (ref. 16; refs. 3-5)."
    assert _markers(text) == [("(7, 11–15)", (7, 11, 12, 13, 14, 15)), ("(16)", (16,)),
                              ("ref. 16", (16,)), ("refs. 3-5", (3, 4, 5))]


def test_numbers_that_are_not_citations() -> None:
    text = ("Second-line use (n = 24, 47.1%) gave a PFS of 5.8 months (95% CI: 4.8–6.8), one CR (2.0%), "
            "a hazard (HR 0.5), published (2019), see (Fig. 2) and (Table 1), $P$ (0.03), 15 (52).")
    assert _markers(text) == []


def test_offsets_are_exact() -> None:
    text = "It worked [12]."
    (cite,) = find_citations(text)
    assert text[cite.start:cite.end] == "[12]"


def test_enumerations_are_not_citations() -> None:
    text = ("Patients were included (1): aged 18 years or older; (2) had measurable disease; (3) had no "
            "prior therapy. Patients were excluded if they had (1) a second tumour; (2) no follow-up.")
    assert _markers(text) == []


def test_consecutive_citations_in_separate_sentences_stay() -> None:
    text = "Sarcomas are rare (1). Outcomes are poor (2). New drugs help (3)."
    assert _markers(text) == [("(1)", (1,)), ("(2)", (2,)), ("(3)", (3,))]


def test_reference_list_length_bounds_numbers() -> None:
    assert _markers("It was shown (45).", n_references=40) == []
    assert _markers("It was shown (45).", n_references=None) == [("(45)", (45,))]
    assert _markers("Ages were (18–71).", n_references=27) == []


def test_parse_numbers() -> None:
    assert parse_numbers("3–5, 9") == (3, 4, 5, 9)
    assert parse_numbers("5–3") is None
    assert parse_numbers("0") is None
    assert parse_numbers("1-200") is None


def test_enumeration_items_needs_a_run() -> None:
    text = "It was included (1): aged 18 or older."
    assert enumeration_items(text, find_citations(text)) == set()


def test_component_stores_markers() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sarcoma_citations")
    doc = nlp.make_doc("Known before [3] and (4, 5).")
    doc.user_data["n_references"] = 4
    doc = nlp(doc)
    assert [c.numbers for c in doc.user_data["citations"]] == [(3,)]
    assert [s.text for s in doc.spans["citations"]] == ["[3]"]


def test_a_text_known_to_cite_nothing_has_no_markers() -> None:
    text = "Imaging of (13)C labelled glucose (1) and lactate [2] was compared."
    assert [c.numbers for c in find_citations(text)] == [(13,), (1,), (2,)]
    assert find_citations(text, 0) == []


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("In the biggest earlier series,4 median survival was nine months.", (4,)),
        ("Responses lasted a long time.11 In the second cohort", (11,)),
        ("as previously shown by others;3-5 the toxicity was mild", (3, 4, 5)),
    ],
)
def test_superscripts_flattened_to_plain_digits(text: str, numbers: tuple[int, ...]) -> None:
    found = find_citations(text, n_references=20)
    assert [c.numbers for c in found] == [numbers]


@pytest.mark.parametrize(
    "text",
    [
        "median 6.1 vs.14 months in the control arm",
        "in the pooled trial,7 patients responded",
        "e.g.,3 drugs were combined",
        "a dose of 1,200 mg was given",
    ],
)
def test_glued_digits_that_are_no_flattened_marker(text: str) -> None:
    assert find_citations(text, n_references=20) == []


def test_flattened_markers_not_in_a_text_that_cites_nothing() -> None:
    text = "In the biggest earlier series,4 median survival was nine months."
    assert [c.numbers for c in find_citations(text, n_references=None)] == [(4,)]  # an excerpt: list unknown
    assert find_citations(text, n_references=0) == []
    assert find_citations(text, n_references=3) == []  # 4 is beyond the list


def test_superscripts_in_tex_braces() -> None:
    text = "Toxicity was higher.^{5} Reductions were common^{6-8} at 60 mg/m^{2}, with I^{2} = 30% and 10^{9}/L."
    assert [(c.text, c.numbers) for c in find_citations(text, n_references=10)] == [
        ("^{5}", (5,)), ("^{6-8}", (6, 7, 8))]


def test_flattened_marker_after_a_paragraphs_last_stop() -> None:
    text = "Responses lasted long. The same pair gave a median of 8·1 months.6"
    assert [c.numbers for c in find_citations(text, n_references=9)] == [(6,)]
    assert find_citations(text, n_references=None) == []  # without the list, a stray digit
    assert find_citations("The figure is shown in Fig.2", n_references=9) == []


def test_flattened_marker_after_a_percentage() -> None:
    assert [c.numbers for c in find_citations("response rates of 12%–26%.1,2 Adding a drug", n_references=9)] == [
        (1, 2)]
    assert find_citations("an ORR of 12%, 3 patients", n_references=9) == []


def test_a_karyotype_is_no_citation() -> None:
    # sarcoma papers name a subtype's fusion by its translocation: the chromosome numbers are no markers
    text = ("Each tumour carried the t(12;16)(q13;p11) fusion, one with der(22)t(11;22) and one an "
            "inv(12) as well, as reported before (4, 7).")
    assert [c.numbers for c in find_citations(text, n_references=30)] == [(4, 7)]
    assert [c.numbers for c in find_citations("as reported before (12;16).", n_references=30)] == [(12, 16)]
