"""Sentences read on the pipeline's own tokens (extractors/unit_docs.py, pattern_tokens.hand_over)."""

import pytest

from extractors.pattern_tokens import hand_over, sentence_tokens, tokens_of
from extractors.pipeline import build_nlp
from extractors.result_patterns import statement_matches
from extractors.unit_docs import UnitDocs

PARAGRAPH = "Patients were enrolled at four sites. Nine of 30 patients (30%) responded.\nOthers did not."


@pytest.fixture(scope="module")
def docs() -> UnitDocs:
    nlp = build_nlp()
    units = UnitDocs()
    units.add(100, "A heading", nlp.make_doc("A heading"))
    units.add(200, PARAGRAPH, nlp.make_doc(PARAGRAPH))
    return units


def test_a_sentence_is_found_by_its_source_offsets(docs: UnitDocs) -> None:
    sentence = "Nine of 30 patients (30%) responded."
    start = 200 + PARAGRAPH.index("Nine")
    span = docs.span(start, start + len(sentence), sentence)
    assert span is not None and span.text == sentence
    assert docs.span(start, start + len(sentence), "Another text") is None


def test_a_sentence_cut_inside_a_word_or_outside_every_doc_has_no_span(docs: UnitDocs) -> None:
    cut = PARAGRAPH[PARAGRAPH.index("ine of") : PARAGRAPH.index(" patients")]
    assert docs.span(200 + PARAGRAPH.index("ine of"), 200 + PARAGRAPH.index(" patients"), cut) is None
    assert docs.span(50, 60, " " * 10) is None
    assert docs.span(200, 200 + len(PARAGRAPH) + 5, PARAGRAPH + "  x  ") is None  # runs past its paragraph


def test_units_must_come_in_source_order() -> None:
    units = UnitDocs()
    units.add(10, "x", build_nlp().make_doc("x"))
    with pytest.raises(ValueError, match="offset 5"):
        units.add(5, "y", build_nlp().make_doc("y"))


def test_whitespace_tokens_are_left_out_with_offsets_kept() -> None:
    doc = build_nlp().make_doc("Seven of\n20 patients (35%) responded.")
    tokens = tokens_of(doc[:], doc.text)
    assert [tokens.text[tokens.starts[i] : tokens.end(i)] for i in range(3)] == ["Seven", "of", "20"]
    assert not any(t.is_space for t in tokens.doc)


def test_handed_over_tokens_are_read_instead_of_tokenizing(docs: UnitDocs) -> None:
    sentence = "Nine of 30 patients (30%) responded."
    span = docs.span(200 + PARAGRAPH.index("Nine"), 200 + PARAGRAPH.index("\nOthers"), sentence)
    assert span is not None
    hand_over(span, sentence)
    tokens = sentence_tokens(span.text)
    assert tokens.doc.doc is span.doc  # the pipeline's own Doc, not a new one
    [match] = statement_matches(span.text, "responders")
    assert {k: span.text[a:b] for k, (a, b) in match.slots.items()} == {"x": "Nine", "n": "30", "p": "30"}


def test_the_pipeline_tokenizer_keeps_numbers_apart_from_what_is_glued_to_them() -> None:
    words = [t.text for t in build_nlp().make_doc("rate 12% (3 / 8).¹⁴ and 1PR/10")]
    assert words == ["rate", "12", "%", "(", "3", "/", "8", ")", ".", "¹⁴", "and", "1", "PR", "/", "10"]


def test_a_sentence_in_a_later_piece_of_a_joined_paragraph_is_found_by_its_source_offsets() -> None:
    # "The median PFS was" printed at 300, a page footer, then "4.2 months. Six patients responded." at 400
    first, second = "The median PFS was", "4.2 months. Six patients responded."
    text = first + " " + second
    units = UnitDocs()
    units.add(300, text, build_nlp().make_doc(text), ((len(first) + 1, 400),))
    sentence = "Six patients responded."
    start = 400 + second.index("Six")
    span = units.span(start, start + len(sentence), sentence)
    assert span is not None and span.text == sentence
    whole = first + " 4.2 months."  # the cut sentence, read whole: its source offsets span the footer
    assert units.span(300, 400 + len("4.2 months."), whole) is None
    assert units.span(start - 100, start - 100 + len(sentence), sentence) is None  # the gap holds no such text
