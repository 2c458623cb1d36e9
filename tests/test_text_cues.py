"""The cheap word and digit tests that let the readers skip costly scans: they never skip a text
a scan would have matched (sentences made for the test)."""

from __future__ import annotations

import re

import pytest

from extractors.ae_figures import find_figures
from extractors.citations import find_citations
from extractors.drug_names import unlisted_drug_key
from extractors.regimens import earlier_treatments
from extractors.study import ENROLLED_FINDER, EVALUABLE_FINDER
from extractors.subgroups import subgroup_phrases
from extractors.text_cues import first_print, folded, prints_any
from extractors.trials import find_trial_ids
from ontology.lexicon import load_lexicon


@pytest.mark.parametrize("text", [
    "Overall SURVIVAL was longer.",
    "Overall \u017furvival was longer.",  # long s: re.IGNORECASE reads it as "s"
    "PROGRESS\u0130ON-free survival",  # dotted capital I: lower() makes two characters of it
    "T\u0131me to response",  # dotless i
    "Nothing of the kind here.",
])
@pytest.mark.parametrize("word", ["survival", "progression", "time", "response"])
def test_a_cue_is_found_wherever_a_case_blind_pattern_matches(text: str, word: str) -> None:
    assert prints_any(text, word) == bool(re.search(word, text, re.I))


def test_folding_keeps_offsets() -> None:
    text = "An \u0130NTERIM analysis after progression"
    assert len(folded(text)) == len(text)
    assert first_print(text, "progression", "after") == text.index("after")
    assert first_print(text, "refractory") == -1


def test_a_drug_is_an_earlier_treatment_only_after_a_prior_word() -> None:
    text = "Patients REFRACTORY to doxorubicin then received pazopanib."
    spans = [(text.index(d), text.index(d) + len(d)) for d in ("doxorubicin", "pazopanib")]
    assert earlier_treatments(text, spans) == {0}
    plain = "Doxorubicin and ifosfamide were given."
    assert earlier_treatments(plain, [(0, 11), (16, 26)]) == set()


@pytest.mark.parametrize(("sentence", "n", "percent"), [
    ("Nausea occurred in 12 patients (30 per cent).", 12, "30"),
    ("Fatigue was reported (n = 3).", 3, ""),
    ("Rash was seen in nine [6%] of them.", 9, "6"),
])
def test_figures_are_read_with_or_without_a_percent_sign(sentence: str, n: int, percent: str) -> None:
    figure = next(f for f in find_figures(sentence) if f.n == n)
    assert figure.percent == percent


def test_citations_need_a_digit() -> None:
    assert find_citations("As reported before (see the discussion).") == []
    assert [c.numbers for c in find_citations("As reported before [4,5].")] == [(4, 5)]
    assert [c.numbers for c in find_citations("As reported before.\u00b3")] == [(3,)]


def test_unlisted_drugs_are_still_read_by_their_stem() -> None:
    lexicon = load_lexicon()
    assert unlisted_drug_key(lexicon, "Zanzalintinib") == "zanzalintinib"
    assert unlisted_drug_key(lexicon, "treatment") is None


def test_trial_ids_with_and_without_numbers() -> None:
    assert [t.key for t in find_trial_ids("Registered as NCT01234567 and run as SARC-031.")] == [
        "NCT01234567", "SARC031"]
    assert [t.key for t in find_trial_ids("The LANTERNA trial enrolled adults.")] == ["LANTERNA"]


def test_subgroups_named_without_the_word_line() -> None:
    assert [s.label for s in subgroup_phrases("Patients treated at ≥3L had a median PFS of 2.0 months.")] == [
        "≥3 lines"]
    assert [s.label for s in subgroup_phrases("Patients with ECOG 0-1 had a median PFS of 6.0 months.")] == [
        "ECOG 0–1"]


def test_study_counts_need_their_words() -> None:
    assert EVALUABLE_FINDER("Overall, 28 patients were EVALUABLE for response.") == "28"
    assert EVALUABLE_FINDER("28 patients received the drug.") is None
    assert ENROLLED_FINDER("A total of 41 patients took part.") == "41"
    assert ENROLLED_FINDER("41 patients took part.") is None


def test_the_pipeline_reads_an_unlisted_drug_whose_stems_overlap() -> None:
    from extractors.pipeline import build_nlp

    doc = build_nlp(load_lexicon())("Patients then received Zotecanib and FOOPARIB-X daily.")
    assert [(ent.text, ent.id_) for ent in doc.ents if ent.label_ == "drug"] == [("Zotecanib", "drug:zotecanib")]


@pytest.mark.parametrize(("sentence", "safety"), [
    ("Grade 3 TRAEs occurred in four patients.", True),
    ("TOXICITY was mild.", True),
    ("Side effects were manageable.", True),
    ("The median PFS was 5.1 months.", False),
])
def test_safety_words_are_found_in_any_case(sentence: str, safety: bool) -> None:
    from extractors.ae_prose import speaks_of_safety

    assert speaks_of_safety(sentence) is safety


@pytest.mark.parametrize(("sentence", "size"), [
    ("The ORR was 30% among 52 PATIENTS.", 52),
    ("The ORR was 30% (n = 24).", 24),
    ("The ORR was 30% in this cohort.", None),
])
def test_group_sizes_with_and_without_their_words(sentence: str, size: int | None) -> None:
    from extractors.outcome_context import group_size

    assert group_size(sentence) == size
