"""The sentence component: spaCy sentence starts from the corpus sentence rules."""

from __future__ import annotations

import spacy

from extractors.sentencizer import sentence_spans


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_survives_abbreviations_and_confidence_intervals() -> None:
    text = (
        "The median PFS was 6.1 months (95% CI: 3.2–9.9) vs. 2.0 months in the control arm. "
        "As reported by Smith et al. in a larger series, responses were durable (see Fig. 3). "
        "The next sentence starts here."
    )
    assert _sentences(text) == [
        "The median PFS was 6.1 months (95% CI: 3.2–9.9) vs. 2.0 months in the control arm.",
        "As reported by Smith et al. in a larger series, responses were durable (see Fig. 3).",
        "The next sentence starts here.",
    ]


def test_ref_and_initials_do_not_split() -> None:
    text = "Earlier work (ref. 12) was small. Z. Tan and Y. Wu led it."
    assert _sentences(text) == ["Earlier work (ref. 12) was small.", "Z. Tan and Y. Wu led it."]


def test_line_breaks_end_sentences_and_offsets_are_exact() -> None:
    text = "Adverse events\nGrade 3 events were rare.  Fatigue was common."
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["Adverse events", "Grade 3 events were rare.", "Fatigue was common."]


def test_component_sets_sentence_starts() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sarcoma_sentences")
    doc = nlp("Response rates were 20% vs. 10% (Fig. 2). Toxicity was mild.")
    assert [s.text for s in doc.sents] == ["Response rates were 20% vs. 10% (Fig. 2).", "Toxicity was mild."]


def test_empty_text() -> None:
    assert sentence_spans("") == []
    nlp = spacy.blank("en")
    nlp.add_pipe("sarcoma_sentences")
    assert len(nlp("")) == 0
