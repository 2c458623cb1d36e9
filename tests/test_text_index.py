"""The per-text indexes answer as the rescans they replace did, on random texts of the pieces that matter."""

from __future__ import annotations

import random
import re

from extractors.ae_arms import RESPECTIVELY_RE, RespectivelyMarks
from extractors.ae_figures import paren_end
from extractors.ae_wording import FIGURE_END_RE
from extractors.measurements import without_parentheses
from extractors.outcome_endpoints import BRACKET_OR_SEMICOLON_RE, _top_level_break
from extractors.text_index import LastMatchAfter, SpanIndex, after_spaces, last_words, search_before

PIECES = ("reduced", "dose", " ", " ", ", ", "; ", ".", "3", "4.5", "%", "(", ")", "[", "]", "respectively",
          "irrespectively", "Respectively", "and", "x", "led to", "led tomorrow", "))", "7)", "\n", "RESPECTIVELYx")


def _texts(seed: int, count: int = 200) -> list[str]:
    pick = random.Random(seed)
    return ["".join(pick.choice(PIECES) for _ in range(pick.randint(0, 40))) for _ in range(count)]


CUE_RE = re.compile(r"\b(?:reduc\w*|led\s+to|dose)\b", re.I)


def test_a_cue_within_a_span_is_what_a_search_of_the_slice_finds() -> None:
    for text in _texts(1):
        index = SpanIndex(CUE_RE, text)
        starts = [0] + [i for i, char in enumerate(text) if char == ";"]  # where a clause may open
        for start in starts:
            for end in range(start, len(text) + 1):
                assert index.found_within(start, end) == (CUE_RE.search(text[start:end]) is not None)


def test_the_last_break_before_an_offset_is_the_last_a_scan_to_it_finds() -> None:
    breaks = re.compile(r";|,?\s+(?:and|x)\s", re.I)
    for text in _texts(2):
        index = SpanIndex(breaks, text)
        for end in range(len(text) + 1):
            assert index.last_end_before(end) == max((m.end() for m in breaks.finditer(text, 0, end)), default=0)


def test_the_last_figure_after_a_place_is_the_last_a_scan_of_the_rest_finds() -> None:
    for text in _texts(3):
        index = LastMatchAfter(FIGURE_END_RE, text)
        for pos in range(len(text) + 1):
            found = [m.end() for m in FIGURE_END_RE.finditer(text[pos:])]
            assert index.end_after(pos) == (pos + found[-1] if found else None)


def test_a_search_before_an_offset_is_a_search_of_the_head() -> None:
    ending = re.compile(r"\b(?:and|dose)\s*$", re.I)
    for text in _texts(4):
        for end in range(len(text) + 1):
            assert (search_before(ending, text, end) is None) == (ending.search(text[:end]) is None)


def test_the_last_words_before_an_offset_are_those_of_the_head() -> None:
    pick = random.Random(5)
    for _ in range(100):
        text = "".join(pick.choice(("alpha", " ", "42", ", ", "b", "  " * 60)) for _ in range(pick.randint(0, 200)))
        for end in range(0, len(text) + 1, 7):
            assert last_words(text, end, 2) == re.findall(r"[A-Za-z]+", text[:end])[-2:]


def test_a_respectively_closing_the_clause_is_what_the_pattern_finds_after_the_figure() -> None:
    for text in _texts(6):
        marks = RespectivelyMarks(text)
        for end in range(len(text) + 1):
            assert marks.closes(end) == (RESPECTIVELY_RE.match(text[end:]) is not None), (text, end)


def _walked_paren_end(text: str, open_at: int) -> int:
    depth = 0
    for i in range(open_at, len(text)):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if text[i] == ")" and depth == 0:
            return i + 1
    return len(text)


def test_the_close_of_a_parenthesis_is_where_a_walk_from_it_ends() -> None:
    for text in _texts(7):
        for open_at in range(len(text)):
            assert paren_end(text, open_at) == _walked_paren_end(text, open_at)


def test_a_break_outside_brackets_between_two_offsets_is_one_left_by_removing_the_brackets() -> None:
    for text in _texts(8):
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 1, 3):
                between = without_parentheses(text[start:end])
                assert _top_level_break(text, start, end) == bool(re.search(r"[;,]", between))
                assert _top_level_break(text, start, end, BRACKET_OR_SEMICOLON_RE) == (";" in between)


def test_the_end_of_the_spaces_after_an_offset_is_where_the_stripped_rest_begins() -> None:
    text = " a\t\n\u00a0\u2003b  \u200bc \x1c\x85d   "
    for at in range(len(text) + 1):
        assert after_spaces(text, at) == at + len(text[at:]) - len(text[at:].lstrip())
