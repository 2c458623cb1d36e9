"""Numbers that are no result of an endpoint although one is printed beside them, and results
written without a number: conditions that define patients ("OS<60%", "PFS >6 months"), relative
risk reductions, zero responders without a count, and CIs of another level than 95%. Every
sentence is made up for the test."""

from __future__ import annotations

import dataclasses

import pytest
import rdflib
from rdflib import RDF, Literal
from sample_paper import sample_records

from corpus import parse
from extractors.extract import extract
from extractors.interval_patterns import labelled_cis
from extractors.records import OutcomeClaim
from extractors.zero_responses import zero_responses
from kg.build.rdf_build import build_paper
from ontology.lexicon import load_lexicon
from ontology.namespace import SKG

RANDOMIZED = "Eribulin versus dacarbazine in advanced soft tissue sarcoma: a randomized phase III trial\n\nResults\n\n"
SINGLE_ARM = "Eribulin in advanced soft tissue sarcoma: a single-arm phase II trial\n\nResults\n\n"


def outcomes_of(body: str, head: str = SINGLE_ARM) -> list[OutcomeClaim]:
    return extract(parse(head + body + "\n", "mini.txt")).outcomes


def rows(claims: list[OutcomeClaim]) -> set[tuple[str, str]]:
    return {(c.endpoint, c.value) for c in claims}


# -- conditions: an endpoint glued to a comparison sign selects patients ---------------------------

@pytest.mark.parametrize("sentence", [
    "In the subgroup with a nomogram-predicted OS<45% (N=64), eribulin improved survival (HR 0.58, 95% CI 0.36-0.93).",
    "Those with predicted OS ≤ 45% were analysed together (n = 64, 21%) and survival improved (HR 0.58).",
    "Risk groups were defined as low (OS > 70%), middle (45 < OS ≤ 70) and high (OS ≤ 45%).",
    "Patients whose PFS>4 months on first-line therapy were enrolled, and the HR for death was 0.58.",
])
def test_a_threshold_on_an_endpoint_gives_no_rate_or_median(sentence: str) -> None:
    claims = outcomes_of("Three hundred patients were randomized to eribulin or dacarbazine. " + sentence, RANDOMIZED)
    assert not [c for c in claims if c.endpoint in {"OS_rate", "PFS_rate", "PFS_median", "OS_median"}]
    assert {c.value for c in claims} <= {"0.58"}


@pytest.mark.parametrize("sentence", [
    "In pretreated disease a 3-month PFS rate of ≥35% would suggest activity and ≤15% would suggest none.",
    "An ORR of ≥20% was considered worth further study.",
])
def test_a_signed_value_judged_as_a_threshold_is_no_result(sentence: str) -> None:
    assert outcomes_of("Forty patients received eribulin. " + sentence) == []


def test_a_signed_result_followed_by_a_comment_stays_a_result() -> None:
    claims = outcomes_of("Forty patients received eribulin. The ORR was <5%, which would suggest little activity.")
    assert rows(claims) == {("ORR", "<5")}


def test_a_population_alone_in_the_parenthesis_after_a_value_is_its_population() -> None:
    claims = outcomes_of("Forty patients received eribulin. The 3-month PFS rate ranged from 64% (synovial "
                         "sarcoma) to 41% (leiomyosarcoma).")
    assert {(c.value, c.population) for c in claims} == {("64", ("SS",)), ("41", ("LMS",))}


def test_the_hazard_ratio_after_a_condition_keeps_its_own_endpoint() -> None:
    claims = outcomes_of("Three hundred patients were randomized to eribulin or dacarbazine. Among those with "
                         "PFS<3 months on prior therapy (N=90), overall survival favoured eribulin (HR 0.61, "
                         "95% CI 0.40-0.92).", RANDOMIZED)
    assert rows(claims) == {("HR_OS", "0.61")}


def test_a_rate_that_is_printed_as_below_a_value_is_still_a_result() -> None:
    claims = outcomes_of("Forty patients received eribulin. The ORR was <5%, and median PFS was 2.3 months.")
    assert rows(claims) == {("ORR", "<5"), ("PFS_median", "2.3")}


