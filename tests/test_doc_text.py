"""Pipeline components share one joined text per Doc (extractors.doc_text)."""

from __future__ import annotations

import spacy

from extractors.doc_text import TEXT_KEY, doc_text
from extractors.pipeline import build_nlp


def test_doc_text_is_the_verbatim_text_and_is_kept_for_later_readers() -> None:
    nlp = spacy.blank("en")
    doc = nlp("Median PFS was 6.2 months  (95% CI, 4.1-8.0).\nORR: 31%")
    assert doc_text(doc) == doc.text
    assert doc.user_data[TEXT_KEY] == doc.text
    doc.user_data[TEXT_KEY] = "kept"
    assert doc_text(doc) == "kept"  # the second reader does not join the tokens again


def test_pipeline_components_find_sentences_and_citations_in_the_shared_text() -> None:
    nlp = build_nlp()
    text = "Patients received exampletinib (EXB) [3]. EXB was given daily; the ORR was 20% [4, 5]."
    doc = nlp(text)
    assert doc.user_data[TEXT_KEY] == text
    assert [(c.start, c.end) for c in doc.user_data["citations"]] == [(text.index("[3]"), text.index("[3]") + 3),
                                                                      (text.index("[4, 5]"), len(text) - 1)]
    assert [s.text for s in doc.sents] == ["Patients received exampletinib (EXB) [3].",
                                           "EXB was given daily; the ORR was 20% [4, 5]."]
