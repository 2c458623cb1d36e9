"""The lexicon ruler on its own: pattern rows, case rules, hyphens, longest match."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from extractors.lexicon_ruler import (
    LexiconRuler,
    form_tokens,
    lexicon_patterns,
    longest_spans,
    split_id,
    token_patterns,
)
from extractors.pipeline import build_nlp, customize_tokenizer
from ontology.lexicon import Concept, Lexicon

LEXICON = Lexicon([
    Concept("drug", "zanotinib", "zanotinib", synonyms=("ZN-4411", "Zanexa")),
    Concept("drug", "belmolimab", "belmolimab", synonyms=("QXR7781",)),
    Concept("drug_class", "pd-1 inhibitor", "PD-1 inhibitor", synonyms=("PD-1 inhibitors", "anti-PD-1")),
    Concept("target", "PD-1", "PD-1", synonyms=("PD1",)),
    Concept("target", "PD-L1", "PD-L1"),
    Concept("target", "KITR1", "KITR1"),
    Concept("target", "KITR2", "KITR2"),
    Concept("biomarker", "PD-L1 expression", "PD-L1 expression", synonyms=("PD-L1 positivity",)),
    Concept("subtype", "AS", "angiosarcoma", synonyms=("AS", "angiosarcomas")),
    Concept("subtype", "STS", "soft tissue sarcoma", synonyms=("STS", "soft tissue sarcomas")),
    Concept("subtype", "ASPS", "alveolar soft part sarcoma", synonyms=("ASPS",)),
    Concept("endpoint", "PFS", "progression-free survival", synonyms=("PFS",)),
])


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return build_nlp(LEXICON)


def _ents(nlp: spacy.language.Language, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.id_) for e in nlp(text).ents]


def test_pattern_rows_have_label_pattern_and_id() -> None:
    tokenizer = spacy.blank("en").tokenizer
    rows = lexicon_patterns(LEXICON, tokenizer)
    assert all(set(row) == {"label", "pattern", "id"} for row in rows)
    as_rows = [r for r in rows if r["id"] == "subtype:AS"]
    assert {"label": "subtype", "pattern": [{"ORTH": "AS"}], "id": "subtype:AS"} in as_rows
    assert {"label": "subtype", "pattern": [{"LOWER": "angiosarcoma"}], "id": "subtype:AS"} in as_rows


def test_multi_token_forms_use_the_tokenizer() -> None:
    nlp = spacy.blank("en")
    customize_tokenizer(nlp)
    assert token_patterns("PD-L1", True, nlp.tokenizer) == [[{"ORTH": "PD"}, {"ORTH": "-"}, {"ORTH": "L1"}]]
    spellings = token_patterns("soft tissue sarcoma", False, nlp.tokenizer)
    assert [{"LOWER": "soft"}, {"LOWER": "-"}, {"LOWER": "tissue"}, {"LOWER": "sarcoma"}] in spellings
    assert [{"LOWER": "soft"}, {"LOWER": "tissue"}, {"LOWER": "sarcoma"}] in spellings


def test_case_sensitive_abbreviations(nlp: spacy.language.Language) -> None:
    assert _ents(nlp, "Patients with AS responded as expected.") == [("AS", "subtype:AS")]
    assert _ents(nlp, "Angiosarcoma and ANGIOSARCOMA") == [
        ("Angiosarcoma", "subtype:AS"), ("ANGIOSARCOMA", "subtype:AS")]


def test_hyphenated_forms_and_codes(nlp: spacy.language.Language) -> None:
    ents = _ents(nlp, "An anti-PD-1 agent, PD-L1 staining, ZN-4411 and QXR7781 in soft-tissue sarcomas.")
    assert ents == [
        ("anti-PD-1", "drug_class:pd-1 inhibitor"),
        ("PD-L1", "target:PD-L1"),
        ("ZN-4411", "drug:zanotinib"),
        ("QXR7781", "drug:belmolimab"),
        ("soft-tissue sarcomas", "subtype:STS"),
    ]


def test_an_en_dash_joins_words_like_a_hyphen(nlp: spacy.language.Language) -> None:
    """The lexicon lists "progression-free survival" once; typeset text may join the words with an en dash."""
    assert _ents(nlp, "Progression–free survival in soft-tissue sarcoma.") == [
        ("Progression–free survival", "endpoint:PFS"), ("soft-tissue sarcoma", "subtype:STS")]
    assert _ents(nlp, "The PD–L1 test.") == []  # a code is spelt as listed, not a pair of words


def test_plus_sign_and_glued_brackets_split(nlp: spacy.language.Language) -> None:
    assert _ents(nlp, "zanotinib+ belmolimab, zanotinib+belmolimab") == [
        ("zanotinib", "drug:zanotinib"), ("belmolimab", "drug:belmolimab"),
        ("zanotinib", "drug:zanotinib"), ("belmolimab", "drug:belmolimab")]


def test_longest_match_wins(nlp: spacy.language.Language) -> None:
    assert _ents(nlp, "PD-1 inhibitors in alveolar soft part sarcoma") == [
        ("PD-1 inhibitors", "drug_class:pd-1 inhibitor"), ("alveolar soft part sarcoma", "subtype:ASPS")]


def test_targets_nested_in_class_names_are_kept_aside(nlp: spacy.language.Language) -> None:
    doc = nlp("Prior anti-PD-1 therapy was allowed.")
    assert [(s.text, s.id_) for s in doc.spans["nested_targets"]] == [("PD-1", "target:PD-1")]


def test_targets_nested_in_biomarker_names_are_kept_aside(nlp: spacy.language.Language) -> None:
    doc = nlp("Outcomes did not differ by PD-L1 positivity.")
    assert [(e.text, e.id_) for e in doc.ents] == [("PD-L1 positivity", "biomarker:PD-L1 expression")]
    assert [(s.text, s.id_) for s in doc.spans["nested_targets"]] == [("PD-L1", "target:PD-L1")]


def test_a_numbered_range_names_its_first_member(nlp: spacy.language.Language) -> None:
    doc = nlp("The drug blocks KITR1–3 in vitro.")
    assert [(e.text, e.id_) for e in doc.ents] == [("KITR1–3", "target:KITR1")]
    assert [e.id_ for e in nlp("KITR4–5 were profiled.").ents] == []


def test_plurals_only_through_synonyms(nlp: spacy.language.Language) -> None:
    assert _ents(nlp, "angiosarcomas") == [("angiosarcomas", "subtype:AS")]
    assert _ents(nlp, "zanotinibs") == []


def test_longest_spans_prefers_length_then_type() -> None:
    nlp = spacy.blank("en")
    doc = nlp("PD L1 blockade")
    a = Span(doc, 0, 2, label="target", span_id="target:PD-L1")
    b = Span(doc, 0, 2, label="drug", span_id="drug:x")
    c = Span(doc, 0, 1, label="endpoint", span_id="endpoint:y")
    assert [s.id_ for s in longest_spans([a, b, c])] == ["drug:x"]


def test_ruler_alone_and_token_patterns() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("sarcoma_lexicon_ruler")
    assert isinstance(ruler, LexiconRuler)
    ruler.add_patterns([{"label": "drug", "pattern": [{"LOWER": "zanotinib"}, {"IS_DIGIT": True, "OP": "?"}],
                         "id": "drug:zanotinib"}])
    assert len(ruler) == 1 and ruler.patterns[0]["id"] == "drug:zanotinib"
    assert [e.text for e in nlp("Zanotinib 12 daily").ents] == ["Zanotinib 12"]


def test_plain_forms_are_split_as_the_tokenizer_splits_them() -> None:
    nlp = spacy.blank("en")
    customize_tokenizer(nlp)
    forms = ["velarimab", "Velarimab", "soft tissue sarcoma", "Grade three rash", "GIST", "Cannot", "dont know",
             "PD-L1", "anti-PD-1", "hand\u2013foot syndrome", "10mg", "VEGFR1-3", "ki67+", "a  b", " lead",
             "caf\u00e9 au lait"]
    for form in forms:
        assert form_tokens(form, nlp.tokenizer) == [(t.text, bool(t.whitespace_)) for t in nlp.tokenizer(form)], form
    assert form_tokens("Cannot", nlp.tokenizer) == [("Can", False), ("not", False)]  # a special case: tokenized


def test_phrases_match_as_if_made_from_docs() -> None:
    """A row's words go to the phrase matchers as the attribute a Doc of them has: a LOWER row written
    with capitals still matches any case, an ORTH row only its own."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("sarcoma_lexicon_ruler")
    assert isinstance(ruler, LexiconRuler)
    ruler.add_patterns([{"label": "drug", "pattern": [{"LOWER": "Velarimab"}], "id": "drug:velarimab"},
                        {"label": "subtype", "pattern": [{"ORTH": "DSRCT"}], "id": "subtype:DSRCT"},
                        {"label": "endpoint", "pattern": [{"LOWER": "time"}, {"LOWER": "to"}, {"LOWER": "Relapse"}],
                         "id": "endpoint:TTR"}])
    found = [(e.text, e.id_) for e in nlp("VELARIMAB in dsrct and DSRCT; Time To relapse was long").ents]
    assert found == [("VELARIMAB", "drug:velarimab"), ("DSRCT", "subtype:DSRCT"), ("Time To relapse", "endpoint:TTR")]


def test_split_id() -> None:
    assert split_id("drug_class:pd-1 inhibitor") == ("drug_class", "pd-1 inhibitor")


def test_build_nlp_is_cached_per_lexicon(nlp: spacy.language.Language) -> None:
    assert build_nlp(LEXICON) is nlp
    assert build_nlp(Lexicon([])) is not nlp
