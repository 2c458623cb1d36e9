"""Zones, the study frame and binding numbers to arms and cohorts, on invented texts."""

from __future__ import annotations

from functools import lru_cache

import pytest
import rdflib

from corpus import parse
from extractors.extract import extract
from extractors.records import OutcomeClaim, PaperRecords
from extractors.zones import label_zone, paragraph_zones, sentence_label_zone
from kg.build.rdf_build import build_paper
from kg.quality.validate import validate_graph
from ontology.lexicon import load_lexicon


@lru_cache(maxsize=16)
def _records(text: str) -> PaperRecords:
    return extract(parse(text, "invented.txt"), load_lexicon())


def _claims(text: str, endpoint: str) -> list[OutcomeClaim]:
    return [c for c in _records(text).outcomes if c.endpoint == endpoint]


RANDOMISED = """Regorafenib plus ifosfamide versus placebo plus ifosfamide in advanced soft tissue sarcoma: a randomised
phase 2 trial

Ann Example, Bo Sample, Cy Invent

Summary

Background Ifosfamide alone gives few responses in advanced disease.

Methods In this double-blind trial, adults were randomly assigned (1:1) to regorafenib plus ifosfamide (n =
41) or placebo plus ifosfamide (n = 39). The primary endpoint was progression-free survival.

Findings Median follow-up was 11.0 months. Median progression-free survival was 6.2 months (95% CI 4.0-8.1)
with regorafenib and 3.1 months (2.2-4.0) with placebo (HR 0.52, 95% CI 0.33-0.80). The objective response
rate was 22.0% vs 5.1%.
"""

COHORTS = """Eribulin in synovial sarcoma and angiosarcoma: a two-cohort phase II study

Ann Example, Bo Sample

Abstract

Methods: Patients were enrolled into two cohorts: synovial sarcoma (cohort A) and angiosarcoma (cohort B).

Results: 18 patients were treated in cohort A and 12 in cohort B. In cohorts A and B, the ORRs were 27.8% and
16.7%, respectively. Median OS was 14.2 months and 9.9 months, respectively.
"""

MIXED = """Pazopanib in advanced soft tissue sarcoma: a retrospective multicentre study

Ann Example, Bo Sample

Abstract

Background: Earlier series of pazopanib reported response rates near 6% in soft tissue sarcoma.

Methods: We reviewed adults treated with pazopanib. Assuming an ORR of 5% under the null hypothesis, 40
patients were needed.

Results: Of 60 patients, the most common histotypes were leiomyosarcoma (35%) and synovial sarcoma (20%). The
disease control rate was 58.3%. Median PFS was 5.2 months in L-sarcomas and 2.4 months in non-L-sarcomas (HR
0.61, 95% CI 0.40-0.93).

Conclusions: Pazopanib is active in L-sarcomas.
"""


def test_structured_abstract_labels_name_zones() -> None:
    assert label_zone("FINDINGS") == "results"
    assert label_zone("Patients and Methods") == "methods"
    assert label_zone("Interpretation") == "conclusion"
    assert sentence_label_zone("RESULTS: Of 20 patients, four responded.") == "results"
    assert sentence_label_zone("CONCLUSIONS The drug is active.") == "conclusion"
    assert sentence_label_zone("Evidence before this study\nWe searched two databases.") == "background"
    assert sentence_label_zone("Results.") == "results"
    assert sentence_label_zone("11008 Background: A trial of drug X was run.") == "background"
    # a capitalised word without colon inside a paragraph is no label
    assert sentence_label_zone("Patients received the drug daily.") is None


def test_run_together_meeting_abstract_and_page_furniture() -> None:
    text = ("Abstract 12345\n\nDrug X in advanced sarcoma: a phase II study.\n\n"
            "Ann Example, Bo Sample; Some Institute, Somewhere\n\n"
            "Background: Few options exist. Methods: Adults received drug X. Results: Of 30 patients, "
            "six responded. Conclusions: Drug X is active. Clinical trial information: NCT00000000. "
            "Research Sponsor: None.\n")
    doc = parse(text, "meeting.txt")
    assert doc.metadata.title == "Drug X in advanced sarcoma: a phase II study."
    zones = [z.zone for p in doc.paragraphs for z in paragraph_zones(doc, p) if p.kind == "body"]
    assert zones == ["background", "methods", "results", "conclusion", "furniture", "furniture"]


