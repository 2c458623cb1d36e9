"""The grammar of result statements (extractors/result_grammar.py) on sentences written for these tests."""

from __future__ import annotations

from extractors.result_grammar import (
    all_of_category,
    category_counts,
    coordinated_subtypes,
    count_after_category,
    definition_spans,
    fraction_counts,
    group_phrase_follows,
    is_design_statement,
    is_threshold,
    paren_counts,
    result_statements,
    statement_topic,
)


def shapes(text: str) -> list[tuple[str, str, int | None, int | None, str]]:
    """(kind, value, count, total, group phrase) of every responder / zero-responder statement."""
    return [(s.kind, s.value, s.count, s.total, text[s.group_span[0] : s.group_span[1]].strip(" ,"))
            for s in result_statements(text)]


def test_x_of_n_with_percent_sets_n_to_the_group_not_the_responders() -> None:
    ((kind, value, count, total, _),) = shapes("Tumours shrank by RECIST in 7 of 28 patients (25.0%).")
    assert (kind, value, count, total) == ("responders", "25.0", 7, 28)


def test_counts_in_words_and_x_percent_of_n() -> None:
    text = "Twelve of the forty enrolled patients (30%) responded, and five (20%) of 25 in the expansion did too."
    assert [(v, c, n) for _, v, c, n, _ in shapes(text)] == [("30", 12, 40), ("20", 5, 25)]


def test_percent_then_fraction() -> None:
    assert [(v, c, n) for _, v, c, n, _ in shapes("Activity was seen: 18.2% (4/22) had a response.")] == [
        ("18.2", 4, 22)]


def test_parenthesised_count_and_percent_names_its_group_before_it() -> None:
    text = "Responses were commoner in scalp tumours (6 of 10, 60.0%) than in breast tumours (1 of 8, 12.5%)."
    found = shapes(text)
    assert [(v, c, n) for _, v, c, n, _ in found] == [("60.0", 6, 10), ("12.5", 1, 8)]
    assert "scalp tumours" in found[0][4] and "breast tumours" in found[1][4]


def test_enumeration_gives_each_number_its_group_phrase() -> None:
    text = ("Responses occurred in 3 of 9 (33.3%) patients with myxofibrosarcoma, 1 of 5 (20%) with angiosarcoma "
            "and none of the 6 with desmoid tumours.")
    found = shapes(text)
    assert [(k, v) for k, v, *_ in found] == [("responders", "33.3"), ("responders", "20"), ("zero", "0")]
    assert found[0][4].endswith("myxofibrosarcoma")
    assert found[1][4].endswith("angiosarcoma")
    assert "none" not in found[1][4]
    assert found[2][3] == 6 and found[2][4].endswith("desmoid tumours")


def test_no_responses_among_several_groups_gives_a_zero_for_each() -> None:
    found = shapes("No objective responses were observed among the 11 patients with chondrosarcoma or the 4 with "
                   "chordoma.")
    assert [(k, v, n) for k, v, _, n, _ in found] == [("zero", "0", 11), ("zero", "0", 4)]
    assert found[0][4].endswith("chondrosarcoma") and found[1][4].endswith("chordoma")


def test_none_of_without_any_response_word_is_no_result() -> None:
    assert shapes("None of the 14 patients had progressed by the data cutoff.") == []


def test_count_among_responders_is_no_rate() -> None:
    assert shapes("At the cutoff, 9 of the 13 responders (69%) were still on treatment.") == []


def test_responded_with_percent() -> None:
    assert [(v, c) for _, v, c, _, _ in shapes("In the cutaneous cohort, seven responded (43.8%).")] == [("43.8", 7)]


def test_topic_of_a_count_with_percent() -> None:
    control = "Disease control lasting 16 weeks was reached in 19 of 30 patients (63.3%)."
    assert statement_topic(control, control.index("19"), control.index("%)") + 1) == "DCR"
    baseline = "Women made up 17 of 30 patients (56.7%)."
    assert statement_topic(baseline, baseline.index("17"), baseline.index("%)") + 1) is None
    category = "Stable disease was the best response in 14 of 30 patients (46.7%)."
    assert statement_topic(category, category.index("14"), category.index("%)") + 1) == "category"
    response = "Nine of 30 patients (30.0%) achieved a response, including one complete response."
    assert statement_topic(response, 0, response.index("%)") + 1) == "ORR"


def test_listed_categories_are_counted() -> None:
    found = category_counts("Six patients responded: two complete and four partial responses.")
    assert [(s.category, s.count) for s in found] == [("CR", 2), ("PR", 4)]


def test_count_printed_after_its_category() -> None:
    text = "The best response was partial response in 9 patients and stable disease in 15."
    assert count_after_category(text, text.index("partial response") + len("partial response")) == (9, None)
    assert count_after_category(text, text.index("stable disease") + len("stable disease")) == (15, None)
    assert count_after_category("Stable disease in 2019 was rare.", len("Stable disease")) is None


