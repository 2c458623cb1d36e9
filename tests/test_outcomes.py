"""Context rules of the outcome extractor, each on a small paper written for the test."""

from __future__ import annotations

import pytest

from corpus import parse
from extractors.extract import extract
from extractors.outcomes import extract_outcomes
from extractors.records import OutcomeClaim
from ontology.lexicon import load_lexicon

HEAD = (
    "Pazopanib plus nivolumab in advanced leiomyosarcoma: a phase II study\n\n"
    "Ann Smith¹, Bo Chen²\n\n"
    "Abstract\n\n"
    "Background This phase II study tested pazopanib plus nivolumab in leiomyosarcoma (LMS).\n\n"
)
REFS = (
    "\n\nReferences\n\n"
    "1. Brown A, Green B. Sunitinib in alveolar soft part sarcoma. Lancet Oncol. 2019;20:100-9.\n"
    "2. Kato T, Mori S. Pembrolizumab in sarcoma. J Clin Oncol. 2020;38:200-9.\n"
    "3. White C, Black D. Trabectedin in liposarcoma. Ann Oncol. 2018;29:300-9.\n"
)


def claims_of(body: str) -> list[OutcomeClaim]:
    doc = parse(HEAD + body + REFS, "mini.txt")
    records = extract(doc)
    return extract_outcomes(doc, load_lexicon(), records.mentions, records.citations, records.references,
                            records.study)


def rows(claims: list[OutcomeClaim]) -> set[tuple[str, str, str, str]]:
    return {(c.endpoint, c.value, "|".join(c.population), c.scope) for c in claims}


def test_respectively_pairs_endpoints_in_order() -> None:
    claims = claims_of("Results\n\nThe ORR and DCR were 25.0% and 80.0%, respectively.\n")
    assert {("ORR", "25.0"), ("DCR", "80.0")} <= {(c.endpoint, c.value) for c in claims}


def test_respectively_pairs_timepoints() -> None:
    claims = claims_of("Results\n\nThe PFS rates at 6 and 12 months were 70.5% and 41.2%, respectively.\n")
    assert {(c.endpoint, c.timepoint, c.value) for c in claims} >= {
        ("PFS_rate", "6 months", "70.5"), ("PFS_rate", "12 months", "41.2")}


def test_ci_stays_with_its_value_and_p_goes_to_both_arms() -> None:
    claims = claims_of(
        "Results\n\nPatients with LMS had longer median PFS (9.2 months, 95% CI: 5.1–13.3) than those with "
        "other subtypes (3.1 months, 95% CI: 1.0–5.2, $P = 0.004$).\n")
    by_value = {c.value: c for c in claims if c.endpoint == "PFS_median"}
    assert (by_value["9.2"].ci_low, by_value["9.2"].ci_high) == ("5.1", "13.3")
    assert (by_value["3.1"].ci_low, by_value["3.1"].ci_high) == ("1.0", "5.2")
    assert by_value["9.2"].population == ("LMS",)
    assert by_value["3.1"].population == ("OTHERS",)
    assert by_value["3.1"].p_value == "0.004"


def test_study_default_population_and_regimen() -> None:
    (claim,) = [c for c in claims_of("Results\n\nThe median OS was 14.1 months.\n") if c.endpoint == "OS_median"]
    assert claim.population == ("LMS",) and claim.scope == "primary"
    assert claim.regimen == ("nivolumab", "pazopanib")


def test_citation_marker_makes_a_cited_claim_with_its_own_regimen() -> None:
    claims = claims_of(
        "Discussion\n\nIn a randomized trial, sunitinib achieved an ORR of 19% in alveolar soft part sarcoma [1].\n")
    (claim,) = [c for c in claims if c.endpoint == "ORR"]
    assert (claim.scope, claim.refs, claim.regimen, claim.population) == ("cited", (1,), ("sunitinib",), ("ASPS",))


def test_author_name_links_an_unmarked_sentence_to_its_reference() -> None:
    claims = claims_of("Discussion\n\nKato et al. reported an ORR of 18% with pembrolizumab.\n")
    (claim,) = [c for c in claims if c.endpoint == "ORR"]
    assert (claim.scope, claim.refs) == ("cited", (2,))


def test_own_study_cue_keeps_a_discussion_sentence_primary() -> None:
    claims = claims_of("Discussion\n\nIn our study, the ORR was 31.0% and median PFS was 8.8 months.\n")
    assert {("ORR", "31.0", "LMS", "primary"), ("PFS_median", "8.8", "LMS", "primary")} <= rows(claims)