def test_pubmed_page_furniture_is_furniture() -> None:
    text = ("J Invented Oncol. 2024 Jan 5;3(1):1-9. doi: 10.5555/x.1.\n\nDrug Y for advanced angiosarcoma\n\n"
            "Ann Example 1 2, Bo Sample 3\n\nAffiliations\n1 Department of Oncology, Somewhere.\n\n"
            "PMID: 99999999 DOI: 10.5555/x.1\n\nAbstract\n\nResults: The ORR was 30%.\n\nSimilar articles\n\n"
            "Drug Z in angiosarcoma: a review. ORR was 50%.\n")
    doc = parse(text, "pubmed.txt")
    assert doc.metadata.title == "Drug Y for advanced angiosarcoma"
    zoned = {z.sentence.text[:12]: z.zone for p in doc.paragraphs for z in paragraph_zones(doc, p)}
    assert zoned["PMID: 999999"] == "furniture"
    assert zoned["Affiliations"] == "furniture"
    assert zoned["Results: The"] == "results"
    assert zoned["ORR was 50%."] == "furniture"


def test_randomised_frame_has_placebo_and_active_arms() -> None:
    frame = _records(RANDOMISED).frame
    assert frame.design == "randomized"
    assert frame.population == ("STS",)
    assert [(a.regimen, a.role, a.size) for a in frame.arms] == [
        (("ifosfamide", "regorafenib"), "experimental", 41),
        (("ifosfamide", "placebo"), "control", 39),
    ]


def test_arm_results_take_their_arm_regimen_and_size() -> None:
    pfs = {c.value: c for c in _claims(RANDOMISED, "PFS_median")}
    assert pfs["6.2"].regimen == ("ifosfamide", "regorafenib") and pfs["6.2"].n == 41
    assert pfs["3.1"].regimen == ("ifosfamide", "placebo") and pfs["3.1"].n == 39
    (hr,) = _claims(RANDOMISED, "HR_PFS")
    assert hr.regimen == ("ifosfamide", "regorafenib")  # the experimental arm, never the comparator
    assert hr.n == 80  # an HR compares both arms
    orr = {c.value: c.regimen for c in _claims(RANDOMISED, "ORR")}
    assert orr == {"22.0": ("ifosfamide", "regorafenib"), "5.1": ("ifosfamide", "placebo")}
    (followup,) = _claims(RANDOMISED, "followup_median")
    assert followup.regimen == () and followup.population == ("STS",)


def test_cohort_results_bind_by_label_and_order() -> None:
    records = _records(COHORTS)
    assert records.frame.design == "multi-cohort"
    assert [(c.label, c.population, c.size) for c in records.frame.cohorts] == [
        ("cohort A", ("SS",), 18), ("cohort B", ("AS",), 12)]
    assert records.frame.population == ("AS", "SS")  # the title pools both subtypes
    orr = {c.value: (c.population, c.n) for c in _claims(COHORTS, "ORR")}
    assert orr == {"27.8": (("SS",), 18), "16.7": (("AS",), 12)}
    os_ = {c.value: c.population for c in _claims(COHORTS, "OS_median")}
    assert os_ == {"14.2": ("SS",), "9.9": ("AS",)}


def test_mixed_population_and_field_groups() -> None:
    records = _records(MIXED)
    assert records.frame.population == ("STS",)
    (dcr,) = _claims(MIXED, "DCR")
    assert dcr.population == ("STS",)  # not the last histotype listed in the sentence before
    pfs = {c.value: c.population for c in _claims(MIXED, "PFS_median")}
    assert pfs == {"5.2": ("LMS", "LPS"), "2.4": ("OTHERS",)}
    (hr,) = _claims(MIXED, "HR_PFS")
    assert hr.population == ("LMS", "LPS")


def test_background_and_design_assumptions_are_no_primary_results() -> None:
    orr = _claims(MIXED, "ORR")
    assert [(c.value, c.scope) for c in orr] == [("6", "cited")]


