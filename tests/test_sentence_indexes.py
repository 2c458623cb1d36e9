"""The indexes a long sentence is read through, once per sentence, answer what a rescan per number answers.

Each is checked against the plain scan it replaced, on random strings of brackets and letters or
random spans, at every offset.
"""

from __future__ import annotations

import random
import re

import pytest

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
            for start in range(end + 1):
                assert asides.window(start, end) == asides.head(end)[start:], (text, start, end)


def test_every_prefix_blanks_its_innermost_parentheses_as_a_substitution_in_the_prefix_does() -> None:
    pick = random.Random(2)
    for _ in range(2000):
        text = _random_text(pick, "ab ();")
        heads = FlatHeads(text)
        for end in range(len(text) + 1):
            assert heads.head(end) == INNER_PAREN_RE.sub(lambda m: " " * len(m.group()), text[:end]), (text, end)
            for start in range(end + 1):
                assert heads.window(start, end) == heads.head(end)[start:], (text, start, end)


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


def _timepoint_near_by_rescan(ctx: SentenceContext, q_start: int, q_end: int) -> bool:
    """`timepoint_near` as it read the sentence again for every number."""
    from extractors.outcome_timepoints import AT_TIMEPOINT_RE, CLOSING_TIMEPOINT_RE, COMPARISON_WORD_RE

    if AT_TIMEPOINT_RE.search(ctx.text[: ctx.rel(q_start)].split(";")[-1]):
        return True
    if CLOSING_TIMEPOINT_RE.search(ctx.text, ctx.rel(q_end)) and COMPARISON_WORD_RE.search(ctx.text):
        return True
    after = ctx.text[ctx.rel(q_end):].split(";")[0]
    return bool(re.match(r"[^.]{0,60}?\b(?:disease\s+control|clinical\s+benefit|DCR|CBR)\s+(?:for|lasting)\s+"
                         r"(?:more\s+than|longer\s+than|at\s+least)\s+\d+\s*(?:weeks?|months?)", after, re.I))


def test_a_timepoint_near_a_number_is_the_one_a_rescan_of_its_clause_finds() -> None:
    from extractors.measurements import Quantity
    from extractors.outcome_timepoints import timepoint_near

    pick = random.Random(7)
    pieces = ("at week 12", "at 6 months", "after 2", " years", "by month 3", "up to 9 weeks", "; ", " vs ", "(p=0.1)",
              " 31%", ".", " rate ", "DCR for more than 24 weeks", "at", "a", "1", " ", " ")
    for _ in range(1500):
        text = "".join(pick.choice(pieces) for _ in range(pick.randint(0, 10)))
        base = pick.randint(0, 50)
        ctx = SentenceContext(text, base, "Results")
        for _ in range(8):
            start = pick.randint(0, len(text))
            end = pick.randint(start, len(text))
            q = Quantity("percent", "1", "%", base + start, base + end)
            assert timepoint_near(ctx, q) == _timepoint_near_by_rescan(ctx, q.start, q.end), (text, start, end)


def test_a_threshold_is_the_one_a_search_of_the_clause_finds() -> None:
    from extractors.result_grammar import THRESHOLD_AFTER_RE, THRESHOLD_BEFORE_RE, _clause_start, is_threshold

    pick = random.Random(8)
    pieces = ("component of ", "expression ", "cells ", "at least", "≥", ">", ">=", "more than", "Less Than", "above",
              "over", "under", "; ", ", ", " ", "\n", "5%", "x", "of tumour cells", "level")
    for _ in range(3000):
        text = "".join(pick.choice(pieces) for _ in range(pick.randint(0, 7)))
        for start in range(len(text) + 1):
            end = pick.randint(start, len(text))
            before = text[_clause_start(text, start): start]
            expected = bool(THRESHOLD_BEFORE_RE.search(before) or THRESHOLD_AFTER_RE.match(text, end))
            assert is_threshold(text, start, end) == expected, (text, start)


