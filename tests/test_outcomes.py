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


def test_own_numbers_before_a_comparison_in_a_cited_sentence_are_primary() -> None:
    claims = claims_of(
        "Discussion\n\nOur median PFS of 7.4 months is longer than the 5.2 months reported by Kato et al. [2]. "
        "In this cohort, the pair gave a DCR of 64% and a median OS of 19.3 months, close to the 17.8 months "
        "seen in an earlier series [3]. Our patients did as well as those of Brown et al., whose ORR was 33% [1].\n")
    assert {(c.endpoint, c.value, c.scope, c.refs) for c in claims} == {
        ("PFS_median", "7.4", "primary", ()), ("PFS_median", "5.2", "cited", (2,)),
        ("DCR", "64", "primary", ()), ("OS_median", "19.3", "primary", ()), ("OS_median", "17.8", "cited", (3,)),
        ("ORR", "33", "cited", (1,)),
    }


def test_discussion_restating_an_own_result_before_a_cited_sentence_is_primary() -> None:
    claims = claims_of(
        "Results\n\nThe ORR was 28% and the median PFS was 6.6 months.\n\n"
        "Discussion\n\nPazopanib plus nivolumab gave an ORR of 28% in LMS. "
        "This compares with an ORR of 10% for pazopanib alone in an earlier trial [1].\n")
    assert {(c.value, c.scope, c.refs) for c in claims if c.endpoint == "ORR"} == {
        ("28", "primary", ()), ("10", "cited", (1,))}


def test_own_numbers_named_after_them_or_restated_before_the_citation() -> None:
    claims = claims_of(
        "Results\n\nThe ORR was 28% and the median PFS was 6.6 months.\n\n"
        "Discussion\n\nOur findings support the pair, whose ORR of 28% resembled the 31% reported by Brown et al. [1]. "
        "In an earlier study, sunitinib gave a median PFS of 4.9 months (3), below the 6.6 months in our LMS cohort. "
        "The median PFS of 6.6 months compares favourably with the 3.0 months reported for trabectedin [3].\n")
    assert {(c.endpoint, c.value, c.scope, c.refs) for c in claims} >= {
        ("ORR", "28", "primary", ()), ("ORR", "31", "cited", (1,)),
        ("PFS_median", "4.9", "cited", (3,)), ("PFS_median", "6.6", "primary", ()),
        ("PFS_median", "3.0", "cited", (3,)),
    }
    assert not [c for c in claims if c.scope == "cited" and c.value in {"28", "6.6"}]
    assert {c.regimen for c in claims if c.scope == "primary"} == {("nivolumab", "pazopanib")}


def test_a_number_for_this_combination_in_patients_stays_cited() -> None:
    claims = claims_of("Discussion\n\nPooled data showed a 27% ORR for this combination in patients "
                       "with sarcoma [2].\n")
    assert {(c.value, c.scope, c.refs) for c in claims if c.endpoint == "ORR"} == {("27", "cited", (2,))}


def test_a_drug_over_placebo_is_two_arms_not_one_regimen() -> None:
    claims = claims_of("Discussion\n\nA randomised trial confirmed the benefit of anlotinib over placebo, with a "
                       "median PFS of 6.3 versus 1.5 months [3].\n")
    assert {(c.value, c.regimen) for c in claims if c.endpoint == "PFS_median"} == {
        ("6.3", ("anlotinib",)), ("1.5", ("placebo",))}


def test_a_cited_hazard_ratio_of_two_active_regimens_is_the_experimental_ones() -> None:
    claims = claims_of("Discussion\n\nIn a phase 3 trial, trabectedin prolonged median OS to 13.1 months compared "
                       "with 11.9 months for dacarbazine (HR 0.81) [3].\n")
    assert {(c.endpoint, c.value, c.regimen) for c in claims} == {
        ("OS_median", "13.1", ("trabectedin",)), ("OS_median", "11.9", ("dacarbazine",)),
        ("HR_OS", "0.81", ("trabectedin",))}