@pytest.mark.parametrize("text", [RANDOMISED, COHORTS])
def test_frame_in_graph_conforms_and_answers_sparql(text: str) -> None:
    records = _records(text)
    graph = build_paper(records, load_lexicon()).complete
    report = validate_graph(graph)
    assert report.conforms, report.text()
    rows = graph.query("""
        PREFIX skg: <https://w3id.org/sarcoma-kg/ontology#>
        SELECT ?label ?size ?key WHERE {
          ?study skg:hasArm|skg:hasStudyCohort ?group .
          OPTIONAL { ?group skg:groupLabel ?label }
          OPTIONAL { ?group skg:groupSize ?size }
          OPTIONAL { ?group skg:regimen/skg:key ?key }
        } ORDER BY ?size""")
    sizes = sorted(int(r.size) for r in rows)
    expected = sorted(g.size for g in [*records.frame.arms, *records.frame.cohorts])
    assert sizes == expected
    linked = graph.query("""
        PREFIX skg: <https://w3id.org/sarcoma-kg/ontology#>
        SELECT (COUNT(?m) AS ?n) WHERE { ?m skg:group ?g . ?g a skg:StudyGroup }""")
    assert int(next(iter(linked)).n) >= (1 if text is COHORTS else 0)
    assert isinstance(graph, rdflib.Graph)


ROLES = """Tislelizumab plus pazopanib versus pazopanib alone in advanced soft tissue sarcoma: a randomised trial

Ann Example, Bo Sample

Abstract

Results: In total, 50 patients were randomly assigned (25 per group). Median progression-free survival was
6.5 months with the combination and 3.5 months with pazopanib alone. Median overall survival was 14.0 months
in the control group. Median overall survival was not reached in either arm among patients with lung-only disease.
"""


def test_arms_named_by_role_and_every_arm() -> None:
    frame = _records(ROLES).frame
    assert [(a.regimen, a.role, a.size) for a in frame.arms] == [
        (("pazopanib", "tislelizumab"), "experimental", 25), (("pazopanib",), "control", 25)]
    pfs = {c.value: c.regimen for c in _claims(ROLES, "PFS_median")}
    assert pfs == {"6.5": ("pazopanib", "tislelizumab"), "3.5": ("pazopanib",)}
    os_ = sorted((c.value, c.regimen) for c in _claims(ROLES, "OS_median"))
    assert os_ == [("14.0", ("pazopanib",)), ("NR", ("pazopanib",)), ("NR", ("pazopanib", "tislelizumab"))]


RESULTS_ONLY = """3 Results

Between 2019 and 2022, 30 patients with advanced soft tissue sarcoma who had previously received doxorubicin
received at least one dose of gemcitabine plus pazopanib. The objective response rate was 20.0%.

Other sarcoma trials of checkpoint inhibitors were negative.
"""


def test_results_section_alone_takes_the_treatment_patients_received() -> None:
    records = _records(RESULTS_ONLY)
    assert records.study.regimen == ("gemcitabine", "pazopanib")  # not the prior doxorubicin
    (orr,) = _claims(RESULTS_ONLY, "ORR")
    assert orr.regimen == ("gemcitabine", "pazopanib") and orr.population == ("STS",)


CITED_PLACEBO = """Introduction

In an earlier placebo-controlled trial, drug exposure to pazopanib gave a median progression-free survival of
4.0 months versus 1.5 months with placebo [1]. A single-arm trial of regorafenib gave 12-week PFS of 50% [2].

References

1. Doe J, Roe R. Pazopanib in sarcoma. Lancet Oncol. 2012;13:1-10.
2. Roe R, Doe J. Regorafenib in sarcoma. J Clin Oncol. 2016;34:1-9.
"""


def test_a_cited_placebo_arm_keeps_placebo() -> None:
    pfs = {c.value: (c.scope, c.regimen, c.refs) for c in _claims(CITED_PLACEBO, "PFS_median")}
    assert pfs == {"4.0": ("cited", ("pazopanib",), (1,)), "1.5": ("cited", ("placebo",), (1,))}


def test_superscript_citation_ends_a_sentence_before_an_own_study_sentence() -> None:
    text = ("Introduction\n\nA retrospective series of drug A reported an ORR of 40% in angiosarcoma.\u2077 "
            "We therefore designed this trial.\n")
    orr = _claims(text, "ORR")
    assert [(c.value, c.scope) for c in orr] == [("40", "cited")]


DISCUSSION_ONLY = """4. Discussion

In this multicentre cohort of patients with advanced alveolar soft part sarcoma, the combination was active.
An earlier series reported an ORR of 12% with sunitinib [1], but an ORR of only 3% in other sarcomas [2].

References

1. Doe J, Roe R. Sunitinib in sarcoma. Lancet Oncol. 2012;13:1-10.
2. Roe R, Doe J. Sunitinib across sarcomas. J Clin Oncol. 2016;34:1-9.
"""