def test_a_count_before_its_share_is_only_read_after_an_open_parenthesis() -> None:
    """`is_count_proportion` reads the count pattern only where the text before the share ends on "(":
    every match of the pattern does."""
    from extractors.outcome_filters import COUNT_BEFORE_SHARE_RE
    from extractors.text_cues import search_ending_at

    pick = random.Random(9)
    for _ in range(5000):
        text = "".join(pick.choice(("12", " ", "patients", "(", ")", "\n", "x-y", "cases", "[")) for _ in range(6))
        if COUNT_BEFORE_SHARE_RE.search(text):
            assert text.rstrip().endswith("(")
    pieces = ("12 ", "patients ", "(", " ", "x-y ", "seven ", " " * 300, "w" * 300, ", ")
    for _ in range(300):  # the window before the end finds the match the whole text gives, long runs or not
        text = "".join(pick.choice(pieces) for _ in range(pick.randint(20, 60)))
        for end in pick.sample(range(len(text) + 1), 20):
            found = search_ending_at(COUNT_BEFORE_SHARE_RE, text, end)
            whole = COUNT_BEFORE_SHARE_RE.search(text, 0, end)
            assert (found and (found.span(), found.group(1))) == (whole and (whole.span(), whole.group(1)))


def test_a_sign_before_an_endpoint_is_found_in_the_window_before_it_as_in_the_whole_text() -> None:
    from extractors.outcome_conditions import SIGN_BEFORE_RE
    from extractors.text_cues import search_ending_at

    pick = random.Random(15)
    pieces = ("51 ", "<", "≥ ", "= ", ">", "pr-", "%", " " * 300, "x", "60%", ", ")
    for _ in range(100):
        text = "".join(pick.choice(pieces) for _ in range(pick.randint(20, 60)))
        for end in pick.sample(range(len(text) + 1), 10):
            assert bool(search_ending_at(SIGN_BEFORE_RE, text, end)) == bool(SIGN_BEFORE_RE.search(text, 0, end))


def test_a_clause_closed_by_respectively_prints_the_word() -> None:
    from extractors.ae_arms import RESPECTIVELY_RE
    from extractors.text_cues import folded

    pick = random.Random(13)
    for _ in range(3000):
        text = "".join(pick.choice(("RESPECTIVELY", "respectively", "1.5", ".", ";", " ", "x", "ſ")) for _ in range(5))
        for at in range(len(text) + 1):
            if RESPECTIVELY_RE.match(text[at:]):
                assert folded(text).find("respectively", at) >= 0


def test_a_treatment_gone_without_is_found_in_the_window_before_it_as_in_the_whole_text() -> None:
    from extractors.treated_share import NOT_GIVEN_BEFORE_RE, not_given_before

    pick = random.Random(10)
    pieces = ("did not receive ", "not treated with ", "never got ", "without ", "no ", "any ", "adjuvant ",
              "or ", "had ", "patients ", "x", " " * 45, "w" * 45, "first-line ", ", ")
    for _ in range(400):
        text = "".join(pick.choice(pieces) for _ in range(pick.randint(60, 140)))
        for end in sorted(pick.sample(range(len(text) + 1), 25)):
            assert not_given_before(text, end) == bool(NOT_GIVEN_BEFORE_RE.search(text, 0, end)), (text, end)
    for gap in (" " * 900, " " + "w" * 900 + " "):  # a match longer than the window: read whole
        text = "patients who did not" + gap + "receive "
        assert not_given_before(text, len(text)) and NOT_GIVEN_BEFORE_RE.search(text)


