"""Subgroups read from a result's sentence (line of therapy, ECOG), on sentences made for the test."""

from __future__ import annotations

import pytest

from extractors.subgroups import subgroup_at, subgroup_phrases


def at(sentence: str, number: str) -> str | None:
    found = subgroup_at(sentence, sentence.index(number))
    return found.label if found else None


@pytest.mark.parametrize(("phrase", "label"), [
    ("treated in ≤ 2 lines", "≤2 lines"),
    ("treated in <=2 lines", "≤2 lines"),
    ("given as first-line treatment", "first line"),
    ("given as 2nd-line therapy", "second line"),
    ("treated in second or later lines", "second or later line"),
    ("treated in subsequent lines", "subsequent lines"),
    ("with ≥ third-line treatment", "≥third line"),
    ("with ECOG performance status 2–3", "ECOG 2–3"),
])
def test_phrases(phrase: str, label: str) -> None:
    assert [s.label for s in subgroup_phrases(f"Patients {phrase} had a median PFS of 5.0 months.")] == [label]


def test_what_is_not_a_subgroup() -> None:
    assert subgroup_phrases("The first line of the table lists the ECOG scale.") == []
    assert subgroup_phrases("Lines of therapy ranged from 1 to 5.") == []


def test_each_clause_keeps_its_own_subgroup_and_size() -> None:
    text = ("Of 30 patients, 12 were treated in ≤ 2 lines with a median PFS of 9.0 months; "
            "18 patients were treated in subsequent lines with a median PFS of 3.5 months.")
    first, second = subgroup_at(text, text.index("9.0")), subgroup_at(text, text.index("3.5"))
    assert (first.label, first.size) == ("≤2 lines", 12)
    assert (second.label, second.size) == ("subsequent lines", 18)
    with_size_after = "The combination as first-line treatment for 32 patients achieved an ORR of 12.5%."
    assert subgroup_at(with_size_after, with_size_after.index("12.5")).size == 32


def test_two_subgroups_compared_pair_in_order() -> None:
    text = "Patients treated as first-line treatment had longer PFS than subsequent lines (NR vs 12.1 months)."
    assert (at(text, "NR"), at(text, "12.1")) == ("first line", "subsequent lines")


def test_unsaid_sides_get_no_subgroup() -> None:
    # one subgroup against the rest: which number is which is not said
    text = "Patients with ECOG 2–3 (7.0 vs. 2.9 months) had shorter PFS."
    assert (at(text, "7.0"), at(text, "2.9")) == (None, None)
    # two subgroups before a number, no pairing
    text = "ECOG 2–3 and ≥ third-line treatment predicted PFS (HR: 3.26, 95% CI: 1.64–6.25)."
    assert at(text, "3.26") is None
    # a number before the phrase is not its subgroup
    assert at("The ORR was 40% overall and lower in subsequent lines.", "40") is None


def test_a_named_line_after_a_comparison_word() -> None:
    for text in ("Second-line patients did better versus later lines (9.1 vs 4.0 months).",
                 "Patients given it as second-line therapy did better than in later lines (9.1 vs 4.0 months)."):
        labels = [s.label for s in subgroup_phrases(text)]
        assert "subsequent lines" in labels, text


def test_earlier_treatment_needs_its_own_count() -> None:
    with_count = "Among the 9 patients with prior anthracycline therapy, the ORR was 22%."
    found = subgroup_at(with_count, with_count.index("22"))
    assert (found.label, found.size) == ("prior anthracycline therapy", 9)
    without = "Patients with prior anthracycline therapy had an ORR of 22%."
    assert subgroup_at(without, without.index("22")) is None  # perhaps the whole pretreated study