# -- relative risk reductions -------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "expected"), [
    ("Eribulin brought a 41% reduction in the risk of death (HR 0.59, 95% CI 0.44-0.79).", ("HR_OS", "0.59")),
    ("Eribulin lowered the risk of death by 33% compared with dacarbazine (HR 0.67).", ("HR_OS", "0.67")),
    ("Eribulin reduced the risk of disease progression or death by about 30% (hazard ratio, 0.70; P = 0.01).",
     ("HR_PFS", "0.70")),
    ("Eribulin cut the hazard of progression by 29% versus dacarbazine (HR 0.71; P = 0.03).", ("HR_PFS", "0.71")),
    ("Eribulin lowered the risk of disease progression and death (HR 0.66; 95% CI 0.5-0.87).", ("HR_PFS", "0.66")),
    ("There was a 25% relative reduction in the risk of progression with eribulin (HR 0.75; 95% CI 0.6-0.94).",
     ("HR_PFS", "0.75")),
])
def test_a_risk_reduction_reads_the_hazard_ratio_and_no_rate(sentence: str, expected: tuple[str, str]) -> None:
    claims = outcomes_of("Three hundred patients were randomized to eribulin or dacarbazine. " + sentence, RANDOMIZED)
    assert rows(claims) == {expected}
    assert claims[0].regimen == ("eribulin",)


@pytest.mark.parametrize("sentence", [
    "Eribulin extended median overall survival by 3.9 months (13.5 vs 9.6 months).",
    "The absolute difference in median OS was 3.9 months (13.5 vs 9.6 months).",
    "Median OS was 13.5 vs 9.6 months, a survival benefit of 3.9 months with eribulin.",
])
def test_a_difference_between_arms_is_no_value_of_the_endpoint(sentence: str) -> None:
    claims = outcomes_of("Three hundred patients were randomized to eribulin or dacarbazine. " + sentence, RANDOMIZED)
    assert {(c.endpoint, c.value, c.regimen) for c in claims} == {
        ("OS_median", "13.5", ("eribulin",)), ("OS_median", "9.6", ("dacarbazine",))}


def test_a_threshold_named_beside_a_result_is_no_result() -> None:
    claims = outcomes_of("Fifty patients received eribulin. The ORR was 14% (90% CI, 7-25), short of the "
                         "prespecified threshold of 30%, and the non-inferiority margin of 10% was not crossed.")
    assert rows(claims) == {("ORR", "14")}


def test_two_coordinated_risks_give_each_hazard_ratio_its_own_endpoint() -> None:
    claims = outcomes_of("Three hundred patients were randomized to eribulin or dacarbazine. Eribulin lowered the risk "
                         "of death (HR 0.71, 95% CI 0.55-0.92) and of progression (HR 0.64).", RANDOMIZED)
    assert rows(claims) == {("HR_OS", "0.71"), ("HR_PFS", "0.64")}


def test_a_rate_after_a_risk_phrase_still_binds_to_its_own_endpoint() -> None:
    claims = outcomes_of("Three hundred patients were randomized to eribulin or dacarbazine. Eribulin cut the risk "
                         "of progression by half, with a 6-month PFS rate of 38% versus 19%.", RANDOMIZED)
    assert {(c.endpoint, c.timepoint, c.value) for c in claims} == {
        ("PFS_rate", "6 months", "38"), ("PFS_rate", "6 months", "19")}


# -- zero responders without a count ------------------------------------------------------------

def test_neither_group_responded_gives_one_zero_rate_per_group_with_its_size() -> None:
    claims = outcomes_of("Fifty patients received eribulin. Neither the 14 patients with synovial sarcoma nor the "
                         "nine with angiosarcoma responded.")
    assert {(c.endpoint, c.value, c.population, c.n) for c in claims} == {
        ("ORR", "0", ("SS",), 14), ("ORR", "0", ("AS",), 9)}


def test_neither_regimen_responded_gives_one_zero_rate_per_regimen() -> None:
    claims = outcomes_of("Ninety patients were randomized to eribulin or eribulin plus pembrolizumab. Neither "
                         "eribulin nor eribulin plus pembrolizumab produced a complete or partial response in the "
                         "angiosarcoma cohort.", RANDOMIZED)
    assert {(c.endpoint, c.value, c.regimen, c.population) for c in claims} == {
        ("ORR", "0", ("eribulin",), ("AS",)), ("ORR", "0", ("eribulin", "pembrolizumab"), ("AS",))}


