"""Rules that had several copies and now have one: number words, the count of patients, the
"this study" cue. Sentences written for these tests."""

import re

import pytest

from extractors.measurements import NUM, NUMBER_WORD_RE, word_to_int
from extractors.study import COUNT, OWN_STUDY_RE

WORD_COUNT = re.compile(r"^" + NUMBER_WORD_RE + r"$", re.I)


@pytest.mark.parametrize("words, value", [
    ("seven", 7), ("Seventeen", 17), ("twenty-one", 21), ("twenty one", 21), ("sixty", 60),
    ("one hundred and two", 102), ("three hundred twelve", 312), ("zero", 0),
])
def test_number_words_are_read_whole(words: str, value: int) -> None:
    assert WORD_COUNT.match(words)
    assert word_to_int(words) == value


@pytest.mark.parametrize("words", ["seventh", "hundred", "twentyone", "several"])
def test_other_words_are_no_count(words: str) -> None:
    assert not WORD_COUNT.match(words)


def test_study_count_takes_digits_and_words() -> None:
    pattern = re.compile(r"(" + COUNT + r")\s+patients", re.I)
    assert pattern.search("we enrolled forty-four patients").group(1) == "forty-four"
    assert pattern.search("a total of 128 patients").group(1) == "128"
    assert pattern.search("one hundred and two patients were treated").group(1) == "one hundred and two"


def test_num_keeps_middle_dot_decimals() -> None:
    assert re.fullmatch(NUM, "4·6") and re.fullmatch(NUM, "12.25") and not re.fullmatch(NUM, "4,6")


@pytest.mark.parametrize("sentence", [
    "In our patients the drug was tolerable.",  # the former outcome-context copy only
    "This open-label phase II trial enrolled adults with sarcoma.",  # the former study copy only
    "Herein, the toxicity of the combination is described.",
    "We treated patients with angiosarcoma.",
    "The present study shows a modest benefit.",
    "This was a single-centre retrospective review.",
    "Results of the current study are mature.",
])
def test_own_study_cue(sentence: str) -> None:
    assert OWN_STUDY_RE.search(sentence)


@pytest.mark.parametrize("sentence", [
    "Previous studies reported lower rates.",
    "This drug inhibits several kinases.",
    "Other trials used a different schedule.",
])
def test_no_own_study_cue(sentence: str) -> None:
    assert not OWN_STUDY_RE.search(sentence)
