"""split_sentences: rule-based boundaries that survive the abbreviations of clinical papers."""

from __future__ import annotations

import pytest

from corpus.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Median PFS was 7.1 months (95% CI: 5.2–9.0) in the whole cohort.",
        "The ORR was higher with the doublet (31% vs. 12%) than with chemotherapy.",
        "As reported by Garcia et al. in a similar cohort, responses were durable.",
        "Responses are shown in Fig. 3 and in Figs. 4 and 5 for each arm.",
        "Common toxicities, e.g. Fatigue and Rash, were mild.",
        "Responses were rare, i.e. Only two patients responded.",
        "The cohort was approx. 40 patients at each of 3 sites.",
        "The protocol (No. 2021-17) was approved by the board.",
        "This was discussed before (ref. 12) and elsewhere.",
        "Doses were 0.5 mg/kg and 1.25 mg/kg, and P < 0.001 for the trend.",
        "The trial was led by Moreno-Diaz K. and colleagues in two centers.",
        "Eight patients responded (n = 8, 26.7%) by week 12.",
        "Survival differed by arm ($P = 0.004$) in the per-protocol set.",
        "Patients in the U.S. Cohort had similar outcomes.",
    ],
)
def test_does_not_split_inside(text: str) -> None:
    assert texts(text) == [text]


def test_splits_on_terminal_marks_before_capitals_digits_quotes_and_brackets() -> None:
    text = (
        "The ORR was 40%. Median OS was not reached! Was it durable? "
        "12 patients remained on treatment. “Hot” tumours responded best. "
        "(A subgroup is shown below.) [Data on file.] Done."
    )
    assert texts(text) == [
        "The ORR was 40%.",
        "Median OS was not reached!",
        "Was it durable?",
        "12 patients remained on treatment.",
        "“Hot” tumours responded best.",
        "(A subgroup is shown below.)",
        "[Data on file.]",
        "Done.",
    ]


def test_no_split_before_lower_case() -> None:
    assert texts("Median PFS was 5.5 mo. while on therapy.") == ["Median PFS was 5.5 mo. while on therapy."]


def test_citation_markers_and_closing_quotes_stay_with_their_sentence() -> None:
    text = "Responses were seen in 30% [4, 5]. The “cold tumours.” They did not respond (7)."
    assert texts(text) == ["Responses were seen in 30% [4, 5].", "The “cold tumours.”", "They did not respond (7)."]


def test_sentence_end_after_single_capital_in_prose() -> None:
    assert texts("Patients received vitamin D. Then they were followed.") == [
        "Patients received vitamin D.",
        "Then they were followed.",
    ]


def test_initials_in_author_lists_do_not_split() -> None:
    assert texts("R. Lopez, M. Chen, and T. Okafor designed the study. All authors agreed.") == [
        "R. Lopez, M. Chen, and T. Okafor designed the study.",
        "All authors agreed.",
    ]


def test_decimal_at_sentence_end_then_number() -> None:
    assert texts("The HR was 0.62. 14 patients died.") == ["The HR was 0.62.", "14 patients died."]


def test_not_reached_is_a_sentence_end() -> None:
    assert texts("Median OS was NR. Follow-up goes on.") == ["Median OS was NR.", "Follow-up goes on."]


def test_offsets_are_shifted_and_exact() -> None:
    text = "  First one here.  Second one (see Fig. 1) there.\nThird on a new line.  "
    sentences = split_sentences(text, offset=1000)
    assert [s.text for s in sentences] == ["First one here.", "Second one (see Fig. 1) there.", "Third on a new line."]
    for sentence in sentences:
        assert text[sentence.start - 1000:sentence.end - 1000] == sentence.text


def test_empty_and_whitespace() -> None:
    assert split_sentences("") == []
    assert split_sentences("   \n ") == []


def test_text_without_final_period_is_one_sentence() -> None:
    assert texts("A heading-like fragment without a period") == ["A heading-like fragment without a period"]


def test_pure_function_same_result_twice() -> None:
    text = "One. Two. Three."
    assert split_sentences(text) == split_sentences(text)


def test_superscript_citations_as_conversions_print_them_end_a_sentence() -> None:
    text = (
        "Doublets raised the response rate to 28%.3,4 Survival did not change.7 "
        "Toxicity was higher.^{5} Dose reductions were common.^{6-8} Done."
    )
    assert texts(text) == [
        "Doublets raised the response rate to 28%.3,4",
        "Survival did not change.7",
        "Toxicity was higher.^{5}",
        "Dose reductions were common.^{6-8}",
        "Done.",
    ]


@pytest.mark.parametrize(
    "text",
    ["Lesions were measured per RECIST version 1.1 Target lesions were up to five.",
     "The dose is given on p.5 The table lists it."],
)
def test_digits_after_a_number_or_an_abbreviation_are_no_citation(text: str) -> None:
    assert texts(text) == [text]