@pytest.mark.parametrize("sentence", [
    "No patient responded.",
    "None of the patients achieved an objective response.",
    "No objective responses were observed.",
    "There were no confirmed responses.",
    "No objective responses occurred.",
])
def test_no_response_without_a_count_is_a_zero_rate(sentence: str) -> None:
    claims = outcomes_of("Fifty patients received eribulin. " + sentence)
    assert [(c.endpoint, c.value, c.regimen) for c in claims] == [("ORR", "0", ("eribulin",))]


@pytest.mark.parametrize("sentence", [
    "No complete responses were observed.",
    "No patient achieved a complete response.",
    "No patient had a partial response lasting beyond a year.",
    "No patient had responded to prior anthracyclines.",
    "None of the patients who responded has relapsed.",
])
def test_a_single_missing_category_is_no_zero_response_rate(sentence: str) -> None:
    assert zero_responses(sentence, []) == []


def test_a_zero_statement_another_reading_took_is_not_read_twice() -> None:
    sentence = "No objective responses were seen among the 11 patients with chordoma."
    assert zero_responses(sentence, [(0, len(sentence))]) == []


# -- CIs of another level -----------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "level", "bounds"), [
    ("The ORR was 24% (90% CI 13-38).", "90", ("13", "38")),
    ("Median PFS was 3.9 months (80% CI, 3.1 to 5.2).", "80", ("3.1", "5.2")),
    ("The 12-week PFS rate was 51% (90% confidence interval [CI], 37%-64%).", "90", ("37", "64")),
    ("Median OS was 11.2 months (95% CI 8.0-14.1).", "", ("8.0", "14.1")),
])
def test_a_ci_of_any_printed_level_is_read_and_a_non_95_level_kept(
        sentence: str, level: str, bounds: tuple[str, str]) -> None:
    claims = outcomes_of("Fifty patients received eribulin. " + sentence)
    assert len(claims) == 1
    assert (claims[0].ci_low, claims[0].ci_high, claims[0].ci_level) == (*bounds, level)


def test_the_interval_pattern_reports_the_printed_level() -> None:
    intervals = labelled_cis("ORR 20% (90% CI 9-36) and DCR 64% (95% CI 48-78)")
    assert [(i.level, i.low, i.high) for i in intervals] == [("90", "9", "36"), ("95", "48", "78")]


def test_the_graph_keeps_a_non_95_level_and_says_nothing_for_95() -> None:
    records = sample_records()
    claims = list(records.outcomes)
    first = next(i for i, c in enumerate(claims) if c.ci_low)
    claims[first] = dataclasses.replace(claims[first], ci_level="90")
    g = build_paper(dataclasses.replace(records, outcomes=claims), load_lexicon()).graph
    levels = [(m, g.value(m, SKG.ciLevel)) for m in g.subjects(RDF.type, SKG.OutcomeMeasurement)]
    assert [level for _, level in levels if level is not None] == [Literal("90", datatype=rdflib.XSD.decimal)]


# -- a cited sentence that names no regimen ---------------------------------------------------

INTRO = "Eribulin in advanced soft tissue sarcoma: a single-arm phase II trial\n\nIntroduction\n\n"


def cited_regimens(body: str) -> dict[str, tuple[str, ...]]:
    return {c.value: c.regimen for c in outcomes_of(body, INTRO) if c.scope == "cited"}


def test_a_cited_sentence_takes_the_regimen_of_the_unmarked_sentence_leading_into_it() -> None:
    assert cited_regimens("Gemcitabine plus docetaxel was given to 40 adults with leiomyosarcoma. In that series the "
                          "ORR was 18% and median PFS was 5.1 months [6].") == {
        "18": ("docetaxel", "gemcitabine"), "5.1": ("docetaxel", "gemcitabine")}


def test_examples_of_a_class_lead_no_regimen_into_the_next_cited_sentence() -> None:
    assert cited_regimens("Kinase inhibitors such as pazopanib, sunitinib and regorafenib are used in this setting. "
                          "Five-year OS reached 40% in one series [7].") == {"40": ()}


def test_a_sentence_with_its_own_marker_or_own_results_leads_nothing() -> None:
    assert cited_regimens("Gemcitabine plus docetaxel was tested in 40 patients [5]. Median OS was 12 months "
                          "in another trial [6].") == {"12": ()}
    claims = outcomes_of("Thirty patients received eribulin.\n\nResults\n\nThe ORR with eribulin was 20%. "
                         "A lower ORR of 9% was reported in an older cohort [8].", INTRO)
    assert {(c.scope, c.value, c.regimen) for c in claims} >= {("cited", "9", ())}