def test_value_bound_populations_in_a_list() -> None:
    claims = claims_of("Discussion\n\nThe 12-week PFS rate was 40% for LMS, 65% for LPS, and 50% for UPS [3].\n")
    assert {(c.value, c.population, c.timepoint) for c in claims if c.endpoint == "PFS_rate"} == {
        ("40", ("LMS",), "12 weeks"), ("65", ("LPS",), "12 weeks"), ("50", ("UPS",), "12 weeks")}


def test_response_counts_and_group_size() -> None:
    claims = claims_of("Results\n\nOut of the 30 patients, 2 patients (6.7%) achieved CR, 7 achieved PR "
                       "and 15 had SD.\n")
    counts = {(c.endpoint, c.value) for c in claims if c.endpoint.endswith("_n")}
    assert counts == {("CR_n", "2"), ("PR_n", "7"), ("SD_n", "15")}
    assert not [c for c in claims if c.value == "6.7"], "a percent that restates a count is not an ORR"


def test_pooled_and_non_groups() -> None:
    claims = claims_of("Results\n\nPatients with LMS or UPS had an ORR of 33.3%, and non-LMS patients 10.0%.\n")
    assert {(c.value, c.population) for c in claims if c.endpoint == "ORR"} == {
        ("33.3", ("LMS", "UPS")), ("10.0", ("nonLMS",))}


def test_composite_categories_are_not_counted() -> None:
    claims = claims_of("Results\n\nThree patients achieving CR or PR had biopsies.\n")
    assert not [c for c in claims if c.endpoint in {"CR_n", "PR_n"}]


@pytest.mark.parametrize("sentence", [
    "The median age was 45 years (range, 18-70).",
    "Patients received 12 mg daily for 14 days.",
    "Grade 3 TRAEs occurred in 20% of patients.",
])
def test_sentences_without_outcomes_give_none(sentence: str) -> None:
    assert claims_of(f"Results\n\n{sentence}\n") == []


def test_a_shared_surname_resolves_to_the_reference_cited_last() -> None:
    body = ("Discussion\n\nKato and colleagues treated liposarcoma with trabectedin [3]. A later cohort by Kato "
            "used pembrolizumab [2].\n\nIn Kato's study, the ORR was 22%.\n")
    refs = REFS + "4. Kato T, Ito K. Trabectedin in sarcoma. Cancer. 2017;12:1-9.\n"
    doc = parse(HEAD + body + refs, "mini.txt")
    records = extract(doc)
    (claim,) = [c for c in records.outcomes if c.endpoint == "ORR"]
    assert (claim.scope, claim.refs) == ("cited", (2,))


def test_a_new_study_takes_the_marker_of_the_sentence_after_it() -> None:
    claims = claims_of("Discussion\n\nTrabectedin gave an ORR of 10% in liposarcoma [3]. In a phase II trial, "
                       "pembrolizumab yielded an ORR of 18%. Its median PFS was 4.5 months [2].\n")
    by_value = {c.value: c for c in claims}
    assert by_value["10"].refs == (3,)
    assert by_value["18"].refs == (2,) and by_value["4.5"].refs == (2,)


def test_one_marker_for_two_arms_pairs_in_order() -> None:
    claims = claims_of("Discussion\n\nResponse rates were 30% in the pembrolizumab study and 12% in the "
                       "sunitinib study (1, 2).\n")
    assert {(c.value, c.regimen, c.refs) for c in claims if c.endpoint == "ORR"} == {
        ("30", ("pembrolizumab",), (1,)), ("12", ("sunitinib",), (2,))}


def test_historical_numbers_in_a_primary_sentence_are_cited() -> None:
    claims = claims_of("Results\n\nThe ORR of 40% exceeded the historical ORR of 15%.\n")
    assert {(c.value, c.scope) for c in claims if c.endpoint == "ORR"} == {("40", "primary"), ("15", "cited")}


def test_line_of_therapy_subgroups_with_their_own_sizes() -> None:
    claims = claims_of(
        "Results\n\nA total of 40 patients were included in this study. Among the 40 patients, 22 were treated in "
        "≤ 2 lines with the median PFS of 9.5 months. While 18 patients were treated in subsequent lines with the "
        "median PFS of 4.1 months. The median OS was 17.0 months.\n")
    by_value = {c.value: c for c in claims if c.endpoint in {"PFS_median", "OS_median"}}
    assert (by_value["9.5"].subgroup, by_value["9.5"].n) == ("≤2 lines", 22)
    assert (by_value["4.1"].subgroup, by_value["4.1"].n) == ("subsequent lines", 18)
    assert by_value["17.0"].subgroup == ""  # the whole cohort again
