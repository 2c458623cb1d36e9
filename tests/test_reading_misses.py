"""Reading forms that real result sections use and the extractor used to miss, each on a paper
written for the test: groups opened without a subtype, line-of-therapy groups, either-or regimens,
timepoints over a shared plural noun, adverse-event prose."""

from __future__ import annotations

from corpus import parse
from extractors.extract import extract
from extractors.records import OutcomeClaim

HEAD = "Doxorubicin-based chemotherapy in advanced leiomyosarcoma: a retrospective cohort study\n\nResults\n\n"


def outcomes_of(body: str, head: str = HEAD) -> list[OutcomeClaim]:
    return extract(parse(head + body + "\n", "mini.txt")).outcomes


def test_group_opened_without_a_subtype_does_not_inherit_the_previous_subtype() -> None:
    claims = outcomes_of(
        "Sixty patients were treated with doxorubicin. In the subgroup of patients with uterine "
        "leiomyosarcoma (n = 31), median PFS was 8.1 months. Among patients with extrauterine primaries, "
        "the ORR was 30.0%.")
    by_value = {c.value: c for c in claims}
    assert by_value["8.1"].population == ("uLMS",)
    assert by_value["30.0"].population == ("LMS",)


def test_timepoints_shared_by_a_plural_survival_noun() -> None:
    claims = outcomes_of("Seventy patients received doxorubicin. The 2- and 4-year survivals were 71% and 48%, "
                         "respectively.")
    assert {(c.endpoint, c.timepoint, c.value) for c in claims} >= {
        ("OS_rate", "2 years", "71"), ("OS_rate", "4 years", "48")}


def test_timepoints_in_words_shared_by_a_named_survival() -> None:
    claims = outcomes_of("Seventy patients received doxorubicin. Two- and five-year event-free survivals were "
                         "58% and 37%.")
    assert {(c.endpoint, c.timepoint, c.value) for c in claims} >= {
        ("EFS_rate", "2 years", "58"), ("EFS_rate", "5 years", "37")}


POOLED_HEAD = "Pembrolizumab in advanced soft tissue sarcoma: a pooled analysis of phase II trials\n\nResults\n\n"


def test_line_of_therapy_groups_named_as_adjectives_bind_in_order() -> None:
    claims = outcomes_of("Ninety patients were treated with pembrolizumab. First-line use was "
                         "associated with higher response than later-line use (0.33 vs 0.08; P for interaction = "
                         "0.004).", POOLED_HEAD)
    by_value = {c.value: c for c in claims}
    assert (by_value["0.33"].endpoint, by_value["0.33"].subgroup) == ("ORR", "first line")
    assert (by_value["0.08"].endpoint, by_value["0.08"].subgroup) == ("ORR", "subsequent lines")
    assert by_value["0.33"].population == by_value["0.08"].population == ("STS",)
    assert "0.004" not in by_value  # a P for interaction is no proportion


def test_second_line_patients_against_first_line_therapy() -> None:
    claims = outcomes_of("Ninety patients were treated with pembrolizumab. Second-line patients had a lower ORR "
                         "than first-line patients (12% vs 30%).", POOLED_HEAD)
    assert {(c.value, c.subgroup) for c in claims if c.endpoint == "ORR"} == {
        ("12", "second line"), ("30", "first line")}


def test_cohort_on_either_of_two_chemotherapy_regimens_has_the_class() -> None:
    claims = outcomes_of(
        "Women with metastatic uterine leiomyosarcoma treated with either doxorubicin or gemcitabine plus "
        "docetaxel at three centres were included. Seventy women were analysed. The ORR was 24.3%.",
        "Outcomes in advanced uterine leiomyosarcoma: a retrospective cohort\n\nResults\n\n")
    assert {(c.endpoint, c.value, c.regimen) for c in claims} == {("ORR", "24.3", ("chemotherapy",))}


def test_either_of_two_regimens_of_different_classes_keeps_the_drugs() -> None:
    claims = outcomes_of(
        "Patients treated with either doxorubicin or pembrolizumab were included. Seventy patients were "
        "analysed. The ORR was 14.3%.",
        "Outcomes in advanced leiomyosarcoma: a retrospective cohort\n\nResults\n\n")
    assert [c.regimen for c in claims] == [("doxorubicin", "pembrolizumab")]


COMPARED_HEAD = "Doxorubicin versus gemcitabine plus docetaxel in uterine leiomyosarcoma: a cohort study\n\nResults\n\n"