ARMS = "Eighty patients were randomized to eribulin (n = 40) or placebo (n = 40). "
PLACEBO_CONTROLLED = "Eribulin versus placebo in soft tissue sarcoma: a randomized phase III trial\n\nResults\n\n"


def test_no_response_in_either_arm_gives_one_zero_rate_per_arm() -> None:
    for sentence in ("No objective responses were observed in either arm.", "No patient responded in either group."):
        claims = outcomes_of(ARMS + sentence, PLACEBO_CONTROLLED)
        assert {(c.endpoint, c.value, c.regimen, c.n) for c in claims} == {
            ("ORR", "0", ("eribulin",), 40), ("ORR", "0", ("placebo",), 40)}


def test_a_zero_response_in_a_named_arm_takes_that_arm() -> None:
    claims = outcomes_of(ARMS + "No objective responses were seen in the placebo arm.", PLACEBO_CONTROLLED)
    assert [(c.endpoint, c.value, c.regimen) for c in claims] == [("ORR", "0", ("placebo",))]


def test_a_marked_sentence_without_numbers_gives_its_work_a_regimen_for_the_sentences_after_it() -> None:
    claims = outcomes_of("A randomized trial compared pazopanib with pazopanib plus durvalumab in advanced sarcoma "
                         "[9]. In that trial the median PFS reached 7.2 months.", INTRO)
    assert [(c.scope, c.value, c.regimen) for c in claims] == [("cited", "7.2", ("durvalumab", "pazopanib"))]


def test_a_fraction_and_its_rate_in_one_parenthesis_is_a_response_rate_with_its_group_size() -> None:
    claims = outcomes_of("Fifty patients received eribulin. Responses were two complete and four partial (6/50, 12%).")
    assert ("ORR", "12", 50) in {(c.endpoint, c.value, c.n) for c in claims}


def test_a_ci_printed_without_its_level_is_read() -> None:
    claims = outcomes_of("Three hundred patients were randomized to eribulin or dacarbazine. Eribulin improved OS "
                         "(HR: 0.52, CI: 0.31-0.88, p = 0.01).", RANDOMIZED)
    assert [(c.endpoint, c.value, c.ci_low, c.ci_high, c.ci_level) for c in claims] == [
        ("HR_OS", "0.52", "0.31", "0.88", "")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Median PFS was longer with the combination than with monotherapy (6.1 vs 2.9 months).",
     {("6.1", ("olaparib", "trabectedin")), ("2.9", ("trabectedin",))}),
    ("Monotherapy gave a shorter median PFS than the combination (2.9 vs 6.1 months).",
     {("2.9", ("trabectedin",)), ("6.1", ("olaparib", "trabectedin"))}),
])
def test_a_cited_comparison_of_a_combination_with_one_drug_alone_pairs_roles_in_order(
        sentence: str, expected: set[tuple[str, tuple[str, ...]]]) -> None:
    claims = outcomes_of("A randomized trial compared trabectedin alone with trabectedin plus olaparib in uterine "
                         "leiomyosarcoma [11]. " + sentence, INTRO)
    assert {(c.value, c.regimen) for c in claims if c.scope == "cited"} == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Among those with a predicted OS<50% (N=70), eribulin improved survival (HR 0.61).", {("HR_OS", "0.61")}),
    ("Eribulin improved recurrence-free survival (HR 0.61).", set()),
])
def test_an_hr_after_plain_survival_compares_deaths(sentence: str, expected: set[tuple[str, str]]) -> None:
    claims = outcomes_of("Three hundred patients were randomized to eribulin or dacarbazine. " + sentence, RANDOMIZED)
    assert rows(claims) == expected


def test_a_median_printed_with_a_sign_is_a_result() -> None:
    claims = outcomes_of("Forty patients received eribulin. Results: ORR 15%; mPFS >9 months.")
    assert rows(claims) == {("ORR", "15"), ("PFS_median", "9")}


def test_a_value_said_of_both_groups_is_one_result_per_group() -> None:
    both = outcomes_of("Forty patients received eribulin. The ORR was 20% in both LMS and UPS.")
    assert {(c.value, c.population) for c in both} == {("20", ("LMS",)), ("20", ("UPS",))}
    pooled = outcomes_of("Forty patients received eribulin. In the pooled LMS and LPS cohorts, the ORR was 18%.")
    assert [(c.value, c.population) for c in pooled] == [("18", ("LMS", "LPS"))]
