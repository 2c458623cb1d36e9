"""Schwartz-Hearst abbreviation detection and resolution of a paper's own short forms."""

from __future__ import annotations

import pytest
import spacy

from extractors.abbreviations import (
    find_abbreviations,
    is_short_form,
    letters_in_order,
    long_form_start,
)
from extractors.pipeline import build_nlp
from ontology.lexicon import Concept, Lexicon

LEXICON = Lexicon([
    Concept("subtype", "STS", "soft tissue sarcoma", synonyms=("STS", "soft tissue sarcomas")),
    Concept("subtype", "ASPS", "alveolar soft part sarcoma", synonyms=("ASPS",)),
    Concept("subtype", "MFS", "myxofibrosarcoma"),
    Concept("subtype", "ES", "epithelioid sarcoma"),
    Concept("drug", "ifosfamide", "ifosfamide"),
    Concept("drug", "aldoxorubicin", "aldoxorubicin"),
    Concept("endpoint", "PFS_median", "median progression-free survival", synonyms=("median PFS",)),
    Concept("endpoint", "PFS", "progression-free survival", synonyms=("PFS",)),
    Concept("endpoint", "TRAE", "treatment-related adverse event", synonyms=("treatment-related adverse events",)),
])


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return build_nlp(LEXICON)


def test_pairs_short_and_long_forms() -> None:
    text = "Patients with clear cell sarcoma (CCS) and the objective response rate (ORR; 95% CI) were studied."
    found = [(a.short, a.long) for a in find_abbreviations(text)]
    assert found == [("CCS", "clear cell sarcoma"), ("ORR", "objective response rate")]
    first = find_abbreviations(text)[0]
    assert text[first.long_start:first.long_end] == "clear cell sarcoma"
    assert text[first.short_start:first.short_end] == "CCS"


def test_modifier_inside_long_form_and_lowercase_prefix() -> None:
    text = "in advanced STS (aSTS) and metastatic soft tissue sarcoma (mSTS)"
    found = {a.short: a.long for a in find_abbreviations(text)}
    assert found == {"aSTS": "advanced STS", "mSTS": "metastatic soft tissue sarcoma"}


def test_not_abbreviations() -> None:
    assert find_abbreviations("The rate was 20% (n = 24, 47.1%) and (95% CI: 4.8–6.8) (see Fig. 2).") == []
    assert find_abbreviations("a cohort of patients (ECOG) was") == []  # letters do not match


def test_reverse_order() -> None:
    found = find_abbreviations("ASPS (alveolar soft part sarcoma) is rare")
    assert [(a.short, a.long) for a in found] == [("ASPS", "alveolar soft part sarcoma")]


def test_pure_helpers() -> None:
    assert is_short_form("TRAEs") and not is_short_form("n = 24") and not is_short_form("range")
    assert long_form_start("PFS", "the progression-free survival") == 4
    assert long_form_start("XYZ", "progression-free survival") is None
    assert letters_in_order("FBS", "myxofibrosarcoma") and not letters_in_order("BFS", "myxofibrosarcoma")


def _resolved(nlp: spacy.language.Language, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.id_) for e in nlp(text).ents]


def test_short_forms_resolve_to_the_long_forms_concept(nlp: spacy.language.Language) -> None:
    text = ("In advanced STS (aSTS), the median PFS (mPFS) was long. Later aSTS cohorts had a longer mPFS. "
            "Treatment-related adverse events (TRAEs) were mild; one TRAE was severe.")
    ents = _resolved(nlp, text)
    assert ("aSTS", "subtype:STS") in ents and ents.count(("aSTS", "subtype:STS")) == 2
    assert ents.count(("mPFS", "endpoint:PFS_median")) == 2
    assert ("TRAEs", "endpoint:TRAE") in ents and ("TRAE", "endpoint:TRAE") in ents


def test_only_later_occurrences_and_lexicon_forms_keep_meaning(nlp: spacy.language.Language) -> None:
    doc = nlp("Early mPFS. The median PFS (mPFS) was 5 months. Alveolar soft part sarcoma (ASPS) again.")
    resolved = [e.start_char for e in doc.ents if e.text == "mPFS"]
    assert resolved == [doc.text.index("(mPFS)") + 1]  # the mPFS before the definition stays unresolved
    assert [e.id_ for e in doc.ents if e.text == "ASPS"] == ["subtype:ASPS"]


def test_abbreviation_inside_one_word(nlp: spacy.language.Language) -> None:
    ents = _resolved(nlp, "Myxofibrosarcoma (FBS) responded; FBS was frequent, as was epithelioid sarcoma (ES).")
    assert ents.count(("FBS", "subtype:MFS")) == 2 and ("ES", "subtype:ES") in ents


def test_definitions_are_shared_within_one_scope_only(nlp: spacy.language.Language) -> None:
    first = nlp.make_doc("Patients with advanced STS (aSTS) were included.")
    second = nlp.make_doc("All aSTS patients responded.")
    other = nlp.make_doc("All aSTS patients responded.")
    first.user_data["scope"] = second.user_data["scope"] = "paper-a.txt"
    other.user_data["scope"] = "paper-b.txt"
    docs = list(nlp.pipe([first, second, other]))
    assert [e.text for e in docs[1].ents] == ["aSTS"]
    assert [e.text for e in docs[2].ents] == []
    assert [e.text for e in nlp("All aSTS patients responded.").ents] == []


def test_short_form_of_a_combination_is_not_its_last_drug(nlp: spacy.language.Language) -> None:
    ents = _resolved(nlp, "Ifosfamide (IF) was given alone. Aldoxorubicin plus ifosfamide (AI) followed; AI was safe.")
    assert ("IF", "drug:ifosfamide") in ents  # one drug: its own short form
    assert not [e for e in ents if e[0] == "AI"]  # a combination: left to regimen_abbreviations