def test_whole_cohort_of_two_chemotherapy_groups_is_chemotherapy_each_group_its_own() -> None:
    claims = outcomes_of(
        "A total of 90 women were analysed (doxorubicin, n = 50; gemcitabine plus docetaxel, n = 40). In the "
        "whole cohort, the ORR was 24.3%. The ORR was 22.0% with doxorubicin and 27.5% with gemcitabine plus "
        "docetaxel. The median follow-up was 31.0 months.", COMPARED_HEAD)
    by_value = {c.value: c.regimen for c in claims}
    assert by_value["24.3"] == ("chemotherapy",)
    assert by_value["22.0"] == ("doxorubicin",)
    assert by_value["27.5"] == ("docetaxel", "gemcitabine")
    assert by_value["31.0"] == ()  # follow-up belongs to the study, not to a treatment


def test_pooled_result_of_a_randomised_trial_has_no_regimen() -> None:
    claims = outcomes_of(
        "A total of 90 women were randomly assigned to doxorubicin (n = 45) or gemcitabine plus docetaxel "
        "(n = 45). Across both arms, the 6-month PFS rate was 41.0%.",
        "Doxorubicin versus gemcitabine plus docetaxel in uterine leiomyosarcoma: a randomised phase II trial"
        "\n\nResults\n\n")
    assert [(c.value, c.regimen) for c in claims if c.endpoint == "PFS_rate"] == [("41.0", ())]


def test_shared_class_is_the_narrowest_contract_class_of_every_drug() -> None:
    from extractors.regimens import shared_class
    from ontology.lexicon import load_lexicon
    lexicon = load_lexicon()
    assert shared_class([("doxorubicin",), ("docetaxel", "gemcitabine")], lexicon) == ("chemotherapy",)
    assert shared_class([("pembrolizumab",), ("nivolumab",)], lexicon) == ("pd-1 inhibitor",)
    assert shared_class([("doxorubicin",), ("doxorubicin", "pembrolizumab")], lexicon) == ()
    assert shared_class([("pazopanib",), ("placebo",)], lexicon) == ()
    assert shared_class([("doxorubicin",)], lexicon) == ()


def test_either_spans_end_at_the_clause() -> None:
    from extractors.regimens import either_spans
    text = "were treated with either ifosfamide or trabectedin plus olaratumab, and 12 had surgery"
    ((a, b), (c, d)), = either_spans(text)
    assert (text[a:b], text[c:d]) == ("ifosfamide", "trabectedin plus olaratumab")


def test_group_size_heading_an_event_list_is_no_event() -> None:
    from extractors.ae_prose import sentence_adverse_events
    found = sentence_adverse_events("Adverse events (n = 64): fatigue 29 (45.3%), rash 12 (18.8%).")
    assert [(ae.term, ae.n, ae.group_size) for ae in found] == [("fatigue", 29, 64), ("rash", 12, 64)]


def test_size_of_the_safety_population_is_no_event() -> None:
    from extractors.ae_prose import sentence_adverse_events
    found = sentence_adverse_events(
        "In the safety population (N = 40), grade 3 hypertension occurred in 6 patients (15.0%).")
    assert [(ae.term, ae.grade, ae.n, ae.group_size) for ae in found] == [("hypertension", "3", 6, 40)]


def test_event_counts_printed_as_n_stay_counts() -> None:
    from extractors.ae_prose import sentence_adverse_events
    found = sentence_adverse_events("Grade 3 immune-related events were colitis (n = 2) and hepatitis (n = 1).")
    assert [(ae.term, ae.n) for ae in found] == [("colitis", 2), ("hepatitis", 1)]


def test_no_treatment_related_deaths_is_a_zero_count_at_grade_5() -> None:
    from extractors.ae_prose import sentence_adverse_events
    for sentence in ("No treatment-related deaths occurred.", "There were no deaths related to the study drug.",
                     "Toxicity was manageable, with no grade 5 adverse events."):
        found = sentence_adverse_events(sentence, safety_context=True)
        assert [(ae.term, ae.grade, ae.n) for ae in found] == [("treatment-related deaths", "5", 0)], sentence
    assert sentence_adverse_events("No deaths from disease progression occurred before week 8.") == []


LINES_HEAD = "Pazopanib in advanced soft tissue sarcoma: a retrospective cohort\n\nResults\n\n"
LINES_METHODS = "Of the 52 patients, 22 received pazopanib as first-line treatment and 30 in later lines. "


