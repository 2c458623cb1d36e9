"""The indexes a long sentence is read through, once per sentence, answer what a rescan per number answers.

Each is checked against the plain scan it replaced, on random strings of brackets and letters or
random spans, at every offset.
"""

from __future__ import annotations

import random
import re

from extractors.ae_arms import INNER_PAREN_RE, FlatHeads
from extractors.ae_wording import ClosedAsides, closed_asides_blanked
from extractors.clause_marks import marks_of
from extractors.offsets import Spans, last_end_by, starting_within
from extractors.outcome_context import Located, SentenceContext
from extractors.outcome_endpoints import NON_OUTCOME_CLAUSE_RE, NON_OUTCOME_WORDS, other_measure_between
from extractors.visible_populations import _paren_spans, visible_index, visible_populations


def _random_text(pick: random.Random, letters: str, most: int = 25) -> str:
    return "".join(pick.choice(letters) for _ in range(pick.randint(0, most)))


def test_every_prefix_blanks_the_asides_closed_in_it_as_a_scan_of_the_prefix_does() -> None:
    pick = random.Random(1)
    for _ in range(2000):
        text = _random_text(pick, "ab ()[]")
        asides = ClosedAsides(text)
        for end in range(len(text) + 1):
            assert asides.head(end) == closed_asides_blanked(text[:end]), (text, end)


def test_every_prefix_blanks_its_innermost_parentheses_as_a_substitution_in_the_prefix_does() -> None:
    pick = random.Random(2)
    for _ in range(2000):
        text = _random_text(pick, "ab ();")
        heads = FlatHeads(text)
        for end in range(len(text) + 1):
            assert heads.head(end) == INNER_PAREN_RE.sub(lambda m: " " * len(m.group()), text[:end]), (text, end)


def test_spans_added_one_by_one_overlap_what_a_scan_of_them_overlaps() -> None:
    pick = random.Random(3)
    for _ in range(1000):
        spans, added = Spans(), []
        for _ in range(pick.randint(0, 15)):
            start = pick.randint(0, 40)
            end = start + pick.choice((0, 0, 1, 2, 3, 5, 9))  # empty spans too
            spans.add(start, end)
            added.append((start, end))
            for a in range(-1, 45):
                for b in (a - 1, a, a + 1, a + 2, a + 6):
                    assert spans.overlaps(a, b) == any(x < b and a < y for x, y in added), (added, a, b)


class _Item:
    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end


def test_the_furthest_end_before_an_offset_and_the_items_starting_in_a_stretch() -> None:
    pick = random.Random(4)
    for _ in range(500):
        items = sorted((_Item(s, s + pick.randint(0, 8)) for s in (pick.randint(0, 50) for _ in range(12))),
                       key=lambda item: item.start)
        for offset in range(-1, 60):
            expected = max((i.end for i in items if i.end <= offset), default=-7)
            assert last_end_by(items, offset, -7) == expected
            for end in (offset, offset + 1, offset + 9):
                assert starting_within(items, offset, end) == [i for i in items if offset <= i.start < end]


def test_a_stretch_without_the_words_of_another_measure_holds_no_such_clause() -> None:
    pick = random.Random(5)
    pieces = ("adverse", "AEs", "TRAE", "toxicity", "grade 3", "aged", "mg", "dose", "all doses", "post-study",
              "subsequent therapy", " ", "in ", "the ", "x", "rate", "stage", "page", ", ")
    for _ in range(3000):
        text = "".join(pick.choice(pieces) for _ in range(pick.randint(0, 8)))
        if NON_OUTCOME_CLAUSE_RE.search(text):  # a match prints one of the words looked up first
            assert any(word in text.lower() for word in NON_OUTCOME_WORDS), text
        for start in range(0, len(text) + 1, 3):
            for end in range(start, len(text) + 1, 2):
                assert other_measure_between(text, start, end) == bool(NON_OUTCOME_CLAUSE_RE.search(text[start:end]))
    assert marks_of("a;b;", (";",)).any_within(0, 2) and not marks_of("a;b;", (";",)).any_within(2, 3)


def _visible_by_scan(ctx: SentenceContext, around: int | None) -> list[Located]:
    """Populations not inside a parenthesis that leaves `around` out: what every number once rescanned."""
    parens = _paren_spans(ctx.text, ctx.start)
    return [p for p in ctx.populations
            if not any(a <= p.start and p.end <= b and not (around is not None and a <= around < b) for a, b in parens)]


def test_the_populations_a_number_sees_are_those_a_scan_of_every_parenthesis_finds() -> None:
    pick = random.Random(6)
    for _ in range(1500):
        text = _random_text(pick, "ab  ()[]", 30)
        base = pick.randint(0, 100)
        words = [m.span() for m in re.finditer(r"[ab]+", text)]
        chosen = sorted(pick.sample(words, min(len(words), pick.randint(0, 6))))
        ctx = SentenceContext(text, base, "Results",
                              populations=[Located("population", "X", base + a, base + b, ("X",)) for a, b in chosen])
        for around in (None, *range(base - 1, base + len(text) + 1)):
            expected = _visible_by_scan(ctx, around)
            assert visible_populations(ctx, around) == expected, (text, chosen, around)
            index = visible_index(ctx, around)
            for offset in range(base - 1, base + len(text) + 2):
                assert index.first_from(offset) == next((p for p in expected if p.start >= offset), None)
                assert index.last_ending_by(offset) == next((p for p in reversed(expected) if p.end <= offset), None)