def test_an_excerpt_without_title_takes_its_population_from_a_sentence_about_this_study() -> None:
    records = _records(DISCUSSION_ONLY)
    assert records.frame.population == ("ASPS",)
    orr = {c.value: (c.scope, c.population) for c in _claims(DISCUSSION_ONLY, "ORR")}
    assert orr == {"12": ("cited", ("ASPS",)), "3": ("cited", ("nonASPS",))}


EXCERPT = """Leiomyosarcoma outcomes by regimen                                Example et al.

Patients treated with gemcitabine plus docetaxel had more responses (Table 2). Overall survival was longer with
gemcitabine plus docetaxel (HR 0.70, 95% CI 0.50-0.98).

Table 2 Outcomes by treatment group
Outcome\tGemcitabine + docetaxel (n = 40)\tDoxorubicin (n = 38)\tP
Objective response, n (%)\t12 (30.0)\t7 (18.4)\t0.22

For the 30 patients whose leiomyosarcoma arose in the uterus, median PFS was 8.0 months with gemcitabine
plus docetaxel and 6.0 months with doxorubicin. Among the others, the response
"""


def test_excerpt_takes_population_from_running_head_and_arms_from_table_columns() -> None:
    doc = parse(EXCERPT, "excerpt.txt")
    assert doc.metadata.title == ""  # neither the caption nor a cut paragraph is a title
    assert len(doc.tables) == 1
    frame = _records(EXCERPT).frame
    assert frame.population == ("LMS",)
    assert [(a.regimen, a.size) for a in frame.arms] == [(("docetaxel", "gemcitabine"), 40), (("doxorubicin",), 38)]
    (hr,) = _claims(EXCERPT, "HR_OS")
    assert hr.regimen == ("docetaxel", "gemcitabine") and hr.population == ("LMS",)


def test_a_regimen_named_after_a_number_and_its_interval_binds_to_it() -> None:
    text = ("Results\n\nThe pooled ORR was 0.20 (95% CI 0.10-0.30) for pazopanib monotherapy and 0.35 "
            "(95% CI 0.25-0.45) for gemcitabine plus docetaxel.\n")
    orr = {c.value: c.regimen for c in _claims(text, "ORR")}
    assert orr == {"0.20": ("pazopanib",), "0.35": ("docetaxel", "gemcitabine")}


def test_the_umbrella_named_in_passing_is_no_topic_of_later_cited_sentences() -> None:
    text = ("Introduction\n\nAngiosarcoma accounts for 2% of soft tissue sarcomas. Weekly paclitaxel gave an "
            "objective response rate of 20% [1].\n\nWe report a phase II trial of pazopanib in angiosarcoma."
            "\n\nReferences\n\n1. Doe J, Roe R. Paclitaxel in angiosarcoma. Lancet Oncol. 2008;9:1-10.\n")
    (orr,) = _claims(text, "ORR")
    assert (orr.scope, orr.population, orr.refs) == ("cited", ("AS",), (1,))


def test_one_marker_for_two_cited_studies_pairs_them_with_their_regimens() -> None:
    text = ("Discussion\n\nObjective responses were 30% with sunitinib and 10% with cediranib in the two earlier "
            "trials [1, 2].\n\nReferences\n\n1. Doe J. Sunitinib in sarcoma. Lancet Oncol. 2010;1:1-2.\n"
            "2. Roe R. Cediranib in sarcoma. Lancet Oncol. 2011;2:3-4.\n")
    orr = {c.value: (c.regimen, c.refs) for c in _claims(text, "ORR")}
    assert orr == {"30": (("sunitinib",), (1,)), "10": (("cediranib",), (2,))}


NEWS = """Pembrolizumab Plus Axitinib Active in Alveolar Soft Part Sarcoma in the Phase 2 ORBIT-7 Trial

The combination gave an objective response rate of 54.0% in the ORBIT-7 trial, investigators reported at the
annual meeting. In the earlier SARC028 trial, pembrolizumab alone gave an objective response rate of 18.0%.
"""


def test_news_a_trial_named_other_than_the_own_is_cited() -> None:
    records = _records(NEWS)
    orr = {c.value: c.scope for c in _claims(NEWS, "ORR")}
    assert orr == {"54.0": "primary", "18.0": "cited"}
    assert records.frame.population == ("ASPS",)


