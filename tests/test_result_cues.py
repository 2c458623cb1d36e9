"""Cue phrases of result sentences (extractors/result_cues.py) on sentences written for these tests."""

import pytest

from extractors.result_cues import CUES, cue_matches, spellings
from extractors.result_grammar import is_design_statement


@pytest.mark.parametrize("cue", CUES, ids=lambda c: c.description)
def test_every_cue_reads_its_own_example(cue) -> None:
    assert cue in [found for found, _, _ in cue_matches(cue.example, cue.family)]


def test_spellings_expand_alternatives_and_optional_words() -> None:
    assert sorted(spellings("would be? considered|deemed")) == [
        ("would", "be", "considered"), ("would", "be", "deemed"), ("would", "considered"), ("would", "deemed")]
    assert spellings("two - stage") == [("two", "-", "stage")]


def test_cue_offsets_are_relative_to_the_sentence() -> None:
    sentence = "With 80% POWER, a null\nrate of 5% was rejected."
    assert [sentence[a:b] for _, a, b in cue_matches(sentence, "design")] == ["POWER", "null\nrate"]


@pytest.mark.parametrize("sentence", [
    "Assuming a true response rate of 30%, 25 patients were required.",
    "The trial had 80% power\nto show a gain of 15%.",  # a line break inside the sentence
    "Under H₀, a DCR of 20% was expected.",
    "The response rate of 35% under h1 was tested against 10%.",
    "A rate of 25% was pre-specified as promising.",
    "An ORR of 10% or below would be deemed not worth pursuing.",
    "With a two-stage design, 3 responses among 13 patients were needed to continue.",
    "Disease control was defined as CR, PR or SD lasting 12 weeks.",
])
def test_design_cues(sentence: str) -> None:
    assert is_design_statement(sentence)


@pytest.mark.parametrize("sentence", [
    "The ORR was 22% (95% CI 11-38).",
    "As Simonetti and colleagues found, 14% of patients responded.",  # a name that begins like a cue
    "A powerful effect was seen in 40% of patients.",  # not "power"
    "Tumour shrinkage led to detection of 3 partial responses.",  # "to detection", not "to detect"
    "Responses were seen in two stages of 12 patients (25%).",  # no "two-stage design"
    "The targeted lesions shrank by 30% in 12 patients.",  # "targeted" without a rate
])
def test_no_design_cue(sentence: str) -> None:
    assert not is_design_statement(sentence)