def test_a_count_printed_as_a_fraction_after_its_category_carries_its_group_size() -> None:
    text = "Partial response was seen in 12.5% (4/32) and stable disease in 50.0% (n = 16 / 32)."
    assert count_after_category(text, len("Partial response")) == (4, 32)
    assert count_after_category(text, text.index("stable disease") + len("stable disease")) == (16, 32)


def test_counts_in_parentheses_after_their_groups() -> None:
    text = "Partial responses occurred in epithelioid sarcoma (2 of 6) and angiosarcoma (3 of 11)."
    found = paren_counts(text, 0, len(text))
    assert [(s.count, s.total) for s in found] == [(2, 6), (3, 11)]
    assert text[found[0].group_span[0] : found[0].group_span[1]].strip().endswith("epithelioid sarcoma")
    assert text[found[1].group_span[0] : found[1].group_span[1]].strip().endswith("angiosarcoma")


def test_all_partial_names_the_category_of_every_responder() -> None:
    text = "Responses were seen in 5 of 20 patients (25%; 95% CI 9-49), all partial."
    assert all_of_category(text, text.index("%;") + 1) == "PR"
    assert all_of_category("Responses in 5 of 20 (25%), mostly partial.", 27) == ""


def test_design_assumptions_are_no_results() -> None:
    assert is_design_statement("Assuming a response rate of 5% under the null hypothesis, 29 patients were needed.")
    assert is_design_statement("The trial had 80% power to detect a hazard ratio of 0.65.")
    assert is_design_statement("An ORR of 25% or more was prespecified as worth further study.")
    assert not is_design_statement("The ORR was 25% (95% CI 12-41; one-sided P = 0.02).")


def test_biomarker_cut_offs_are_no_results() -> None:
    text = "Patients whose tumours had a necrotic component of more than 50% fared worse."
    assert is_threshold(text, text.index("50%"), text.index("50%") + 3)
    cells = "Eligible tumours expressed the antigen in 40% of tumour cells."
    assert is_threshold(cells, cells.index("40%"), cells.index("40%") + 3)
    assert not is_threshold("The ORR was 40% in this group.", 12, 15)


def test_definition_in_parentheses_after_an_endpoint() -> None:
    text = "The CBR (complete or partial response or stable disease for 6 months) was 41%."
    ((a, b),) = definition_spans(text, [text.index("CBR") + 3])
    assert "partial response" in text[a:b]
    assert definition_spans("The ORR (95% CI 10-30%) was 20%.", [7]) == []


def test_group_phrase_after_a_number_skips_its_ci_and_counts_words() -> None:
    assert group_phrase_follows(" (95% CI 2.0-5.5) for ")
    assert group_phrase_follows(" among patients with ")
    assert not group_phrase_follows(" and 4.0 months for ")
    assert not group_phrase_follows(" in the first of many very long words before ")


def test_count_with_percent_then_a_qualified_response() -> None:
    text = "Of the 40 patients treated, 14 (35%) had a confirmed objective response."
    assert [(v, c) for _, v, c, _, _ in shapes(text)] == [("35", 14)]
    assert [n for *_, n, _ in shapes(text)] == [40]


def test_a_long_enumeration_reads_every_statement() -> None:
    """Clause marks and topic words are indexed once per sentence; every item keeps its own reading."""
    items = ", ".join(f"{i % 9 + 1} of {i % 9 + 10} ({(i % 9 + 1) * 100 / (i % 9 + 10):.1f}%) with UPS"
                      for i in range(400))
    found = result_statements("Responses occurred in " + items + ".")
    assert len(found) == 400
    assert all(statement_topic("Responses occurred in " + items + ".", s.start, s.end) == "ORR" for s in found[:5])


def test_coordinated_modifiers_name_subtypes_of_their_own() -> None:
    from ontology.lexicon import load_lexicon

    text = "Rates in pleomorphic, embryonal and alveolar RMS were low."
    head = text.index("alveolar")
    found = coordinated_subtypes(text, [(head, head + len("alveolar RMS"), "ARMS")],
                                 load_lexicon().forms("subtype"))
    assert found == [(text.index("pleomorphic"), head + len("alveolar RMS"), ("PRMS", "ERMS", "ARMS"))]
    assert coordinated_subtypes("Rates in young and alveolar RMS", [(19, 31, "ARMS")],
                                load_lexicon().forms("subtype")) == []


def test_zero_fraction_before_a_subtype_abbreviation() -> None:
    text = "Responses were 1 PR/22 in osteosarcoma, 0/13 EWS and 0/9 in chondrosarcoma."
    found = [(s.kind, s.value, s.total, text[s.group_span[0] : s.group_span[1]].strip()) for s in fraction_counts(text)]
    assert found == [("category", "1", 22, "in osteosarcoma"), ("zero", "0", 13, "EWS"),
                     ("zero", "0", 9, "in chondrosarcoma")]


def test_no_responses_in_a_named_arm() -> None:
    text = "Nine patients responded on the combination, while no responses were observed in the placebo arm."
    zeros = [s for s in result_statements(text) if s.kind == "zero"]
    assert [(s.value, text[s.group_span[0] : s.group_span[1]]) for s in zeros] == [("0", "the placebo arm")]
