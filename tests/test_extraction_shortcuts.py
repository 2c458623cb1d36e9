"""The shortcuts extraction takes for speed give what the full scans give."""

from __future__ import annotations

from extractors.ae_figures import find_figures


def test_a_sentence_without_a_digit_or_number_word_holds_no_figure() -> None:
    assert find_figures("Nausea was common, mild and manageable in this cohort.") == []


def test_figures_in_words_are_still_found_after_the_shortcut() -> None:
    figures = find_figures("Grade 3 rash occurred in Seven patients and fatigue in nine (12%).")
    assert [(f.n, f.percent) for f in figures] == [(7, ""), (9, "12")]
