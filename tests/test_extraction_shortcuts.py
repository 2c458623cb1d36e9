"""The shortcuts extraction takes for speed give what the full scans give."""

from __future__ import annotations

from extractors.ae_figures import find_figures


def test_a_sentence_without_a_digit_or_number_word_holds_no_figure() -> None:
    assert find_figures("Nausea was common, mild and manageable in this cohort.") == []


def test_figures_in_words_are_still_found_after_the_shortcut() -> None:
    figures = find_figures("Grade 3 rash occurred in Seven patients and fatigue in nine (12%).")
    assert [(f.n, f.percent) for f in figures] == [(7, ""), (9, "12")]


def test_the_pipeline_built_in_one_go_tokenizes_as_the_rules_say() -> None:
    from extractors.pipeline import build_nlp

    tokenizer = build_nlp().tokenizer
    words = [t.text for t in tokenizer("Of them 1PR/10 responded (2 / 8), p=0·61, drugamab+ tolimab :( yes.")]
    assert words[2:6] == ["1", "PR", "/", "10"]
    assert "8" in words and ")" in words  # no emoticon keeps "8)" whole
    assert words[words.index("p"):words.index("p") + 3] == ["p", "=", "0·61"]
    assert "drugamab" in words and "+" in words


def test_counts_in_words_of_every_first_letter_are_read() -> None:
    from extractors.measurements import NUMBER_WORDS

    for word, value in NUMBER_WORDS.items():
        figures = find_figures(f"Rash occurred in {word.capitalize()} patients (5%).")
        assert [f.n for f in figures] == [value], word


def test_masks_blank_what_is_never_a_figure() -> None:
    from extractors.ae_figures import masked

    text = "Rash (I² = 71%) in at least 10% of patients, 12 mg daily, 6 months, v5.0, (95% CI 2–9) and in 4 (8%)."
    blanked = masked(text)
    assert len(blanked) == len(text)
    assert [f.n for f in find_figures(text)] == [4]
    for gone in ("71%", "10%", "12 mg", "6 months", "v5.0", "95% CI"):
        assert gone not in blanked


def test_every_printing_of_a_grade_is_still_read() -> None:
    from extractors.ae_grades import GRADE_RE, header_grade

    printed_groups = (
        ("any grade", "any"), ("All grades", "any"), ("grade ≥3", ">=3"), ("Grade III or worse", ">=3"),
        ("≥ grade 3", ">=3"), ("G3/4", "3-4"), ("≥G3", ">=3"), ("Gr. 3-4", "3-4"), ("G2", "2"),
        ("3 or higher grade", ">=3"), ("grade 2", "2"),
    )
    for printed, group in printed_groups:
        assert header_grade(printed) == group, printed
        assert GRADE_RE.search(f"Rash of {printed} in 4 (8%).") is not None, printed


def test_the_enclosing_parenthesis_is_found_over_nested_groups() -> None:
    from extractors.ae_figures import enclosing_paren

    text = "rash (grade 3 (n = 2), 4%) and (fatigue) 10% (see (a)"
    assert enclosing_paren(text, text.index("4%")) == text.index("(grade")
    assert enclosing_paren(text, text.index("n =")) == text.index("(n =")
    assert enclosing_paren(text, text.index(" and")) is None
    assert enclosing_paren(text, text.index("10%")) is None
    assert enclosing_paren(text, len(text)) == text.index("(see")
    assert enclosing_paren(text, 0) is None


def _walk_back_to_open_paren(text: str, start: int) -> int | None:
    depth = 0
    for i in range(start - 1, -1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            if depth == 0:
                return i
            depth -= 1
    return None


def test_the_enclosing_parenthesis_is_the_one_a_walk_back_finds() -> None:
    # read from the text's nesting once: the same answer as walking back character by character,
    # stray closing brackets included
    import random

    from extractors.ae_figures import enclosing_paren

    pick = random.Random(7)
    for _ in range(500):
        text = "".join(pick.choice("()x ") for _ in range(pick.randint(0, 30)))
        for start in range(len(text) + 1):
            assert enclosing_paren(text, start) == _walk_back_to_open_paren(text, start), (text, start)


def _char_by_char_without_parentheses(text: str) -> str:
    out, depth = [], 0
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out)


def test_parentheses_read_from_bracket_to_bracket_as_character_by_character() -> None:
    from itertools import product

    from extractors.measurements import without_parentheses
    from extractors.visible_populations import _paren_spans

    assert without_parentheses("PFS (95% CI 2-4 [a]) was 3) months (open") == "PFS  was 3) months "
    assert _paren_spans.__wrapped__("a (b [c] d) e)", 10) == ((15, 18), (12, 21))
    for letters in product("a()[]", repeat=6):  # every arrangement of brackets, closed or not
        text = "".join(letters)
        assert without_parentheses(text) == _char_by_char_without_parentheses(text), text