def test_the_endpoints_a_number_reaches_hold_every_one_its_phrase_fits_and_bisect_as_a_filter_does() -> None:
    from extractors.outcome_endpoints import (
        FOR_ENDPOINT_RE,
        FOR_REACH_RE,
        HAD_ENDPOINT_RE,
        HAD_REACH_RE,
        SPACES_RE,
        _EndpointIndex,
    )

    pick = random.Random(11)
    pieces = (")", " ", "  ", "patients ", "had ", "achieved ", "for ", "the ", "an ", "a ", "6-month ", "x,y ",
              "(31-58) ", "ORR", "PFS ", "\n", "42%")
    for _ in range(1500):
        text = "".join(pick.choice(pieces) for _ in range(pick.randint(0, 9)))
        base = pick.randint(0, 30)
        spans = sorted({(a, min(len(text), a + pick.randint(1, 4))) for a in
                        (pick.randint(0, max(0, len(text) - 1)) for _ in range(pick.randint(0, 6))) if text})
        ctx = SentenceContext(text, base, "Results",
                              endpoints=[Located("endpoint", "ORR", base + a, base + b) for a, b in spans if a < b])
        index = _EndpointIndex.of(ctx)
        for end in range(base, base + len(text) + 1):
            later = [e for e in ctx.endpoints if e.start >= end]
            fitting = {
                HAD_REACH_RE: [e for e in later if HAD_ENDPOINT_RE.fullmatch(text, end - base, e.start - base)],
                FOR_REACH_RE: [e for e in later if FOR_ENDPOINT_RE.fullmatch(text, end - base, e.start - base)],
                SPACES_RE: [e for e in later if not text[end - base: e.start - base].strip()],
            }
            for reach, fit in fitting.items():
                reached = index.reached(ctx, end, reach)
                assert all(e in reached for e in fit), (text, end, reach)
            assert index.after(end) == [e for e in ctx.endpoints if e.start >= end]
            assert list(index.before(end)) == [e for e in reversed(ctx.endpoints) if e.start < end]


def test_the_subject_arm_of_a_figure_is_the_one_a_scan_of_its_head_finds() -> None:
    from extractors.ae_arms import CLAUSE_BREAK_RE, SUBJECT_ARM_RE, subject_arm
    from extractors.ae_figures import Figure

    def by_scan(text: str, at: int) -> str:
        head = text[:at]
        flat = INNER_PAREN_RE.sub(lambda m: " " * len(m.group()), head)
        breaks = [m.end() for m in CLAUSE_BREAK_RE.finditer(flat)]
        found = list(SUBJECT_ARM_RE.finditer(head, breaks[-1] if breaks else 0))
        return found[-1].group("group").strip() if found else ""

    pick = random.Random(12)
    pieces = ("the control arm had ", "the drug-X group experienced ", "in the B cohort reported ", "rash in 9%",
              "; ", " while ", "but", " (4%; n=8) ", "(", ")", ", ", "nausea ")
    for _ in range(1500):
        text = "".join(pick.choice(pieces) for _ in range(pick.randint(0, 9)))
        for at in range(len(text) + 1):
            assert subject_arm(text, Figure(at, at + 1, None, "", False, "", None)) == by_scan(text, at), (text, at)


def test_the_grade_before_a_figure_is_the_last_one_of_its_whole_head(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read afresh in a window before the figure and from the text's own grades further back, the grade
    governing a figure is what its whole head gives (a small window, so that both parts are read)."""
    from extractors import ae_wording
    from extractors.ae_grades import last_grade

    monkeypatch.setattr(ae_wording, "GRADE_WINDOW", 60)
    pick = random.Random(14)
    pieces = ("grade 3 ", "Grade 1-2 ", "no grade 4 ", "mostly grade 2; ", "fatal ", "rash (12%) ", "(grade 5) ",
              "(", ")", "nausea in 9% ", ", ", "x ")
    for _ in range(1500):
        text = "".join(pick.choice(pieces) for _ in range(pick.randint(0, 14)))
        grades = ae_wording.GradesBefore(text)
        for end in range(len(text) + 1):
            head = ae_wording.closed_asides(text).head(end)
            expected = last_grade(ae_wording.NEGATED_GRADE_RE.sub(
                ae_wording.blank, ae_wording.ASIDE_GRADE_RE.sub(ae_wording.blank, head)))
            assert grades.last(end) == expected, (text, end)