def test_canned_study_groups_query_lists_arms_from_the_store(tmp_path) -> None:  # noqa: ANN001
    from sample_paper import load_samples

    from kg.store.canned import load_query
    from kg.store.kg_store import KgStore

    with KgStore.open(tmp_path / "store") as store:
        cohorts = extract(parse(COHORTS, "cohorts.txt"), load_lexicon())
        load_samples(store, [_records(RANDOMISED), cohorts], load_lexicon())
        rows = store.select(load_query("study_groups"))
        table = rows.records()
        one = store.select(load_query("study_groups"), {"source_file": "cohorts.txt"})
    arms = [(r["kind"], r["role"], r["regimen"], r["size"]) for r in table if r["kind"] == "arm"]
    assert arms == [("arm", "experimental", "ifosfamide + regorafenib", "41"),
                    ("arm", "control", "ifosfamide + placebo", "39")]
    cohorts = sorted((r["label"], r["population"], r["size"]) for r in table if r["kind"] == "cohort")
    assert cohorts == [("cohort A", "SS", "18"), ("cohort B", "AS", "12")]
    assert all(int(r["results"]) >= 1 for r in table)  # every group has numbers bound to it
    assert len(one) == 2  # a paper's own groups only


def test_arm_sizes_printed_after_each_regimen() -> None:
    text = ("Gemcitabine plus docetaxel versus doxorubicin in advanced leiomyosarcoma: a retrospective study\n\n"
            "Ann Example, Bo Sample\n\nAbstract\n\nMethods: We reviewed adults who received gemcitabine with "
            "docetaxel every 3 weeks (GD, n = 31) or doxorubicin alone (D, n = 29).\n")
    frame = _records(text).frame
    assert [(a.regimen, a.size) for a in frame.arms] == [(("docetaxel", "gemcitabine"), 31), (("doxorubicin",), 29)]


def test_the_arm_called_standard_is_the_control_even_when_named_first() -> None:
    text = ("Doxorubicin plus ifosfamide versus gemcitabine plus docetaxel before surgery for soft tissue sarcoma\n\n"
            "Ann Example, Bo Sample\n\nAbstract\n\nBackground: We asked whether gemcitabine plus docetaxel is "
            "non-inferior to the standard doxorubicin plus ifosfamide.\n\nResults: Three-year OS was 90.0% "
            "with doxorubicin plus ifosfamide and 80.0% with gemcitabine plus docetaxel (HR 2.10, 95% CI "
            "0.80-5.50).\n")
    frame = _records(text).frame
    assert [(a.regimen, a.role) for a in frame.arms] == [
        (("doxorubicin", "ifosfamide"), "control"), (("docetaxel", "gemcitabine"), "experimental")]
    (hr,) = _claims(text, "HR_OS")
    assert hr.regimen == ("docetaxel", "gemcitabine")


def test_cohorts_listed_after_cohorts_with_a_size_for_each() -> None:
    text = ("Pembrolizumab in advanced sarcomas: a multicentre phase II study\n\nAnn Example, Bo Sample\n\n"
            "Abstract\n\nMethods: The trial enrolled 10 patients in each of three cohorts: undifferentiated "
            "pleomorphic sarcoma, synovial sarcoma and leiomyosarcoma.\n\nResults: The ORR was 40% in UPS.\n")
    frame = _records(text).frame
    assert sorted((c.population, c.size) for c in frame.cohorts) == [(("LMS",), 10), (("SS",), 10), (("UPS",), 10)]
    assert frame.population == ("STS",) and frame.design == "multi-cohort"
    (orr,) = _claims(text, "ORR")
    assert (orr.population, orr.n) == (("UPS",), 10)


def test_study_size_counts_adults_and_women() -> None:
    text = ("Results\n\nWe reviewed 40 adults treated with pazopanib. The objective response rate was 15.0%.\n")
    assert _records("Results\n\nIn all, 30 pts were enrolled. The ORR was 10.0%.\n").study.n_enrolled == 30
    records = _records(text)
    assert records.study.n_enrolled == 40
    (orr,) = _claims(text, "ORR")
    assert orr.n == 40