def test_numbers_before_flattened_superscript_markers() -> None:
    claims = claims_of("Discussion\n\nIn an earlier trial, trabectedin alone gave an ORR of 8.5%.1 In a later "
                       "series of pazopanib, the ORR was 14.5% and the median PFS was 4.4 months.2\n")
    assert {(c.endpoint, c.value, c.refs, c.regimen) for c in claims} == {
        ("ORR", "8.5", (1,), ("trabectedin",)), ("ORR", "14.5", (2,), ("pazopanib",)),
        ("PFS_median", "4.4", (2,), ("pazopanib",))}


def test_a_later_sentence_about_a_cited_comparison_takes_its_first_named_regimen() -> None:
    claims = claims_of("Discussion\n\nIn that trial, trabectedin prolonged median OS to 13.1 months compared with "
                       "11.9 months for dacarbazine [3]. Our median OS of 10.2 months is shorter than the 13.1 "
                       "months reported by White et al. [3].\n")
    assert {(c.value, c.scope, c.regimen) for c in claims if c.evidence.quote.startswith("Our")} == {
        ("10.2", "primary", ("nivolumab", "pazopanib")), ("13.1", "cited", ("trabectedin",))}


def test_two_cohorts_in_one_sentence_each_keep_their_group_and_set_no_topic() -> None:
    text = ("Cabozantinib in undifferentiated pleomorphic sarcoma and myxofibrosarcoma: a phase II trial\n\n"
            "Results\n\nIn the UPS cohort, 7 of 20 patients responded (35.0%), and in the MFS cohort 2 of 10 "
            "responded (20.0%). Median PFS was 5.5 months.\n" + REFS)
    doc = parse(text, "two.txt")
    records = extract(doc)
    claims = extract_outcomes(doc, load_lexicon(), records.mentions, records.citations, records.references,
                              records.study)
    assert {(c.endpoint, c.value, c.population) for c in claims} == {
        ("ORR", "35.0", ("UPS",)), ("ORR", "20.0", ("MFS",)), ("PFS_median", "5.5", ("MFS", "UPS"))}


def test_an_own_clause_after_the_citation() -> None:
    claims = claims_of("Discussion\n\nCompared with sunitinib alone, where 30% of patients responded [1], our "
                       "response rate was 28%, and we saw a median PFS of 6.6 months.\n")
    assert {(c.endpoint, c.value, c.scope) for c in claims if c.value in {"28", "6.6"}} == {
        ("ORR", "28", "primary"), ("PFS_median", "6.6", "primary")}


def test_a_subgroup_by_earlier_treatment_with_its_own_count() -> None:
    claims = claims_of("Results\n\nThe ORR was 30% (12/40). Among the 15 patients who had received prior "
                       "chemotherapy, the ORR was 20.0%.\n")
    assert {(c.value, c.subgroup, c.n) for c in claims if c.endpoint == "ORR"} == {
        ("30", "", 40), ("20.0", "prior chemotherapy", 15)}


def test_the_share_of_patients_who_responded_is_a_response_rate() -> None:
    claims = claims_of("Discussion\n\nIn an earlier trial, where 30% of patients with UPS responded [2], the "
                       "drug was given alone. In our cohort, 25% of the patients responded by week 8.\n")
    assert {(c.endpoint, c.value, c.population, c.scope) for c in claims} == {("ORR", "30", ("UPS",), "cited")}


def test_category_counts_before_respectively_pair_in_order() -> None:
    # each count took the count printed nearest its category, the same one for every category
    claims = claims_of("Results\n\nAmong 44 treated patients, CR, PR and SD were recorded in 2, 11 and 17 "
                       "patients, respectively. SD and PD occurred in 17 (38.6%) and 9 (20.5%), respectively.\n")
    counts = {(c.endpoint, c.value) for c in claims if c.endpoint.endswith("_n")}
    assert counts == {("CR_n", "2"), ("PR_n", "11"), ("SD_n", "17"), ("PD_n", "9")}
