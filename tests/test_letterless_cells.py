"""Table cells without a letter skip the pipeline: it could find nothing in them."""

from __future__ import annotations

from spacy.tokens import Doc

from extractors.extract import _names_nothing
from extractors.lexicon_ruler import NESTED_KEY
from extractors.pipeline import build_nlp
from extractors.text_units import TextUnit

LETTERLESS_CELLS = ["12 (34.5)", "0.81–1.09", "[3]", "(7, 11–15)", "≥ 3", "= 24", "2/40 (5%)", "—", "+",
                    "(2 / 8)", "0·61", "< 0.001", "¹²"]


def _piped(text: str) -> Doc:
    nlp = build_nlp()
    doc = nlp.make_doc(text)
    doc.user_data["scope"] = "cells.txt"
    doc.user_data["n_references"] = 20
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def test_the_pipeline_finds_nothing_in_a_cell_without_a_letter() -> None:
    _piped("Alveolar soft part sarcoma (ASPS) and the IMPACT-2 trial")  # a scope with definitions and trials
    for text in LETTERLESS_CELLS:
        doc = _piped(text)
        assert not doc.ents, text
        assert not (doc.spans[NESTED_KEY] if NESTED_KEY in doc.spans else []), text


def test_only_letterless_cells_are_left_out() -> None:
    nlp = build_nlp()
    assert all(_names_nothing(nlp, TextUnit(text, 0, "Results", "cell")) for text in LETTERLESS_CELLS)
    assert not _names_nothing(nlp, TextUnit("ASPS", 0, "Results", "cell"))
    assert not _names_nothing(nlp, TextUnit("12 (34.5) pazopanib", 0, "Results", "cell"))
    assert not _names_nothing(nlp, TextUnit("12 (34.5) [3]", 0, "Results", "paragraph"))


def test_a_letterless_lexicon_form_keeps_every_cell_read() -> None:
    nlp = build_nlp()
    ruler = nlp.get_pipe("sarcoma_lexicon_ruler")
    assert ruler.reads_letterless is False  # the shipped lexicon: every form has a letter
    try:
        ruler.reads_letterless = True
        assert not _names_nothing(nlp, TextUnit("12 (34.5)", 0, "Results", "cell"))
    finally:
        ruler.reads_letterless = False
