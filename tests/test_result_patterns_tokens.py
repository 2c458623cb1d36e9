"""The tokenizer keeps numbers apart from an en dash between them and from a statistic's sign."""

from extractors.pipeline import build_nlp
from extractors.result_patterns import statement_matches


def _tokens(text: str) -> list[str]:
    return [t.text for t in build_nlp().tokenizer(text)]


def test_en_dash_between_numbers_is_a_token():
    assert _tokens("median 4·1 (2·8–7·3) weeks") == ["median", "4·1", "(", "2·8", "–", "7·3", ")", "weeks"]
    assert _tokens("from 11–40") == ["from", "11", "–", "40"]


def test_dash_between_words_and_numbers_is_not_split():
    assert "mid–2019" in _tokens("since mid–2019")


def test_sign_glued_between_a_statistic_and_its_number_is_a_token():
    assert _tokens("(HR=0·52, p<0.01)") == ["(", "HR", "=", "0·52", ",", "p", "<", "0.01", ")"]
    assert _tokens("grade≥3") == ["grade", "≥", "3"]


def test_sign_between_numbers_or_inside_words_is_not_split():
    assert "IL-2=4" in _tokens("IL-2=4")


def test_responder_fraction_after_n_equals_still_reads_count_and_size():
    text = "A partial response was seen in 27.3% (n=6/22) of the evaluable patients."
    matches = statement_matches(text)
    assert matches
    m = matches[0]
    assert text[m.slot_start("x") : m.slot_end("x")] == "6"
    assert text[m.slot_start("n") : m.slot_end("n")] == "22"


def test_numbered_target_range_with_en_dash_is_one_target():
    doc = build_nlp()("The agent blocks VEGFR1–3 in vitro.")
    assert [(e.text, e.label_) for e in doc.ents if e.label_ == "target"] == [("VEGFR1–3", "target")]
