"""The study frame and its arms, continued: numbers beside compared arms, placebo and supportive-care
arms, "with or without", rates named by a state, what is already known, the next clause's group."""

from __future__ import annotations

from functools import lru_cache

import pytest

from corpus import parse
from extractors.extract import extract
from extractors.records import OutcomeClaim, PaperRecords
from ontology.lexicon import load_lexicon


@lru_cache(maxsize=16)
def _records(text: str) -> PaperRecords:
    return extract(parse(text, "invented.txt"), load_lexicon())


def _claims(text: str, endpoint: str) -> list[OutcomeClaim]:
    return [c for c in _records(text).outcomes if c.endpoint == endpoint]


TWO_DRUGS = """Cabozantinib versus temozolomide in advanced leiomyosarcoma: a randomised phase 3 trial

Ann Example, Bo Sample

Abstract

Methods: Adults were randomly assigned to cabozantinib (n = 90) or temozolomide (n = 88).

Results: {results}
"""


@pytest.mark.parametrize("results", [
    "Median PFS for cabozantinib v temozolomide, 5.3 v 2.4 months; hazard ratio, 0.61.",
    "Median PFS was 5.3 versus 2.4 months for cabozantinib versus temozolomide, respectively.",
])
def test_numbers_beside_a_compared_pair_of_arms_follow_its_order(results: str) -> None:
    claims = _claims(TWO_DRUGS.format(results=results), "PFS_median")
    assert {(c.value, c.regimen) for c in claims} == {("5.3", ("cabozantinib",)), ("2.4", ("temozolomide",))}


def test_capital_v_is_no_versus() -> None:
    from extractors.binding import ORDER_CUE_RE
    assert ORDER_CUE_RE.search("trabectedin v dacarbazine") and not ORDER_CUE_RE.search("grade V toxicity")


SUPPORTIVE = """Zanotinib in pretreated soft tissue sarcoma: a randomised phase 3 trial

Ann Example, Bo Sample

Abstract

Methods: Adults were randomized (1:1) to receive zanotinib 40 mg daily or best supportive care (BSC).

Results: Median PFS was 4.4 months in the zanotinib arm and 1.9 months in the BSC arm (HR 0.45). The ORR was
higher with zanotinib than with BSC (12% vs 0%).
"""


def test_a_supportive_care_arm_gets_no_drug() -> None:
    arms = _records(SUPPORTIVE).frame.arms
    assert [(a.regimen, a.role) for a in arms] == [(("zanotinib",), "experimental"), ((), "control")]
    pfs = {(c.value, c.regimen) for c in _claims(SUPPORTIVE, "PFS_median")}
    assert pfs == {("4.4", ("zanotinib",)), ("1.9", ())}
    assert {c.regimen for c in _claims(SUPPORTIVE, "HR_PFS")} == {("zanotinib",)}


def test_numbers_after_arms_compared_with_than_follow_their_order() -> None:
    orr = {(c.value, c.regimen) for c in _claims(SUPPORTIVE, "ORR")}
    assert ("12", ("zanotinib",)) in orr and ("12", ()) not in orr


NEWS_HR = """Zanotinib update in desmoid tumours

Results: Median PFS was not reached with zanotinib and was 14 months in the placebo group (HR, 0.41; 95% CI,
0.22-0.70).
"""


def test_hazard_ratio_beside_the_placebo_belongs_to_the_active_drug() -> None:
    assert {c.regimen for c in _claims(NEWS_HR, "HR_PFS")} == {("zanotinib",)}


RATES = """Zanotinib in desmoid tumours: a phase 2 study

Abstract

Results: In this study, the probability of being event-free at 3 years was 71%. The 2-year survival was 88%.
The 6-month nonprogression rate was 64%, and the tumour control rate was 90%.
"""


@pytest.mark.parametrize(("endpoint", "value", "timepoint"), [
    ("PFS_rate", "71", "3 years"), ("OS_rate", "88", "2 years"), ("PFS_rate", "64", "6 months"), ("DCR", "90", ""),
])
def test_rates_named_by_a_state_or_a_bare_survival(endpoint: str, value: str, timepoint: str) -> None:
    assert (value, timepoint) in {(c.value, c.timepoint) for c in _claims(RATES, endpoint)}


BACKBONE = """Epirubicin and zanotinib in advanced soft tissue sarcoma

Abstract

Methods: Patients were randomized 1:1 to receive epirubicin, 75 mg/m2 on day 1, combined with zanotinib (n = 120),
40 mg daily, or placebo (n = 118), followed by zanotinib/placebo maintenance.

Results: Median OS was 18.1 months vs 17.6 months (HR 0.97).
"""


def test_placebo_in_a_list_stands_in_for_the_drug_named_last() -> None:
    arms = _records(BACKBONE).frame.arms
    assert [(a.regimen, a.size) for a in arms] == [(("epirubicin", "zanotinib"), 120), (("epirubicin", "placebo"), 118)]
    assert {(c.value, c.regimen) for c in _claims(BACKBONE, "OS_median")} == {
        ("18.1", ("epirubicin", "zanotinib")), ("17.6", ("epirubicin", "placebo"))}


WITH_OR_WITHOUT = """Background

Outcomes in advanced disease remain poor.

Methods

We conducted an open-label randomised phase 2 study of epirubicin ± zanotinib in adults with metastatic sarcoma.

Results

Median PFS was 6.6 months with the combination (stratified HR 0.61, 95% CI 0.40-0.93).
"""


def test_with_or_without_in_an_own_randomised_sentence_gives_the_arms() -> None:
    arms = _records(WITH_OR_WITHOUT).frame.arms
    assert [(a.regimen, a.role) for a in arms] == [(("epirubicin", "zanotinib"), "experimental"),
                                                  (("epirubicin",), "control")]
    assert {c.regimen for c in _claims(WITH_OR_WITHOUT, "HR_PFS")} == {("epirubicin", "zanotinib")}


KNOWN = """Zanotinib in advanced angiosarcoma: a phase 2 study

Abstract

Background: Patients with metastatic angiosarcoma have a median overall survival of 10 to 14 months. Earlier
series reported response rates near 9% with taxanes.

Results: In this study, the ORR was 31% and median overall survival was 18.2 months.
"""


def test_what_is_known_gives_no_rows_but_earlier_series_stay_cited() -> None:
    os_rows = {(c.value, c.scope) for c in _claims(KNOWN, "OS_median")}
    assert os_rows == {("18.2", "primary")}
    assert {(c.value, c.scope) for c in _claims(KNOWN, "ORR")} == {("9", "cited"), ("31", "primary")}


NEXT_CLAUSE = """Zanotinib in synovial sarcoma and myxoid liposarcoma: a phase 2 study

Abstract

Results: In this study, the median time to response was 6.1 weeks (95% CI, 5.0-8.2), and the
median duration of response was 9.4 months in patients with synovial sarcoma.
"""


def test_a_group_named_after_the_next_clause_is_that_clauses() -> None:
    ttr = _claims(NEXT_CLAUSE, "TTR_median")
    dor = _claims(NEXT_CLAUSE, "DoR_median")
    assert [c.population for c in dor] == [("SS",)]
    assert ttr and ttr[0].population != ("SS",)
