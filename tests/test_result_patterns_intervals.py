"""Labelled CIs and range/IQR brackets as token patterns (`extractors.interval_patterns`)."""

from extractors.interval_patterns import bare_cis, comma_cis, labelled_cis, range_brackets
from extractors.measurements import scan_quantities
from extractors.pattern_tokens import hand_over
from extractors.pipeline import build_nlp
from ontology.lexicon import Concept, Lexicon


def _bounds(text: str) -> list[tuple[str, str, str]]:
    return [(text[ci.start : ci.end], ci.low, ci.high) for ci in labelled_cis(text)]


def test_labelled_ci_with_en_dash_and_middle_dot():
    text = "Median OS was 9·4 months (95% CI 7·1–12·0) in the cohort."
    assert _bounds(text) == [("95% CI 7·1–12·0", "7·1", "12·0")]


def test_labelled_ci_with_to_and_not_reached_upper_bound():
    text = "Median PFS was 8.3 months (95% CI, 5.0 to not reached)."
    assert _bounds(text) == [("95% CI, 5.0 to not reached", "5.0", "NR")]  # the span as printed, the bound "NR"
    assert _bounds("DoR 11 months (95% CI 6.5–NR).") == [("95% CI 6.5–NR", "6.5", "NR")]


def test_labelled_ci_spelled_out_with_units_and_glued_percent():
    text = "It was 4.2 months (95% confidence interval: 2.9 months to 6.1 months)."
    assert _bounds(text) == [("95% confidence interval: 2.9 months to 6.1 months", "2.9", "6.1")]
    assert _bounds("ORR 31% (95%CI 18.4%–47.2%)") == [("95%CI 18.4%–47.2%", "18.4", "47.2")]


def test_other_confidence_levels_keep_their_level_and_bare_pairs_are_no_labelled_ci():
    assert [(i.level, i.low, i.high) for i in labelled_cis("Median OS 9.0 months (90% CI 7.0–11.0).")] == [
        ("90", "7.0", "11.0")]
    assert labelled_cis("Responses at 95 sites (3–6 per site).") == ()
    assert labelled_cis("In 90 patients (7–11 per centre) the ORR was 20%.") == ()
    assert [(i.level, i.low, i.high) for i in labelled_cis("HR: 0.47, CI: 0.25-0.86")] == [("", "0.25", "0.86")]


def test_ci_is_attached_to_the_value_before_it():
    quantities = scan_quantities("The median PFS was 5.5 months (95% CI 3.9–7.2).")
    assert [(q.value, q.ci_low, q.ci_high) for q in quantities] == [("5.5", "3.9", "7.2")]
    nr = scan_quantities("The ORR was 22% (95% CI 12%–NR).")
    assert [(q.value, q.ci_low, q.ci_high) for q in nr] == [("22", "12", "NR")]


def test_range_and_iqr_brackets_hide_their_numbers():
    text = "Median follow-up was 14 months (range, 2–30) and age 51 years (IQR 44–60)."
    spans = [text[a:b] for a, b in range_brackets(text)]
    assert spans == ["(range, 2–30)", "(IQR 44–60)"]
    values = [q.value for q in scan_quantities("Median time to response was 2.1 months (range 1.2–6.0 months).")]
    assert values == ["2.1"]


def test_a_parenthesis_not_opened_by_range_is_kept():
    assert range_brackets("The cohort (arranged by site) had 12 patients.") == ()
    assert range_brackets("Doses ranged (2–4 mg) widely.") == ()


def test_bare_ci_in_brackets_after_its_value():
    text = "Median PFS was 5·2 months (3·8–7·0) with the drug."
    assert [(text[ci.start : ci.end], ci.low, ci.high) for ci in bare_cis(text)] == [("(3·8–7·0", "3·8", "7·0")]
    quantities = scan_quantities(text)
    assert [(q.value, q.ci_low, q.ci_high) for q in quantities] == [("5.2", "3.8", "7.0")]


def test_bare_pair_not_after_a_value_or_not_closed_is_no_ci():
    assert bare_cis("Patients were treated (2–4 cycles) before surgery.") == ()
    assert bare_cis("Median OS was 11 months (7–15 in the other arm).") == ()


def test_a_bare_pair_that_does_not_hold_its_value_is_not_attached():
    quantities = scan_quantities("The ORR was 40% (10–20) overall.")
    assert [(q.value, q.ci_low) for q in quantities][0] == ("40", "")


def test_comma_ci_after_a_hazard_ratio():
    text = "Death was less frequent (HR 0·74, 0·55–0·98; p=0·04)."
    assert [(ci.low, ci.high) for ci in comma_cis(text)] == [("0·55", "0·98")]
    hr = [q for q in scan_quantities(text) if q.kind == "hr"]
    assert [(q.value, q.ci_low, q.ci_high, q.p_value) for q in hr] == [("0.74", "0.55", "0.98", "0.04")]


def test_comma_pair_after_words_is_no_ci():
    assert comma_cis("Cohorts were small, 10–12 patients each.") == ()


def test_tokens_handed_over_from_another_lexicons_pipeline_are_read():
    nlp = build_nlp(Lexicon([Concept("drug", "quorvatinib", "quorvatinib")]))
    sentence = "With quorvatinib the median PFS was 7·7 months (95% CI 5·1–9·9; 6·0–8·8)."
    doc = nlp(sentence)
    hand_over(doc[:], sentence)
    assert [(ci.low, ci.high) for ci in labelled_cis(sentence)] == [("5·1", "9·9")]


def test_every_spelling_of_a_bound_not_reached_is_nr():
    for bound in ("not reached", "not yet reached", "NE", "not estimable", "N/R"):
        text = f"Median OS was 14.2 months (95% CI 10.1–{bound})."
        assert [(ci.low, ci.high) for ci in labelled_cis(text)] == [("10.1", "NR")], bound
        (q,) = scan_quantities(text)
        assert (q.value, q.ci_low, q.ci_high) == ("14.2", "10.1", "NR")


def test_bare_cis_are_read_however_their_tokens_are_spaced():
    for text, bounds in (("ORR was 40.0% ( 21.1 % – 58.9 % ).", ("21.1", "58.9")),
                         ("Median PFS 4·6 (3·2–6·0) months.", ("3·2", "6·0")),
                         ("HR 0.81 [0.60 – 1.09];", ("0.60", "1.09")),
                         ("Median OS 12.1 (-0.5—NR) months.", ("-0.5", "NR"))):
        assert [(ci.low, ci.high) for ci in bare_cis(text)] == [bounds], text
    assert bare_cis("The rate was 45% (n = 20) (9/20).") == ()
