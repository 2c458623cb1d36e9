"""The gated Matcher finds what spaCy's Matcher finds, in the same order, running fewer patterns."""

from __future__ import annotations

from spacy.attrs import LOWER, ORTH
from spacy.matcher import Matcher
from spacy.strings import get_string_id

from extractors.gated_matcher import GatedMatcher, requirements
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
]
SENTENCES = [
    "The response rate was 35 % (95 % CI 20.1 to 51.3) at 6 and 12 months in 40 patients.",
    "After the 3 months of treatment, 12.5 % had stable disease, and at 6 , and 9 months 20 patients were alive.",
    "No numbers here at all.",
    "Zebra 12 patients crossing zebra crossing.",
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
    assert len(kept) == 1  # both rate patterns and "at": no ci, list, never or optional (no "patients")
    assert [key for key in ("rate", "ci", "at", "list", "never", "optional") if key in kept[0]] == ["rate", "at"]
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
