"""The gated Matcher finds what spaCy's Matcher finds, in the same order, running fewer patterns."""

from __future__ import annotations

import pytest
from spacy.attrs import LOWER, ORTH
from spacy.matcher import Matcher
from spacy.strings import get_string_id

from extractors import gated_matcher
from extractors.gated_matcher import GatedMatcher, regex_requirements, requirements
from extractors.pipeline import build_nlp

PATTERNS = [
    ("rate", [{"LOWER": {"REGEX": r"^\d+$"}}, {"ORTH": "%"}]),
    ("ci", [{"ORTH": {"IN": ["95", "90"]}}, {"ORTH": "%"}, {"LOWER": "ci"}, {"TEXT": {"REGEX": r"^[\d.]+$"}}]),
    ("at", [{"LOWER": {"IN": ["at", "after"]}}, {"LOWER": "the", "OP": "?"}, {"TEXT": {"REGEX": r"^\d+$"}},
            {"LOWER": {"IN": ["months", "weeks"]}}]),
    ("list", [{"LOWER": "at"}, {"TEXT": {"REGEX": r"^\d+$"}}, {"LOWER": {"IN": [",", "and"]}, "OP": "{1,2}"},
              {"TEXT": {"REGEX": r"^\d+$"}}, {"LOWER": "months"}]),
    ("never", [{"LOWER": "zebra"}, {"LOWER": "crossing"}]),
    ("optional", [{"LOWER": "zebra", "OP": "?"}, {"TEXT": {"REGEX": r"^\d+$"}}, {"LOWER": "patients"}]),
    ("rate", [{"TEXT": {"REGEX": r"^\d+\.\d+$"}}, {"ORTH": "%"}]),
    ("glued", [{"LOWER": {"REGEX": r"^\d+(?:mo|months?)$"}}, {"LOWER": {"REGEX": "^(?:pfs|os)"}}]),
    ("edge", [{"LOWER": {"REGEX": r"(?<![a-z])z$"}}, {"IS_DIGIT": True}]),
]
SENTENCES = [
    "The response rate was 35 % (95 % CI 20.1 to 51.3) at 6 and 12 months in 40 patients.",
    "After the 3 months of treatment, 12.5 % had stable disease, and at 6 , and 9 months 20 patients were alive.",
    "No numbers here at all.",
    "Zebra 12 patients crossing zebra crossing.",
    "The 12months PFS and 6mo OS rates were 40.5 % and 12 %; z 3 and az 4.",
]


def _both() -> tuple[Matcher, GatedMatcher]:
    vocab = build_nlp().vocab
    plain, gated = Matcher(vocab), GatedMatcher(vocab)
    for key, pattern in PATTERNS:
        plain.add(key, [pattern])
        gated.add(key, [pattern])
    return plain, gated


def test_the_gated_matcher_returns_the_plain_matchers_matches_in_order() -> None:
    plain, gated = _both()
    nlp = build_nlp()
    for sentence in SENTENCES:
        doc = nlp.make_doc(sentence)
        for doclike in (doc, doc[2:]):
            assert gated(doclike, with_alignments=True) == plain(doclike, with_alignments=True), sentence
            assert gated(doclike) == plain(doclike), sentence


def test_a_pattern_whose_required_words_are_absent_is_left_out() -> None:
    _, gated = _both()
    doc = build_nlp().make_doc("At 6 months 35 % were alive.")
    gated(doc)
    kept = list(gated._by_subset.values())
    assert len(kept) == 1  # both rate patterns and "at": no ci, list, never, optional (no "patients") or glued
    keys = ("rate", "ci", "at", "list", "never", "optional", "glued", "edge")
    assert [key for key in keys if key in kept[0]] == ["rate", "at", "edge"]  # "edge": a lookbehind, never ruled out
    assert gated(build_nlp().make_doc("nothing to see")) == []


def test_requirements_skip_optional_and_negated_tokens_and_predicates() -> None:
    pattern = [{"LOWER": "at", "OP": "?"}, {"LOWER": "of", "OP": "*"}, {"LOWER": "not", "OP": "!"},
               {"LOWER": "up", "OP": "{0,2}"}, {"ORTH": "(", "OP": "{1,2}"}, {"TEXT": "to", "OP": "+"},
               {"LOWER": {"IN": ["months", "weeks"]}}, {"LOWER": {"NOT_IN": ["x"]}}, {"LOWER": {"REGEX": "y"}},
               {"IS_ALPHA": True}]
    assert requirements(pattern) == {
        (ORTH, frozenset({get_string_id("(")})),
        (ORTH, frozenset({get_string_id("to")})),
        (LOWER, frozenset({get_string_id("months"), get_string_id("weeks")})),
    }


def test_regex_requirements_are_the_required_tokens_regex_tests() -> None:
    pattern = [{"LOWER": {"REGEX": "^a"}}, {"TEXT": {"REGEX": "b$"}, "OP": "?"}, {"ORTH": {"REGEX": "c"}, "OP": "+"},
               {"LOWER": {"REGEX": "d", "IN": ["x"]}}]
    assert regex_requirements(pattern) == {(LOWER, "^a"), (ORTH, "c")}


def test_a_pattern_whose_regex_no_word_holds_is_left_out() -> None:
    _, gated = _both()
    nlp = build_nlp()
    doc = nlp.make_doc("The 12months PFS was 40 %.")
    assert [gated.vocab.strings[key] for key, *_ in gated(doc)] == ["glued", "rate"]
    assert len(gated._by_subset) == 1 and "glued" in next(iter(gated._by_subset.values()))
    gated(nlp.make_doc("The 12 months PFS was 40 %."))  # no word "12months": the glued reading is not run
    assert len(gated._by_subset) == 2 and "glued" not in list(gated._by_subset.values())[1]


def test_the_matches_stay_the_same_when_kept_matchers_are_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gated_matcher, "SUBSETS_KEPT", 1)
    plain, gated = _both()
    nlp = build_nlp()
    for sentence in SENTENCES * 2:
        doc = nlp.make_doc(sentence)
        assert gated(doc, with_alignments=True) == plain(doc, with_alignments=True), sentence
    assert len(gated._by_subset) <= 1 and len(gated._by_mask) <= 8