def test_line_groups_with_sizes_are_in_the_frame() -> None:
    records = extract(parse(LINES_HEAD + LINES_METHODS + "The ORR was 18.0%.\n", "mini.txt"))
    assert [(g.label, g.size) for g in records.frame.lines] == [("first line", 22), ("subsequent lines", 30)]


def test_line_groups_are_in_the_graph_with_their_results() -> None:
    from kg.build.rdf_build import build_paper
    from kg.quality.validate import validate_graph
    from ontology.lexicon import load_lexicon

    records = extract(parse(LINES_HEAD + LINES_METHODS + "The ORR was 31.8% and 10.0% in first-line and "
                                                         "later-line patients, respectively.\n", "mini.txt"))
    graph = build_paper(records, load_lexicon()).complete
    report = validate_graph(graph)
    assert report.conforms, report.text()
    rows = graph.query("""
        PREFIX skg: <https://w3id.org/sarcoma-kg/ontology#>
        SELECT ?label ?size ?value WHERE {
          ?study skg:hasLineGroup ?group . ?group a skg:LineGroup ; skg:groupLabel ?label ; skg:groupSize ?size .
          OPTIONAL { ?m skg:group ?group ; skg:valuePrinted ?value } }""")
    assert {(str(r.label), int(r.size), str(r.value)) for r in rows} == {
        ("first line", 22, "31.8"), ("subsequent lines", 30, "10.0")}


def test_line_groups_named_after_the_numbers_bind_by_respectively() -> None:
    claims = outcomes_of(LINES_METHODS + "The ORR was 31.8% and 10.0% in first-line and later-line patients, "
                                         "respectively.", LINES_HEAD)
    assert {(c.value, c.subgroup, c.n) for c in claims if c.endpoint == "ORR"} == {
        ("31.8", "first line", 22), ("10.0", "subsequent lines", 30)}


def test_line_group_right_after_each_number() -> None:
    claims = outcomes_of(LINES_METHODS + "Median PFS was 8.3 months for first-line patients and 2.9 months for "
                                         "those treated in later lines.", LINES_HEAD)
    assert {(c.value, c.subgroup, c.n) for c in claims if c.endpoint == "PFS_median"} == {
        ("8.3", "first line", 22), ("2.9", "subsequent lines", 30)}


def test_arms_named_after_a_respectively_list_bind_by_order() -> None:
    claims = outcomes_of(
        "A total of 118 patients were included. The ORR was 17.5% vs 4.8% (p=0.03) and the DCR was 40.0% vs "
        "19.0% (p=0.01) in the combination group and the chemotherapy group, respectively.",
        "Endostatin plus chemotherapy versus chemotherapy alone in metastatic sarcoma: a comparative cohort study"
        "\n\nResults\n\n")
    by_value = {c.value: c for c in claims}
    assert by_value["40.0"].regimen == ("chemotherapy", "endostatin")
    assert by_value["19.0"].regimen == ("chemotherapy",)
    assert by_value["40.0"].n != 118  # an arm's row never takes the whole study's size


def test_title_subtype_that_did_best_is_not_the_population_of_a_mixed_trial() -> None:
    head = "Cabozantinib plus nivolumab shows activity in clear cell sarcoma\n\n"
    body = ("Investigators reported a phase II trial involving 36 STS patients treated with the combination. "
            "Eight patients had clear cell sarcoma; the other subtypes included leiomyosarcoma (6 patients) and "
            "synovial sarcoma (5 patients). Among the 34 evaluable patients, the ORR was 14.7%.")
    records = extract(parse(head + body + "\n", "news.txt"))
    assert records.frame.population == ("STS",)
    assert [(c.value, c.population) for c in records.outcomes if c.endpoint == "ORR"] == [("14.7", ("STS",))]


def test_single_subtype_trial_keeps_its_population() -> None:
    head = "Cabozantinib in advanced clear cell sarcoma: a phase II trial\n\nResults\n\n"
    body = "The trial enrolled 24 patients with metastatic clear cell sarcoma. The ORR was 12.5%."
    records = extract(parse(head + body + "\n", "single.txt"))
    assert records.frame.population == ("CCS",)