def test_benchmarks_and_earlier_studies_in_a_news_piece_are_cited() -> None:
    text = ("Drug Q Active in Angiosarcoma\n\n"
            "Drug Q produced an objective response rate of 45% in advanced angiosarcoma, investigators said. "
            "Median progression-free survival was 7.2 months, which compares favorably with the 4 months usually "
            "seen with paclitaxel. In an earlier phase 2 study, pazopanib gave an objective response rate of 8%.\n")
    scopes = {(c.endpoint, c.value): c.scope for c in _records(text).outcomes}
    assert scopes == {("ORR", "45"): "primary", ("PFS_median", "7.2"): "primary", ("PFS_median", "4"): "cited",
                      ("ORR", "8"): "cited"}


def test_superscript_citations_are_markers_but_powers_and_statistics_are_not() -> None:
    from extractors.citations import find_citations

    found = find_citations("first-line setting.⁴,⁵ Adding X failed,⁶ and series.³⁻⁵ Next", 9)
    assert [c.numbers for c in found] == [(4, 5), (6,), (3, 4, 5)]
    assert find_citations("given at 1.4 mg/m² with platelets 100 × 10⁹/L and I² = 40%", 9) == []
    text = ("Introduction\n\nDrug A gave an objective response rate of 30% in angiosarcoma.\u00b2 We report a trial."
            "\n\nReferences\n\n1. Doe J. One. Lancet. 2010;1:1-2.\n2. Roe R. Two. Lancet. 2011;2:3-4.\n")
    (orr,) = _claims(text, "ORR")
    assert (orr.scope, orr.refs) == ("cited", (2,))


def test_arms_named_by_their_short_names_and_by_their_whole_regimen() -> None:
    text = ("Gemcitabine plus docetaxel versus gemcitabine alone in advanced leiomyosarcoma: a retrospective study\n\n"
            "Ann Example, Bo Sample\n\nAbstract\n\nMethods: We reviewed adults who received gemcitabine with "
            "docetaxel (GD, n = 31) or gemcitabine alone (G, n = 29).\n\nResults: The objective response rate was "
            "25.8% with GD and 10.3% with G. Median PFS was 3.1 months (95% CI 2.0-4.2) with gemcitabine.\n")
    frame = _records(text).frame
    assert [(a.aliases, a.size) for a in frame.arms] == [(("GD",), 31), (("G",), 29)]
    orr = {c.value: (c.regimen, c.n) for c in _claims(text, "ORR")}
    assert orr == {"25.8": (("docetaxel", "gemcitabine"), 31), "10.3": (("gemcitabine",), 29)}
    (pfs,) = _claims(text, "PFS_median")
    assert (pfs.regimen, pfs.n) == (("gemcitabine",), 29)


def test_respectively_over_endpoints_is_no_comparison_of_arms() -> None:
    text = RANDOMISED + "For all patients, ORR and DCR were 13.8% and 60.0%, respectively.\n"
    orr = {c.value: c.regimen for c in _claims(text, "ORR")}
    assert orr["13.8"] == ()  # both arms together, not the experimental arm
    (dcr,) = _claims(text, "DCR")
    assert dcr.regimen == ()


def test_a_cited_add_on_trial_gives_its_two_arms_in_order() -> None:
    text = ("Introduction\n\nAdding olaratumab to doxorubicin did not prolong overall survival in the later study "
            "(20.4 vs 19.7 months) [1].\n\nReferences\n\n1. Doe J. Olaratumab. Lancet. 2019;1:1-2.\n")
    os_ = {c.value: (c.scope, c.regimen) for c in _claims(text, "OS_median")}
    assert os_ == {"20.4": ("cited", ("doxorubicin", "olaratumab")), "19.7": ("cited", ("doxorubicin",))}


def test_one_word_labels_on_their_own_lines_head_the_text_below() -> None:
    # a structured abstract laid out with each label alone on its line, directly above its text
    text = ("Abstract\nBackground\nDrug X was active in earlier series of sarcoma.\nMethods\n"
            "Adults with advanced soft tissue sarcoma received drug X.\nResults\n"
            "Of 40 patients, the objective response rate was 20% and the median PFS was 5.1 months.\n"
            "Conclusions\nDrug X is active.\n")
    assert sentence_label_zone("Results\nOf 40 patients, six responded.") == "results"
    assert sentence_label_zone("Findings\nMedian PFS was 4.0 months.") == "results"
    orr = _claims(text, "ORR")
    assert [(c.value, c.scope) for c in orr] == [("20", "primary")]
    assert [c.scope for c in _claims(text, "PFS_median")] == ["primary"]
