"""The leftmost-longest engine the number families share (`extractors.token_scan`)."""

import pytest

from extractors.pattern_tokens import sentence_tokens
from extractors.token_scan import CONTEXT, TokenScanner


def _scanner() -> TokenScanner:
    scanner = TokenScanner()
    scanner.register({
        "pair": lambda: [[("a", {"LIKE_NUM": True})], [("a", {"LIKE_NUM": True}), ("b", {"LIKE_NUM": True})]],
        "tail": lambda: [[("w", {"LOWER": "alpha"}), (CONTEXT, {"ORTH": ";"})]],
    })
    return scanner


def test_the_longest_reading_at_the_leftmost_start_wins_and_matches_do_not_overlap():
    text = "Numbers 1 2 3 here."
    found = _scanner().scan(sentence_tokens(text), "pair")
    assert [text[m.start : m.end] for m in found] == ["1 2", "3"]
    assert [found[0].text(text, slot) for slot in ("a", "b")] == ["1", "2"]


def test_keep_drops_a_reading_before_overlaps_are_settled():
    text = "Numbers 1 2 3 here."
    found = _scanner().scan(sentence_tokens(text), "pair", keep=lambda m: not m.has("b"))
    assert [text[m.start : m.end] for m in found] == ["1", "2", "3"]


def test_context_tokens_must_be_there_but_are_no_part_of_the_match():
    text = "First alpha; then alpha again."
    found = _scanner().scan(sentence_tokens(text), "tail")
    assert [text[m.start : m.end] for m in found] == ["alpha"]
    assert found[0].end == text.index(";")


def test_an_unknown_kind_is_a_clear_error():
    with pytest.raises(KeyError, match="no pattern kind 'nope'"):
        _scanner().all_matches(sentence_tokens("Some text."), "nope")


def test_a_kind_is_registered_once():
    scanner = TokenScanner()
    scanner.register({"k": lambda: [[("", {"ORTH": "x"})]]})
    with pytest.raises(ValueError, match="registered twice"):
        scanner.register({"k": lambda: []})