def test_mixed_enrolment_phrases() -> None:
    from extractors.frame import MIXED_ENROLMENT_RE
    assert MIXED_ENROLMENT_RE.search("a trial of forty patients with various subtypes of soft-tissue sarcoma")
    assert MIXED_ENROLMENT_RE.search("We enrolled 52 patients with advanced sarcoma.")
    assert MIXED_ENROLMENT_RE.search("It included 18 patients with different histologic subtypes.")
    assert not MIXED_ENROLMENT_RE.search("We enrolled 52 patients with alveolar soft part sarcoma.")
    assert not MIXED_ENROLMENT_RE.search("Sarcoma accounts for 1% of adult cancers in 20 countries.")


def test_category_rates_carry_their_own_counts() -> None:
    claims = outcomes_of("Forty patients received doxorubicin. The CR rate was 5.0% (2/40) and the PR rate was "
                         "20.0% (8/40).")
    counts = {(c.endpoint, c.value, c.n) for c in claims if c.endpoint.endswith("_n")}
    assert counts == {("CR_n", "2", 40), ("PR_n", "8", 40)}


def test_category_rate_without_a_count_gives_no_count() -> None:
    claims = outcomes_of("Forty patients received doxorubicin. The complete response rate was 7.5%.")
    assert not [c for c in claims if c.endpoint.endswith("_n")]


def test_hazard_ratio_of_a_non_randomised_comparison_follows_its_direction() -> None:
    claims = outcomes_of(
        "A total of 96 patients were analysed (doxorubicin, n = 50; gemcitabine plus docetaxel, n = 46). Median "
        "PFS was 5.8 months in the doxorubicin group and 7.0 months in the gemcitabine-docetaxel group "
        "(weighted HR 0.81, 95% CI 0.55-1.20).", COMPARED_HEAD)
    (hr,) = [c for c in claims if c.endpoint == "HR_PFS"]
    assert hr.regimen == ("docetaxel", "gemcitabine")  # below 1: the group with the longer median


def test_hazard_ratio_of_a_randomised_trial_stays_with_the_experimental_arm() -> None:
    claims = outcomes_of(
        "A total of 90 women were randomly assigned to doxorubicin (n = 45) or gemcitabine plus docetaxel "
        "(n = 45). Median PFS was 5.8 months with doxorubicin and 7.0 months with gemcitabine plus docetaxel "
        "(HR 0.81, 95% CI 0.55-1.20).",
        "Doxorubicin versus gemcitabine plus docetaxel in uterine leiomyosarcoma: a randomised phase II trial"
        "\n\nResults\n\n")
    (hr,) = [c for c in claims if c.endpoint == "HR_PFS"]
    assert hr.regimen == ("doxorubicin",)


def test_pd1_monotherapy_is_the_pd1_class() -> None:
    from ontology.lexicon import load_lexicon
    forms = {form.lower() for form, _ in load_lexicon().get("drug_class", "pd-1 inhibitor").surface_forms()}
    assert {"pd-1 monotherapy", "anti-pd-1 monotherapy"} <= forms


def test_checkpoint_inhibitor_based_therapy_is_the_ici_based_class() -> None:
    records = extract(parse("Immune checkpoint inhibitor-based therapy in advanced sarcoma: a meta-analysis\n\n"
                            "Results\n\nThe pooled ORR was 0.19 (95% CI 0.14-0.25).\n", "meta.txt"))
    assert ("drug_class", "ici-based") in {(m.type, m.key) for m in records.mentions}
    assert [c.regimen for c in records.outcomes if c.endpoint == "ORR"] == [("ici-based",)]


META_HEAD = "Checkpoint inhibitors in sarcoma: a meta-analysis\n\nResults\n\n"
META_REFS = "\n\nReferences\n\n1. Lee A. One trial. J Sarc. 2020;1:1-9.\n2. Kim B. Two trial. J Sarc. 2021;2:1-9.\n"


def test_target_before_a_class_shares_its_head_noun_as_a_combination() -> None:
    claims = outcomes_of("Thirty trials were included. The pooled ORR was 0.15 (95% CI 0.08-0.24) for PD-1 plus "
                         "CTLA-4 blockade.", META_HEAD)
    assert [c.regimen for c in claims if c.endpoint == "ORR"] == [("ctla-4 inhibitor", "pd-1 inhibitor")]


def test_target_and_class_as_alternatives_share_their_class() -> None:
    claims = outcomes_of("Thirty trials were included. Responses lasting a median of 21 months have been reported "
                         "with PD-1 and PD-L1 antibodies [2]." + META_REFS, META_HEAD)
    assert [(c.endpoint, c.regimen, c.refs) for c in claims] == [("DoR_median", ("ici",), (2,))]


def test_regimen_of_the_group_named_after_the_number() -> None:
    body = ("Thirty trials were included. An earlier single-arm trial found an ORR of only 6% in advanced STS "
            "treated with pembrolizumab [1]. Another found an ORR of 31% among patients with metastatic ASPS who "
            "received atezolizumab [2]." + META_REFS)
    by_value = {c.value: c.regimen for c in outcomes_of(body, META_HEAD)}
    assert by_value["6"] == ("pembrolizumab",)
    assert by_value["31"] == ("atezolizumab",)


def test_slash_joined_checkpoint_antibodies_are_the_ici_class() -> None:
    claims = outcomes_of("Thirty trials were included. PD-1/PD-L1 monoclonal antibodies achieved an ORR of 11.2% "
                         "in these trials [1]." + META_REFS, META_HEAD)
    assert [c.regimen for c in claims if c.endpoint == "ORR"] == [("ici",)]


def test_immune_monotherapy_is_the_ici_class() -> None:
    claims = outcomes_of("Thirty trials were included. Immune monotherapy alone yielded a pooled ORR of only 13% "
                         "[1]." + META_REFS, META_HEAD)
    assert [c.regimen for c in claims if c.endpoint == "ORR"] == [("ici",)]


def test_spelled_out_checkpoint_classes_and_chemo() -> None:
    claims = outcomes_of(
        "Twenty trials were included. By class, the pooled ORR was 0.12 (95% CI 0.05-0.21) for "
        "anti-programmed cell death 1 monotherapy, 0.18 (95% CI 0.07-0.31) for anti-PD1 + anti-cytotoxic "
        "T-lymphocyte-associated protein 4 and 0.22 (95% CI 0.08-0.40) for anti-PD1 + chemo.", META_HEAD)
    by_value = {c.value: c.regimen for c in claims if c.endpoint == "ORR"}
    assert by_value == {"0.12": ("pd-1 inhibitor",), "0.18": ("ctla-4 inhibitor", "pd-1 inhibitor"),
                        "0.22": ("chemotherapy", "pd-1 inhibitor")}


def test_this_combination_is_the_combination_named_before() -> None:
    claims = outcomes_of(
        "Thirty trials were included. Several trials paired pembrolizumab with axitinib in sarcoma [1]. A later "
        "pooled analysis found an ORR of 27% for this combination [2]." + META_REFS, META_HEAD)
    assert [c.regimen for c in claims if c.endpoint == "ORR"] == [("axitinib", "pembrolizumab")]


RANDOMISED_HEAD = ("Nivolumab with or without ipilimumab in metastatic sarcoma: a randomized phase II trial"
                   "\n\nResults\n\n")


def test_respectively_over_groups_that_are_not_arms_binds_no_arm() -> None:
    claims = outcomes_of("Eighty patients were randomly assigned. The adipocytic and smooth-muscle groups had a "
                         "12-week PFS of 41.0% and 27.5%, respectively.", RANDOMISED_HEAD)
    assert {(c.value, c.regimen) for c in claims} == {("41.0", ()), ("27.5", ())}


def test_respectively_over_the_arms_still_binds_by_order() -> None:
    claims = outcomes_of("Eighty patients were randomly assigned. Median PFS was 4.3 and 1.9 months in the "
                         "combination and nivolumab groups, respectively.", RANDOMISED_HEAD)
    assert {(c.value, c.regimen) for c in claims} == {("4.3", ("ipilimumab", "nivolumab")), ("1.9", ("nivolumab",))}


def test_patients_randomised_to_either_regimen_keep_the_drugs_as_study_regimen() -> None:
    from extractors.study_regimens import either_regimen
    from ontology.lexicon import load_lexicon
    text = "Patients were randomly assigned to either doxorubicin or gemcitabine plus docetaxel."
    records = extract(parse("Results\n\n" + text + "\n", "r.txt"))
    assert either_regimen(records.mentions, text.index("Patients") + len("Results\n\n"), text, load_lexicon()) == ()


def test_drug_glued_to_a_citation_after_its_full_stop_is_read() -> None:
    records = extract(parse("Results\n\nA smaller trial found a response proportion of 0.25 with doxorubicin plus "
                            "trabectedin.[2] Later trials agreed." + META_REFS, "glued.txt"))
    assert "trabectedin" in {m.key for m in records.mentions if m.type == "drug"}
    assert [c.regimen for c in records.outcomes if c.endpoint == "ORR"] == [("doxorubicin", "trabectedin")]
